"""The data as of an earlier version (issue 7: an administrator rebuilds a meeting pack from the version it cites).

Imports replace rows without deleting them, so the figures of any earlier version can be recomputed: the same
cells and cell keys, hence the same published values, the outreach cube bypassed (it holds current rows only).
Only administrators may ask (``Scope.history``); for anyone else the request is dropped."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data_access import analytics, auth, imports, loading, queries
from data_access.models import PROJECT_COLUMNS
from data_access.scope import FilterChoices, Filters, Scope, filters_from_params
from tests.conftest import APP, TEST_SECRET, log_in

ADMIN = Scope(provinces=None, level="provincia", label="Italia", history=True)
PREFETTURA = Scope(provinces=frozenset({"014"}), level="provincia", label="Sondrio")
MONTH = Filters(unit="mese", start="2025-01", end="2025-01", province="014")
CAPACITY = "periodo;provincia;comune;progetto;target;strutture;posti;presenze"
OUTREACH = ("periodo;provincia;progetto;canale;sfruttamento;genere;fascia_eta;contatti;nuovi_contatti;valutazioni;"
            "potenziali_vittime;invii;prese_in_carico")


@pytest.fixture
def engine(migrated_engine, monkeypatch):
    """Version 1 (demo): one project with a month of places and of outreach. Version 2 (an import) changes both."""
    projects = pd.DataFrame([{"project_code": "SAI-SONDRIO", "name": "SAI Provincia di Sondrio", "programme": "SAI",
                              "lead_body": None, "managing_body": None, "start_date": dt.date(2014, 2, 1),
                              "end_date": None, "funding_call": None}])[list(PROJECT_COLUMNS)]
    capacity = pd.DataFrame([{"period": "2025-01", "province_code": "014", "municipality_code": None,
                              "project_code": "SAI-SONDRIO", "target_group": "uomini", "structures": 2,
                              "places": 10, "occupied": 8}])
    outreach = pd.DataFrame([{"period": "2025-01", "province_code": "014", "project_code": "SAI-SONDRIO",
                              "channel": "sportello", "exploitation": "lavorativo", "gender": g, "age_group": "26-40",
                              "contacts": n, "new_contacts": n, "assessments": 2, "potential_victims": 1,
                              "referrals": 1, "take_ins": 1} for g, n in (("uomo", 30), ("donna", 12))])
    loading.load(migrated_engine, secret=TEST_SECRET, kind="demo", source="demo:test",
                 frames={"capacity": capacity, "outreach": outreach}, projects=projects)
    monkeypatch.setenv("DATABASE_URL", migrated_engine.url.render_as_string(hide_password=False))
    return migrated_engine


def _import_version_2(engine) -> None:
    for table, text in (("capacity", f"{CAPACITY}\n2025-01;014;;SAI-SONDRIO;uomini;3;16;14\n"),
                        ("outreach", f"{OUTREACH}\n2025-01;014;SAI-SONDRIO;sportello;lavorativo;uomo;26-40;"
                                     "55;20;9;3;4;2\n")):
        report = imports.check(engine, text.encode(), f"{table}.csv", table)
        assert report.ok, report.messages
        imports.apply(engine, report, actor="test")


def _places(published) -> int:
    return int(published.frame.set_index("measure").loc["places", "value"])


def test_queries_as_of_an_earlier_version_give_that_version_s_figures(engine):
    before = {"headline": queries.headline.uncached(engine, ADMIN, MONTH),
              "trend": analytics.emersione_trend.uncached(engine, ADMIN, MONTH),
              "gender": analytics.emersione_breakdowns.uncached(engine, ADMIN, MONTH)}
    _import_version_2(engine)  # versions 2 (capacity) and 3 (outreach)
    now = queries.headline.uncached(engine, ADMIN, MONTH)
    assert _places(now) == 16 and now.data_version == 3
    old = MONTH.with_(as_of=1)
    again = {"headline": queries.headline.uncached(engine, ADMIN, old),
             "trend": analytics.emersione_trend.uncached(engine, ADMIN, old),
             "gender": analytics.emersione_breakdowns.uncached(engine, ADMIN, old)}
    assert _places(again["headline"]) == 10 and again["headline"].data_version == 1
    pd.testing.assert_frame_equal(again["headline"].frame, before["headline"].frame)
    pd.testing.assert_frame_equal(again["trend"].frame, before["trend"].frame)  # outreach without the cube
    for dimension, published in before["gender"].items():
        pd.testing.assert_frame_equal(again["gender"][dimension].frame, published.frame)
    assert again["trend"].frame["contacts"].iloc[0] != \
        analytics.emersione_trend.uncached(engine, ADMIN, MONTH).frame["contacts"].iloc[0]  # the data did change
    as_of_2 = queries.headline.uncached(engine, ADMIN, MONTH.with_(as_of=2))  # capacity new, outreach not yet
    assert _places(as_of_2) == 16 and as_of_2.data_version == 2


def test_only_administrators_may_ask_for_an_earlier_version(engine):
    _import_version_2(engine)
    asked = MONTH.with_(as_of=1)
    for scope in (PREFETTURA, Scope(provinces=None, level="regione", label="Italia")):
        result = queries.headline.uncached(engine, scope, scope.clamp(asked))
        assert result.data_version == 3  # the request is dropped: current data
    assert _places(queries.headline(ADMIN, asked, engine=engine)) == 10  # through the cache, keyed by as_of
    assert _places(queries.headline(PREFETTURA, asked, engine=engine)) == 16
    assert auth.scope_for(engine, auth.ensure_demo_users(engine) and "demo.amministratore").history


CHOICES = FilterChoices(provinces={"014": "03"}, programmes=("SAI",), projects={}, first_month="2025-01",
                        last_month="2025-01", versions=(1, 2, 3))


@pytest.mark.parametrize(("value", "as_of", "notice"), [
    ("1", 1, None),
    ("3", None, None),  # the latest version is the current data
    ("7", None, "Parametro «versione» ignorato: «7» non è una versione dei dati (ammesse: da 1 a 3)."),
    ("uno", None, "Parametro «versione» ignorato: «uno» non è una versione dei dati (ammesse: da 1 a 3)."),
    ("-1", None, "Parametro «versione» ignorato: «-1» non è una versione dei dati (ammesse: da 1 a 3)."),
])
def test_version_parameter_in_the_url(value, as_of, notice):
    filters, notices = filters_from_params({"versione": value}, CHOICES)
    assert filters.as_of == as_of
    assert notices == ([notice] if notice else [])


def test_version_parameter_is_refused_without_the_right():
    choices = FilterChoices(provinces={"014": "03"}, programmes=("SAI",), projects={}, first_month="2025-01",
                            last_month="2025-01")
    filters, notices = filters_from_params({"versione": "1"}, choices)
    assert filters.as_of is None
    assert notices == ["Parametro «versione» ignorato: «1» non è disponibile per il proprio profilo (le versioni "
                       "precedenti dei dati sono riservate agli amministratori)."]


def _pack(engine, user: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    log_in(at, engine, user)
    for key, value in {"unita": "mese", "provincia": "014", **params}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/pacchetto.py").run()
    assert not at.exception, at.exception
    return at


def test_an_administrator_rebuilds_a_pack_from_the_version_it_cites(engine):
    first = _pack(engine, "demo.amministratore").session_state["last_pack"]
    assert first.data_version == 1
    _import_version_2(engine)
    current = _pack(engine, "demo.amministratore").session_state["last_pack"]
    assert current.data_version == 3
    assert not current.summary.equals(first.summary)  # new figures now

    at = _pack(engine, "demo.amministratore", versione="1")
    rebuilt = at.session_state["last_pack"]
    assert rebuilt.data_version == 1 and rebuilt.data_date == first.data_date
    pd.testing.assert_frame_equal(rebuilt.summary, first.summary)  # the same figures as the pack of then
    assert [c.caption for c in rebuilt.charts] == [c.caption for c in first.charts]
    assert any("Dati come erano alla versione 1" in i.value for i in at.info)
    assert at.selectbox(key="filter_as_of").value == 1

    at = _pack(engine, "demo.referente", versione="1")  # not an administrator: current data, and a notice
    assert at.session_state["last_pack"].data_version == 3
    assert "versione" not in at.query_params  # dropped from the address (the notice: test_version_parameter_...)
    assert not [s for s in at.sidebar.selectbox if s.key == "filter_as_of"]
