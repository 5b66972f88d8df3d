"""Rows of the services table (people served and hours, by service) and of the outreach activity table (outings
and opening days, by channel)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from demo.months import MONTH_CODES


def services(rng: np.random.Generator, project, province, month, intensity: np.ndarray,
             rates: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """Services of blocks: people ~ Poisson(intensity x rate), hours ~ people x hours per person."""
    parts = []
    project = np.asarray(project, dtype=object)
    province = np.asarray(province, dtype=object)
    month = np.asarray(month)
    for service, (rate, hours_each) in rates.items():
        people = rng.poisson(intensity * rate)
        keep = np.nonzero(people)[0]
        n = people[keep]
        hours = np.round(n * hours_each * rng.gamma(8.0, 1 / 8.0, size=len(keep)) * 2) / 2
        parts.append(pd.DataFrame({
            "period": MONTH_CODES[month[keep]], "province_code": province[keep], "project_code": project[keep],
            "service": service, "people": n.astype(np.int64), "hours": np.maximum(hours, 0.5),
        }))
    return pd.concat(parts, ignore_index=True)


def activity(project, province, month, channel: str, outings, opening_days) -> pd.DataFrame:
    """Outreach activity of blocks on one channel; a block with neither outings nor opening days is left out."""
    outings = np.asarray(outings, dtype=np.int64)
    opening_days = np.asarray(opening_days, dtype=np.int64)
    keep = (outings > 0) | (opening_days > 0)
    return pd.DataFrame({
        "period": MONTH_CODES[np.asarray(month)[keep]],
        "province_code": np.asarray(province, dtype=object)[keep],
        "project_code": np.asarray(project, dtype=object)[keep],
        "channel": channel, "outings": outings[keep], "opening_days": opening_days[keep],
    })
