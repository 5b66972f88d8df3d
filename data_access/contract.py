"""The data contract as files see it: for every table, its columns with the Italian header of the templates,
whether a value is required, its kind, an Italian description and an example value.

This is the single source of the import templates, the header matching of uploaded files, the validation rules
and the data dictionary (``docs/dizionario_dati.md``, rendered by :func:`dictionary_markdown` and checked
against the models by a test).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from config.labels import t
from data_access.models import PROGRAMMES, PROJECT_COLUMNS, TABLES


@dataclass(frozen=True)
class Column:
    name: str  # the contract (database) name
    header: str  # the Italian header of the templates
    kind: str  # period | province | municipality | project | code | count | number | date | text | programme
    required: bool
    description: str
    example: str
    max_length: int | None = None  # for text


def _c(name, header, kind, required, description, example, max_length=None) -> Column:
    return Column(name, header, kind, required, description, example, max_length)


_PERIOD = _c("period", "periodo", "period", True,
             "Mese dei dati, scritto AAAA-MM (per esempio 2024-03). Deve cadere tra l'inizio e la fine del progetto "
             "e non nel futuro.", "2024-03")
_PROVINCE = _c("province_code", "provincia", "province", True,
               "Provincia o città metropolitana: codice ISTAT a tre cifre (015), nome (Milano) o sigla (MI).", "014")
_PROJECT = _c("project_code", "progetto", "project", True,
              "Codice del progetto, come registrato nell'anagrafica dei progetti (tabella projects).", "SAI-SONDRIO")

COLUMNS: dict[str, tuple[Column, ...]] = {
    "projects": (
        _c("project_code", "codice_progetto", "text", True,
           "Codice breve e stabile del progetto: lettere maiuscole, cifre e trattini (per esempio SAI-SONDRIO).",
           "SAI-SONDRIO", 40),
        _c("name", "denominazione", "text", True, "Denominazione del progetto.", "SAI Provincia di Sondrio", 200),
        _c("programme", "programma", "programme", True, "Programma di finanziamento.", "SAI"),
        _c("lead_body", "ente_titolare", "text", False, "Ente titolare (per esempio il comune capofila).",
           "Provincia di Sondrio", 200),
        _c("managing_body", "ente_gestore", "text", False, "Ente gestore.", "Cooperativa Lotta contro "
           "l'emarginazione", 200),
        _c("start_date", "data_inizio", "date", True, "Inizio delle attività: AAAA-MM-GG o GG/MM/AAAA.",
           "2014-02-01"),
        _c("end_date", "data_fine", "date", False, "Fine delle attività (vuota se in corso).", ""),
        _c("funding_call", "avviso", "text", False, "Avviso o bando di finanziamento.", "", 80),
    ),
    "capacity": (
        _PERIOD, _PROVINCE,
        _c("municipality_code", "comune", "municipality", False,
           "Comune della struttura: codice ISTAT a sei cifre (014061) o nome. Lasciare vuoto per i progetti "
           "ANTITRATTA (le case protette non si localizzano sotto la provincia).", "014061"),
        _PROJECT,
        _c("target_group", "target", "code", True, "Gruppo di destinatari dei posti.", "uomini"),
        _c("structures", "strutture", "count", True, "Strutture attive alla fine del mese.", "3"),
        _c("places", "posti", "count", True, "Posti attivi alla fine del mese.", "12"),
        _c("occupied", "presenze", "count", True, "Posti occupati (persone presenti) alla fine del mese.", "10"),
    ),
    "outreach": (
        _PERIOD, _PROVINCE, _PROJECT,
        _c("channel", "canale", "code", True, "Canale di contatto.", "unita_mobile"),
        _c("exploitation", "sfruttamento", "code", True, "Forma di sfruttamento.", "sessuale"),
        _c("gender", "genere", "code", True, "Genere delle persone.", "donna"),
        _c("age_group", "fascia_eta", "code", True, "Fascia d'età.", "18-25"),
        _c("contacts", "contatti", "count", True, "Persone contattate nel mese.", "25"),
        _c("new_contacts", "nuovi_contatti", "count", True, "Di cui contattate per la prima volta.", "12"),
        _c("assessments", "valutazioni", "count", True, "Colloqui di valutazione svolti.", "4"),
        _c("potential_victims", "potenziali_vittime", "count", True, "Potenziali vittime identificate.", "2"),
        _c("referrals", "invii", "count", True, "Invii ad altri servizi.", "3"),
        _c("take_ins", "prese_in_carico", "count", True, "Nuove prese in carico.", "1"),
    ),
    "outreach_activity": (
        _PERIOD, _PROVINCE, _PROJECT,
        _c("channel", "canale", "code", True, "Canale (unità mobile, drop-in, sportello...).", "unita_mobile"),
        _c("outings", "uscite", "count", True, "Uscite dell'unità mobile nel mese.", "8"),
        _c("opening_days", "giorni_apertura", "count", True, "Giorni di apertura nel mese (drop-in, sportello).",
           "0"),
    ),
    "services": (
        _PERIOD, _PROVINCE, _PROJECT,
        _c("service", "servizio", "code", True, "Servizio erogato.", "orientamento_legale"),
        _c("people", "persone", "count", True, "Persone che hanno ricevuto il servizio nel mese.", "6"),
        _c("hours", "ore", "number", True, "Ore di servizio nel mese (decimali con la virgola: 7,5).", "14,5"),
    ),
    "network_members": (
        _PROVINCE,
        _c("organisation", "organizzazione", "text", True,
           "Ente aderente alla rete o al tavolo (nome dell'ente, mai di una persona).", "ASL Sondrio", 200),
        _c("organisation_type", "tipo_organizzazione", "code", True, "Tipo di ente.", "asl"),
        _c("joined", "data_adesione", "date", True, "Data di adesione: AAAA-MM-GG o GG/MM/AAAA.", "2023-01-15"),
        _c("left", "data_uscita", "date", False, "Data di uscita dalla rete (vuota se aderisce ancora).", ""),
    ),
    "meetings": (
        _c("date", "data", "date", True, "Data della riunione: AAAA-MM-GG o GG/MM/AAAA.", "2024-03-12"),
        _PROVINCE,
        _c("body", "organismo", "code", True, "Organismo riunito.", "tavolo"),
        _c("organisations_present", "enti_presenti", "count", True, "Enti presenti.", "9"),
        _c("decisions", "decisioni", "count", True, "Decisioni prese.", "2"),
    ),
    "actions": (
        _PROVINCE,
        _c("action_code", "codice_azione", "text", True, "Codice dell'azione nel Piano di intervento locale.",
           "PIL-01", 40),
        _c("title", "titolo", "text", True, "Titolo dell'azione (breve; nessun nome di persona).",
           "Sportello legale presso lo SUI", 300),
        _c("lead_organisation_type", "tipo_capofila", "code", True, "Tipo di ente capofila dell'azione.",
           "prefettura"),
        _c("status", "stato", "code", True, "Stato dell'azione.", "in_corso"),
        _c("due_date", "scadenza", "date", False, "Scadenza prevista.", "2024-12-31"),
        _c("completed_date", "data_completamento", "date", False, "Data di completamento (se completata).", ""),
    ),
    "training": (
        _PERIOD, _PROVINCE,
        _c("audience", "destinatari", "code", True, "Destinatari della formazione.", "operatori_pubblici"),
        _c("courses", "corsi", "count", True, "Corsi svolti nel mese.", "1"),
        _c("hours", "ore", "number", True, "Ore di formazione (decimali con la virgola).", "6"),
        _c("participants", "partecipanti", "count", True, "Partecipanti.", "18"),
    ),
}

TITLES: dict[str, str] = {table: t(f"import.table.{table}") for table in COLUMNS}  # in Italian

# A load replaces the current rows that share these columns with a row of the file (idempotent re-loads).
REPLACE_KEYS: dict[str, tuple[str, ...]] = {
    "projects": ("project_code",),
    "capacity": ("project_code", "period"),
    "outreach": ("project_code", "period"),
    "outreach_activity": ("project_code", "period"),
    "services": ("project_code", "period"),
    "network_members": ("province_code", "organisation"),
    "meetings": ("province_code", "date"),
    "actions": ("province_code", "action_code"),
    "training": ("province_code", "period"),
}


def replace_rule(keys: tuple[str, ...], lang: str = "it") -> str:
    """What a new upload replaces, in words ("i dati dello stesso progetto e dello stesso mese")."""
    return t("imports.replace." + ".".join(keys), lang)


def codes(table: str, column: str) -> tuple[str, ...]:
    """The allowed values of a code column."""
    if table == "projects" and column == "programme":
        return PROGRAMMES
    return TABLES[table].codes[column]


def contract_columns(table: str) -> tuple[str, ...]:
    """The model's contract columns of a table, in contract order."""
    return PROJECT_COLUMNS if table == "projects" else TABLES[table].columns


def key_columns(table: str) -> tuple[str, ...]:
    """The columns that identify a row of the file (two rows with the same values are duplicates)."""
    return ("project_code",) if table == "projects" else TABLES[table].dimensions


def norm(text) -> str:
    """A header or code as matched: lower case, no accents, runs of spaces and punctuation as one underscore
    ("Fascia età" -> "fascia_eta", "Unità mobile" -> "unita_mobile"); "+" is kept ("41+")."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9+]+", "_", text.lower()).strip("_")


def header_names(table: str) -> dict[str, str]:
    """Every accepted spelling of a header (normalised) -> contract name: the Italian header, the contract name."""
    names: dict[str, str] = {}
    for column in COLUMNS[table]:
        names[norm(column.header)] = column.name
        names[norm(column.name)] = column.name
    return names


def allowed_text(table: str, column: Column) -> str:
    if column.kind == "code":
        return ", ".join(codes(table, column.name))
    if column.kind == "programme":
        return ", ".join(PROGRAMMES)
    return {"period": "AAAA-MM", "province": "codice ISTAT, nome o sigla", "municipality": "codice ISTAT o nome",
            "project": "codice di un progetto registrato", "count": "intero >= 0",
            "number": "numero >= 0 (virgola decimale)", "date": "AAAA-MM-GG o GG/MM/AAAA",
            "text": f"testo (al massimo {column.max_length} caratteri)"}[column.kind]


def dictionary_markdown() -> str:
    """The data dictionary (docs/dizionario_dati.md): every table, column, rule and code."""
    lines = [
        "# Dizionario dei dati",
        "",
        "Generato da `data_access/contract.py` con `python manage.py dictionary`; un test verifica che coincida "
        "con il codice e con i modelli. I modelli da compilare (CSV e XLSX) si scaricano dalla pagina "
        "*Carica dati* o con `python manage.py template TABELLA`.",
        "",
        "Regole comuni a tutti i file:",
        "",
        "- CSV separato da punto e virgola o da virgola, codifica UTF-8 (con o senza BOM) o Windows-1252; oppure "
        "XLSX (il primo foglio o quello indicato). Le righe che iniziano con `#` prima delle intestazioni sono "
        "commenti.",
        "- Intestazioni nella prima riga: in italiano (come nei modelli) o con i nomi inglesi del contratto; "
        "maiuscole, spazi e accenti non contano.",
        "- Conteggi: numeri interi maggiori o uguali a zero, senza separatore delle migliaia. Ore: decimali con la "
        "virgola o con il punto.",
        "- Nessun dato personale: colonne o valori che sembrano nomi, codici fiscali, date di nascita, telefoni, "
        "email, indirizzi o note libere fanno rifiutare il file.",
        "- Ogni caricamento è una versione dei dati, tutto o niente. Un nuovo caricamento sostituisce le righe "
        "attuali con la stessa chiave di sostituzione (indicata per ogni tabella); ricaricare lo stesso file non "
        "cambia nulla.",
        "",
    ]
    for table, columns in COLUMNS.items():
        lines += [f"## {TITLES[table]} (`{table}`)", "",
                  f"Chiave di sostituzione: {replace_rule(REPLACE_KEYS[table])} "
                  f"({', '.join(f'`{c}`' for c in REPLACE_KEYS[table])}).", "",
                  "| intestazione | nome del contratto | obbligatoria | valori | descrizione |",
                  "|---|---|---|---|---|"]
        for column in columns:
            lines.append(f"| `{column.header}` | `{column.name}` | {'sì' if column.required else 'no'} | "
                         f"{allowed_text(table, column)} | {column.description} |")
        lines.append("")
    return "\n".join(lines)
