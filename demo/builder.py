"""The builder the scales write into: projects, their month windows and the parts of every fact table, joined
by :meth:`Builder.finish` into :class:`DemoData` with the contract's columns and types."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access.models import PROJECT_COLUMNS, TABLES
from demo.months import window

_INT_COLUMNS = {
    "structures", "places", "occupied", "contacts", "new_contacts", "assessments", "potential_victims",
    "referrals", "take_ins", "outings", "opening_days", "people", "participants", "courses",
    "organisations_present", "decisions",
}
_FLOAT_COLUMNS = {"hours"}
_OBJECT_COLUMNS = {"municipality_code", "joined", "left", "date", "due_date", "completed_date", "indicator"}


@dataclass
class DemoData:
    """Projects and fact tables ready for :func:`data_access.loading.load`."""

    projects: pd.DataFrame
    frames: dict[str, pd.DataFrame]

    def rows(self) -> int:
        """Total fact rows (every table, projects excluded)."""
        return sum(len(frame) for frame in self.frames.values())


def object_column(values) -> pd.Series:
    """A column of Python objects (codes, dates, None), kept as they are by pandas."""
    return pd.Series(values, dtype=object)


class Builder:
    """The random state, the reference territories, and what the scales have made so far."""

    def __init__(self, rng: np.random.Generator, ref: dict[str, pd.DataFrame]):
        self.rng = rng
        self.ref = ref
        self.projects: list[dict] = []
        self.parts: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
        self.covered: list[tuple[str, int, int]] = []  # (province, first, last) of seed anti-trafficking projects

    def project(self, code: str, name: str, programme: str, lead: str | None, managing: str | None,
                start: dt.date, end: dt.date | None = None, call: str | None = None) -> tuple[int, int]:
        """Register a project; returns its first and last month index inside the demo calendar."""
        self.projects.append({"project_code": code, "name": name, "programme": programme, "lead_body": lead,
                              "managing_body": managing, "start_date": start, "end_date": end,
                              "funding_call": call})
        return window(start, end)

    def add(self, table: str, frame: pd.DataFrame) -> None:
        """Add rows to a table (an empty frame adds nothing)."""
        if len(frame):
            self.parts[table].append(frame)

    def finish(self) -> DemoData:
        """Every table with the contract's columns in order and their types; training summed per cell."""
        frames = {name: _table(name, list(spec.columns), self.parts[name]) for name, spec in TABLES.items()}
        projects = pd.DataFrame(self.projects, columns=list(PROJECT_COLUMNS), dtype=object)
        return DemoData(projects=projects, frames=frames)


def _table(name: str, columns: list[str], parts: list[pd.DataFrame]) -> pd.DataFrame:
    """One table from its parts, in the contract's columns and types."""
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    if name == "training":
        frame = frame.groupby(["period", "province_code", "audience"], as_index=False, sort=False)[
            ["courses", "hours", "participants"]].sum()
    frame = frame[columns].copy()
    for column in columns:
        frame[column] = _typed(column, frame[column])
    return frame.reset_index(drop=True)


def _typed(column: str, values: pd.Series) -> pd.Series:
    """A column in its contract type: integers, hours as floats, dates and blanks as objects (None), codes as text."""
    if column in _INT_COLUMNS:
        return values.astype(np.int64)
    if column in _FLOAT_COLUMNS:
        return values.astype(float)
    if column in _OBJECT_COLUMNS:
        values = values.astype(object)
        return values.where(values.notna(), None)
    return values.astype("str")
