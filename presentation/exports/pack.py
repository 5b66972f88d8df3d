"""The meeting pack as data: :class:`Pack` (title slide, chart slides, summary table, methodology) and
:class:`PackChart`, the summary as text rows, and the one-line caption of a change between two periods
(:func:`caption_change`; its Italian grammar comes from :mod:`presentation.grammar`).

The PPTX and PDF files of a pack are drawn by ``pptx_slides`` and ``pdf_pages``, slide for page.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from config.labels import fmt_number, t
from presentation.charts import day, frames_of
from presentation.exports.safe_text import clean_frame, clean_text, clean_value
from presentation.exports.tables import is_missing, is_number, source_line
from presentation.grammar import in_place, number_article, with_word

SUMMARY_MAX_ROWS = 12
NOTES_SHOWN = 3  # the notes listed under a chart slide; then "... e altre N note"
DOCUMENT_LANGUAGE = {"it": "it-IT", "en": "en-GB"}  # the language a PPTX or PDF declares


@dataclass
class PackChart:
    """One slide: its title, the chart (or, where ``chart`` is None, the ``table``: a table slide), a caption, and
    optionally a disclosure or source note. The chart keeps the screen's title (the same spec as the page); the
    slide shows the title once, on the slide, and the chart without it (``charts.without_title``).

    ``topojson``: the geometry of a map chart (see :func:`presentation.exports.images.chart_image`).
    ``annotations``: the notes drawn on the chart, listed under it; ``citation``: printed under it (with a QR code
    in the PDF).

    ``draw``: a function giving the chart and its annotations, called the first time either is read. The pack
    page shows the slides' titles and captions and draws no chart; a file, or anything reading ``chart``, draws
    them (once).
    """

    title: str
    caption: str
    chart: Any
    table: pd.DataFrame | None = None
    note: str | None = None
    topojson: dict | None = None
    annotations: list[str] = field(default_factory=list)  # the notes the chart draws, one line each
    citation: Any = None  # its citation (presentation.citations.Citation): the identifier, version and link
    draw: Callable[[], tuple[Any, list[str]]] | None = field(default=None, repr=False, compare=False)


def _drawn_when_read(name: str) -> property:
    """``PackChart.chart`` and ``annotations``: as given, or drawn by ``draw`` the first time one is read."""
    def read(item: PackChart):
        draw = item.__dict__.get("draw")
        if draw is not None:  # a drawing that fails is tried again at the next reading (the next click)
            item.__dict__["_chart"], item.__dict__["_annotations"] = draw()
            item.__dict__["draw"] = None
        return item.__dict__[f"_{name}"]

    def write(item: PackChart, value) -> None:
        item.__dict__[f"_{name}"] = value
    return property(read, write)


PackChart.chart = _drawn_when_read("chart")  # type: ignore[assignment]
PackChart.annotations = _drawn_when_read("annotations")  # type: ignore[assignment]


def shows_small(item: PackChart) -> bool:
    """Whether a slide's chart shows a value as "<k" (its data)."""
    if item.chart is None:
        return False
    return any("small" in frame and frame["small"].astype(bool).any() for frame in frames_of(item.chart))


@dataclass
class Pack:
    """A meeting pack: title slide, one slide per chart, the summary table and the methodology."""

    tavolo: str
    territory: str
    period: str
    data_version: int
    data_date: datetime.date
    built_on: datetime.date
    charts: list[PackChart]
    summary: pd.DataFrame
    methodology: list[str] = field(default_factory=list)
    lang: str = "it"
    citation: Any = None  # the summary table's citation (presentation.citations.Citation), printed under it
    left_out: list[str] = field(default_factory=list)  # the slides chosen but left out (no data), named
    span: str = ""  # the range's keys for file names ("2019-01_2025-12")
    small_note: str | None = None  # the note on "<k", on every chart slide where some chart shows a value as "<k"

    @property
    def source(self) -> str:
        return source_line(data_version=self.data_version, data_date=self.data_date, lang=self.lang)

    @property
    def title(self) -> str:
        return f"{t('pack.title', self.lang)} – {self.tavolo}"

    @property
    def document_language(self) -> str:
        return DOCUMENT_LANGUAGE.get(self.lang, DOCUMENT_LANGUAGE["it"])

    def subtitle_lines(self) -> list[str]:
        lines = [
            t("export.territory", self.lang, territory=self.territory),
            t("export.period", self.lang, period=self.period),
            t("export.data_version", self.lang, version=self.data_version, date=day(self.data_date)),
            t("export.built_on", self.lang, date=day(self.built_on)),
        ]
        if self.left_out:
            lines.append(t("meeting.pack.left_out", self.lang, slides="; ".join(self.left_out)))
        return lines

    def file_name(self, extension: str) -> str:
        """The file's name, with its territory, its period and the data version:
        "pacchetto-riunione-avellino-2023-09_2025-12-v2.pptx"."""
        parts = [t("meeting.pack.file", self.lang), slug(self.territory), self.span, f"v{self.data_version}"]
        return "-".join(p for p in parts if p) + f".{extension}"


def slug(text: str) -> str:
    """Words as a file name's part: ASCII, lower case, dashes ("Monza e della Brianza" -> "monza-e-della-brianza")."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9_]+", "-", text).strip("-")[:60]


def clean_pack(pack: Pack) -> Pack:
    """The pack with every text a slide or page shows cleaned of what a file cannot hold (``safe_text``): the
    tavolo's name typed in a form, names from files, the summary's cells. (The charts' own texts are cleaned
    when they are drawn.) Every chart is drawn here; where one shows a value as "<k", the chart slides without a
    note of their own carry ``small_note``."""
    small = pack.small_note if any(shows_small(item) for item in pack.charts) else None
    charts = [replace(item, title=clean_text(item.title), caption=clean_text(item.caption),
                      note=clean_value(item.note or (small if item.chart is not None else None)),
                      annotations=[clean_text(a) for a in item.annotations],
                      table=None if item.table is None else clean_frame(item.table)) for item in pack.charts]
    return replace(pack, tavolo=clean_text(pack.tavolo), territory=clean_text(pack.territory),
                   period=clean_text(pack.period), charts=charts, summary=clean_frame(pack.summary),
                   methodology=[clean_text(p) for p in pack.methodology],
                   left_out=[clean_text(p) for p in pack.left_out])


def note_lines(item: PackChart, lang: str = "it") -> list[str]:
    """The notes listed under a chart slide: at most NOTES_SHOWN, then "... e altre N note"."""
    shown = list(item.annotations[:NOTES_SHOWN])
    extra = len(item.annotations) - len(shown)
    return shown + ([t("annotations.more", lang, n=extra)] if extra > 0 else [])


def citation_lines(citation, lang: str = "it", number: int | None = None) -> list[str]:
    """A figure's citation as a slide prints it, cleaned: "Fig. 3 · Rif. K7Q2-M4XD · versione 12", then its link;
    nothing without one."""
    if citation is None:
        return []
    head = (t("citations.figure", lang, number=number) + " · " if number is not None else "") + citation.text(lang)
    return [clean_text(head), clean_text(citation.link)]


def qr_png(link: str) -> bytes:
    """A QR code of a link, as PNG (segno: pure Python; error correction M, a quiet zone of 2 modules)."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(link, error="m", micro=False).save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()


# --- Summary ---------------------------------------------------------------------------------------------------
def _display(value, lang: str) -> str:
    """A summary cell as text: strings as they are, numbers Italian style, missing values empty."""
    if is_missing(value):
        return ""
    if isinstance(value, str):
        return value
    if is_number(value):
        number = float(value)
        if number.is_integer():
            return fmt_number(number, 0, lang)
        text = fmt_number(number, 2, lang)
        decimal = "," if lang == "it" else "."
        return text.rstrip("0").rstrip(decimal)
    return str(value)


def summary_rows(pack: Pack) -> tuple[list[str], list[list[str]], str | None]:
    """Header, at most SUMMARY_MAX_ROWS rows as text, and the "... e altre N righe" line (or None)."""
    return table_rows(pack.summary, pack.lang)


def table_rows(table: pd.DataFrame, lang: str, limit: int = SUMMARY_MAX_ROWS
               ) -> tuple[list[str], list[list[str]], str | None]:
    """A table slide's header, at most ``limit`` rows as text, and the "... e altre N righe" line (or None)."""
    header = [str(c) for c in table.columns]
    rows = [[_display(v, lang) for v in row] for row in table.head(limit).itertuples(index=False, name=None)]
    extra = len(table) - len(rows)
    more = None
    if extra == 1:
        more = t("export.more_row", lang)
    elif extra > 1:
        more = t("export.more_rows", lang, n=extra)
    return header, rows, more


# --- Caption ---------------------------------------------------------------------------------------------------
def _change_key(current: float, previous: float) -> tuple[str, int]:
    """The caption's kind (its catalogue key) and the change rounded to a whole percentage."""
    if current == previous:
        return "export.change.unchanged", 0
    change = (current - previous) / abs(previous) * 100
    rounded = int(math.floor(abs(change) + 0.5))
    if rounded == 0:
        return "export.change.almost_unchanged", 0
    return ("export.change.up" if change > 0 else "export.change.down"), rounded


def caption_change(*, measure_label: str, territory: str, current, previous, period_word: str, lang: str = "it",
                   preposition: str | None = None, feminine: bool = False, figures: str | None = None) -> str:
    """One line stating the main change of a measure on the previous period.

    "I posti occupati a Sondrio sono aumentati del 6% rispetto al trimestre precedente". The percentage is
    rounded to a whole number; a hidden ("<k": pass None/NA) or missing value, or a previous value of 0, gives
    "variazione non calcolabile" (a change is never computed from a protected value). ``preposition`` overrides
    the one before the territory ("a"; "in" for Italia and regions). ``feminine``: the measure label is feminine
    plural ("Le persone accolte ... sono aumentate"). ``figures``: the compared figures with their periods
    ("dicembre 2025: 47; novembre 2025: 44"), added in brackets so that every value names its period.
    """
    place = f"{preposition} {territory}" if preposition and lang == "it" else in_place(territory, lang)
    subject = f"{measure_label} {place}"
    if is_missing(current) or is_missing(previous) or float(previous) == 0:
        sentence = t("realpath.not_computable" if figures else "export.change.not_computable", lang, subject=subject)
    else:
        key, rounded = _change_key(float(current), float(previous))
        sentence = t(key, lang, subject=subject, period=period_word, ending="e" if feminine else "i",
                     to_period=with_word("a", period_word), article=number_article(rounded),
                     percent=fmt_number(rounded, 0, lang) + "%")
    return f"{sentence} ({figures})" if figures else sentence

