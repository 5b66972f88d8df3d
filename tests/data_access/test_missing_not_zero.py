"""Missing is not zero, and plausible protected figures (issue 14), in the query layer.

A small real database: project A (SAI, Sondrio) sends capacity for January and February 2025 and outreach for
January only, with an explicit row of zeros; project B (anti-trafficking, Sondrio) sends nothing. Version 1 holds the
register and the capacity, version 2 the outreach. Where no project in scope sent a table for a period its measures are
missing and ``sent`` False; where it was sent, a published 0 stays 0. Presences published above the places are full
within the noise and overcrowded beyond it (data_access.plausible), decided on published values and places only.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from data_access import analytics, geo, loading, plausible, queries, sql
from data_access.scope import Filters, Scope
from tests.conftest import TEST_SECRET

EVERYTHING = Scope.everything()
D = 5


def _projects() -> pd.DataFrame:
    return pd.DataFrame([
        {"project_code": "A", "name": "SAI Alfa", "programme": "SAI", "lead_body": "Comune", "managing_body": "Coop",
         "start_date": dt.date(2020, 1, 1), "end_date": None, "funding_call": None},
        {"project_code": "B", "name": "Antitratta Beta", "programme": "ANTITRATTA", "lead_body": "Regione",
         "managing_body": None, "start_date": dt.date(2020, 1, 1), "end_date": None, "funding_call": None}])


def _capacity(occupied: int = 13) -> pd.DataFrame:
    return pd.DataFrame([{"period": month, "province_code": "014", "municipality_code": None, "project_code": "A",
                          "target_group": "uomini", "structures": 3, "places": 13, "occupied": occupied}
                         for month in ("2025-01", "2025-02")])


def _outreach() -> pd.DataFrame:
    return pd.DataFrame([{"period": "2025-01", "province_code": "014", "project_code": "A", "channel": "sportello",
                          "exploitation": "lavorativo", "gender": "uomo", "age_group": "26-40", "contacts": 0,
                          "new_contacts": 0, "assessments": 0, "potential_victims": 0, "referrals": 0,
                          "take_ins": 0}])


@pytest.fixture
def small(migrated_engine):
    loading.load(migrated_engine, secret=TEST_SECRET, kind="import", source="v1", projects=_projects(),
                 frames={"capacity": _capacity()})
    loading.load(migrated_engine, secret=TEST_SECRET, kind="import", source="v2", frames={"outreach": _outreach()})
    return migrated_engine


def months(start: str, end: str, **kwargs) -> Filters:
    return Filters(unit="mese", start=start, end=end, **kwargs)


def test_a_sent_zero_stays_zero_and_a_month_not_sent_is_missing(small):
    january = queries.headline.uncached(small, EVERYTHING, months("2025-01", "2025-01")).frame.set_index("measure")
    assert january.at["contacts", "value"] == 0 and january.at["contacts", "sent"]
    february = queries.headline.uncached(small, EVERYTHING, months("2025-02", "2025-02")).frame.set_index("measure")
    assert pd.isna(february.at["contacts", "value"]) and not february.at["contacts", "sent"]
    assert february.at["contacts", "previous_sent"] and pd.isna(february.at["contacts", "change"])
    assert february.at["places", "value"] == 13 and february.at["places", "sent"]
    march = queries.headline.uncached(small, EVERYTHING, months("2025-03", "2025-03")).frame.set_index("measure")
    assert not march["sent"].any() and march["value"].isna().all()


def test_trends_leave_gaps_where_nothing_was_sent(small):
    trend = analytics.emersione_trend.uncached(small, EVERYTHING, months("2025-01", "2025-03")).frame
    assert trend["sent"].tolist() == [True, False, False]
    assert trend["contacts"].iloc[0] == 0 and trend["contacts"].iloc[1:].isna().all()
    assert not trend["contacts_small"].any()
    capacity = analytics.accoglienza_trend.uncached(small, EVERYTHING, months("2025-01", "2025-03"))
    total = capacity["total"].frame
    assert total["period_key"].tolist() == ["2025-01", "2025-02", "2025-03"]
    assert total["sent"].tolist() == [True, True, False] and pd.isna(total["places"].iloc[2])
    by_line = capacity["line"].frame
    assert by_line.loc[by_line["period_key"] == "2025-03", "sent"].tolist() == [False]  # one gap per line shown
    services = analytics.servizi_trend.uncached(small, EVERYTHING, months("2025-01", "2025-02")).frame
    assert not services["sent"].any() and services["people"].isna().all() and services["hours"].isna().all()
    series = geo.map_series.uncached(small, EVERYTHING, months("2025-01", "2025-02"), "contacts", "provincia").frame
    assert series["sent"].tolist() == [True, False] and series["value"].iloc[0] == 0
    assert pd.isna(series["value"].iloc[1]) and series["label"].tolist() == ["0", "nessun dato inviato"]


def test_totals_of_a_period_not_sent_are_missing_as_a_whole(small):
    sent = analytics.emersione_breakdowns.uncached(small, EVERYTHING, months("2025-01", "2025-01"))["gender"].frame
    assert sent["sent"].all() and (sent["contacts"] == 0).all()  # sent: every category 0, the total 0
    missing = analytics.emersione_breakdowns.uncached(small, EVERYTHING, months("2025-02", "2025-02"))
    for frame in (part.frame for part in missing.values()):
        assert not frame["sent"].any() and frame["contacts"].isna().all()
    funnel = analytics.emersione_funnel.uncached(small, EVERYTHING, months("2025-02", "2025-02"))
    assert funnel["funnel"].frame["value"].isna().all() and not funnel["referrals"].frame["sent"].any()
    by_type = analytics.servizi_by_type.uncached(small, EVERYTHING, months("2025-01", "2025-01")).frame
    assert not by_type["sent"].any() and by_type["people"].isna().all()
    training = analytics.rete_training.uncached(small, EVERYTHING, months("2025-01", "2025-01"))
    assert not training["by_audience"].frame["sent"].any() and not training["trend"].frame["sent"].any()


def test_coverage_follows_the_scope_the_programme_and_the_version(small):
    """Project B sent nothing: asked for its programme, every table is missing; so is a province without data, and
    outreach as of version 1 (it came with version 2)."""
    available = queries.data_available.uncached(small, EVERYTHING, None)
    assert available.projects and available.tables["capacity"].sent
    assert (available.tables["capacity"].first, available.tables["capacity"].last) == ("2025-01", "2025-02")
    assert available.missing("capacity", "outreach", "services", "network_members") == ("services", "network_members")
    anti = queries.data_available.uncached(small, EVERYTHING, months("2025-01", "2025-01", programme="ANTITRATTA"))
    assert not anti.any("capacity", "outreach")
    elsewhere = queries.data_available.uncached(small, Scope(provinces=frozenset({"001"})), None)
    assert not elsewhere.any(*elsewhere.tables)
    history = Scope(history=True)
    before = queries.data_available.uncached(small, history, months("2025-01", "2025-01", as_of=1))
    assert before.tables["capacity"].sent and not before.tables["outreach"].sent
    headline = queries.headline.uncached(small, history, months("2025-01", "2025-01", as_of=1)).frame
    assert not headline.set_index("measure").at["contacts", "sent"]


def test_an_empty_database_has_nothing_to_show(migrated_engine):
    available = queries.data_available.uncached(migrated_engine, EVERYTHING, None)
    assert not available.projects and not available.any(*available.tables)
    frame = queries.headline.uncached(migrated_engine, EVERYTHING, months("2025-01", "2025-01")).frame
    assert not frame["sent"].any()


# --- Plausible protected figures ------------------------------------------------------------------------------------
def test_presences_above_the_places_within_the_noise_are_full_beyond_it_overcrowded():
    occupied = pd.Series([17, 18, 19, 13, 10, None, None], dtype="Int64")  # a "<k" count is missing
    small = pd.Series([False, False, False, False, False, False, True])
    places = pd.Series([13, 13, 13, 13, 13, 13, 2])
    marks = plausible.marks(occupied, small, places, D)
    assert marks.tolist() == ["noise", "noise", "over", None, None, None, None]
    rate = plausible.occupancy(occupied, places, marks)
    assert rate.iloc[:2].tolist() == [1.0, 1.0] and rate.iloc[2] == pytest.approx(19 / 13)
    assert rate.iloc[4] == pytest.approx(10 / 13) and pd.isna(rate.iloc[5]) and pd.isna(rate.iloc[6])
    margin = plausible.margin(pd.Series([13, 0, 400]), D)
    assert margin.round(4).tolist()[::2] == [0.3846, 0.0125] and pd.isna(margin.iloc[1])


@pytest.mark.parametrize(("noise", "shown", "mark", "rate"), [(4, 17, "noise", 1.0), (6, 19, "over", 19 / 13),
                                                               (0, 13, None, 1.0), (-3, 10, None, 10 / 13)])
def test_besozzo_like_projects_as_a_reader_sees_them(small, monkeypatch, noise, shown, mark, rate):
    """13 places and 13 people published with a given noise: at most D above the places reads full, beyond it a
    real overcrowding, never hidden."""
    monkeypatch.setattr(sql, "perturb", lambda n, keys, params: np.where(np.asarray(n) > 0, np.asarray(n) + noise,
                                                                          0))
    frame = queries.headline.uncached(small, EVERYTHING, months("2025-02", "2025-02")).frame.set_index("measure")
    assert frame.at["occupied", "value"] == shown and frame.at["occupied", "mark"] == mark
    assert frame.at["occupancy_rate", "value"] == pytest.approx(rate)
    assert frame.at["occupancy_rate", "mark"] == mark and frame.at["free_places", "value"] == max(13 - shown, 0)
    projects = analytics.accoglienza_projects.uncached(small, EVERYTHING, months("2025-02", "2025-02")).frame
    row = projects.set_index("project_code").loc["A"]
    assert row["occupancy_mark"] == mark and row["occupancy_rate"] == pytest.approx(rate)
    assert row["occupancy_margin"] == pytest.approx(D / 13) and bool(row["full"]) == (rate >= 0.95)
    by_map = geo.map_values.uncached(small, EVERYTHING, months("2025-02", "2025-02"), "occupancy_rate", "provincia")
    assert by_map.frame["label"].tolist() == [{"noise": "pieno*", "over": f"{100 * rate:.1f}% (sovraffollato)"
                                               .replace(".", ",")}.get(mark, f"{100 * rate:.1f}%".replace(".", ","))]
