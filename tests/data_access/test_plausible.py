"""Occupancy a reader can trust (data_access/plausible.py): presences published above the places by at most D are
noise (full, 100%), by more a real overcrowding; missing, "<k" or placeless cells are neither."""

from __future__ import annotations

import pandas as pd

from data_access import plausible
from data_access.plausible import NOISE, OVER


def test_marks_and_occupancy_of_each_kind_of_cell():
    cells = pd.DataFrame({
        "occupied": pd.array([13, 17, 19, None, 3, 10, 5, 0], dtype="Int64"),
        "small": [False, False, False, False, True, False, False, False],
        "places": pd.array([13, 13, 13, 10, 2, 0, None, 8], dtype="Int64")}, index=list("abcdefgh"))
    marks = plausible.marks(cells["occupied"], cells["small"], cells["places"], 5)
    assert marks.tolist() == [None, NOISE, OVER, None, None, OVER, None, None]
    assert marks.index.tolist() == list("abcdefgh") and marks.dtype == object
    rate = plausible.occupancy(cells["occupied"], cells["places"], marks)
    assert str(rate.dtype) == "Float64" and rate.index.tolist() == list("abcdefgh")
    assert rate.round(4).tolist()[:3] == [1.0, 1.0, round(19 / 13, 4)]  # full; within the noise: full; over
    assert rate.isna().tolist() == [False, False, False, True, False, True, True, False]  # no presences, no places
    assert rate["e"] == 1.5 and rate["h"] == 0.0
