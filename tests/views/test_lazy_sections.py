"""Build only what is seen (issue 20): views.layout.show_chart and show_table draw nothing in a tab that is not
open when the page asks for lazy tabs (``st.tabs(..., on_change="rerun")``); with ordinary tabs, every tab is
drawn as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.views.test_pages_analytics import charts, open_tab

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


# --- The pages: a tab not open builds nothing until it is opened ------------------------------------------------------
# page, URL parameters, the lazy tabs' key, the label of a tab not open at first, the title of the chart it holds
HIDDEN = {
    "accoglienza": ({"provincia": "014", "programma": "SAI", "da": "2025-01", "a": "2025-06"},
                    "tabs_accoglienza_time", "Tasso di occupazione", "Tasso di occupazione, Sondrio"),
    "emersione": ({"regione": "03", "unita": "anno", "da": "2022", "a": "2024"},
                  "tabs_emersione_trend", "Valutazioni, vittime, prese in carico", "Valutazioni, potenziali vittime"),
    "rete": ({"provincia": "064", "unita": "anno", "da": "2024", "a": "2024"},
             "tabs_rete_meetings", "Organizzazioni presenti (media)", "Organizzazioni presenti in media per riunione"),
    "servizi": ({"progetto": "DIAGRAMMI-NORD", "unita": "trimestre", "da": "2020-T3", "a": "2022-T3"},
                "tabs_servizi_type", "Ore", "Ore per tipo di servizio"),
    "saturation": ({"regione": "03", "a": "2024-12"}, "tabs_saturation", "Grafico", "Saturazione dei progetti"),
}


@pytest.mark.parametrize("page", list(HIDDEN))
def test_a_hidden_tab_of_the_page_builds_nothing_until_opened(open_page, page):
    params, key, label, title = HIDDEN[page]
    at = open_page("accoglienza" if page == "saturation" else page, **params)  # the saturation view: on Accoglienza
    before = seen(at)
    assert not [t for t in before if t.startswith(title)], before  # not built, not sent
    after = seen(open_tab(at, key, label))
    assert [t for t in after if t.startswith(title)], after  # opened: built and drawn
    assert before - after  # the tab open before is now the one not built


def seen(at: AppTest) -> set[str]:
    """The charts (by title) and tables (by columns) sent to the browser."""
    return set(charts(at)) | {" | ".join(map(str, e.value.columns)) for e in at.dataframe}
