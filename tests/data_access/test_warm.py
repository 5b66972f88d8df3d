"""Warm after load (data_access/warm.py): after a start or a new data version, the filter choices and default views
of every scope in use are in the shared cache before anyone asks; a failure of the warmer is logged and never
fails the load (or the rollback) that woke it."""

from __future__ import annotations

import logging

import pytest

from data_access import analytics, auth, geo, imports, loading, public_stats, queries, sql, warm
from data_access.scope import Scope
from tests.conftest import TEST_SECRET


@pytest.fixture
def loaded(migrated_engine, demo_data, monkeypatch):
    monkeypatch.setitem(warm._state, "warmed", "unset")
    loading.load(migrated_engine, secret=TEST_SECRET, kind="demo", source="demo:seeds:seed=42",
                 frames=demo_data.frames, projects=demo_data.projects)
    auth.ensure_demo_users(migrated_engine)
    return migrated_engine


def counting(monkeypatch, name: str) -> list:
    """Count the runs of a published query's SQL (the shared cache's misses)."""
    calls, uncached = [], sql.QUERIES[name]

    def spy(*args):
        calls.append(args)
        return uncached(*args)

    monkeypatch.setitem(sql.QUERIES, name, spy)
    return calls


def small_import(engine, demo_data) -> int:
    rows = demo_data.frames["capacity"].iloc[:2]
    return loading.load(engine, secret=TEST_SECRET, kind="import", source="test.csv", frames={"capacity": rows})


def test_after_a_load_each_scope_in_use_finds_its_default_views_computed(loaded, demo_data, monkeypatch):
    assert {geo.map_values.__name__, public_stats.reception_series.__name__} <= set(sql.QUERIES)  # all registered
    scopes = warm.scopes_in_use(loaded)
    assert Scope(provinces=None, level="provincia", label="Italia", history=True) in scopes  # the administrator
    assert any(s.provinces is not None for s in scopes) and any(s.level == "regione" for s in scopes)

    result = warm.check_once(loaded)  # what the server's thread does when the data version is new
    assert result is not None and result["scopes"] == len(scopes) and result["errors"] == 0

    headline, trend = counting(monkeypatch, "headline"), counting(monkeypatch, "accoglienza_trend")
    for scope in scopes:
        choices = queries.filter_choices(scope, None, engine=loaded)["choices"]
        for filters in warm.default_filters(choices):
            queries.headline(scope, filters, engine=loaded)
            analytics.accoglienza_trend(scope, filters, engine=loaded)
    assert headline == [] and trend == []  # every page's first question was already answered

    assert warm.check_once(loaded) is None  # nothing new: nothing warmed again
    small_import(loaded, demo_data)
    assert warm.check_once(loaded) is not None  # a new data version: warmed again


def test_a_failing_warmer_is_logged_and_the_load_and_rollback_go_on(loaded, demo_data, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("warm broken")

    monkeypatch.setattr(warm, "warm_scope", broken)
    with caplog.at_level(logging.WARNING, logger="data_access.warm"):
        result = warm.check_once(loaded)
    assert result["errors"] == result["scopes"] > 0
    assert "warm broken" in caplog.text

    class BrokenEvent:
        def set(self):
            raise RuntimeError("nudge broken")

    monkeypatch.setattr(warm, "_wake", BrokenEvent())
    version = small_import(loaded, demo_data)
    undo = imports.rollback(loaded, version, actor="demo.amministratore")  # nudges the warmer: no failure
    assert undo > version
    assert queries.version_info(loaded, undo) is not None


def test_no_warming_thread_in_a_test_run_of_the_app(monkeypatch, migrated_engine):
    monkeypatch.setattr(warm, "_thread", None)
    monkeypatch.delenv("CRUSCOTTO_WARM", raising=False)
    import streamlit.testing.v1  # noqa: F401 - the AppTest process: background queries would race the tests

    assert warm.enabled() is False and warm.start(migrated_engine) is False
