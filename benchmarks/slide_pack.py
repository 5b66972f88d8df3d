"""Benchmark: time to build a 10-chart meeting pack (PPTX and PDF) from synthetic data, renderer start-up included.

The charts are built by the builders of ``charts.py`` from generated frames (no database). The measurements run
in a fresh Python subprocess, so the first ``pack_pptx`` includes the start-up of vl-convert's JavaScript runtime
(as the first export after a server restart would). Target (issue): a 10-chart pack in under 10 s including the
renderer start-up.

    .venv/bin/python benchmarks/slide_pack.py
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 10.0
N_CHARTS = 10


class _Synthetic:
    """Generated frames for the pack's charts (no database), one method per kind of chart."""

    PROGRAMMES = {"SAI": "SAI", "CAS": "CAS", "ANTITRATTA": "Anti-tratta", "FAMI": "FAMI"}
    MONTHS = [f"2025-{m:02d}" for m in range(1, 13)] + [f"2026-{m:02d}" for m in range(1, 7)]

    def __init__(self, rng):
        self.rng = rng

    def counts(self, n: int, low: int = 0, high: int = 400):
        import pandas as pd

        values = self.rng.integers(low, high, n)
        small = [0 < v < 5 for v in values]
        return pd.array([pd.NA if s else int(v) for v, s in zip(values, small, strict=True)], dtype="Int64"), small

    def monthly(self):
        import pandas as pd

        contacts, contacts_small = self.counts(len(self.MONTHS), 0, 60)
        take_ins, take_ins_small = self.counts(len(self.MONTHS), 0, 30)
        return pd.DataFrame({"period_key": self.MONTHS, "contacts": contacts, "contacts_small": contacts_small,
                             "take_ins": take_ins, "take_ins_small": take_ins_small})

    def by_programme(self):
        import pandas as pd

        rows = [(m, p) for m in self.MONTHS[-6:] for p in self.PROGRAMMES]
        m, small = self.counts(len(rows), 0, 40)
        return pd.DataFrame({"period_key": [r[0] for r in rows], "programme": [r[1] for r in rows], "m": m,
                             "m_small": small})

    def places(self):
        import pandas as pd

        occupied, small = self.counts(len(self.MONTHS), 20, 90)
        return pd.DataFrame({"period_key": self.MONTHS, "places": self.rng.integers(90, 120, len(self.MONTHS)),
                             "occupied": occupied, "occupied_small": small})

    def provinces(self):
        import pandas as pd

        names = ["Sondrio", "Bergamo", "Brescia", "Como", "Lecco", "Varese", "Milano", "Pavia", "Lodi", "Cremona"]
        m, small = self.counts(len(names), 0, 200)
        return pd.DataFrame({"code": names, "m": m, "m_small": small})

    @staticmethod
    def funnel():
        import pandas as pd

        values = [420, 180, 75, 31, 3]
        return pd.DataFrame({"stage": ["contacts", "assessments", "potential_victims", "referrals", "take_ins"],
                             "value": pd.array([*values[:4], pd.NA], dtype="Int64"),
                             "value_small": [False, False, False, False, True],
                             "rate": pd.array([pd.NA, 0.43, 0.42, 0.41, pd.NA], dtype="Float64")})

    def status(self):
        import pandas as pd

        return pd.DataFrame({"status": ["done", "doing", "todo"], "count": self.rng.integers(1, 12, 3)})

    def chart(self, i: int):
        """The i-th chart of the pack, cycling through seven builders."""
        from presentation import charts

        title = f"Grafico {i + 1}: dati sintetici di prova"
        stages = {"contacts": "Contatti", "assessments": "Valutazioni", "potential_victims": "Potenziali vittime",
                  "referrals": "Invii", "take_ins": "Prese in carico"}
        builders = [
            lambda: charts.time_series(self.monthly(), unit="mese", measures=["contacts", "take_ins"], labels={},
                                       title=title, y_title="Persone"),
            lambda: charts.time_series_by(self.by_programme(), unit="mese", measure="m", series_col="programme",
                                          series_labels=self.PROGRAMMES, title=title, y_title="Persone accolte"),
            lambda: charts.stacked_bars_over_time(self.by_programme(), unit="mese", measure="m",
                                                  series_col="programme", series_labels=self.PROGRAMMES,
                                                  title=title, y_title="Persone accolte"),
            lambda: charts.bars(self.provinces(), category="code", measure="m", category_labels={}, title=title,
                                x_title="Persone"),
            lambda: charts.places_vs_presences(self.places(), unit="mese", title=title),
            lambda: charts.funnel(self.funnel(), stage_labels=stages, title=title, x_title="Persone"),
            lambda: charts.status_bars(self.status(), status_labels={"done": "Fatto", "doing": "In corso",
                                                                      "todo": "Da fare"},
                                       title=title, x_title="Azioni"),
        ]
        return builders[i % len(builders)]()


def build_pack(n_charts: int = N_CHARTS, seed: int = 7):
    """A pack of ``n_charts`` charts (cycling through the builders) from generated frames."""
    import numpy as np
    import pandas as pd

    from presentation import exports

    rng = np.random.default_rng(seed)
    synthetic = _Synthetic(rng)
    items = []
    for i in range(n_charts):
        current, previous = (int(v) for v in rng.integers(20, 80, 2))
        items.append(exports.PackChart(
            title=f"Grafico {i + 1}", chart=synthetic.chart(i),
            caption=exports.caption_change(measure_label="Le persone accolte", territory="Sondrio", current=current,
                                           previous=previous, period_word="mese", feminine=True),
            note=exports.small_value_note(5) if i % 2 == 0 else None))
    summary = pd.DataFrame({"Indicatore": [f"Indicatore {i + 1}" for i in range(15)],
                            "Valore": [f"{int(v):,}".replace(",", ".") for v in rng.integers(5, 5000, 15)]})
    return exports.Pack(tavolo="Tavolo di prova", territory="Sondrio", period="1° semestre 2026", data_version=1,
                        data_date=datetime.date(2026, 6, 30), built_on=datetime.date.today(), charts=items,
                        summary=summary, methodology=["Dati sintetici generati per il benchmark."] * 4)


def measure() -> dict:
    """Run in a fresh process: import, build, first and second pack_pptx, pack_pdf."""
    started = time.perf_counter()
    from config import theme
    from presentation import exports

    theme.enable()
    imported = time.perf_counter()
    pack = build_pack()
    built = time.perf_counter()
    first = exports.pack_pptx(pack)
    t_first = time.perf_counter()
    second = exports.pack_pptx(pack)
    t_second = time.perf_counter()
    pdf = exports.pack_pdf(pack)
    t_pdf = time.perf_counter()
    return {"import_s": imported - started, "build_charts_s": built - imported, "pptx_first_s": t_first - built,
            "pptx_second_s": t_second - t_first, "pdf_s": t_pdf - t_second, "pptx_bytes": len(first),
            "pptx_second_bytes": len(second), "pdf_bytes": len(pdf)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help="measure in this process and print JSON")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure()))
        return
    wall = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child"], check=True, capture_output=True, text=True,
                         cwd=ROOT)
    wall = time.perf_counter() - wall
    r = json.loads(out.stdout.strip().splitlines()[-1])
    first_total = r["import_s"] + r["build_charts_s"] + r["pptx_first_s"]
    rows = [
        ("imports (altair, pandas, exports)", f"{r['import_s']:.2f} s", ""),
        (f"build {N_CHARTS} charts (charts.py)", f"{r['build_charts_s']:.2f} s", ""),
        ("pack_pptx, first (with vl-convert start-up)", f"{r['pptx_first_s']:.2f} s",
         f"{r['pptx_bytes'] / 1024:.0f} KiB"),
        ("pack_pptx, second", f"{r['pptx_second_s']:.2f} s", f"{r['pptx_second_bytes'] / 1024:.0f} KiB"),
        ("pack_pdf", f"{r['pdf_s']:.2f} s", f"{r['pdf_bytes'] / 1024:.0f} KiB"),
        ("fresh process to first PPTX (imports+charts+pptx)", f"{first_total:.2f} s", ""),
        ("subprocess wall time (everything above)", f"{wall:.2f} s", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  {'time':>8}  {'size':>9}")
    for name, seconds, size in rows:
        print(f"{name:<{width}}  {seconds:>8}  {size:>9}")
    verdict = "OK" if first_total < TARGET_SECONDS else "NOT MET"
    print(f"target: {N_CHARTS}-chart pack in < {TARGET_SECONDS:.0f} s including renderer start-up -> {verdict}")


if __name__ == "__main__":
    main()
