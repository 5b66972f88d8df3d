"""The queries of the analytic pages (data_access.analytics) against known demo figures, on SQLite and PostgreSQL.

Known figures come from the seeds of the demo generator (data_access/demo.py): SAI Sondrio's 47 places in
every month, Besozzo's cut from 36 to 13 places, Derive e Approdi's provinces and call period, DIAGRAMMI Nord's
seed totals, the RE.T.I. Avellino working table, its action plan and its courses. Person counts are published
(Cell Key Method), so they are compared within the noise bound D or with the same cells published another way.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import event

from config import settings
from data_access import analytics, queries, sql
from data_access.models import AGE_GROUPS, CHANNELS, EXPLOITATION, GENDERS, ORGANISATION_TYPES, SERVICES, TABLES
from data_access.scope import Filters, Scope

EVERYTHING = Scope.everything()
D = 5  # largest noise of the default p-table
PERSON = {m for spec in TABLES.values() for m in spec.person_measures}
LOMBARDIA = "03"
DERIVE_PROVINCES = {"013", "015", "108", "014", "012"}


def month(key: str, **kw) -> Filters:
    return Filters(unit="mese", start=key, end=key, **kw)


def months(start: str, end: str, **kw) -> Filters:
    return Filters(unit="mese", start=start, end=end, **kw)


def year(start: str, end: str | None = None, **kw) -> Filters:
    return Filters(unit="anno", start=start, end=end or start, **kw)


def frames(result) -> list[pd.DataFrame]:
    if isinstance(result, queries.Published):
        return [result.frame]
    return [f for value in result.values() for f in frames(value)]


def value(frame: pd.DataFrame, column: str, **where):
    rows = frame
    for key, wanted in where.items():
        rows = rows[rows[key] == wanted]
    assert len(rows) == 1, (where, rows)
    return rows.iloc[0][column]


# --- Accoglienza -----------------------------------------------------------------------------------------------
def test_sondrio_sai_has_47_places_in_every_month(seeded_engine):
    result = analytics.accoglienza_trend(EVERYTHING, months("2019-01", "2025-12", province="014", programme="SAI"),
                                         engine=seeded_engine)
    total = result["total"].frame
    assert len(total) == 84 and list(total["period_key"])[:2] == ["2019-01", "2019-02"]
    assert set(total["places"]) == {47} and set(total["structures"]) == {11}
    assert not total["occupied_small"].any()
    assert total["occupied"].between(40 - D, 46 + D).all()  # presences 40-46, published
    assert set(result["line"].frame["line"]) == {"SAI_ORD"}
    last = result["target_group"].frame.query("period_key == '2025-12'").set_index("target_group")["places"]
    assert last.to_dict() == {"uomini": 22, "nuclei": 14, "donne": 4, "monoparentali": 7}


@pytest.mark.parametrize(("key", "places"), [("2020-12", 36), ("2021-06", 13)])
def test_besozzo_places_in_the_project_table(seeded_engine, key, places):
    table = analytics.accoglienza_projects(EVERYTHING, month(key, province="012", programme="SAI"),
                                           engine=seeded_engine).frame
    assert value(table, "places", project_code="SAI-BESOZZO") == places
    assert value(table, "territory_name", project_code="SAI-BESOZZO") == "Varese"


def test_project_table_change_against_the_previous_period(seeded_engine):
    table = analytics.accoglienza_projects(EVERYTHING, month("2021-01", province="012"), engine=seeded_engine).frame
    assert table.attrs["previous"] == "2020-12" and table.attrs["snapshot_month"] == "2021-01"
    besozzo = table.set_index("project_code").loc["SAI-BESOZZO"]
    assert (besozzo["places"], besozzo["previous_places"], besozzo["change_places"]) == (13, 36, -23)
    assert besozzo["change_occupied"] == besozzo["occupied"] - besozzo["previous_occupied"]
    assert set(table["project_code"]) == {"SAI-BESOZZO", "CAS-VARESE"}  # Derive's Varese shelter ended in 2024


def test_free_places_and_occupancy_come_from_published_presences(seeded_engine):
    # Gruppo Polis's apartment (4 places, 0-4 presences): some months "<5".
    frame = analytics.accoglienza_trend(EVERYTHING, months("2025-01", "2025-12", province="028",
                                                           programme="ANTITRATTA"), engine=seeded_engine)["total"].frame
    small, known = frame[frame["occupied_small"]], frame[~frame["occupied_small"]]
    assert len(small) and len(known)
    assert small["free_places"].isna().all() and small["occupancy_rate"].isna().all()
    for row in known[known["sent"]].itertuples():
        assert row.free_places == max(row.places - row.occupied, 0)
        full = 0 < row.occupied - row.places <= D  # above the places within the noise: full (data_access.plausible)
        assert row.occupancy_rate == pytest.approx(1.0 if full else row.occupied / row.places)


def test_full_flag_is_published_presences_over_places_and_missing_when_small(seeded_engine):
    table = analytics.accoglienza_projects(EVERYTHING, month("2024-12", region=LOMBARDIA), engine=seeded_engine).frame
    assert table["full"].notna().all()
    assert (table["full"] == (table["occupied"] / table["places"] >= 0.95)).all()
    assert table["full"].any() and not table["full"].all()
    small_month = analytics.accoglienza_trend(
        EVERYTHING, months("2025-01", "2025-12", province="028", programme="ANTITRATTA"),
        engine=seeded_engine)["total"].frame.query("occupied_small")["period_key"].iloc[0]
    padova = analytics.accoglienza_projects(EVERYTHING, month(small_month, province="028"),
                                            engine=seeded_engine).frame.set_index("project_code").loc["NAVE-POLIS-PD"]
    assert padova["occupied_small"] and pd.isna(padova["full"]) and pd.isna(padova["occupancy_rate"])
    assert pd.isna(padova["free_places"]) and padova["places"] == 4


def test_reception_lines_are_the_programmes_cells(seeded_engine):
    filters = month("2023-12", region=LOMBARDIA)
    lines = analytics.accoglienza_trend(EVERYTHING, filters, engine=seeded_engine)["line"].frame.set_index("line")
    assert set(lines.index) == {"SAI_ORD", "CAS", "ANTITRATTA"}
    assert lines.at["ANTITRATTA", "places"] == 28  # Derive e Approdi's 7 apartments
    for line, programme in (("CAS", "CAS"), ("SAI_ORD", "SAI"), ("ANTITRATTA", "ANTITRATTA")):
        alone = analytics.accoglienza_trend(EVERYTHING, filters.with_(programme=programme),
                                            engine=seeded_engine)["total"].frame.iloc[0]
        assert lines.at[line, "places"] == alone["places"]
        assert lines.at[line, "occupied"] == alone["occupied"]  # the same cells publish the same value


@pytest.mark.parametrize("filters", [months("2023-01", "2023-12"), month("2024-12", region=LOMBARDIA),
                                     year("2021", "2025", programme="SAI"),
                                     months("2025-01", "2025-06", province="028")],
                         ids=["italy", "lombardia", "sai-years", "padova"])
def test_capacity_families_from_one_reading_are_the_cells_of_one_query_each(seeded_engine, filters):
    """Accoglienza's total, lines and target groups are read once, by line and target group, and added up in each
    family: the same sums of counts and cell keys, so the same published cells, as a query per family."""
    from data_access.analytics import CAPACITY_BREAKDOWNS, Capacity, _capacity, _capacity_families, _line_expression
    from data_access.sql import Question, snapshot_months

    question = Question(EVERYTHING, filters)
    with seeded_engine.connect() as conn:
        snap = snapshot_months(conn, question, filters.periods)
        families = _capacity_families(conn, question, snap)
        assert list(families) == [None, *CAPACITY_BREAKDOWNS] and len(families[None])
        for family, frame in families.items():
            group = [] if family is None else [_line_expression() if family == "line" else
                                               Capacity.__table__.c.target_group]
            alone = _capacity(conn, question, snap, group, projects=family == "line")
            pd.testing.assert_frame_equal(frame, alone, check_exact=True)


def test_capacity_is_never_shown_by_comune(seeded_engine):
    filters = month("2023-12", region=LOMBARDIA)
    results = [analytics.accoglienza_trend(EVERYTHING, filters, engine=seeded_engine),
               analytics.accoglienza_projects(EVERYTHING, filters, engine=seeded_engine)]
    for frame in (f for r in results for f in frames(r)):
        assert "municipality_code" not in frame.columns
    table = results[1].frame
    assert set(table["territory_code"].str.len()) == {3}
    assert set(table.loc[table["programme"] == "ANTITRATTA", "territory_code"]) == DERIVE_PROVINCES


# --- Emersione e contatti ------------------------------------------------------------------------------------
def test_derive_e_approdi_contacts_only_in_its_period(seeded_engine):
    frame = analytics.emersione_trend(EVERYTHING, months("2022-01", "2024-12", project="DERIVE-APPRODI"),
                                      engine=seeded_engine).frame
    assert len(frame) == 36  # every month of the range, 0 where nobody was counted
    active = frame[(frame["contacts"] > 0) | frame["contacts_small"]]["period_key"]
    assert active.min() == "2022-10" and active.max() == "2024-02"
    assert len(active) == 17


def test_derive_e_approdi_contacts_only_in_its_provinces(seeded_engine):
    for province in sorted(DERIVE_PROVINCES | {"017", "016", "028"}):
        funnel = analytics.emersione_funnel(EVERYTHING, Filters(unit="avviso", start="avviso-5", end="avviso-5",
                                                                province=province, project="DERIVE-APPRODI"),
                                            engine=seeded_engine)["funnel"].frame
        contacts = value(funnel, "value", stage="contacts")
        sent = bool(funnel["sent"].all())  # where the project sent nothing the funnel is missing, not 0
        assert sent == (province in DERIVE_PROVINCES), province
        assert (contacts > 0) if sent else pd.isna(contacts), province


def test_funnel_total_is_its_own_cell_equal_to_headline(seeded_engine):
    filters = year("2023", region=LOMBARDIA)
    funnel = analytics.emersione_funnel(EVERYTHING, filters, engine=seeded_engine)["funnel"].frame
    headline = queries.headline(EVERYTHING, filters, engine=seeded_engine).frame.set_index("measure")
    assert list(funnel["stage"]) == ["contacts", "assessments", "potential_victims", "take_ins"]
    assert value(funnel, "value", stage="contacts") == headline.at["contacts", "value"] > 1000
    assert value(funnel, "value", stage="take_ins") == headline.at["take_ins", "value"]
    breakdowns = analytics.emersione_breakdowns(EVERYTHING, filters, engine=seeded_engine)
    sums_differ = False
    for dimension, result in breakdowns.items():
        frame = result.frame
        total = frame[frame["is_total"]].iloc[0]
        for stage in ("contacts", "assessments", "take_ins"):
            assert total[stage] == value(funnel, "value", stage=stage), (dimension, stage)
        parts = frame.loc[~frame["is_total"], "contacts"]
        sums_differ |= int(parts.fillna(0).sum()) != total["contacts"]
    assert sums_differ  # the totals are not the sum of the bars (which differ under CKM)


def test_same_contacts_through_three_routes(seeded_engine):
    single = year("2023", region=LOMBARDIA)
    trend = analytics.emersione_trend(EVERYTHING, single, engine=seeded_engine).frame
    wider = analytics.emersione_trend(EVERYTHING, year("2021", "2024", region=LOMBARDIA), engine=seeded_engine).frame
    funnel = analytics.emersione_funnel(EVERYTHING, single, engine=seeded_engine)["funnel"].frame
    headline = queries.headline(EVERYTHING, single, engine=seeded_engine).frame.set_index("measure")
    contacts = value(trend, "contacts", period_key="2023")
    assert contacts == value(wider, "contacts", period_key="2023") == value(funnel, "value", stage="contacts")
    assert contacts == headline.at["contacts", "value"]


def test_funnel_rates_are_published_over_published(seeded_engine):
    seen_missing = False
    for filters in (year("2023", region=LOMBARDIA), month("2024-04", province="064")):
        funnel = analytics.emersione_funnel(EVERYTHING, filters, engine=seeded_engine)["funnel"].frame
        assert pd.isna(funnel["rate"].iloc[0])
        for i in range(1, len(funnel)):
            now, before, rate = funnel["value"].iloc[i], funnel["value"].iloc[i - 1], funnel["rate"].iloc[i]
            if pd.isna(now) or pd.isna(before) or before == 0:
                assert pd.isna(rate)
                seen_missing |= bool(funnel["value_small"].iloc[i] or funnel["value_small"].iloc[i - 1])
            else:
                assert rate == pytest.approx(now / before)
    assert seen_missing  # Avellino, April 2024: assessments and potential victims "<5", so no rate next to them


def test_referrals_are_published_apart_as_a_share_of_contacts(seeded_engine):
    filters = year("2023", region=LOMBARDIA)
    result = analytics.emersione_funnel(EVERYTHING, filters, engine=seeded_engine)
    referrals = result["referrals"].frame.iloc[0]
    contacts = value(result["funnel"].frame, "value", stage="contacts")
    trend = analytics.emersione_trend(EVERYTHING, filters, engine=seeded_engine).frame
    assert referrals["value"] == value(trend, "referrals", period_key="2023") > 0
    assert referrals["share_of_contacts"] == pytest.approx(referrals["value"] / contacts)


def test_breakdowns_list_every_code_then_the_total(seeded_engine):
    result = analytics.emersione_breakdowns(EVERYTHING, month("2024-07", province="064"), engine=seeded_engine)
    expected = {"exploitation": EXPLOITATION, "gender": GENDERS, "age_group": AGE_GROUPS, "channel": CHANNELS}
    assert list(result) == list(expected)
    for dimension, codes in expected.items():
        frame = result[dimension].frame
        assert list(frame["category"]) == [*codes, analytics.TOTAL]
        assert list(frame["is_total"]) == [False] * len(codes) + [True]
    channels = result["channel"].frame.set_index("category")
    assert channels.at["drop_in", "contacts"] == 0  # Avellino: street unit and desk only


def test_street_unit_outings_are_plain_sums(seeded_engine):
    # DIAGRAMMI Nord: 196 outings of the outreach staff from August 2020 to September 2022 (seed total).
    frame = analytics.emersione_outings(EVERYTHING, months("2020-08", "2022-09", project="DIAGRAMMI-NORD"),
                                        engine=seeded_engine).frame
    assert len(frame) == 26 and "outings_small" not in frame.columns
    assert int(frame["outings"].sum()) == 196
    derive = analytics.emersione_outings(EVERYTHING, months("2022-01", "2024-12", project="DERIVE-APPRODI"),
                                         engine=seeded_engine).frame.set_index("period_key")["outings"]
    assert derive.loc["2022-01":"2022-09"].eq(0).all() and derive.loc["2022-10":"2024-02"].gt(0).all()


def test_quarters_are_well_formed(seeded_engine):
    frame = analytics.emersione_trend(EVERYTHING, Filters(unit="trimestre", start="2023-T1", end="2023-T4",
                                                          region=LOMBARDIA), engine=seeded_engine).frame
    assert list(frame["period_key"]) == ["2023-T1", "2023-T2", "2023-T3", "2023-T4"]
    assert (frame["contacts"] > 100).all()


def test_headline_quarter_contacts_equal_the_trend(seeded_engine):
    # Regression: quarters were once keyed "2023-T4.0" (true division), so headline found no outreach.
    filters = Filters(unit="trimestre", start="2023-T4", end="2023-T4", region=LOMBARDIA)
    trend = analytics.emersione_trend(EVERYTHING, filters, engine=seeded_engine).frame
    headline = queries.headline(EVERYTHING, filters, engine=seeded_engine).frame.set_index("measure")
    assert headline.at["contacts", "value"] == value(trend, "contacts", period_key="2023-T4")


# --- Servizi ---------------------------------------------------------------------------------------------------
def test_diagrammi_services_match_the_seed_totals(seeded_engine):
    """The seed totals run from 2020-08 to 30 September 2022: the years 2020 and 2021 and the first three quarters of
    2022, each a published cell, add up to them within the noise (D per cell, and at most k - 1 more for a cell
    shown as "<k")."""
    k = settings.ckm_params().k
    periods = [year("2020"), year("2021"), *(Filters(unit="trimestre", start=q, end=q)
                                             for q in ("2022-T1", "2022-T2", "2022-T3"))]
    years = [analytics.servizi_by_type(EVERYTHING, p.with_(project="DIAGRAMMI-NORD"),
                                       engine=seeded_engine).frame.set_index("category") for p in periods]
    assert list(years[0].index) == [*SERVICES, analytics.TOTAL]
    seed = {"accompagnamento": 901, "orientamento_legale": 59, "mediazione_abitativa": 33, "bilancio_competenze": 85,
            "inserimento_lavorativo": 83, "certificazione_l2": 25}
    for service, people in seed.items():
        shown = sum(0 if f.at[service, "people_small"] else f.at[service, "people"] for f in years)
        smalls = sum(bool(f.at[service, "people_small"]) for f in years)
        assert abs(shown - people) <= len(periods) * D + smalls * (k - 1), service
    for frame in years:
        assert frame.at["tirocinio", "people"] == 0 and frame.at["tirocinio", "hours"] == 0
        # hours follow the people (issue 16): hidden beside "<k", 0 beside 0 people, never a plain sum of the rows
        assert frame.loc[frame["people_small"], "hours"].isna().all()
        assert (frame.loc[~frame["people_small"] & frame["people"].eq(0), "hours"] == 0).all()
    # A range of months gives the totals of its last month, never a sum over the free run of months.
    ranged = analytics.servizi_by_type(EVERYTHING, months("2020-08", "2022-09", project="DIAGRAMMI-NORD"),
                                       engine=seeded_engine).frame
    last = analytics.servizi_by_type(EVERYTHING, months("2022-09", "2022-09", project="DIAGRAMMI-NORD"),
                                     engine=seeded_engine).frame
    pd.testing.assert_frame_equal(ranged, last)


def test_services_total_is_the_same_cell_by_type_and_over_time(seeded_engine):
    filters = Filters(unit="trimestre", start="2022-T4", end="2022-T4", province="015")
    by_type = analytics.servizi_by_type(EVERYTHING, filters, engine=seeded_engine).frame
    trend = analytics.servizi_trend(EVERYTHING, filters, engine=seeded_engine).frame
    assert list(trend["service"]) == [*SERVICES, analytics.TOTAL]  # every type, 0 where nothing was delivered
    assert trend.set_index("service").at["certificazione_l2", "people"] == 0
    total = trend[trend["is_total"]]
    assert list(total["period_key"]) == ["2022-T4"] and list(total["service"]) == [analytics.TOTAL]
    assert total["people"].iloc[0] == value(by_type, "people", category=analytics.TOTAL) > 100
    rows = trend[~trend["is_total"]].set_index("service")
    assert rows.at["accompagnamento", "people"] == value(by_type, "people", category="accompagnamento")


# --- Rete e tavolo ----------------------------------------------------------------------------------------------
def test_avellino_action_plan_and_overdue_actions(seeded_engine):
    result = analytics.rete_actions(EVERYTHING, year("2025", province="064"), dt.date(2025, 10, 1),
                                    engine=seeded_engine)
    items, by_status = result["items"].frame, result["by_status"].frame.set_index("status")
    assert items.attrs["as_of"] == dt.date(2025, 10, 1)  # today comes before the end of 2025
    assert len(items) == 14 and set(items["territory_name"]) == {"Avellino"}
    overdue = items[items["overdue"]]
    # the overdue actions first, the latest first (issue 19: what a tavolo discusses first)
    assert list(overdue["action_code"]) == ["PIL-AV-09", "PIL-AV-02", "PIL-AV-11", "PIL-AV-07"]
    assert items["overdue"].tolist() == [True] * 4 + [False] * 10
    assert list(overdue["days_late"]) == [366, 274, 184, 93]
    assert value(items, "days_late", action_code="PIL-AV-02") == 274  # due 31/12/2024
    assert pd.isna(value(items, "days_late", action_code="PIL-AV-14"))  # no due date: never overdue
    assert by_status["count"].to_dict() == {"pianificata": 3, "in_corso": 4, "completata": 5, "sospesa": 2,
                                            analytics.TOTAL: 14}
    assert by_status["overdue"].to_dict() == {"pianificata": 1, "in_corso": 2, "completata": 0, "sospesa": 1,
                                              analytics.TOTAL: 4}


@pytest.mark.parametrize(("today", "end", "overdue"), [
    (dt.date(2024, 7, 10), "2024-07", ["PIL-AV-03"]),  # due 30/06, completed 15/07: late on 10/07
    (dt.date(2030, 1, 1), "2024-07", []),  # by the end of July it was completed
    (dt.date(2030, 1, 1), "2024-12", ["PIL-AV-09"]),  # suspended, due 30/09/2024
])
def test_overdue_is_judged_at_the_earlier_of_today_and_the_range_end(seeded_engine, today, end, overdue):
    result = analytics.rete_actions(EVERYTHING, month(end, province="064"), today, engine=seeded_engine)
    items = result["items"].frame
    assert list(items.loc[items["overdue"], "action_code"]) == overdue
    assert items.attrs["as_of"] == min(today, dt.date(int(end[:4]), int(end[5:]), 31))


def test_avellino_network_members_by_type(seeded_engine):
    result = analytics.rete_members(EVERYTHING, year("2025", province="064"), engine=seeded_engine)
    by_type = result["by_type"].frame.set_index("category")["members"]
    assert list(by_type.index) == [*ORGANISATION_TYPES, analytics.TOTAL]
    expected = {"forze_ordine": 3, "sindacato": 2, "altro": 2, "comune": 2, "prefettura": 1, "procura": 1}
    assert {kind: by_type[kind] for kind in expected} == expected
    assert by_type[analytics.TOTAL] == 20  # 21 members, the UILA left on 31/03/2025
    assert result["by_territory"].frame[["territory_name", "members"]].values.tolist() == [["Avellino", 20]]
    assert len(result["members"].frame) == 20 and result["members"].frame.attrs["as_of"] == dt.date(2025, 12, 31)


@pytest.mark.parametrize(("end", "unions", "total"), [("2023-09", 1, 13), ("2025-02", 3, 21), ("2025-03", 2, 20)])
def test_network_members_in_office_at_the_end_of_the_range(seeded_engine, end, unions, total):
    by_type = analytics.rete_members(EVERYTHING, month(end, province="064"),
                                     engine=seeded_engine)["by_type"].frame.set_index("category")["members"]
    assert (by_type["sindacato"], by_type[analytics.TOTAL]) == (unions, total)


def test_avellino_meetings_by_body(seeded_engine):
    frame = analytics.rete_meetings(EVERYTHING, year("2024", province="064"), engine=seeded_engine).frame
    assert frame.set_index("body")["meetings"].to_dict() == {"tavolo": 6, "rete": 4, "cabina_regia": 2}
    assert (frame["mean_present"] == frame["organisations_present"] / frame["meetings"]).all()
    quarters = analytics.rete_meetings(EVERYTHING, Filters(unit="trimestre", start="2024-T1", end="2024-T4",
                                                           province="064"), engine=seeded_engine).frame
    tavolo = quarters[quarters["body"] == "tavolo"].set_index("period_key")["meetings"]
    assert tavolo.to_dict() == {"2024-T1": 1, "2024-T2": 2, "2024-T3": 1, "2024-T4": 2}


def test_avellino_training(seeded_engine):
    result = analytics.rete_training(EVERYTHING, year("2024", "2025", province="064"), engine=seeded_engine)
    trend = result["trend"].frame.set_index("period_key")
    assert trend.at["2024", "courses"] == 6  # courses: as they are; hours follow the participants (56 in the data)
    assert trend.at["2024", "hours"] == pytest.approx(56.0 * trend.at["2024", "participants"] / 122, rel=0.1)
    assert abs(trend.at["2024", "participants"] - (24 + 31 + 18 + 27 + 22)) <= D
    by_audience = result["by_audience"].frame.set_index(["period_key", "category"])
    # by audience year by year (whole years, DISCLOSURE.md rule 7): 2024 had 6 courses, 2025 had 3
    assert by_audience.at[("2024", analytics.TOTAL), "courses"] == 6
    assert by_audience.at[("2025", analytics.TOTAL), "courses"] == 3
    assert by_audience["participants_small"].dtype == bool and not result["by_audience"].frame.attrs["partial"]
    # a year's total by audience is the year's own published cell: the trend's figure of that year
    assert by_audience.at[("2024", analytics.TOTAL), "participants"] == trend.at["2024", "participants"]


def test_training_by_audience_over_a_range_of_months_is_year_by_year(seeded_engine):
    """Months from March 2024 to February 2025: training by audience of the whole years 2024 and 2025, the same
    published cells as each year asked alone (never a total of the free run of months), and no zero year."""
    months = Filters(unit="mese", start="2024-03", end="2025-02", province="064")
    result = analytics.rete_training(EVERYTHING, months, engine=seeded_engine)["by_audience"]
    assert list(dict.fromkeys(result.frame["period_key"])) == ["2024", "2025"] and result.frame.attrs["partial"]
    for year in ("2024", "2025"):
        alone = analytics.rete_training(EVERYTHING, Filters(unit="anno", start=year, end=year, province="064"),
                                        engine=seeded_engine)["by_audience"].frame
        mine = result.frame[result.frame["period_key"] == year].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, alone.reset_index(drop=True))
        assert mine.loc[mine["is_total"], "participants"].iloc[0] > 0


def test_network_pages_ignore_the_programme_filter(seeded_engine):
    filters = year("2024", province="064")
    for query in (analytics.rete_members, analytics.rete_meetings, analytics.rete_training):
        plain = frames(query(EVERYTHING, filters, engine=seeded_engine))
        with_programme = frames(query(EVERYTHING, filters.with_(programme="SAI"), engine=seeded_engine))
        for a, b in zip(plain, with_programme, strict=True):
            pd.testing.assert_frame_equal(a, b)


# --- Scope, disclosure and registration ----------------------------------------------------------------------
ALL_QUERIES = [analytics.accoglienza_trend, analytics.accoglienza_projects, analytics.emersione_trend,
               analytics.emersione_funnel, analytics.emersione_breakdowns, analytics.emersione_outings,
               analytics.servizi_trend, analytics.servizi_by_type, analytics.rete_members, analytics.rete_meetings,
               analytics.rete_actions, analytics.rete_training]


def test_a_province_scope_never_returns_other_provinces(seeded_engine):
    sondrio = Scope(provinces=frozenset({"014"}), label="Sondrio")
    filters = year("2023")
    table = analytics.accoglienza_projects(sondrio, month("2023-12"), engine=seeded_engine).frame
    assert set(table["territory_code"]) == {"014"}
    assert set(table["project_code"]) == {"SAI-SONDRIO", "DERIVE-APPRODI"}
    for query in ALL_QUERIES:  # the same cells as asking for Sondrio with every province visible
        scoped = frames(query(sondrio, filters, engine=seeded_engine))
        asked = frames(query(EVERYTHING, filters.with_(province="014"), engine=seeded_engine))
        for a, b in zip(scoped, asked, strict=True):
            pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_like=True)
    elsewhere = filters.with_(province="015")  # a province outside the scope: nothing
    assert analytics.emersione_funnel(sondrio, elsewhere, engine=seeded_engine)["funnel"].frame["value"].eq(0).all()
    assert analytics.accoglienza_projects(sondrio, elsewhere, engine=seeded_engine).frame.empty


def test_a_regional_scope_groups_territories_by_region(seeded_engine):
    regional = Scope(level="regione")
    table = analytics.accoglienza_projects(regional, month("2023-12"), engine=seeded_engine).frame
    assert set(table["territory_code"].str.len()) == {2}
    assert table["project_code"].isna().all() and table["project_name"].isna().all()  # a project lies in one place
    lombardy_sai = table[(table["territory_name"] == "Lombardia") & (table["programme"] == "SAI")]
    assert len(lombardy_sai) == 1 and lombardy_sai["places"].iloc[0] > 47  # Sondrio's 47 places and others
    by_territory = analytics.rete_members(regional, year("2025"), engine=seeded_engine)["by_territory"].frame
    assert set(by_territory["territory_name"]) == {"Lombardia", "Veneto", "Campania"}


def test_person_counts_leave_only_published(seeded_engine):
    filters = Filters(unit="trimestre", start="2023-T1", end="2023-T4", region=LOMBARDIA)
    checked = set()
    for query in ALL_QUERIES:
        for frame in frames(query(EVERYTHING, filters, engine=seeded_engine)):
            assert not [c for c in frame.columns if c.startswith(("n_", "k_", "ck_"))], query.__name__
            for column in frame.columns:
                if column in PERSON:
                    assert f"{column}_small" in frame.columns, (query.__name__, column)
                    assert str(frame[column].dtype) == "Int64"
                    checked.add(column)
            if "value_small" in frame.columns:  # the funnel: one person measure per row
                assert set(frame["measure"]) <= PERSON
    assert checked >= {"occupied", "contacts", "take_ins", "people", "participants"}


def test_queries_are_registered_under_their_own_names():
    for query in ALL_QUERIES:
        registered = sql.QUERIES[query.__name__]
        assert registered is query.uncached and registered.__module__ == "data_access.analytics"


def test_outreach_cube_and_inner_cells_publish_the_same_values(seeded_engine, monkeypatch):
    filters = Filters(unit="trimestre", start="2023-T1", end="2023-T4", region=LOMBARDIA)
    outreach = (analytics.emersione_trend, analytics.emersione_funnel, analytics.emersione_breakdowns)
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(seeded_engine, "before_cursor_execute", record)
    try:
        from_cube = [f for query in outreach for f in frames(query.uncached(seeded_engine, EVERYTHING, filters))]
        cube_reads = sum("outreach_cube" in s for s in statements)
        monkeypatch.setattr(sql, "USE_CUBE", False)
        statements.clear()
        from_cells = [f for query in outreach for f in frames(query.uncached(seeded_engine, EVERYTHING, filters))]
    finally:
        event.remove(seeded_engine, "before_cursor_execute", record)
    # trend, funnel, the four breakdowns and their one total: all from the cube; none without it
    assert cube_reads == 7 and not any("outreach_cube" in s for s in statements)
    assert len(from_cube) == len(from_cells) == 7
    for a, b in zip(from_cube, from_cells, strict=True):
        pd.testing.assert_frame_equal(a, b)
