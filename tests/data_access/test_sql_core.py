"""The public SQL core (data_access/sql.py): published queries are called as they are defined, the filters are
clamped to the scope once per call and no SQL helper can be given filters the scope has not clamped."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from sqlalchemy.dialects import sqlite

from data_access import analytics, geo, public_stats, queries, sql  # importing the modules registers their queries
from data_access.models import Capacity, Outreach
from data_access.scope import Filters, Scope

ROOT = Path(__file__).resolve().parents[2]
MODULES = (queries, analytics, geo, public_stats)
PUBLISHED = {name: getattr(module, name) for module in MODULES for name in sql.QUERIES if hasattr(module, name)}
REGIONAL = Scope(provinces=frozenset({"014", "015"}), level="regione", label="Lombardia (parte)")
NATIONAL = Scope(level="nazionale")
ASKED = Filters(unit="mese", start="2024-01", end="2024-03", region="03", province="014", project="X", as_of=1)


def test_every_registered_query_is_public_under_its_name():
    assert set(PUBLISHED) == set(sql.QUERIES)


@pytest.mark.parametrize("name", sorted(sql.QUERIES))
def test_a_published_query_is_called_as_it_is_defined(name):
    """inspect.signature shows the call (scope, filters, the query's own arguments, engine=None) and it is the
    definition's own signature, the engine made optional: the decorator adds nothing else and takes nothing away."""
    query = PUBLISHED[name]
    called = inspect.signature(query)
    defined = inspect.signature(query.__wrapped__)
    assert list(called.parameters)[:2] == ["scope", "filters"]
    engine = called.parameters["engine"]
    assert engine.kind is inspect.Parameter.KEYWORD_ONLY and engine.default is None
    assert defined.parameters["engine"].default is inspect.Parameter.empty  # the definition always gets one
    assert [(p.name, p.kind) for p in called.parameters.values()] == \
        [(p.name, p.kind) for p in defined.parameters.values()]
    assert called.return_annotation == defined.return_annotation
    required = [p for p in called.parameters.values() if p.default is p.empty and p.name not in ("scope", "filters")]
    arguments = ["value"] * len(required)  # the map's measure and level
    called.bind(Scope(), None, *arguments)  # what the pages write
    called.bind(Scope(), None, *arguments, engine=object())  # what tests and the command line write
    assert list(inspect.signature(query.uncached).parameters)[:3] == ["engine", "scope", "filters"]
    assert sql.QUERIES[name] is query.uncached


@pytest.fixture
def clamps(monkeypatch) -> list[Filters | None]:
    """Every Scope.clamp call, recorded."""
    seen: list[Filters | None] = []
    clamp = Scope.clamp

    def counted(self, filters):
        seen.append(filters)
        return clamp(self, filters)

    monkeypatch.setattr(Scope, "clamp", counted)
    return seen


@pytest.mark.parametrize("name", ["headline", "emersione_breakdowns", "accoglienza_projects", "rete_training"])
def test_the_filters_are_clamped_once_per_call(seeded_engine, clamps, name):
    """Once per call however many SQL conditions the query builds (a breakdown builds nine), and not at all when the
    shared cache answers."""
    asked = ASKED.with_(province=None, project=None)
    PUBLISHED[name].uncached(seeded_engine, REGIONAL, asked)
    assert len(clamps) == 1
    sql.cached_result.clear()
    clamps.clear()
    for _ in range(2):
        PUBLISHED[name](REGIONAL, asked, engine=seeded_engine)
    assert len(clamps) == 1


def test_a_question_holds_only_what_its_scope_may_ask():
    assert sql.Question(REGIONAL, ASKED).filters == ASKED.with_(province=None, project=None, as_of=None)
    assert sql.Question(NATIONAL, ASKED).filters == ASKED.with_(region=None, province=None, project=None, as_of=None)
    history = Scope(history=True)
    assert sql.Question(history, ASKED).filters == ASKED
    question = sql.Question(REGIONAL, ASKED)
    assert sql.Question(question.scope, question.filters) == question  # clamping twice changes nothing
    with pytest.raises(TypeError):
        sql.Question("Italia", ASKED)


def test_a_question_over_other_periods_keeps_its_clamp(clamps):
    """A query reading whole years beside the range (training by audience) asks the same question over them: the
    scope's clamp holds and is not run again."""
    question = sql.Question(REGIONAL, ASKED)
    yearly = question.over("anno", "2023", "2024")
    assert yearly.filters == question.filters.with_(unit="anno", start="2023", end="2024")
    assert yearly.filters.province is None and yearly.filters.project is None and yearly.scope == REGIONAL
    assert len(clamps) == 1
    assert sql.Question(Scope(level="nazionale"), None).over("anno", "2023", "2024").filters is None


def _where(conn, table, question) -> str:
    conds = sql.conditions(conn, table, question, {"2024-01"})
    return " AND ".join(str(c.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
                        for c in conds)


def test_the_conditions_of_a_coarse_scope_never_reach_a_province_or_a_project(seeded_engine):
    with seeded_engine.connect() as conn:
        regional = _where(conn, Capacity.__table__, sql.Question(REGIONAL, ASKED))
        national = _where(conn, Outreach.__table__, sql.Question(NATIONAL, ASKED))
        fine = _where(conn, Capacity.__table__, sql.Question(Scope(), ASKED))
    assert "province_code IN ('014', '015')" in regional  # both provinces of the scope, not the one asked
    assert "project_code" not in regional and "version_from" not in regional  # no project, no earlier version
    assert "province_code" not in national and "project_code" not in national  # all of Italy
    assert "province_code IN ('014')" in fine and "project_code = 'X'" in fine


def test_no_sql_helper_takes_loose_filters():
    """The helpers that write conditions take a Question, so a caller cannot hand them unclamped filters."""
    for helper in (sql.conditions, sql.allowed_provinces, sql.snapshot_months, sql.capacity_cells, sql.flow_cells,
                   sql.data_version):
        parameters = inspect.signature(helper).parameters
        assert "question" in parameters and parameters["question"].annotation == "Question", helper.__name__
        assert not {"scope", "filters"} & set(parameters), helper.__name__


def test_the_query_modules_import_only_public_names():
    for module in (*MODULES, sql):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        private = [f"{node.module}.{alias.name}" for node in ast.walk(tree)
                   if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("data_access")
                   for alias in node.names if alias.name.startswith("_")]
        assert not private, (module.__name__, private)
