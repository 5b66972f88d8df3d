"""The meeting pack as a 16:9 PowerPoint file: a title slide, one slide per chart, the summary table and the
methodology, each drawn by its own function."""

from __future__ import annotations

import io

from config.labels import t
from presentation.charts import without_title
from presentation.exports.images import chart_png, fit, png_size
from presentation.exports.pack import (
    Pack,
    PackChart,
    citation_lines,
    clean_pack,
    note_lines,
    summary_rows,
    table_rows,
)

# Slide geometry (inches, 16:9).
SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.5
CONTENT_W = SLIDE_W - 2 * MARGIN
GREY = (0x55, 0x55, 0x55)
ROW_H = 0.36  # summary table rows
NOTE_LINE_H = 0.25  # a note listed under a chart
CITATION_TOP, CITATION_H = 5.86, 0.46  # the citation's two lines, above the note and the source
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5  # of python-pptx's default template
CORE_PROPERTY_MAX = 255  # characters a document property (the title) may hold
TABLE_SLIDE_ROWS = 8  # rows of a table slide (above the citation) (then "... e altre N righe")


def _inches(*values: float):
    from pptx.util import Inches

    return [Inches(v) for v in values]


def _place(shape, left: float, top: float, width: float, height: float) -> None:
    shape.left, shape.top, shape.width, shape.height = _inches(left, top, width, height)


def _text_box(slide, lines: list[str], left: float, top: float, width: float, height: float, size: int,
              colour: tuple[int, int, int] | None = None, space: int = 0):
    """A text box of one paragraph per line, in ``size`` points (and ``colour``, ``space`` points after each)."""
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    box = slide.shapes.add_textbox(*_inches(left, top, width, height))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)
        if space:
            paragraph.space_after = Pt(space)
        if colour is not None:
            paragraph.font.color.rgb = RGBColor(*colour)
    return box


def _titled_slide(prs, text: str, size: int = 26):
    """A new title-only slide with its title (bold, wrapped) in the title placeholder."""
    from pptx.util import Pt

    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    title = slide.shapes.title
    _place(title, MARGIN, 0.3, CONTENT_W, 0.9)
    title.text = text
    frame = title.text_frame
    frame.word_wrap = True
    for paragraph in frame.paragraphs:
        paragraph.font.size = Pt(size)
        paragraph.font.bold = True
    return slide


def _footer(slide, source: str, note: str | None) -> None:
    """The note (when given) and the source line at the bottom of a slide."""
    if note:
        _text_box(slide, [note], MARGIN, 6.35, CONTENT_W, 0.5, 10, GREY)
    _text_box(slide, [source], MARGIN, 6.9, CONTENT_W, 0.35, 10, GREY)


def title_slide(prs, pack: Pack) -> None:
    """The pack's title, then territory, period, data version and date of preparation."""
    from pptx.util import Pt

    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    _place(slide.shapes.title, MARGIN, 1.6, CONTENT_W, 1.6)
    slide.shapes.title.text = pack.title
    subtitle = slide.placeholders[1]
    _place(subtitle, MARGIN, 3.5, CONTENT_W, 2.6)
    frame = subtitle.text_frame
    for i, line in enumerate(pack.subtitle_lines()):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(22 if i < 2 else 18 if i < 4 else 14)


def chart_slide(prs, pack: Pack, item: PackChart, number: int | None = None) -> None:
    """The chart as a PNG picture under its title (said once: the picture leaves it out), the caption under it, the
    notes the chart draws, its citation ("Fig. ``number``", identifier, version, link), the note and the source
    line; a slide without a chart shows its table."""
    if item.chart is None:
        table_slide(prs, pack, item, number)
        return
    slide = _titled_slide(prs, item.title)
    notes, cited = note_lines(item, pack.lang), citation_lines(item.citation, pack.lang, number)
    png = chart_png(without_title(item.chart), topojson=item.topojson)
    room = NOTE_LINE_H * len(notes) + (CITATION_H if cited else 0)
    width, height = fit(CONTENT_W, 4.3 - room, *png_size(png))
    picture = slide.shapes.add_picture(io.BytesIO(png), *_inches(MARGIN + (CONTENT_W - width) / 2, 1.3, width, height))
    picture.name = t("export.picture", pack.lang, title=item.title)[:250]
    _text_box(slide, [item.caption], MARGIN, 1.3 + height + 0.1, CONTENT_W, 0.6, 16)
    if notes:
        _text_box(slide, notes, MARGIN, 1.3 + height + 0.7, CONTENT_W, NOTE_LINE_H * len(notes), 11)
    _citation(slide, cited, item.citation)
    _footer(slide, pack.source, item.note)


def _citation(slide, lines: list[str], citation) -> None:
    """The citation's lines (identifier and version, then the link, clickable)."""
    if not lines:
        return
    box = _text_box(slide, lines, MARGIN, CITATION_TOP, CONTENT_W, CITATION_H, 10, GREY)
    box.text_frame.paragraphs[1].runs[0].hyperlink.address = citation.link


def _fill_table(table, header: list[str], rows: list[list[str]]) -> None:
    from pptx.util import Pt

    for i, cells in enumerate([header, *rows]):
        table.rows[i].height = _inches(ROW_H)[0]
        for j, text in enumerate(cells):
            cell = table.cell(i, j)
            cell.text = text
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = Pt(12)


def _table(slide, header: list[str], rows: list[list[str]], more: str | None, top: float) -> float:
    """A table of text rows from ``top`` (and the "... e altre N righe" line); the height it takes."""
    height = ROW_H * (len(rows) + 1)
    shape = slide.shapes.add_table(len(rows) + 1, len(header), *_inches(MARGIN, top, CONTENT_W, height))
    _fill_table(shape.table, header, rows)
    if more:
        _text_box(slide, [more], MARGIN, top + 0.1 + height, CONTENT_W, 0.4, 12)
        height += 0.5
    return height


def table_slide(prs, pack: Pack, item: PackChart, number: int | None = None) -> None:
    """A slide of a table (the overdue actions): the caption under the title, the table, its citation, the note and
    source."""
    slide = _titled_slide(prs, item.title)
    _text_box(slide, [item.caption], MARGIN, 1.25, CONTENT_W, 0.6, 16)
    header, rows, more = table_rows(item.table, pack.lang, TABLE_SLIDE_ROWS)
    if header:
        _table(slide, header, rows, more, 2.0)
    _citation(slide, citation_lines(item.citation, pack.lang, number), item.citation)
    _footer(slide, pack.source, item.note)


def summary_slide(prs, pack: Pack) -> None:
    """The summary table (at most ``SUMMARY_MAX_ROWS`` rows, then "... e altre N righe") and the source line."""
    slide = _titled_slide(prs, t("export.summary", pack.lang))
    header, rows, more = summary_rows(pack)
    if header:
        _table(slide, header, rows, more, 1.4)
    _citation(slide, citation_lines(pack.citation, pack.lang), pack.citation)
    _footer(slide, pack.source, None)


def methodology_size(paragraphs: list[str]) -> int:
    """The font size (points) at which the methodology's paragraphs fit a slide."""
    chars = sum(len(p) for p in paragraphs) + 80 * len(paragraphs)
    return 18 if chars < 900 else 16 if chars < 1400 else 14 if chars < 2000 else 12 if chars < 2800 else 10


def methodology_slide(prs, pack: Pack) -> None:
    """The methodology's paragraphs and the source line."""
    slide = _titled_slide(prs, t("export.methodology", pack.lang))
    _text_box(slide, list(pack.methodology), MARGIN, 1.3, CONTENT_W, 5.4, methodology_size(pack.methodology),
              space=6)
    _footer(slide, pack.source, None)


def pack_pptx(pack: Pack) -> bytes:
    """The pack as a 16:9 PowerPoint file: title, one slide per chart, summary table, methodology.

    Every slide's title is in its title placeholder; chart slides hold the chart as a PNG picture, the caption
    under it, the note (when given) and the source line at the bottom.
    """
    from pptx import Presentation

    pack = clean_pack(pack)  # a form's or a file's text the file cannot hold: cleaned
    prs = Presentation()
    prs.slide_width, prs.slide_height = _inches(SLIDE_W, SLIDE_H)
    title_slide(prs, pack)
    for number, item in enumerate(pack.charts, 1):
        chart_slide(prs, pack, item, number)
    summary_slide(prs, pack)
    methodology_slide(prs, pack)
    prs.core_properties.title = pack.title[:CORE_PROPERTY_MAX]
    prs.core_properties.language = pack.document_language
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
