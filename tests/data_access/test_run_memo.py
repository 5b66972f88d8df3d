"""One answer per script run (data_access/run_memo.py): a value the page asks several times in a run is computed
once in that run and again in the next; outside a run (command line, tests, the warmer) at every call."""

from pathlib import Path

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
from data_access import sql
from data_access.scope import Filters, Scope

engine = sqlalchemy.create_engine("sqlite://")
st.session_state.setdefault("reads", 0)
original = sql.current_version

def current_version(engine):
    st.session_state["reads"] += 1
    return 40 + st.session_state["reads"]

sql.current_version = current_version
try:
    question = sql.Question(Scope.everything(), Filters(start="2024-01", end="2024-03"))
    st.session_state["cited"] = [sql.data_version(engine, question) for _ in range(3)]
    st.session_state["as_of"] = sql.data_version(engine, sql.Question(Scope(history=True), Filters(end="2024-03",
                                                                                                  as_of=3)))
finally:
    sql.current_version = original
"""


def test_the_results_of_a_run_cite_the_version_read_once_in_it():
    """The data version a published result cites is read once per run (a page makes a dozen results), and again in
    the next run; a result asked as of a version cites that one."""
    at = AppTest.from_string(CITED, default_timeout=30).run()
    assert (at.session_state["cited"], at.session_state["reads"], at.session_state["as_of"]) == ([41] * 3, 1, 3)
    at.run()
    assert (at.session_state["cited"], at.session_state["reads"]) == ([42] * 3, 2)
