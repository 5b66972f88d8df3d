"""Benchmark: server-side script time of each page's rerun after a filter change, and the bytes of the map.

For every page of the navigation, on a given database, it runs the app in Streamlit's AppTest (the script
runner without a browser), then changes the end period in the sidebar to a different period each time (so each
rerun misses the cache, as the first user asking that period would) and reports the median rerun time. It also
reports the same for a repeated period (cache hit), and, for the map page, the bytes the browser receives: the
TopoJSON file (raw and gzip) and the Vega-Lite specs. Target (issue 4): under 300 ms per rerun on `seeds`; map
payload under 300 KB.

    .venv/bin/python benchmarks/page_reruns.py --scale seeds      # builds data/bench-seeds.db once
    .venv/bin/python benchmarks/page_reruns.py --scale national   # uses data/bench-national.db (see perturbation.py)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config.labels import t  # noqa: E402
from config.navigation import PAGES  # noqa: E402
from data_access import db, loading, reference  # noqa: E402

SECRET = b"benchmark-secret-not-for-production"


def ensure_database(scale: str) -> str:
    from data_access import demo

    url = f"sqlite:///{ROOT / 'data' / f'bench-{scale}.db'}"
    engine = db.get_engine(url)
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    if loading.data_state(engine)["empty"]:
        data = demo.generate(scale, 42)
        loading.load(engine, secret=SECRET, kind="demo", source=f"demo:{scale}:seed=42", frames=data.frames,
                     projects=data.projects)
    return url


def _period_box(at):
    for label in (t("filter.to"), t("filter.period")):
        boxes = [s for s in at.sidebar.selectbox if s.label == label]
        if boxes:
            return boxes[0]
    return None


def measure_page(path: str, runs: int) -> dict:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    started = time.perf_counter()
    at.run()
    if path != "pages/panoramica.py":
        at.switch_page(path)
        started = time.perf_counter()
        at.run()
    first = time.perf_counter() - started
    if at.exception:
        return {"error": at.exception[0].message}
    box = _period_box(at)
    misses, hits = [], []
    if box is not None:
        for i in range(1, runs + 1):
            box = _period_box(at)
            options = list(box.options)
            box.set_value(options[-1 - (i % len(options))])  # a different, recent period each time
            started = time.perf_counter()
            at.run()
            misses.append(time.perf_counter() - started)
        for _ in range(runs):
            started = time.perf_counter()
            at.run()
            hits.append(time.perf_counter() - started)
    specs = [el.proto.spec for el in at.get("vega_lite_chart")]
    datasets = sum(len(ds.data.data) for el in at.get("vega_lite_chart") for ds in el.proto.datasets)
    return {"first": first, "rerun_miss": statistics.median(misses) if misses else None,
            "rerun_hit": statistics.median(hits) if hits else None, "charts": len(specs),
            "spec_bytes": sum(len(s.encode()) for s in specs), "data_bytes": datasets}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["seeds", "national"], default="seeds")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = ensure_database(args.scale)
    print(f"\nPage reruns on `{args.scale}` demo data (SQLite), AppTest server-side script time, "
          f"median of {args.runs}\n")
    print(f"{'page':34} {'first run':>10} {'rerun (new period)':>19} {'rerun (cached)':>15} {'charts':>7} "
          f"{'spec+data KB':>13}")
    for path, key, _icon, _url in PAGES:
        result = measure_page(path, args.runs)
        if "error" in result:
            print(f"{t(key):34} ERROR {result['error'][:80]}")
            continue

        def ms(value):
            return f"{value * 1000:8.0f} ms" if value is not None else "       n/a"

        kb = (result["spec_bytes"] + result["data_bytes"]) / 1024
        print(f"{t(key):34} {ms(result['first']):>10} {ms(result['rerun_miss']):>19} {ms(result['rerun_hit']):>15} "
              f"{result['charts']:7d} {kb:13.1f}")
    try:
        from data_access import geo

        topo = geo.ensure_topojson()
        raw = topo.read_bytes()
        print(f"\nMap geometry (fetched once by the browser, cached): {topo.name} {len(raw) / 1024:.1f} KB raw, "
              f"{len(gzip.compress(raw)) / 1024:.1f} KB gzip")
        json.loads(raw)
    except ImportError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
