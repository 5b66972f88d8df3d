"""Occupancy a reader can trust: presences published above the places, told apart as protection noise or as real
overcrowding.

The Cell Key Method moves a count of people by at most D (DISCLOSURE.md), so a project full to its last place can
publish more presences than places: SAI Besozzo, 13 places and 13 people, published 17 presences, an occupancy of
130,8%. Read as a fact, that is an overcrowding that did not happen. The rule, a function of the published
presences, the places (public) and D (public, on Metodologia) only, so it tells nothing the published values do not:

- presences published above the places by at most D (``NOISE``): the excess may be all noise. The occupancy shows
  as full (100%, marked), the presences keep their published value with the same mark, free places are 0, and a
  note says why;
- presences published above the places by more than D (``OVER``): no noise can make that excess, so the true
  presences are above the places. The occupancy shows as it is (above 100%), marked as overcrowding: a real
  overcrowding is never hidden;
- otherwise (``None``) the published values as they are.

The published count itself is never changed: the same people show the same number everywhere (DISCLOSURE.md).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

NOISE = "noise"  # presences above places by at most D: full, within the protection's noise
OVER = "over"  # presences above places by more than D: a real overcrowding
MARKS = (NOISE, OVER)


def marks(occupied: pd.Series, small: pd.Series, places: pd.Series, largest_noise: int) -> pd.Series:
    """For each cell, NOISE, OVER or None, from the published presences (missing or "<k": None) and the places."""
    noise, over = _excess(occupied, small, places, largest_noise)
    out = np.full(len(noise), None, dtype=object)
    out[noise], out[over] = NOISE, OVER
    return pd.Series(out, index=occupied.index, dtype=object)


def occupancy(occupied: pd.Series, places: pd.Series, mark: pd.Series) -> pd.Series:
    """Published presences over places (missing where either is missing or there are no places), full (1.0) where
    the excess is within the noise."""
    present, room = _floats(occupied), _floats(places)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = present / np.where(room > 0, room, np.nan)
    rate[(mark == NOISE).to_numpy(dtype=bool)] = 1.0
    return pd.Series(pd.array(rate, dtype="Float64"), index=occupied.index)


def _floats(values: pd.Series) -> np.ndarray:
    """Numbers as floats, NaN where missing (or not a number)."""
    return pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _excess(occupied: pd.Series, small: pd.Series, places: pd.Series, largest_noise: int):
    """Where the published presences exceed the places by at most ``largest_noise`` (noise), and by more (over):
    only where both are known and the presences are not "<k". Plain arrays: these run on every capacity row of
    every question (a few milliseconds a page as pandas operations)."""
    present, room = _floats(occupied), _floats(places)
    known = ~np.isnan(present) & ~np.isnan(room) & ~small.to_numpy(dtype=bool, na_value=False)
    with np.errstate(invalid="ignore"):
        excess = present - room
        return known & (excess > 0) & (excess <= largest_noise), known & (excess > largest_noise)


def margin(places: pd.Series, largest_noise: int) -> pd.Series:
    """How far the published occupancy may be from the true one, as a fraction: D over the places (a project of 13
    places: 0.385, so 38 points). Missing where there are no places."""
    places = pd.to_numeric(places, errors="coerce").astype("Float64")
    return (largest_noise / places.where(places > 0)).astype("Float64")
