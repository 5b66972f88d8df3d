"""Capacity rows (structures, places, presences by month) of reception slots, and the national CAS curve.

A slot is one row of a project's layout (comune, target group, structures, places) over a window of months;
presences follow an AR(1) occupancy rate, or a project's published monthly total.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from demo.builder import object_column
from demo.draws import ar_noise
from demo.months import MONTH_CODES, MONTH_INDEX, N_MONTHS, expand, month_of


def capacity(rng: np.random.Generator, slots: pd.DataFrame, *, sd: float = 0.04,
             overflow: float = 0.0) -> pd.DataFrame:
    """Monthly capacity rows of slots with constant structures and places over [first, last].

    ``slots``: project_code, province_code, municipality_code, target_group, structures, places, first, last,
    rate (mean occupancy). Presences are binomial around an AR(1) occupancy rate; with ``overflow`` a full row
    rarely takes one or two people more (a family with a newborn, an emergency placement).
    """
    slot, month = expand(slots["first"].to_numpy(), slots["last"].to_numpy())
    places = slots["places"].to_numpy(np.int64)[slot]
    structures = slots["structures"].to_numpy(np.int64)[slot]
    return _capacity_rows(rng, slots, slot, month, structures, places, slots["rate"].to_numpy(float), sd, overflow)


def _capacity_rows(rng, slots, slot, month, structures, places, rate, sd, overflow) -> pd.DataFrame:
    """Capacity rows of (slot, month) pairs with given structures and places; presences drawn around ``rate``."""
    noise = ar_noise(rng, len(slots))
    occupancy = np.clip(rate[slot] + sd * noise[slot, month], 0.05, 1.0)
    occupied = rng.binomial(places, occupancy)
    if overflow:
        extra = (rng.random(len(occupied)) < overflow) & (occupied == places) & (places >= 4)
        occupied = occupied + extra * (1 + (rng.random(len(occupied)) < 0.2))
    return pd.DataFrame({
        "period": MONTH_CODES[month],
        "province_code": slots["province_code"].to_numpy(object)[slot],
        "municipality_code": slots["municipality_code"].to_numpy(object)[slot],
        "project_code": slots["project_code"].to_numpy(object)[slot],
        "target_group": slots["target_group"].to_numpy(object)[slot],
        "structures": structures,
        "places": places,
        "occupied": occupied.astype(np.int64),
    })


def fix_presences(rng: np.random.Generator, frame: pd.DataFrame, centre: np.ndarray, low: int, high: int,
                  sd: float) -> pd.DataFrame:
    """Presences of one project with a monthly total between low and high, spread over its rows."""
    frame = frame.copy()
    month = frame["period"].map(MONTH_INDEX).to_numpy()
    noise = ar_noise(rng, 1, phi=0.7)[0] * sd
    occupied = np.zeros(len(frame), dtype=np.int64)
    places = frame["places"].to_numpy(np.int64)
    for m in np.unique(month):
        rows = np.nonzero(month == m)[0]
        total = int(np.clip(round(centre[m] + noise[m]), low, min(high, places[rows].sum())))
        occupied[rows] = rng.multivariate_hypergeometric(places[rows], total)
    frame["occupied"] = occupied
    return frame


def slot_frame(rows: list[tuple], project: str, province: str, first: int, last: int, rate: float) -> pd.DataFrame:
    """Slots from (municipality, target group, structures, places) tuples."""
    return pd.DataFrame({
        "project_code": project, "province_code": province,
        "municipality_code": object_column([r[0] for r in rows]), "target_group": [r[1] for r in rows],
        "structures": [r[2] for r in rows], "places": [r[3] for r in rows],
        "first": first, "last": last, "rate": rate,
    })


def cas_curve() -> np.ndarray:
    """National CAS places by month (interpolated between known levels)."""
    knots = {"2019-01": 98_000, "2019-12": 66_000, "2020-12": 57_000, "2021-12": 60_000, "2022-12": 78_000,
             "2023-06": 88_000, "2023-12": 103_000, "2024-08": 97_000, "2025-12": 92_000}
    return np.interp(np.arange(N_MONTHS), [month_of(k) for k in knots], list(knots.values()))


def cas_frame(rng, slots: pd.DataFrame, curves: np.ndarray) -> pd.DataFrame:
    """CAS rows: a slot's places are its share of its province curve (``curve`` column indexes ``curves``)."""
    slot, month = expand(slots["first"].to_numpy(), slots["last"].to_numpy())
    share = slots["share"].to_numpy(float)[slot]
    places = np.round(curves[slots["curve"].to_numpy()[slot], month] * share).astype(np.int64)
    size = slots["size"].to_numpy(float)[slot]
    structures = np.maximum(1, np.round(places / size)).astype(np.int64)
    frame = _capacity_rows(rng, slots, slot, month, structures, places, slots["rate"].to_numpy(float), 0.025,
                           0.004)
    return frame[frame["places"] > 0]
