"""Tinted tables (views/layout.py ``show_table(tint=...)``): the saturation view's level cells in the tint of their
level. Streamlit renders a pandas Styler cell by cell; the layout renders only the tinted cells through it, and the
user must see the same table: the same text in every cell and the same colours."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData

from views import layout, saturation

ORANGE, YELLOW = saturation.TINTS["full"], saturation.TINTS["near"]


def rendered(styler) -> tuple[str, pd.DataFrame]:
    """What Streamlit sends of a Styler: its CSS (the uuid left out) and the text of every cell."""
    proto = ArrowData()
    marshall_styler(proto, styler, "uuid")
    import pyarrow as pa

    shown = pa.ipc.open_stream(proto.styler.display_values).read_all().to_pandas()
    return re.sub(r"#T_\w+?_row", "#T_row", proto.styler.styles), shown


def whole_styler(table: pd.DataFrame, tint: list[str]):
    """The Styler of every cell, as pandas and Streamlit make it without the layout's cut."""
    first = table.columns[0]
    return table.style.apply(lambda column: [f"background-color: {c}" if c else "" for c in tint]
                             if column.name == first else [""] * len(column), axis=0)


def text_table(rows: int) -> pd.DataFrame:
    return pd.DataFrame({"Stato": [f"livello {i}" for i in range(rows)], "Progetto": [f"SAI {i}" for i in range(rows)],
                         "Posti": [f"{i:,}".replace(",", ".") for i in range(rows)],
                         "Presenze": ["<5" if i % 7 == 0 else str(i) for i in range(rows)]},
                        dtype=object)


@pytest.mark.parametrize("tint", [
    [ORANGE, ORANGE, YELLOW, "", "", YELLOW] + [""] * 44,  # the fullest first, a gap, nothing below row 6
    [""] * 49 + [ORANGE],  # the last row only
    [YELLOW] * 50,  # every row
])
def test_a_tinted_table_shows_what_the_whole_styler_shows(tint):
    table = text_table(50)
    css, cells = rendered(layout._tinted_cells(table, tint))
    assert (css, cells.to_dict()) == (lambda whole: (whole[0], whole[1].to_dict()))(rendered(whole_styler(table,
                                                                                                            tint)))
    tinted_rows = {int(r) for r in re.findall(r"row(\d+)_col0", css)}
    assert tinted_rows == {i for i, colour in enumerate(tint) if colour}
    assert "_col1" not in css and (ORANGE in css or YELLOW in css)


def test_the_cut_renders_only_the_tinted_cells():
    """The point of the cut: the Styler renders the first column down to the last tinted row, not every cell."""
    table = text_table(200)
    styler = layout._tinted_cells(table, [ORANGE] * 3 + [""] * 197)
    body = styler._translate(False, False)["body"]
    rendered_cells = [cell for row in body for cell in row if cell.get("id", "").startswith("row")]
    assert {cell["id"] for cell in rendered_cells} == {"row0_col0", "row1_col0", "row2_col0"}


@pytest.mark.parametrize("change", [{"Posti": range(20)}, {"Presenze": pd.Series([None] + ["7"] * 19, dtype=object)}],
                         ids=["numbers", "a missing cell"])
def test_a_table_not_all_in_text_is_rendered_whole(change):
    """Numbers, or a missing cell, would show differently outside the Styler (its format, its "None"): no cut, every
    cell rendered."""
    table = text_table(20).assign(**change)
    tint = [ORANGE] + [""] * 19
    assert rendered(layout._tinted_cells(table, tint))[1].to_dict() == rendered(whole_styler(table, tint))[1].to_dict()
    body = layout._tinted_cells(table, tint)._translate(False, False)["body"]
    assert sum(1 for row in body for cell in row if cell.get("id", "").startswith("row")) == 20 * 4


def test_the_saturation_view_tints_the_full_and_nearly_full_projects(open_page):
    """On the page: the level cell of each saturated project in orange, of each nearly saturated in yellow, of the
    others in none."""
    at = open_page("accoglienza", regione="03", a="2024-12")
    element = next(e for e in at.dataframe if "Stato" in e.value.columns)
    levels = element.value["Stato"].tolist()
    css = element.proto.arrow_data.styler.styles
    rules = re.findall(r"((?:#T_\w+_row\d+_col0(?:, )?)+) \{ background-color: (#\w+) \}", css)
    tinted = {int(row): colour for selectors, colour in rules for row in re.findall(r"row(\d+)_col0", selectors)}
    assert {i for i, word in enumerate(levels) if word.startswith("saturo")} == \
        {i for i, colour in tinted.items() if colour == ORANGE}
    assert {i for i, word in enumerate(levels) if word.startswith("quasi saturo")} == \
        {i for i, colour in tinted.items() if colour == YELLOW}
    assert any(word.startswith("saturo") for word in levels) and len(tinted) < len(levels)


def test_the_saturation_table_is_built_and_rendered_once_per_question_for_every_session(open_page, monkeypatch):
    """Issue 20: the table's text and its tinted cells are made once per question, and every session asking it is
    sent the same table; another language or period is another question."""
    from pandas.io.formats.style import Styler

    from presentation import view_cache

    view_cache.clear()  # another test may have asked the same
    calls = {"table": 0, "render": 0}
    table, translate = saturation.table, Styler._translate

    def counted_table(*args, **kwargs):
        calls["table"] += 1
        return table(*args, **kwargs)

    def counted_translate(self, *args, **kwargs):
        calls["render"] += 1
        return translate(self, *args, **kwargs)
    monkeypatch.setattr(saturation, "table", counted_table)
    monkeypatch.setattr(Styler, "_translate", counted_translate)

    def sent(at):
        element = next(e for e in at.dataframe if "Stato" in e.value.columns or "Status" in e.value.columns)
        return element.proto.arrow_data.styler.styles, element.value.to_dict()

    first = sent(open_page("accoglienza", regione="03", a="2024-12"))  # Panoramica's first (its own table), then this
    built = dict(calls)
    assert built["table"] == built["render"] >= 1, built
    second = sent(open_page("accoglienza", regione="03", a="2024-12"))
    assert calls == built and second == first and ORANGE in first[0]
    english = sent(open_page("accoglienza", lang="en", regione="03", a="2024-12"))
    assert calls["table"] > built["table"] and calls["render"] > built["render"]
    assert english[0] != "" and english[1] != first[1]
    built = dict(calls)
    sent(open_page("accoglienza", regione="03", a="2024-11"))
    assert calls == {"table": built["table"] + 1, "render": built["render"] + 1}, (calls, built)


def test_a_table_of_the_cache_is_converted_for_sending_once_for_every_session(open_page, monkeypatch):
    """Issue 20: a table built once per question (Rete's action plan and its overdue items) is also converted to
    what Streamlit sends once; a second session is sent the same bytes, as Streamlit would convert the frame."""
    from streamlit import dataframe_util

    from presentation import view_cache

    view_cache.clear()
    converted = []
    convert = dataframe_util.convert_pandas_df_to_arrow_table

    def counted(frame, *args, **kwargs):
        converted.append(tuple(frame.columns))
        return convert(frame, *args, **kwargs)
    monkeypatch.setattr(dataframe_util, "convert_pandas_df_to_arrow_table", counted)

    def plan_tables(at) -> list:
        return [e for e in at.dataframe if "Giorni di ritardo" in e.proto.arrow_data.data.decode("latin-1")]

    first = open_page("rete", provincia="064")
    plans = plan_tables(first)
    assert len(plans) == 2  # the overdue items at the top, the whole plan further down
    assert sum("Giorni di ritardo" in columns for columns in converted) == 2
    assert all(len(e.value) and {"Codice", "Giorni di ritardo"} <= set(e.value.columns) for e in plans)
    sample = text_table(5)  # what the layout sends of a frame is what Streamlit would send of it
    assert (dataframe_util.convert_arrow_table_to_arrow_bytes(convert(sample))
            == dataframe_util.convert_pandas_df_to_arrow_bytes(sample))
    converted.clear()
    second = open_page("rete", provincia="064")
    assert not [columns for columns in converted if "Giorni di ritardo" in columns]
    assert [e.proto.arrow_data.data for e in plan_tables(second)] == [e.proto.arrow_data.data for e in plans]
    assert converted  # the page's other tables, built at each run, are converted as before


def test_a_tinted_table_is_made_ready_to_send_once_and_sent_as_streamlit_makes_it(monkeypatch):
    """Issue 20: what Streamlit sends of a tinted table (its cells as text, its CSS) is made once, when the table is
    rendered, and every run sends that: the same as Streamlit's own marshalling of the Styler."""
    from streamlit.elements.lib import pandas_styler_utils
    from streamlit.testing.v1 import AppTest

    table = text_table(12)
    tint = [ORANGE, "", YELLOW] + [""] * 9
    styler = layout._tinted_cells(table, tint, uuid="abc")
    expected = ArrowData()
    marshall_styler(expected, styler, "abc")
    assert layout._send_styler_once()  # installed when views/layout.py is imported: installing again changes nothing
    made = []
    use_display_values = pandas_styler_utils._use_display_values
    monkeypatch.setattr(pandas_styler_utils, "_use_display_values", lambda *a: made.append(1) or use_display_values(*a))

    def script():
        import streamlit as st

        st.dataframe(st.session_state["styler"], hide_index=True)
        st.dataframe(st.session_state["plain"].style.set_uuid("plain"), hide_index=True)
    at = AppTest.from_function(script)
    at.session_state["styler"], at.session_state["plain"] = styler, table
    at.run()
    assert not at.exception
    sent, plain = at.dataframe[0].proto.arrow_data, at.dataframe[1].proto.arrow_data
    assert sent.styler == expected.styler and ORANGE in sent.styler.styles
    assert made == [1]  # the other Styler only: Streamlit's own, at each sending
    assert plain.styler.uuid == "plain" and plain.styler.display_values
