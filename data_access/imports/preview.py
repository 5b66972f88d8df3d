"""The preview of a load: the checked rows compared with the current rows that share their replacement key
(data_access.contract.REPLACE_KEYS), so that a report says what would be added, replaced or left unchanged, and
only the rows that change anything are loaded.

Rows are compared as text of canonical values (dates as ISO, whole floats as integers, four decimals), because
the file and the database give back the same value in different types.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pandas as pd
from sqlalchemy import and_, select, tuple_

from data_access.contract import COLUMNS, REPLACE_KEYS, contract_columns
from data_access.imports.report import Diff, Report
from data_access.models import TABLES, Project

CHUNK = 500  # keys per query when fetching the current rows
ROWS = "rows"  # the measure of a table without figures: its number of rows per key


def _canon(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        return str(int(value)) if value.is_integer() else repr(round(value, 4))
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return value.isoformat()[:10]
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _signatures(frame: pd.DataFrame, columns) -> list[str]:
    """One text per row joining the canonical values of ``columns`` (plain Python: no copies of the frame)."""
    parts = [list(map(_canon, frame[c].tolist())) for c in columns]
    return ["\x1f".join(values) for values in zip(*parts, strict=True)]


def _current_rows(conn, table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The current rows that share a replacement key with the file."""
    keys = list(REPLACE_KEYS[table])
    columns = list(contract_columns(table))
    model = Project if table == "projects" else TABLES[table].model
    t = model.__table__
    wanted = frame[keys].drop_duplicates()
    conditions = [] if table == "projects" else [t.c.version_to.is_(None)]
    found = []
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted.iloc[start:start + CHUNK]
        if len(keys) == 1:
            match = t.c[keys[0]].in_(chunk[keys[0]].tolist())
        else:
            match = tuple_(*[t.c[k] for k in keys]).in_(list(chunk.itertuples(index=False, name=None)))
        found += conn.execute(select(*[t.c[c] for c in columns]).where(and_(*conditions, match))).all()
    return pd.DataFrame([tuple(r) for r in found], columns=columns, dtype=object)


def _groups(frame: pd.DataFrame, table: str) -> tuple[list[str], dict[str, str]]:
    """Each row's replacement key, and each key's content (its rows' signatures, sorted and joined)."""
    keys = _signatures(frame, REPLACE_KEYS[table])
    rows: dict[str, list[str]] = defaultdict(list)
    for key, signature in zip(keys, _signatures(frame, contract_columns(table)), strict=True):
        rows[key].append(signature)
    return keys, {key: "\x1e".join(sorted(sigs)) for key, sigs in rows.items()}


def _own(current: pd.DataFrame, projects: frozenset[str] | None) -> pd.DataFrame:
    """The current rows of the projects the uploader may load (all for an administrator). The file's keys hold only
    those projects already (the check refuses any other); this keeps it so whatever the keys."""
    if projects is None or "project_code" not in current:
        return current
    return current[current["project_code"].isin(projects)].reset_index(drop=True)


def measures(table: str) -> list[str]:
    """The numeric columns whose figures the preview puts side by side ([] for tables of names and dates)."""
    return [c.name for c in COLUMNS[table] if c.kind in ("count", "number")]


def _totals(frame: pd.DataFrame, keys: list[str], names: list[str]) -> dict[tuple, dict[str, float]]:
    """Per replacement key, the sum of each measure (or the number of rows, for a table without measures)."""
    out: dict[tuple, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    columns = [frame[k].tolist() for k in keys]
    values = {name: frame[name].tolist() for name in names}
    for i, key in enumerate(zip(*columns, strict=True)):
        sums = out[tuple(_canon(k) for k in key)]
        if not names:
            sums[ROWS] += 1
        for name in names:
            sums[name] += float(values[name][i] or 0)
    return out


def figures(frame: pd.DataFrame, current: pd.DataFrame, table: str, changed: set[tuple]) -> pd.DataFrame:
    """The figures of every replacement key the load changes: one row per key and measure, with the current value
    (None for a new key) and the value of the file."""
    keys = list(REPLACE_KEYS[table])
    names = measures(table)
    new, old = _totals(frame, keys, names), _totals(current, keys, names)
    rows = [(*key, name, old[key][name] if key in old else None, sums[name])
            for key, sums in sorted(new.items()) if key in changed for name in (names or [ROWS])]
    return pd.DataFrame(rows, columns=[*keys, "measure", "current", "new"])


def compare(conn, report: Report) -> None:
    """Set the report's ``diff``, ``to_load`` (the rows whose key is new or whose content changed) and ``figures``
    (the changed keys' figures next to the current ones) against the data as they are now."""
    table, frame = report.table, report.frame
    current = _own(_current_rows(conn, table, frame), report.projects)
    new_keys, new_groups = _groups(frame, table)
    old_keys, old_groups = _groups(current, table)
    old_sizes = Counter(old_keys)
    status = ["unchanged" if old_groups.get(k) == new_groups[k] else "replaced" if k in old_groups else "added"
              for k in new_keys]
    changed = {k for k in new_groups if k in old_groups and old_groups[k] != new_groups[k]}
    report.diff = Diff(added=status.count("added"), replaced=status.count("replaced"),
                       replaced_current=sum(old_sizes[k] for k in changed), unchanged=status.count("unchanged"))
    report.to_load = frame[[s != "unchanged" for s in status]].reset_index(drop=True)
    keys = list(REPLACE_KEYS[table])
    changed = {tuple(_canon(v) for v in key) for key in report.to_load[keys].itertuples(index=False, name=None)}
    report.figures = figures(frame, current, table, changed)
