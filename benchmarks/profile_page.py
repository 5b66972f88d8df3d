"""Where a page's rerun spends its time: a real server (benchmarks/serve.py with BENCH_PROFILE), one logged-in
session, the page opened once and rerun after filter changes; the profiles of the reruns are merged and the
functions with the most cumulative time printed.

    .venv/bin/python benchmarks/profile_page.py emersione [--scale seeds|national] [--runs 5] [--top 40]

Uses the benchmark databases of benchmarks/national.py (SQLite). A developer's tool, not a measurement: the
profiler itself slows Python code down about twofold.
"""

from __future__ import annotations

import argparse
import os
import pstats
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.national import ADMIN, BENCH_SECRET, COOKIE_KEY, URLS, ensure_database, filter_queries  # noqa: E402
from benchmarks.stclient import Server, Session, login_cookie  # noqa: E402
from config.navigation import PAGES  # noqa: E402
from data_access import auth, db  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = [name for (_path, _key, _icon, name) in PAGES]
    parser.add_argument("page", choices=names)
    parser.add_argument("--scale", choices=["national", "seeds"], default="seeds")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--callees", help="also print what this function (a name pattern) calls")
    parser.add_argument("--callers", help="also print what calls this function (a name pattern)")
    parser.add_argument("--keep", help="also write the merged profile to this file (for pstats or snakeviz)")
    parser.add_argument("--same", action="store_true",
                        help="rerun the same question (the first filter change) instead of a new one each time")
    args = parser.parse_args()

    url = ensure_database("sqlite", args.scale, None)
    env = {"DATABASE_URL": url, "CRUSCOTTO_CKM_SECRET": BENCH_SECRET, "CRUSCOTTO_COOKIE_KEY": COOKIE_KEY}
    os.environ.update(env)
    cookie = login_cookie(db.get_engine(url), ADMIN, auth.DEMO_PASSWORD, COOKIE_KEY.encode())
    index = names.index(args.page)
    with tempfile.TemporaryDirectory() as folder:
        server = Server(ROOT / "app.py", env={**env, "BENCH_PROFILE": folder},
                        launcher=[sys.executable, str(ROOT / "benchmarks" / "serve.py")],
                        log=Path("/tmp/bench-profile.log"))
        with server, Session(server.base, cookies=cookie, timeout=300) as session:
            first = session.run(URLS[index])
            if not first.ok:
                print(first.problem)
                return 1
            opened = len(os.listdir(folder))
            queries = filter_queries(index, args.runs)
            if args.same:  # the question asked once before the profiled runs, then again and again
                session.run(URLS[index], queries[0])
                opened = len(os.listdir(folder))
                queries = [queries[0]] * args.runs
            for query in queries:
                run = session.run(URLS[index], query)
                if not run.ok:
                    print(run.problem)
                    return 1
        profiles = sorted(Path(folder).glob("*.prof"))[opened:]
        stats = pstats.Stats(*map(str, profiles))
        print(f"{args.page}: {len(profiles)} reruns {'of the same question' if args.same else 'after a filter change'} "
              f"({args.scale}), "
              f"{stats.total_tt / len(profiles) * 1000:.0f} ms a run under the profiler")
        stats.sort_stats(args.sort).print_stats(args.top)
        if args.callees:
            stats.print_callees(args.callees)
        if args.callers:
            stats.print_callers(args.callers)
        if args.keep:
            stats.dump_stats(args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
