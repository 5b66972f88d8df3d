"""Speed harness (issues 8 and 20): every page through a real server, on one backend, with the verdicts of issue 20.

    .venv/bin/python benchmarks/national.py --backend sqlite [--scale seeds|national] [--quick]
    .venv/bin/python benchmarks/national.py --backend postgresql [--pg-url postgresql://postgres@127.0.0.1:5432/postgres]
    make bench-national          # both backends (PostgreSQL from TEST_POSTGRES_URL, else 127.0.0.1:5432)

What it does, on one `streamlit run app.py` (started by benchmarks/serve.py, which logs the server's SQL):
0. **Warm.** A first visit starts the server's warmer (data_access/warm.py); the harness waits for its line in
   the server's log, so "first" is the first run of each page after a start (or a load) for a warmed scope.
1. **Pages.** One session, logged in as the demo administrator (who sees every page), opens each page (first
   run), then asks ``--runs`` new questions (a filter change to a period no earlier run asked for: a cache miss,
   as for the first user who asks), then the last question again three times ("same q."). Times are the
   server's script time of each run (benchmarks/serve.py); "client" is a new question from request to the end of
   the run over a loopback websocket. Bytes are the websocket payload the browser would receive; the map's
   geometry is a static file, fetched once and cached: the harness checks the map's specs name its URL and hold
   no geometry.
2. **Floors, in the same run.** The same client against a second server running an empty page
   (benchmarks/empty_page.py); and the page's raw SQL: the statements the server sent during each new question,
   replayed alone on a fresh connection (reads only, every row fetched), median.
3. **Memory.** The server's resident memory (VmRSS, peak VmHWM) after the pages; then ``--sessions`` more sessions
   open every page and stay connected: (RSS after - RSS before) / sessions is the memory per extra session.
4. **Concurrency.** The same sessions work through the pages at once for ``--duration`` seconds (a random page
   and filter, then a pause of 0.2-1 s, like a person reading): runs, errors, median and 90th percentile.
5. **Throughput behind nginx** (skip with ``--no-replicas``): the same work for ``--replica-duration`` seconds
   through nginx (deploy/nginx.conf.template) in front of one app process, then of two; runs per second, and the
   database connections each process held at most (PostgreSQL: pg_stat_activity by application name; SQLite:
   the file's open descriptors), with the pool's bound.

``--quick`` is a smoke run (2 questions, 3 sessions, 5 s each). It prints a table with verdicts and writes it to
``--output`` (default test-artifacts/bench/SCALE-BACKEND.txt). Targets (issue 20): same question within 2x of
(empty page + SQL) or under 20 ms; new question under 100 ms (seeds) / 250 ms (national); first run after a load
under 1 s (national, warmed scope); 20 sessions for 60 s on one process: median under 400 ms, p90 under 1 s, no
error; two processes at least 1.5x the runs per second of one; under 50 MB per extra session; no page over 1 MB;
the map's geometry sent once.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import pickle
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.stclient import Server, Session, login_cookie  # noqa: E402
from config.labels import t  # noqa: E402
from config.navigation import PAGES  # noqa: E402
from data_access import auth, db, loading, reference  # noqa: E402

BENCH_SECRET = "benchmark-secret-not-for-production"
COOKIE_KEY = "benchmark-cookie-key-not-for-production-0123456789"
ADMIN = "demo.amministratore"
# the URL path of each page; the default page (the first) lives at the root URL, as in the browser
URLS = ["" if i == 0 else url for i, (_path, _key, _icon, url) in enumerate(PAGES)]
TARGET_RATIO, TARGET_SESSION_MB, TARGET_SENT_MB = 2.0, 50, 1.0
TARGET_NEW_MS = {"seeds": 100, "national": 250}  # issue 20: a new question (filter change), median
TARGET_SAME_MS = 20  # issue 20: the same question again, within 2x (empty page + SQL) or under this
TARGET_FIRST_MS = 1000  # issue 20: the first run after a load, default view of a warmed scope (national)
TARGET_BUSY_MEDIAN_MS, TARGET_BUSY_P90_MS = 400, 1000  # issue 20: 20 sessions for 60 s on one process (national)
TARGET_REPLICA_GAIN = 1.5  # issue 20: two processes behind nginx against one, runs per second
TARGET_MAP_KB = 300  # issue 4: the bytes sent for the map
WARM_WAIT_SECONDS = 600  # the longest the harness waits for the server's warmer (data_access/warm.py)
WARM_LINE = t("speed.log.warm_done").split("{")[0]  # the start of the warmer's line in the server's log
BENCH_DIR = ROOT / "test-artifacts" / "bench"  # the benchmark databases (SQLite), built once (git-ignored)


def map_geometry_bytes(base: str) -> dict:
    """The map's geometry as the browser fetches it (once, then cached): the static TopoJSON, raw and gzipped."""
    import urllib.request

    from tools.topojson import TOPOJSON_URL

    sizes = {}
    for name, headers in (("raw", {}), ("gzip", {"Accept-Encoding": "gzip"})):
        with urllib.request.urlopen(urllib.request.Request(f"{base}/{TOPOJSON_URL}", headers=headers)) as response:
            sizes[name] = len(response.read())
    return sizes


def ensure_database(backend: str, scale: str, pg_url: str | None) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    import demo

    if backend == "sqlite":
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{BENCH_DIR / f'bench-{scale}.db'}"
    else:
        admin = make_url(pg_url or os.environ.get("TEST_POSTGRES_URL") or "postgresql://postgres@127.0.0.1:5432/postgres")
        if admin.drivername == "postgresql":
            admin = admin.set(drivername="postgresql+psycopg")
        name = f"cruscotto_bench_{scale}"
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first():
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        url = admin.set(database=name).render_as_string(hide_password=False)
    from tools import topojson

    topojson.ensure_topojson()  # the map's geometry (static/italia.topojson), as `manage.py init-db` builds it
    engine = db.get_engine(url)
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    if loading.data_state(engine)["empty"]:
        started = time.perf_counter()
        data = demo.generate(scale, 42)
        loading.load(engine, secret=BENCH_SECRET.encode(), kind="demo", source=f"demo:{scale}:seed=42",
                     frames=data.frames, projects=data.projects)
        print(f"loaded {scale} demo data ({data.rows():,} rows) in {time.perf_counter() - started:.0f} s", flush=True)
    auth.ensure_demo_users(engine)
    return url


def month_key(index: int) -> str:
    return f"{2019 + index // 12}-{index % 12 + 1:02d}"


def filter_queries(page_index: int, runs: int) -> list[str]:
    """``runs`` filter changes for one page, none asked before by any page: a year-long window of months ending in
    a month no other rerun ends in (every other one narrowed to a region)."""
    out = []
    for i in range(runs):
        end = 83 - (page_index * runs + i) % 72
        query = f"unita=mese&da={month_key(end - 11)}&a={month_key(end)}"
        out.append(query + ("&regione=03" if i % 2 else ""))
    return out


def read_sql_log(path: Path) -> list[tuple]:
    statements = []
    if not path.exists():
        return statements
    with path.open("rb") as source:
        while True:
            try:
                statements.append(pickle.load(source))
            except EOFError:
                return statements


def replay(url: str, statements: list[tuple]) -> tuple[float, int]:
    """The statements that only read, run alone on a fresh connection with every row fetched: (seconds, count)."""
    reads = [(s, p) for s, p, many in statements
             if not many and s.lstrip().upper().startswith(("SELECT", "WITH"))]
    engine = db.get_engine(url)
    with engine.connect() as conn:
        started = time.perf_counter()
        for statement, parameters in reads:
            conn.exec_driver_sql(statement, parameters if parameters else ()).fetchall()
        return time.perf_counter() - started, len(reads)


def median_ms(values) -> float:
    return statistics.median(values) * 1000 if values else float("nan")


class Timed:
    """A session whose runs are also timed by the server (benchmarks/serve.py writes one line per script run)."""

    def __init__(self, session: Session, run_log: Path):
        self.session, self.run_log = session, run_log

    def run(self, page: str = "", query: str = ""):
        before = self._lines()
        run = self.session.run(page, query)
        for _ in range(50):  # the server writes the line just after the run's last message
            lines = self._lines()
            if len(lines) > len(before):
                break
            time.sleep(0.01)
        run.server = sum(float(x) for x in lines[len(before):])
        return run

    def _lines(self) -> list[str]:
        return self.run_log.read_text().split() if self.run_log.exists() else []


def measure_empty(runs: int, run_log: Path) -> dict:
    server = Server(ROOT / "benchmarks" / "empty_page.py", log=Path("/tmp/bench-empty.log"),
                    env={"BENCH_RUN_LOG": str(run_log)},
                    launcher=[sys.executable, str(ROOT / "benchmarks" / "serve.py")])
    with server, Session(server.base) as session:
        timed = Timed(session, run_log)
        timed.run()
        runs_ = [timed.run("", f"x={i}") for i in range(max(runs, 5))]
    return {"rerun": median_ms([r.server for r in runs_]), "client": median_ms([r.seconds for r in runs_])}


def geometry_in(specs: list[str]) -> dict:
    """Whether a page's chart specs name the map's geometry by its URL (fetched once by the browser) and whether
    any holds geometry itself (TopoJSON arcs or GeoJSON coordinates, sent again at every run)."""
    from tools.topojson import TOPOJSON_URL

    return {"geometry_by_url": any(TOPOJSON_URL in spec for spec in specs),
            "geometry_inline": any('"arcs"' in spec or '"coordinates"' in spec for spec in specs)}


def measure_pages(server: Server, url: str, cookie: dict, runs: int, sql_log: Path, run_log: Path,
                  only: set[str] | None = None) -> list[dict]:
    results = []
    with Session(server.base, cookies=cookie, timeout=300) as session:
        timed = Timed(session, run_log)
        for index, ((_path, key, _icon, name), page) in enumerate(zip(PAGES, URLS, strict=True)):
            if only and name not in only:
                continue
            first = timed.run(page)
            if not first.ok:
                results.append({"page": name, "error": first.problem})
                continue
            reruns, clients, raws, counts, sent = [], [], [], [], [first.bytes]
            errors = []
            for query in filter_queries(index, runs):
                sql_log.unlink(missing_ok=True)
                run = timed.run(page, query)
                if not run.ok:
                    errors.append(run.problem)
                reruns.append(run.server)
                clients.append(run.seconds)
                sent.append(run.bytes)
                raw, count = replay(url, read_sql_log(sql_log))
                raws.append(raw)
                counts.append(count)
            cached = [timed.run(page, filter_queries(index, runs)[-1]).server for _ in range(3)]
            results.append({"page": name, "label": key, "first": first.server * 1000, "rerun": median_ms(reruns),
                            "client": median_ms(clients), "cached": median_ms(cached), "raw": median_ms(raws),
                            "statements": statistics.median(counts), "sent_kb": max(sent) / 1024,
                            "first_kb": first.bytes / 1024, "charts": len(first.chart_specs()), "errors": errors,
                            **geometry_in(first.chart_specs())})
            print(f"  {name:12} first {first.server * 1000:7.0f} ms  rerun {median_ms(reruns):6.0f} ms "
                  f"(client {median_ms(clients):6.0f} ms)  raw SQL {median_ms(raws):6.0f} ms  "
                  f"sent {max(sent) / 1024:7.1f} KB", flush=True)
    return results


def open_sessions(base: str, cookie: dict, count: int) -> list[Session]:
    """``count`` sessions at ``base`` (a server, or nginx in front of several), each with every page open."""
    sessions = []
    for _ in range(count):
        session = Session(base, cookies=cookie, timeout=300)
        for page in URLS:
            session.run(page)
        sessions.append(session)
    return sessions


def work(sessions: list[Session], duration: float, seed: int = 7, pause: tuple[float, float] = (0.2, 1.0)) -> dict:
    """Every session works through the pages at once for ``duration`` seconds, ``pause`` seconds (a random value
    in the range) between its runs; the runs and errors. Without a pause, the server is kept saturated: its
    capacity in runs per second."""
    runs, errors, lock = [], [], threading.Lock()
    stop = time.monotonic() + duration
    pages = URLS

    def user(session: Session, rng: random.Random) -> None:
        while time.monotonic() < stop:
            page = rng.choice(pages)
            end = rng.randrange(60, 84)
            query = rng.choice(["", f"unita=mese&da={month_key(end - 11)}&a={month_key(end)}",
                                f"unita=anno&da=2023&a={2023 + rng.randrange(3)}",
                                f"unita=trimestre&regione={rng.choice(['03', '05', '15', '12'])}"])
            try:
                run = session.run(page, query)
            except Exception as exc:  # noqa: BLE001 - a failed run is an error to report, not a crash
                with lock:
                    errors.append(f"{page}?{query}: {exc!r}")
                return
            with lock:
                runs.append(run.seconds)
                if not run.ok:
                    errors.append(f"{page}?{query}: {run.problem}")
            time.sleep(rng.uniform(*pause))

    threads = [threading.Thread(target=user, args=(s, random.Random(seed + i))) for i, s in enumerate(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    runs.sort()
    return {"runs": len(runs), "errors": errors, "median": median_ms(runs),
            "p90": runs[int(len(runs) * 0.9)] * 1000 if runs else float("nan"),
            "max": runs[-1] * 1000 if runs else float("nan")}


def verdict(good: bool) -> str:
    return "ok" if good else "OVER"


def page_lines(scale: str, empty: dict, pages: list[dict]) -> list[str]:
    """One line per page: first, new question, same question, floor, ratios, sent KB, and the verdicts."""
    new_target = TARGET_NEW_MS[scale]
    lines = [f"{'page':12} {'first':>8} {'new q.':>8} {'client':>8} {'same q.':>8} {'raw SQL':>8} {'stmts':>6} "
             f"{'floor':>8} {'new/fl':>6} {'same/fl':>7} {'sent KB':>8}  first<{TARGET_FIRST_MS}  "
             f"new<{new_target}  same<=2x|<{TARGET_SAME_MS}  <1MB"]
    for row in pages:
        if "error" in row:
            lines.append(f"{row['page']:12} ERROR {row['error']}")
            continue
        floor = empty["rerun"] + row["raw"]
        same_ok = row["cached"] <= TARGET_RATIO * floor or row["cached"] < TARGET_SAME_MS
        verdicts = [verdict(row["first"] < TARGET_FIRST_MS), verdict(row["rerun"] < new_target), verdict(same_ok),
                    verdict(row["sent_kb"] < TARGET_SENT_MB * 1024)]
        lines.append(f"{row['page']:12} {row['first']:6.0f}ms {row['rerun']:6.0f}ms {row['client']:6.0f}ms "
                     f"{row['cached']:6.0f}ms {row['raw']:6.0f}ms {row['statements']:6.0f} {floor:6.0f}ms "
                     f"{row['rerun'] / floor:5.1f}x {row['cached'] / floor:6.1f}x {row['sent_kb']:8.1f}  "
                     f"{verdicts[0]:>10}  {verdicts[1]:>6}  {verdicts[2]:>15}  {verdicts[3]:>4}"
                     + (f"  errors: {row['errors'][:2]}" if row["errors"] else ""))
    return lines


def report(backend: str, scale: str, args, empty: dict, pages: list[dict], memory: dict, busy: dict,
           geometry: dict, replicas: dict | None, warmed: str) -> str:
    mb = 1024 * 1024
    lines = [f"Speed benchmark ({scale} demo data, {backend}), {dt.date.today().isoformat()}, median of {args.runs} "
             f"new questions per page, real server and websocket client; load average at start "
             f"{args.load_start:.1f} on {os.cpu_count()} cores", ""]
    lines += page_lines(scale, empty, pages)
    per_session = (memory["after"] - memory["pages"]) / max(args.sessions, 1) / mb
    map_row = next((r for r in pages if r.get("label") == "page.mappa"), {})
    geometry_once = bool(map_row.get("geometry_by_url")) and map_row.get("geometry_inline") is False
    busy_ok = busy["median"] < TARGET_BUSY_MEDIAN_MS and busy["p90"] < TARGET_BUSY_P90_MS and not busy["errors"]
    lines += ["",
              "times are the server's script time of a run: first = the page's first run after the server's start, "
              f"its scope warmed ({warmed}); new q. = after a filter change (a question no run asked before, "
              "median); same q. = the same filters again (median of 3); client = a new question from request to "
              "the run's last message",
              f"empty page run: {empty['rerun']:.0f} ms (client {empty['client']:.0f} ms); floor = empty page + the "
              "page's raw SQL (the reads of a new question replayed alone on a fresh connection)",
              f"server memory: {memory['start'] / mb:.0f} MB at start, {memory['pages'] / mb:.0f} MB after the pages, "
              f"peak {memory['peak'] / mb:.0f} MB",
              f"memory per extra session: {per_session:.1f} MB ({args.sessions} sessions, every page open: "
              f"{memory['pages'] / mb:.0f} -> {memory['after'] / mb:.0f} MB)  "
              f"[<{TARGET_SESSION_MB} MB: {verdict(per_session < TARGET_SESSION_MB)}]",
              f"concurrency, one process: {args.sessions} sessions for {args.duration:.0f} s: {busy['runs']} runs "
              f"({busy['runs'] / args.duration:.1f}/s), {len(busy['errors'])} errors, median {busy['median']:.0f} ms, "
              f"p90 {busy['p90']:.0f} ms, max {busy['max']:.0f} ms; server peak {memory['final_peak'] / mb:.0f} MB  "
              f"[median<{TARGET_BUSY_MEDIAN_MS} p90<{TARGET_BUSY_P90_MS} no error: {verdict(busy_ok)}]",
              f"map geometry: a static TopoJSON of {geometry['raw'] / 1024:.1f} KB ({geometry['gzip'] / 1024:.1f} KB "
              f"gzip), fetched once by the browser and cached; the map's specs name its URL "
              f"({'yes' if map_row.get('geometry_by_url') else 'NO'}) and hold no geometry "
              f"({'yes' if map_row.get('geometry_inline') is False else 'NO'}); the map page's runs sent at most "
              f"{map_row.get('sent_kb', float('nan')):.1f} KB  [sent once: {verdict(geometry_once)}]"]
    if replicas:
        lines += replica_lines(replicas)
    lines.append(f"load average at end {os.getloadavg()[0]:.1f}")
    lines += [f"  error: {e}" for e in busy["errors"][:10]]
    return "\n".join(lines) + "\n"


def replica_lines(replicas: dict) -> list[str]:
    """Throughput of one app process and of two behind nginx, with each process's database connections."""
    one, two = replicas["one"], replicas["two"]
    gain = two["capacity"] / one["capacity"] if one["capacity"] else float("nan")
    lines = ["", f"behind nginx, {replicas['sessions']} sessions for {one['seconds']:.0f} s at work (a pause of "
                 f"0.2-1 s between runs: the time a run takes), then {one['seconds']:.0f} s without a pause (the "
                 f"runs a second the processes can do); the load generator shares the {os.cpu_count()} cores:"]
    for name, row in (("one process", one), ("two processes", two)):
        lines.append(f"  {name:14} at work {row['runs'] / row['seconds']:5.1f} runs/s, median {row['median']:.0f} ms, "
                     f"p90 {row['p90']:.0f} ms; saturated {row['capacity']:5.1f} runs/s; {len(row['errors'])} "
                     f"errors; database connections per process at most {row['connections']}")
    lines.append(f"  two against one: {gain:.2f}x the runs per second saturated  [>= {TARGET_REPLICA_GAIN}x: "
                 f"{verdict(gain >= TARGET_REPLICA_GAIN)}]; pool of each process: {replicas['pool']}")
    return lines


def wait_warm(server: Server, cookie: dict | None = None, timeout: float = WARM_WAIT_SECONDS) -> str:
    """A first visit starts the server's warmer (data_access/warm.py); wait for its line in the server's log
    (benchmarks/serve.py sends it there): the line, or why there is none."""
    with Session(server.base, cookies=cookie or {}, timeout=300) as session:
        session.run("metodologia" if cookie else "")  # a page that asks little: the warmer does the rest
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [line for line in server.log_text().splitlines() if line.startswith(WARM_LINE)]
        if found:
            return found[-1]
        time.sleep(0.5)
    return f"no warmer line within {timeout:.0f} s"


# --- Throughput: one process, then two, behind nginx ---------------------------------------------------------
NGINX = "/usr/sbin/nginx"


class Nginx:
    """nginx on a loopback port in front of replicas (deploy/nginx.conf.template, as tests/system/test_replicas.py
    starts it); with one replica, both upstream lines name it."""

    def __init__(self, replicas: list[Server], prefix: Path):
        from string import Template

        from benchmarks.stclient import free_port

        self.prefix = prefix
        prefix.mkdir(parents=True, exist_ok=True)
        listen = f"127.0.0.1:{free_port()}"
        self.base = f"http://{listen}"
        addresses = [f"127.0.0.1:{r.port}" for r in replicas] * (2 if len(replicas) == 1 else 1)
        text = Template((ROOT / "deploy" / "nginx.conf.template").read_text()).safe_substitute(
            LISTEN=listen, REPLICA_A=addresses[0], REPLICA_B=addresses[1], PREFIX=str(prefix))
        self.conf = prefix / "nginx.conf"
        self.conf.write_text(text)
        self.process = None

    def __enter__(self):
        import subprocess

        from benchmarks.stclient import wait_healthy

        self.process = subprocess.Popen([NGINX, "-c", str(self.conf), "-p", str(self.prefix), "-g", "daemon off;"],
                                        stderr=subprocess.PIPE)
        if not wait_healthy(self.base, self.process, 30):
            raise RuntimeError(f"nginx did not start: {(self.prefix / 'error.log').read_text(errors='replace')}")
        return self

    def __exit__(self, *exc):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def db_connections(backend: str, url: str, server: Server, name: str) -> int:
    """The database connections one app process holds now: PostgreSQL backends with its application name
    (PGAPPNAME), or the SQLite database file's open descriptors in /proc."""
    if backend == "postgresql":
        from sqlalchemy import text

        with db.get_engine(url).connect() as conn:
            return conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :n"),
                                {"n": name}).scalar_one()
    path = str(db.sqlite_file(db.get_engine(url)).resolve())
    count = 0
    for fd in Path(f"/proc/{server.process.pid}/fd").iterdir():
        try:
            count += os.readlink(fd) == path
        except OSError:
            continue
    return count


def pool_bound(url: str) -> str:
    """The bound of an app process's connection pool (the engine data_access.db makes, as the server does)."""
    pool = db.get_engine(url).pool
    size, overflow = getattr(pool, "size", lambda: None)(), getattr(pool, "_max_overflow", None)
    if size is None:
        return f"{type(pool).__name__} (one connection per thread that uses it)"
    return f"{type(pool).__name__}: {size} + {overflow} overflow = at most {size + overflow} connections"


def measure_replicas(count: int, env: dict, backend: str, url: str, cookie: dict, sessions: int, duration: float,
                     folder: Path) -> dict:
    """``sessions`` sessions at work for ``duration`` s through nginx in front of ``count`` app processes: runs per
    second, median, p90, errors, and the peak of database connections each process held."""
    names = [f"bench-replica-{i}" for i in range(count)]
    servers = [Server(ROOT / "app.py", env={**env, "PGAPPNAME": name},
                      launcher=[sys.executable, str(ROOT / "benchmarks" / "serve.py")],
                      log=folder / f"{name}-{count}.log") for name in names]
    peaks = dict.fromkeys(names, 0)
    try:
        for server in servers:
            server.start()
        warmed = [wait_warm(server, cookie) for server in servers]
        with Nginx(servers, folder / f"nginx-{count}") as front:
            opened = open_sessions(front.base, cookie, sessions)
            stop = threading.Event()

            def sample():
                while not stop.is_set():
                    for name, server in zip(names, servers, strict=True):
                        with contextlib.suppress(Exception):  # a sample missed is not a result
                            peaks[name] = max(peaks[name], db_connections(backend, url, server, name))
                    stop.wait(0.5)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            busy = work(opened, duration)  # people at work: the time each run takes
            saturated = work(opened, duration, seed=11, pause=(0.0, 0.0))  # no pause: the runs a second it can do
            stop.set()
            sampler.join()
            for session in opened:
                session.close()
    finally:
        for server in servers:
            server.stop()
    return {"processes": count, **busy, "seconds": duration, "connections": list(peaks.values()),
            "warmed": warmed, "capacity": saturated["runs"] / duration,
            "errors": busy["errors"] + saturated["errors"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--scale", choices=["national", "seeds"], default="national")
    parser.add_argument("--pg-url", help="a PostgreSQL server (maintenance database); default TEST_POSTGRES_URL")
    parser.add_argument("--runs", type=int, default=5, help="new questions per page (default 5)")
    parser.add_argument("--sessions", type=int, default=20, help="extra sessions (default 20)")
    parser.add_argument("--duration", type=float, default=60, help="seconds of concurrent work (default 60)")
    parser.add_argument("--replica-duration", type=float, default=30,
                        help="seconds of work through nginx, for one process and for two (default 30)")
    parser.add_argument("--no-replicas", action="store_true", help="skip the throughput of one and two processes")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 2 new questions per page, 3 sessions, 5 s of work, 5 s per replica set-up")
    parser.add_argument("--output", type=Path)
    parser.add_argument("--pages", help="a developer's look: only these pages (comma-separated), no sessions, no "
                                        "replicas; nothing written")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.sessions, args.duration, args.replica_duration = 2, 3, 5.0, 5.0
    args.load_start = os.getloadavg()[0]
    output = args.output or ROOT / "test-artifacts" / "bench" / f"{args.scale}-{args.backend}.txt"

    url = ensure_database(args.backend, args.scale, args.pg_url)
    env = {"DATABASE_URL": url, "CRUSCOTTO_CKM_SECRET": BENCH_SECRET, "CRUSCOTTO_COOKIE_KEY": COOKIE_KEY}
    os.environ.update(env)
    engine = db.get_engine(url)
    cookie = login_cookie(engine, ADMIN, auth.DEMO_PASSWORD, COOKIE_KEY.encode())
    print(f"empty page server ({args.backend})...", flush=True)
    run_log = Path(f"/tmp/bench-runs-{os.getpid()}.log")
    empty = measure_empty(args.runs, run_log)
    run_log.unlink(missing_ok=True)
    sql_log = Path(f"/tmp/bench-sql-{os.getpid()}.log")
    server = Server(ROOT / "app.py", env={**env, "BENCH_SQL_LOG": str(sql_log), "BENCH_RUN_LOG": str(run_log)},
                    launcher=[sys.executable, str(ROOT / "benchmarks" / "serve.py")],
                    log=Path(f"/tmp/bench-app-{args.backend}.log"))
    with server:
        memory = {"start": server.memory()["VmRSS"]}
        geometry = map_geometry_bytes(server.base)
        print("waiting for the server's warmer...", flush=True)
        warmed = wait_warm(server, cookie)
        print(f"  {warmed}", flush=True)
        print(f"pages ({args.backend}, {args.scale}):", flush=True)
        switch = Path(f"{sql_log}.on")
        switch.touch()
        only = set(args.pages.split(",")) if args.pages else None
        pages = measure_pages(server, url, cookie, args.runs, sql_log, run_log, only)
        switch.unlink()
        if only:
            print("\n".join(page_lines(args.scale, empty, pages)))
            return 0
        after_pages = server.memory()
        memory.update(pages=after_pages["VmRSS"], peak=after_pages["VmHWM"])
        print(f"{args.sessions} more sessions...", flush=True)
        sessions = open_sessions(server.base, cookie, args.sessions)
        memory["after"] = server.memory()["VmRSS"]
        print(f"{args.sessions} sessions at work for {args.duration:.0f} s...", flush=True)
        busy = work(sessions, args.duration)
        memory["final_peak"] = server.memory()["VmHWM"]
        for session in sessions:
            session.close()
    sql_log.unlink(missing_ok=True)
    run_log.unlink(missing_ok=True)
    replicas = None
    if not args.no_replicas:
        replicas = {"sessions": args.sessions, "pool": pool_bound(url)}
        with tempfile.TemporaryDirectory(prefix="bench-replicas-") as folder:
            for count, name in ((1, "one"), (2, "two")):
                print(f"{args.sessions} sessions through nginx, {count} app process(es), "
                      f"{args.replica_duration:.0f} s...", flush=True)
                replicas[name] = measure_replicas(count, env, args.backend, url, cookie, args.sessions,
                                                  args.replica_duration, Path(folder))
    text = report(args.backend, args.scale, args, empty, pages, memory, busy, geometry, replicas, warmed)
    print("\n" + text)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(f"written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
