"""The lookup of the label catalogue (config/catalogue/, Italian first, English second) and the one formatter for
numbers and periods.

Pages never write user-facing strings themselves: they call :func:`t` with a key. A missing English label
falls back to Italian; a missing key raises, so a typo fails a test instead of showing a raw key.
"""

from __future__ import annotations

import functools
import math
import re

from config import catalogue

LANGUAGES = ("it", "en")
MONTHS = {
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
MONTHS_SHORT = {
    "it": ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

CATALOGUE = catalogue.CATALOGUE


def t(key: str, lang: str = "it", **values) -> str:
    """The label for a key in a language, with {placeholders} filled in."""
    entry = CATALOGUE[key]
    text = entry.get(lang) or entry["it"]
    return text.format(**values) if values else text


# --- Values in Markdown ----------------------------------------------------------------------------------------
# Streamlit draws st.markdown, st.caption, st.info/warning/error/success, labels, tabs and help as Markdown (with
# its own extensions: :colour[...], :material/icon: and emoji short codes, $math$). A value from a file, a form or a
# URL placed there must show as the characters it holds, never as a link, an image, a heading or a colour.
_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029]+")
_MARKUP = re.compile(r"([\\`*~\[\]<>#|$&])")  # emphasis, code, links and images, HTML, headings, tables, math
WORD_JOINER = "\u2060"  # an invisible character that joins, never breaks: it parts what a link finder looks for
# Streamlit finds links ("https://...", "www.", e-mail addresses) and icon or emoji codes (":material/lock:",
# ":smile:") in the text after Markdown has read its escapes: there a backslash does nothing, an invisible word
# joiner inside the pattern does (the reader sees the same characters).
_IN_CONTEXT = (
    (re.compile(r"(?<![^\W_])_|_(?![^\W_])"), r"\\_"),  # "_x_" emphasis ("per_100k" is none: left as it is)
    (re.compile(r"(?<=\w)(:)(?=//)"), rf"\1{WORD_JOINER}"),  # "https://...": an automatic link
    (re.compile(r"(?i)(?<![\w.])(www)(\.)"), rf"\1{WORD_JOINER}\2"),  # "www.esempio.it": an automatic link
    (re.compile(r"(@)"), rf"{WORD_JOINER}\1"),  # "nome@esempio.it": an automatic e-mail link
    (re.compile(r"(:)(?=[\w+/-]+:)"), rf"\1{WORD_JOINER}"),  # ":material/lock:", ":smile:": an icon or an emoji
    (re.compile(r"^([-+=])"), r"\\\1"),  # a list or a heading's underline, if the value starts a line
    (re.compile(r"^(\d+)([.)])"), r"\1\\\2"),  # a numbered list, if the value starts a line
)


def md_literal(value) -> str:
    """A value as Markdown that shows exactly its text: the characters that start Markdown (or Streamlit's own
    markup) escaped with a backslash, which CommonMark shows as the character itself; a word joiner inside what
    Streamlit would turn into a link, an icon or an emoji; line breaks made spaces (a value cannot start a heading,
    a list or a quote). Ordinary punctuation (. , : - ( ) «») is left as it is."""
    text = str(value)
    return _remembered(text) if len(text) <= 500 else _literal(text)


@functools.lru_cache(maxsize=8192)
def _remembered(text: str) -> str:
    """:func:`_literal` of a short text, made once: the same names and sentences come back at every run (eight
    replacements each; a Segnalazioni run of 32 alerts made 64). At most some 4 MB kept."""
    return _literal(text)


def _literal(text: str) -> str:
    text = _MARKUP.sub(r"\\\1", _LINE_BREAK.sub(" ", text))
    for pattern, replacement in _IN_CONTEXT:
        text = pattern.sub(replacement, text)
    return text


def t_md(key: str, lang: str = "it", **values) -> str:
    """:func:`t` for a Markdown element: the catalogue's own Markdown kept, every text value shown literally
    (:func:`md_literal`); numbers keep their format specifications."""
    return t(key, lang, **{name: md_literal(v) if isinstance(v, str) else v for name, v in values.items()})


# --- Formatting (Italian conventions: 1.234,5) -----------------------------------------------------------------
def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))  # NaN, pd.NA
    except TypeError:
        return True


def fmt_number(value, decimals: int = 0, lang: str = "it") -> str:
    if _missing(value):
        return t("app.not_available", lang)
    text = f"{float(value):,.{decimals}f}"
    if lang == "it":
        text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return text


NOISE_MARK = "*"  # presences published above the places within the protection's noise (data_access.plausible)


def fmt_count(value, small: bool = False, k: int = 5, lang: str = "it", mark: str | None = None) -> str:
    """A published count: "<k" where it is below the threshold, "n.d." where missing; "17*" where presences are
    published above the places within the noise (``mark`` "noise", data_access.plausible)."""
    if small:
        return f"<{k}"
    text = fmt_number(value, 0, lang)
    return text + NOISE_MARK if mark == "noise" and not _missing(value) else text


def fmt_occupancy(rate, mark: str | None = None, lang: str = "it") -> str:
    """An occupancy rate: "93,5%"; "pieno*" where presences exceed the places within the noise; "153,8%
    (sovraffollato)" where they exceed them by more than the noise can make (data_access.plausible)."""
    if mark == "noise":
        return t("realpath.full", lang) + NOISE_MARK
    text = fmt_percent(rate, 1, lang)
    return t("realpath.over", lang, rate=text) if mark == "over" and not _missing(rate) else text


def fmt_percent(value, decimals: int = 1, lang: str = "it", signed: bool = False) -> str:
    if _missing(value):
        return t("app.not_available", lang)
    text = fmt_number(abs(value) * 100 if signed else value * 100, decimals, lang) + "%"
    if signed:
        text = ("+" if value > 0 else "-" if value < 0 else "±") + text  # ASCII "-": st.metric reads the sign
    return text


def fmt_change(change, lang: str = "it", points: bool = False) -> str | None:
    """A change against the previous period, signed: "+6,2%", "−1,5%", "±0,0%"; with ``points`` a change of a rate
    in percentage points ("+1,5 punti"). None where there is none to show."""
    if _missing(change):
        return None
    value = float(change) * 100
    rounded = round(value, 1)
    sign = "+" if rounded > 0 else "\u2212" if rounded < 0 else "±"
    text = sign + fmt_number(abs(value), 1, lang)
    return t("panoramica.change_pp", lang, value=text) if points else text + "%"


def change_arrow(change) -> str:
    """The arrow of a change as st.metric draws it ("up", "down", or "off" for no change or none): told from the
    number, never from the text (a "−" is not read as a minus)."""
    if _missing(change) or round(float(change) * 100, 1) == 0:
        return "off"
    return "up" if change > 0 else "down"


def fmt_month(month: str, lang: str = "it", short: bool = False) -> str:
    names = (MONTHS_SHORT if short else MONTHS)[lang]
    return f"{names[int(month[5:7]) - 1]} {month[:4]}"


def fmt_period(unit: str, key: str | None, lang: str = "it") -> str:
    """A period key in words: "marzo 2025", "1° trimestre 2025", "anno 2025", "avviso 5"."""
    if not key:
        return t("app.not_available", lang)
    if unit == "mese":
        return fmt_month(key, lang)
    if unit == "trimestre":
        return f"{key[-1]}° trimestre {key[:4]}" if lang == "it" else f"Q{key[-1]} {key[:4]}"
    if unit == "anno":
        return f"anno {key}" if lang == "it" else f"year {key}"
    number = key.split("-", 1)[1]
    return f"avviso {number}" if lang == "it" else f"call {number}"
