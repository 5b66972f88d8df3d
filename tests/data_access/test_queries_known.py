"""The query functions against figures known from the demo generator, on SQLite and PostgreSQL.

The raw figures come from the generator's own frames (the ``demo_data`` fixture, the rows loaded into
``seeded_engine``) and from the seeds it documents (data_access/demo.py): the months each project reports, SAI
Sondrio's 47 places, Besozzo's cut from 36 to 13 places, Navigare's 2,500 contacts, 600 programmes and 150
take-ins, DIAGRAMMI Nord's services. Places and hours are not counts of people and must match exactly. Counts
of people are published with the Cell Key Method: one published cell differs from its raw count by at most D,
and a published value in (0, k) shows as "<k" (missing value, ``small`` flag).
"""

from __future__ import annotations

import pandas as pd
import pytest

from config import settings
from data_access import analytics, queries
from data_access.reference import reference_frames
from data_access.scope import Filters, Scope

EVERYTHING = Scope.everything()
PARAMS = settings.ckm_params()
D, K = PARAMS.D, PARAMS.k
VENETO, LOMBARDIA = "05", "03"


def test_the_noise_bound_is_the_documented_one():
    # DISCLOSURE.md: D = 5, k = 5 by default. If configuration changes them, the tolerances below follow.
    assert (D, K) == (5, 5)


# --- Raw figures from the generator's frames --------------------------------------------------------------------
@pytest.fixture(scope="module")
def regions() -> dict[str, set[str]]:
    provinces = reference_frames()["provinces"]
    return {code: set(group["code"]) for code, group in provinces.groupby("region_code")}


def _rows(demo_data, table: str, provinces: set[str], months, programme: str | None = None,
          project: str | None = None) -> pd.DataFrame:
    frame = demo_data.frames[table]
    frame = frame[frame["province_code"].isin(provinces) & frame["period"].isin(set(months))]
    if programme:
        programmes = demo_data.projects.set_index("project_code")["programme"]
        frame = frame[frame["project_code"].map(programmes) == programme]
    if project:
        frame = frame[frame["project_code"] == project]
    return frame


def raw_headline(demo_data, provinces: set[str], months, programme: str | None = None) -> dict:
    """What headline must publish, before the noise: places and presences at the last month with capacity data,
    contacts and take-ins summed over the months."""
    capacity = _rows(demo_data, "capacity", provinces, months, programme)
    snapshot = capacity["period"].max()
    at_snapshot = capacity[capacity["period"] == snapshot]
    outreach = _rows(demo_data, "outreach", provinces, months, programme)
    sent = len(outreach) > 0  # no outreach row: nothing sent, missing (not 0)
    return {"snapshot": snapshot, "places": int(at_snapshot["places"].sum()),
            "occupied": int(at_snapshot["occupied"].sum()),
            "contacts": int(outreach["contacts"].sum()) if sent else None,
            "take_ins": int(outreach["take_ins"].sum()) if sent else None}


def assert_published(value, small: bool, raw: int, what: str = "") -> None:
    """A published cell against its raw count: missing where nothing was sent (``raw`` None), 0 stays 0, "<k" only
    for raw counts that can land in (0, k), otherwise within D."""
    if raw is None:
        assert pd.isna(value) and not small, what
    elif raw == 0:
        assert value == 0 and not small, what
    elif small:
        assert pd.isna(value) and raw <= K - 1 + D, what
    else:
        assert not pd.isna(value) and value >= K and abs(int(value) - raw) <= D, (what, value, raw)


# --- Coverage ---------------------------------------------------------------------------------------------------
KNOWN_LAST_MONTH = {  # the generator's documented windows (data_access/demo.py)
    "SAI-SONDRIO": ("2025-12", 1),
    "DERIVE-APPRODI": ("2024-02", 5),
    "NAVIGARE": ("2022-09", 7),
    "DIAGRAMMI-NORD": ("2022-12", 6),
    "INSIDE-AUT": ("2022-12", 3),
    "RETI-AVELLINO": ("2025-12", 1),
    "METTIAMO-ALI-BS": ("2024-02", 1),
}


def test_coverage_gives_the_last_month_of_every_seed_project(seeded_engine, demo_data):
    frame = queries.coverage(EVERYTHING, Filters(unit="mese", start="2025-12", end="2025-12"),
                             engine=seeded_engine).frame.set_index("project_code")
    assert set(frame.index) == set(demo_data.projects["project_code"])  # every seed project has data
    for code, (last, provinces) in KNOWN_LAST_MONTH.items():
        assert frame.at[code, "last_period"] == last, code
        assert frame.at[code, "provinces"] == provinces, code
    for table in ("capacity", "outreach", "services"):
        rows = demo_data.frames[table]
        expected = rows.groupby("project_code")["period"].max()
        shown = frame[f"last_{table}"].dropna()
        assert shown.to_dict() == expected.to_dict(), table  # a project without rows in a table shows nothing
    assert pd.isna(frame.at["SAI-SONDRIO", "last_outreach"])  # SAI reports places, not outreach
    assert pd.isna(frame.at["DIAGRAMMI-NORD", "last_capacity"])  # a FAMI project without shelters


def test_coverage_of_a_province_keeps_its_projects_only(seeded_engine):
    frame = queries.coverage(Scope(provinces=frozenset({"014"}), label="Sondrio"), None,
                             engine=seeded_engine).frame.set_index("project_code")
    assert set(frame.index) == {"SAI-SONDRIO", "DERIVE-APPRODI", "DIAGRAMMI-NORD", "INSIDE-AUT"}
    assert frame.at["DERIVE-APPRODI", "last_period"] == "2024-02"
    assert frame.at["DERIVE-APPRODI", "provinces"] == 1  # only Sondrio is in this user's view
    assert list(frame.loc["SAI-SONDRIO", ["last_capacity", "last_period"]]) == ["2025-12", "2025-12"]


# --- Filter choices ---------------------------------------------------------------------------------------------
def test_filter_choices_for_everything(seeded_engine, demo_data):
    result = queries.filter_choices(EVERYTHING, None, engine=seeded_engine)
    choices = result["choices"]
    assert (choices.first_month, choices.last_month) == ("2019-01", "2025-12")
    assert len(choices.provinces) == 107 and choices.provinces["014"] == LOMBARDIA
    assert set(choices.projects) == set(demo_data.projects["project_code"])
    assert choices.projects["NAVIGARE"] == "ANTITRATTA" and choices.projects["DIAGRAMMI-NORD"] == "FAMI"
    assert choices.default("mese") == Filters(unit="mese", start="2025-12", end="2025-12")
    assert choices.default("anno", span=True) == Filters(unit="anno", start="2019", end="2025")


@pytest.mark.parametrize(("provinces", "first", "last", "projects"), [
    ({"014"}, "2019-01", "2025-12", {"SAI-SONDRIO", "DERIVE-APPRODI", "DIAGRAMMI-NORD", "INSIDE-AUT"}),
    ({"028"}, "2019-01", "2025-12", {"NAVE-POLIS-PD", "FAMI-POLIS-PD", "NAVIGARE"}),
    ({"064"}, "2023-09", "2025-12", {"RETI-AVELLINO"}),  # Avellino: first figures in September 2023
    ({"017"}, "2020-08", "2024-02", {"DIAGRAMMI-NORD", "METTIAMO-ALI-BS"}),  # Brescia: two ended projects
])
def test_filter_choices_of_a_province_scope(seeded_engine, provinces, first, last, projects):
    result = queries.filter_choices(Scope(provinces=frozenset(provinces)), None, engine=seeded_engine)
    choices = result["choices"]
    assert set(choices.provinces) == provinces
    assert (choices.first_month, choices.last_month) == (first, last)
    assert set(choices.projects) == projects
    assert set(result["projects"]["project_code"]) == projects


def test_filter_choices_of_a_regional_scope_offer_no_project(seeded_engine):
    choices = queries.filter_choices(Scope(level="regione"), None, engine=seeded_engine)["choices"]
    assert choices.projects == {} and not choices.fine
    assert (choices.first_month, choices.last_month) == ("2019-01", "2025-12")


# --- Version ----------------------------------------------------------------------------------------------------
def test_version_info_names_the_demo_load(seeded_engine):
    info = queries.version_info(seeded_engine)
    assert {k: info[k] for k in ("id", "kind", "source", "demo")} == {
        "id": 1, "kind": "demo", "source": "demo:seeds:seed=42", "demo": True}
    assert info["created_at"] is not None
    assert queries.version_info(seeded_engine, 1)["source"] == "demo:seeds:seed=42"
    assert queries.version_info(seeded_engine, 2)["kind"] == "reference"  # the public data: asked for by number only
    assert queries.version_info(seeded_engine, 3) is None  # no such version


def test_the_latest_versions_row_is_read_once_and_a_new_load_is_seen_at_once(fresh_demo_engine):
    """Every page's source line names the latest version: its row is read once per process (a version's row never
    changes), and the data state, read at every run, names a new load as soon as it is in force."""
    import datetime as dt

    from sqlalchemy import event, insert

    from data_access.models import DataVersion

    engine, reads = fresh_demo_engine, []

    def listen(_conn, _cursor, statement, *_args):
        if "FROM data_versions" in statement and "data_versions.id =" in statement:
            reads.append(statement)
    event.listen(engine, "before_cursor_execute", listen)
    try:
        first = [queries.version_info(engine) for _ in range(3)]
        assert [(i["id"], i["kind"], i["demo"]) for i in first] == [(1, "demo", True)] * 3 and len(reads) == 1
        with engine.begin() as conn:  # a load of real data comes in force
            conn.execute(insert(DataVersion).values(id=5, created_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
                                                    kind="import", source="accoglienza.csv", status="attiva"))
        info = queries.version_info(engine)
        assert (info["id"], info["kind"], info["source"], info["demo"]) == (5, "import", "accoglienza.csv", False)
        assert queries.version_info(engine, 1)["source"].startswith("demo:")  # an older one, asked for by number
    finally:
        event.remove(engine, "before_cursor_execute", listen)


# --- Headline ---------------------------------------------------------------------------------------------------
HEADLINE_CASES = {
    # name: (filters, (region or province codes), programme, current months, previous months)
    "Sondrio SAI, giugno 2025": (Filters(unit="mese", start="2025-06", end="2025-06", province="014",
                                         programme="SAI"), ("province", "014"), "SAI", ["2025-06"], ["2025-05"]),
    "Varese SAI, gennaio 2021 (Besozzo)": (Filters(unit="mese", start="2021-01", end="2021-01", province="012",
                                                   programme="SAI"), ("province", "012"), "SAI", ["2021-01"],
                                           ["2020-12"]),
    "Veneto anti-tratta, 2022": (Filters(unit="anno", start="2022", end="2022", region=VENETO,
                                         programme="ANTITRATTA"), ("region", VENETO), "ANTITRATTA",
                                 [f"2022-{m:02d}" for m in range(1, 13)], [f"2021-{m:02d}" for m in range(1, 13)]),
    "Lombardia, 4° trimestre 2023": (Filters(unit="trimestre", start="2023-T4", end="2023-T4", region=LOMBARDIA),
                                     ("region", LOMBARDIA), None, ["2023-10", "2023-11", "2023-12"],
                                     ["2023-07", "2023-08", "2023-09"]),
}


@pytest.mark.parametrize("case", list(HEADLINE_CASES))
def test_headline_against_the_raw_figures(seeded_engine, demo_data, regions, case):
    filters, (level, code), programme, now_months, before_months = HEADLINE_CASES[case]
    provinces = regions[code] if level == "region" else {code}
    frame = queries.headline(EVERYTHING, filters, engine=seeded_engine).frame.set_index("measure")
    for column, small_column, months in (("value", "small", now_months),
                                         ("previous", "previous_small", before_months)):
        raw = raw_headline(demo_data, provinces, months, programme)
        shown = frame[column]
        assert shown["places"] == raw["places"], (case, column)  # not people: exact
        for measure in ("occupied", "contacts", "take_ins"):
            assert_published(shown[measure], bool(frame.at[measure, small_column]), raw[measure],
                             f"{case} {column} {measure}")
        presences, places = shown["occupied"], shown["places"]
        if pd.isna(presences):  # "<k": no free places or occupancy can be derived from it
            assert pd.isna(shown["free_places"]) and pd.isna(shown["occupancy_rate"])
        else:
            # As published, so the page's figures add up; the noise can push presences above a small project's
            # places (Besozzo, January 2021): free places then stay at 0, and within the noise the project is full
            # (data_access.plausible).
            assert shown["free_places"] == max(places - presences, 0)
            full = 0 < presences - places <= D
            assert shown["occupancy_rate"] == pytest.approx(1.0 if full else presences / places)
    assert frame.attrs["snapshot_month"] == raw_headline(demo_data, provinces, now_months, programme)["snapshot"]


def test_headline_known_seed_facts(seeded_engine):
    def headline(filters):
        return queries.headline(EVERYTHING, filters, engine=seeded_engine).frame.set_index("measure")

    sondrio = headline(HEADLINE_CASES["Sondrio SAI, giugno 2025"][0])
    assert sondrio.at["places", "value"] == sondrio.at["places", "previous"] == 47
    assert sondrio.at["places", "change"] == 0
    assert 40 - D <= sondrio.at["occupied", "value"] <= 46 + D  # presences 40-46 every month
    assert pd.isna(sondrio.at["take_ins", "value"])  # SAI reports no outreach: missing, not 0
    assert not sondrio.at["take_ins", "sent"] and sondrio.at["places", "sent"]
    besozzo = headline(HEADLINE_CASES["Varese SAI, gennaio 2021 (Besozzo)"][0])
    assert (besozzo.at["places", "previous"], besozzo.at["places", "value"]) == (36, 13)
    assert besozzo.at["places", "change"] == pytest.approx((13 - 36) / 36)
    veneto = headline(HEADLINE_CASES["Veneto anti-tratta, 2022"][0])
    assert veneto.attrs["snapshot_month"] == "2022-12"  # Navigare's shelters closed in September
    assert veneto.at["places", "value"] == 4 and veneto.at["places", "previous"] == 65
    assert veneto.at["take_ins", "value"] > 60  # Navigare's last months


# --- Servizi: DIAGRAMMI Nord -------------------------------------------------------------------------------------
def test_diagrammi_services_per_year(seeded_engine, demo_data):
    filters = Filters(unit="anno", start="2020", end="2023", project="DIAGRAMMI-NORD")
    trend = analytics.servizi_trend(EVERYTHING, filters, engine=seeded_engine).frame
    totals = trend[trend["is_total"]].set_index("period_key")
    assert list(totals.index) == ["2020", "2021", "2022", "2023"]
    services = demo_data.frames["services"]
    services = services[services["project_code"] == "DIAGRAMMI-NORD"]
    raw = services.groupby(services["period"].str[:4])[["people", "hours"]].sum()
    for year in ("2020", "2021", "2022"):
        assert_published(totals.at[year, "people"], bool(totals.at[year, "people_small"]),
                         int(raw.at[year, "people"]), year)
        # hours follow the people (issue 16): the hours per person of the cell times the people shown, with noise
        # of at most a tenth of the largest row; a year of a large project is within a few per cent
        assert totals.at[year, "hours"] == pytest.approx(raw.at[year, "hours"], rel=0.1)
    # the project ended in 2022: nothing sent for 2023, missing (not 0)
    assert pd.isna(totals.at["2023", "people"]) and pd.isna(totals.at["2023", "hours"])
    assert not totals.at["2023", "sent"] and totals.at["2022", "sent"]
    by_type = trend[~trend["is_total"] & (trend["period_key"] == "2021")].set_index("service")
    raw_2021 = services[services["period"].str[:4] == "2021"].groupby("service")["people"].sum()
    for service, people in raw_2021.items():
        assert_published(by_type.at[service, "people"], bool(by_type.at[service, "people_small"]), int(people),
                         service)


# --- Emersione: Navigare's funnel ---------------------------------------------------------------------------------
SEED_FUNNEL = {"contacts": 2500, "assessments": 600, "take_ins": 150}  # seed 002, each within 3% in the generator
STAGES = ("contacts", "assessments", "potential_victims", "take_ins")


def test_navigare_funnel(seeded_engine, demo_data, regions):
    """Navigare ran from July 2021 to September 2022: its funnel is asked year by year (a funnel is one period's
    total), each stage a published cell within D of the generator's count, the two years within 2D of the seed's
    totals."""
    totals = dict.fromkeys(STAGES, 0)
    for year in ("2021", "2022"):
        by_project = Filters(unit="anno", start=year, end=year, project="NAVIGARE")
        by_territory = Filters(unit="anno", start=year, end=year, region=VENETO, programme="ANTITRATTA")
        project = analytics.emersione_funnel(EVERYTHING, by_project, engine=seeded_engine)["funnel"].frame
        territory = analytics.emersione_funnel(EVERYTHING, by_territory, engine=seeded_engine)["funnel"].frame
        # The same people (Navigare is Veneto's only anti-trafficking outreach then): the same published cells.
        pd.testing.assert_frame_equal(project, territory)
        funnel = project.set_index("stage")
        assert list(funnel.index) == list(STAGES)
        months = [f"{year}-{m:02d}" for m in range(1, 13)]
        raw = _rows(demo_data, "outreach", regions[VENETO], months, project="NAVIGARE")
        for stage in STAGES:
            assert_published(funnel.at[stage, "value"], bool(funnel.at[stage, "value_small"]),
                             int(raw[stage].sum()), f"{year} {stage}")
            totals[stage] += int(funnel.at[stage, "value"])
        assert funnel.at["assessments", "rate"] == pytest.approx(
            funnel.at["assessments", "value"] / funnel.at["contacts", "value"])
        assert 0.2 < funnel.at["assessments", "share_of_contacts"] < 0.28  # about 600 of 2,500
    for stage, seed in SEED_FUNNEL.items():
        assert abs(totals[stage] - seed) <= 0.03 * seed + 2 * D, (stage, totals[stage])
    before = Filters(unit="anno", start="2020", end="2020", project="NAVIGARE")
    empty = analytics.emersione_funnel(EVERYTHING, before, engine=seeded_engine)["funnel"].frame
    assert empty["value"].eq(0).all()  # nothing before July 2021
