"""Random helpers of the demo generator: AR(1) noise and whole-unit totals.

Each takes the generator's ``numpy`` random state and draws from it, so the same seed gives the same numbers as
long as the calls come in the same order.
"""

from __future__ import annotations

import numpy as np

from demo.months import N_MONTHS


def ar_noise(rng: np.random.Generator, n: int, phi: float = 0.85) -> np.ndarray:
    """n AR(1) series over the months, unit variance."""
    shocks = rng.normal(0.0, np.sqrt(1 - phi**2), size=(n, N_MONTHS))
    out = np.empty_like(shocks)
    out[:, 0] = rng.normal(0.0, 1.0, size=n)
    for t in range(1, N_MONTHS):
        out[:, t] = phi * out[:, t - 1] + shocks[:, t]
    return out


def adjust(rng: np.random.Generator, values: np.ndarray, cap: np.ndarray, target: int) -> np.ndarray:
    """Move the total of ``values`` to ``target`` by whole units, keeping 0 <= values <= cap."""
    values = values.astype(np.int64)
    total = int(values.sum())
    if target > total:
        room = np.maximum(cap.astype(np.int64) - values, 0)
        need = min(target - total, int(room.sum()))
        if need:
            values = values + rng.multivariate_hypergeometric(room, need)
    elif target < total:
        values = values - rng.multivariate_hypergeometric(values, total - target)
    return values


def allocate(rng: np.random.Generator, total: int, weights: np.ndarray) -> np.ndarray:
    """Exactly ``total`` units shared at random in proportion to ``weights``."""
    weights = np.asarray(weights, dtype=float)
    return rng.multinomial(int(total), weights / weights.sum())
