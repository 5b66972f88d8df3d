"""Build only what is seen (issue 20): views.layout.show_chart and show_table draw nothing in a tab that is not
open when the page asks for lazy tabs (``st.tabs(..., on_change="rerun")``); with ordinary tabs, every tab is
drawn as before."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

SCRIPT = '''
import sys
sys.path.insert(0, {root!r})
import pandas as pd
import streamlit as st
from presentation import charts
from views.layout import show_chart, show_table

lazy = st.query_params.get("lazy") == "1"
tabs = st.tabs(["Grafico", "Altro grafico", "Tabella"], **({{"on_change": "rerun", "key": "t"}} if lazy else {{}}))
frame = pd.DataFrame({{"category": ["a", "b"], "n": [10, 20], "n_small": [False, False], "is_total": [False, False]}})
for tab, title in zip(tabs[:2], ("Primo", "Secondo")):
    show_chart(tab, charts.bars(frame, category="category", measure="n", category_labels={{}}, title=title,
                                x_title="n", k=5), theme=None, source="Fonte: prova")
show_table(tabs[2], pd.DataFrame({{"Categoria": ["a"], "Numero": ["10"]}}), title="Tabella", source="Fonte: prova")
'''


def run(tmp_path: Path, lazy: bool) -> AppTest:
    script = tmp_path / "page.py"
    script.write_text(SCRIPT.format(root=str(Path(__file__).resolve().parents[2])), encoding="utf-8")
    at = AppTest.from_file(str(script), default_timeout=60)
    if lazy:
        at.query_params["lazy"] = "1"
    return at.run()


def titles(at: AppTest) -> list[str]:
    import json

    return [json.loads(e.proto.spec)["title"]["text"] for e in at.get("vega_lite_chart")]


def test_lazy_tabs_build_only_the_open_one(tmp_path):
    at = run(tmp_path, lazy=True)
    assert not at.exception
    assert titles(at) == ["Primo"] and not at.dataframe  # the other tabs: nothing built or sent


def test_ordinary_tabs_draw_every_tab(tmp_path):
    at = run(tmp_path, lazy=False)
    assert not at.exception
    assert titles(at) == ["Primo", "Secondo"] and len(at.dataframe) == 1
