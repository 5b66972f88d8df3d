"""What readers see of issue 16's protections, through AppTest on the seeds demo data: the sparsity guard (a
breakdown mostly of 0 and "<k" is not drawn; the page says why and its buttons open the coarser view), hours that
follow the people on Servizi, the map's published zeros, and the Metodologia page's new sections in both
languages."""

from __future__ import annotations

import numpy as np
import pytest

from data_access import analytics, geo
from data_access.scope import Filters, Scope
from tests.views.test_pages_analytics import chart, charts, open_tab, texts

EVERYTHING = Scope.everything()
AVELLINO_MONTH = {"provincia": "064", "regione": "15", "unita": "mese", "da": "2024-04", "a": "2024-04"}


def test_a_sparse_breakdown_is_not_drawn_and_the_coarser_view_is_one_click_away(open_page, seeded_engine):
    filters = Filters(unit="mese", start="2024-04", end="2024-04", region="15", province="064")
    breakdowns = analytics.emersione_breakdowns(EVERYTHING, filters, engine=seeded_engine)
    assert breakdowns["exploitation"].too_sparse("contacts")  # Avellino in one month: mostly 0 or "<5"
    at = open_page("emersione", **AVELLINO_MONTH)
    [guard] = [i.value for i in at.info if "non si disegna" in i.value]
    found = breakdowns["exploitation"].sparsity("contacts")
    assert guard.startswith(f"Questa ripartizione non si disegna a questo livello di dettaglio: {found.sparse} celle "
                            f"su {found.cells} sarebbero 0 o «<5» (il limite è 75%).")
    assert not [title for title in charts(at) if title.startswith("Contatti per forma di sfruttamento")]
    labels = [b.label for b in at.button if b.key and b.key.startswith("sparsity_emersione")]
    assert labels == ["Per trimestre", "Territorio più ampio"]
    at.button(key="sparsity_emersione_period").click().run()
    assert not at.exception, at.exception
    assert at.query_params["unita"] == "trimestre" and at.query_params["a"] == "2024-T2"


def test_a_breakdown_with_data_enough_is_drawn(open_page):
    at = open_page("emersione", unita="anno", da="2023", a="2023")
    assert not [i.value for i in at.info if "non si disegna" in i.value]
    assert "Contatti per forma di sfruttamento, Italia, anno 2023" in charts(at)


def test_the_guard_speaks_english(open_page):
    at = open_page("emersione", lang="en", **AVELLINO_MONTH)
    assert any(i.value.startswith("This breakdown is not drawn at this level of detail") for i in at.info)
    labels = [b.label for b in at.button if b.key and b.key.startswith("sparsity_emersione")]
    assert labels == ["By quarter", "Wider territory"]


def test_servizi_hours_follow_the_people(open_page, seeded_engine):
    at = open_page("servizi", progetto="DIAGRAMMI-NORD", da="2021", a="2021", unita="anno")
    expected = analytics.servizi_by_type(EVERYTHING, Filters(unit="anno", start="2021", end="2021",
                                                             project="DIAGRAMMI-NORD"),
                                         engine=seeded_engine).frame.set_index("category")
    open_tab(at, "tabs_servizi_type", "Ore")
    hours = chart(at, "Ore per tipo di servizio").data.set_index("category")["value"]
    for service in expected.index[:-1]:
        np.testing.assert_equal(hours[service], expected.at[service, "hours"])
        if expected.at[service, "people_small"]:
            assert np.isnan(expected.at[service, "hours"])  # no hours beside "<5"
        elif expected.at[service, "people"] == 0:
            assert expected.at[service, "hours"] == 0
    assert "le ore le seguono" in texts(at.caption)


def test_the_map_shows_0_where_a_project_works_and_nobody_was_counted(seeded_engine):
    """RETI-AVELLINO works in 064 from May 2023; its first outreach rows are of September. In June 2023 the map shows
    Avellino with a published 0 (not "n.d.", which would say "truly nobody" beside published zeros that may hide a
    few people); Torino, where no project of the demo works, stays out of the map."""
    frame = geo.map_values(EVERYTHING, Filters(unit="mese", start="2023-06", end="2023-06"), "contacts", "provincia",
                           engine=seeded_engine).frame.set_index("code")
    assert (frame.at["064", "value"], frame.at["064", "label"]) == (0, "0")
    assert "001" not in frame.index
    before = geo.map_values(EVERYTHING, Filters(unit="mese", start="2023-04", end="2023-04"), "contacts",
                            "provincia", engine=seeded_engine).frame
    assert "064" not in set(before["code"])  # before the project started: nobody works there


@pytest.mark.parametrize("lang", ["it", "en"])
def test_metodologia_explains_the_new_rules(open_page, lang):
    at = open_page("metodologia", lang=lang)
    text = " ".join(m.value for m in at.markdown)
    subheaders = [s.value for s in at.subheader]
    if lang == "it":
        assert {"Correzioni e invii ripetuti", "Ore accanto alle persone", "Zeri e celle vuote",
                "Ripartizioni troppo dettagliate"} <= set(subheaders)
        assert "nuovo rumore" in text and "75%" in text and "approvazione di un amministratore" in text
    else:
        assert {"Corrections and repeated uploads", "Hours beside people", "Zeros and empty cells",
                "Breakdowns too detailed"} <= set(subheaders)
        assert "fresh noise" in text and "75%" in text and "administrator's approval" in text
