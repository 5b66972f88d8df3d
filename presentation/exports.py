"""Downloadable files: tables (CSV, XLSX), chart images (PNG, SVG) and the meeting slide pack (PPTX, PDF).

Pure functions of what the page already shows: no Streamlit, no database, nothing recomputed. A table is
exported as the display strings of :func:`charts.table_view` (so "<5" stays "<5": the protection is the same as
on screen); a chart is rendered from its own Vega-Lite spec with the project theme (``config.theme``), whatever
theme is active in the process.

Spreadsheet safety: any text cell a spreadsheet would run as a formula (starting with "=", "+", "-", "@", tab
or carriage return) gets a leading apostrophe (:func:`neutralise`), as the audit CSV of ``data_access.auth``.

Rendering uses ``vl_convert`` (a bundled Deno/V8 runtime): the first conversion in a process starts the runtime
and takes about a second; later ones take about 0.1-0.5 s each. Nothing is cached here beyond what vl_convert
keeps itself.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
import math
import numbers
import re
import struct
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from config import theme as project_theme
from config.labels import fmt_number

# The same set as data_access.auth's audit CSV (kept separately: auth keeps its own).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = "DejaVuSans.ttf"
FONT_BOLD = "DejaVuSans-Bold.ttf"
FONT_PACKAGE = "fonts-dejavu-core"

SUMMARY_MAX_ROWS = 12
IMAGE_FORMATS = ("png", "svg")
FOOTER_WRAP = 110  # characters per footer line of an exported chart image
FOOTER_COLOUR = "#555555"
SHEET_NAME_MAX = 31
_SHEET_INVALID = re.compile(r"[\[\]:*?/\\]")
# Control characters an XLSX cell cannot hold (tab, newline and carriage return are allowed).
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Fixed texts of the exports ("it" first; "en" the English variant).
TEXT: dict[str, dict[str, str]] = {
    "source": {"it": "Fonte: dati aggregati dei progetti; dati al {date}; versione {version}",
               "en": "Source: aggregated project data; data as of {date}; version {version}"},
    # a published "<k" may hide a true count above k (up to k - 1 + D): say "after protection", never "1 to k-1"
    "small_note": {"it": "«<{k}»: valore protetto, meno di {k} dopo la protezione (vedi Metodologia)",
                   "en": "\"<{k}\": protected value, less than {k} after protection (see Methodology)"},
    "pack_title": {"it": "Pacchetto riunione", "en": "Meeting pack"},
    "territory": {"it": "Territorio: {territory}", "en": "Territory: {territory}"},
    "period": {"it": "Periodo: {period}", "en": "Period: {period}"},
    "data_version": {"it": "versione dei dati {version} (dati al {date})",
                     "en": "data version {version} (data as of {date})"},
    "built_on": {"it": "preparato il {date}", "en": "prepared on {date}"},
    "summary": {"it": "Tabella di sintesi", "en": "Summary table"},
    "more_rows": {"it": "... e altre {n} righe", "en": "... and {n} more rows"},
    "more_row": {"it": "... e un'altra riga", "en": "... and 1 more row"},
    "methodology": {"it": "Metodologia e protezione dei dati", "en": "Methodology and data protection"},
    "bad_format": {"it": "Formato immagine non supportato: «{fmt}». Formati disponibili: {formats}.",
                   "en": "Unsupported image format: \"{fmt}\". Available formats: {formats}."},
    "url_data": {"it": "Il grafico carica dati da un indirizzo ({url}) che l'esportazione non può leggere: "
                       "per una mappa passare la geometria con il parametro topojson.",
                 "en": "The chart loads data from an address ({url}) the export cannot read: for a map pass "
                       "the geometry with the topojson parameter."},
    "no_font": {"it": "Font per il PDF non trovato ({path}): installare il pacchetto Debian {package} "
                      "(apt-get install -y {package}).",
                "en": "PDF font not found ({path}): install the Debian package {package} "
                      "(apt-get install -y {package})."},
}


def _text(key: str, lang: str = "it", **values) -> str:
    entry = TEXT[key]
    text = entry.get(lang) or entry["it"]
    return text.format(**values) if values else text


def _date(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# --- Cells ---------------------------------------------------------------------------------------------------------
def neutralise(value) -> object:
    """A text a spreadsheet would run as a formula gets a leading apostrophe; any other value is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def source_line(*, data_version: int, data_date: datetime.date, lang: str = "it") -> str:
    """The source line under every export: "Fonte: dati aggregati dei progetti; dati al 23/11/2026; versione 3"."""
    return _text("source", lang, date=_date(data_date), version=data_version)


def small_value_note(k: int = 5, lang: str = "it") -> str:
    """The disclosure note for tables and charts holding "<k": "«<5»: valore protetto, meno di 5 dopo la
    protezione (vedi Metodologia)"."""
    return _text("small_note", lang, k=k)


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _csv_number(value) -> str:
    """A number as Italian Excel reads it: "-3", "12,5" (decimal comma, no thousands separator)."""
    if isinstance(value, numbers.Integral):
        return str(int(value))
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number).replace(".", ",")


def _csv_cell(value) -> str:
    if _missing(value):
        return ""
    if _is_number(value):
        return _csv_number(value)
    return neutralise(str(value))


# --- Tables --------------------------------------------------------------------------------------------------------
def table_csv(table: pd.DataFrame, *, title: str, source: str, note: str | None = None) -> bytes:
    """The table as CSV for Italian Excel: UTF-8 with BOM, ";" separator, CRLF line ends.

    Lines: the title, the header (the column names), the rows (text neutralised, numbers Italian style), an empty
    line, the source, and the note when given. Display strings ("1.234", "<5") are written as they are.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_cell(title)])
    writer.writerow([_csv_cell(str(c)) for c in table.columns])
    for row in table.itertuples(index=False, name=None):
        writer.writerow([_csv_cell(v) for v in row])
    writer.writerow([])
    writer.writerow([_csv_cell(source)])
    if note:
        writer.writerow([_csv_cell(note)])
    return buffer.getvalue().encode("utf-8-sig")


def sheet_name(name: str) -> str:
    """A valid Excel sheet name: without []:*?/\\, no apostrophe at either end, at most 31 characters."""
    cleaned = _SHEET_INVALID.sub("", name).strip().strip("'")[:SHEET_NAME_MAX].strip().strip("'")
    return cleaned or "Tabella"


def _xlsx_value(value):
    if _missing(value):
        return None
    if _is_number(value):
        number = float(value) if not isinstance(value, numbers.Integral) else int(value)
        return None if isinstance(number, float) and not math.isfinite(number) else number
    return neutralise(_XLSX_ILLEGAL.sub("", str(value)))


def _put(ws, row: int, column: int, value, *, bold: bool = False):
    from openpyxl.styles import Font

    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text
    if bold:
        cell.font = Font(bold=True)
    return cell


def table_xlsx(table: pd.DataFrame, *, title: str, source: str, note: str | None = None,
               sheet: str = "Tabella") -> bytes:
    """The table as an XLSX workbook: title (bold) in row 1, bold header in row 3, data from row 4, then the
    source and the note. Text cells are neutralised and stored as text; numbers stay numbers."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name(sheet)
    _put(ws, 1, 1, _xlsx_value(title), bold=True)
    headers = [_xlsx_value(str(c)) for c in table.columns]
    widths = [len(str(h or "")) for h in headers]
    for j, heading in enumerate(headers, start=1):
        _put(ws, 3, j, heading, bold=True)
    row_number = 3
    for row_number, row in enumerate(table.itertuples(index=False, name=None), start=4):
        for j, raw in enumerate(row, start=1):
            value = _xlsx_value(raw)
            _put(ws, row_number, j, value)
            shown = fmt_number(value, 0 if float(value).is_integer() else 2) if _is_number(value) else value
            widths[j - 1] = max(widths[j - 1], len(str(shown or "")))
    footer_row = max(row_number, 3) + 2
    _put(ws, footer_row, 1, _xlsx_value(source))
    if note:
        _put(ws, footer_row + 1, 1, _xlsx_value(note))
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- Chart images --------------------------------------------------------------------------------------------------
def _merge(base: dict, override: dict) -> dict:
    """``base`` updated in place with ``override``, nested dicts merged."""
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def _inline_topojson(node, topojson: dict | None) -> None:
    """Replace TopoJSON data loaded by URL with the given topology inline; refuse any other URL data."""
    if isinstance(node, dict):
        url = node.get("url")
        if isinstance(url, str):
            fmt = node.get("format")
            if topojson is not None and isinstance(fmt, dict) and fmt.get("type") == "topojson":
                del node["url"]
                node["values"] = topojson
            else:
                raise ValueError(_text("url_data", url=url))
        for value in node.values():
            _inline_topojson(value, topojson)
    elif isinstance(node, list):
        for value in node:
            _inline_topojson(value, topojson)


def _footer_lines(text: str | None) -> list[str]:
    if not text:
        return []
    return textwrap.wrap(text, FOOTER_WRAP, break_long_words=False, break_on_hyphens=False) or [text]


def chart_spec(chart, *, source: str | None = None, note: str | None = None,
               topojson: dict | None = None, lang: str = "it") -> dict:
    """The Vega-Lite spec to render: the chart in the project theme, with the source and the note below it.

    The footer is the title (at the bottom) of a one-chart ``vconcat`` around the chart, so it sits under the
    chart and its legends. The theme's config is applied whatever theme is active in the process; a config the
    chart sets itself (``configure_*``) wins over it. ``topojson`` replaces geometry loaded by URL.
    """
    own = chart.config
    inner = chart.copy()
    inner.config = alt.Undefined
    lines, note_lines = _footer_lines(source), _footer_lines(note)
    if lines or note_lines:
        first, rest = (lines, note_lines) if lines else (note_lines, [])
        footer = alt.TitleParams(
            text=first, subtitle=rest if rest else alt.Undefined, orient="bottom", anchor="start", offset=14,
            fontSize=11, fontWeight="normal", color=FOOTER_COLOUR, subtitleFontSize=11, subtitleColor=FOOTER_COLOUR)
        wrapped = alt.vconcat(inner).properties(title=footer)
    else:
        wrapped = alt.vconcat(inner)
    spec = wrapped.to_dict()
    config = copy.deepcopy(project_theme.theme()["config"])
    if own is not alt.Undefined:
        _merge(config, own.to_dict() if hasattr(own, "to_dict") else dict(own))
    config["locale"] = project_theme.locale(lang)
    spec["config"] = config
    _inline_topojson(spec, topojson)
    return spec


def _render(spec: dict, fmt: str, scale: float) -> bytes:
    import vl_convert as vlc

    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=scale)
    return vlc.vegalite_to_svg(spec).encode("utf-8")


def _check_format(fmt: str, lang: str = "it") -> str:
    name = str(fmt).lower().lstrip(".")
    if name not in IMAGE_FORMATS:
        raise ValueError(_text("bad_format", lang, fmt=fmt, formats=", ".join(IMAGE_FORMATS)))
    return name


def project_topojson() -> dict:
    """The dashboard's own map geometry (static/italia.topojson, built if missing), for exporting map charts."""
    import json

    from tools import topojson as geo

    return json.loads(geo.ensure_topojson().read_text(encoding="utf-8"))


def uses_project_topojson(chart_or_json) -> bool:
    """Whether a chart (or its JSON text) loads the dashboard's map geometry by URL (then export it with
    ``project_topojson()``)."""
    from tools import topojson as geo

    text = chart_or_json if isinstance(chart_or_json, str) else json_text(chart_or_json)
    return geo.TOPOJSON_URL in text


def json_text(chart) -> str:
    """The chart's spec as JSON text, without validation (cheap: for detecting URLs and "<k" labels)."""
    return chart.to_json(validate=False)


def chart_image(chart, *, fmt: str, source: str, note: str | None = None, scale: float = 2.0,
                topojson: dict | None = None, lang: str = "it") -> bytes:
    """An Altair chart as PNG or SVG bytes, in the screen theme, with the source line and note below it.

    ``scale`` multiplies the PNG's pixels (2: sharp on slides and high-density screens); SVG ignores it.
    ``topojson``: the topology of a map whose geometry the chart loads by URL (``charts.choropleth``).
    """
    name = _check_format(fmt)
    return _render(chart_spec(chart, source=source, note=note, topojson=topojson, lang=lang), name, scale)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels of a PNG (from its IHDR chunk)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("Immagine PNG non valida.")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


# --- Caption -------------------------------------------------------------------------------------------------------
# Regions take "in" like Italia, with two exceptions; names are matched on their Italian part ("Valle d'Aosta").
_REGION_PREPOSITION = {
    name.casefold(): "in" for name in (
        "Piemonte", "Valle d'Aosta", "Lombardia", "Trentino-Alto Adige", "Veneto", "Friuli-Venezia Giulia",
        "Friuli Venezia Giulia", "Liguria", "Emilia-Romagna", "Toscana", "Umbria", "Abruzzo", "Molise",
        "Campania", "Puglia", "Basilicata", "Calabria", "Sicilia", "Sardegna")
} | {"lazio": "nel", "marche": "nelle", "italia": "in"}


def _preposition(territory: str) -> str:
    return _REGION_PREPOSITION.get(territory.split("/", 1)[0].strip().casefold(), "a")


def _di_article(n: int) -> str:
    """The articulated "di" before an Italian percentage: "del 6%", "dell'8%", "dell'11%", "dello 0%"."""
    digits = str(n)
    if n == 0:
        return "dello "
    if n == 1 or digits.startswith("8") or (digits.startswith("11") and len(digits) % 3 == 2):
        return "dell'"
    return "del "


def caption_change(*, measure_label: str, territory: str, current, previous, period_word: str, lang: str = "it",
                   preposition: str | None = None, feminine: bool = False) -> str:
    """One line stating the main change of a measure on the previous period.

    "I posti occupati a Sondrio sono aumentati del 6% rispetto al trimestre precedente". The percentage is
    rounded to a whole number; a hidden ("<k": pass None/NA) or missing value, or a previous value of 0, gives
    "variazione non calcolabile" (a change is never computed from a protected value). ``preposition`` overrides
    the one before the territory ("a"; "in" for Italia and regions). ``feminine``: the measure label is feminine
    plural ("Le persone accolte ... sono aumentate").
    """
    en = lang == "en"
    place = f"in {territory}" if en else f"{preposition or _preposition(territory)} {territory}"
    subject = f"{measure_label} {place}"
    if _missing(current) or _missing(previous) or float(previous) == 0:
        if en:
            return f"{subject}: change not computable (values not available or protected)"
        return f"{subject}: variazione non calcolabile (valori non disponibili o protetti)"
    current, previous = float(current), float(previous)
    ending = "e" if feminine else "i"
    if current == previous:
        if en:
            return f"{subject} were unchanged on the previous {period_word}"
        return f"{subject} sono rimast{ending} invariat{ending} rispetto al {period_word} precedente"
    change = (current - previous) / abs(previous) * 100
    rounded = int(math.floor(abs(change) + 0.5))
    if rounded == 0:
        if en:
            return f"{subject} were almost unchanged (less than 1%) on the previous {period_word}"
        return (f"{subject} sono rimast{ending} quasi invariat{ending} (meno dell'1%) "
                f"rispetto al {period_word} precedente")
    percent = fmt_number(rounded, 0, lang) + "%"
    if en:
        verb = "rose" if change > 0 else "fell"
        return f"{subject} {verb} by {percent} on the previous {period_word}"
    verb = "aumentat" if change > 0 else "diminuit"
    return f"{subject} sono {verb}{ending} {_di_article(rounded)}{percent} rispetto al {period_word} precedente"


# --- Slide pack ----------------------------------------------------------------------------------------------------
@dataclass
class PackChart:
    """One chart slide: its title, the chart, a one-line caption, and optionally its table and disclosure note.

    ``topojson``: the geometry of a map chart (see :func:`chart_image`).
    """

    title: str
    caption: str
    chart: Any
    table: pd.DataFrame | None = None
    note: str | None = None
    topojson: dict | None = None


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

    @property
    def source(self) -> str:
        return source_line(data_version=self.data_version, data_date=self.data_date, lang=self.lang)

    @property
    def title(self) -> str:
        return f"{_text('pack_title', self.lang)} – {self.tavolo}"

    def subtitle_lines(self) -> list[str]:
        return [
            _text("territory", self.lang, territory=self.territory),
            _text("period", self.lang, period=self.period),
            _text("data_version", self.lang, version=self.data_version, date=_date(self.data_date)),
            _text("built_on", self.lang, date=_date(self.built_on)),
        ]


def _display(value, lang: str) -> str:
    """A summary cell as text: strings as they are, numbers Italian style, missing values empty."""
    if _missing(value):
        return ""
    if isinstance(value, str):
        return value
    if _is_number(value):
        number = float(value)
        if number.is_integer():
            return fmt_number(number, 0, lang)
        text = fmt_number(number, 2, lang)
        decimal = "," if lang == "it" else "."
        return text.rstrip("0").rstrip(decimal)
    return str(value)


def _summary_rows(pack: Pack) -> tuple[list[str], list[list[str]], str | None]:
    """Header, at most SUMMARY_MAX_ROWS rows as text, and the "... e altre N righe" line (or None)."""
    header = [str(c) for c in pack.summary.columns]
    rows = [[_display(v, pack.lang) for v in row]
            for row in pack.summary.head(SUMMARY_MAX_ROWS).itertuples(index=False, name=None)]
    extra = len(pack.summary) - len(rows)
    more = None
    if extra == 1:
        more = _text("more_row", pack.lang)
    elif extra > 1:
        more = _text("more_rows", pack.lang, n=extra)
    return header, rows, more


def _chart_png(item: PackChart, scale: float = 2.0) -> bytes:
    """The chart of a slide, without footer (the slide carries the source and note as text)."""
    return _render(chart_spec(item.chart, topojson=item.topojson), "png", scale)


def _fit(box_w: float, box_h: float, img_w: float, img_h: float) -> tuple[float, float]:
    ratio = min(box_w / img_w, box_h / img_h)
    return img_w * ratio, img_h * ratio


def _methodology_size(paragraphs: list[str]) -> int:
    chars = sum(len(p) for p in paragraphs) + 80 * len(paragraphs)
    return 18 if chars < 900 else 16 if chars < 1400 else 14 if chars < 2000 else 12 if chars < 2800 else 10


# Slide geometry (inches, 16:9).
_SLIDE_W, _SLIDE_H = 13.333, 7.5
_MARGIN = 0.5


def pack_pptx(pack: Pack) -> bytes:
    """The pack as a 16:9 PowerPoint file: title, one slide per chart, summary table, methodology.

    Every slide's title is in its title placeholder; chart slides hold the chart as a PNG picture, the caption
    under it, the note (when given) and the source line at the bottom.
    """
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    grey = RGBColor(0x55, 0x55, 0x55)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(_SLIDE_W), Inches(_SLIDE_H)
    title_layout, title_only = prs.slide_layouts[0], prs.slide_layouts[5]
    content_w = _SLIDE_W - 2 * _MARGIN

    def place(shape, left, top, width, height):
        shape.left, shape.top, shape.width, shape.height = Inches(left), Inches(top), Inches(width), Inches(height)

    def set_title(slide, text: str, size: int = 26) -> None:
        title = slide.shapes.title
        place(title, _MARGIN, 0.3, content_w, 0.9)
        title.text = text
        frame = title.text_frame
        frame.word_wrap = True
        for paragraph in frame.paragraphs:
            paragraph.font.size = Pt(size)
            paragraph.font.bold = True

    def text_box(slide, lines: list[str], left, top, width, height, size: int, colour=None, space: int = 0):
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(size)
            if space:
                paragraph.space_after = Pt(space)
            if colour is not None:
                paragraph.font.color.rgb = colour
        return box

    def footer(slide, note: str | None) -> None:
        if note:
            text_box(slide, [note], _MARGIN, 6.35, content_w, 0.5, 10, grey)
        text_box(slide, [pack.source], _MARGIN, 6.9, content_w, 0.35, 10, grey)

    # Title slide.
    slide = prs.slides.add_slide(title_layout)
    place(slide.shapes.title, _MARGIN, 1.6, content_w, 1.6)
    slide.shapes.title.text = pack.title
    subtitle = slide.placeholders[1]
    place(subtitle, _MARGIN, 3.5, content_w, 2.6)
    frame = subtitle.text_frame
    for i, line in enumerate(pack.subtitle_lines()):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(22 if i < 2 else 18)

    # Chart slides.
    for item in pack.charts:
        slide = prs.slides.add_slide(title_only)
        set_title(slide, item.title)
        png = _chart_png(item)
        width, height = _fit(content_w, 4.3, *png_size(png))
        picture = slide.shapes.add_picture(io.BytesIO(png), Inches(_MARGIN + (content_w - width) / 2), Inches(1.3),
                                           Inches(width), Inches(height))
        picture.name = f"Grafico: {item.title}"[:250]
        text_box(slide, [item.caption], _MARGIN, 1.3 + height + 0.1, content_w, 0.6, 16)
        footer(slide, item.note)

    # Summary table.
    slide = prs.slides.add_slide(title_only)
    set_title(slide, _text("summary", pack.lang))
    header, rows, more = _summary_rows(pack)
    if header:
        row_h = 0.36
        shape = slide.shapes.add_table(len(rows) + 1, len(header), Inches(_MARGIN), Inches(1.4), Inches(content_w),
                                       Inches(row_h * (len(rows) + 1)))
        table = shape.table
        for j, text in enumerate(header):
            table.cell(0, j).text = text
        for i, row in enumerate(rows, start=1):
            for j, text in enumerate(row):
                table.cell(i, j).text = text
        for i in range(len(rows) + 1):
            table.rows[i].height = Inches(row_h)
            for j in range(len(header)):
                for paragraph in table.cell(i, j).text_frame.paragraphs:
                    paragraph.font.size = Pt(12)
        if more:
            text_box(slide, [more], _MARGIN, 1.5 + row_h * (len(rows) + 1), content_w, 0.4, 12)
    footer(slide, None)

    # Methodology.
    slide = prs.slides.add_slide(title_only)
    set_title(slide, _text("methodology", pack.lang))
    size = _methodology_size(pack.methodology)
    text_box(slide, list(pack.methodology), _MARGIN, 1.3, content_w, 5.4, size, space=6)
    footer(slide, None)

    prs.core_properties.title = pack.title
    prs.core_properties.language = "it-IT" if pack.lang == "it" else "en-GB"
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _font_paths(lang: str = "it") -> tuple[Path, Path]:
    regular, bold = FONT_DIR / FONT_REGULAR, FONT_DIR / FONT_BOLD
    for path in (regular, bold):
        if not path.is_file():
            raise RuntimeError(_text("no_font", lang, path=path, package=FONT_PACKAGE))
    return regular, bold


def pack_pdf(pack: Pack) -> bytes:
    """The pack as an A4 landscape PDF, one page per slide of :func:`pack_pptx`, same order and titles.

    Uses the DejaVu Sans TTF fonts (Debian package fonts-dejavu-core) so accents, «», and € print; a
    RuntimeError names the package when they are missing.
    """
    from fpdf import FPDF
    from fpdf.enums import MethodReturnValue

    regular, bold = _font_paths(pack.lang)
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(15, 12, 15)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_title(pack.title)
    pdf.set_lang("it-IT" if pack.lang == "it" else "en-GB")
    pdf.set_creator("Cruscotto territoriale")
    page_w, page_h = pdf.w, pdf.h
    content_w = page_w - 30

    def new_page(title: str) -> None:
        pdf.add_page()
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("DejaVu", "B", 20)
        pdf.set_xy(15, 12)
        pdf.multi_cell(content_w, 9, title)

    def footer(note: str | None) -> None:
        pdf.set_font("DejaVu", "", 8)
        pdf.set_text_color(85, 85, 85)
        if note:
            pdf.set_xy(15, page_h - 22)
            pdf.multi_cell(content_w, 4, note)
        pdf.set_xy(15, page_h - 12)
        pdf.multi_cell(content_w, 4, pack.source)
        pdf.set_text_color(0, 0, 0)

    # Title page.
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 28)
    pdf.set_xy(15, 55)
    pdf.multi_cell(content_w, 13, pack.title)
    pdf.ln(6)
    for i, line in enumerate(pack.subtitle_lines()):
        pdf.set_font("DejaVu", "", 18 if i < 2 else 14)
        pdf.set_x(15)
        pdf.multi_cell(content_w, 9, line)

    # Chart pages.
    top = 30.0
    for item in pack.charts:
        new_page(item.title)
        png = _chart_png(item)
        width, height = _fit(content_w, 118, *png_size(png))
        pdf.image(io.BytesIO(png), x=15 + (content_w - width) / 2, y=top, w=width, h=height)
        pdf.set_font("DejaVu", "", 13)
        pdf.set_xy(15, top + height + 4)
        pdf.multi_cell(content_w, 6, item.caption)
        footer(item.note)

    # Summary table.
    new_page(_text("summary", pack.lang))
    header, rows, more = _summary_rows(pack)
    if header:
        pdf.set_font("DejaVu", "", 10)
        pdf.set_xy(15, top)
        with pdf.table(width=content_w, line_height=6, text_align="LEFT", first_row_as_headings=True) as table:
            for cells in [header, *rows]:
                pdf_row = table.row()
                for text in cells:
                    pdf_row.cell(text)
        if more:
            pdf.ln(3)
            pdf.set_x(15)
            pdf.multi_cell(content_w, 6, more)
    footer(None)

    # Methodology: the largest font size at which the paragraphs fit the page.
    new_page(_text("methodology", pack.lang))
    available = page_h - top - 18
    for size in (14, 13, 12, 11, 10, 9, 8):
        pdf.set_font("DejaVu", "", size)
        line_h = size * 0.5
        needed = sum(len(pdf.multi_cell(content_w, line_h, p, dry_run=True, output=MethodReturnValue.LINES))
                     * line_h + 3 for p in pack.methodology)
        if needed <= available:
            break
    pdf.set_xy(15, top)
    for paragraph in pack.methodology:
        pdf.set_x(15)
        pdf.multi_cell(content_w, line_h, paragraph)
        pdf.ln(3)
    footer(None)

    return bytes(pdf.output())
