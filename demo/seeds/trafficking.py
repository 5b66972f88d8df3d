"""Anti-trafficking in the seeds: Derive e Approdi and Mettiamo le ali (Lombardy, avviso 5), N.A.V.I.G.A.Re
(Veneto) with its published totals, and Gruppo Polis in Padova (an N.A.Ve apartment and FAMI inclusion desks)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from demo.builder import Builder
from demo.capacity import capacity, slot_frame
from demo.months import covid
from demo.network import training_frame
from demo.outreach import (
    F_DESK,
    F_TRAFFICKING,
    P_DESK,
    P_TRAFFICKING,
    Funnel,
    cell_profile,
    outreach_rows,
    province_months,
)
from demo.seeds.bodies import LOTTA, POLIS
from demo.services import activity, services

_DERIVE_PROVINCES = {"015": 0.55, "012": 0.13, "013": 0.11, "108": 0.13, "014": 0.08}
_VENETO_PROVINCES = {"027": 0.22, "028": 0.20, "023": 0.20, "024": 0.13, "026": 0.14, "029": 0.05, "025": 0.06}


def derive_e_approdi(b: Builder) -> None:
    """Mobile units and drop-ins in five provinces, 7 apartments, services and training (avviso 5)."""
    rng = b.rng
    code = "DERIVE-APPRODI"
    first, last = b.project(code, "Derive e Approdi - aree di libertà e diritti per vittime di tratta e sfruttamento",
                            "ANTITRATTA", "Comune di Milano", LOTTA, dt.date(2022, 10, 1), dt.date(2024, 2, 28),
                            "avviso-5")
    b.covered += [(p, first, last) for p in _DERIVE_PROVINCES]
    province, weight, month = province_months(_DERIVE_PROVINCES, first, last)
    lam = (400.0 * weight * rng.lognormal(0.0, 0.12, len(month)))[:, None] * P_TRAFFICKING[None, :]
    project = np.full(len(month), code, dtype=object)
    b.add("outreach", outreach_rows(rng, project, province, month, lam, F_TRAFFICKING))
    # One mobile unit and one drop-in per province (Milano's unit goes out most evenings).
    outings = rng.poisson(np.where(province == "015", 22, 10))
    b.add("outreach_activity", activity(project, province, month, "unita_mobile", outings,
                                        np.maximum(outings - rng.poisson(1.5, len(month)), 1)))
    b.add("outreach_activity", activity(project, province, month, "drop_in", np.zeros(len(month)),
                                        rng.integers(12, 21, len(month))))
    b.add("capacity", capacity(rng, _derive_apartments(code, first, last), sd=0.12))
    b.add("services", services(rng, project, province, month, 40.0 * weight, {
        "supporto_psicologico": (0.25, 1.5), "orientamento_legale": (0.30, 1.5), "accompagnamento": (0.45, 2.0),
        "formazione_linguistica": (0.20, 10.0), "inserimento_lavorativo": (0.08, 6.0), "tirocinio": (0.04, 60.0),
    }))
    b.add("training", training_frame([("2023-03", "015", "forze_ordine", 1, 6.0, 28),
                                      ("2023-05", "012", "operatori_privati", 1, 8.0, 20),
                                      ("2023-11", "108", "operatori_pubblici", 1, 6.0, 17),
                                      ("2024-01", "013", "operatori_privati", 1, 4.0, 15)]))


def _derive_apartments(code: str, first: int, last: int) -> pd.DataFrame:
    """7 apartments, a handful of places each; never a comune for anti-trafficking shelters."""
    shelters = slot_frame([(None, "donne", 2, 9), (None, "uomini", 1, 4)], code, "015", first, last, 0.8)
    for prov, tg, places in (("013", "donne", 4), ("108", "lgbtqia", 3), ("014", "donne", 4), ("012", "uomini", 4)):
        shelters = pd.concat([shelters, slot_frame([(None, tg, 1, places)], code, prov, first, last, 0.75)],
                             ignore_index=True)
    return shelters


def mettiamo_le_ali(b: Builder) -> None:
    """Contact units and assessment in Brescia (avviso 5): no take-ins of its own."""
    rng = b.rng
    code = "METTIAMO-ALI-BS"
    first, last = b.project(code, "Mettiamo le ali - Dall'emersione all'integrazione (Brescia)", "ANTITRATTA",
                            "Associazione Lule Onlus", LOTTA, dt.date(2022, 10, 1), dt.date(2024, 2, 28), "avviso-5")
    b.covered.append(("017", first, last))
    province, weight, month = province_months({"017": 1.0}, first, last)
    # Contact units on the street and indoor (web-based prostitution, channel "altro"), and assessment.
    profile = cell_profile({"unita_mobile": 0.55, "altro": 0.35, "sportello": 0.10},
                           {"unita_mobile": {"sessuale": 0.6, "lavorativo": 0.25, "accattonaggio": 0.08,
                                             "economie_illegali": 0.05, "non_determinato": 0.02},
                            "altro": {"sessuale": 0.9, "non_determinato": 0.1},
                            "sportello": {"sessuale": 0.35, "lavorativo": 0.45, "non_determinato": 0.2}})
    lam = (45.0 * rng.lognormal(0.0, 0.15, len(month)))[:, None] * profile[None, :]
    project = np.full(len(month), code, dtype=object)
    funnel = Funnel(**{**F_TRAFFICKING.__dict__, "take_gender": {"donna": 0.0}})  # contact and assessment only
    b.add("outreach", outreach_rows(rng, project, province, month, lam, funnel))
    b.add("outreach_activity", activity(project, province, month, "unita_mobile", rng.poisson(9, len(month)),
                                        rng.poisson(8, len(month))))


def navigare(b: Builder) -> None:
    """The Veneto project: 2,500 contacts, 600 assessments, 150 take-ins (each near the seed's figure), shelters,
    services."""
    rng = b.rng
    code = "NAVIGARE"
    first, last = b.project(code, "N.A.V.I.G.A.Re - Network Antitratta Veneto Intersezioni Governance Azioni "
                            "Regionali", "ANTITRATTA", "Regione del Veneto",
                            "Equality Cooperativa Sociale (capofila ATS degli enti attuatori)", dt.date(2021, 7, 1),
                            dt.date(2022, 9, 30), "bando-4-2021")
    b.covered += [(p, first, last) for p in _VENETO_PROVINCES]
    province, weight, month = province_months(_VENETO_PROVINCES, first, last)
    project = np.full(len(month), code, dtype=object)
    lam = (weight * rng.lognormal(0.0, 0.12, len(month)))[:, None] * P_TRAFFICKING[None, :]

    def near(value: int) -> int:
        return int(round(value * rng.uniform(0.98, 1.02)))

    targets = {"assessments": near(600), "potential_victims": near(330), "take_ins": near(150)}
    b.add("outreach", outreach_rows(rng, project, province, month, lam, F_TRAFFICKING, total=near(2500),
                                    targets=targets))
    outings = rng.poisson(weight * 60)
    b.add("outreach_activity", activity(project, province, month, "unita_mobile", outings,
                                        np.maximum(outings - rng.poisson(2, len(month)), 0)))
    b.add("outreach_activity", activity(project, province, month, "drop_in", np.zeros(len(month)),
                                        np.where(weight >= 0.13, rng.integers(8, 17, len(month)), 0)))
    b.add("capacity", capacity(rng, _navigare_shelters(code, first, last), sd=0.1))
    b.add("services", services(rng, project, province, month, 60.0 * weight, {
        "supporto_psicologico": (0.25, 1.5), "orientamento_legale": (0.30, 1.5), "accompagnamento": (0.45, 2.0),
        "formazione_linguistica": (0.25, 10.0), "formazione_professionale": (0.06, 30.0),
        "inserimento_lavorativo": (0.08, 6.0), "tirocinio": (0.05, 60.0), "mediazione_abitativa": (0.05, 4.0),
    }))
    b.add("training", training_frame([("2022-02", "027", "forze_ordine", 1, 6.0, 26),
                                      ("2022-04", "028", "operatori_pubblici", 1, 8.0, 31),
                                      ("2022-05", "023", "misto", 1, 6.0, 24)]))


def _navigare_shelters(code: str, first: int, last: int) -> pd.DataFrame:
    """Shelters in every Veneto province (no comune)."""
    shelters = []
    for prov, rows in {"027": [("donne", 2, 9), ("uomini", 1, 5)], "028": [("donne", 2, 9)],
                       "023": [("donne", 2, 8), ("lgbtqia", 1, 4)], "024": [("donne", 2, 9)],
                       "026": [("donne", 1, 5), ("uomini", 1, 4)], "029": [("donne", 1, 4)],
                       "025": [("misto", 1, 4)]}.items():
        shelters.append(slot_frame([(None, *r) for r in rows], code, prov, first, last, 0.8))
    return pd.concat(shelters, ignore_index=True)


def nave_polis_padova(b: Builder) -> None:
    """Gruppo Polis's micro-apartment in the N.A.Ve network: 1 structure, 4 places for women."""
    rng = b.rng
    first, last = b.project("NAVE-POLIS-PD", "N.A.Ve - Appartamento per vittime di tratta (Padova)", "ANTITRATTA",
                            "Comune di Venezia", POLIS, dt.date(2016, 9, 1), None, None)
    apartment = slot_frame([(None, "donne", 1, 4)], "NAVE-POLIS-PD", "028", first, last, 0.65)
    b.add("capacity", capacity(rng, apartment, sd=0.18))


def fami_polis_padova(b: Builder) -> None:
    """Gruppo Polis's FAMI inclusion desks in Padova: contacts, opening days, services."""
    rng = b.rng
    code = "FAMI-POLIS-PD"
    first, last = b.project(code, "Sportelli per l'inclusione - Padova (FAMI)", "FAMI", None, POLIS,
                            dt.date(2019, 1, 1), None, "FAMI")
    province, weight, month = province_months({"028": 1.0}, first, last)
    project = np.full(len(month), code, dtype=object)
    lam = (35.0 * covid(month) * rng.lognormal(0.0, 0.15, len(month)))[:, None] * P_DESK[None, :]
    b.add("outreach", outreach_rows(rng, project, province, month, lam, F_DESK))
    b.add("outreach_activity", activity(project, province, month, "sportello", np.zeros(len(month)),
                                        np.round(rng.integers(7, 11, len(month)) * covid(month))))
    b.add("services", services(rng, project, province, month, 35.0 * covid(month), {
        "orientamento_legale": (0.20, 1.0), "accompagnamento": (0.12, 2.0), "formazione_linguistica": (0.08, 12.0),
    }))
