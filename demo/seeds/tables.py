"""The working tables of the seeds (Avellino, Milano, Padova): members, meeting calendars and local action plans."""

from __future__ import annotations

import datetime as dt

from demo.builder import Builder
from demo.network import meeting_dates, meeting_frame, member_frame, plan_frame
from demo.seeds.bodies import LOTTA, POLIS

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

# Local action plans: (code, title, lead type, status, due, completed[, the indicator it targets]).
_PLAN_AVELLINO = [
    ("PIL-AV-01", "Protocollo d'intesa per l'emersione dello sfruttamento lavorativo in agricoltura", "prefettura",
     "completata", "2024-03-31", "2024-03-20"),
    ("PIL-AV-02", "Linee di indirizzo territoriali per l'intervento su tratta e sfruttamento", "prefettura",
     "in_corso", "2024-12-31", None),
    ("PIL-AV-03", "Mappatura dei luoghi di reclutamento informale e degli insediamenti", "terzo_settore",
     "completata", "2024-06-30", "2024-07-15"),
    ("PIL-AV-04", "Sportello di secondo livello per l'emersione delle vulnerabilità", "prefettura",
     "completata", "2023-12-31", "2023-11-27", "valutazioni"),
    ("PIL-AV-05", "Polo giuridico presso lo Sportello Unico per l'Immigrazione", "prefettura",
     "completata", "2024-01-31", "2024-02-12"),
    ("PIL-AV-06", "Analisi dei bisogni formativi degli operatori pubblici e privati", "terzo_settore",
     "completata", "2023-12-15", "2023-12-11"),
    ("PIL-AV-07", "Procedura condivisa di segnalazione al Numero Verde Antitratta", "ambito_sociale",
     "in_corso", "2025-06-30", None, "contatti"),
    ("PIL-AV-08", "Formazione congiunta per forze dell'ordine e ispettori del lavoro", "ispettorato_lavoro",
     "in_corso", "2026-03-31", None, "partecipanti_formazione"),
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
     "2026-06-30", None, "prese_in_carico"),
    ("PIL-MI-05", "Formazione degli operatori dei CAS sugli indicatori di tratta", "prefettura", "pianificata",
     "2026-03-31", None, "valutazioni"),
]
_PLAN_PADOVA = [
    ("PIL-PD-01", "Procedura di referral tra Commissione territoriale e rete N.A.Ve", "commissione_territoriale",
     "completata", "2020-03-31", "2020-05-20"),
    ("PIL-PD-02", "Mappatura delle aziende agricole a rischio nella bassa padovana", "ispettorato_lavoro",
     "sospesa", "2022-12-31", None),
    ("PIL-PD-03", "Percorsi di inserimento lavorativo per vittime in uscita dai progetti", "terzo_settore",
     "in_corso", "2025-06-30", None, "persone_servizi"),
    ("PIL-PD-04", "Sportello sanitario di prossimità per persone in prostituzione", "asl", "pianificata",
     "2026-12-31", None, "contatti"),
]


def working_tables(b: Builder) -> None:
    """The working tables of Avellino (RE.T.I.), Milano and Padova: members, their meetings, their action plans."""
    rng = b.rng
    for province, members, plan, schedule in (
        ("064", _TABLE_AVELLINO, _PLAN_AVELLINO, {
            "tavolo": [dt.date(2023, 7, 12)] + meeting_dates("2023-10", "2025-12", 2, weekday=2, nth=1),
            "rete": meeting_dates("2023-11", "2025-11", 3, weekday=3, nth=3),
            "cabina_regia": meeting_dates("2023-06", "2025-12", 6, weekday=0, nth=2)}),
        ("015", _TABLE_MILANO, _PLAN_MILANO, {
            "tavolo": [dt.date(2019, 2, 13)] + meeting_dates("2019-05", "2025-11", 3, weekday=2, nth=2),
            "cabina_regia": meeting_dates("2019-01", "2025-12", 2, weekday=1, nth=3),
            "rete": meeting_dates("2022-11", "2024-01", 2, weekday=3, nth=1)}),
        ("028", _TABLE_PADOVA, _PLAN_PADOVA, {
            "tavolo": [dt.date(2019, 5, 15)] + meeting_dates("2019-11", "2025-11", 6, weekday=2, nth=3),
            "rete": meeting_dates("2019-03", "2025-12", 3, weekday=1, nth=2)}),
    ):
        network = member_frame(province, members)
        b.add("network_members", network)
        b.add("meetings", meeting_frame(rng, province, network, schedule, 2.0))
        b.add("actions", plan_frame(province, plan))
