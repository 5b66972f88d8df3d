"""National reception: SAI projects (ordinari, MSNA, DM-DS) in proportion to population, scaled to the national
places of summer 2024, and one CAS per prefecture following the national curve."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from demo.builder import Builder, object_column
from demo.capacity import capacity, cas_curve, cas_frame
from demo.draws import ar_noise
from demo.months import MONTHS, month_date, month_of
from demo.national.territory import Territory

# SAI projects per 56,000 residents, by region (more in the South, as in the real network).
_SAI_DENSITY = {"01": 1.0, "02": 0.5, "03": 0.6, "04": 0.5, "05": 0.6, "06": 0.6, "07": 0.9, "08": 0.9,
                "09": 0.9, "10": 1.2, "11": 1.3, "12": 1.0, "13": 1.2, "14": 2.0, "15": 1.6, "16": 1.6,
                "17": 1.8, "18": 1.9, "19": 1.6, "20": 1.0}
_MANAGERS = (
    "Cooperativa sociale Il Ponte", "Cooperativa sociale Arcobaleno", "Cooperativa sociale Il Sentiero",
    "Cooperativa sociale La Rete", "Cooperativa sociale Orizzonti", "Cooperativa sociale Il Girasole",
    "Cooperativa sociale Approdo", "Cooperativa sociale Nuovi Percorsi", "Associazione Accoglienza e Diritti",
    "Consorzio Solidarietà Sociale", "Cooperativa sociale Terra Nuova", "Cooperativa sociale Il Faro",
    "Cooperativa sociale Mosaico", "Associazione Casa dei Popoli", "Cooperativa sociale Insieme",
    "Consorzio Comunità Accoglienti", "Cooperativa sociale Il Melograno", "Cooperativa sociale Passaggi",
    "Cooperativa sociale Crocevia", "Fondazione Casa Aperta",
)
_SAI_LINES = {"ORD": "ordinari", "MSNA": "minori stranieri non accompagnati", "DMDS": "disagio mentale e disabilità"}
_ORD_GROUPS = ("uomini", "donne", "nuclei", "monoparentali", "misto", "lgbtqia")
_ORD_GROUP_P = np.array([0.40, 0.12, 0.25, 0.13, 0.07, 0.03])
_GROUP_SIZE = {"uomini": 7, "donne": 5, "nuclei": 5, "monoparentali": 4, "misto": 6, "lgbtqia": 4, "msna": 10,
               "dm_ds": 4}
_GROUP_WEIGHT = {"uomini": 1.0, "nuclei": 1.0, "donne": 0.6, "monoparentali": 0.6, "misto": 0.5, "lgbtqia": 0.15,
                 "msna": 1.0, "dm_ds": 1.0}
_SAI_TARGETS = {"ORD": 33_900, "MSNA": 6_600, "DMDS": 760}  # active places, summer 2024
# Each line: the median places of a project, their spread (log scale) and the mean occupancy.
_LINE = {"ORD": (38.0, 0.6, 0.9), "MSNA": (36.0, 0.5, 0.86), "DMDS": (16.0, 0.35, 0.85)}


def sai(b: Builder, terr: Territory) -> None:
    """SAI projects in every province, scaled to the national places of each line in August 2024."""
    slots = []
    for row in terr.provinces.itertuples():
        slots += _province_projects(b, terr.comuni[row.code], row)
    b.add("capacity", capacity(b.rng, _to_national_places(pd.DataFrame(slots)), sd=0.04, overflow=0.003))


def _province_projects(b: Builder, comuni: pd.DataFrame, row) -> list[dict]:
    """2 to 30 projects by population and regional density, led by comuni drawn by size (the first an ordinary
    line in the largest comune); one project per comune and line. Returns their slots."""
    rng = b.rng
    n = int(np.clip(round(row.population / 56_000 * _SAI_DENSITY[row.region_code]), 2, 30))
    weights = comuni["population"].to_numpy(float) ** 0.8
    weights /= weights.sum()
    kinds = rng.choice(["ORD", "MSNA", "DMDS"], size=n, p=[0.78, 0.18, 0.04])
    kinds[0] = "ORD"
    leads = rng.choice(len(comuni), size=n, p=weights)
    leads[0] = 0
    seen: set[tuple[int, str]] = set()
    slots = []
    for kind, lead in zip(kinds.tolist(), leads.tolist(), strict=True):
        if (lead, kind) in seen:
            continue
        seen.add((lead, kind))
        comune = comuni.at[lead, "name"]
        code = f"SAI-{row.short}-{len(seen):02d}"
        start, end = _project_dates(rng)
        first, last = b.project(code, f"SAI {comune} - {_SAI_LINES[kind]}", "SAI", f"Comune di {comune}",
                                str(rng.choice(_MANAGERS)), start, end, "FNPSA")
        if first <= last:
            project = {"project_code": code, "province_code": row.code, "kind": kind, "rate": _LINE[kind][2]}
            slots += _project_slots(rng, comuni, weights, lead, project, first, last)
    return slots


def _project_dates(rng: np.random.Generator) -> tuple[dt.date, dt.date | None]:
    """72% of the projects older than 2019 (6% of those closed in 2019-2020), the others started in 2019-2024."""
    old = rng.random() < 0.72
    if old:
        start = dt.date(int(rng.integers(2003, 2019)), int(rng.integers(1, 13)), 1)
    else:
        start = month_date(MONTHS[int(rng.integers(month_of("2019-06"), month_of("2024-07")))])
    end = None
    if old and rng.random() < 0.06:
        m = int(rng.integers(month_of("2019-06"), month_of("2021-01")))
        end = month_date(MONTHS[m + 1]) - dt.timedelta(days=1)
    return start, end


def _project_slots(rng: np.random.Generator, comuni: pd.DataFrame, weights: np.ndarray, lead: int, project: dict,
                   first: int, last: int) -> list[dict]:
    """Rows of one project: the lead comune and up to three adhering comuni, by target group, with raw places
    (scaled later); one project in five grows by 20-80% once between 2021 and 2023."""
    kind = project["kind"]
    mean, sigma, _ = _LINE[kind]
    places = float(np.exp(rng.normal(np.log(mean), sigma))) * (1 + comuni.at[lead, "population"] / 400_000)
    if kind == "ORD":
        n_rows = 1 + int(rng.binomial(3, 0.4))
        groups = list(rng.choice(_ORD_GROUPS, size=n_rows, replace=False, p=_ORD_GROUP_P))
    else:
        n_rows = 1 + int(rng.random() < 0.3)
        groups = ["msna" if kind == "MSNA" else "dm_ds"] * n_rows
    where = [lead] + list(rng.choice(len(comuni), size=n_rows - 1, p=weights))
    shares = rng.dirichlet(np.full(n_rows, 2.0)) * np.array([_GROUP_WEIGHT[g] for g in groups])
    expand_at = int(rng.integers(month_of("2021-09"), month_of("2023-07"))) if rng.random() < 0.2 else None
    factor = rng.uniform(1.2, 1.8)
    slots = []
    seen_rows = set()
    for g, w, s in zip(groups, where, shares, strict=True):
        if (int(w), g) in seen_rows:
            continue
        seen_rows.add((int(w), g))
        slot = {**project, "municipality_code": comuni.at[int(w), "code"], "target_group": g,
                "raw": max(places * s, 2.0)}
        if expand_at is not None and first < expand_at <= last:
            slots.append({**slot, "first": first, "last": expand_at - 1})
            slots.append({**slot, "raw": slot["raw"] * factor, "first": expand_at, "last": last})
        else:
            slots.append({**slot, "first": first, "last": last})
    return slots


def _to_national_places(frame: pd.DataFrame) -> pd.DataFrame:
    """Scale each line to its national places in August 2024; structures from the usual size of each group."""
    ref = month_of("2024-08")
    active = (frame["first"] <= ref) & (frame["last"] >= ref)
    for kind, target in _SAI_TARGETS.items():
        mask = frame["kind"] == kind
        frame.loc[mask, "raw"] *= target / frame.loc[mask & active, "raw"].sum()
    frame["places"] = np.maximum(np.round(frame["raw"]), 2).astype(np.int64)
    size = frame["target_group"].map(_GROUP_SIZE).to_numpy(float)
    frame["structures"] = np.maximum(1, np.round(frame["places"] / size)).astype(np.int64)
    frame["municipality_code"] = object_column(frame["municipality_code"].tolist())
    return frame


def cas(b: Builder, terr: Territory) -> None:
    """One CAS project per prefecture (Milano and Varese are in the seeds), its places a share of the national
    curve with a slow drift of its own."""
    rng = b.rng
    provinces = terr.provinces[~terr.provinces["code"].isin(("015", "012"))].reset_index(drop=True)
    pop = provinces["population"].to_numpy(float)
    tilt = np.where(provinces["region_code"] == "03", 0.9, 1.0)
    share = pop**0.95 * tilt
    # The two seed CAS hold 5.8% of the national places; the others share the rest.
    share = share / share.sum() * (1 - 0.058)
    curve = cas_curve()
    drift = 1 + 0.08 * ar_noise(rng, len(provinces), phi=0.97)
    curves = curve[None, :] * share[:, None] * drift
    slots = []
    for i, row in enumerate(provinces.itertuples()):
        code = f"CAS-{row.short}"
        first, last = b.project(code, f"CAS - Centri di accoglienza straordinaria - {terr.prefecture(row.code)}",
                                "CAS", terr.prefecture(row.code),
                                f"Enti gestori in convenzione - {terr.prefecture(row.code)}", dt.date(2014, 6, 1))
        project = {"project_code": code, "province_code": row.code, "first": first, "last": last, "rate": 0.95,
                   "curve": i}
        slots += _prefecture_slots(rng, terr.comuni[row.code], row.population, project)
    frame = pd.DataFrame(slots)
    frame["municipality_code"] = object_column(frame["municipality_code"].tolist())
    b.add("capacity", cas_frame(rng, frame, curves))


def _prefecture_slots(rng: np.random.Generator, comuni: pd.DataFrame, population: float, project: dict) -> list[dict]:
    """Centres in the chief town (with the minors) and in 2 to 13 other comuni among the 60 largest."""
    k = int(np.clip(round(population / 90_000), 3, 14))
    chosen = [0] + list(rng.choice(np.arange(1, min(len(comuni), 60)), size=k - 1, replace=False))
    weights = comuni.loc[chosen, "population"].to_numpy(float) ** 0.7
    weights /= weights.sum()
    slots = []
    for j, (c, w) in enumerate(zip(chosen, weights, strict=True)):
        groups = {"uomini": 0.8, "nuclei": 0.12, "donne": 0.08}
        if j == 0:
            groups = {"uomini": 0.72, "nuclei": 0.12, "donne": 0.08, "msna": 0.08}
        elif rng.random() < 0.5:
            groups = {"uomini": 1.0}
        for g, gs in groups.items():
            slots.append({**project, "municipality_code": comuni.at[int(c), "code"], "target_group": g,
                          "share": w * gs, "size": {"uomini": 14, "nuclei": 5, "donne": 6, "msna": 12}[g]})
    return slots
