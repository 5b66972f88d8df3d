"""Demo data: believable, deterministic, never real people.

Two scales, both from ``generate(scale, seed)`` (numpy ``default_rng(seed)`` only: same scale and seed, same
frames):

``seeds``
    The organisations of the seed pages and DOMAIN.md, with their territories, structures and the totals they
    publish; small monthly counts where reality has them. Months run from 2019-01 to 2025-12, each project only
    inside its own dates.

``national``
    A superset of ``seeds`` (the same rows first, drawn from the same generator state) plus every province: SAI
    projects (ordinari, MSNA, DM-DS) in proportion to population (~800 projects, ~41,000 places in 2024), one
    CAS per prefecture following the national curve of 2019-2025, 21 regional anti-trafficking projects (one per
    region, Trento and Bolzano apart) with outreach, shelters, services and training, 21 regional FAMI networks
    of desks, the national Numero Verde Antitratta and prefecture working tables. More than a million
    person-count rows: the benchmark size.

Seeds projects (code: programme, provinces, months):

* ``SAI-SONDRIO``: SAI, 014, 2019-01..2025-12 (since Feb 2014). 11 structures and 47 places every month in
  seven rows (uomini, nuclei, donne, monoparentali) in Sondrio, Tirano, Morbegno, Chiavenna and Ponte in
  Valtellina; presences 40-46.
* ``SAI-NOVATE``: SAI, 015 (Novate Milanese), 2019-01..2025-12 (since Sep 2016). 5 structures, 16 places.
* ``SAI-CINISELLO``: SAI, 015 (Cinisello Balsamo), 2019-01..2025-12 (since Sep 2018). 4 structures, 15 places.
* ``SAI-BESOZZO``: SAI, 012 (Besozzo 012013, Comerio 012055), 2019-01..2025-12. 3 structures; 36 places to
  2020-12, 13 from 2021-01.
* ``CAS-MILANO``, ``CAS-VARESE``: CAS, 015 / 012, 2019-01..2025-12, places following the national CAS curve.
* ``DERIVE-APPRODI``: ANTITRATTA (avviso-5), 013 015 108 014 012, 2022-10..2024-02: mobile units and drop-ins
  (outreach, outings, opening days), 7 apartments (28 places, no comune), services, training.
* ``METTIAMO-ALI-BS``: ANTITRATTA (avviso-5), 017, 2022-10..2024-02: contact units and assessments.
* ``DIAGRAMMI-NORD``: FAMI, 017 013 015 108 014 012, 2020-08..2022-12 (Avviso 1/2019, started August 2020,
  about 30 months). Totals from 2020-08 to 2022-09 are the seed's: 196 outings of the outreach staff, 1,000
  contacts (about 500 regular residents plus about 500 undocumented people), 500 referrals (the undocumented
  people oriented to other services), 901 accompaniments, 59 legal orientations, 33 housing mediations, 85
  skills assessments, 83 tutorships, 25 L2 certifications, 194 hours of training to 269 people; October to
  December 2022 continue at the same pace.
* ``NAVIGARE``: ANTITRATTA, Veneto (023 024 025 026 027 028 029), 2021-07..2022-09: 2,500 contacts, 600
  assessments, 150 take-ins (each within 3% whatever the seed); shelters, services, training.
* ``NAVE-POLIS-PD``: ANTITRATTA, 028, 2019-01..2025-12: Gruppo Polis's micro-apartment in the N.A.Ve network
  (1 structure, 4 places, presences 0-4, target group donne).
* ``FAMI-POLIS-PD``: FAMI, 028, 2019-01..2025-12: inclusion desks (contacts, services, opening days).
* ``SAMMARTINI``: ALTRO, 015, 2019-01..2025-12: access point for homeless people (hundreds of contacts a month,
  assessments, take-ins; winter peaks of the Piano freddo).
* ``INSIDE-AUT``: FAMI, 015 014 012, 2019-10..2022-12: people in individual autonomy paths and their services.
* ``RETI-AVELLINO``: FAMI, 064, 2023-05..2025-12: street proximity and second-level desk, services, courses for
  operators; the Avellino working table (members, meetings, a Piano di intervento locale of 14 actions in every
  status, some overdue).
* Working tables with members, meetings and actions also for Milano (015) and Padova (028).

Decisions where the seeds are ambiguous (also in the report to the lead):

* Besozzo's ISTAT code is 012013 (012012 is Besnate).
* NAVIGARE's territory: seed 002 names none; its figures (2,500 / 600 / 150) match the Veneto project
  N.A.V.I.G.A.Re (capofila Regione del Veneto, Bando 4/2021 from 1 July 2021, about 2,560 contacts and 141
  take-ins in its first 14 months), so it is Veneto, 2021-07..2022-09. The 600 "programmi individualizzati di
  assistenza di prossimità" are ``assessments`` (the middle step between contact and take-in, as N.A.Ve's 364
  assessments between 2,214 contacts and 94 programmes).
* DIAGRAMMI Nord is FAMI (the seed cites the FAMI fund); the 83 tutorships "verso l'autonomia e il lavoro
  regolare" are ``inserimento_lavorativo``; the 194 hours to 269 people trained beneficiaries (language, civic,
  labour rights), so they are ``services`` (formazione_linguistica, people and hours) rather than the
  ``training`` table, which is for operators; the project's training of inspectors, unions and farms is in
  ``training``.
* Mettiamo le ali is ANTITRATTA (DPO avviso 5); only its Brescia activity is in the seed, so only Brescia.
* RE.T.I. Avellino (a prefecture project on governance and vulnerabilities) is FAMI; its dates are not in the
  seed (2023-05..2025-12 assumed).
* Inside Aut: FAMI 2014-2020, dates not in the seed (2019-10..2022-12 assumed).
* National regional anti-trafficking projects do not report where and when a seed project covers the same
  territory (Lombardy during avviso 5, Veneto during NAVIGARE), so regional totals are not counted twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access.models import AGE_GROUPS, CHANNELS, EXPLOITATION, GENDERS, PROJECT_COLUMNS, TABLES
from data_access.reference import reference_frames

SCALES = ("seeds", "national")
MONTHS: tuple[str, ...] = tuple(f"{y}-{m:02d}" for y in range(2019, 2026) for m in range(1, 13))
N_MONTHS = len(MONTHS)
_MONTHS = np.array(MONTHS, dtype=object)
_MONTH_INDEX = {key: i for i, key in enumerate(MONTHS)}

_INT_COLUMNS = {
    "structures", "places", "occupied", "contacts", "new_contacts", "assessments", "potential_victims",
    "referrals", "take_ins", "outings", "opening_days", "people", "participants", "courses",
    "organisations_present", "decisions",
}
_FLOAT_COLUMNS = {"hours"}
_OBJECT_COLUMNS = {"municipality_code", "joined", "left", "date", "due_date", "completed_date"}

LOTTA = "Cooperativa Lotta contro l'emarginazione"
POLIS = "Gruppo Polis Società Cooperativa Sociale"


@dataclass
class DemoData:
    """Projects and fact tables ready for :func:`data_access.loading.load`."""

    projects: pd.DataFrame
    frames: dict[str, pd.DataFrame]

    def rows(self) -> int:
        """Total fact rows (every table, projects excluded)."""
        return sum(len(frame) for frame in self.frames.values())


# --- Months ---------------------------------------------------------------------------------------------------
def _mi(year: int, month: int) -> int:
    return (year - 2019) * 12 + month - 1


def _mi_of(key: str) -> int:
    return _mi(int(key[:4]), int(key[5:7]))


def _window(start: dt.date, end: dt.date | None) -> tuple[int, int]:
    first = max(0, _mi(start.year, start.month))
    last = N_MONTHS - 1 if end is None else min(N_MONTHS - 1, _mi(end.year, end.month))
    return first, last


def _calendar_month(month: np.ndarray) -> np.ndarray:
    return month % 12 + 1


def _covid(month: np.ndarray) -> np.ndarray:
    """Street and desk work in the 2020 lockdowns."""
    factor = np.ones(len(month))
    for key, value in (("2020-03", 0.35), ("2020-04", 0.4), ("2020-05", 0.65), ("2020-06", 0.85),
                       ("2020-11", 0.8), ("2020-12", 0.85), ("2021-01", 0.9)):
        factor[month == _mi_of(key)] = value
    return factor


def _harvest(month: np.ndarray) -> np.ndarray:
    """Seasonal labour in agriculture (June to October)."""
    return np.isin(_calendar_month(month), (6, 7, 8, 9, 10)).astype(float)


def _winter(month: np.ndarray) -> np.ndarray:
    """The Piano freddo (November to March)."""
    return np.isin(_calendar_month(month), (11, 12, 1, 2, 3)).astype(float)


def _expand(first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(slot index, month index) for every month of every slot's inclusive window."""
    first = np.asarray(first, dtype=np.int64)
    last = np.asarray(last, dtype=np.int64)
    lens = np.maximum(last - first + 1, 0)
    slot = np.repeat(np.arange(len(first)), lens)
    starts = np.repeat(np.cumsum(lens) - lens, lens)
    month = np.arange(int(lens.sum())) - starts + first[slot]
    return slot, month


def _ar(rng: np.random.Generator, n: int, phi: float = 0.85) -> np.ndarray:
    """n AR(1) series over the months, unit variance."""
    shocks = rng.normal(0.0, np.sqrt(1 - phi**2), size=(n, N_MONTHS))
    out = np.empty_like(shocks)
    out[:, 0] = rng.normal(0.0, 1.0, size=n)
    for t in range(1, N_MONTHS):
        out[:, t] = phi * out[:, t - 1] + shocks[:, t]
    return out


def _adjust(rng: np.random.Generator, values: np.ndarray, cap: np.ndarray, target: int) -> np.ndarray:
    """Move the total of ``values`` to ``target`` by whole units, keeping 0 <= values <= cap."""
    values = values.astype(np.int64)
    total = int(values.sum())
    if target > total:
        room = np.maximum(cap.astype(np.int64) - values, 0)
        need = min(target - total, int(room.sum()))
        if need:
            values = values + rng.multivariate_hypergeometric(room, need)
    elif target < total:
        values = values - rng.multivariate_hypergeometric(values, total - target)
    return values


def _allocate(rng: np.random.Generator, total: int, weights: np.ndarray) -> np.ndarray:
    weights = np.asarray(weights, dtype=float)
    return rng.multinomial(int(total), weights / weights.sum())


def _col(values) -> pd.Series:
    return pd.Series(values, dtype=object)


def _date(key: str, day: int = 1) -> dt.date:
    return dt.date(int(key[:4]), int(key[5:7]), day)


def _weekday_in(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth (1-based) given weekday (0 = Monday) of a month."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


# --- Outreach cells: profiles and funnels ---------------------------------------------------------------------
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


def _profile(channels: dict[str, float], exploitation: dict[str, dict[str, float]],
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


_P_TRAFFICKING = _profile(
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
_P_LABOUR = _profile(
    {"unita_mobile": 0.58, "sportello": 0.38, "altro": 0.04},
    {"*": {"lavorativo": 0.90, "altro": 0.02, "non_determinato": 0.08}},
)
_P_DESK = _profile(
    {"sportello": 0.85, "altro": 0.15},
    {"*": {"non_determinato": 0.70, "lavorativo": 0.20, "altro": 0.05, "sessuale": 0.02, "accattonaggio": 0.01,
           "economie_illegali": 0.01, "matrimoni_forzati": 0.01}},
)
_P_HOTLINE = _profile(
    {"numero_verde": 1.0},
    {"*": {"sessuale": 0.40, "lavorativo": 0.33, "accattonaggio": 0.04, "economie_illegali": 0.05,
           "matrimoni_forzati": 0.05, "altro": 0.05, "non_determinato": 0.08}},
)
_P_HOMELESS = _profile(
    {"sportello": 0.85, "altro": 0.15},
    {"*": {"non_determinato": 0.86, "lavorativo": 0.07, "accattonaggio": 0.03, "sessuale": 0.02,
           "economie_illegali": 0.01, "altro": 0.01}},
    gender={"non_determinato": (0.16, 0.80, 0.01, 0.03)},
    age={"non_determinato": (0.0, 0.14, 0.38, 0.44, 0.04), "lavorativo": (0.0, 0.25, 0.45, 0.27, 0.03),
         "accattonaggio": (0.0, 0.20, 0.35, 0.40, 0.05), "sessuale": (0.0, 0.35, 0.45, 0.15, 0.05),
         "economie_illegali": (0.0, 0.50, 0.40, 0.07, 0.03), "altro": (0.0, 0.30, 0.40, 0.25, 0.05)},
)


@dataclass(frozen=True)
class _Funnel:
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
        def by(values, codes, index, default=0.0):
            return np.array([values.get(c, default) for c in codes], dtype=float)[index]

        return {
            "new": by(self.new, CHANNELS, _CH),
            "assess": np.clip(by(self.assess, CHANNELS, _CH) * by(self.assess_ex, EXPLOITATION, _EX, 1.0), 0, 1),
            "victim": by(self.victim, EXPLOITATION, _EX),
            "refer": by(self.refer, CHANNELS, _CH),
            "take": np.clip(by(self.take_gender, GENDERS, _GE) * by(self.take_age, AGE_GROUPS, _AG, 1.0), 0, 1),
        }


_F_TRAFFICKING = _Funnel(
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
_F_LABOUR = _Funnel(
    new={"unita_mobile": 0.90, "sportello": 0.85, "altro": 0.90},
    assess={"unita_mobile": 0.05, "sportello": 0.12, "altro": 0.05},
    assess_ex={"non_determinato": 0.3},
    victim={"lavorativo": 0.40, "altro": 0.2, "non_determinato": 0.1},
    refer={"unita_mobile": 0.45, "sportello": 0.55, "altro": 0.45},
    take_gender={"donna": 0.30, "uomo": 0.25, "transgender": 0.3},
    take_age={"0-17": 0.1},
)
_F_DESK = _Funnel(
    new={"sportello": 0.65, "altro": 0.75},
    assess={"sportello": 0.06, "altro": 0.04},
    assess_ex={"non_determinato": 0.4, "lavorativo": 1.5, "sessuale": 2.0},
    victim={"sessuale": 0.4, "lavorativo": 0.3, "accattonaggio": 0.3, "economie_illegali": 0.3,
            "matrimoni_forzati": 0.4, "altro": 0.1, "non_determinato": 0.02},
    refer={"sportello": 0.30, "altro": 0.25},
    take_gender={},
    take_age={},
)
_F_HOTLINE = _Funnel(
    new={"numero_verde": 0.9},
    assess={"numero_verde": 0.15},
    assess_ex={"non_determinato": 0.3},
    victim={"sessuale": 0.4, "lavorativo": 0.4, "accattonaggio": 0.3, "economie_illegali": 0.3,
            "matrimoni_forzati": 0.5, "altro": 0.2, "non_determinato": 0.05},
    refer={"numero_verde": 0.5},
    take_gender={},
    take_age={},
)
_F_HOMELESS = _Funnel(
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

_OUTREACH_ORDER = ("contacts", "new_contacts", "assessments", "potential_victims", "referrals", "take_ins")


def _outreach(rng: np.random.Generator, project, province, month, lam: np.ndarray, funnel: _Funnel, *,
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
    contacts = counts[block, combo].astype(np.int64)
    p = funnel.arrays()
    new = rng.binomial(contacts, p["new"][combo])
    assessments = rng.binomial(new, p["assess"][combo])
    victims = rng.binomial(assessments, p["victim"][combo])
    referrals = rng.binomial(contacts, p["refer"][combo])
    source = victims if funnel.take_from == "potential_victims" else assessments
    take_ins = rng.binomial(source, p["take"][combo])
    targets = targets or {}
    if "new_contacts" in targets:
        new = _adjust(rng, new, contacts, targets["new_contacts"])
        assessments = np.minimum(assessments, new)
    if "assessments" in targets:
        assessments = _adjust(rng, assessments, new, targets["assessments"])
        victims = np.minimum(victims, assessments)
    if "potential_victims" in targets:
        victims = _adjust(rng, victims, assessments, targets["potential_victims"])
    if "referrals" in targets:
        referrals = _adjust(rng, referrals, contacts, targets["referrals"])
    source = victims if funnel.take_from == "potential_victims" else assessments
    take_ins = np.minimum(take_ins, source)
    if "take_ins" in targets:
        take_ins = _adjust(rng, take_ins, source, targets["take_ins"])
    project = np.asarray(project, dtype=object)
    province = np.asarray(province, dtype=object)
    month = np.asarray(month)
    return pd.DataFrame({
        "period": _MONTHS[month[block]],
        "province_code": province[block],
        "project_code": project[block],
        "channel": _CH_CODES[_CH[combo]],
        "exploitation": _EX_CODES[_EX[combo]],
        "gender": _GE_CODES[_GE[combo]],
        "age_group": _AG_CODES[_AG[combo]],
        "contacts": contacts,
        "new_contacts": new,
        "assessments": assessments,
        "potential_victims": victims,
        "referrals": referrals,
        "take_ins": take_ins,
    })


def _blocks(provinces: dict[str, float], first: int, last: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(province, weight, month) for every province and month of a window."""
    codes = np.array(list(provinces), dtype=object)
    weights = np.array(list(provinces.values()), dtype=float)
    slot, month = _expand(np.full(len(codes), first), np.full(len(codes), last))
    return codes[slot], weights[slot], month


# --- Capacity ---------------------------------------------------------------------------------------------
def _capacity(rng: np.random.Generator, slots: pd.DataFrame, *, sd: float = 0.04,
              overflow: float = 0.0) -> pd.DataFrame:
    """Monthly capacity rows of slots with constant structures and places over [first, last].

    ``slots``: project_code, province_code, municipality_code, target_group, structures, places, first, last,
    rate (mean occupancy). Presences are binomial around an AR(1) occupancy rate; with ``overflow`` a full row
    rarely takes one or two people more (a family with a newborn, an emergency placement).
    """
    slot, month = _expand(slots["first"].to_numpy(), slots["last"].to_numpy())
    places = slots["places"].to_numpy(np.int64)[slot]
    structures = slots["structures"].to_numpy(np.int64)[slot]
    return _capacity_rows(rng, slots, slot, month, structures, places, slots["rate"].to_numpy(float), sd, overflow)


def _capacity_rows(rng, slots, slot, month, structures, places, rate, sd, overflow) -> pd.DataFrame:
    noise = _ar(rng, len(slots))
    occupancy = np.clip(rate[slot] + sd * noise[slot, month], 0.05, 1.0)
    occupied = rng.binomial(places, occupancy)
    if overflow:
        extra = (rng.random(len(occupied)) < overflow) & (occupied == places) & (places >= 4)
        occupied = occupied + extra * (1 + (rng.random(len(occupied)) < 0.2))
    return pd.DataFrame({
        "period": _MONTHS[month],
        "province_code": slots["province_code"].to_numpy(object)[slot],
        "municipality_code": slots["municipality_code"].to_numpy(object)[slot],
        "project_code": slots["project_code"].to_numpy(object)[slot],
        "target_group": slots["target_group"].to_numpy(object)[slot],
        "structures": structures,
        "places": places,
        "occupied": occupied.astype(np.int64),
    })


def _fix_presences(rng: np.random.Generator, frame: pd.DataFrame, centre: np.ndarray, low: int, high: int,
                   sd: float) -> pd.DataFrame:
    """Presences of one project with a monthly total between low and high, spread over its rows."""
    frame = frame.copy()
    month = frame["period"].map(_MONTH_INDEX).to_numpy()
    noise = _ar(rng, 1, phi=0.7)[0] * sd
    occupied = np.zeros(len(frame), dtype=np.int64)
    places = frame["places"].to_numpy(np.int64)
    for m in np.unique(month):
        rows = np.nonzero(month == m)[0]
        total = int(np.clip(round(centre[m] + noise[m]), low, min(high, places[rows].sum())))
        occupied[rows] = rng.multivariate_hypergeometric(places[rows], total)
    frame["occupied"] = occupied
    return frame


def _slots(rows: list[tuple], project: str, province: str, first: int, last: int, rate: float) -> pd.DataFrame:
    """Slots from (municipality, target group, structures, places) tuples."""
    return pd.DataFrame({
        "project_code": project, "province_code": province,
        "municipality_code": _col([r[0] for r in rows]), "target_group": [r[1] for r in rows],
        "structures": [r[2] for r in rows], "places": [r[3] for r in rows],
        "first": first, "last": last, "rate": rate,
    })


# --- Services, activity, training ---------------------------------------------------------------------------
def _services(rng: np.random.Generator, project, province, month, intensity: np.ndarray,
              rates: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """Services of blocks: people ~ Poisson(intensity x rate), hours ~ people x hours per person."""
    parts = []
    project = np.asarray(project, dtype=object)
    province = np.asarray(province, dtype=object)
    month = np.asarray(month)
    for service, (rate, hours_each) in rates.items():
        people = rng.poisson(intensity * rate)
        keep = np.nonzero(people)[0]
        n = people[keep]
        hours = np.round(n * hours_each * rng.gamma(8.0, 1 / 8.0, size=len(keep)) * 2) / 2
        parts.append(pd.DataFrame({
            "period": _MONTHS[month[keep]], "province_code": province[keep], "project_code": project[keep],
            "service": service, "people": n.astype(np.int64), "hours": np.maximum(hours, 0.5),
        }))
    return pd.concat(parts, ignore_index=True)


def _activity(project, province, month, channel: str, outings, opening_days) -> pd.DataFrame:
    outings = np.asarray(outings, dtype=np.int64)
    opening_days = np.asarray(opening_days, dtype=np.int64)
    keep = (outings > 0) | (opening_days > 0)
    return pd.DataFrame({
        "period": _MONTHS[np.asarray(month)[keep]],
        "province_code": np.asarray(province, dtype=object)[keep],
        "project_code": np.asarray(project, dtype=object)[keep],
        "channel": channel, "outings": outings[keep], "opening_days": opening_days[keep],
    })


def _training(rows: list[tuple]) -> pd.DataFrame:
    """Training from (period, province, audience, courses, hours, participants) tuples."""
    return pd.DataFrame(rows, columns=["period", "province_code", "audience", "courses", "hours", "participants"])


# --- The builder ----------------------------------------------------------------------------------------------
class _Builder:
    def __init__(self, rng: np.random.Generator, ref: dict[str, pd.DataFrame]):
        self.rng = rng
        self.ref = ref
        self.projects: list[dict] = []
        self.windows: dict[str, tuple[int, int]] = {}
        self.parts: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
        self.covered: list[tuple[str, int, int]] = []  # (province, first, last) of seed anti-trafficking projects

    def project(self, code: str, name: str, programme: str, lead: str | None, managing: str | None,
                start: dt.date, end: dt.date | None = None, call: str | None = None) -> tuple[int, int]:
        self.projects.append({"project_code": code, "name": name, "programme": programme, "lead_body": lead,
                              "managing_body": managing, "start_date": start, "end_date": end,
                              "funding_call": call})
        self.windows[code] = _window(start, end)
        return self.windows[code]

    def add(self, table: str, frame: pd.DataFrame) -> None:
        if len(frame):
            self.parts[table].append(frame)

    def finish(self) -> DemoData:
        frames = {}
        for name, spec in TABLES.items():
            columns = list(spec.columns)
            parts = self.parts[name]
            frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
            if name == "training":
                frame = frame.groupby(["period", "province_code", "audience"], as_index=False, sort=False)[
                    ["courses", "hours", "participants"]].sum()
            frame = frame[columns].copy()
            for column in columns:
                if column in _INT_COLUMNS:
                    frame[column] = frame[column].astype(np.int64)
                elif column in _FLOAT_COLUMNS:
                    frame[column] = frame[column].astype(float)
                elif column in _OBJECT_COLUMNS:
                    values = frame[column].astype(object)
                    frame[column] = values.where(values.notna(), None)
                else:
                    frame[column] = frame[column].astype("str")
            frames[name] = frame.reset_index(drop=True)
        projects = pd.DataFrame(self.projects, columns=list(PROJECT_COLUMNS), dtype=object)
        return DemoData(projects=projects, frames=frames)


# --- Seeds scale ----------------------------------------------------------------------------------------------
_DERIVE_PROVINCES = {"015": 0.55, "012": 0.13, "013": 0.11, "108": 0.13, "014": 0.08}
_DIAGRAMMI_PROVINCES = {"015": 0.30, "017": 0.22, "012": 0.14, "013": 0.12, "108": 0.12, "014": 0.10}
_VENETO_PROVINCES = {"027": 0.22, "028": 0.20, "023": 0.20, "024": 0.13, "026": 0.14, "029": 0.05, "025": 0.06}


def _seed_sai(b: _Builder) -> None:
    rng = b.rng
    first, last = b.project("SAI-SONDRIO", "SAI Provincia di Sondrio (con accorpamento del SAI di Tirano)", "SAI",
                            "Provincia di Sondrio", f"{LOTTA} (ATI con Associazione Il Gabbiano)",
                            dt.date(2014, 2, 1), None, "FNPSA")
    sondrio = _slots([("014061", "uomini", 3, 14), ("014061", "nuclei", 2, 9), ("014066", "uomini", 2, 8),
                      ("014045", "nuclei", 1, 5), ("014018", "monoparentali", 1, 4), ("014066", "donne", 1, 4),
                      ("014052", "monoparentali", 1, 3)], "SAI-SONDRIO", "014", first, last, 0.92)
    frame = _capacity(rng, sondrio)
    b.add("capacity", _fix_presences(rng, frame, np.full(N_MONTHS, 43.0), 40, 46, 1.6))

    first, last = b.project("SAI-NOVATE", "SAI Novate Milanese", "SAI",
                            "Azienda Speciale Comuni Insieme per il sociale",
                            f"{LOTTA} (ATI con Consorzio Farsi Prossimo)", dt.date(2016, 9, 1), None, "FNPSA")
    novate = _slots([("015157", "donne", 2, 6), ("015157", "nuclei", 2, 6), ("015157", "monoparentali", 1, 4)],
                    "SAI-NOVATE", "015", first, last, 0.9)
    b.add("capacity", _fix_presences(rng, _capacity(rng, novate), np.full(N_MONTHS, 14.5), 12, 16, 1.0))

    first, last = b.project("SAI-CINISELLO", "SAI Cinisello Balsamo", "SAI", "Comune di Cinisello Balsamo",
                            f"{LOTTA} (capofila ATI con Cooperativa Farsi Prossimo)", dt.date(2018, 9, 1), None,
                            "FNPSA")
    cinisello = _slots([("015077", "donne", 1, 4), ("015077", "lgbtqia", 1, 3), ("015077", "nuclei", 1, 4),
                        ("015077", "monoparentali", 1, 4)], "SAI-CINISELLO", "015", first, last, 0.9)
    b.add("capacity", _fix_presences(rng, _capacity(rng, cinisello), np.full(N_MONTHS, 13.5), 11, 15, 1.0))

    first, last = b.project("SAI-BESOZZO", "SAI Besozzo (con il Comune di Comerio)", "SAI", "Comune di Besozzo",
                            LOTTA, dt.date(2018, 1, 1), None, "FNPSA")
    cut = _mi_of("2021-01")
    before = _slots([("012013", "uomini", 1, 18), ("012013", "nuclei", 1, 10), ("012055", "monoparentali", 1, 8)],
                    "SAI-BESOZZO", "012", first, cut - 1, 0.85)
    after = _slots([("012013", "uomini", 1, 5), ("012013", "nuclei", 1, 4), ("012055", "monoparentali", 1, 4)],
                   "SAI-BESOZZO", "012", cut, last, 0.9)
    # Presences fell in 2019-2020 (fewer arrivals, the 2018 security decree) before the cut to 13 places.
    centre = np.where(np.arange(N_MONTHS) < cut, 33.0 - 12.0 * np.arange(N_MONTHS) / cut, 12.0)
    frame = _capacity(rng, pd.concat([before, after], ignore_index=True))
    frame = pd.concat([
        _fix_presences(rng, frame[frame["places"].isin((18, 10, 8))], centre, 18, 35, 1.2),
        _fix_presences(rng, frame[frame["places"].isin((5, 4))], centre, 10, 13, 0.8),
    ], ignore_index=True)
    b.add("capacity", frame)


def _cas_curve() -> np.ndarray:
    """National CAS places by month (interpolated between known levels)."""
    knots = {"2019-01": 98_000, "2019-12": 66_000, "2020-12": 57_000, "2021-12": 60_000, "2022-12": 78_000,
             "2023-06": 88_000, "2023-12": 103_000, "2024-08": 97_000, "2025-12": 92_000}
    return np.interp(np.arange(N_MONTHS), [_mi_of(k) for k in knots], list(knots.values()))


def _cas_frame(rng, slots: pd.DataFrame, curves: np.ndarray) -> pd.DataFrame:
    """CAS rows: a slot's places are its share of its province curve (``curve`` column indexes ``curves``)."""
    slot, month = _expand(slots["first"].to_numpy(), slots["last"].to_numpy())
    share = slots["share"].to_numpy(float)[slot]
    places = np.round(curves[slots["curve"].to_numpy()[slot], month] * share).astype(np.int64)
    size = slots["size"].to_numpy(float)[slot]
    structures = np.maximum(1, np.round(places / size)).astype(np.int64)
    frame = _capacity_rows(rng, slots, slot, month, structures, places, slots["rate"].to_numpy(float), 0.025,
                           0.004)
    return frame[frame["places"] > 0]


def _seed_cas(b: _Builder) -> None:
    curve = _cas_curve()
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
            "project_code": code, "province_code": province, "municipality_code": _col([r[0] for r in rows]),
            "target_group": [r[1] for r in rows], "share": [r[2] / total for r in rows],
            "size": [r[3] for r in rows], "first": first, "last": last, "rate": 0.95, "curve": len(curves),
        }))
        curves.append(curve * share)
    b.add("capacity", _cas_frame(b.rng, pd.concat(slot_frames, ignore_index=True), np.array(curves)))


def _seed_derive(b: _Builder) -> None:
    rng = b.rng
    code = "DERIVE-APPRODI"
    first, last = b.project(code, "Derive e Approdi - aree di libertà e diritti per vittime di tratta e sfruttamento",
                            "ANTITRATTA", "Comune di Milano", LOTTA, dt.date(2022, 10, 1), dt.date(2024, 2, 28),
                            "avviso-5")
    b.covered += [(p, first, last) for p in _DERIVE_PROVINCES]
    province, weight, month = _blocks(_DERIVE_PROVINCES, first, last)
    lam = (400.0 * weight * rng.lognormal(0.0, 0.12, len(month)))[:, None] * _P_TRAFFICKING[None, :]
    project = np.full(len(month), code, dtype=object)
    b.add("outreach", _outreach(rng, project, province, month, lam, _F_TRAFFICKING))
    # One mobile unit and one drop-in per province (Milano's unit goes out most evenings).
    outings = rng.poisson(np.where(province == "015", 22, 10))
    b.add("outreach_activity", _activity(project, province, month, "unita_mobile", outings,
                                         np.maximum(outings - rng.poisson(1.5, len(month)), 1)))
    b.add("outreach_activity", _activity(project, province, month, "drop_in", np.zeros(len(month)),
                                         rng.integers(12, 21, len(month))))
    # 7 apartments, a handful of places each; never a comune for anti-trafficking shelters.
    shelters = _slots([(None, "donne", 2, 9), (None, "uomini", 1, 4)], code, "015", first, last, 0.8)
    for prov, tg, places in (("013", "donne", 4), ("108", "lgbtqia", 3), ("014", "donne", 4), ("012", "uomini", 4)):
        shelters = pd.concat([shelters, _slots([(None, tg, 1, places)], code, prov, first, last, 0.75)],
                             ignore_index=True)
    b.add("capacity", _capacity(rng, shelters, sd=0.12))
    b.add("services", _services(rng, project, province, month, 40.0 * weight, {
        "supporto_psicologico": (0.25, 1.5), "orientamento_legale": (0.30, 1.5), "accompagnamento": (0.45, 2.0),
        "formazione_linguistica": (0.20, 10.0), "inserimento_lavorativo": (0.08, 6.0), "tirocinio": (0.04, 60.0),
    }))
    b.add("training", _training([("2023-03", "015", "forze_ordine", 1, 6.0, 28),
                                 ("2023-05", "012", "operatori_privati", 1, 8.0, 20),
                                 ("2023-11", "108", "operatori_pubblici", 1, 6.0, 17),
                                 ("2024-01", "013", "operatori_privati", 1, 4.0, 15)]))


def _seed_mettiamo(b: _Builder) -> None:
    rng = b.rng
    code = "METTIAMO-ALI-BS"
    first, last = b.project(code, "Mettiamo le ali - Dall'emersione all'integrazione (Brescia)", "ANTITRATTA",
                            "Associazione Lule Onlus", LOTTA, dt.date(2022, 10, 1), dt.date(2024, 2, 28), "avviso-5")
    b.covered.append(("017", first, last))
    province, weight, month = _blocks({"017": 1.0}, first, last)
    # Contact units on the street and indoor (web-based prostitution, channel "altro"), and assessment.
    profile = _profile({"unita_mobile": 0.55, "altro": 0.35, "sportello": 0.10},
                       {"unita_mobile": {"sessuale": 0.6, "lavorativo": 0.25, "accattonaggio": 0.08,
                                         "economie_illegali": 0.05, "non_determinato": 0.02},
                        "altro": {"sessuale": 0.9, "non_determinato": 0.1},
                        "sportello": {"sessuale": 0.35, "lavorativo": 0.45, "non_determinato": 0.2}})
    lam = (45.0 * rng.lognormal(0.0, 0.15, len(month)))[:, None] * profile[None, :]
    project = np.full(len(month), code, dtype=object)
    funnel = _Funnel(**{**_F_TRAFFICKING.__dict__, "take_gender": {"donna": 0.0}})  # contact and assessment only
    b.add("outreach", _outreach(rng, project, province, month, lam, funnel))
    b.add("outreach_activity", _activity(project, province, month, "unita_mobile", rng.poisson(9, len(month)),
                                         rng.poisson(8, len(month))))


def _seed_diagrammi(b: _Builder) -> None:
    rng = b.rng
    code = "DIAGRAMMI-NORD"
    first, last = b.project(
        code, "DIAGRAMMI Nord - Diritti in agricoltura attraverso approcci multistakeholder e multidisciplinari "
        "per l'integrazione e il lavoro giusto", "FAMI", "Consorzio Nova", LOTTA, dt.date(2020, 8, 1),
        dt.date(2022, 12, 31), "FAMI 2014-2020 - Avviso 1/2019")
    cutoff = _mi_of("2022-09")
    province, weight, month = _blocks(_DIAGRAMMI_PROVINCES, first, last)
    project = np.full(len(month), code, dtype=object)
    # Activity grows after the start-up and peaks with the harvest.
    ramp = np.clip((month - first + 1) / 8.0, 0.15, 1.0) * (1 + 0.5 * _harvest(month)) * _covid(month)
    pace = weight * ramp
    seed_part = month <= cutoff
    lam = (pace / pace[seed_part].sum())[:, None] * _P_LABOUR[None, :]
    counts_to_cutoff = _outreach(rng, project[seed_part], province[seed_part], month[seed_part],
                                 lam[seed_part], _F_LABOUR, total=1000, targets={"referrals": 500})
    late = ~seed_part
    after = _outreach(rng, project[late], province[late], month[late], lam[late] * 1000, _F_LABOUR)
    b.add("outreach", counts_to_cutoff)
    b.add("outreach", after)
    # 196 outings of the outreach staff to 30 September 2022; six desks (one per province) from October 2020.
    outings = np.zeros(len(month), dtype=np.int64)
    outings[seed_part] = _allocate(rng, 196, pace[seed_part])
    outings[late] = rng.poisson(196 * pace[late] / pace[seed_part].sum())
    b.add("outreach_activity", _activity(project, province, month, "unita_mobile", outings, outings))
    desk_days = np.where(month >= _mi_of("2020-10"), rng.integers(6, 11, len(month)), 0)
    b.add("outreach_activity", _activity(project, province, month, "sportello", np.zeros(len(month)), desk_days))
    # Services: the seed's totals to 30 September 2022, exactly; then the same pace to December.
    totals = {"accompagnamento": (901, 2.0), "orientamento_legale": (59, 1.5), "mediazione_abitativa": (33, 4.0),
              "bilancio_competenze": (85, 3.0), "inserimento_lavorativo": (83, 8.0), "certificazione_l2": (25, 6.0)}
    parts = []
    for service, (total, hours_each) in totals.items():
        people = np.zeros(len(month), dtype=np.int64)
        people[seed_part] = _allocate(rng, total, pace[seed_part])
        people[late] = rng.poisson(total * pace[late] / pace[seed_part].sum())
        keep = people > 0
        hours = np.maximum(np.round(people * hours_each * rng.gamma(8.0, 1 / 8.0, len(month)) * 2) / 2, 0.5)
        parts.append(pd.DataFrame({"period": _MONTHS[month[keep]], "province_code": province[keep],
                                   "project_code": code, "service": service, "people": people[keep],
                                   "hours": hours[keep]}))
    # Language, civic and labour-rights training: 18 courses, 194 hours, 269 people to 30 September 2022.
    course_block = rng.choice(np.nonzero(seed_part & (month >= _mi_of("2020-11")))[0], size=18, replace=False)
    course_hours = _allocate(rng, 194 - 18 * 6, np.ones(18)) + 6
    course_people = _allocate(rng, 269 - 18 * 8, np.ones(18)) + 8
    training = pd.DataFrame({"block": course_block, "people": course_people, "hours": course_hours})
    training = training.groupby("block", as_index=False).sum()
    blocks = training["block"].to_numpy()
    parts.append(pd.DataFrame({"period": _MONTHS[month[blocks]], "province_code": province[blocks],
                               "project_code": code, "service": "formazione_linguistica",
                               "people": training["people"].to_numpy(np.int64),
                               "hours": training["hours"].to_numpy(float)}))
    b.add("services", pd.concat(parts, ignore_index=True))
    # Capacity building: training of labour inspectors, unions and farms.
    b.add("training", _training([("2021-05", "015", "misto", 1, 8.0, 30), ("2021-10", "017", "misto", 1, 8.0, 22),
                                 ("2022-03", "015", "operatori_pubblici", 1, 6.0, 25),
                                 ("2022-06", "013", "misto", 1, 4.0, 18)]))


def _seed_navigare(b: _Builder) -> None:
    rng = b.rng
    code = "NAVIGARE"
    first, last = b.project(code, "N.A.V.I.G.A.Re - Network Antitratta Veneto Intersezioni Governance Azioni "
                            "Regionali", "ANTITRATTA", "Regione del Veneto",
                            "Equality Cooperativa Sociale (capofila ATS degli enti attuatori)", dt.date(2021, 7, 1),
                            dt.date(2022, 9, 30), "bando-4-2021")
    b.covered += [(p, first, last) for p in _VENETO_PROVINCES]
    province, weight, month = _blocks(_VENETO_PROVINCES, first, last)
    project = np.full(len(month), code, dtype=object)
    lam = (weight * rng.lognormal(0.0, 0.12, len(month)))[:, None] * _P_TRAFFICKING[None, :]

    def near(value: int) -> int:
        return int(round(value * rng.uniform(0.98, 1.02)))

    targets = {"assessments": near(600), "potential_victims": near(330), "take_ins": near(150)}
    b.add("outreach", _outreach(rng, project, province, month, lam, _F_TRAFFICKING, total=near(2500),
                                targets=targets))
    outings = rng.poisson(weight * 60)
    b.add("outreach_activity", _activity(project, province, month, "unita_mobile", outings,
                                         np.maximum(outings - rng.poisson(2, len(month)), 0)))
    b.add("outreach_activity", _activity(project, province, month, "drop_in", np.zeros(len(month)),
                                         np.where(weight >= 0.13, rng.integers(8, 17, len(month)), 0)))
    shelters = []
    for prov, rows in {"027": [("donne", 2, 9), ("uomini", 1, 5)], "028": [("donne", 2, 9)],
                       "023": [("donne", 2, 8), ("lgbtqia", 1, 4)], "024": [("donne", 2, 9)],
                       "026": [("donne", 1, 5), ("uomini", 1, 4)], "029": [("donne", 1, 4)],
                       "025": [("misto", 1, 4)]}.items():
        shelters.append(_slots([(None, *r) for r in rows], code, prov, first, last, 0.8))
    b.add("capacity", _capacity(rng, pd.concat(shelters, ignore_index=True), sd=0.1))
    b.add("services", _services(rng, project, province, month, 60.0 * weight, {
        "supporto_psicologico": (0.25, 1.5), "orientamento_legale": (0.30, 1.5), "accompagnamento": (0.45, 2.0),
        "formazione_linguistica": (0.25, 10.0), "formazione_professionale": (0.06, 30.0),
        "inserimento_lavorativo": (0.08, 6.0), "tirocinio": (0.05, 60.0), "mediazione_abitativa": (0.05, 4.0),
    }))
    b.add("training", _training([("2022-02", "027", "forze_ordine", 1, 6.0, 26),
                                 ("2022-04", "028", "operatori_pubblici", 1, 8.0, 31),
                                 ("2022-05", "023", "misto", 1, 6.0, 24)]))


def _seed_padova(b: _Builder) -> None:
    rng = b.rng
    first, last = b.project("NAVE-POLIS-PD", "N.A.Ve - Appartamento per vittime di tratta (Padova)", "ANTITRATTA",
                            "Comune di Venezia", POLIS, dt.date(2016, 9, 1), None, None)
    apartment = _slots([(None, "donne", 1, 4)], "NAVE-POLIS-PD", "028", first, last, 0.65)
    b.add("capacity", _capacity(rng, apartment, sd=0.18))

    code = "FAMI-POLIS-PD"
    first, last = b.project(code, "Sportelli per l'inclusione - Padova (FAMI)", "FAMI", None, POLIS,
                            dt.date(2019, 1, 1), None, "FAMI")
    province, weight, month = _blocks({"028": 1.0}, first, last)
    project = np.full(len(month), code, dtype=object)
    lam = (35.0 * _covid(month) * rng.lognormal(0.0, 0.15, len(month)))[:, None] * _P_DESK[None, :]
    b.add("outreach", _outreach(rng, project, province, month, lam, _F_DESK))
    b.add("outreach_activity", _activity(project, province, month, "sportello", np.zeros(len(month)),
                                         np.round(rng.integers(7, 11, len(month)) * _covid(month))))
    b.add("services", _services(rng, project, province, month, 35.0 * _covid(month), {
        "orientamento_legale": (0.20, 1.0), "accompagnamento": (0.12, 2.0), "formazione_linguistica": (0.08, 12.0),
    }))


def _seed_sammartini(b: _Builder) -> None:
    rng = b.rng
    code = "SAMMARTINI"
    first, last = b.project(code, "Centro Sammartini - Centro Aiuto Stazione Centrale", "ALTRO", "Comune di Milano",
                            LOTTA, dt.date(2017, 1, 1), None, None)
    province, weight, month = _blocks({"015": 1.0}, first, last)
    project = np.full(len(month), code, dtype=object)
    level = 430.0 * (1 + 0.3 * _winter(month)) * np.where(_covid(month) < 1, 0.85, 1.0)
    lam = (level * rng.lognormal(0.0, 0.08, len(month)))[:, None] * _P_HOMELESS[None, :]
    b.add("outreach", _outreach(rng, project, province, month, lam, _F_HOMELESS))
    b.add("outreach_activity", _activity(project, province, month, "sportello", np.zeros(len(month)),
                                         rng.integers(24, 27, len(month))))
    b.add("services", _services(rng, project, province, month, level, {
        "accompagnamento": (0.12, 1.5), "orientamento_legale": (0.05, 1.0), "supporto_psicologico": (0.03, 1.0),
        "mediazione_abitativa": (0.04, 2.0), "altro": (0.06, 1.0),
    }))


def _seed_inside_aut(b: _Builder) -> None:
    rng = b.rng
    code = "INSIDE-AUT"
    first, last = b.project(code, "Inside Aut - Reti e sentieri verso l'integrazione", "FAMI", None, LOTTA,
                            dt.date(2019, 10, 1), dt.date(2022, 12, 31), "FAMI 2014-2020")
    province, weight, month = _blocks({"015": 0.5, "014": 0.2, "012": 0.3}, first, last)
    project = np.full(len(month), code, dtype=object)
    in_paths = 40.0 * weight * np.clip((month - first + 1) / 6.0, 0.2, 1.0) * _covid(month)
    b.add("services", _services(rng, project, province, month, in_paths, {
        "accompagnamento": (0.9, 3.0), "inserimento_lavorativo": (0.35, 6.0), "tirocinio": (0.15, 70.0),
        "mediazione_abitativa": (0.30, 4.0), "formazione_professionale": (0.12, 40.0),
        "orientamento_legale": (0.15, 1.5),
    }))
    b.add("training", _training([("2021-06", "014", "operatori_privati", 1, 8.0, 16),
                                 ("2021-11", "012", "operatori_pubblici", 1, 6.0, 21),
                                 ("2022-05", "015", "misto", 2, 12.0, 38)]))


def _seed_avellino(b: _Builder) -> None:
    rng = b.rng
    code = "RETI-AVELLINO"
    first, last = b.project(code, "RE.T.I. Avellino - Rafforzamento della governance territoriale", "FAMI",
                            "Prefettura di Avellino", None, dt.date(2023, 5, 1), dt.date(2025, 12, 31),
                            "FAMI 2021-2027")
    start_work = _mi_of("2023-09")  # the specialist team is in the field from September 2023
    province, weight, month = _blocks({"064": 1.0}, start_work, last)
    project = np.full(len(month), code, dtype=object)
    profile = _profile({"unita_mobile": 0.6, "sportello": 0.4},
                       {"*": {"lavorativo": 0.6, "sessuale": 0.2, "accattonaggio": 0.04, "altro": 0.04,
                              "non_determinato": 0.12}})
    level = 22.0 * (1 + 0.5 * _harvest(month))
    lam = (level * rng.lognormal(0.0, 0.15, len(month)))[:, None] * profile[None, :]
    b.add("outreach", _outreach(rng, project, province, month, lam, _F_TRAFFICKING))
    b.add("outreach_activity", _activity(project, province, month, "unita_mobile", rng.integers(3, 7, len(month)),
                                         rng.integers(3, 6, len(month))))
    b.add("outreach_activity", _activity(project, province, month, "sportello", np.zeros(len(month)),
                                         rng.integers(7, 10, len(month))))
    b.add("services", _services(rng, project, province, month, level, {
        "orientamento_legale": (0.25, 1.5), "supporto_psicologico": (0.12, 1.5), "accompagnamento": (0.2, 2.0),
    }))
    b.add("training", _training([
        ("2024-02", "064", "operatori_pubblici", 1, 12.0, 24), ("2024-03", "064", "operatori_privati", 1, 12.0, 31),
        ("2024-04", "064", "forze_ordine", 1, 8.0, 18), ("2024-05", "064", "misto", 2, 16.0, 27),
        ("2024-10", "064", "operatori_privati", 1, 8.0, 22), ("2025-02", "064", "operatori_pubblici", 1, 12.0, 19),
        ("2025-03", "064", "misto", 1, 6.0, 35), ("2025-05", "064", "forze_ordine", 1, 8.0, 14),
    ]))


# Working tables of the seeds: members (organisation, type, joined, left).
_TABLE_AVELLINO = [
    ("Prefettura di Avellino", "prefettura", "2023-07-12", None),
    ("Comune di Avellino", "comune", "2023-07-12", None),
    ("Comune di Ariano Irpino", "comune", "2023-07-12", None),
    ("Provincia di Avellino", "altro", "2023-07-12", None),
    ("Ambito Territoriale Sociale A4 - Avellino", "ambito_sociale", "2023-07-12", None),
    ("Ambito Territoriale Sociale A1 - Ariano Irpino", "ambito_sociale", "2023-10-04", None),
    ("ASL Avellino", "asl", "2023-07-12", None),
    ("Questura di Avellino", "forze_ordine", "2023-07-12", None),
    ("Comando Provinciale Carabinieri di Avellino", "forze_ordine", "2023-07-12", None),
    ("Comando Provinciale Guardia di Finanza di Avellino", "forze_ordine", "2023-10-04", None),
    ("Procura della Repubblica presso il Tribunale di Avellino", "procura", "2023-07-12", None),
    ("Ispettorato Territoriale del Lavoro di Avellino", "ispettorato_lavoro", "2023-07-12", None),
    ("Commissione Territoriale per il riconoscimento della protezione internazionale di Salerno",
     "commissione_territoriale", "2023-10-04", None),
    ("FLAI CGIL Avellino", "sindacato", "2023-07-12", None),
    ("FAI CISL Irpinia Sannio", "sindacato", "2023-10-04", None),
    ("UILA UIL Avellino", "sindacato", "2024-01-17", "2025-03-31"),
    ("Coldiretti Avellino", "associazione_datoriale", "2023-07-12", None),
    ("Confagricoltura Avellino", "associazione_datoriale", "2024-01-17", None),
    ("Caritas diocesana di Avellino", "terzo_settore", "2023-07-12", None),
    ("Coordinamento degli enti gestori CAS e SAI della provincia di Avellino", "ente_gestore", "2023-10-04", None),
    ("INPS - Direzione provinciale di Avellino", "altro", "2024-05-08", None),
]
_TABLE_MILANO = [
    ("Prefettura di Milano", "prefettura", "2019-02-13", None),
    ("Comune di Milano", "comune", "2019-02-13", None),
    ("Città metropolitana di Milano", "altro", "2019-02-13", None),
    ("ATS Città Metropolitana di Milano", "asl", "2019-02-13", None),
    ("Questura di Milano", "forze_ordine", "2019-02-13", None),
    ("Comando Provinciale Carabinieri di Milano", "forze_ordine", "2019-02-13", None),
    ("Procura della Repubblica presso il Tribunale di Milano", "procura", "2019-02-13", None),
    ("Ispettorato Territoriale del Lavoro di Milano", "ispettorato_lavoro", "2019-02-13", None),
    ("Commissione Territoriale per il riconoscimento della protezione internazionale di Milano",
     "commissione_territoriale", "2020-01-22", None),
    ("Camera del Lavoro Metropolitana di Milano - CGIL", "sindacato", "2019-02-13", None),
    ("CISL Milano Metropoli", "sindacato", "2019-02-13", None),
    ("Assolombarda", "associazione_datoriale", "2021-03-10", None),
    ("Coldiretti Milano Lodi Monza Brianza", "associazione_datoriale", "2021-03-10", None),
    (LOTTA, "terzo_settore", "2019-02-13", None),
    ("Caritas Ambrosiana", "terzo_settore", "2019-02-13", None),
    ("Consorzio Farsi Prossimo", "ente_gestore", "2019-02-13", None),
    ("Ambito territoriale di Cinisello Balsamo", "ambito_sociale", "2020-01-22", "2023-12-31"),
]
_TABLE_PADOVA = [
    ("Prefettura di Padova", "prefettura", "2019-05-15", None),
    ("Comune di Padova", "comune", "2019-05-15", None),
    ("Comune di Venezia - Servizio protezione sociale", "comune", "2019-05-15", None),
    ("Azienda ULSS 6 Euganea", "asl", "2019-05-15", None),
    ("Questura di Padova", "forze_ordine", "2019-05-15", None),
    ("Procura della Repubblica presso il Tribunale di Padova", "procura", "2019-05-15", None),
    ("Ispettorato Territoriale del Lavoro di Padova", "ispettorato_lavoro", "2020-09-16", None),
    ("Commissione Territoriale per il riconoscimento della protezione internazionale di Padova",
     "commissione_territoriale", "2019-05-15", None),
    ("CGIL Padova", "sindacato", "2020-09-16", None),
    ("Coldiretti Padova", "associazione_datoriale", "2021-11-10", None),
    (POLIS, "ente_gestore", "2019-05-15", None),
    ("Caritas diocesana di Padova", "terzo_settore", "2019-05-15", None),
]

# Local action plans: (code, title, lead type, status, due, completed).
_PLAN_AVELLINO = [
    ("PIL-AV-01", "Protocollo d'intesa per l'emersione dello sfruttamento lavorativo in agricoltura", "prefettura",
     "completata", "2024-03-31", "2024-03-20"),
    ("PIL-AV-02", "Linee di indirizzo territoriali per l'intervento su tratta e sfruttamento", "prefettura",
     "in_corso", "2024-12-31", None),
    ("PIL-AV-03", "Mappatura dei luoghi di reclutamento informale e degli insediamenti", "terzo_settore",
     "completata", "2024-06-30", "2024-07-15"),
    ("PIL-AV-04", "Sportello di secondo livello per l'emersione delle vulnerabilità", "prefettura",
     "completata", "2023-12-31", "2023-11-27"),
    ("PIL-AV-05", "Polo giuridico presso lo Sportello Unico per l'Immigrazione", "prefettura",
     "completata", "2024-01-31", "2024-02-12"),
    ("PIL-AV-06", "Analisi dei bisogni formativi degli operatori pubblici e privati", "terzo_settore",
     "completata", "2023-12-15", "2023-12-11"),
    ("PIL-AV-07", "Procedura condivisa di segnalazione al Numero Verde Antitratta", "ambito_sociale",
     "in_corso", "2025-06-30", None),
    ("PIL-AV-08", "Formazione congiunta per forze dell'ordine e ispettori del lavoro", "ispettorato_lavoro",
     "in_corso", "2026-03-31", None),
    ("PIL-AV-09", "Trasporto gratuito verso le aziende agricole nella stagione di raccolta", "comune",
     "sospesa", "2024-09-30", None),
    ("PIL-AV-10", "Campagna informativa multilingue sui diritti dei lavoratori agricoli", "sindacato",
     "in_corso", "2026-06-30", None),
    ("PIL-AV-11", "Accesso ai servizi sanitari per lavoratori stagionali senza medico di base", "asl",
     "pianificata", "2025-03-31", None),
    ("PIL-AV-12", "Iscrizione delle aziende alla Rete del lavoro agricolo di qualità", "associazione_datoriale",
     "pianificata", "2026-09-30", None),
    ("PIL-AV-13", "Controlli congiunti nei periodi di raccolta", "forze_ordine", "sospesa", "2026-07-31", None),
    ("PIL-AV-14", "Percorso di accompagnamento degli enti gestori all'identificazione delle vittime", "ente_gestore",
     "pianificata", None, None),
]
_PLAN_MILANO = [
    ("PIL-MI-01", "Protocollo per l'identificazione delle vittime presso la Commissione territoriale",
     "commissione_territoriale", "completata", "2020-06-30", "2020-06-04"),
    ("PIL-MI-02", "Raccordo tra unità mobili antitratta e unità mobili per persone senza dimora", "comune",
     "completata", "2021-12-31", "2022-02-28"),
    ("PIL-MI-03", "Osservatorio metropolitano sullo sfruttamento nella logistica", "sindacato", "in_corso",
     "2024-12-31", None),
    ("PIL-MI-04", "Accoglienza in emergenza di vittime di sfruttamento lavorativo", "ente_gestore", "in_corso",
     "2026-06-30", None),
    ("PIL-MI-05", "Formazione degli operatori dei CAS sugli indicatori di tratta", "prefettura", "pianificata",
     "2026-03-31", None),
]
_PLAN_PADOVA = [
    ("PIL-PD-01", "Procedura di referral tra Commissione territoriale e rete N.A.Ve", "commissione_territoriale",
     "completata", "2020-03-31", "2020-05-20"),
    ("PIL-PD-02", "Mappatura delle aziende agricole a rischio nella bassa padovana", "ispettorato_lavoro",
     "sospesa", "2022-12-31", None),
    ("PIL-PD-03", "Percorsi di inserimento lavorativo per vittime in uscita dai progetti", "terzo_settore",
     "in_corso", "2025-06-30", None),
    ("PIL-PD-04", "Sportello sanitario di prossimità per persone in prostituzione", "asl", "pianificata",
     "2026-12-31", None),
]


def _network_frames(province: str, members: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame({
        "province_code": province,
        "organisation": [m[0] for m in members],
        "organisation_type": [m[1] for m in members],
        "joined": _col([dt.date.fromisoformat(m[2]) for m in members]),
        "left": _col([dt.date.fromisoformat(m[3]) if m[3] else None for m in members]),
    })


def _plan_frame(province: str, plan: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame({
        "province_code": province,
        "action_code": [a[0] for a in plan], "title": [a[1] for a in plan],
        "lead_organisation_type": [a[2] for a in plan], "status": [a[3] for a in plan],
        "due_date": _col([dt.date.fromisoformat(a[4]) if a[4] else None for a in plan]),
        "completed_date": _col([dt.date.fromisoformat(a[5]) if a[5] else None for a in plan]),
    })


def _meetings(rng: np.random.Generator, province: str, members: pd.DataFrame, schedule: dict[str, list[dt.date]],
              decisions: float) -> pd.DataFrame:
    """Meetings on given dates; organisations present among the members in office that day."""
    rows = []
    joined = members["joined"].to_numpy(object)
    left = members["left"].to_numpy(object)
    for body, dates in schedule.items():
        share = {"tavolo": 0.75, "rete": 0.55, "cabina_regia": 0.45}[body]
        for day in dates:
            active = sum(1 for j, lft in zip(joined, left, strict=True) if j <= day and (lft is None or lft >= day))
            if not active:
                continue
            present = int(np.clip(rng.binomial(active, share), 2, active))
            rows.append((day, province, body, present, int(rng.poisson(decisions if body == "tavolo" else 1.0))))
    return pd.DataFrame(rows, columns=["date", "province_code", "body", "organisations_present", "decisions"])


def _every(first: str, last: str, step: int, weekday: int = 2, nth: int = 2) -> list[dt.date]:
    """Meeting dates every ``step`` months (nth weekday of the month) from first to last (YYYY-MM)."""
    out = []
    for m in range(_mi_of(first), _mi_of(last) + 1, step):
        month = m % 12 + 1 if m % 12 + 1 != 8 else 9  # no meetings in August: the first week of September
        out.append(_weekday_in(2019 + m // 12, month, weekday, nth if month == m % 12 + 1 else 1))
    return sorted(set(out))


def _seed_tables(b: _Builder) -> None:
    rng = b.rng
    for province, members, plan, schedule in (
        ("064", _TABLE_AVELLINO, _PLAN_AVELLINO, {
            "tavolo": [dt.date(2023, 7, 12)] + _every("2023-10", "2025-12", 2, weekday=2, nth=1),
            "rete": _every("2023-11", "2025-11", 3, weekday=3, nth=3),
            "cabina_regia": _every("2023-06", "2025-12", 6, weekday=0, nth=2)}),
        ("015", _TABLE_MILANO, _PLAN_MILANO, {
            "tavolo": [dt.date(2019, 2, 13)] + _every("2019-05", "2025-11", 3, weekday=2, nth=2),
            "cabina_regia": _every("2019-01", "2025-12", 2, weekday=1, nth=3),
            "rete": _every("2022-11", "2024-01", 2, weekday=3, nth=1)}),
        ("028", _TABLE_PADOVA, _PLAN_PADOVA, {
            "tavolo": [dt.date(2019, 5, 15)] + _every("2019-11", "2025-11", 6, weekday=2, nth=3),
            "rete": _every("2019-03", "2025-12", 3, weekday=1, nth=2)}),
    ):
        network = _network_frames(province, members)
        b.add("network_members", network)
        b.add("meetings", _meetings(rng, province, network, schedule, 2.0))
        b.add("actions", _plan_frame(province, plan))


def _seeds(b: _Builder) -> None:
    _seed_sai(b)
    _seed_cas(b)
    _seed_derive(b)
    _seed_mettiamo(b)
    _seed_diagrammi(b)
    _seed_navigare(b)
    _seed_padova(b)
    _seed_sammartini(b)
    _seed_inside_aut(b)
    _seed_avellino(b)
    _seed_tables(b)


# --- National scale -------------------------------------------------------------------------------------------
# SAI projects per 56,000 residents, by region (more in the South, as in the real network).
_SAI_DENSITY = {"01": 1.0, "02": 0.5, "03": 0.6, "04": 0.5, "05": 0.6, "06": 0.6, "07": 0.9, "08": 0.9,
                "09": 0.9, "10": 1.2, "11": 1.3, "12": 1.0, "13": 1.2, "14": 2.0, "15": 1.6, "16": 1.6,
                "17": 1.8, "18": 1.9, "19": 1.6, "20": 1.0}
_AGRICULTURAL = {"004": 0.45, "023": 0.35, "059": 0.5, "061": 0.45, "065": 0.4, "071": 0.55, "072": 0.35,
                 "073": 0.4, "075": 0.35, "076": 0.4, "077": 0.4, "078": 0.35, "080": 0.5, "081": 0.4,
                 "084": 0.4, "087": 0.4, "088": 0.55, "089": 0.35, "110": 0.45, "053": 0.3, "062": 0.3}
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


def _plain(name: str) -> str:
    return name.split("/")[0]


class _Territory:
    """Provinces, their comuni (largest first) and the 21 anti-trafficking areas."""

    def __init__(self, ref: dict[str, pd.DataFrame]):
        self.provinces = ref["provinces"].sort_values("code").reset_index(drop=True)
        comuni = ref["municipalities"].sort_values(["province_code", "population"], ascending=[True, False])
        self.comuni = {code: group.reset_index(drop=True) for code, group in comuni.groupby("province_code")}
        self._names = self.provinces.set_index("code")["name"].to_dict()
        self.regions = ref["regions"].set_index("code")["name"].map(_plain).to_dict()
        self.areas: dict[str, list[str]] = {}
        for row in self.provinces.itertuples():
            area = {"021": "04BZ", "022": "04TN"}.get(row.code, row.region_code)  # Bolzano and Trento apart
            self.areas.setdefault(area, []).append(row.code)

    def area_name(self, area: str) -> str:
        if area in ("04BZ", "04TN"):
            return f"Provincia autonoma di {self.name(self.areas[area][0])}"
        return self.regions[area]

    def area_lead(self, area: str) -> str:
        """The body leading an area's regional projects (official names)."""
        if area in ("04BZ", "04TN"):
            return self.area_name(area)
        special = {"02": "Regione Autonoma Valle d'Aosta", "05": "Regione del Veneto",
                   "06": "Regione Autonoma Friuli Venezia Giulia", "19": "Regione Siciliana",
                   "20": "Regione Autonoma della Sardegna"}
        return special.get(area, f"Regione {self.regions[area]}")

    def name(self, province: str) -> str:
        return _plain(self._names[province])

    def capital(self, province: str) -> str:
        return self.comuni[province].at[0, "name"]

    def prefecture(self, province: str) -> str:
        if province == "007":
            return "Presidenza della Regione Valle d'Aosta (funzioni prefettizie)"
        if province in ("021", "022"):
            return f"Commissariato del Governo per la provincia di {self.name(province)}"
        if province == "111":
            return "Prefettura di Cagliari"
        return f"Prefettura di {self.name(province)}"


def _national_sai(b: _Builder, terr: _Territory) -> None:
    rng = b.rng
    slots = []
    lines = []
    for row in terr.provinces.itertuples():
        comuni = terr.comuni[row.code]
        n = int(np.clip(round(row.population / 56_000 * _SAI_DENSITY[row.region_code]), 2, 30))
        weights = comuni["population"].to_numpy(float) ** 0.8
        weights /= weights.sum()
        kinds = rng.choice(["ORD", "MSNA", "DMDS"], size=n, p=[0.78, 0.18, 0.04])
        kinds[0] = "ORD"
        leads = rng.choice(len(comuni), size=n, p=weights)
        leads[0] = 0
        seen: set[tuple[int, str]] = set()
        for k in range(n):
            kind = str(kinds[k])
            lead = int(leads[k])
            if (lead, kind) in seen:
                continue
            seen.add((lead, kind))
            comune = comuni.at[lead, "name"]
            code = f"SAI-{row.short}-{len(seen):02d}"
            old = rng.random() < 0.72
            if old:
                start = dt.date(int(rng.integers(2003, 2019)), int(rng.integers(1, 13)), 1)
            else:
                start = _date(MONTHS[int(rng.integers(_mi_of("2019-06"), _mi_of("2024-07")))])
            end = None
            if old and rng.random() < 0.06:
                m = int(rng.integers(_mi_of("2019-06"), _mi_of("2021-01")))
                end = _date(MONTHS[m + 1]) - dt.timedelta(days=1)
            first, last = b.project(code, f"SAI {comune} - {_SAI_LINES[kind]}", "SAI", f"Comune di {comune}",
                                    str(rng.choice(_MANAGERS)), start, end, "FNPSA")
            if first > last:
                continue
            mean = {"ORD": 38.0, "MSNA": 36.0, "DMDS": 16.0}[kind]
            sigma = {"ORD": 0.6, "MSNA": 0.5, "DMDS": 0.35}[kind]
            places = float(np.exp(rng.normal(np.log(mean), sigma))) * (1 + comuni.at[lead, "population"] / 400_000)
            # Rows: the lead comune and up to three adhering comuni, by target group.
            if kind == "ORD":
                n_rows = 1 + int(rng.binomial(3, 0.4))
                groups = list(rng.choice(_ORD_GROUPS, size=n_rows, replace=False, p=_ORD_GROUP_P))
            else:
                n_rows = 1 + int(rng.random() < 0.3)
                groups = ["msna" if kind == "MSNA" else "dm_ds"] * n_rows
            where = [lead] + list(rng.choice(len(comuni), size=n_rows - 1, p=weights))
            shares = rng.dirichlet(np.full(n_rows, 2.0)) * np.array([_GROUP_WEIGHT[g] for g in groups])
            seen_rows = set()
            expand_at = int(rng.integers(_mi_of("2021-09"), _mi_of("2023-07"))) if rng.random() < 0.2 else None
            factor = rng.uniform(1.2, 1.8)
            for g, w, s in zip(groups, where, shares, strict=True):
                key = (int(w), g)
                if key in seen_rows:
                    continue
                seen_rows.add(key)
                slot = {"project_code": code, "province_code": row.code,
                        "municipality_code": comuni.at[int(w), "code"], "target_group": g,
                        "raw": max(places * s, 2.0), "kind": kind,
                        "rate": {"ORD": 0.9, "MSNA": 0.86, "DMDS": 0.85}[kind]}
                if expand_at is not None and first < expand_at <= last:
                    slots.append({**slot, "first": first, "last": expand_at - 1})
                    slots.append({**slot, "raw": slot["raw"] * factor, "first": expand_at, "last": last})
                else:
                    slots.append({**slot, "first": first, "last": last})
            lines.append(kind)
    frame = pd.DataFrame(slots)
    # Scale each line to its national places in August 2024.
    ref = _mi_of("2024-08")
    active = (frame["first"] <= ref) & (frame["last"] >= ref)
    for kind, target in _SAI_TARGETS.items():
        mask = frame["kind"] == kind
        frame.loc[mask, "raw"] *= target / frame.loc[mask & active, "raw"].sum()
    frame["places"] = np.maximum(np.round(frame["raw"]), 2).astype(np.int64)
    size = frame["target_group"].map(_GROUP_SIZE).to_numpy(float)
    frame["structures"] = np.maximum(1, np.round(frame["places"] / size)).astype(np.int64)
    frame["municipality_code"] = _col(frame["municipality_code"].tolist())
    b.add("capacity", _capacity(rng, frame, sd=0.04, overflow=0.003))


def _national_cas(b: _Builder, terr: _Territory) -> None:
    rng = b.rng
    provinces = terr.provinces[~terr.provinces["code"].isin(("015", "012"))].reset_index(drop=True)
    pop = provinces["population"].to_numpy(float)
    tilt = np.where(provinces["region_code"] == "03", 0.9, 1.0)
    share = pop**0.95 * tilt
    # The two seed CAS hold 5.8% of the national places; the others share the rest.
    share = share / share.sum() * (1 - 0.058)
    curve = _cas_curve()
    drift = 1 + 0.08 * _ar(rng, len(provinces), phi=0.97)
    curves = curve[None, :] * share[:, None] * drift
    slots = []
    for i, row in enumerate(provinces.itertuples()):
        code = f"CAS-{row.short}"
        first, last = b.project(code, f"CAS - Centri di accoglienza straordinaria - {terr.prefecture(row.code)}",
                                "CAS", terr.prefecture(row.code),
                                f"Enti gestori in convenzione - {terr.prefecture(row.code)}", dt.date(2014, 6, 1))
        comuni = terr.comuni[row.code]
        k = int(np.clip(round(row.population / 90_000), 3, 14))
        chosen = [0] + list(rng.choice(np.arange(1, min(len(comuni), 60)), size=k - 1, replace=False))
        weights = comuni.loc[chosen, "population"].to_numpy(float) ** 0.7
        weights /= weights.sum()
        for j, (c, w) in enumerate(zip(chosen, weights, strict=True)):
            groups = {"uomini": 0.8, "nuclei": 0.12, "donne": 0.08}
            if j == 0:
                groups = {"uomini": 0.72, "nuclei": 0.12, "donne": 0.08, "msna": 0.08}
            elif rng.random() < 0.5:
                groups = {"uomini": 1.0}
            for g, gs in groups.items():
                slots.append({"project_code": code, "province_code": row.code,
                              "municipality_code": comuni.at[int(c), "code"], "target_group": g, "share": w * gs,
                              "size": {"uomini": 14, "nuclei": 5, "donne": 6, "msna": 12}[g], "first": first,
                              "last": last, "rate": 0.95, "curve": i})
    frame = pd.DataFrame(slots)
    frame["municipality_code"] = _col(frame["municipality_code"].tolist())
    b.add("capacity", _cas_frame(rng, frame, curves))


def _uncovered(b: _Builder, province: np.ndarray, month: np.ndarray) -> np.ndarray:
    keep = np.ones(len(month), dtype=bool)
    for prov, first, last in b.covered:
        keep &= ~((province == prov) & (month >= first) & (month <= last))
    return keep


def _national_trafficking(b: _Builder, terr: _Territory) -> None:
    """21 regional anti-trafficking projects: outreach, activity, shelters, services, training."""
    rng = b.rng
    pop = terr.provinces.set_index("code")["population"]
    projects, provinces, weights, yearly, beds = [], [], [], [], []
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
            projects.append(code)
            provinces.append(prov)
            weights.append(wi)
            yearly.append(contacts_year * wi)
            beds.append(area_beds * wi)
    beds = np.array(beds) / np.sum(beds) * 1700
    n = len(provinces)
    slot, month = _expand(np.zeros(n, dtype=int), np.full(n, N_MONTHS - 1))
    project = np.array(projects, dtype=object)[slot]
    province = np.array(provinces, dtype=object)[slot]
    keep = _uncovered(b, province, month)
    slot, month, project, province = slot[keep], month[keep], project[keep], province[keep]
    agri = np.array([_AGRICULTURAL.get(p, 0.12) for p in provinces])[slot]
    trend = 1 + 0.03 * month / 12
    level = np.array(yearly)[slot] / 12 * trend * _covid(month) * rng.lognormal(0.0, 0.2, len(month))
    lam = ((level * (1 - agri))[:, None] * _P_TRAFFICKING[None, :]
           + (level * agri * (0.7 + 0.8 * _harvest(month)))[:, None] * _P_LABOUR[None, :])
    b.add("outreach", _outreach(rng, project, province, month, lam, _F_TRAFFICKING))
    del lam
    outings = rng.poisson(np.maximum(level / 6, 1))
    b.add("outreach_activity", _activity(project, province, month, "unita_mobile", outings,
                                         np.maximum(outings - rng.poisson(1, len(month)), 0)))
    b.add("outreach_activity", _activity(project, province, month, "drop_in", np.zeros(len(month)),
                                         np.where(np.array(weights)[slot] > 0.2, rng.integers(6, 17, len(month)), 0)))
    in_care = np.array(beds)[slot] * 1.3
    b.add("services", _services(rng, project, province, month, in_care, {
        "supporto_psicologico": (0.25, 1.5), "orientamento_legale": (0.30, 1.5), "formazione_linguistica": (0.35, 8.0),
        "formazione_professionale": (0.08, 25.0), "inserimento_lavorativo": (0.12, 6.0), "tirocinio": (0.08, 60.0),
        "accompagnamento": (0.5, 2.0), "mediazione_abitativa": (0.06, 4.0), "altro": (0.04, 2.0),
    }))
    # Shelters: about 1,700 protected beds, no comune.
    shelter_rows = []
    for code, prov, bed in zip(projects, provinces, beds, strict=True):
        total = max(4, int(round(bed)))
        split = {"donne": 0.65, "uomini": 0.2, "misto": 0.1, "lgbtqia": 0.05} if total >= 12 else {"donne": 1.0}
        for g, s in split.items():
            places = int(round(total * s))
            if places:
                shelter_rows.append({"project_code": code, "province_code": prov, "municipality_code": None,
                                     "target_group": g, "structures": max(1, int(np.ceil(places / 4.5))),
                                     "places": places, "first": 0, "last": N_MONTHS - 1, "rate": 0.75})
    shelters = pd.DataFrame(shelter_rows)
    shelters["municipality_code"] = _col([None] * len(shelters))
    cap = _capacity(rng, shelters, sd=0.1)
    cap_month = cap["period"].map(_MONTH_INDEX).to_numpy()
    b.add("capacity", cap[_uncovered(b, cap["province_code"].to_numpy(object), cap_month)])


def _national_desks(b: _Builder, terr: _Territory) -> None:
    """21 regional FAMI networks of desks and the national Numero Verde Antitratta."""
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
    slot, month = _expand(np.zeros(n, dtype=int), np.full(n, N_MONTHS - 1))
    project = np.array(codes, dtype=object)[slot]
    province = np.array(provinces, dtype=object)[slot]
    level = (100 + 0.00026 * np.array(pops))[slot] * _covid(month) * rng.lognormal(0.0, 0.15, len(month))
    agri = np.array([_AGRICULTURAL.get(p, 0.1) for p in provinces])[slot]
    lam = ((level * (1 - agri))[:, None] * _P_DESK[None, :]
           + (level * agri * (0.6 + 0.8 * _harvest(month)))[:, None] * _P_LABOUR[None, :])
    b.add("outreach", _outreach(rng, project, province, month, lam, _F_DESK))
    del lam
    b.add("outreach_activity", _activity(project, province, month, "sportello", np.zeros(len(month)),
                                         np.round(rng.integers(8, 21, len(month)) * _covid(month))))
    b.add("services", _services(rng, project, province, month, level, {
        "orientamento_legale": (0.15, 1.0), "accompagnamento": (0.10, 1.5), "formazione_linguistica": (0.06, 20.0),
        "inserimento_lavorativo": (0.03, 4.0), "mediazione_abitativa": (0.02, 3.0), "supporto_psicologico": (0.01, 1.5),
    }))
    # The Numero Verde Antitratta: calls from every province, referred to the regional projects.
    code = "NUMERO-VERDE-AT"
    b.project(code, "Numero Verde Antitratta 800 290 290", "ANTITRATTA", "Dipartimento per le Pari Opportunità",
              "Comune di Venezia", dt.date(2000, 7, 1), None, "programma-unico")
    pop_all = terr.provinces["population"].to_numpy(float)
    slot, month = _expand(np.zeros(len(pop_all), dtype=int), np.full(len(pop_all), N_MONTHS - 1))
    province = terr.provinces["code"].to_numpy(object)[slot]
    calls = 3600 / 12 * (pop_all / pop_all.sum())[slot] * rng.lognormal(0.0, 0.2, len(month))
    b.add("outreach", _outreach(rng, np.full(len(month), code, dtype=object), province, month,
                                calls[:, None] * _P_HOTLINE[None, :], _F_HOTLINE))


_PLAN_POOL = (
    ("Protocollo d'intesa sullo sfruttamento lavorativo e il caporalato", "prefettura"),
    ("Mappatura dei luoghi di reclutamento informale", "terzo_settore"),
    ("Procedura condivisa di segnalazione delle potenziali vittime", "ambito_sociale"),
    ("Formazione congiunta di forze dell'ordine e ispettori del lavoro", "ispettorato_lavoro"),
    ("Campagna informativa multilingue sui diritti dei lavoratori", "sindacato"),
    ("Accesso ai servizi sanitari per lavoratori stagionali", "asl"),
    ("Trasporto verso i luoghi di lavoro nella stagione di raccolta", "comune"),
    ("Iscrizione delle aziende alla Rete del lavoro agricolo di qualità", "associazione_datoriale"),
    ("Controlli congiunti nei periodi di picco", "forze_ordine"),
    ("Raccordo con la Commissione territoriale per l'identificazione delle vittime", "commissione_territoriale"),
    ("Formazione degli operatori dell'accoglienza sugli indicatori di tratta", "ente_gestore"),
    ("Alloggi temporanei per lavoratori stagionali", "comune"),
    ("Sportello di orientamento legale per lavoratori stranieri", "terzo_settore"),
    ("Banca dati condivisa delle segnalazioni", "prefettura"),
)


def _health_body(region: str, province_name: str) -> str:
    template = {"03": "ATS di {}", "05": "Azienda ULSS di {}", "08": "AUSL di {}", "09": "Azienda USL di {}",
                "18": "ASP di {}", "19": "ASP di {}"}.get(region, "ASL di {}")
    return template.format(province_name)


def _national_tables(b: _Builder, terr: _Territory) -> None:
    """Prefecture working tables in about 60% of the provinces (the seeds' three excluded)."""
    rng = b.rng
    members_parts, meeting_parts, action_parts, training_rows = [], [], [], []
    for row in terr.provinces.itertuples():
        if row.code in ("015", "028", "064", "111") or rng.random() > 0.6:
            continue
        name = terr.name(row.code)
        capital = terr.capital(row.code)
        start_m = int(rng.integers(_mi_of("2019-03"), _mi_of("2024-01")))
        start = _weekday_in(2019 + start_m // 12, start_m % 12 + 1, 2, 2)
        candidates = [
            (terr.prefecture(row.code), "prefettura", 1.0), (f"Comune di {capital}", "comune", 1.0),
            (f"Ambito territoriale sociale di {capital}", "ambito_sociale", 0.7),
            (_health_body(row.region_code, name), "asl", 0.9), (f"Questura di {name}", "forze_ordine", 1.0),
            (f"Comando Provinciale Carabinieri di {name}", "forze_ordine", 0.7),
            (f"Procura della Repubblica presso il Tribunale di {capital}", "procura", 0.7),
            (f"Ispettorato Territoriale del Lavoro di {name}", "ispettorato_lavoro", 0.9),
            (f"CGIL {name}", "sindacato", 0.8), (f"CISL {name}", "sindacato", 0.6), (f"UIL {name}", "sindacato", 0.4),
            (f"Coldiretti {name}", "associazione_datoriale", 0.6),
            (f"Confagricoltura {name}", "associazione_datoriale", 0.4),
            (f"Caritas diocesana di {capital}", "terzo_settore", 0.7),
            (f"Coordinamento degli enti gestori dell'accoglienza di {name}", "ente_gestore", 0.5),
        ]
        members = []
        for organisation, kind, p in candidates:
            if p < 1.0 and rng.random() > p:
                continue
            joined = start if rng.random() < 0.8 else start + dt.timedelta(weeks=int(rng.integers(8, 100)))
            left = None
            if rng.random() < 0.05:
                left = joined + dt.timedelta(weeks=int(rng.integers(30, 130)))
            if joined <= dt.date(2025, 12, 31):
                members.append((organisation, kind, joined.isoformat(), left.isoformat() if left else None))
        network = _network_frames(row.code, members)
        members_parts.append(network)
        step = int(rng.integers(2, 5))
        schedule = {"tavolo": [start] + _every(MONTHS[min(start_m + step, N_MONTHS - 1)], "2025-12", step)}
        if rng.random() < 0.5:
            schedule["rete"] = _every(MONTHS[min(start_m + 1, N_MONTHS - 1)], "2025-12", 4, weekday=3, nth=3)
        meeting_parts.append(_meetings(rng, row.code, network, schedule, 1.5))
        picks = rng.choice(len(_PLAN_POOL), size=int(rng.integers(3, 9)), replace=False)
        plan = []
        for k, pick in enumerate(sorted(picks)):
            title, lead = _PLAN_POOL[int(pick)]
            due = start + dt.timedelta(weeks=int(rng.integers(17, 200)))
            status = str(rng.choice(("pianificata", "in_corso", "completata", "sospesa"), p=(0.25, 0.35, 0.3, 0.1)))
            done = None
            if status == "completata":
                done = min(due + dt.timedelta(weeks=int(rng.integers(-13, 9))), dt.date(2025, 12, 17))
                done = max(done, start)
            plan.append((f"PIL-{row.short}-{k + 1:02d}", title, lead, status, due.isoformat(),
                         done.isoformat() if done else None))
        action_parts.append(_plan_frame(row.code, plan))
    b.add("network_members", pd.concat(members_parts, ignore_index=True))
    b.add("meetings", pd.concat(meeting_parts, ignore_index=True))
    b.add("actions", pd.concat(action_parts, ignore_index=True))
    # Training for operators in every province (regional projects and prefectures), a few courses a year.
    codes = terr.provinces["code"].to_numpy(object)
    slot, month = _expand(np.zeros(len(codes), dtype=int), np.full(len(codes), N_MONTHS - 1))
    for audience, p in (("operatori_pubblici", 0.06), ("operatori_privati", 0.07), ("forze_ordine", 0.03),
                        ("misto", 0.04)):
        held = np.nonzero(rng.random(len(month)) < p)[0]
        courses = 1 + rng.binomial(1, 0.2, len(held))
        hours = courses * rng.choice([4.0, 6.0, 8.0, 12.0, 16.0], size=len(held))
        participants = courses * rng.integers(8, 36, len(held))
        training_rows.append(pd.DataFrame({"period": _MONTHS[month[held]], "province_code": codes[slot[held]],
                                           "audience": audience, "courses": courses, "hours": hours,
                                           "participants": participants}))
    training = pd.concat(training_rows, ignore_index=True)
    seeded = pd.concat(b.parts["training"], ignore_index=True)
    seeded_keys = set(zip(seeded["period"], seeded["province_code"], seeded["audience"], strict=True))
    keys = list(zip(training["period"], training["province_code"], training["audience"], strict=True))
    b.add("training", training[[k not in seeded_keys for k in keys]])


def _national(b: _Builder) -> None:
    terr = _Territory(b.ref)
    _national_sai(b, terr)
    _national_cas(b, terr)
    _national_trafficking(b, terr)
    _national_desks(b, terr)
    _national_tables(b, terr)


# --- Public API -----------------------------------------------------------------------------------------------
def generate(scale: str = "seeds", seed: int = 42) -> DemoData:
    """The demo data of a scale ("seeds" or "national"): pure and deterministic for a given seed."""
    if scale not in SCALES:
        raise ValueError(f"Scala dei dati dimostrativi sconosciuta: {scale!r} (ammesse: {', '.join(SCALES)}).")
    builder = _Builder(np.random.default_rng(seed), reference_frames())
    _seeds(builder)
    if scale == "national":
        _national(builder)
    return builder.finish()


def seed_demo(engine, *, scale: str, seed: int, secret: bytes) -> int:
    """Generate the demo data and load them as one data version (kind "demo"). Returns the version id."""
    from data_access import loading

    data = generate(scale, seed)
    return loading.load(engine, secret=secret, kind="demo", source=f"demo:{scale}:seed={seed}",
                        frames=data.frames, projects=data.projects)
