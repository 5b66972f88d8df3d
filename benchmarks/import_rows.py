"""Benchmark: check and load a 100,000-row import file, with its time and peak memory.

Each measurement runs in a fresh Python process on a fresh database (reference territories and the projects of
the seeds demo, registered as a real import so the load runs outside demo mode with a configured secret):
reading the file, checking every row, the preview, and the load (one transaction with the cell keys and the
outreach cube), then the same file again (all rows unchanged: nothing written). The database and the file are
prepared beforehand by the parent process; the measuring process loads only the import's modules. Memory: that
process's peak resident set (what the operating system sees, interpreter and libraries included). Targets (issue
#6): under 30 s and under 500 MB.

    .venv/bin/python benchmarks/import_rows.py [--rows 100000] [--backend sqlite|postgresql|both] [--format csv|xlsx]
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_SECONDS, TARGET_MB = 30.0, 500.0
PROJECTS = ("NAVE-POLIS-PD", "SAMMARTINI", "FAMI-POLIS-PD", "SAI-SONDRIO")  # no end date in the seeds demo


def outreach_file(rows: int, fmt: str) -> bytes:
    """An outreach table of ``rows`` rows over the open-ended seeds projects (their own provinces), months from
    2020-01 to 2025-12, every channel, form of exploitation, gender and age group."""
    import numpy as np

    from data_access.contract import COLUMNS
    from data_access.models import AGE_GROUPS, CHANNELS, EXPLOITATION, GENDERS

    provinces = {"NAVE-POLIS-PD": "028", "SAMMARTINI": "015", "FAMI-POLIS-PD": "028", "SAI-SONDRIO": "014"}
    months = [f"{y}-{m:02d}" for y in range(2020, 2026) for m in range(1, 13)]
    combos = itertools.islice(itertools.product(PROJECTS, months, CHANNELS, EXPLOITATION, GENDERS, AGE_GROUPS), rows)
    rng = np.random.default_rng(6)
    header = [c.header for c in COLUMNS["outreach"]]
    lines = []
    for project, month, channel, exploitation, gender, age in combos:
        contacts = int(rng.integers(0, 30))
        lines.append([month, provinces[project], project, channel, exploitation, gender, age, contacts,
                      contacts // 2, contacts // 4, contacts // 8, contacts // 6, contacts // 10])
    if len(lines) < rows:
        raise SystemExit(f"only {len(lines)} distinct rows available")
    if fmt == "csv":
        text = "\n".join(";".join(map(str, line)) for line in [header, *lines]) + "\n"
        return text.encode("utf-8")
    import io

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Dati")
    ws.append(header)
    for line in lines:
        ws.append(line)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


SECRET = "benchmark-secret-not-for-production-0123456789"


def prepare(url: str) -> None:
    """A fresh database with the reference territories and the seeds projects (registered as a real import)."""
    import demo
    from data_access import db, loading, reference

    engine = db.get_engine(url)
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    loading.load(engine, secret=SECRET.encode(), kind="import", source="benchmark: projects", frames={},
                 projects=demo.generate("seeds", 42).projects)
    engine.dispose()


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). Not getrusage: Linux carries ru_maxrss over from the parent
    across fork and exec, which would charge the parent's memory to this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(url: str, path: str, rows: int, fmt: str) -> dict:
    """In this fresh process (only the import's own modules loaded): time check + apply and the re-load."""
    from data_access import db, imports

    os.environ["CRUSCOTTO_CKM_SECRET"] = SECRET
    os.environ["CRUSCOTTO_IMPORT_MAX_ROWS"] = str(max(rows, 200_000))
    engine = db.get_engine(url)
    data = Path(path).read_bytes()
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    report = imports.check(engine, data, f"contatti.{fmt}", "outreach")
    checked = time.perf_counter()
    assert report.ok, report.messages[:5]
    result = imports.apply(engine, report, actor="benchmark")
    loaded = time.perf_counter()
    del report  # as on the page, where the next file's report replaces this one
    again = imports.check(engine, data, f"contatti.{fmt}", "outreach")
    assert again.ok and again.diff.unchanged == rows and imports.apply(engine, again, actor="x").version is None
    reloaded = time.perf_counter()
    return {"rows": rows, "format": fmt, "megabytes": len(data) / 1024 / 1024, "check": checked - started,
            "load": loaded - checked, "total": loaded - started, "again": reloaded - loaded,
            "version": result.version, "rss_before": rss_before,
            "rss_peak": peak_rss_mb()}


def _pg_url() -> str | None:
    from sqlalchemy import create_engine, text

    admin = os.environ.get("TEST_POSTGRES_URL") or "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    try:
        engine = create_engine(admin, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS cruscotto_bench_import WITH (FORCE)"))
            conn.execute(text("CREATE DATABASE cruscotto_bench_import"))
        return admin.rsplit("/", 1)[0] + "/cruscotto_bench_import"
    except Exception as exc:  # noqa: BLE001 - reported and skipped
        print(f"PostgreSQL skipped: {str(exc).splitlines()[0]}")
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--child", nargs=2, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(*args.child, args.rows, args.format)))
        return 0
    print(f"Import benchmark, {args.rows:,} outreach rows ({args.format.upper()}), fresh process and database each, "
          f"{datetime.date.today().isoformat()}\n")
    print(f"{'backend':<11}{'file MB':>9}{'check':>9}{'load':>9}{'total':>9}{'re-load':>9}{'RSS before':>12}"
          f"{'peak RSS':>11}")
    worst_time = worst_mb = 0.0
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            url = f"sqlite:///{tmp}/bench.db" if backend == "sqlite" else _pg_url()
            if url is None:
                continue
            prepare(url)
            path = Path(tmp) / f"contatti.{args.format}"
            path.write_bytes(outreach_file(args.rows, args.format))
            out = subprocess.run([sys.executable, __file__, "--child", url, str(path), "--rows", str(args.rows),
                                  "--format", args.format], capture_output=True, text=True, cwd=ROOT)
            if out.returncode:
                print(out.stderr[-2000:])
                return 1
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{backend:<11}{r['megabytes']:>9.1f}{r['check']:>8.1f}s{r['load']:>8.1f}s{r['total']:>8.1f}s"
                  f"{r['again']:>8.1f}s{r['rss_before']:>9.0f} MB{r['rss_peak']:>8.0f} MB")
            worst_time, worst_mb = max(worst_time, r["total"]), max(worst_mb, r["rss_peak"])
    print(f"\nworst: {worst_time:.1f} s (target under {TARGET_SECONDS:.0f} s), peak {worst_mb:.0f} MB (target under "
          f"{TARGET_MB:.0f} MB); check = read + convert + validate + preview; load = one transaction with cell keys "
          "and the outreach cube; re-load = the same file again (all rows unchanged, nothing written)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
