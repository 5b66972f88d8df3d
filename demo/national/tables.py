"""National working tables (members, meetings, action plans) in about 60% of the provinces, and the training of
operators in every province."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from demo.builder import Builder
from demo.months import MONTH_CODES, MONTHS, N_MONTHS, expand, month_of, weekday_in
from demo.national.territory import Territory
from demo.network import meeting_dates, meeting_frame, member_frame, plan_frame

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
    """The local health authority of a province, by the name its region gives it."""
    template = {"03": "ATS di {}", "05": "Azienda ULSS di {}", "08": "AUSL di {}", "09": "Azienda USL di {}",
                "18": "ASP di {}", "19": "ASP di {}"}.get(region, "ASL di {}")
    return template.format(province_name)


def working_tables(b: Builder, terr: Territory) -> None:
    """Prefecture working tables in about 60% of the provinces (the seeds' three excluded), then the training of
    operators in every province."""
    rng = b.rng
    members_parts, meeting_parts, action_parts = [], [], []
    for row in terr.provinces.itertuples():
        if row.code in ("015", "028", "064", "111") or rng.random() > 0.6:
            continue
        start_m = int(rng.integers(month_of("2019-03"), month_of("2024-01")))
        start = weekday_in(2019 + start_m // 12, start_m % 12 + 1, 2, 2)
        network = member_frame(row.code, _members(rng, terr, row, start))
        members_parts.append(network)
        meeting_parts.append(meeting_frame(rng, row.code, network, _schedule(rng, start, start_m), 1.5))
        action_parts.append(plan_frame(row.code, _plan(rng, row.short, start)))
    b.add("network_members", pd.concat(members_parts, ignore_index=True))
    b.add("meetings", pd.concat(meeting_parts, ignore_index=True))
    b.add("actions", pd.concat(action_parts, ignore_index=True))
    _training(b, terr)


def _members(rng: np.random.Generator, terr: Territory, row, start: dt.date) -> list[tuple]:
    """The prefecture, the chief town, the police and the Questura always; the others each with its likelihood;
    most join at the first meeting, a few later, one in twenty leaves."""
    name = terr.name(row.code)
    capital = terr.capital(row.code)
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
    return members


def _schedule(rng: np.random.Generator, start: dt.date, start_m: int) -> dict[str, list[dt.date]]:
    """The table every 2 to 4 months from its first meeting; in half the provinces a network every 4 months."""
    step = int(rng.integers(2, 5))
    schedule = {"tavolo": [start] + meeting_dates(MONTHS[min(start_m + step, N_MONTHS - 1)], "2025-12", step)}
    if rng.random() < 0.5:
        schedule["rete"] = meeting_dates(MONTHS[min(start_m + 1, N_MONTHS - 1)], "2025-12", 4, weekday=3, nth=3)
    return schedule


def _plan(rng: np.random.Generator, short: str, start: dt.date) -> list[tuple]:
    """3 to 8 actions from the pool, each due 4 months to 4 years after the first meeting, in every status."""
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
        plan.append((f"PIL-{short}-{k + 1:02d}", title, lead, status, due.isoformat(),
                     done.isoformat() if done else None))
    return plan


def _training(b: Builder, terr: Territory) -> None:
    """Training for operators in every province (regional projects and prefectures), a few courses a year; a
    month, province and audience the seeds already train is left to them."""
    rng = b.rng
    codes = terr.provinces["code"].to_numpy(object)
    slot, month = expand(np.zeros(len(codes), dtype=int), np.full(len(codes), N_MONTHS - 1))
    training_rows = []
    for audience, p in (("operatori_pubblici", 0.06), ("operatori_privati", 0.07), ("forze_ordine", 0.03),
                        ("misto", 0.04)):
        held = np.nonzero(rng.random(len(month)) < p)[0]
        courses = 1 + rng.binomial(1, 0.2, len(held))
        hours = courses * rng.choice([4.0, 6.0, 8.0, 12.0, 16.0], size=len(held))
        participants = courses * rng.integers(8, 36, len(held))
        training_rows.append(pd.DataFrame({"period": MONTH_CODES[month[held]], "province_code": codes[slot[held]],
                                           "audience": audience, "courses": courses, "hours": hours,
                                           "participants": participants}))
    training = pd.concat(training_rows, ignore_index=True)
    seeded = pd.concat(b.parts["training"], ignore_index=True)
    seeded_keys = set(zip(seeded["period"], seeded["province_code"], seeded["audience"], strict=True))
    keys = list(zip(training["period"], training["province_code"], training["audience"], strict=True))
    b.add("training", training[[k not in seeded_keys for k in keys]])
