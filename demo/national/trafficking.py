"""National outreach: 21 regional anti-trafficking projects (outreach, activity, shelters, services), 21
regional FAMI networks of desks and the Numero Verde Antitratta. A regional project does not report where and
when a seed project covers its territory."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from demo.builder import Builder, object_column
from demo.capacity import capacity
from demo.months import MONTH_INDEX, N_MONTHS, covid, expand, harvest
from demo.national.territory import Territory
from demo.outreach import F_DESK, F_HOTLINE, F_TRAFFICKING, P_DESK, P_HOTLINE, P_LABOUR, P_TRAFFICKING, outreach_rows
from demo.services import activity, services

_AGRICULTURAL = {"004": 0.45, "023": 0.35, "059": 0.5, "061": 0.45, "065": 0.4, "071": 0.55, "072": 0.35,
                 "073": 0.4, "075": 0.35, "076": 0.4, "077": 0.4, "078": 0.35, "080": 0.5, "081": 0.4,
                 "084": 0.4, "087": 0.4, "088": 0.55, "089": 0.35, "110": 0.45, "053": 0.3, "062": 0.3}


def _uncovered(b: Builder, province: np.ndarray, month: np.ndarray) -> np.ndarray:
    """Which (province, month) pairs no seed anti-trafficking project covers."""
    keep = np.ones(len(month), dtype=bool)
    for prov, first, last in b.covered:
        keep &= ~((province == prov) & (month >= first) & (month <= last))
    return keep


def regional_projects(b: Builder, terr: Territory) -> None:
    """21 regional anti-trafficking projects: outreach, activity, shelters, services, training."""
    areas = _regional_areas(b, terr)
    _regional_outreach(b, areas)
    cap = capacity(b.rng, _regional_shelters(areas), sd=0.1)
    cap_month = cap["period"].map(MONTH_INDEX).to_numpy()
    b.add("capacity", cap[_uncovered(b, cap["province_code"].to_numpy(object), cap_month)])


def _regional_areas(b: Builder, terr: Territory) -> pd.DataFrame:
    """One project per area and its provinces: each province's weight in its area, its yearly contacts (1,500 for an
    area of 3 million people, 300 to 3,500) and its share of the 1,700 protected beds of the country."""
    pop = terr.provinces.set_index("code")["population"]
    rows = []
    for area, members in sorted(terr.areas.items()):
        name = terr.area_name(area)
        code = f"AT-{area}"
        lead = terr.area_lead(area)
        b.project(code, f"Rete antitratta {name}", "ANTITRATTA", lead,
                  f"ATS degli enti antitratta - {name}", dt.date(2019, 1, 1), None, "programma-unico")
        area_pop = float(pop[members].sum())
        contacts_year = float(np.clip(1500 * (area_pop / 3e6) ** 0.6, 300, 3500))
        area_beds = 1700 * area_pop**0.7
        w = pop[members].to_numpy(float) ** 0.8
        for prov, wi in zip(members, w / w.sum(), strict=True):
            rows.append((code, prov, wi, contacts_year * wi, area_beds * wi))
    areas = pd.DataFrame(rows, columns=["project_code", "province_code", "weight", "yearly", "beds"])
    areas["beds"] = areas["beds"] / areas["beds"].sum() * 1700
    return areas


def _regional_outreach(b: Builder, areas: pd.DataFrame) -> None:
    """Outreach (trafficking, and labour exploitation where agriculture weighs), outings and drop-in days, and
    services to the people in care, month by month where no seed project covers the province."""
    rng = b.rng
    n = len(areas)
    slot, month = expand(np.zeros(n, dtype=int), np.full(n, N_MONTHS - 1))
    project = areas["project_code"].to_numpy(object)[slot]
    province = areas["province_code"].to_numpy(object)[slot]
    keep = _uncovered(b, province, month)
    slot, month, project, province = slot[keep], month[keep], project[keep], province[keep]
    agri = np.array([_AGRICULTURAL.get(p, 0.12) for p in areas["province_code"]])[slot]
    trend = 1 + 0.03 * month / 12
    level = areas["yearly"].to_numpy(float)[slot] / 12 * trend * covid(month) * rng.lognormal(0.0, 0.2, len(month))
    lam = ((level * (1 - agri))[:, None] * P_TRAFFICKING[None, :]
           + (level * agri * (0.7 + 0.8 * harvest(month)))[:, None] * P_LABOUR[None, :])
    b.add("outreach", outreach_rows(rng, project, province, month, lam, F_TRAFFICKING))
    del lam
    outings = rng.poisson(np.maximum(level / 6, 1))
    b.add("outreach_activity", activity(project, province, month, "unita_mobile", outings,
                                        np.maximum(outings - rng.poisson(1, len(month)), 0)))
    drop_in = areas["weight"].to_numpy(float)[slot] > 0.2
    b.add("outreach_activity", activity(project, province, month, "drop_in", np.zeros(len(month)),
                                        np.where(drop_in, rng.integers(6, 17, len(month)), 0)))
    in_care = areas["beds"].to_numpy(float)[slot] * 1.3
    b.add("services", services(rng, project, province, month, in_care, {
        "supporto_psicologico": (0.25, 1.5), "orientamento_legale": (0.30, 1.5), "formazione_linguistica": (0.35, 8.0),
        "formazione_professionale": (0.08, 25.0), "inserimento_lavorativo": (0.12, 6.0), "tirocinio": (0.08, 60.0),
        "accompagnamento": (0.5, 2.0), "mediazione_abitativa": (0.06, 4.0), "altro": (0.04, 2.0),
    }))


def _regional_shelters(areas: pd.DataFrame) -> pd.DataFrame:
    """Shelter slots: each province's share of the beds (4 at least), no comune."""
    shelter_rows = []
    for code, prov, bed in areas[["project_code", "province_code", "beds"]].itertuples(index=False):
        total = max(4, int(round(bed)))
        split = {"donne": 0.65, "uomini": 0.2, "misto": 0.1, "lgbtqia": 0.05} if total >= 12 else {"donne": 1.0}
        for g, s in split.items():
            places = int(round(total * s))
            if places:
                shelter_rows.append({"project_code": code, "province_code": prov, "municipality_code": None,
                                     "target_group": g, "structures": max(1, int(np.ceil(places / 4.5))),
                                     "places": places, "first": 0, "last": N_MONTHS - 1, "rate": 0.75})
    shelters = pd.DataFrame(shelter_rows)
    shelters["municipality_code"] = object_column([None] * len(shelters))
    return shelters


def desks(b: Builder, terr: Territory) -> None:
    """21 regional FAMI networks of desks: contacts, opening days and services, more where agriculture weighs."""
    rng = b.rng
    codes, provinces, pops = [], [], []
    for area, members in sorted(terr.areas.items()):
        name = terr.area_name(area)
        code = f"FAMI-{area}"
        lead = terr.area_lead(area)
        b.project(code, f"Sportelli per l'integrazione e contro lo sfruttamento - {name}", "FAMI", lead,
                  f"Rete degli enti gestori degli sportelli - {name}", dt.date(2019, 1, 1), None,
                  "FAMI 2014-2020 / 2021-2027")
        for prov in members:
            codes.append(code)
            provinces.append(prov)
            pops.append(float(terr.provinces.set_index("code").at[prov, "population"]))
    n = len(provinces)
    slot, month = expand(np.zeros(n, dtype=int), np.full(n, N_MONTHS - 1))
    project = np.array(codes, dtype=object)[slot]
    province = np.array(provinces, dtype=object)[slot]
    level = (100 + 0.00026 * np.array(pops))[slot] * covid(month) * rng.lognormal(0.0, 0.15, len(month))
    agri = np.array([_AGRICULTURAL.get(p, 0.1) for p in provinces])[slot]
    lam = ((level * (1 - agri))[:, None] * P_DESK[None, :]
           + (level * agri * (0.6 + 0.8 * harvest(month)))[:, None] * P_LABOUR[None, :])
    b.add("outreach", outreach_rows(rng, project, province, month, lam, F_DESK))
    del lam
    b.add("outreach_activity", activity(project, province, month, "sportello", np.zeros(len(month)),
                                        np.round(rng.integers(8, 21, len(month)) * covid(month))))
    b.add("services", services(rng, project, province, month, level, {
        "orientamento_legale": (0.15, 1.0), "accompagnamento": (0.10, 1.5), "formazione_linguistica": (0.06, 20.0),
        "inserimento_lavorativo": (0.03, 4.0), "mediazione_abitativa": (0.02, 3.0), "supporto_psicologico": (0.01, 1.5),
    }))


def hotline(b: Builder, terr: Territory) -> None:
    """The Numero Verde Antitratta: calls from every province, referred to the regional projects."""
    rng = b.rng
    code = "NUMERO-VERDE-AT"
    b.project(code, "Numero Verde Antitratta 800 290 290", "ANTITRATTA", "Dipartimento per le Pari Opportunità",
              "Comune di Venezia", dt.date(2000, 7, 1), None, "programma-unico")
    pop_all = terr.provinces["population"].to_numpy(float)
    slot, month = expand(np.zeros(len(pop_all), dtype=int), np.full(len(pop_all), N_MONTHS - 1))
    province = terr.provinces["code"].to_numpy(object)[slot]
    calls = 3600 / 12 * (pop_all / pop_all.sum())[slot] * rng.lognormal(0.0, 0.2, len(month))
    b.add("outreach", outreach_rows(rng, np.full(len(month), code, dtype=object), province, month,
                                    calls[:, None] * P_HOTLINE[None, :], F_HOTLINE))
