"""No page ever receives a raw person count.

1. Every query a page can call is registered (``published_query``); this test walks all of them. For each, the
   perturbation is swapped for a sentinel that adds 1,000,000 to every non-zero count. Any person-count value that
   comes back below 1,000,000 (other than 0 or a missing "<k" value) did not pass through ``publish``: a raw count.
2. Pages import only the query layer, the shared layout helpers, the chart builders and the catalogue: no
   SQLAlchemy, no models, no loading, no direct disclosure calls.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data_access import queries
from data_access.models import TABLES
from data_access.scope import Filters, Scope

ROOT = Path(__file__).resolve().parent.parent
SENTINEL = 1_000_000
PERSON_COLUMNS = {m for spec in TABLES.values() for m in spec.person_measures}
RAW_PREFIXES = ("n_", "k_", "ck_")

for module in ("data_access.analytics", "data_access.geo"):  # page query modules register on import
    try:
        importlib.import_module(module)
    except ModuleNotFoundError:
        pass

FILTER_SETS = [
    Filters(unit="mese", start="2023-06", end="2023-06"),
    Filters(unit="trimestre", start="2022-T4", end="2024-T1", region="03"),
    Filters(unit="anno", start="2021", end="2025", province="015", programme="ANTITRATTA"),
    Filters(unit="avviso", start="avviso-5", end="avviso-5"),
]

# Extra arguments of queries that take more than (scope, filters); every registered query must appear here or in
# the default set, so a new query cannot escape this test.
EXTRA_ARGS: dict[str, list[tuple]] = {
    "map_values": [(m, level) for m in ("places", "occupied", "occupancy_rate", "free_places", "contacts",
                                        "potential_victims", "take_ins") for level in ("provincia", "regione")],
    "map_series": [(m, "provincia", code) for m in ("occupied", "contacts", "take_ins") for code in (None, "015")]
    + [("potential_victims", "regione", "03")],
}
NO_FILTERS = {"filter_choices", "coverage"}


def sentinel_perturb(n, key_sum, params=None):
    n = np.asarray(n, dtype="int64")
    return np.where(n > 0, n + SENTINEL, 0)


def frames_in(result) -> list[pd.DataFrame]:
    if isinstance(result, queries.Published):
        return [result.frame]
    if isinstance(result, pd.DataFrame):
        return [result]
    if isinstance(result, dict):
        return [f for value in result.values() for f in frames_in(value)]
    if isinstance(result, (list, tuple)):
        return [f for value in result for f in frames_in(value)]
    return []


def person_values(frame: pd.DataFrame) -> list:
    values = []
    for column in frame.columns:
        if column in PERSON_COLUMNS:
            values.extend(frame[column].tolist())
    if {"measure", "value"} <= set(frame.columns):  # long frames: one row per measure
        values.extend(frame.loc[frame["measure"].isin(PERSON_COLUMNS), "value"].tolist())
    if "value" in frame.columns and "value_small" in frame.columns and "measure" not in frame.columns:
        measure = frame.attrs.get("measure")
        if measure in PERSON_COLUMNS:
            values.extend(frame["value"].tolist())
    return values


def test_every_registered_query_publishes_person_counts_only(seeded_engine, monkeypatch):
    monkeypatch.setattr(queries, "perturb", sentinel_perturb)
    checked = 0
    for name, fn in sorted(queries._QUERIES.items()):
        arg_sets = EXTRA_ARGS.get(name, [()])
        filter_sets = [None] if name in NO_FILTERS else FILTER_SETS
        for filters in filter_sets:
            for args in arg_sets:
                result = fn(seeded_engine, Scope.everything(), filters, *args)
                for frame in frames_in(result):
                    raw = [c for c in frame.columns if str(c).startswith(RAW_PREFIXES)]
                    assert not raw, f"{name} returns raw columns {raw}"
                    for value in person_values(frame):
                        if value is None or pd.isna(value) or value == 0:
                            continue
                        assert value >= SENTINEL, f"{name}{args} with {filters} returned a raw count {value}"
                        checked += 1
    assert checked > 900, checked  # the walk really met published counts


def test_walk_covers_the_page_queries():
    """Every query function a page calls is a registered (published) query or a documented non-count helper."""
    allowed_helpers = {"version_info", "methodology"}
    registered = set(queries._QUERIES)
    for page in (ROOT / "pages").glob("*.py"):
        tree = ast.parse(page.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in ("queries", "analytics", "geo")):
                assert node.attr in registered | allowed_helpers | {"Published"}, (
                    f"{page.name} calls {node.value.id}.{node.attr}, which is not a published query")


FORBIDDEN_IMPORTS = ("sqlalchemy", "data_access.models", "data_access.db", "data_access.loading",
                     "data_access.disclosure", "data_access.demo", "psycopg", "sqlite3")


# pages/_session.py is the Streamlit side of login (session state, cookie): it hands the engine to
# data_access.auth, which takes every decision; it runs no SQL itself.
@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "pages").glob("*.py") if p.name != "_session.py"))
def test_pages_do_not_touch_data(page):
    tree = ast.parse((ROOT / "pages" / page).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            assert not name.startswith(FORBIDDEN_IMPORTS), f"pages/{page} imports {name}"
