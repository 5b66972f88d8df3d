"""Reception in the seeds: the four SAI projects of the Cooperativa Lotta contro l'emarginazione (Sondrio,
Novate Milanese, Cinisello Balsamo, Besozzo) with their published structures and places, and the CAS of the
prefectures of Milano and Varese."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from demo.builder import Builder, object_column
from demo.capacity import capacity, cas_curve, cas_frame, fix_presences, slot_frame
from demo.months import N_MONTHS, month_of
from demo.seeds.bodies import LOTTA


def sai(b: Builder) -> None:
    """The four SAI projects, each with its structures and places of the seed and presences near capacity."""
    sai_sondrio(b)
    sai_novate(b)
    sai_cinisello(b)
    sai_besozzo(b)


def sai_sondrio(b: Builder) -> None:
    """11 structures and 47 places in five comuni of the province; 40-46 people every month."""
    rng = b.rng
    first, last = b.project("SAI-SONDRIO", "SAI Provincia di Sondrio (con accorpamento del SAI di Tirano)", "SAI",
                            "Provincia di Sondrio", f"{LOTTA} (ATI con Associazione Il Gabbiano)",
                            dt.date(2014, 2, 1), None, "FNPSA")
    sondrio = slot_frame([("014061", "uomini", 3, 14), ("014061", "nuclei", 2, 9), ("014066", "uomini", 2, 8),
                          ("014045", "nuclei", 1, 5), ("014018", "monoparentali", 1, 4), ("014066", "donne", 1, 4),
                          ("014052", "monoparentali", 1, 3)], "SAI-SONDRIO", "014", first, last, 0.92)
    frame = capacity(rng, sondrio)
    b.add("capacity", fix_presences(rng, frame, np.full(N_MONTHS, 43.0), 40, 46, 1.6))


def sai_novate(b: Builder) -> None:
    """5 structures and 16 places in Novate Milanese."""
    rng = b.rng
    first, last = b.project("SAI-NOVATE", "SAI Novate Milanese", "SAI",
                            "Azienda Speciale Comuni Insieme per il sociale",
                            f"{LOTTA} (ATI con Consorzio Farsi Prossimo)", dt.date(2016, 9, 1), None, "FNPSA")
    novate = slot_frame([("015157", "donne", 2, 6), ("015157", "nuclei", 2, 6), ("015157", "monoparentali", 1, 4)],
                        "SAI-NOVATE", "015", first, last, 0.9)
    b.add("capacity", fix_presences(rng, capacity(rng, novate), np.full(N_MONTHS, 14.5), 12, 16, 1.0))


def sai_cinisello(b: Builder) -> None:
    """4 structures and 15 places in Cinisello Balsamo."""
    rng = b.rng
    first, last = b.project("SAI-CINISELLO", "SAI Cinisello Balsamo", "SAI", "Comune di Cinisello Balsamo",
                            f"{LOTTA} (capofila ATI con Cooperativa Farsi Prossimo)", dt.date(2018, 9, 1), None,
                            "FNPSA")
    cinisello = slot_frame([("015077", "donne", 1, 4), ("015077", "lgbtqia", 1, 3), ("015077", "nuclei", 1, 4),
                            ("015077", "monoparentali", 1, 4)], "SAI-CINISELLO", "015", first, last, 0.9)
    b.add("capacity", fix_presences(rng, capacity(rng, cinisello), np.full(N_MONTHS, 13.5), 11, 15, 1.0))


def sai_besozzo(b: Builder) -> None:
    """3 structures in Besozzo and Comerio: 36 places to December 2020, 13 from January 2021."""
    rng = b.rng
    first, last = b.project("SAI-BESOZZO", "SAI Besozzo (con il Comune di Comerio)", "SAI", "Comune di Besozzo",
                            LOTTA, dt.date(2018, 1, 1), None, "FNPSA")
    cut = month_of("2021-01")
    before = slot_frame([("012013", "uomini", 1, 18), ("012013", "nuclei", 1, 10), ("012055", "monoparentali", 1, 8)],
                        "SAI-BESOZZO", "012", first, cut - 1, 0.85)
    after = slot_frame([("012013", "uomini", 1, 5), ("012013", "nuclei", 1, 4), ("012055", "monoparentali", 1, 4)],
                       "SAI-BESOZZO", "012", cut, last, 0.9)
    # Presences fell in 2019-2020 (fewer arrivals, the 2018 security decree) before the cut to 13 places.
    centre = np.where(np.arange(N_MONTHS) < cut, 33.0 - 12.0 * np.arange(N_MONTHS) / cut, 12.0)
    frame = capacity(rng, pd.concat([before, after], ignore_index=True))
    frame = pd.concat([
        fix_presences(rng, frame[frame["places"].isin((18, 10, 8))], centre, 18, 35, 1.2),
        fix_presences(rng, frame[frame["places"].isin((5, 4))], centre, 10, 13, 0.8),
    ], ignore_index=True)
    b.add("capacity", frame)


def cas(b: Builder) -> None:
    """The CAS of the prefectures of Milano and Varese: their share of the national curve, comune by comune."""
    curve = cas_curve()
    layouts = {
        "CAS-MILANO": ("015", "Milano", 0.045, [
            ("015146", "uomini", 0.34, 25), ("015146", "donne", 0.05, 10), ("015146", "nuclei", 0.07, 8),
            ("015146", "msna", 0.04, 12), ("015209", "uomini", 0.06, 15), ("015077", "uomini", 0.04, 12),
            ("015182", "uomini", 0.05, 14), ("015118", "uomini", 0.05, 12), ("015175", "uomini", 0.04, 10),
            ("015192", "nuclei", 0.03, 6), ("015189", "uomini", 0.04, 12), ("015027", "uomini", 0.04, 10),
            ("015002", "uomini", 0.03, 8), ("015130", "nuclei", 0.03, 6), ("015093", "uomini", 0.03, 10),
            ("015166", "donne", 0.02, 6)]),
        "CAS-VARESE": ("012", "Varese", 0.013, [
            ("012133", "uomini", 0.28, 15), ("012133", "nuclei", 0.07, 6), ("012026", "uomini", 0.18, 12),
            ("012070", "uomini", 0.14, 10), ("012119", "uomini", 0.09, 8), ("012092", "uomini", 0.06, 8),
            ("012127", "donne", 0.05, 6), ("012040", "nuclei", 0.05, 5), ("012096", "uomini", 0.05, 6),
            ("012120", "uomini", 0.03, 5)]),
    }
    slot_frames = []
    curves = []
    for code, (province, city, share, rows) in layouts.items():
        first, last = b.project(code, f"CAS - Centri di accoglienza straordinaria della Prefettura di {city}", "CAS",
                                f"Prefettura di {city}", f"Enti gestori in convenzione con la Prefettura di {city}",
                                dt.date(2014, 6, 1), None, None)
        total = sum(r[2] for r in rows)
        slot_frames.append(pd.DataFrame({
            "project_code": code, "province_code": province, "municipality_code": object_column([r[0] for r in rows]),
            "target_group": [r[1] for r in rows], "share": [r[2] / total for r in rows],
            "size": [r[3] for r in rows], "first": first, "last": last, "rate": 0.95, "curve": len(curves),
        }))
        curves.append(curve * share)
    b.add("capacity", cas_frame(b.rng, pd.concat(slot_frames, ignore_index=True), np.array(curves)))
