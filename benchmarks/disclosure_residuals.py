"""Measure what remains of the "measures of the same row" weakness (issue 16) on the seeds demo data.

A published 0 may hide a few people; beside it, another measure of the same cell shown above 0 (assessments "<5"
next to "0 contacts") says that the 0 hides at least one. Measures counting the same number in a row share their
key (``disclosure.count_key``), so for them this never happens; where the counts differ the noises are independent
and it still can. For several secrets this script publishes the outreach cells a page shows (per province and month,
and by gender and by form of exploitation within them), with the keys as the program makes them and, for
comparison, with one key per measure (the scheme before issue 16), and prints:

- cells where contacts show 0 and another measure of the same cell shows above 0;
- on cells of 1-5 contacts, the exact-recovery rate of the best guess of the contacts from the contacts shown
  (one reading) and from the contacts shown with the highest other measure shown (the row), learned on half the
  cells and scored on the other half.

    .venv/bin/python benchmarks/disclosure_residuals.py [--secrets 30]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import demo  # noqa: E402
from data_access import loading  # noqa: E402
from data_access.disclosure import CKMParams, canonical_id, cell_key, is_small, perturb  # noqa: E402
from data_access.models import OUTREACH_MEASURES, TABLES  # noqa: E402

GROUPS = (("period", "province_code"), ("period", "province_code", "gender"),
          ("period", "province_code", "exploitation"))


def per_measure_keys(secret: bytes, frame) -> dict[str, list[int]]:
    """Keys of the cell's identity alone, one per measure (before issue 16)."""
    dims = TABLES["outreach"].dimensions
    rows = [dict(zip(dims, values, strict=True)) for values in frame[list(dims)].astype(str).itertuples(index=False)]
    return {f"ck_{m}": [cell_key(secret, canonical_id("outreach", m, row)) if n else 0
                        for row, n in zip(rows, frame[m].tolist(), strict=True)] for m in OUTREACH_MEASURES}


def best_rate(features: list, truth: list) -> float:
    order = list(range(len(truth)))
    random.Random(0).shuffle(order)
    halves, right = (order[::2], order[1::2]), 0
    for learn, score in (halves, halves[::-1]):
        seen: dict = defaultdict(Counter)
        for i in learn:
            seen[features[i]][truth[i]] += 1
        right += sum((seen[features[i]].most_common(1)[0][0] if features[i] in seen else 0) == truth[i]
                     for i in score)
    return right / len(truth)


def measure(frame, keys_of, secrets: int, params: CKMParams) -> tuple[float, float, float, float]:
    """(zero-beside-non-zero cells per secret, cells per secret, rate of one reading, rate with the row)."""
    leaks = cells = 0
    one, row, truth = [], [], []
    for s in range(secrets):
        secret = hashlib.sha256(f"residuals-{s}".encode()).hexdigest().encode()
        keyed = frame.assign(**keys_of(secret, frame))
        for group in GROUPS:
            sums = keyed.groupby(list(group))[[*OUTREACH_MEASURES, *(f"ck_{m}" for m in OUTREACH_MEASURES)]].sum()
            shown = {}
            for m in OUTREACH_MEASURES:
                value = perturb(sums[m].to_numpy(), sums[f"ck_{m}"].to_numpy(), params)
                shown[m] = np.where(is_small(value, params), -1, value)  # -1: "<k"
            others = np.stack([shown[m] for m in OUTREACH_MEASURES if m != "contacts"], axis=1)
            leaks += int(((shown["contacts"] == 0) & (others != 0).any(axis=1)).sum())
            cells += len(sums)
            contacts = sums["contacts"].to_numpy()
            for i in np.flatnonzero((contacts >= 1) & (contacts <= 5)):
                one.append(int(shown["contacts"][i]))
                row.append((int(shown["contacts"][i]), int(others[i].max())))
                truth.append(int(contacts[i]))
    return leaks / secrets, cells / secrets, best_rate(one, truth), best_rate(row, truth)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--secrets", type=int, default=30)
    args = parser.parse_args()
    frame = demo.generate("seeds", 42).frames["outreach"].reset_index(drop=True)
    params = CKMParams()
    print(f"seeds demo outreach: {len(frame):,} rows; {args.secrets} secrets; cells per province and month, and by "
          "gender and by exploitation within them\n")
    print(f"{'keys':34} {'0 beside >0':>12} {'cells':>7} {'share':>7} {'one reading':>12} {'with the row':>13}")
    for name, keys_of in (("one per measure (before issue 16)", per_measure_keys),
                          ("shared by equal counts (now)",
                           lambda secret, f: loading.cell_keys(secret, "outreach", f))):
        leaks, cells, one, row = measure(frame, keys_of, args.secrets, params)
        print(f"{name:34} {leaks:12.1f} {cells:7.0f} {leaks / cells:7.2%} {one:12.3f} {row:13.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
