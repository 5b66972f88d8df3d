"""The alert rules (data_access/alerts.py) on known demo figures: which projects, items and territories must be
flagged and which must not; the scope each user sees; runs stored per data version and day; dismissals per user,
in the audit trail.

The rules read the seeded demo database (both backends: the same published values on SQLite and PostgreSQL). The
known figures (published with the tests' secret) are those of the pages: CAS Varese at 95.8% in December 2024 and
January 2025, N.A.Ve Padova "pieno*" (5 published presences in 4 places) in both; Padova's contacts from 24 in May
2025 to 42 in June. Tests that write (runs, dismissals) use a database of their own.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import select

from config import alerting
from config.settings import ConfigError
from data_access import alerts, analytics, auth, loading
from data_access.models import AlertRun, AuditEvent
from data_access.scope import Filters, Scope
from tests.conftest import TEST_SECRET

RULES = alerting.AlertRules()
ACTIVE = {"SAI-SONDRIO", "SAI-NOVATE", "SAI-CINISELLO", "SAI-BESOZZO", "CAS-MILANO", "CAS-VARESE", "NAVE-POLIS-PD",
          "FAMI-POLIS-PD", "SAMMARTINI"}  # the projects still running after December 2025
ENDED = {"DERIVE-APPRODI", "METTIAMO-ALI-BS", "DIAGRAMMI-NORD", "NAVIGARE", "INSIDE-AUT", "RETI-AVELLINO"}


def found(engine, rule: str, today: dt.date, month: str | None = None, rules=RULES) -> list[alerts.Found]:
    return [f for f in alerts.compute(engine, today, month, rules) if f.rule == rule]


# --- Full projects ------------------------------------------------------------------------------------------------
def test_full_projects_two_months_in_a_row(seeded_engine):
    flagged = {(f.project_code, f.provinces) : f for f in found(seeded_engine, "full", dt.date(2025, 2, 20), "2025-01")}
    assert set(flagged) == {("CAS-VARESE", ("012",)), ("NAVE-POLIS-PD", ("028",))}
    varese = flagged[("CAS-VARESE", ("012",))]
    assert (varese.since, varese.details["months"]) == ("2024-11", 3)  # November 2024 to January 2025
    assert varese.what() == ("Occupazione al 95% o più da 3 mesi di fila (dicembre 2024: 95,8%; gennaio 2025: 95,8%)")
    assert varese.params == {"unita": "mese", "da": "2024-02", "a": "2025-01", "provincia": "012",
                             "progetto": "CAS-VARESE"}
    # "pieno*": 5 published presences in 4 places, within the noise D = 5: full (100%), never overcrowded
    padova = flagged[("NAVE-POLIS-PD", ("028",))]
    assert (padova.details["mark"], padova.details["previous_mark"], padova.since) == ("noise", "noise", "2024-12")
    assert "dicembre 2024: pieno*; gennaio 2025: pieno*" in padova.what()


def test_full_projects_not_flagged(seeded_engine):
    # CAS Milano: 95.1% in September and October 2025, 94.9% in November, 94.9% in December: full once, not now
    assert found(seeded_engine, "full", dt.date(2026, 1, 20)) == []
    at_october = {f.project_code for f in found(seeded_engine, "full", dt.date(2025, 11, 20), "2025-10")}
    assert at_october == {"CAS-MILANO"}
    # N.A.Ve Padova is "pieno*" in December 2025 but "<5" in November: an unknown occupancy breaks the run
    assert "NAVE-POLIS-PD" not in {f.project_code for f in found(seeded_engine, "full", dt.date(2026, 1, 5))}


def test_full_uses_the_published_occupancy_of_the_page(seeded_engine):
    page = analytics.accoglienza_projects.uncached(seeded_engine, Scope(), Filters(unit="mese", start="2025-01",
                                                                                    end="2025-01")).frame
    row = page[page["project_code"] == "CAS-VARESE"].iloc[0]
    alert = next(f for f in found(seeded_engine, "full", dt.date(2025, 2, 20), "2025-01")
                 if f.project_code == "CAS-VARESE")
    assert alert.details["rate"] == pytest.approx(float(row["occupancy_rate"]))


# --- Months not sent ----------------------------------------------------------------------------------------------
def test_late_projects_after_the_deadline(seeded_engine):
    late = {f.project_code: f for f in found(seeded_engine, "late", dt.date(2026, 2, 16))}
    assert set(late) == ACTIVE  # every project still running, none of the ended ones (RETI Avellino ends 12/2025)
    assert not ENDED & set(late)
    sondrio = late["SAI-SONDRIO"]
    assert (sondrio.since, sondrio.provinces, sondrio.details["tables"]) == ("2026-01", ("014",), ["capacity"])
    assert sondrio.what() == ("Non ha inviato Accoglienza da gennaio 2026: mesi mancanti: 1 (il primo era dovuto "
                              "entro il 15/02/2026)")
    later = {f.project_code: f for f in found(seeded_engine, "late", dt.date(2026, 5, 3))}["SAI-SONDRIO"]
    assert (later.since, later.details["missing"], later.details["deadline"]) == ("2026-01", 3, "2026-02-15")
    assert late["SAMMARTINI"].details["tables"] == ["outreach", "services"]


def test_late_waits_for_the_deadline_day(seeded_engine, monkeypatch):
    assert found(seeded_engine, "late", dt.date(2026, 2, 15)) == []  # January is due by 15 February
    assert found(seeded_engine, "late", dt.date(2026, 1, 20)) == []  # December was sent by everyone running
    monkeypatch.setenv(alerting.DEADLINE_ENV, "10")
    assert {f.project_code for f in found(seeded_engine, "late", dt.date(2026, 2, 12), rules=alerting.alert_rules())
            } == ACTIVE


@pytest.mark.parametrize(("variable", "raw"), [
    (alerting.DEADLINE_ENV, "0"), (alerting.DEADLINE_ENV, "29"), (alerting.DEADLINE_ENV, "dieci"),
    (alerting.DEADLINE_ENV, "15,5"), (alerting.TREND_Z_ENV, "-1"), (alerting.TREND_Z_ENV, "tre"),
    (alerting.TREND_Z_ENV, "nan"), (alerting.TREND_MIN_ENV, "2,5"), (alerting.TREND_MIN_ENV, "-3"),
    (alerting.TREND_SHARE_ENV, "11"), (alerting.TREND_SHARE_ENV, "metà")])
def test_bad_alert_settings_are_refused_naming_the_variable(monkeypatch, variable, raw):
    monkeypatch.setenv(variable, raw)
    with pytest.raises(ConfigError, match=variable) as refused:
        alerting.alert_rules()
    assert f"«{raw}»" in str(refused.value) or raw in str(refused.value)


def test_alert_settings_accept_an_italian_comma(monkeypatch):
    monkeypatch.setenv(alerting.TREND_SHARE_ENV, "0,25")
    monkeypatch.setenv(alerting.DEADLINE_ENV, "10")
    assert (alerting.alert_rules().trend_share, alerting.alert_rules().deadline_day) == (0.25, 10)


# --- Action-plan items ----------------------------------------------------------------------------------------------
def test_action_items_overdue_or_due_within_30_days(seeded_engine):
    items = {f.details["code"]: f for f in found(seeded_engine, "action", dt.date(2025, 6, 20))}
    kinds = {code: f.details["kind"] for code, f in items.items()}
    assert kinds == {"PIL-AV-02": "overdue", "PIL-AV-07": "due", "PIL-AV-09": "overdue", "PIL-AV-11": "overdue",
                     "PIL-MI-03": "overdue", "PIL-PD-02": "overdue", "PIL-PD-03": "due"}
    # not flagged: completed (PIL-AV-04, even late), due later (PIL-AV-08, 2026), without a due date (PIL-AV-14)
    assert items["PIL-AV-07"].what() == ("Azione PIL-AV-07 «Procedura condivisa di segnalazione al Numero Verde "
                                         "Antitratta» (In corso): scade il 30/06/2025, tra 10 giorni")
    assert (items["PIL-AV-02"].since, items["PIL-AV-02"].params) == ("2024-12-31", {"provincia": "064"})


# --- Sharp changes ----------------------------------------------------------------------------------------------
def test_sharp_changes_beyond_the_noise(seeded_engine):
    trend = found(seeded_engine, "trend", dt.date(2025, 7, 20), "2025-06")
    assert {(f.level, f.details["territory"], f.details["measure"]) for f in trend} == {
        ("provincia", "Padova", "contatti"), ("provincia", "Avellino", "contatti"),
        ("regione", "Veneto", "contatti"), ("regione", "Campania", "contatti")}
    padova = next(f for f in trend if f.provinces == ("028",))
    assert (padova.details["before"], padova.details["now"]) == (24, 42)
    assert padova.what().startswith("Contatti: da 24 (maggio 2025) a 42 (giugno 2025), +75%")
    # the same published values as Emersione's chart of Padova
    page = analytics.emersione_trend.uncached(seeded_engine, Scope(), Filters(unit="mese", start="2025-05",
                                                                               end="2025-06", province="028")).frame
    assert list(page["contacts"]) == [24, 42]
    # Milano's take-ins jump from 21 to 46 in September 2025; Milano's contacts (537 -> 576) are no sharp change
    september = found(seeded_engine, "trend", dt.date(2025, 10, 20), "2025-09")
    assert ("015", "prese_in_carico") in {(f.provinces[0], f.details["measure"]) for f in september
                                          if f.level == "provincia"}
    assert found(seeded_engine, "trend", dt.date(2026, 1, 20)) == []  # Padova +48% in December: below half


def test_trend_rule_thresholds(seeded_engine):
    strict = alerting.AlertRules(trend_share=0.8)  # Padova +75%, Avellino +68%: no longer sharp
    assert found(seeded_engine, "trend", dt.date(2025, 7, 20), "2025-06", strict) == []
    high_minimum = alerting.AlertRules(trend_min=50)  # 42 and 32 are below the minimum count
    assert found(seeded_engine, "trend", dt.date(2025, 7, 20), "2025-06", high_minimum) == []


# --- Who sees what --------------------------------------------------------------------------------------------------
def scope_of(engine, username: str) -> Scope:
    auth.ensure_demo_users(engine)
    return auth.scope_for(engine, username)


def test_each_scope_sees_its_own_alerts(seeded_engine):
    everything = alerts.compute(seeded_engine, dt.date(2025, 7, 20), "2025-06")
    avellino = [f for f in everything if f.visible_to(scope_of(seeded_engine, "demo.tavolo"))]
    assert {f.details["territory"] for f in avellino} == {"Avellino"}
    assert {f.rule for f in avellino} == {"action", "trend"}
    milano = [f for f in everything if f.visible_to(scope_of(seeded_engine, "demo.prefettura"))]
    assert {f.details["territory"] for f in milano} == {"Milano"}
    # a guest: regional trends only, never a project or a province
    guest = [f for f in everything if f.visible_to(scope_of(seeded_engine, "demo.ospite"))]
    assert guest and {f.level for f in guest} == {"regione"} and not any(f.project_code for f in guest)
    # the administrator: every province, no regional duplicate
    admin = [f for f in everything if f.visible_to(scope_of(seeded_engine, "demo.amministratore"))]
    assert {f.level for f in admin} == {"provincia"} and len(admin) == len(everything) - len(guest)


# --- Stored runs and dismissals (a database of their own) ------------------------------------------------------------
@pytest.fixture
def own_engine(fresh_demo_engine):
    return fresh_demo_engine


def test_runs_are_stored_per_data_version_and_day(own_engine, demo_data):
    day = dt.date(2026, 2, 16)
    first = alerts.refresh(own_engine, day)
    assert alerts.refresh(own_engine, day) == first  # stored: not computed again
    assert alerts.refresh(own_engine, day + dt.timedelta(days=1)) != first  # a new day
    actions = demo_data.frames["actions"]
    done = actions[actions["action_code"] == "PIL-MI-03"].assign(status="completata",
                                                                   completed_date=dt.date(2026, 1, 10))
    version = loading.load(own_engine, secret=TEST_SECRET, kind="demo_import", source="azioni.csv",
                           frames={"actions": done}, replace={"actions": done[["province_code", "action_code"]]})
    run = alerts.refresh(own_engine, day)
    assert run != first
    with own_engine.connect() as conn:
        assert conn.execute(select(AlertRun.data_version).where(AlertRun.id == run)).scalar() == version
    codes = {f.details.get("code") for f in alerts.run_alerts(own_engine, run)}
    assert "PIL-MI-03" not in codes and "PIL-AV-02" in codes  # completed by the new version: no longer flagged


def test_a_stored_run_is_read_once_and_shared_read_only(own_engine):
    """Issue 20: the alerts of a stored run (over a thousand nationally) are read and parsed once per process, not at
    every click on Segnalazioni; every caller gets the same values, and none can change them for the others."""
    from sqlalchemy import event

    day = dt.date(2026, 2, 16)
    run = alerts.refresh(own_engine, day)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)
    event.listen(own_engine, "before_cursor_execute", count)
    try:
        first = alerts.run_alerts(own_engine, run)
        read = len(statements)
        second = alerts.run_alerts(own_engine, run)
    finally:
        event.remove(own_engine, "before_cursor_execute", count)
    assert read == 1 and len(statements) == 1  # the second reading asked the database nothing
    assert first == second and first and all(a is b for a, b in zip(first, second, strict=True))
    with pytest.raises(TypeError):
        first[0].details["page"] = "altro"
    assert {f.key for f in first} == {f.key for f in alerts.compute(own_engine, day)}  # what the rules find
    milano = scope_of(own_engine, "demo.prefettura")
    assert {f.key for f in alerts.for_scope(own_engine, milano, day)} <= {f.key for f in first}


def test_dismissal_is_per_user_and_audited(own_engine):
    day = dt.date(2026, 2, 16)
    milano = scope_of(own_engine, "demo.prefettura")
    mine = alerts.for_scope(own_engine, milano, day)
    before = alerts.visible_count(milano, "demo.prefettura", own_engine, day)
    assert before == len(mine) > 0
    target = mine[0]
    alerts.dismiss(own_engine, "demo.prefettura", target)
    alerts.dismiss(own_engine, "demo.prefettura", target)  # twice: one dismissal, one audit line
    assert alerts.visible_count(milano, "demo.prefettura", own_engine, day) == before - 1
    assert alerts.visible_count(milano, "demo.amministratore", own_engine, day) == before  # others still see it
    with own_engine.connect() as conn:
        events = pd.DataFrame(conn.execute(select(AuditEvent.username, AuditEvent.event, AuditEvent.details)
                                           .where(AuditEvent.event.like("alert_%"))).all())
    assert list(events["event"]) == ["alert_dismissed"] and target.key in events["details"].iloc[0]
    alerts.restore(own_engine, "demo.prefettura", target)
    assert alerts.visible_count(milano, "demo.prefettura", own_engine, day) == before
    assert auth.audit_frame(own_engine, events=["alert_restored"])["username"].tolist() == ["demo.prefettura"]


def test_the_menu_count_finds_a_scopes_alerts_once_for_every_user_of_it(own_engine, monkeypatch):
    """Issue 20: the sidebar's count, at every run of every page, looks up the scope's alerts (cached by database,
    data version, day and scope) and asks the database only for the user's dismissals."""
    from sqlalchemy import event

    day = dt.date(2026, 2, 16)
    milano = scope_of(own_engine, "demo.prefettura")
    found = []
    for_scope = alerts.for_scope
    monkeypatch.setattr(alerts, "for_scope", lambda *a: found.append(a) or for_scope(*a))
    first = alerts.visible_count(milano, "demo.prefettura", own_engine, day)
    assert len(found) == 1
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)
    event.listen(own_engine, "before_cursor_execute", count)
    try:
        assert alerts.visible_count(milano, "demo.amministratore", own_engine, day) == first > 0
    finally:
        event.remove(own_engine, "before_cursor_execute", count)
    assert len(found) == 1  # the same scope: found once
    key = (own_engine.url.render_as_string(hide_password=False), alerts.run_current_version(own_engine),
           day.isoformat(), milano)
    assert alerts._scope_keys(*key) is alerts._scope_keys(*key)  # handed out as kept: no copy, nothing unpickled
    assert [s for s in statements if "alert" in s.lower()] == [s for s in statements if "alert_dismissals" in s]
    alerts.visible_count(milano, "demo.prefettura", own_engine, day + dt.timedelta(days=1))  # another day
    alerts.visible_count(Scope(), "demo.prefettura", own_engine, day)  # another scope
    assert len(found) == 3


def test_empty_database_has_no_alerts(migrated_engine):
    assert alerts.for_scope(migrated_engine, Scope(), dt.date(2026, 2, 16)) == []
    assert alerts.visible_count(Scope(), "someone", migrated_engine, dt.date(2026, 2, 16)) == 0
