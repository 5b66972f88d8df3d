"""The meeting pack as an A4 landscape PDF, one page per slide of the PPTX (same order and titles), each drawn by
its own function.

Uses the DejaVu Sans TTF fonts (Debian package fonts-dejavu-core) so accents, «», and € print; a RuntimeError
names the package when they are missing.
"""

from __future__ import annotations

import io
from pathlib import Path

from config.labels import t
from presentation.charts import without_title
from presentation.exports.images import chart_png, fit, png_size
from presentation.exports.pack import (
    Pack,
    PackChart,
    citation_lines,
    clean_pack,
    note_lines,
    qr_png,
    summary_rows,
    table_rows,
)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = "DejaVuSans.ttf"
FONT_BOLD = "DejaVuSans-Bold.ttf"
FONT_PACKAGE = "fonts-dejavu-core"
FONT = "DejaVu"

# Page geometry (millimetres, A4 landscape).
LEFT = 15
TOP = 30.0  # below a page's title
CHART_H = 118
METHODOLOGY_SIZES = (14, 13, 12, 11, 10, 9, 8)  # tried in turn: the largest that fits the page
QR_SIZE = 26  # the QR code of a figure's link, at the bottom right above the footer
NOTE_LINE = 4.5  # a note listed under a chart
CITATION_Y = 168  # the citation's lines, beside the QR code
TABLE_PAGE_ROWS = 10  # rows of a table page (then "... e altre N righe")


def font_paths(lang: str = "it") -> tuple[Path, Path]:
    """The regular and bold DejaVu Sans fonts; a RuntimeError naming the Debian package when one is missing."""
    regular, bold = FONT_DIR / FONT_REGULAR, FONT_DIR / FONT_BOLD
    for path in (regular, bold):
        if not path.is_file():
            raise RuntimeError(t("export.no_font", lang, path=path, package=FONT_PACKAGE))
    return regular, bold


def _width(pdf) -> float:
    """The width between the page's margins."""
    return pdf.w - 2 * LEFT


def _new_document(pack: Pack):
    from fpdf import FPDF

    regular, bold = font_paths(pack.lang)
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(LEFT, 12, LEFT)
    pdf.add_font(FONT, "", str(regular))
    pdf.add_font(FONT, "B", str(bold))
    pdf.set_title(pack.title)
    pdf.set_lang(pack.document_language)
    pdf.set_creator(t("app.title", pack.lang))
    return pdf


def _titled_page(pdf, title: str) -> None:
    pdf.add_page()
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "B", 20)
    pdf.set_xy(LEFT, 12)
    pdf.multi_cell(_width(pdf), 9, title, align="L")  # never justified: a long heading kept its words close


def _footer(pdf, source: str, note: str | None) -> None:
    """The note (when given) and the source line at the bottom of a page, in grey."""
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(85, 85, 85)
    if note:
        pdf.set_xy(LEFT, pdf.h - 22)
        pdf.multi_cell(_width(pdf), 4, note, align="L")
    pdf.set_xy(LEFT, pdf.h - 12)
    pdf.multi_cell(_width(pdf), 4, source, align="L")
    pdf.set_text_color(0, 0, 0)


def title_page(pdf, pack: Pack) -> None:
    """The pack's title, then territory, period, data version and date of preparation."""
    pdf.add_page()
    pdf.set_font(FONT, "B", 28)
    pdf.set_xy(LEFT, 55)
    pdf.multi_cell(_width(pdf), 13, pack.title, align="L")
    pdf.ln(6)
    for i, line in enumerate(pack.subtitle_lines()):
        pdf.set_font(FONT, "", 18 if i < 2 else 14 if i < 4 else 11)
        pdf.set_x(LEFT)
        pdf.multi_cell(_width(pdf), 9 if i < 4 else 6, line, align="L")


def chart_page(pdf, pack: Pack, item: PackChart, number: int | None = None) -> None:
    """The chart under its title (said once: the picture leaves it out), the caption under it, the notes the chart
    draws, its citation ("Fig. ``number``", identifier, version, link) with the link's QR code, the note and the
    source line; a page without a chart shows its table."""
    if item.chart is None:
        table_page(pdf, pack, item, number)
        return
    _titled_page(pdf, item.title)
    top = max(TOP, pdf.get_y() + 3)  # under a title of two lines
    notes = note_lines(item, pack.lang)
    png = chart_png(without_title(item.chart), topojson=item.topojson)
    width, height = fit(_width(pdf), CHART_H - (top - TOP) - NOTE_LINE * len(notes), *png_size(png))
    pdf.image(io.BytesIO(png), x=LEFT + (_width(pdf) - width) / 2, y=top, w=width, h=height)
    text_width = _width(pdf) - (QR_SIZE + 4 if item.citation is not None else 0)
    pdf.set_font(FONT, "", 13)
    pdf.set_xy(LEFT, top + height + 4)
    pdf.multi_cell(text_width, 6, item.caption, align="L")
    pdf.set_font(FONT, "", 9)
    for line in notes:
        pdf.set_x(LEFT)
        pdf.multi_cell(text_width, NOTE_LINE, line, align="L")
    _citation(pdf, item.citation, citation_lines(item.citation, pack.lang, number), text_width)
    _footer(pdf, pack.source, item.note)


def _table(pdf, header: list[str], rows: list[list[str]], more: str | None, top: float) -> None:
    pdf.set_font(FONT, "", 10)
    pdf.set_xy(LEFT, top)
    with pdf.table(width=_width(pdf), line_height=6, text_align="LEFT", first_row_as_headings=True) as table:
        for cells in [header, *rows]:
            pdf_row = table.row()
            for text in cells:
                pdf_row.cell(text)
    if more:
        pdf.ln(3)
        pdf.set_x(LEFT)
        pdf.multi_cell(_width(pdf), 6, more, align="L")


def table_page(pdf, pack: Pack, item: PackChart, number: int | None = None) -> None:
    """A page of a table (the overdue actions): the caption under the title, the table, its citation, the note and
    source."""
    _titled_page(pdf, item.title)
    pdf.set_font(FONT, "", 13)
    pdf.set_xy(LEFT, max(TOP, pdf.get_y() + 3))
    pdf.multi_cell(_width(pdf), 6, item.caption, align="L")
    header, rows, more = table_rows(item.table, pack.lang, TABLE_PAGE_ROWS)
    if header:
        _table(pdf, header, rows, more, pdf.get_y() + 4)
    _citation(pdf, item.citation, citation_lines(item.citation, pack.lang, number), _width(pdf) - QR_SIZE - 4)
    _footer(pdf, pack.source, item.note)


def _citation(pdf, citation, lines: list[str], text_width: float) -> None:
    """The citation's lines in grey (identifier and version, then the link, clickable) and the link's QR code beside
    them, above the footer."""
    if citation is None:
        return
    head, link = lines
    pdf.set_text_color(85, 85, 85)
    pdf.set_font(FONT, "", 9)
    pdf.set_xy(LEFT, CITATION_Y)
    pdf.multi_cell(text_width, 4.5, head, align="L")
    pdf.set_font(FONT, "", 7)
    pdf.set_x(LEFT)
    pdf.multi_cell(text_width, 3.5, link, align="L", link=citation.link)
    pdf.set_text_color(0, 0, 0)
    pdf.image(io.BytesIO(qr_png(citation.link)), x=pdf.w - LEFT - QR_SIZE, y=CITATION_Y - 8, w=QR_SIZE,
              h=QR_SIZE, link=citation.link, alt_text=head)


def summary_page(pdf, pack: Pack) -> None:
    """The summary table (at most ``SUMMARY_MAX_ROWS`` rows, then "... e altre N righe") and the source line."""
    _titled_page(pdf, t("export.summary", pack.lang))
    header, rows, more = summary_rows(pack)
    if header:
        _table(pdf, header, rows, more, TOP)
    _citation(pdf, pack.citation, citation_lines(pack.citation, pack.lang), _width(pdf) - QR_SIZE - 4)
    _footer(pdf, pack.source, None)


def _methodology_height(pdf, paragraphs: list[str], size: int) -> float:
    """The height (mm) the paragraphs take at a font size, 3 mm after each."""
    from fpdf.enums import MethodReturnValue

    pdf.set_font(FONT, "", size)
    line_h = size * 0.5
    return sum(len(pdf.multi_cell(_width(pdf), line_h, p, dry_run=True, output=MethodReturnValue.LINES)) * line_h + 3
               for p in paragraphs)


def methodology_page(pdf, pack: Pack) -> None:
    """The methodology's paragraphs at the largest font size at which they fit the page, and the source line."""
    _titled_page(pdf, t("export.methodology", pack.lang))
    available = pdf.h - TOP - 18
    size = next((s for s in METHODOLOGY_SIZES if _methodology_height(pdf, pack.methodology, s) <= available),
                METHODOLOGY_SIZES[-1])
    pdf.set_font(FONT, "", size)
    pdf.set_xy(LEFT, TOP)
    for paragraph in pack.methodology:
        pdf.set_x(LEFT)
        pdf.multi_cell(_width(pdf), size * 0.5, paragraph, align="L")
        pdf.ln(3)
    _footer(pdf, pack.source, None)


def pack_pdf(pack: Pack) -> bytes:
    """The pack as an A4 landscape PDF, one page per slide of :func:`pptx_slides.pack_pptx`, same order and
    titles."""
    pack = clean_pack(pack)  # a form's or a file's text the file cannot hold: cleaned
    pdf = _new_document(pack)
    title_page(pdf, pack)
    for number, item in enumerate(pack.charts, 1):
        chart_page(pdf, pack, item, number)
    summary_page(pdf, pack)
    methodology_page(pdf, pack)
    return bytes(pdf.output())
