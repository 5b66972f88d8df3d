"""Benchmark: what hostile or careless files cost the import's check (issue 17).

1. A 120 KB CSV with one cell of 120,000 characters, in a code column, a count column and a free-text column:
   the whole check (read, convert, guard, row checks), median of runs. For comparison, the e-mail pattern the
   guard used before on a shorter cell (it grows with the square of the cell's length).
2. An XLSX zip bomb (1.5 MB expanding to 1.5 GB): the time to refuse it and the peak memory of a fresh process
   reading it as the import's worker does (VmHWM).

    .venv/bin/python benchmarks/import_hostile.py [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OLD_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
HEADER = "periodo;provincia;comune;progetto;target;strutture;posti;presenze"
PROJECTS_HEADER = "codice_progetto;denominazione;programma;ente_titolare;ente_gestore;data_inizio;data_fine;avviso"


def _engine():
    from data_access import db, reference
    from tests.data_access.test_imports import register_projects

    engine = db.get_engine(f"sqlite:///{tempfile.mkdtemp()}/hostile.db")
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    register_projects(engine)
    return engine


def _median_seconds(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def long_cells(runs: int) -> list[str]:
    from data_access import imports

    engine, cell = _engine(), "a" * 120_000
    files = {
        "code column (target)": (f"{HEADER}\n2024-03;014;;SAI-SONDRIO;{cell};3;12;10\n", "capacity"),
        "count column (posti)": (f"{HEADER}\n2024-03;014;;SAI-SONDRIO;uomini;3;{cell};10\n", "capacity"),
        "text column (denominazione)": (f"{PROJECTS_HEADER}\nX-1;{cell};SAI;;;2024-01-01;;\n", "projects"),
    }
    lines = ["One cell of 120,000 characters in a 120 KB CSV: the whole check, median of "
             f"{runs} runs", "", f"{'where the cell is':32} {'file KB':>8} {'check':>9}"]
    for name, (text, table) in files.items():
        data = text.encode()
        seconds = _median_seconds(lambda d=data, t=table: imports.check(engine, d, "lungo.csv", t,
                                                                         today=dt.date(2026, 11, 23)), runs)
        lines.append(f"{name:32} {len(data) / 1024:8.0f} {seconds * 1000:7.0f}ms")
    for length in (10_000, 20_000, 40_000):
        seconds = _median_seconds(lambda n=length: OLD_EMAIL.search("a" * n), 1)
        lines.append(f"{'old e-mail pattern alone, ' + f'{length:,} chars':32} {'':>8} {seconds * 1000:7.0f}ms")
    return lines


PEAK = """
import sys, time
from data_access.imports import reading
from data_access.imports.report import FileProblem
data = open(sys.argv[1], "rb").read()
started = time.perf_counter()
try:
    reading.read_file(data, "bomba.xlsx")
except FileProblem:
    pass
print(time.perf_counter() - started)
print(next(line for line in open("/proc/self/status") if line.startswith("VmHWM")).split()[1])
"""


def zip_bomb() -> list[str]:
    from tests.data_access.test_import_limits import xlsx_bomb

    lines = [""]
    for lie, what in ((False, "sizes declared"), (True, "sizes declared as 100 bytes: inflated to count")):
        path = Path(tempfile.mkdtemp()) / "bomba.xlsx"
        path.write_bytes(xlsx_bomb(1500, lie=lie))
        done = subprocess.run([sys.executable, "-c", PEAK, str(path)], cwd=ROOT, capture_output=True, text=True,
                              check=True)
        seconds, peak_kb = done.stdout.split()
        lines.append(f"XLSX zip bomb ({what}): {path.stat().st_size / (1 << 20):.1f} MB expanding to 1,500 MB; "
                     f"refused in {float(seconds):.2f} s, peak memory of the reading process "
                     f"{int(peak_kb) / 1024:.0f} MB (target: under 300 MB)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("\n".join([f"Hostile import files, {dt.date.today().isoformat()}", "", *long_cells(args.runs),
                     *zip_bomb()]))


if __name__ == "__main__":
    main()
