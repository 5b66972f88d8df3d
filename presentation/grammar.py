"""Italian grammar for the sentences the dashboard writes from data: the preposition before a place ("a Sondrio",
"ad Avellino", "all'Aquila", "in Lombardia", "nel Lazio", "nelle Marche"), the article and the articulated
preposition before a word ("rispetto al mese", "rispetto all'anno", "dal 1° trimestre 2021", "da gennaio 2021"),
and before a number ("del 6%", "dell'8%", "dello 0%").

One function per question, each a pure function of the words, tested on a table of names
(tests/presentation/test_grammar.py). English needs none of it: every function takes ``lang`` and gives the
English form ("in Avellino", "from January 2021") where the language is not Italian.
"""

from __future__ import annotations

import re

from config.labels import MONTHS, fmt_period

# --- Articles and articulated prepositions ------------------------------------------------------------------------
_ARTICULATED = {  # preposition -> the forms joined with il, lo, l', la, i, gli, le
    "di": ("del", "dello", "dell'", "della", "dei", "degli", "delle"),
    "a": ("al", "allo", "all'", "alla", "ai", "agli", "alle"),
    "da": ("dal", "dallo", "dall'", "dalla", "dai", "dagli", "dalle"),
    "in": ("nel", "nello", "nell'", "nella", "nei", "negli", "nelle"),
    "su": ("sul", "sullo", "sull'", "sulla", "sui", "sugli", "sulle"),
}
ARTICLES = ("il", "lo", "l'", "la", "i", "gli", "le")
_VOWEL = re.compile(r"^[aeiouàèéìòóùh]", re.IGNORECASE)  # "h" is silent: "l'hotspot"
_LO = re.compile(r"^(s[bcdfghjklmnpqrstvwxz]|z|gn|ps|pn|x|y|i[aeiou])", re.IGNORECASE)  # "lo studio", "lo zero"


def article(word: str, *, feminine: bool = False, plural: bool = False) -> str:
    """The definite article before a word: "il mese", "l'anno", "lo zero", "la regione", "l'area", "gli anni",
    "le Marche". The word's gender and number are the caller's (``feminine``, ``plural``); its sound decides the
    rest."""
    if feminine:
        return "le" if plural else "l'" if _VOWEL.match(word) else "la"
    if plural:
        return "gli" if _VOWEL.match(word) or _LO.match(word) else "i"
    return "l'" if _VOWEL.match(word) else "lo" if _LO.match(word) else "il"


def articulated(preposition: str, the: str) -> str:
    """A preposition joined with an article: ("a", "l'") -> "all'", ("in", "le") -> "nelle", ("di", "il") -> "del"."""
    return _ARTICULATED[preposition][ARTICLES.index(the)]


def joined(preposition: str, the: str, words: str) -> str:
    """The articulated preposition before the words, with a space unless it ends in an apostrophe: "all'anno",
    "al mese"."""
    head = articulated(preposition, the)
    return f"{head}{words}" if head.endswith("'") else f"{head} {words}"


def with_word(preposition: str, word: str, *, feminine: bool = False, plural: bool = False) -> str:
    """A preposition and the article before a common noun: ("a", "anno") -> "all'anno", ("a", "mese") -> "al mese",
    ("di", "zero") -> "dello zero"."""
    return joined(preposition, article(word, feminine=feminine, plural=plural), word)


# --- Places -----------------------------------------------------------------------------------------------------
# Regions and areas that take an article ("nel Lazio", "nelle Marche", "nel Sud Sardegna") or "in" like Italia;
# matched on their Italian part ("Valle d'Aosta/Vallée d'Aoste" -> "valle d'aosta").
_REGIONS_IN = ("piemonte", "valle d'aosta", "lombardia", "trentino-alto adige", "veneto", "friuli-venezia giulia",
               "friuli venezia giulia", "liguria", "emilia-romagna", "toscana", "umbria", "abruzzo", "molise",
               "campania", "puglia", "basilicata", "calabria", "sicilia", "sardegna", "italia", "italy")
_PLACES = dict.fromkeys(_REGIONS_IN, "in") | {
    "lazio": "nel", "marche": "nelle",  # regions with their article
    "sud sardegna": "nel", "verbano-cusio-ossola": "nel",  # provinces named after an area, not a city
}
_LEADING_ARTICLE = re.compile(r"^(l'|la |il |lo |i |gli |le )(.+)$", re.IGNORECASE)  # "L'Aquila", "La Spezia"
_COUNTED = re.compile(r"^\d+\s")  # "12 province"


def _key(place: str) -> str:
    """The part of a place's name that decides its preposition: before a "/" (a second language), a "(" or a ","
    (a list or a note), lower case."""
    return re.split(r"[/(,]", place, maxsplit=1)[0].strip().casefold()


def place_preposition(place: str) -> str:
    """The preposition (simple or articulated) before a place as it is written: "a" (Sondrio), "ad" (Avellino),
    "in" (Lombardia, Italia), "nel" (Lazio), "nelle" (Marche, "12 province"); for a name that starts with its
    article ("L'Aquila", "La Spezia") the joined form with the article ("all'", "alla"): see :func:`in_place`."""
    key = _key(place)
    if key in _PLACES:
        return _PLACES[key]
    if _COUNTED.match(key):
        return "nelle"
    if key.startswith("progetti "):  # a data steward's scope: "nei progetti SAI-SONDRIO (Sondrio)"
        return "nei"
    found = _LEADING_ARTICLE.match(key)
    if found:
        return articulated("a", found.group(1).strip())
    return "ad" if key.startswith("a") else "a"


def in_place(place: str, lang: str = "it") -> str:
    """A place with the preposition of "where": "a Sondrio", "ad Avellino", "all'Aquila", "alla Spezia", "in
    Lombardia", "nel Lazio", "nelle Marche", "in Valle d'Aosta/Vallée d'Aoste", "in Italia"; English "in Sondrio"."""
    if lang != "it":
        return f"in {place}"
    found = _LEADING_ARTICLE.match(place.strip())
    if found and _key(place) not in _PLACES:  # the name's own article joins the preposition: "all'Aquila"
        return joined("a", found.group(1).strip().casefold(), found.group(2))
    return f"{place_preposition(place)} {place}"


# --- Periods and numbers -----------------------------------------------------------------------------------------
_MONTH_START = re.compile("^(" + "|".join(MONTHS["it"]) + r")\b", re.IGNORECASE)


def with_period(preposition: str, period: str, lang: str = "it") -> str:
    """A preposition before a period in words: a month takes none ("da gennaio 2021", "a dicembre 2025", "ad aprile
    2025"); a year,
    a quarter, a call period or a date takes the article ("dall'anno 2021", "dal 1° trimestre 2021", "dall'avviso
    5", "al 31/12/2025"). English: the preposition as given ("from", "to"...)."""
    if lang != "it":
        return f"{preposition} {period}"
    if _MONTH_START.match(period):
        return f"{'ad' if preposition == 'a' and _VOWEL.match(period) else preposition} {period}"
    first = period.split(" ", 1)[0]
    the = "il" if first[:1].isdigit() else article(first)
    return joined(preposition, the, period)


def period_range(unit: str, start: str, end: str, lang: str = "it") -> str:
    """A range of periods in words (keys of the unit): "da gennaio 2019 ad aprile 2025", "dal 1° trimestre 2019 al
    4° trimestre 2025", "dal 2019 al 2025", "dall'avviso 5 all'avviso 7"; one period alone as it is written;
    English "January 2019 to April 2025"."""
    if start == end or not start:
        return fmt_period(unit, end, lang)
    first, last = fmt_period(unit, start, lang), fmt_period(unit, end, lang)
    if lang != "it":
        return f"{start} to {end}" if unit == "anno" else f"{first} to {last}"
    if unit == "anno":
        first, last = start, end  # "dal 2019 al 2025"
    return f"{with_period('da', first)} {with_period('a', last)}"


def number_article(n: int, preposition: str = "di") -> str:
    """The articulated preposition before a number as it is read: "del 6%", "dell'8%", "dell'11%", "dell'1%",
    "dello 0%" ("di"), "al 6%", "all'80%" ("a"). It ends with a space, or with an apostrophe."""
    n = abs(int(n))
    digits = str(n)
    if n == 0:
        the = "lo"
    elif n == 1 or digits.startswith("8") or (digits.startswith("11") and len(digits) % 3 == 2):
        the = "l'"  # uno, otto, ottanta, undici, undicimila
    else:
        the = "il"
    head = articulated(preposition, the)
    return head if head.endswith("'") else head + " "
