"""Outreach cells: who is met (profiles over channel x exploitation x gender x age) and how far each step of the
referral funnel goes (contacts, new contacts, assessments, potential victims, referrals, take-ins).

``P_*`` are the profiles (probabilities of the 840 cells) and ``F_*`` the funnels of the kinds of work in the
demo: anti-trafficking outreach, labour-exploitation outreach, inclusion desks, the national hotline and the
access point for homeless people.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access.models import AGE_GROUPS, CHANNELS, EXPLOITATION, GENDERS
from demo.draws import adjust
from demo.months import MONTH_CODES, expand

_N_COMBOS = len(CHANNELS) * len(EXPLOITATION) * len(GENDERS) * len(AGE_GROUPS)
_CI = np.arange(_N_COMBOS)
_CH = _CI // (len(EXPLOITATION) * len(GENDERS) * len(AGE_GROUPS))
_EX = (_CI // (len(GENDERS) * len(AGE_GROUPS))) % len(EXPLOITATION)
_GE = (_CI // len(AGE_GROUPS)) % len(GENDERS)
_AG = _CI % len(AGE_GROUPS)
_CH_CODES = np.array(CHANNELS, dtype=object)
_EX_CODES = np.array(EXPLOITATION, dtype=object)
_GE_CODES = np.array(GENDERS, dtype=object)
_AG_CODES = np.array(AGE_GROUPS, dtype=object)

# gender (donna, uomo, transgender, non_indicato) and age (0-17, 18-25, 26-40, 41+, non_indicato) by exploitation
_GENDER_BY_EX = {
    "sessuale": (0.80, 0.06, 0.13, 0.01),
    "lavorativo": (0.15, 0.83, 0.005, 0.015),
    "accattonaggio": (0.45, 0.53, 0.0, 0.02),
    "economie_illegali": (0.15, 0.83, 0.01, 0.01),
    "matrimoni_forzati": (0.93, 0.06, 0.0, 0.01),
    "altro": (0.45, 0.52, 0.01, 0.02),
    "non_determinato": (0.35, 0.58, 0.02, 0.05),
}
_AGE_BY_EX = {
    "sessuale": (0.03, 0.34, 0.44, 0.14, 0.05),
    "lavorativo": (0.02, 0.28, 0.45, 0.22, 0.03),
    "accattonaggio": (0.08, 0.22, 0.35, 0.30, 0.05),
    "economie_illegali": (0.12, 0.50, 0.30, 0.05, 0.03),
    "matrimoni_forzati": (0.35, 0.50, 0.12, 0.02, 0.01),
    "altro": (0.05, 0.30, 0.40, 0.20, 0.05),
    "non_determinato": (0.03, 0.25, 0.38, 0.26, 0.08),
}


def cell_profile(channels: dict[str, float], exploitation: dict[str, dict[str, float]],
                 gender: dict[str, tuple] | None = None, age: dict[str, tuple] | None = None) -> np.ndarray:
    """Probabilities of the 840 channel x exploitation x gender x age cells (C order)."""
    table = np.zeros((len(CHANNELS), len(EXPLOITATION), len(GENDERS), len(AGE_GROUPS)))
    for ci, channel in enumerate(CHANNELS):
        wc = channels.get(channel, 0.0)
        if not wc:
            continue
        by_ex = exploitation.get(channel, exploitation.get("*", {}))
        for ei, form in enumerate(EXPLOITATION):
            we = by_ex.get(form, 0.0)
            if not we:
                continue
            g = np.array((gender or {}).get(form, _GENDER_BY_EX[form]), dtype=float)
            a = np.array((age or {}).get(form, _AGE_BY_EX[form]), dtype=float)
            table[ci, ei] = wc * we * np.outer(g / g.sum(), a / a.sum())
    flat = table.ravel()
    return flat / flat.sum()


P_TRAFFICKING = cell_profile(
    {"unita_mobile": 0.50, "drop_in": 0.20, "sportello": 0.10, "numero_verde": 0.06,
     "commissione_territoriale": 0.08, "altro": 0.06},
    {
        "unita_mobile": {"sessuale": 0.72, "lavorativo": 0.15, "accattonaggio": 0.06, "economie_illegali": 0.03,
                         "altro": 0.01, "non_determinato": 0.03},
        "drop_in": {"sessuale": 0.52, "lavorativo": 0.22, "accattonaggio": 0.05, "economie_illegali": 0.05,
                    "matrimoni_forzati": 0.02, "altro": 0.04, "non_determinato": 0.10},
        "sportello": {"sessuale": 0.25, "lavorativo": 0.45, "accattonaggio": 0.04, "economie_illegali": 0.06,
                      "matrimoni_forzati": 0.03, "altro": 0.05, "non_determinato": 0.12},
        "numero_verde": {"sessuale": 0.40, "lavorativo": 0.33, "accattonaggio": 0.04, "economie_illegali": 0.05,
                         "matrimoni_forzati": 0.05, "altro": 0.05, "non_determinato": 0.08},
        "commissione_territoriale": {"sessuale": 0.50, "lavorativo": 0.28, "accattonaggio": 0.02,
                                     "economie_illegali": 0.06, "matrimoni_forzati": 0.05, "altro": 0.03,
                                     "non_determinato": 0.06},
        "altro": {"sessuale": 0.35, "lavorativo": 0.35, "accattonaggio": 0.06, "economie_illegali": 0.06,
                  "matrimoni_forzati": 0.03, "altro": 0.05, "non_determinato": 0.10},
    },
)
P_LABOUR = cell_profile(
    {"unita_mobile": 0.58, "sportello": 0.38, "altro": 0.04},
    {"*": {"lavorativo": 0.90, "altro": 0.02, "non_determinato": 0.08}},
)
P_DESK = cell_profile(
    {"sportello": 0.85, "altro": 0.15},
    {"*": {"non_determinato": 0.70, "lavorativo": 0.20, "altro": 0.05, "sessuale": 0.02, "accattonaggio": 0.01,
           "economie_illegali": 0.01, "matrimoni_forzati": 0.01}},
)
P_HOTLINE = cell_profile(
    {"numero_verde": 1.0},
    {"*": {"sessuale": 0.40, "lavorativo": 0.33, "accattonaggio": 0.04, "economie_illegali": 0.05,
           "matrimoni_forzati": 0.05, "altro": 0.05, "non_determinato": 0.08}},
)
P_HOMELESS = cell_profile(
    {"sportello": 0.85, "altro": 0.15},
    {"*": {"non_determinato": 0.86, "lavorativo": 0.07, "accattonaggio": 0.03, "sessuale": 0.02,
           "economie_illegali": 0.01, "altro": 0.01}},
    gender={"non_determinato": (0.16, 0.80, 0.01, 0.03)},
    age={"non_determinato": (0.0, 0.14, 0.38, 0.44, 0.04), "lavorativo": (0.0, 0.25, 0.45, 0.27, 0.03),
         "accattonaggio": (0.0, 0.20, 0.35, 0.40, 0.05), "sessuale": (0.0, 0.35, 0.45, 0.15, 0.05),
         "economie_illegali": (0.0, 0.50, 0.40, 0.07, 0.03), "altro": (0.0, 0.30, 0.40, 0.25, 0.05)},
)


@dataclass(frozen=True)
class Funnel:
    """Probabilities of each step of the referral funnel, by channel, exploitation, gender and age."""

    new: dict[str, float]  # new contacts / contacts, by channel
    assess: dict[str, float]  # assessments / new contacts, by channel
    assess_ex: dict[str, float]  # ... times a factor by exploitation
    victim: dict[str, float]  # potential victims / assessments, by exploitation
    refer: dict[str, float]  # referrals / contacts, by channel
    take_gender: dict[str, float]  # take-ins / potential victims (or assessments), by gender
    take_age: dict[str, float]
    take_from: str = "potential_victims"

    def arrays(self) -> dict[str, np.ndarray]:
        """The probability of each step in each of the 840 cells."""
        def by(values, codes, index, default=0.0):
            return np.array([values.get(c, default) for c in codes], dtype=float)[index]

        return {
            "new": by(self.new, CHANNELS, _CH),
            "assess": np.clip(by(self.assess, CHANNELS, _CH) * by(self.assess_ex, EXPLOITATION, _EX, 1.0), 0, 1),
            "victim": by(self.victim, EXPLOITATION, _EX),
            "refer": by(self.refer, CHANNELS, _CH),
            "take": np.clip(by(self.take_gender, GENDERS, _GE) * by(self.take_age, AGE_GROUPS, _AG, 1.0), 0, 1),
        }


F_TRAFFICKING = Funnel(
    new={"unita_mobile": 0.55, "drop_in": 0.50, "sportello": 0.80, "numero_verde": 0.95,
         "commissione_territoriale": 1.0, "altro": 0.70},
    assess={"unita_mobile": 0.22, "drop_in": 0.32, "sportello": 0.40, "numero_verde": 0.45,
            "commissione_territoriale": 0.80, "altro": 0.30},
    assess_ex={"accattonaggio": 0.8, "economie_illegali": 0.9, "altro": 0.6, "non_determinato": 0.3},
    victim={"sessuale": 0.55, "lavorativo": 0.50, "accattonaggio": 0.45, "economie_illegali": 0.45,
            "matrimoni_forzati": 0.60, "altro": 0.30, "non_determinato": 0.10},
    refer={"unita_mobile": 0.05, "drop_in": 0.10, "sportello": 0.18, "numero_verde": 0.20,
           "commissione_territoriale": 0.15, "altro": 0.12},
    take_gender={"donna": 0.45, "uomo": 0.22, "transgender": 0.40, "non_indicato": 0.10},
    take_age={"0-17": 0.15, "41+": 0.8, "non_indicato": 0.5},
)
F_LABOUR = Funnel(
    new={"unita_mobile": 0.90, "sportello": 0.85, "altro": 0.90},
    assess={"unita_mobile": 0.05, "sportello": 0.12, "altro": 0.05},
    assess_ex={"non_determinato": 0.3},
    victim={"lavorativo": 0.40, "altro": 0.2, "non_determinato": 0.1},
    refer={"unita_mobile": 0.45, "sportello": 0.55, "altro": 0.45},
    take_gender={"donna": 0.30, "uomo": 0.25, "transgender": 0.3},
    take_age={"0-17": 0.1},
)
F_DESK = Funnel(
    new={"sportello": 0.65, "altro": 0.75},
    assess={"sportello": 0.06, "altro": 0.04},
    assess_ex={"non_determinato": 0.4, "lavorativo": 1.5, "sessuale": 2.0},
    victim={"sessuale": 0.4, "lavorativo": 0.3, "accattonaggio": 0.3, "economie_illegali": 0.3,
            "matrimoni_forzati": 0.4, "altro": 0.1, "non_determinato": 0.02},
    refer={"sportello": 0.30, "altro": 0.25},
    take_gender={},
    take_age={},
)
F_HOTLINE = Funnel(
    new={"numero_verde": 0.9},
    assess={"numero_verde": 0.15},
    assess_ex={"non_determinato": 0.3},
    victim={"sessuale": 0.4, "lavorativo": 0.4, "accattonaggio": 0.3, "economie_illegali": 0.3,
            "matrimoni_forzati": 0.5, "altro": 0.2, "non_determinato": 0.05},
    refer={"numero_verde": 0.5},
    take_gender={},
    take_age={},
)
F_HOMELESS = Funnel(
    new={"sportello": 0.45, "altro": 0.55},
    assess={"sportello": 0.35, "altro": 0.25},
    assess_ex={},
    victim={"sessuale": 0.4, "lavorativo": 0.25, "accattonaggio": 0.2, "economie_illegali": 0.2, "altro": 0.05,
            "non_determinato": 0.0},
    refer={"sportello": 0.35, "altro": 0.30},
    take_gender={"donna": 0.50, "uomo": 0.42, "transgender": 0.5, "non_indicato": 0.2},
    take_age={},
    take_from="assessments",
)


def outreach_rows(rng: np.random.Generator, project, province, month, lam: np.ndarray, funnel: Funnel, *,
                  total: int | None = None, targets: dict[str, int] | None = None) -> pd.DataFrame:
    """Outreach rows of blocks (project, province, month) with expected contacts ``lam`` (blocks x 840).

    Contacts are Poisson (or, with ``total``, a multinomial of exactly that many); the funnel steps are
    binomial and nested (take-ins <= potential victims <= assessments <= new contacts <= contacts). ``targets``
    moves a step's total to a given number, keeping the nesting. Only cells with contacts are kept.
    """
    if total is None:
        counts = rng.poisson(lam)
    else:
        flat = lam.ravel()
        counts = rng.multinomial(int(total), flat / flat.sum()).reshape(lam.shape)
    block, combo = np.nonzero(counts)
    steps = _funnel_steps(rng, counts[block, combo].astype(np.int64), funnel.arrays(), combo, funnel.take_from)
    _reach_targets(rng, steps, targets or {}, funnel.take_from)
    project = np.asarray(project, dtype=object)
    province = np.asarray(province, dtype=object)
    month = np.asarray(month)
    return pd.DataFrame({
        "period": MONTH_CODES[month[block]],
        "province_code": province[block],
        "project_code": project[block],
        "channel": _CH_CODES[_CH[combo]],
        "exploitation": _EX_CODES[_EX[combo]],
        "gender": _GE_CODES[_GE[combo]],
        "age_group": _AG_CODES[_AG[combo]],
        **steps,
    })


def _funnel_steps(rng: np.random.Generator, contacts: np.ndarray, p: dict[str, np.ndarray], combo: np.ndarray,
                  take_from: str) -> dict[str, np.ndarray]:
    """Each step of the funnel drawn from the one before it, cell by cell (the order of the draws is fixed)."""
    new = rng.binomial(contacts, p["new"][combo])
    assessments = rng.binomial(new, p["assess"][combo])
    victims = rng.binomial(assessments, p["victim"][combo])
    referrals = rng.binomial(contacts, p["refer"][combo])
    take_ins = rng.binomial(victims if take_from == "potential_victims" else assessments, p["take"][combo])
    return {"contacts": contacts, "new_contacts": new, "assessments": assessments, "potential_victims": victims,
            "referrals": referrals, "take_ins": take_ins}


def _reach_targets(rng: np.random.Generator, steps: dict[str, np.ndarray], targets: dict[str, int],
                   take_from: str) -> None:
    """Move the totals of the targeted steps to their targets (in funnel order), each step kept within the one
    it comes from."""
    if "new_contacts" in targets:
        steps["new_contacts"] = adjust(rng, steps["new_contacts"], steps["contacts"], targets["new_contacts"])
        steps["assessments"] = np.minimum(steps["assessments"], steps["new_contacts"])
    if "assessments" in targets:
        steps["assessments"] = adjust(rng, steps["assessments"], steps["new_contacts"], targets["assessments"])
        steps["potential_victims"] = np.minimum(steps["potential_victims"], steps["assessments"])
    if "potential_victims" in targets:
        steps["potential_victims"] = adjust(rng, steps["potential_victims"], steps["assessments"],
                                            targets["potential_victims"])
    if "referrals" in targets:
        steps["referrals"] = adjust(rng, steps["referrals"], steps["contacts"], targets["referrals"])
    source = steps[take_from]
    steps["take_ins"] = np.minimum(steps["take_ins"], source)
    if "take_ins" in targets:
        steps["take_ins"] = adjust(rng, steps["take_ins"], source, targets["take_ins"])


def province_months(provinces: dict[str, float], first: int, last: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(province, weight, month) for every province and month of a window."""
    codes = np.array(list(provinces), dtype=object)
    weights = np.array(list(provinces.values()), dtype=float)
    slot, month = expand(np.full(len(codes), first), np.full(len(codes), last))
    return codes[slot], weights[slot], month
