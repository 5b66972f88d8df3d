"""Filters that follow the user (issue 14): through the menu and the language switch, in the widgets and in the
address; and the arrows of the changes on Panoramica and Accoglienza, up for rises, down for falls, none for no
change, whatever sign the text writes."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from config.labels import change_arrow, fmt_change
from data_access.filter_state import ALL

DIRECTION = {0: "down", 1: "up", 2: "off"}  # MetricProto.MetricDirection: DOWN, UP, NONE


def sidebar(at: AppTest) -> dict[str, object]:
    """The filter widgets' labels and values, and the options they show."""
    widgets = [*at.sidebar.selectbox, *at.sidebar.radio]
    return {w.label: w.value for w in widgets}


def shown_options(at: AppTest, label: str) -> list[str]:
    return next(w.options for w in [*at.sidebar.selectbox, *at.sidebar.radio] if w.label == label)


def address(at: AppTest) -> dict[str, str]:
    return {k: v[-1] if isinstance(v, list) else v for k, v in at.query_params.items()}


def click_menu(at: AppTest, page: str) -> AppTest:
    """A click in the sidebar menu: the page changes and the address loses its parameters."""
    at.query_params.clear()
    at.switch_page(f"views/{page}.py").run()
    assert not at.exception, at.exception
    return at


def test_filters_follow_the_user_through_the_menu(open_page):
    """Milano and "anno" chosen on Accoglienza stay after a click on Mappa, Panoramica and back: in the widgets and
    in the address (so a copied link opens the same view)."""
    at = open_page("accoglienza", provincia="015", unita="anno", programma="SAI")
    at.sidebar.selectbox(key="filtro_da").set_value("2022").run()
    chosen = {"provincia": "015", "unita": "anno", "programma": "SAI", "da": "2022", "a": "2025"}
    assert chosen.items() <= address(at).items()
    for page in ("mappa", "panoramica", "accoglienza"):
        at = click_menu(at, page)
        values = sidebar(at)
        assert (values["Provincia"], values["Periodo per"], values["Programma"]) == ("015", "anno", "SAI"), page
        assert {k: v for k, v in chosen.items() if page != "panoramica" or k != "da"}.items() <= address(at).items()
        assert not at.warning or "ignorato" not in " ".join(w.value for w in at.warning), page
    assert (sidebar(at)["Da"], sidebar(at)["A"]) == ("2022", "2025")  # Panoramica kept the range for Accoglienza
    assert any(m.value.startswith("Milano, dal 2022 al 2025") for m in at.markdown)


def test_a_copied_address_opens_the_same_view(open_page):
    at = open_page("accoglienza", provincia="015", unita="anno")
    link = address(at)
    again = open_page("accoglienza", **link)  # a new session opening the copied address
    assert sidebar(again) == sidebar(at) and address(again) == link


def test_the_language_switch_keeps_the_filters_and_redraws_them(open_page):
    """After the switch the filter bar speaks English, keeps its choices, and sends each choice to the browser
    again (set_value), so that no widget keeps the Italian words or shows nothing chosen."""
    at = open_page("accoglienza", provincia="015", unita="anno")
    before = sidebar(at)
    link = address(at)
    at.sidebar.selectbox(key="lang").set_value("en").run()
    assert not at.exception
    after = sidebar(at)
    assert {k: v for k, v in after.items() if k != "Lingua / Language"} == \
        {en: before[it] for it, en in (("Regione", "Region"), ("Provincia", "Province"), ("Periodo per", "Period by"),
                                       ("Da", "From"), ("A", "To"), ("Programma", "Programme"),
                                       ("Progetto", "Project"), ("Dati alla versione", "Data as of version"))}
    assert shown_options(at, "Period by") == ["month", "quarter", "year", "call period"]
    assert shown_options(at, "Project")[0] == "All projects" and after["Project"] == ALL
    assert address(at) == link
    redrawn = {w.label: (w.proto.set_value, w.proto.raw_value) for w in at.sidebar.selectbox
               if w.label != "Lingua / Language"}
    assert redrawn["Province"] == (True, "Milano") and redrawn["Project"] == (True, "All projects")
    assert redrawn["Data as of version"][1].startswith("current")  # never "" (Streamlit's "Choose an option")
    assert next(r for r in at.sidebar.radio if r.label == "Period by").proto.set_value
    at = click_menu(at, "emersione")  # and the filters still follow in English
    assert sidebar(at)["Province"] == "015" and address(at)["provincia"] == "015"


# --- Arrows -------------------------------------------------------------------------------------------------------
def test_changes_are_signed_and_their_arrows_follow_the_number():
    assert [fmt_change(c) for c in (0.062, -0.015, 0.0, 0.00004, None)] == ["+6,2%", "\u22121,5%", "±0,0%", "±0,0%",
                                                                            None]
    assert fmt_change(-0.001, points=True) == "\u22120,1 punti"
    assert fmt_change(0.001, "en", points=True) == "+0.1 points"
    assert [change_arrow(c) for c in (0.062, -0.015, 0.0, 0.00004, -0.0004, None)] == \
        ["up", "down", "off", "off", "off", "off"]


def test_panoramica_arrows_for_rise_fall_and_no_change(open_page):
    """Besozzo's places fell from 36 to 13 (down), Sondrio's stayed at 47 (no arrow), and Lombardia's contacts and
    the occupancy arrows follow their numbers, "−" and "±" alike."""
    at = open_page("panoramica", provincia="012", programma="SAI", unita="mese", a="2021-01")
    metrics = {m.label: (m.delta, DIRECTION[m.proto.direction]) for m in at.metric}
    assert metrics["Posti"] == ("\u221263,9%", "down")
    at = open_page("panoramica", provincia="014", programma="SAI", unita="mese", a="2025-06")
    metrics = {m.label: (m.delta, DIRECTION[m.proto.direction]) for m in at.metric}
    assert metrics["Posti"] == ("±0,0%", "off")
    assert metrics["Contatti"] == ("nessun dato inviato", "off")  # no outreach sent: said in words, no arrow
    at = open_page("accoglienza", regione="03", unita="anno", a="2023")
    for metric in at.metric:
        delta, direction = metric.delta, DIRECTION[metric.proto.direction]
        if delta:
            expected = "up" if delta.startswith("+") else "down" if delta.startswith("\u2212") else "off"
            assert direction == expected, (metric.label, delta, direction)
    assert any(d.startswith("+") for d in (m.delta for m in at.metric if m.delta)) or \
        any(d.startswith("\u2212") for d in (m.delta for m in at.metric if m.delta))
