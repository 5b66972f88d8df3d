"""Every file renderer (PNG, SVG, PDF, PPTX, CSV, XLSX) with every kind of text a file or a form can bring: control
characters (a project named ``Progetto\\x01Controllo``, the vertical tab Word pastes for Shift+Enter in the tavolo's
name), DEL and C1, lone surrogates, non-characters, right-to-left text and bidirectional overrides, emoji, very long
strings, markup. Each file is made and read back, and the process that made them is alive after (vl-convert used
to abort the whole server on the first of them).

The files are made in a child process (this file run as a script), one by one, each written to a folder as soon
as it is made: a renderer that kills its process shows as the files missing after it, not as a dead test run.
Also: a renderer that dies anyway (a spec sent around the cleaning) is refused with a sentence in the user's
language, and the next chart is drawn by a new renderer.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LONG = "Progetto " + "lunghissimo " * 10_000  # 120,009 characters
HOSTILE = {  # name -> (text, what a reader finds of it in the file: the cleaned text's start)
    "c0": ("Progetto\x01Controllo", "Progetto Controllo"),
    "vertical-tab": ("Tavolo\x0bdi Sondrio", "Tavolo di Sondrio"),
    "nul-escape": ("Rosso\x00\x1b[31m", "Rosso  [31m"),
    "del-c1": ("Uno\x7fdue\x85tre\x9f", "Uno due tre"),
    "surrogate": ("Uno\ud800due", "Uno\ufffddue"),
    "noncharacters": ("Uno\ufffedue\uffff\U0001fffe", "Unodue"),
    "bidi": ("Progetto \u202eaicnivorP\u202c \u200fمشروع\u200f עברית", "Progetto aicnivorP \u200fمشروع"),
    "emoji": ("Progetto 👩‍👩‍👧 🇮🇹 😀", "Progetto 👩‍👩‍👧 🇮🇹 😀"),
    "long": (LONG, "Progetto lunghissimo lunghissimo"),
    "markup": ("[Accedi di nuovo](http://esempio.it) <img src=x> =1+1", "[Accedi di nuovo](http://esempio.it) <img"),
}
FORMATS = ("png", "svg", "pdf", "pptx", "csv", "xlsx")
DATA_DATE = datetime.date(2026, 11, 23)


# --- The child: makes every file ---------------------------------------------------------------------------------
def _chart(text: str, in_frame: bool):
    import pandas as pd

    from presentation import charts

    label = text if in_frame else "Progetto"
    frame = pd.DataFrame({"project": [label, "Altro"], "m": pd.array([40, 3], dtype="Int64"),
                          "m_small": [False, True]})
    return charts.bars(frame, category="project", measure="m", category_labels={}, title=text, x_title=text)


def _make(fmt: str, text: str) -> bytes:
    """One file of ``fmt`` with ``text`` in every string it holds (titles, labels, cells, the tavolo's name)."""
    import pandas as pd

    from presentation import exports

    in_frame = "\ud800" not in text  # a DataFrame's text (Arrow) cannot hold a lone surrogate at all
    if fmt in ("png", "svg"):
        return exports.chart_image(_chart(text, in_frame), fmt=fmt, source=text, note=text)
    if fmt in ("pdf", "pptx"):
        summary = pd.DataFrame({"Indicatore": [text if in_frame else "x"], "Valore": ["<5"]})
        item = exports.PackChart(title=text, caption=text, chart=_chart(text, in_frame), note=text)
        pack = exports.Pack(tavolo=text, territory=text, period=text, data_version=3, data_date=DATA_DATE,
                            built_on=DATA_DATE, charts=[item], summary=summary, methodology=[text])
        return exports.pack_pptx(pack) if fmt == "pptx" else exports.pack_pdf(pack)
    table = pd.DataFrame({"Territorio": [text if in_frame else "x"], "Persone": ["<5"]})
    build = exports.table_csv if fmt == "csv" else exports.table_xlsx
    return build(table, title=text, source=text, note=text)


def make_all(folder: Path) -> None:
    """Every format with every text, each file written as soon as it is made (or its error as text)."""
    for name, (text, _found) in HOSTILE.items():
        for fmt in FORMATS:
            try:
                (folder / f"{name}.{fmt}").write_bytes(_make(fmt, text))
            except Exception as exc:  # noqa: BLE001 - the test reports it
                (folder / f"{name}.{fmt}.error").write_text(f"{type(exc).__name__}: {exc}"[:2000])
    (folder / "alive").write_text("the process made every file and is still running")


# --- The tests ---------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    result = subprocess.run([sys.executable, __file__, str(folder)], cwd=ROOT, capture_output=True, text=True,
                            timeout=900)
    (folder / "exit").write_text(json.dumps({"code": result.returncode, "stderr": result.stderr[-3000:]}))
    return folder


def test_the_process_that_made_the_files_is_alive_after(made):
    exit_ = json.loads((made / "exit").read_text())
    assert exit_["code"] == 0 and (made / "alive").exists(), exit_["stderr"]


def _visible(fmt: str, data: bytes) -> str:
    """The text a reader finds in a file."""
    if fmt == "svg":
        root = ET.fromstring(data.decode("utf-8"))
        return "\n".join("".join(e.itertext()) for e in root.iter() if e.tag.endswith("text"))
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
        return "\n".join(cell for row in rows for cell in row)
    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(data)).active
        return "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    if fmt == "pptx":
        from pptx import Presentation

        slides = Presentation(io.BytesIO(data)).slides
        return "\n".join(s.text_frame.text for slide in slides for s in slide.shapes if s.has_text_frame)
    if fmt == "pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return ""


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_renderer_draws_every_kind_of_text(made, name, fmt):
    path = made / f"{name}.{fmt}"
    error = made / f"{name}.{fmt}.error"
    assert not error.exists(), error.read_text() if error.exists() else ""
    assert path.exists(), f"no {fmt} for {name!r}: the process died before or while making it"
    data = path.read_bytes()
    signatures = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF", "pptx": b"PK", "xlsx": b"PK"}
    assert data.startswith(signatures.get(fmt, b""))
    found = HOSTILE[name][1]
    if fmt == "png" or (fmt == "pdf" and name in ("emoji", "bidi")):
        return  # pixels; DejaVu has no emoji and PDF text extraction reorders right-to-left letters
    shown = _visible(fmt, data)
    assert found in shown, (found, shown[:500])
    for forbidden in ("\x01", "\x0b", "\x00", "\x1b", "\x7f", "\x85", "\ufffe", "\u202e"):
        assert forbidden not in shown


def test_the_cut_keeps_long_texts_bounded(made):
    from presentation.exports.safe_text import MAX_CHARS

    shown = _visible("csv", (made / "long.csv").read_bytes())
    assert max(len(line) for line in shown.splitlines()) <= MAX_CHARS
    assert "…" in shown


def test_a_renderer_that_dies_is_told_in_the_users_language_and_replaced():
    """Around the cleaning (the raw spec sent straight to the renderer), vl-convert aborts its process: the chart is
    refused with a sentence, the server's process goes on, and the next chart gets a new renderer."""
    from presentation.exports import images, renderer

    spec = {"title": "Progetto\x01Controllo", "mark": "bar", "data": {"values": [{"a": 1}]},
            "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    images.render({**spec, "title": "prima"}, "svg")
    first = renderer.renderer_pid()
    with pytest.raises(renderer.RenderError) as refused:
        renderer.render_spec(spec, "png")
    assert str(refused.value).startswith("Il grafico non è stato disegnato")
    assert refused.value.text("en").startswith("The chart was not drawn")
    assert renderer.renderer_pid() is None
    assert images.render(spec, "svg").startswith(b"<svg")  # cleaned: drawn, by a new renderer
    assert renderer.renderer_pid() not in (None, first)


def test_a_renderer_that_hangs_is_stopped(monkeypatch, tmp_path):
    from presentation.exports import renderer

    hanging = tmp_path / "hanging.py"
    hanging.write_text("import time\ntime.sleep(600)\n")
    monkeypatch.setattr(renderer, "CHILD", hanging)
    child = renderer._Child()
    with pytest.raises(renderer.RenderError) as refused:
        child.render({"fmt": "svg", "scale": 1, "spec": {}}, timeout=1)
    assert "entro 1 secondi" in str(refused.value)
    assert child.pid is None  # stopped, not left running


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    make_all(Path(sys.argv[1]))
