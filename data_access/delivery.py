"""What the projects sent: whether a table has rows for a question, so that a measure nobody sent shows as "nessun
dato inviato" and leaves a gap in a chart, instead of a 0 ("missing is not zero").

The decision rests on the uploads, never on the counts. A period of a table is *sent* for a question when at least one
row of that table is in force (now, or at the data version asked) in the question's scope, territory, programme and
project in one of the period's months, whatever its figures; otherwise its measures are missing. So a published 0 (a
table sent, nobody counted in a category, or a small count published as 0) stays 0, and only the tables a project
sent for a month tell "missing" from "zero": Panoramica already lists the last month each project sent per table.
Coverage is asked of a whole table for a period, never of one category or one measure (whether one category had
rows would tell something of its count).

:func:`sent_periods` and :func:`sent` are the checks the query modules use; :class:`Available` is what
``queries.data_available`` tells the pages (which tables a page can draw, the first and last month each was sent).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from data_access import scope as periods
from data_access.sql import Question, conditions, period_expression

MONTHLY = ("capacity", "outreach", "outreach_activity", "services", "training")  # tables sent month by month


@dataclass(frozen=True)
class TableData:
    """One table for a question: whether it has rows, and for a monthly table the first and last month sent."""

    sent: bool
    first: str | None = None
    last: str | None = None


@dataclass(frozen=True)
class Available:
    """What a question can show: the projects registered, and each table (TABLES' names) with its data."""

    projects: bool
    tables: dict[str, TableData]

    def any(self, *names: str) -> bool:
        """Whether any of the tables has rows for the question."""
        return any(self.tables[name].sent for name in names)

    def missing(self, *names: str) -> tuple[str, ...]:
        """The tables without rows for the question, in the order asked."""
        return tuple(name for name in names if not self.tables[name].sent)


def sent_periods(conn, model, question: Question, keys) -> set[str]:
    """The period keys (of the question's unit) among ``keys`` in which the table has rows for the question."""
    unit = question.filters.unit
    months = {m for key in keys for m in periods.months_of(unit, key)}
    t = model.__table__
    key = period_expression(unit, t.c.period)
    found = conn.execute(select(key).where(*conditions(conn, t, question, months)).distinct()).scalars()
    return {k for k in found if k in set(keys)}


def sent(conn, model, question: Question, months=None) -> bool:
    """Whether the table has rows for the question in any of the months (in any month, without ``months``)."""
    t = model.__table__
    months = None if months is None else set(months)
    return conn.execute(select(t.c.id).where(*conditions(conn, t, question, months)).limit(1)).first() is not None
