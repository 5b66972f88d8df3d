"""The app through Streamlit's AppTest: the demo banner, the Panoramica figures, filters from the URL, and the
Metodologia page."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_access import queries, sql
from data_access.scope import Filters, Scope
from tests.conftest import log_in

APP = str(Path(__file__).resolve().parents[2] / "app.py")
D = 5  # largest noise of the default p-table (DISCLOSURE.md): a shown count is within D of the raw one


@pytest.fixture
def app_on(seeded_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", seeded_engine.url.render_as_string(hide_password=False))

    def start(user: str = "demo.amministratore", **params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        log_in(at, seeded_engine, user)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return start


def metrics(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def count(text: str) -> int:
    """A whole number as the page shows it ("1.234"; "17*" above the places within the noise)."""
    return int(text.replace(".", "").rstrip("*"))


def arrows(at: AppTest) -> dict[str, str]:
    """The arrow st.metric draws beside each change: "up", "down" or "off"."""
    names = {0: "down", 1: "up", 2: "off"}  # MetricProto.MetricDirection: DOWN, UP, NONE
    return {m.label: names[m.proto.direction] for m in at.metric}


def raw_sum(demo_data, table: str, column: str, provinces, months, project: str | None = None,
            programme: str | None = None) -> int:
    """A raw count from the generator's frames (what was loaded, before the noise)."""
    frame = demo_data.frames[table]
    frame = frame[frame["province_code"].isin(set(provinces)) & frame["period"].isin(set(months))]
    if project:
        frame = frame[frame["project_code"] == project]
    if programme:
        programmes = demo_data.projects.set_index("project_code")["programme"]
        frame = frame[frame["project_code"].map(programmes) == programme]
    return int(frame[column].sum())


def test_panoramica_sondrio_sai_shows_the_known_places(app_on, demo_data):
    at = app_on(provincia="014", programma="SAI", unita="mese", a="2025-06")
    assert not at.exception
    shown = metrics(at)
    assert shown["Posti"][0] == "47"  # SAI Provincia di Sondrio: 47 places
    assert shown["Posti"][1] == "±0,0%"  # same as the month before
    assert "DATI DIMOSTRATIVI SINTETICI" in " ".join(w.value for w in at.warning)
    assert any("**Sondrio**" in m.value and "giugno 2025" in m.value for m in at.markdown)
    presences = count(shown["Presenze"][0])  # 40-46 people every month: never "<5"
    raw = raw_sum(demo_data, "capacity", "occupied", ["014"], ["2025-06"], project="SAI-SONDRIO")
    assert abs(presences - raw) <= D
    assert shown["Posti liberi"][0] == str(47 - presences)  # places minus the presences shown
    assert shown["Tasso di occupazione"][0] == f"{100 * presences / 47:.1f}%".replace(".", ",")
    # SAI sends no outreach table: missing, not 0, and no change shown
    assert shown["Prese in carico"] == ("\u2014", "nessun dato inviato")
    assert shown["Contatti"] == ("\u2014", "nessun dato inviato")


def test_panoramica_besozzo_cut_from_36_to_13(app_on, demo_data):
    at = app_on(provincia="012", programma="SAI", unita="mese", a="2021-01")
    assert not at.exception
    # Besozzo is Varese's only SAI project: 36 places in December 2020, 13 from January 2021.
    shown = metrics(at)
    assert shown["Posti"] == ("13", "\u221263,9%")  # (13 - 36) / 36
    assert arrows(at)["Posti"] == "down"  # a fall, whatever sign the text writes
    presences = shown["Presenze"][0]
    raw = raw_sum(demo_data, "capacity", "occupied", ["012"], ["2021-01"], project="SAI-BESOZZO")
    assert presences == "<5" or abs(count(presences) - raw) <= D
    if presences != "<5":
        assert shown["Posti liberi"][0] == str(max(13 - count(presences), 0))
    at_before = app_on(provincia="012", programma="SAI", unita="mese", a="2020-12")
    before = metrics(at_before)
    assert before["Posti"][0] == "36"
    assert before["Posti liberi"][0] == str(36 - count(before["Presenze"][0]))
    assert shown["Posti liberi"][1].startswith("\u2212") and arrows(at)["Posti liberi"] == "down"  # fell with the cut


def test_panoramica_veneto_take_ins_of_navigare(app_on, demo_data):
    """Veneto's anti-trafficking figures in 2022: Navigare's contacts and take-ins (to September), and the
    N.A.Ve apartment in Padova at the year's last month (4 places, 0-4 people: shown as "<5" or 0)."""
    at = app_on(regione="05", programma="ANTITRATTA", unita="anno", a="2022")
    assert not at.exception
    shown = metrics(at)
    veneto = [f"0{n}" for n in range(23, 30)]
    months = [f"2022-{m:02d}" for m in range(1, 13)]
    for label, measure in (("Prese in carico", "take_ins"), ("Contatti", "contacts")):
        raw = raw_sum(demo_data, "outreach", measure, veneto, months, programme="ANTITRATTA")
        assert raw > 5 * D and abs(count(shown[label][0]) - raw) <= D, label
        assert shown[label][1].startswith("+")  # 2022 had more than 2021's six months
    places = raw_sum(demo_data, "capacity", "places", veneto, ["2022-12"], programme="ANTITRATTA")
    assert shown["Posti"][0] == str(places) == "4"
    presences = shown["Presenze"][0]
    if presences == "<5":  # free places cannot be derived from a "<5"
        assert (shown["Posti liberi"][0], shown["Tasso di occupazione"][0]) == ("n.d.", "n.d.")
    else:
        assert shown["Posti liberi"][0] == str(max(places - count(presences), 0))


def test_panoramica_figures_equal_the_published_query(app_on, seeded_engine):
    at = app_on(unita="trimestre", a="2023-T4", regione="03")
    assert not at.exception
    expected = queries.headline(Scope.everything(), Filters(unit="trimestre", start="2023-T4", end="2023-T4",
                                                            region="03"), engine=seeded_engine).frame
    shown = metrics(at)
    presences = expected.set_index("measure").loc["occupied"]
    text = "<5" if presences["small"] else f"{int(presences['value']):,}".replace(",", ".")
    assert shown["Presenze"][0] == text
    contacts = expected.set_index("measure").loc["contacts"]
    assert contacts["value"] > 100  # Lombardy's outreach in the last quarter of 2023 is found
    assert shown["Contatti"][0] == ("<5" if contacts["small"] else f"{int(contacts['value']):,}".replace(",", "."))
    places, occupied = (expected.set_index("measure").at[m, "value"] for m in ("places", "occupied"))
    assert shown["Posti"][0] == f"{int(places):,}".replace(",", ".")
    assert shown["Tasso di occupazione"][0] == f"{100 * occupied / places:.1f}%".replace(".", ",")
    assert shown["Posti liberi"][0] == f"{int(places - occupied):,}".replace(",", ".")
    coverage = next(f.value for f in at.dataframe if "Ultimo mese" in f.value.columns)  # after the saturation view
    assert {"Progetto", "Ultimo mese", "Programma"} <= set(coverage.columns)
    assert "SAI Provincia di Sondrio" in " ".join(coverage["Progetto"])


def test_a_missing_database_is_reported_and_not_created(tmp_path, monkeypatch):
    missing = tmp_path / "refuso" / "cruscotto.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{missing}")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == [f"Il database SQLite «{missing}» non esiste: crearlo con `python "
                                           "manage.py init-db` (o `make run`), oppure correggere DATABASE_URL."]
    assert list(tmp_path.iterdir()) == []


def test_invalid_url_parameters_are_ignored_with_a_notice(app_on):
    at = app_on(provincia="999", unita="settimana", a="2025-13")
    assert not at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "«provincia» ignorato" in notices
    assert "«unita» ignorato" in notices
    assert "«a» ignorato" in notices
    assert metrics(at)["Posti"][0] not in ("", None)  # the page still shows figures for the default view


def test_english_labels(app_on, seeded_engine):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "en"
    log_in(at, seeded_engine, "demo.amministratore")
    at.run()
    assert not at.exception
    assert "Places" in metrics(at)
    assert "SYNTHETIC DEMO DATA" in " ".join(w.value for w in at.warning)


def test_metodologia_page(app_on):
    at = app_on()
    at.switch_page("views/metodologia.py").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Cell Key Method" in text and "«<5»" in text and "somma delle parti" in text
    # the parameters in force, what a "<5" may hide (from the p-table: up to k - 1 + D) and why totals over a range
    # are those of its last period
    assert "rumore massimo D = 5, varianza V = 3" in text and "soglia di visualizzazione k = 5" in text
    assert "possono esserci fino a 9 persone" in text and "uno 0 pubblicato può invece nascondere" in text
    assert "sono quelli dell'ultimo periodo dell'intervallo" in " ".join(text.replace("**", "").split())
    ptable = at.dataframe[0].value
    row8 = ptable[ptable.iloc[:, 0] == "8"]
    assert len(row8) == 11
    assert row8.iloc[:, 3].tolist()[5] == "0,5000"  # p(0) of row 8, with the Italian decimal comma
    assert "Presenze sopra i posti" in [s.value for s in at.subheader]  # how presences above the places are read


def test_coverage_is_cached_across_periods(seeded_engine, monkeypatch):
    """The coverage table does not depend on the period: changing the period must not recompute it."""
    calls = []
    original = sql.QUERIES["coverage"]
    monkeypatch.setitem(sql.QUERIES, "coverage", lambda *a: calls.append(a) or original(*a))
    sql.cached_result.clear()
    for month in ("2025-01", "2025-02", "2025-03"):
        queries.coverage(Scope.everything(), Filters(unit="mese", start=month, end=month, region="03"),
                         engine=seeded_engine)
    assert len(calls) == 1
    queries.coverage(Scope.everything(), Filters(unit="mese", start="2025-03", end="2025-03", region="05"),
                     engine=seeded_engine)
    assert len(calls) == 2  # another territory is another question


def test_the_shared_cache_never_mixes_scopes(seeded_engine):
    """Streamlit's cache is shared by all users: two scopes asking the same question get their own answers."""
    sql.cached_result.clear()
    sondrio, padova = Scope(provinces=frozenset({"014"})), Scope(provinces=frozenset({"028"}))
    filters = Filters(unit="mese", start="2025-06", end="2025-06")
    for _ in range(2):  # the second round is served from the cache
        assert set(queries.filter_choices(sondrio, None, engine=seeded_engine)["provinces"]["code"]) == {"014"}
        assert set(queries.filter_choices(padova, None, engine=seeded_engine)["provinces"]["code"]) == {"028"}
        names = queries.filter_choices(sondrio, None, engine=seeded_engine)["names"]
        assert (dict(names.regions), dict(names.provinces)) == ({"03": "Lombardia"}, {"014": "Sondrio"})
        assert set(names.projects) == set(queries.filter_choices(sondrio, None, engine=seeded_engine)["projects"]
                                          ["project_code"]) and "SAI-PD" not in str(dict(names.projects))
        places = {scope: queries.headline(scope, filters, engine=seeded_engine).frame.set_index("measure")
                  .at["places", "value"] for scope in (sondrio, padova)}
        assert places[sondrio] == 47  # SAI Provincia di Sondrio only
        assert places[padova] == 4  # the N.A.Ve apartment in Padova only
        projects = set(queries.coverage(padova, filters, engine=seeded_engine).frame["project_code"])
        assert projects == {"NAVE-POLIS-PD", "FAMI-POLIS-PD", "NAVIGARE"}  # Navigare covered all of Veneto
