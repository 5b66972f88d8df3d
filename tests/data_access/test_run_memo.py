"""One answer per script run (data_access/run_memo.py): a value the page asks several times in a run is computed
once in that run and again in the next; outside a run (command line, tests, the warmer) at every call."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_access import run_memo

ROOT = str(Path(__file__).resolve().parents[2])
SCRIPT = f"""
import sys
sys.path.insert(0, {ROOT!r})
import streamlit as st
from data_access import run_memo

def compute():
    st.session_state["computed"] = st.session_state.get("computed", 0) + 1
    return st.session_state["computed"]

st.session_state["seen"] = [run_memo.per_run("version", compute) for _ in range(3)]
"""


def test_once_per_run_and_again_in_the_next():
    at = AppTest.from_string(SCRIPT, default_timeout=30).run()
    assert at.session_state["seen"] == [1, 1, 1]
    at.run()
    assert at.session_state["seen"] == [2, 2, 2]  # a new run reads again: a load is seen at the next run


def test_outside_a_run_every_call_computes():
    calls = []
    assert [run_memo.per_run("k", lambda: calls.append(1) or len(calls)) for _ in range(3)] == [1, 2, 3]


CITED = f"""
import sys
sys.path.insert(0, {ROOT!r})
import sqlalchemy
import streamlit as st
from data_access import loading, sql
from data_access.auth import common
from data_access.scope import Filters, Scope

engine = sqlalchemy.create_engine("sqlite://")
st.session_state.setdefault("reads", 0)
original = loading.data_state

def data_state(engine):
    st.session_state["reads"] += 1
    latest = 40 + st.session_state["reads"]
    return {{"kinds": {{"demo": 1}}, "latest_version": latest, "empty": False, "demo": True,
             "reference_version": latest + 100}}

loading.data_state = data_state
try:
    question = sql.Question(Scope.everything(), Filters(start="2024-01", end="2024-03"))
    st.session_state["cited"] = [sql.data_version(engine, question) for _ in range(3)]
    st.session_state["key"] = [sql.run_cache_version(engine) for _ in range(2)]
    st.session_state["demo"] = common.demo_mode(engine)
    st.session_state["as_of"] = sql.data_version(engine, sql.Question(Scope(history=True), Filters(end="2024-03",
                                                                                                  as_of=3)))
finally:
    loading.data_state = original
"""


def test_a_run_reads_the_state_of_the_data_once():
    """What is loaded (``loading.data_state``) is read once per run, and again in the next: the data version the
    results cite, the cache's key (the latest version of any kind) and demo mode come from that one reading; a
    result asked as of a version cites that one."""
    at = AppTest.from_string(CITED, default_timeout=30).run()
    state = at.session_state
    assert (state["cited"], state["key"], state["demo"], state["reads"], state["as_of"]) == (
        [41] * 3, [141] * 2, True, 1, 3)
    at.run()
    assert (at.session_state["cited"], at.session_state["key"], at.session_state["reads"]) == ([42] * 3, [142] * 2, 2)


def test_the_state_of_a_run_gives_the_versions_read_on_their_own(seeded_engine, migrated_engine):
    """The cache's key and the version results cite, derived from the state of the data, are those read directly,
    on a loaded database and on an empty one."""
    from data_access import loading, sql

    for engine in (seeded_engine, migrated_engine):
        state = loading.run_state(engine)
        assert state["latest_version"] == sql.current_version(engine)
        assert sql.run_cache_version(engine) == sql.cache_version(engine)
    assert sql.current_version(seeded_engine) is not None and sql.cache_version(migrated_engine) is None


@pytest.mark.parametrize("page", ["rete", "panoramica"])
def test_a_page_asking_the_same_question_reads_the_data_versions_once(open_page, seeded_engine, page):
    """Issue 20: a rerun that asks nothing new reads the versions table once: the state of the data (the cache's
    key, demo mode, the version results cite, the alerts' key, which version is the latest). The latest version's
    row (its date, for the source line) is read once per process; the alerts' count and the captions asked the table
    again, each on its own."""
    from sqlalchemy import event

    at = open_page(page)
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if "data_versions" in statement:
            seen.append(statement)
    event.listen(seeded_engine, "before_cursor_execute", count)
    try:
        at.run()
    finally:
        event.remove(seeded_engine, "before_cursor_execute", count)
    assert not at.exception
    assert len(seen) == 1 and "GROUP BY data_versions.kind" in seen[0], seen
