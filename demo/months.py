"""The demo calendar: the months 2019-01..2025-12 as indexes, project windows, seasons and weekdays.

Every generated table counts months by their index in :data:`MONTHS` (0 = 2019-01); the seasonal factors take
arrays of such indexes.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

MONTHS: tuple[str, ...] = tuple(f"{y}-{m:02d}" for y in range(2019, 2026) for m in range(1, 13))
N_MONTHS = len(MONTHS)
MONTH_CODES = np.array(MONTHS, dtype=object)  # month keys by index, to pick with arrays of indexes
MONTH_INDEX = {key: i for i, key in enumerate(MONTHS)}


def month_number(year: int, month: int) -> int:
    """The index of a month (negative before 2019-01, N_MONTHS or more after 2025-12)."""
    return (year - 2019) * 12 + month - 1


def month_of(key: str) -> int:
    """The index of a "YYYY-MM" key."""
    return month_number(int(key[:4]), int(key[5:7]))


def window(start: dt.date, end: dt.date | None) -> tuple[int, int]:
    """First and last month index of a project's dates, cut to the calendar (no end: to 2025-12)."""
    first = max(0, month_number(start.year, start.month))
    last = N_MONTHS - 1 if end is None else min(N_MONTHS - 1, month_number(end.year, end.month))
    return first, last


def _calendar_month(month: np.ndarray) -> np.ndarray:
    return month % 12 + 1


def covid(month: np.ndarray) -> np.ndarray:
    """Street and desk work in the 2020 lockdowns."""
    factor = np.ones(len(month))
    for key, value in (("2020-03", 0.35), ("2020-04", 0.4), ("2020-05", 0.65), ("2020-06", 0.85),
                       ("2020-11", 0.8), ("2020-12", 0.85), ("2021-01", 0.9)):
        factor[month == month_of(key)] = value
    return factor


def harvest(month: np.ndarray) -> np.ndarray:
    """Seasonal labour in agriculture (June to October)."""
    return np.isin(_calendar_month(month), (6, 7, 8, 9, 10)).astype(float)


def winter(month: np.ndarray) -> np.ndarray:
    """The Piano freddo (November to March)."""
    return np.isin(_calendar_month(month), (11, 12, 1, 2, 3)).astype(float)


def expand(first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(slot index, month index) for every month of every slot's inclusive window."""
    first = np.asarray(first, dtype=np.int64)
    last = np.asarray(last, dtype=np.int64)
    lens = np.maximum(last - first + 1, 0)
    slot = np.repeat(np.arange(len(first)), lens)
    starts = np.repeat(np.cumsum(lens) - lens, lens)
    month = np.arange(int(lens.sum())) - starts + first[slot]
    return slot, month


def month_date(key: str, day: int = 1) -> dt.date:
    """A day of a "YYYY-MM" month."""
    return dt.date(int(key[:4]), int(key[5:7]), day)


def weekday_in(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth (1-based) given weekday (0 = Monday) of a month."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
