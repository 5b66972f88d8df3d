"""What a chart costs at run time (issue 20, "cheaper charts"): for every chart of the registry on the seeds demo
data, the time to build it with Altair (``entry.chart``: the builders of presentation/charts.py), to convert it
with ``charts.to_spec`` (Altair's ``to_dict`` without validation, tables as named datasets), Altair's ``to_dict``
with schema validation (what Streamlit's own conversion did), a deep copy of the finished spec (the least any
builder of the Vega-Lite dict written directly could cost: making a dict of the same size), and a hit of the
view cache (presentation/view_cache.py: what a repeated question costs now).

    .venv/bin/python benchmarks/chart_cost.py [--runs 20]

Uses the seeds benchmark database of benchmarks/national.py. Medians in milliseconds; one process, no server.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    from benchmarks.national import BENCH_SECRET, ensure_database

    url = ensure_database("sqlite", "seeds", None)
    os.environ.update({"DATABASE_URL": url, "CRUSCOTTO_CKM_SECRET": BENCH_SECRET})
    from config import theme
    from data_access import db
    from data_access.scope import Filters, Scope
    from presentation import charts, registry, view_cache
    from presentation.registry import ChartWords

    theme.enable()
    engine = db.get_engine(url)
    filters = Filters(unit="mese", start="2025-01", end="2025-12")
    words = ChartWords("it", "mese", "Italia", "da gennaio 2025 a dicembre 2025", "dicembre 2025", "2025-12")
    print(f"{'chart':34} {'build':>8} {'to_spec':>8} {'validate':>9} {'dict copy':>9} {'cache hit':>9}")
    totals = [0.0] * 5
    for name, entry in registry.CHARTS.items():
        extra = (dt.date(2026, 1, 15),) if entry is registry.PLAN else ()  # the plan counts overdue actions on a day
        if entry is registry.MAP:
            continue  # its query takes the measure and the level: drawn by the map page
        result = entry.query(Scope(), filters, *extra, engine=engine)
        chart = entry.draw(entry.published(result), "title", words, entry._with_defaults({}))
        spec, _frames = charts.to_spec(chart)
        view_cache.clear()
        cached = entry.chart(result, words)
        view_cache.spec_of(cached, charts.to_spec)
        def build(e=entry, r=result):
            return e.draw(e.published(r), "title", words, e._with_defaults({}))

        row = [
            median_ms(build, args.runs),
            median_ms(lambda c=chart: charts.to_spec(c), args.runs),
            median_ms(lambda c=chart: c.to_dict(), args.runs),
            median_ms(lambda s=spec: copy.deepcopy(s), args.runs),
            median_ms(lambda e=entry, r=result: view_cache.spec_of(e.chart(r, words), charts.to_spec), args.runs),
        ]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        print(f"{name:34} " + " ".join(f"{v:7.2f}ms" for v in row))
    print(f"{'all ' + str(len(registry.CHARTS)) + ' charts':34} " + " ".join(f"{v:7.1f}ms" for v in totals))
    print("build = Altair builder; to_spec = to_dict(validate=False) with tables as datasets; validate = to_dict() "
          "with schema validation; dict copy = deepcopy of the finished spec (a lower bound for writing the dict "
          "directly); cache hit = view_cache.cached_chart + spec_of for a question asked before")
    return 0


if __name__ == "__main__":
    sys.exit(main())
