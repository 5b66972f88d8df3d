"""Rows of the governance tables: network members, meetings (with the organisations present), local action plans,
and the training of operators; meeting dates on a fixed weekday of the month."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from demo.builder import object_column
from demo.months import month_of, weekday_in


def training_frame(rows: list[tuple]) -> pd.DataFrame:
    """Training from (period, province, audience, courses, hours, participants) tuples."""
    return pd.DataFrame(rows, columns=["period", "province_code", "audience", "courses", "hours", "participants"])


def member_frame(province: str, members: list[tuple]) -> pd.DataFrame:
    """Network members of a province from (organisation, type, joined, left) tuples (ISO dates, left or None)."""
    return pd.DataFrame({
        "province_code": province,
        "organisation": [m[0] for m in members],
        "organisation_type": [m[1] for m in members],
        "joined": object_column([dt.date.fromisoformat(m[2]) for m in members]),
        "left": object_column([dt.date.fromisoformat(m[3]) if m[3] else None for m in members]),
    })


def plan_frame(province: str, plan: list[tuple]) -> pd.DataFrame:
    """A local action plan from (code, title, lead type, status, due, completed[, indicator]) tuples (ISO dates or
    None; the indicator the item targets in the province, ACTION_INDICATORS, or none)."""
    return pd.DataFrame({
        "province_code": province,
        "action_code": [a[0] for a in plan], "title": [a[1] for a in plan],
        "lead_organisation_type": [a[2] for a in plan], "status": [a[3] for a in plan],
        "due_date": object_column([dt.date.fromisoformat(a[4]) if a[4] else None for a in plan]),
        "completed_date": object_column([dt.date.fromisoformat(a[5]) if a[5] else None for a in plan]),
        "indicator": object_column([a[6] if len(a) > 6 else None for a in plan]),
    })


def meeting_frame(rng: np.random.Generator, province: str, members: pd.DataFrame, schedule: dict[str, list[dt.date]],
                  decisions: float) -> pd.DataFrame:
    """Meetings on given dates; organisations present among the members in office that day."""
    rows = []
    joined = members["joined"].to_numpy(object)
    left = members["left"].to_numpy(object)
    for body, dates in schedule.items():
        share = {"tavolo": 0.75, "rete": 0.55, "cabina_regia": 0.45}[body]
        for day in dates:
            active = sum(1 for j, lft in zip(joined, left, strict=True) if j <= day and (lft is None or lft >= day))
            if not active:
                continue
            present = int(np.clip(rng.binomial(active, share), 2, active))
            rows.append((day, province, body, present, int(rng.poisson(decisions if body == "tavolo" else 1.0))))
    return pd.DataFrame(rows, columns=["date", "province_code", "body", "organisations_present", "decisions"])


def meeting_dates(first: str, last: str, step: int, weekday: int = 2, nth: int = 2) -> list[dt.date]:
    """Meeting dates every ``step`` months (nth weekday of the month) from first to last (YYYY-MM)."""
    out = []
    for m in range(month_of(first), month_of(last) + 1, step):
        month = m % 12 + 1 if m % 12 + 1 != 8 else 9  # no meetings in August: the first week of September
        out.append(weekday_in(2019 + m // 12, month, weekday, nth if month == m % 12 + 1 else 1))
    return sorted(set(out))
