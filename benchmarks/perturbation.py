"""Benchmark: the cost of disclosure control on the national-scale demo data.

For typical page queries it times, uncached and median of several runs:
  - with perturbation: SQL sums of counts AND cell keys per published cell, then the p-table lookup;
  - without: the same SQL summing counts only, the raw sums renamed (what an unprotected dashboard would do).
and prints the overhead. Target (issue 3): under 20%.

    .venv/bin/python benchmarks/perturbation.py [--url DATABASE_URL] [--runs 7]

Without --url it builds (once) an SQLite database with the national demo data in data/bench-national.db.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, literal  # noqa: E402

from data_access import db, loading, queries, reference  # noqa: E402
from data_access.models import Outreach  # noqa: E402
from data_access.scope import Filters, Scope  # noqa: E402

BENCH_SECRET = b"benchmark-secret-not-for-production"


def ensure_national(url: str) -> None:
    from data_access import demo

    engine = db.get_engine(url)
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    if loading.data_state(engine)["empty"]:
        started = time.perf_counter()
        data = demo.generate("national", 42)
        loading.load(engine, secret=BENCH_SECRET, kind="demo", source="demo:national:seed=42",
                     frames=data.frames, projects=data.projects)
        print(f"loaded national demo data ({data.rows():,} rows) in {time.perf_counter() - started:.1f} s")


@contextlib.contextmanager
def without_perturbation():
    """Swap the disclosure step out: sum counts only, no key sums, no lookup."""
    original_pairs, original_publish = queries._sum_pairs, queries.publish

    def counts_only(table, measures):
        cols = []
        for m in measures:
            cols.append(func.sum(table.c[m]).label(f"n_{m}"))
            cols.append(literal(0).label(f"k_{m}"))
        return cols

    def rename_only(frame, measures, params):
        out = frame.copy()
        for m in measures:
            out[m] = out.pop(f"n_{m}")
            out.pop(f"k_{m}")
            out[f"{m}_small"] = False
        return out

    queries._sum_pairs, queries.publish = counts_only, rename_only
    try:
        yield
    finally:
        queries._sum_pairs, queries.publish = original_pairs, original_publish


def cases(engine):
    everything = Scope.everything()
    year = Filters(unit="anno", start="2024", end="2024")
    months = Filters(unit="mese", start="2024-01", end="2024-12")
    lombardia_q = Filters(unit="trimestre", start="2023-T1", end="2024-T4", region="03")
    keys_m = months.periods
    return {
        "Panoramica headline (Italia, anno 2024)": lambda: queries.headline.uncached(engine, everything, year),
        "Emersione trend by month x gender (Italia, 2024)": lambda: _run(
            engine, lambda c: queries.flow_cells(c, Outreach, ["contacts", "assessments", "potential_victims",
                                                               "referrals", "take_ins"],
                                                 everything, months, keys_m, ("gender",))),
        "Emersione by province x exploitation (Italia, 2024)": lambda: _run(
            engine, lambda c: queries.flow_cells(c, Outreach, ["contacts", "take_ins"], everything, year,
                                                 ("2024",), ("province_code", "exploitation"))),
        "Accoglienza by quarter x programme (Lombardia)": lambda: _run(
            engine, lambda c: queries.capacity_cells(c, everything, lombardia_q, lombardia_q.periods,
                                                     ("programme",))),
        "Accoglienza by province (Italia, dic 2024)": lambda: _run(
            engine, lambda c: queries.capacity_cells(c, everything, Filters(unit="mese", start="2024-12",
                                                                            end="2024-12"),
                                                     ("2024-12",), ("province_code",))),
    }


def _run(engine, fn):
    with engine.connect() as conn:
        return fn(conn)


def timed_pair(fn, runs: int) -> tuple[float, float, int]:
    """Median times with and without perturbation, sampled alternately so that load drift hits both alike."""
    fn()
    with without_perturbation():
        fn()  # warm-up of both variants (connection pool, page cache)
    with_samples, without_samples, rows = [], [], 0
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        with_samples.append(time.perf_counter() - started)
        rows = len(result.frame if hasattr(result, "frame") else result)
        with without_perturbation():
            started = time.perf_counter()
            fn()
            without_samples.append(time.perf_counter() - started)
    return statistics.median(with_samples), statistics.median(without_samples), rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=f"sqlite:///{ROOT / 'data' / 'bench-national.db'}")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    ensure_national(args.url)
    engine = db.get_engine(args.url)
    backend = engine.dialect.name
    print(f"\nPerturbation cost on national demo data ({backend}), median of {args.runs} runs, uncached\n")
    print(f"{'query':55} {'rows':>6} {'without':>10} {'with':>10} {'overhead':>9}")
    worst = 0.0
    for name, fn in cases(engine).items():
        with_time, without_time, rows = timed_pair(fn, args.runs)
        overhead = with_time / without_time - 1
        worst = max(worst, overhead)
        print(f"{name:55} {rows:6d} {without_time * 1000:8.1f}ms {with_time * 1000:8.1f}ms {overhead:+8.1%}")
    print(f"\nworst overhead: {worst:+.1%} (target: under +20%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
