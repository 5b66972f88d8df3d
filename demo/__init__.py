"""Demo data: believable, deterministic, never real people.

Two scales, both from ``generate(scale, seed)`` (numpy ``default_rng(seed)`` only: same scale and seed, same
frames):

``seeds``
    The organisations of the seed pages and DOMAIN.md (:mod:`demo.seeds`, where each project and every decision
    taken where the seeds are ambiguous is listed).

``national``
    A superset of ``seeds`` plus every province (:mod:`demo.national`): more than a million person-count rows,
    the benchmark size.

Where things are: :mod:`demo.months` (the calendar, seasons), :mod:`demo.draws` (random helpers),
:mod:`demo.builder` (the tables being built and their final types), the row makers of each table
(:mod:`demo.outreach`, :mod:`demo.capacity`, :mod:`demo.services`, :mod:`demo.network`), then the two scales.
"""

from __future__ import annotations

import numpy as np

from config.labels import t
from data_access.reference import reference_frames
from demo import national, seeds
from demo.builder import Builder, DemoData
from demo.months import MONTHS

__all__ = ["MONTHS", "SCALES", "DemoData", "generate", "seed_demo"]

SCALES = ("seeds", "national")


def generate(scale: str = "seeds", seed: int = 42) -> DemoData:
    """The demo data of a scale ("seeds" or "national"): pure and deterministic for a given seed."""
    if scale not in SCALES:
        raise ValueError(t("demo.unknown_scale", scale=repr(scale), scales=", ".join(SCALES)))
    builder = Builder(np.random.default_rng(seed), reference_frames())
    seeds.build(builder)
    if scale == "national":
        national.build(builder)
    return builder.finish()


def seed_demo(engine, *, scale: str, seed: int, secret: bytes) -> int:
    """Generate the demo data and load them as one data version (kind "demo"). Returns the version id."""
    from data_access import loading

    data = generate(scale, seed)
    return loading.load(engine, secret=secret, kind="demo", source=f"demo:{scale}:seed={seed}",
                        frames=data.frames, projects=data.projects)
