"""Labour exploitation, inclusion and homelessness in the seeds: DIAGRAMMI Nord with the totals of its report,
the Centro Sammartini, Inside Aut and RE.T.I. Avellino."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from demo.builder import Builder
from demo.draws import allocate
from demo.months import MONTH_CODES, covid, harvest, month_of, winter
from demo.network import training_frame
from demo.outreach import (
    F_HOMELESS,
    F_LABOUR,
    F_TRAFFICKING,
    P_HOMELESS,
    P_LABOUR,
    cell_profile,
    outreach_rows,
    province_months,
)
from demo.seeds.bodies import LOTTA
from demo.services import activity, services

_DIAGRAMMI_PROVINCES = {"015": 0.30, "017": 0.22, "012": 0.14, "013": 0.12, "108": 0.12, "014": 0.10}


@dataclass(frozen=True)
class _Pace:
    """DIAGRAMMI's blocks (province x month), the share of the work each block does, and which blocks fall in the
    months the seed reports (to 30 September 2022)."""

    code: str
    province: np.ndarray
    month: np.ndarray
    pace: np.ndarray
    seed: np.ndarray

    @property
    def project(self) -> np.ndarray:
        """The project code of every block."""
        return np.full(len(self.month), self.code, dtype=object)

    def exactly(self, rng: np.random.Generator, total: int) -> np.ndarray:
        """``total`` shared over the seed's months exactly, then the same pace to December 2022."""
        values = np.zeros(len(self.month), dtype=np.int64)
        values[self.seed] = allocate(rng, total, self.pace[self.seed])
        values[~self.seed] = rng.poisson(total * self.pace[~self.seed] / self.pace[self.seed].sum())
        return values


def diagrammi_nord(b: Builder) -> None:
    """Labour exploitation in agriculture, six provinces: the totals of the seed's report to 30 September 2022
    (outings, contacts, referrals, services, courses), then the same pace to December 2022."""
    code = "DIAGRAMMI-NORD"
    first, last = b.project(
        code, "DIAGRAMMI Nord - Diritti in agricoltura attraverso approcci multistakeholder e multidisciplinari "
        "per l'integrazione e il lavoro giusto", "FAMI", "Consorzio Nova", LOTTA, dt.date(2020, 8, 1),
        dt.date(2022, 12, 31), "FAMI 2014-2020 - Avviso 1/2019")
    province, weight, month = province_months(_DIAGRAMMI_PROVINCES, first, last)
    # Activity grows after the start-up and peaks with the harvest.
    ramp = np.clip((month - first + 1) / 8.0, 0.15, 1.0) * (1 + 0.5 * harvest(month)) * covid(month)
    pace = _Pace(code, province, month, weight * ramp, month <= month_of("2022-09"))
    _diagrammi_outreach(b, pace)
    b.add("services", pd.concat([*_diagrammi_services(b.rng, pace), _diagrammi_courses(b.rng, pace)],
                                ignore_index=True))
    # Capacity building: training of labour inspectors, unions and farms.
    b.add("training", training_frame([("2021-05", "015", "misto", 1, 8.0, 30), ("2021-10", "017", "misto", 1, 8.0, 22),
                                      ("2022-03", "015", "operatori_pubblici", 1, 6.0, 25),
                                      ("2022-06", "013", "misto", 1, 4.0, 18)]))


def _diagrammi_outreach(b: Builder, p: _Pace) -> None:
    """1,000 contacts and 500 referrals to the cutoff; 196 outings of the outreach staff; six desks (one per
    province) from October 2020."""
    rng = b.rng
    project, province, month, seed, late = p.project, p.province, p.month, p.seed, ~p.seed
    lam = (p.pace / p.pace[seed].sum())[:, None] * P_LABOUR[None, :]
    b.add("outreach", outreach_rows(rng, project[seed], province[seed], month[seed], lam[seed], F_LABOUR,
                                    total=1000, targets={"referrals": 500}))
    b.add("outreach", outreach_rows(rng, project[late], province[late], month[late], lam[late] * 1000, F_LABOUR))
    outings = p.exactly(rng, 196)
    b.add("outreach_activity", activity(project, province, month, "unita_mobile", outings, outings))
    desk_days = np.where(month >= month_of("2020-10"), rng.integers(6, 11, len(month)), 0)
    b.add("outreach_activity", activity(project, province, month, "sportello", np.zeros(len(month)), desk_days))


def _diagrammi_services(rng: np.random.Generator, p: _Pace) -> list[pd.DataFrame]:
    """The seed's service totals to 30 September 2022, exactly (accompaniments, legal orientations, housing
    mediations, skills assessments, tutorships, L2 certifications)."""
    totals = {"accompagnamento": (901, 2.0), "orientamento_legale": (59, 1.5), "mediazione_abitativa": (33, 4.0),
              "bilancio_competenze": (85, 3.0), "inserimento_lavorativo": (83, 8.0), "certificazione_l2": (25, 6.0)}
    parts = []
    for service, (total, hours_each) in totals.items():
        people = p.exactly(rng, total)
        keep = people > 0
        hours = np.maximum(np.round(people * hours_each * rng.gamma(8.0, 1 / 8.0, len(p.month)) * 2) / 2, 0.5)
        parts.append(pd.DataFrame({"period": MONTH_CODES[p.month[keep]], "province_code": p.province[keep],
                                   "project_code": p.code, "service": service, "people": people[keep],
                                   "hours": hours[keep]}))
    return parts


def _diagrammi_courses(rng: np.random.Generator, p: _Pace) -> pd.DataFrame:
    """Language, civic and labour-rights training: 18 courses, 194 hours, 269 people to 30 September 2022."""
    course_block = rng.choice(np.nonzero(p.seed & (p.month >= month_of("2020-11")))[0], size=18, replace=False)
    course_hours = allocate(rng, 194 - 18 * 6, np.ones(18)) + 6
    course_people = allocate(rng, 269 - 18 * 8, np.ones(18)) + 8
    training = pd.DataFrame({"block": course_block, "people": course_people, "hours": course_hours})
    training = training.groupby("block", as_index=False).sum()
    blocks = training["block"].to_numpy()
    return pd.DataFrame({"period": MONTH_CODES[p.month[blocks]], "province_code": p.province[blocks],
                         "project_code": p.code, "service": "formazione_linguistica",
                         "people": training["people"].to_numpy(np.int64),
                         "hours": training["hours"].to_numpy(float)})


def sammartini(b: Builder) -> None:
    """The access point for homeless people at Milano Centrale: hundreds of contacts a month, winter
    peaks of the Piano freddo, services."""
    rng = b.rng
    code = "SAMMARTINI"
    first, last = b.project(code, "Centro Sammartini - Centro Aiuto Stazione Centrale", "ALTRO", "Comune di Milano",
                            LOTTA, dt.date(2017, 1, 1), None, None)
    province, weight, month = province_months({"015": 1.0}, first, last)
    project = np.full(len(month), code, dtype=object)
    level = 430.0 * (1 + 0.3 * winter(month)) * np.where(covid(month) < 1, 0.85, 1.0)
    lam = (level * rng.lognormal(0.0, 0.08, len(month)))[:, None] * P_HOMELESS[None, :]
    b.add("outreach", outreach_rows(rng, project, province, month, lam, F_HOMELESS))
    b.add("outreach_activity", activity(project, province, month, "sportello", np.zeros(len(month)),
                                        rng.integers(24, 27, len(month))))
    b.add("services", services(rng, project, province, month, level, {
        "accompagnamento": (0.12, 1.5), "orientamento_legale": (0.05, 1.0), "supporto_psicologico": (0.03, 1.0),
        "mediazione_abitativa": (0.04, 2.0), "altro": (0.06, 1.0),
    }))


def inside_aut(b: Builder) -> None:
    """People in individual autonomy paths after SAI and their services; training of operators."""
    rng = b.rng
    code = "INSIDE-AUT"
    first, last = b.project(code, "Inside Aut - Reti e sentieri verso l'integrazione", "FAMI", None, LOTTA,
                            dt.date(2019, 10, 1), dt.date(2022, 12, 31), "FAMI 2014-2020")
    province, weight, month = province_months({"015": 0.5, "014": 0.2, "012": 0.3}, first, last)
    project = np.full(len(month), code, dtype=object)
    in_paths = 40.0 * weight * np.clip((month - first + 1) / 6.0, 0.2, 1.0) * covid(month)
    b.add("services", services(rng, project, province, month, in_paths, {
        "accompagnamento": (0.9, 3.0), "inserimento_lavorativo": (0.35, 6.0), "tirocinio": (0.15, 70.0),
        "mediazione_abitativa": (0.30, 4.0), "formazione_professionale": (0.12, 40.0),
        "orientamento_legale": (0.15, 1.5),
    }))
    b.add("training", training_frame([("2021-06", "014", "operatori_privati", 1, 8.0, 16),
                                      ("2021-11", "012", "operatori_pubblici", 1, 6.0, 21),
                                      ("2022-05", "015", "misto", 2, 12.0, 38)]))


def reti_avellino(b: Builder) -> None:
    """The prefecture project: street proximity and a second-level desk from September 2023, services,
    courses for public and private operators."""
    rng = b.rng
    code = "RETI-AVELLINO"
    first, last = b.project(code, "RE.T.I. Avellino - Rafforzamento della governance territoriale", "FAMI",
                            "Prefettura di Avellino", None, dt.date(2023, 5, 1), dt.date(2025, 12, 31),
                            "FAMI 2021-2027")
    start_work = month_of("2023-09")  # the specialist team is in the field from September 2023
    province, weight, month = province_months({"064": 1.0}, start_work, last)
    project = np.full(len(month), code, dtype=object)
    profile = cell_profile({"unita_mobile": 0.6, "sportello": 0.4},
                           {"*": {"lavorativo": 0.6, "sessuale": 0.2, "accattonaggio": 0.04, "altro": 0.04,
                                  "non_determinato": 0.12}})
    level = 22.0 * (1 + 0.5 * harvest(month))
    lam = (level * rng.lognormal(0.0, 0.15, len(month)))[:, None] * profile[None, :]
    b.add("outreach", outreach_rows(rng, project, province, month, lam, F_TRAFFICKING))
    b.add("outreach_activity", activity(project, province, month, "unita_mobile", rng.integers(3, 7, len(month)),
                                        rng.integers(3, 6, len(month))))
    b.add("outreach_activity", activity(project, province, month, "sportello", np.zeros(len(month)),
                                        rng.integers(7, 10, len(month))))
    b.add("services", services(rng, project, province, month, level, {
        "orientamento_legale": (0.25, 1.5), "supporto_psicologico": (0.12, 1.5), "accompagnamento": (0.2, 2.0),
    }))
    b.add("training", training_frame([
        ("2024-02", "064", "operatori_pubblici", 1, 12.0, 24), ("2024-03", "064", "operatori_privati", 1, 12.0, 31),
        ("2024-04", "064", "forze_ordine", 1, 8.0, 18), ("2024-05", "064", "misto", 2, 16.0, 27),
        ("2024-10", "064", "operatori_privati", 1, 8.0, 22), ("2025-02", "064", "operatori_pubblici", 1, 12.0, 19),
        ("2025-03", "064", "misto", 1, 6.0, 35), ("2025-05", "064", "forze_ordine", 1, 8.0, 14),
    ]))
