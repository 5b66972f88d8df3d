"""Exports: CSV/XLSX tables, chart images and the meeting slide pack (PPTX/PDF), read back and checked."""

from __future__ import annotations

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET

import altair as alt
import pandas as pd
import pytest

from config import theme
from presentation import charts, exports

TITLE = "Persone accolte per territorio, 1° trimestre 2026"
SOURCE = exports.source_line(data_version=3, data_date=datetime.date(2026, 11, 23))
NOTE = "«<5»: valore protetto, meno di 5 dopo la protezione (vedi Metodologia)"
DATA_DATE = datetime.date(2026, 11, 23)
BUILT_ON = datetime.date(2026, 11, 24)


# --- cells and source line -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["=SUM(A1)", "+39 333", "-x", "@x", "\tcmd", "\rcmd"])
def test_neutralise_formula_text(value):
    assert exports.neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Sondrio", "<5", "1.234", "", " =x", -3, -2.5, 0, None])
def test_neutralise_leaves_other_values(value):
    assert exports.neutralise(value) == value
    assert type(exports.neutralise(value)) is type(value)


def test_source_line_both_languages():
    assert SOURCE == "Fonte: dati aggregati dei progetti; dati al 23/11/2026; versione 3"
    assert exports.source_line(data_version=3, data_date=DATA_DATE, lang="en") == (
        "Source: aggregated project data; data as of 23/11/2026; version 3")


@pytest.mark.parametrize(("texts", "k", "found"), [
    (['{"Presenze":{"0":"<5","1":"12"}}'], None, 5),  # a table's text: the note names its k
    (["Contatti: 1.234", "Prese in carico: <10"], None, 10),
    (["Posti: 1.234", "n.d."], None, None),  # nothing protected: no note
    (["Presenze <50 nel mese"], 5, None),  # "<50" is not "<5"
    (["Presenze <50 nel mese", "Accolte: <5."], 5, 5),
    ([], None, None),
])
def test_a_protected_value_is_found_in_the_texts_shown(texts, k, found):
    """One finder of "<k" for the page's tables, the charts' labels and the pack page's captions."""
    assert exports.small_value_in(texts, k) == found


def test_small_value_note():
    assert exports.small_value_note(5) == NOTE


def test_the_source_line_is_the_screens():
    """One sentence for the source under the screen's figures and under every file (the catalogue's app.source)."""
    from config.labels import t

    for lang in ("it", "en"):
        assert exports.source_line(data_version=3, data_date=DATA_DATE, lang=lang) == t(
            "app.source", lang, date="23/11/2026", version=3)


# --- CSV -----------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    """A table as the page shows it (display strings), with hostile text cells and real numbers."""
    return pd.DataFrame({
        "Territorio": ["Sondrio", "=SUM(A1)", "+39 333", "@x", "=HYPERLINK(\"http://esempio.it\")"],
        "Persone accolte": ["1.234", "<5", "12", "n.d.", "<5"],
        "Saldo": [-3, 2, 0, 7, 1],
        "Media": [12.5, 0.25, 3.0, -1.5, 2.0],
    })


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_csv_layout(table):
    data = exports.table_csv(table, title=TITLE, source=SOURCE, note=NOTE)
    text = data[3:].decode("utf-8")
    assert text.count("\r\n") == text.count("\n") == 1 + 1 + len(table) + 1 + 2
    rows = _csv_rows(data)
    assert rows[0] == [TITLE]
    assert rows[1] == list(table.columns)
    assert rows[1 + len(table) + 1] == []
    assert rows[-2:] == [[SOURCE], [NOTE]]
    assert all(len(r) == 4 for r in rows[1:2 + len(table)])
    assert ";" in text.splitlines()[1]


def test_csv_cells(table):
    body = _csv_rows(exports.table_csv(table, title=TITLE, source=SOURCE, note=NOTE))[2:2 + len(table)]
    territory, people, balance, mean = zip(*body, strict=True)
    assert territory == ("Sondrio", "'=SUM(A1)", "'+39 333", "'@x", "'=HYPERLINK(\"http://esempio.it\")")
    assert people == ("1.234", "<5", "12", "n.d.", "<5")  # exactly the screen's strings
    assert balance == ("-3", "2", "0", "7", "1")  # a negative number is a number, not neutralised text
    assert mean == ("12,5", "0,25", "3", "-1,5", "2")  # decimal comma


def test_csv_without_note_ends_with_source(table):
    rows = _csv_rows(exports.table_csv(table, title=TITLE, source=SOURCE))
    assert rows[-1] == [SOURCE]
    assert NOTE not in sum(rows, [])


def test_csv_missing_values_are_empty():
    frame = pd.DataFrame({"A": ["x", None], "B": pd.array([1, pd.NA], dtype="Int64")})
    rows = _csv_rows(exports.table_csv(frame, title="T", source=SOURCE))
    assert rows[2:4] == [["x", "1"], ["", ""]]


# --- XLSX ----------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sheet(table):
    from openpyxl import load_workbook

    data = exports.table_xlsx(table, title=TITLE, source=SOURCE, note=NOTE, sheet="Accoglienza: [Sondrio]/2026 ?*")
    return load_workbook(io.BytesIO(data)).active


def test_xlsx_title_header_and_footer(sheet, table):
    assert sheet["A1"].value == TITLE
    assert sheet["A1"].font.b
    assert [c.value for c in sheet[3]] == list(table.columns)
    assert all(c.font.b for c in sheet[3])
    last = 3 + len(table)
    assert sheet.cell(row=last + 2, column=1).value == SOURCE
    assert sheet.cell(row=last + 3, column=1).value == NOTE
    assert sheet.max_row == last + 3


def test_xlsx_formulas_stored_as_text(sheet):
    cells = {c.value: c for c in sheet["A"][3:8]}
    hyperlink = cells["'=HYPERLINK(\"http://esempio.it\")"]
    assert hyperlink.data_type == "s"
    for value in ("'=SUM(A1)", "'+39 333", "'@x"):
        assert cells[value].data_type == "s"
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_xlsx_values(sheet):
    assert [c.value for c in sheet["B"][3:8]] == ["1.234", "<5", "12", "n.d.", "<5"]
    balance = [c.value for c in sheet["C"][3:8]]
    assert balance == [-3, 2, 0, 7, 1]
    assert all(isinstance(v, int) for v in balance)
    assert sheet["D4"].value == 12.5 and sheet["D4"].data_type == "n"


def test_xlsx_sheet_name_and_widths(sheet):
    assert len(sheet.title) <= 31
    assert not set("[]:*?/\\") & set(sheet.title)
    assert sheet.title.startswith("Accoglienza Sondrio2026")
    # Column A holds the longest text (the HYPERLINK cell, 33 characters): wider than the numeric column C.
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["C"].width >= 8


@pytest.mark.parametrize(("name", "expected"), [("Tabella", "Tabella"), ("'Dati'", "Dati"), ("[]:*?/\\", "Tabella"),
                                                ("x" * 40, "x" * 31)])
def test_sheet_name(name, expected):
    assert exports.sheet_name(name) == expected


# --- chart images --------------------------------------------------------------------------------------------------
def month_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "period_key": ["2026-01", "2026-02", "2026-03"],
        "m": pd.array([1234, 3, 2000], dtype="Int64"),
        "m_small": [False, True, False],
    })


def line_chart(title: str = "Persone accolte a Sondrio") -> alt.LayerChart:
    return charts.time_series(month_frame(), unit="mese", measures=["m"], labels={"m": "Persone accolte"},
                              title=title, y_title="Persone")


def bar_chart(title: str) -> alt.LayerChart:
    frame = pd.DataFrame({"programme": ["SAI", "CAS", "FAMI"], "m": pd.array([40, 3, 12], dtype="Int64"),
                          "m_small": [False, True, False]})
    return charts.bars(frame, category="programme", measure="m", category_labels={"SAI": "SAI", "CAS": "CAS"},
                       title=title, x_title="Persone")


def svg_texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg.decode("utf-8"))
    return ["".join(e.itertext()) for e in root.iter() if e.tag.endswith("}text") or e.tag == "text"]


@pytest.fixture(scope="module")
def svg() -> bytes:
    theme.enable()
    return exports.chart_image(line_chart(), fmt="svg", source=SOURCE, note=NOTE)


def test_png_image():
    png = exports.chart_image(line_chart(), fmt="png", source=SOURCE, note=NOTE)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = exports.png_size(png)
    assert width > 1000 and height > 500  # scale 2: twice the 640 px chart width


def test_svg_has_title_source_and_note(svg):
    texts = svg_texts(svg)
    assert "Persone accolte a Sondrio" in texts
    assert SOURCE in texts
    assert NOTE in texts
    assert texts.index(SOURCE) > texts.index("Persone accolte a Sondrio")


def test_svg_in_project_theme_whatever_theme_is_active():
    with alt.theme.enable("default"):
        spec = exports.chart_spec(line_chart())
        svg = exports.chart_image(line_chart(), fmt="svg", source=SOURCE)
    assert spec["config"]["locale"] == theme.theme()["config"]["locale"]
    assert spec["config"]["view"]["continuousWidth"] == 640
    texts = svg_texts(svg)
    assert "2.000" in texts and "2,000" not in texts  # Italian number format from the theme's locale
    assert NOTE not in texts


def test_chart_config_wins_over_theme():
    spec = exports.chart_spec(line_chart().configure_title(fontSize=30))
    assert spec["config"]["title"]["fontSize"] == 30
    assert spec["config"]["title"]["anchor"] == "start"  # the rest of the theme kept


def test_long_note_is_wrapped():
    long_note = " ".join(["parola"] * 60)
    spec = exports.chart_spec(line_chart(), source=SOURCE, note=long_note)
    footer = spec["title"]
    assert footer["orient"] == "bottom"
    assert footer["text"] == [SOURCE]
    assert len(footer["subtitle"]) > 1
    assert " ".join(footer["subtitle"]) == long_note


@pytest.mark.parametrize("fmt", ["jpg", "pdf", ""])
def test_bad_format(fmt):
    with pytest.raises(ValueError, match="Formato immagine non supportato"):
        exports.chart_image(line_chart(), fmt=fmt, source=SOURCE)


FAKE_TOPOJSON = {
    "type": "Topology",
    "objects": {"province": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0]], "properties": {"code": "014", "name": "Sondrio"}},
        {"type": "Polygon", "arcs": [[1]], "properties": {"code": "016", "name": "Bergamo"}},
    ]}},
    "arcs": [[[9.0, 46.0], [10.0, 46.0], [10.0, 45.0], [9.0, 45.0], [9.0, 46.0]],
             [[10.0, 46.0], [11.0, 46.0], [11.0, 45.0], [10.0, 45.0], [10.0, 46.0]]],
}


def map_chart() -> alt.LayerChart:
    values = pd.DataFrame({"code": ["014", "016"], "name": ["Sondrio", "Bergamo"],
                           "value": pd.array([120, pd.NA], dtype="Int64"), "value_small": [False, True]})
    return charts.choropleth(values, topojson_url="app/static/italia.topojson", feature="province",
                             id_property="code", title="Mappa delle persone accolte", legend_title="Persone",
                             credit="ISTAT", width=200, height=150)


def test_map_with_inline_topojson():
    spec = exports.chart_spec(map_chart(), source=SOURCE, topojson=FAKE_TOPOJSON)
    assert "app/static/italia.topojson" not in str(spec)
    svg = exports.chart_image(map_chart(), fmt="svg", source=SOURCE, topojson=FAKE_TOPOJSON)
    texts = svg_texts(svg)
    assert "Mappa delle persone accolte" in texts and SOURCE in texts
    assert svg.count(b"<path") >= 2  # the two areas are drawn


def test_map_without_topojson_is_refused():
    with pytest.raises(ValueError, match="topojson"):
        exports.chart_image(map_chart(), fmt="png", source=SOURCE)


def test_export_messages_in_english():
    with pytest.raises(ValueError, match="Unsupported image format"):
        exports.chart_image(line_chart(), fmt="gif", source=SOURCE, lang="en")
    with pytest.raises(ValueError, match="pass the geometry with the topojson parameter"):
        exports.chart_spec(map_chart(), source=SOURCE, lang="en")


# --- slide pack ----------------------------------------------------------------------------------------------------
CAPTIONS = ["I posti occupati a Sondrio sono aumentati del 6% rispetto al trimestre precedente",
            "Le persone accolte a Sondrio sono diminuite del 10% rispetto al mese precedente",
            "I contatti a Sondrio sono rimasti invariati rispetto al mese precedente"]
CHART_TITLES = ["Posti e presenze a Sondrio", "Persone accolte per programma", "Contatti per mese à è «»"]
METHODOLOGY = ["I dati sono aggregati dai progetti e protetti con il Cell Key Method.",
               "«<5» indica un valore tra 1 e 4: il numero esatto non si mostra. Costi in €."]


def summary_frame(n: int = 15) -> pd.DataFrame:
    return pd.DataFrame({"Indicatore": [f"Indicatore {i}" for i in range(n)],
                         "Valore": ["<5" if i % 4 == 0 else f"{1000 + i:,}".replace(",", ".") for i in range(n)],
                         "Variazione": [f"+{i}%" for i in range(n)]})


def make_pack(n_charts: int = 3, *, lang: str = "it", summary_rows: int = 15) -> exports.Pack:
    builders = [line_chart, bar_chart, line_chart]
    items = [exports.PackChart(title=CHART_TITLES[i % 3] + ("" if i < 3 else f" ({i})"), caption=CAPTIONS[i % 3],
                               chart=builders[i % 3](CHART_TITLES[i % 3]), note=NOTE if i % 3 == 1 else None)
             for i in range(n_charts)]
    return exports.Pack(tavolo="Tavolo antitratta di Sondrio", territory="Sondrio", period="1° trimestre 2026",
                        data_version=3, data_date=DATA_DATE, built_on=BUILT_ON, charts=items,
                        summary=summary_frame(summary_rows), methodology=METHODOLOGY, lang=lang)


@pytest.fixture(scope="module")
def presentation():
    from pptx import Presentation

    theme.enable()
    return Presentation(io.BytesIO(exports.pack_pptx(make_pack())))


def shape_texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_pptx_slides_and_titles(presentation):
    slides = list(presentation.slides)
    assert len(slides) == 1 + 3 + 1 + 1
    assert [s.shapes.title.text for s in slides] == [
        "Pacchetto riunione – Tavolo antitratta di Sondrio", *CHART_TITLES, "Tabella di sintesi",
        "Metodologia e protezione dei dati"]
    assert abs(presentation.slide_width / presentation.slide_height - 16 / 9) < 0.01


def test_pptx_title_slide(presentation):
    text = shape_texts(presentation.slides[0])
    for part in ("Sondrio", "1° trimestre 2026", "versione dei dati 3 (dati al 23/11/2026)",
                 "preparato il 24/11/2026"):
        assert part in text


def test_pptx_chart_slides(presentation):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    for i, slide in enumerate(list(presentation.slides)[1:4]):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        picture = pictures[0]
        assert picture.image.content_type == "image/png"
        assert picture.left >= 0 and picture.left + picture.width <= presentation.slide_width
        assert picture.top + picture.height <= presentation.slide_height
        text = shape_texts(slide)
        assert CAPTIONS[i] in text
        assert SOURCE in text
        assert (NOTE in text) == (i == 1)


def test_pptx_summary_table(presentation):
    slide = presentation.slides[4]
    tables = [s.table for s in slide.shapes if s.has_table]
    assert len(tables) == 1
    cells = [[cell.text for cell in row.cells] for row in tables[0].rows]
    summary = summary_frame()
    assert cells[0] == list(summary.columns)
    assert cells[1:] == summary.head(12).astype(str).values.tolist()
    assert "... e altre 3 righe" in shape_texts(slide)


def test_pptx_methodology(presentation):
    text = shape_texts(presentation.slides[5])
    for paragraph in METHODOLOGY:
        assert paragraph in text


def test_pptx_english_without_charts_and_short_summary():
    from pptx import Presentation

    pack = make_pack(0, lang="en", summary_rows=4)
    slides = list(Presentation(io.BytesIO(exports.pack_pptx(pack))).slides)
    assert [s.shapes.title.text for s in slides] == [
        "Meeting pack – Tavolo antitratta di Sondrio", "Summary table", "Methodology and data protection"]
    assert "data version 3 (data as of 23/11/2026)" in shape_texts(slides[0])
    assert "more row" not in shape_texts(slides[1])
    assert len(next(s.table for s in slides[1].shapes if s.has_table).rows) == 5


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


@pytest.fixture(scope="module")
def pdf() -> bytes:
    theme.enable()
    return exports.pack_pdf(make_pack())


def test_pdf_pages(pdf):
    assert pdf.startswith(b"%PDF-")
    assert pdf_pages(pdf) == 1 + 3 + 1 + 1


def test_pdf_grows_with_charts(pdf):
    smaller = exports.pack_pdf(make_pack(1))
    assert pdf_pages(smaller) == 1 + 1 + 1 + 1
    assert len(pdf) > len(smaller) + 5000


def test_pptx_methodology_size_shrinks_with_the_text():
    sizes = [exports.pptx_slides.methodology_size(["x" * n]) for n in (100, 1000, 1500, 2500, 5000)]
    assert sizes == [18, 16, 14, 12, 10]


def test_pdf_needs_font(monkeypatch, tmp_path):
    monkeypatch.setattr(exports.pdf_pages, "FONT_DIR", tmp_path)
    with pytest.raises(RuntimeError, match="fonts-dejavu-core"):
        exports.pack_pdf(make_pack(0))


# --- caption -------------------------------------------------------------------------------------------------------
def caption(current, previous, **kw) -> str:
    args = {"measure_label": "I posti occupati", "territory": "Sondrio", "period_word": "trimestre"} | kw
    return exports.caption_change(current=current, previous=previous, **args)


def test_caption_increase_and_decrease():
    assert caption(53, 50) == "I posti occupati a Sondrio sono aumentati del 6% rispetto al trimestre precedente"
    assert caption(45, 50) == "I posti occupati a Sondrio sono diminuiti del 10% rispetto al trimestre precedente"


def test_caption_italian_numbers_and_articles():
    assert caption(2500, 100).endswith("aumentati del 2.400% rispetto al trimestre precedente")
    assert "dell'8%" in caption(54, 50)
    assert "dell'11%" in caption(111, 100)
    assert "dell'1%" in caption(101, 100)
    assert "del 18%" in caption(118, 100)


def test_caption_unchanged():
    assert caption(50, 50) == "I posti occupati a Sondrio sono rimasti invariati rispetto al trimestre precedente"
    assert "quasi invariati" in caption(1001, 1000)


@pytest.mark.parametrize(("current", "previous"), [(53, 0), (53, None), (None, 50), (pd.NA, 50), (53, pd.NA),
                                                   (float("nan"), 50)])
def test_caption_not_computable(current, previous):
    assert caption(current, previous) == (
        "I posti occupati a Sondrio: variazione non calcolabile (valori non disponibili o protetti)")


def test_caption_prepositions():
    assert caption(53, 50, territory="Italia").startswith("I posti occupati in Italia sono aumentati")
    assert caption(53, 50, territory="Lombardia").startswith("I posti occupati in Lombardia ")
    assert caption(53, 50, territory="Lazio").startswith("I posti occupati nel Lazio ")
    assert caption(53, 50, territory="Sondrio", preposition="nella provincia di").startswith(
        "I posti occupati nella provincia di Sondrio ")


def test_caption_feminine():
    assert exports.caption_change(measure_label="Le persone accolte", territory="Sondrio", current=45, previous=50,
                                  period_word="mese", feminine=True) == (
        "Le persone accolte a Sondrio sono diminuite del 10% rispetto al mese precedente")


def test_caption_english():
    en = {"measure_label": "Occupied places", "period_word": "quarter", "lang": "en"}
    assert caption(53, 50, **en) == "Occupied places in Sondrio rose by 6% on the previous quarter"
    assert caption(45, 50, **en) == "Occupied places in Sondrio fell by 10% on the previous quarter"
    assert caption(50, 50, **en) == "Occupied places in Sondrio were unchanged on the previous quarter"
    assert caption(None, 50, **en) == (
        "Occupied places in Sondrio: change not computable (values not available or protected)")


def pdf_texts(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def test_pdf_pages_say_what_the_slides_say(pdf):
    """The PDF alternative read back: the same titles, captions, source, version, summary figures and method."""
    pages = pdf_texts(pdf)
    assert len(pages) == 1 + 3 + 1 + 1
    squash = [p.replace(" ", "") for p in pages]  # text extraction may split or join words at line breaks
    assert "Tavolo antitratta di Sondrio" in pages[0] and "1° trimestre 2026" in pages[0]
    assert "versionedeidati3(datial23/11/2026)" in squash[0]
    for i, (title, caption) in enumerate(zip(CHART_TITLES, CAPTIONS, strict=True), start=1):
        assert title.replace(" ", "") in squash[i] and caption.replace(" ", "") in squash[i]
        assert SOURCE.replace(" ", "") in squash[i]
        assert (NOTE.replace(" ", "") in squash[i]) == (i == 2)
    summary = summary_frame()
    assert "Tabella di sintesi" in pages[4]
    for row in summary.head(12).astype(str).values.tolist():
        assert all(cell.replace(" ", "") in squash[4] for cell in row)
    for paragraph in METHODOLOGY:
        assert paragraph.replace(" ", "") in squash[5]


def test_the_map_geometry_of_the_files_is_read_again_when_the_file_changes(tmp_path, monkeypatch):
    """The geometry a map slide embeds is parsed once, and again when the file is rebuilt (a new version)."""
    import json
    import os

    from presentation.exports import images
    from tools import topojson as geo

    path = tmp_path / "italia.topojson"
    path.write_text(json.dumps({"type": "Topology", "objects": {"a": 1}}), encoding="utf-8")
    monkeypatch.setattr(geo, "ensure_topojson", lambda: path)
    first = exports.project_topojson()
    assert first == {"type": "Topology", "objects": {"a": 1}} and exports.project_topojson() is first  # parsed once
    path.write_text(json.dumps({"type": "Topology", "objects": {"b": 22}}), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)
    assert exports.project_topojson() == {"type": "Topology", "objects": {"b": 22}}
    images._parsed_topojson.cache_clear()


def test_the_files_draw_the_charts_and_say_what_small_values_mean():
    """A slide's chart is drawn when a file is made (``PackChart.draw``), once; where a chart shows a value as
    "<k", every chart slide without a note of its own carries the pack's note on "<k" (not the table slides)."""
    from presentation.exports.pack import clean_pack

    drawn = []

    def slide(small: bool, note: str | None = None):
        frame = pd.DataFrame({"periodo": ["gen", "feb"], "valore": [7, 0], "small": [False, small]})

        def draw():
            drawn.append(small)
            return alt.Chart(frame).mark_bar().encode(x="periodo:N", y="valore:Q"), ["1. una nota"]
        return exports.PackChart(title="Posti", caption="Didascalia", chart=None, note=note, draw=draw)

    def pack(*items) -> exports.Pack:
        made = make_pack(1)
        made.charts = [*items, exports.PackChart(title="Azioni", caption="", chart=None, table=summary_frame(2))]
        made.small_note = NOTE
        return made

    lazy = pack(slide(False), slide(True), slide(False, note="Fonte: Ministero"))
    assert drawn == []  # nothing drawn until a file is made
    cleaned = clean_pack(lazy)
    assert drawn == [False, True, False]
    assert [item.note for item in cleaned.charts] == [NOTE, NOTE, "Fonte: Ministero", None]
    assert cleaned.charts[0].annotations == ["1. una nota"] and cleaned.charts[0].chart is not None
    clean_pack(lazy)
    assert drawn == [False, True, False]  # drawn once
    assert [item.note for item in clean_pack(pack(slide(False), slide(False))).charts] == [None, None, None]


def test_a_slide_whose_drawing_fails_is_drawn_again_at_the_next_reading():
    """A chart that cannot be drawn at a click (the renderer's error reaches the user) is tried again at the next
    click, not lost."""
    tries = []

    def draw():
        tries.append(1)
        if len(tries) == 1:
            raise RuntimeError("renderer")
        return "grafico", ["1. nota"]

    item = exports.PackChart(title="Posti", caption="", chart=None, draw=draw)
    with pytest.raises(RuntimeError):
        item.chart  # noqa: B018 - reading it draws
    assert (item.chart, item.annotations, len(tries)) == ("grafico", ["1. nota"], 2)
