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

import pandas as pd

from data_access.sql import ratio

NOISE = "noise"  # presences above places by at most D: full, within the protection's noise
OVER = "over"  # presences above places by more than D: a real overcrowding
MARKS = (NOISE, OVER)


def marks(occupied: pd.Series, small: pd.Series, places: pd.Series, largest_noise: int) -> pd.Series:
    """For each cell, NOISE, OVER or None, from the published presences (missing or "<k": None) and the places."""
    occupied = pd.to_numeric(occupied, errors="coerce").astype("Float64")
    places = pd.to_numeric(places, errors="coerce").astype("Float64")
    known = occupied.notna() & places.notna() & ~small.astype("boolean").fillna(False)
    excess = (occupied - places).where(known)
    noise = ((excess > 0) & (excess <= largest_noise)).fillna(False).to_numpy(bool)
    over = (excess > largest_noise).fillna(False).to_numpy(bool)
    return pd.Series([NOISE if n else OVER if o else None for n, o in zip(noise, over, strict=True)],
                     index=occupied.index, dtype=object)


def occupancy(occupied: pd.Series, places: pd.Series, mark: pd.Series) -> pd.Series:
    """Published presences over places, full (1.0) where the excess is within the noise."""
    rate = ratio(occupied, places)
    return rate.mask(mark == NOISE, 1.0).astype("Float64")


def margin(places: pd.Series, largest_noise: int) -> pd.Series:
    """How far the published occupancy may be from the true one, as a fraction: D over the places (a project of 13
    places: 0.385, so 38 points). Missing where there are no places."""
    places = pd.to_numeric(places, errors="coerce").astype("Float64")
    return (largest_noise / places.where(places > 0)).astype("Float64")
