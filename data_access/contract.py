"""The data contract as files see it: for every table, its columns with the Italian header of the templates,
whether a value is required, its kind, its description (a catalogue key: config/catalogue/imports.py) and an
example value.

This is the single source of the import templates, the header matching of uploaded files, the validation rules
and the data dictionary (``docs/dizionario_dati.md``, rendered by :func:`dictionary_markdown` and checked
against the models by a test).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from config.labels import t
from config.phrases import Phrase
from data_access.models import PROGRAMMES, PROJECT_COLUMNS, TABLES


@dataclass(frozen=True)
class Column:
    name: str  # the contract (database) name
    header: str  # the Italian header of the templates (what the check reads, in every language)
    kind: str  # period | province | municipality | project | code | count | number | date | text | programme
    required: bool
    example: str
    max_length: int | None = None  # for text
    about: str = ""  # the catalogue key of its description (config/catalogue/imports.py)

    @property
    def description(self) -> str:
        """The description in Italian (the data dictionary)."""
        return t(self.about)

    def describe(self, lang: str = "it") -> str:
        return t(self.about, lang)


def _c(name, header, kind, required, example, max_length=None, about="") -> Column:
    return Column(name, header, kind, required, example, max_length, about)


def _table(table: str, *columns: Column) -> tuple[Column, ...]:
    """A table's columns, each described by ``imports.column.<table>.<name>`` unless it shares a description."""
    return tuple(c if c.about else replace(c, about=f"imports.column.{table}.{c.name}") for c in columns)


_PERIOD = _c("period", "periodo", "period", True, "2024-03", about="imports.column.period")
_PROVINCE = _c("province_code", "provincia", "province", True, "014", about="imports.column.province_code")
_PROJECT = _c("project_code", "progetto", "project", True, "SAI-SONDRIO", about="imports.column.project_code")

COLUMNS: dict[str, tuple[Column, ...]] = {
    "projects": _table(
        "projects",
        _c("project_code", "codice_progetto", "text", True, "SAI-SONDRIO", 40),
        _c("name", "denominazione", "text", True, "SAI Provincia di Sondrio", 200),
        _c("programme", "programma", "programme", True, "SAI"),
        _c("lead_body", "ente_titolare", "text", False, "Provincia di Sondrio", 200),
        _c("managing_body", "ente_gestore", "text", False, "Cooperativa Lotta contro l'emarginazione", 200),
        _c("start_date", "data_inizio", "date", True, "2014-02-01"),
        _c("end_date", "data_fine", "date", False, ""),
        _c("funding_call", "avviso", "text", False, "", 80),
    ),
    "capacity": _table(
        "capacity", _PERIOD, _PROVINCE,
        _c("municipality_code", "comune", "municipality", False, "014061"),
        _PROJECT,
        _c("target_group", "target", "code", True, "uomini"),
        _c("structures", "strutture", "count", True, "3"),
        _c("places", "posti", "count", True, "12"),
        _c("occupied", "presenze", "count", True, "10"),
    ),
    "outreach": _table(
        "outreach", _PERIOD, _PROVINCE, _PROJECT,
        _c("channel", "canale", "code", True, "unita_mobile"),
        _c("exploitation", "sfruttamento", "code", True, "sessuale"),
        _c("gender", "genere", "code", True, "donna"),
        _c("age_group", "fascia_eta", "code", True, "18-25"),
        _c("contacts", "contatti", "count", True, "25"),
        _c("new_contacts", "nuovi_contatti", "count", True, "12"),
        _c("assessments", "valutazioni", "count", True, "4"),
        _c("potential_victims", "potenziali_vittime", "count", True, "2"),
        _c("referrals", "invii", "count", True, "3"),
        _c("take_ins", "prese_in_carico", "count", True, "1"),
    ),
    "outreach_activity": _table(
        "outreach_activity", _PERIOD, _PROVINCE, _PROJECT,
        _c("channel", "canale", "code", True, "unita_mobile"),
        _c("outings", "uscite", "count", True, "8"),
        _c("opening_days", "giorni_apertura", "count", True, "0"),
    ),
    "services": _table(
        "services", _PERIOD, _PROVINCE, _PROJECT,
        _c("service", "servizio", "code", True, "orientamento_legale"),
        _c("people", "persone", "count", True, "6"),
        _c("hours", "ore", "number", True, "14,5"),
    ),
    "network_members": _table(
        "network_members", _PROVINCE,
        _c("organisation", "organizzazione", "text", True, "ASL Sondrio", 200),
        _c("organisation_type", "tipo_organizzazione", "code", True, "asl"),
        _c("joined", "data_adesione", "date", True, "2023-01-15"),
        _c("left", "data_uscita", "date", False, ""),
    ),
    "meetings": _table(
        "meetings",
        _c("date", "data", "date", True, "2024-03-12"),
        _PROVINCE,
        _c("body", "organismo", "code", True, "tavolo"),
        _c("organisations_present", "enti_presenti", "count", True, "9"),
        _c("decisions", "decisioni", "count", True, "2"),
    ),
    "actions": _table(
        "actions", _PROVINCE,
        _c("action_code", "codice_azione", "text", True, "PIL-01", 40),
        _c("title", "titolo", "text", True, "Sportello legale presso lo SUI", 300),
        _c("lead_organisation_type", "tipo_capofila", "code", True, "prefettura"),
        _c("status", "stato", "code", True, "in_corso"),
        _c("due_date", "scadenza", "date", False, "2024-12-31"),
        _c("completed_date", "data_completamento", "date", False, ""),
        _c("indicator", "indicatore", "code", False, "contatti"),
    ),
    "training": _table(
        "training", _PERIOD, _PROVINCE,
        _c("audience", "destinatari", "code", True, "operatori_pubblici"),
        _c("courses", "corsi", "count", True, "1"),
        _c("hours", "ore", "number", True, "6"),
        _c("participants", "partecipanti", "count", True, "18"),
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


def allowed(table: str, column: Column) -> Phrase | str:
    """The values a column accepts: its codes, or a phrase saying what its kind takes ("AAAA-MM", "intero >= 0")."""
    if column.kind in ("code", "programme"):
        return ", ".join(codes(table, column.name))
    if column.kind == "text":
        return Phrase("imports.allowed.text", limit=column.max_length)
    return Phrase(f"imports.allowed.{column.kind}")


def allowed_text(table: str, column: Column, lang: str = "it") -> str:
    """:func:`allowed` in words."""
    values = allowed(table, column)
    return values.text(lang) if isinstance(values, Phrase) else values


DICTIONARY_RULES = ("files", "headers", "counts", "personal", "versions")


def dictionary_markdown(lang: str = "it") -> str:
    """The data dictionary (docs/dizionario_dati.md, in Italian): every table, column, rule and code."""
    lines = [t("imports.dictionary.title", lang), "", t("imports.dictionary.intro", lang), "",
             t("imports.dictionary.rules", lang), ""]
    lines += [t(f"imports.dictionary.rule.{rule}", lang) for rule in DICTIONARY_RULES]
    lines.append("")
    yes, no = t("imports.template.yes", lang), t("imports.template.no", lang)
    for table, columns in COLUMNS.items():
        keys = ", ".join(f"`{c}`" for c in REPLACE_KEYS[table])
        lines += [f"## {t(f'import.table.{table}', lang)} (`{table}`)", "",
                  t("imports.dictionary.replace_key", lang, rule=replace_rule(REPLACE_KEYS[table], lang), keys=keys),
                  "", t("imports.dictionary.columns", lang), "|---|---|---|---|---|"]
        for column in columns:
            lines.append(f"| `{column.header}` | `{column.name}` | {yes if column.required else no} | "
                         f"{allowed_text(table, column, lang)} | {column.describe(lang)} |")
        lines.append("")
    return "\n".join([*lines, *number_forms_markdown(lang)])


def _read_as(parse, text: str, lang: str) -> str:
    """What a parser makes of ``text`` for the table of number forms: the value, or the refusal."""
    from data_access.imports.cells import CellProblem

    try:
        value = parse(text)
    except CellProblem as problem:
        return t("imports.dictionary.numbers.refused", lang, problem=problem.issue.text(lang))
    return str(value) if isinstance(value, int) else f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",")


def number_forms_markdown(lang: str = "it") -> list[str]:
    """The table of the written forms of numbers (data_access/imports/numbers.py), each read by the parsers of a
    count and of a quantity with decimals, so that the table says what the code does."""
    from data_access.imports import cells, numbers

    lines = [t("imports.dictionary.numbers.title", lang), "", t("imports.dictionary.numbers.intro", lang), "",
             t("imports.dictionary.numbers.columns", lang), "|---|---|---|"]
    lines += [f"| `{text.replace(' ', '␣')}` | {_read_as(cells.count, text, lang)} | "
              f"{_read_as(cells.number, text, lang)} |" for text in numbers.EXAMPLES]
    return [*lines, ""]
