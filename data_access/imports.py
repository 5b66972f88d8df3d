"""File imports: read a CSV or XLSX table, check every row, show what would change, load it as one data version.

The steps, each usable alone (the import page and ``manage.py import`` call the same functions):

1. :func:`read_file` turns the bytes of an upload into a table of raw cells with their row numbers and column
   letters. It accepts CSV (comma or semicolon, UTF-8 with or without BOM, Windows-1252; ``#`` comment lines before
   the headers) and XLSX (first or named sheet, read by calamine, a reader only: formulas give their stored
   values and are never evaluated). Anything else is refused with a :class:`FileProblem` saying what the file
   is and what to do.
2. :func:`check` matches the headers (Italian or contract names, case, spaces and accents ignored), converts
   each cell (ISTAT codes or names for territories, codes, periods, dates, counts) and collects row-level
   :class:`Message` objects (row, column, value, problem, fix) in a :class:`Report`, including the personal-data
   guard and the logical warnings; then it computes the preview (:class:`Diff`) against the current data.
3. :func:`apply` loads a clean report in one transaction (data_access.loading.load) as a data version,
   replacing the current rows with the same replacement key (data_access.contract.REPLACE_KEYS): re-loading the
   same file changes nothing. :func:`rollback` undoes an import (administrators).

Nothing here writes before step 3, and step 3 writes all or nothing: a refused file leaves the database as it
was. Messages never repeat a value that looks like personal data.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import hashlib
import io
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine, and_, or_, select, tuple_

from config import settings
from data_access import auth, loading
from data_access.contract import (
    COLUMNS,
    REPLACE_KEYS,
    REPLACE_RULES,
    TITLES,
    Column,
    allowed_text,
    codes,
    contract_columns,
    header_names,
    key_columns,
    norm,
)
from data_access.models import PROGRAMMES, TABLES, DataVersion, Municipality, Project, Province

ERROR, WARNING = "errore", "avviso"
MAX_MESSAGES_PER_PROBLEM = 20  # rows listed for one (column, problem); the rest are counted in one line
HIDDEN = "(valore nascosto: possibile dato personale)"


class FileProblem(ValueError):
    """The file cannot be read as a table at all (empty, too big, not a spreadsheet...): one Italian message."""


@dataclass(frozen=True)
class Message:
    level: str  # "errore" (blocks the load) or "avviso" (shown, does not block)
    row: int | None  # row number as a spreadsheet shows it (headers are row 1 unless comments precede them)
    column: str | None  # the header as written in the file, with its column letter
    value: str | None
    problem: str
    fix: str

    def line(self) -> str:
        where = ", ".join(p for p in (f"riga {self.row}" if self.row else "",
                                      f"colonna {self.column}" if self.column else "") if p)
        value = f" valore «{self.value}»:" if self.value not in (None, "") else ""
        fix = self.fix[:1].upper() + self.fix[1:] + ("" if self.fix.endswith(("?", ".", ")")) else ".")
        return f"{self.level.capitalize()}{' - ' + where if where else ''}:{value} {self.problem}. {fix}"


@dataclass
class RawTable:
    """Cells as read (text for CSV; numbers, dates and text for XLSX), one column per header."""

    headers: list[str]
    letters: list[str]
    rows: list[int]
    cells: list[list]  # one list per column, aligned with rows
    details: str  # separator and encoding, or sheet name
    messages: list[Message] = field(default_factory=list)


@dataclass(frozen=True)
class Diff:
    """What a load would do to the current data: rows added (new keys), rows replacing current ones (changed
    keys, and how many current rows they replace), rows unchanged (identical to the current data: skipped)."""

    added: int
    replaced: int
    replaced_current: int
    unchanged: int

    @property
    def changes(self) -> bool:
        return bool(self.added or self.replaced)


@dataclass
class Report:
    table: str
    file_name: str
    file_hash: str
    rows: int  # data rows read
    messages: list[Message]
    frame: pd.DataFrame | None = None  # the converted rows (contract columns), None when there are errors
    diff: Diff | None = None
    details: str = ""
    _to_load: pd.DataFrame | None = None

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == ERROR]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.level == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors and self.frame is not None

    def ordered(self) -> list[Message]:
        """Errors first, then warnings, each by row (file-level messages first)."""
        return sorted(self.messages, key=lambda m: (m.level != ERROR, m.row or 0))

    def summary(self) -> str:
        rows = f"{self.rows:,}".replace(",", ".")
        head = f"File «{self.file_name}» ({self.details}), tabella {self.table}: {rows} righe lette"
        if self.errors:
            return f"{head}; {len(self.errors)} errori, {len(self.warnings)} avvisi: nulla è stato caricato."
        d = self.diff
        tail = "" if d is None else (f"; da aggiungere {d.added}, da sostituire {d.replaced} (al posto di "
                                     f"{d.replaced_current} righe attuali), invariate {d.unchanged}")
        return f"{head}; nessun errore, {len(self.warnings)} avvisi{tail}."


@dataclass(frozen=True)
class LoadResult:
    version: int | None  # None when nothing changed
    diff: Diff


RollbackError = loading.RollbackError


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sheet_names(data: bytes) -> list[str]:
    """The sheets of an XLSX file ([] for anything else, or an unreadable workbook)."""
    if not data.startswith(b"PK\x03\x04"):
        return []
    try:
        return list(_workbook(data, "").sheet_names)
    except FileProblem:  # read_file reports it in Italian
        return []


def columns_table(table: str) -> list[dict]:
    """The columns of a table for the import page: header, required, allowed values, description."""
    return [{"header": c.header, "required": c.required, "values": allowed_text(table, c),
             "description": c.description} for c in COLUMNS[table]]


def tables_for(projects: frozenset[str] | None) -> list[str]:
    """The tables a user may import: all for an administrator (None), the project tables for a data steward."""
    return [t for t in COLUMNS if projects is None or (t != "projects" and "project_code" in key_columns(t))]


# --- 1. Reading -----------------------------------------------------------------------------------------------
def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _size(n: int, rounding=math.ceil) -> str:
    """A size for a message: KB below 1 MB, one decimal; the file's size rounded up and the limit down, so a file
    just over the limit never reads as equal to it."""
    unit, scale = ("KB", 1024) if n < 1024 * 1024 else ("MB", 1024 * 1024)
    return f"{rounding(n / scale * 10) / 10:.1f} {unit}".replace(".", ",")


def read_file(data: bytes, file_name: str, *, sheet: str | None = None,
              limits: settings.ImportLimits | None = None) -> RawTable:
    """The table in ``data`` (CSV or XLSX, recognised by content, not by name). FileProblem if unreadable."""
    limits = limits or settings.import_limits()
    if not data or not data.strip():
        raise FileProblem(f"Il file «{file_name}» è vuoto: compilare il modello e caricarlo di nuovo.")
    if len(data) > limits.max_bytes:
        raise FileProblem(f"Il file «{file_name}» è troppo grande: {_size(len(data))} (limite "
                          f"{_size(limits.max_bytes, math.floor)}). Dividerlo per periodo o per progetto e caricare le "
                          "parti.")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, file_name, sheet, limits)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(f"Il file «{file_name}» è nel vecchio formato Excel 97-2003 (.xls) o è un XLSX protetto "
                          "da password: salvarlo come «Cartella di lavoro Excel (.xlsx)» senza password, o come "
                          "CSV, e caricarlo di nuovo.")
    if data.startswith(b"%PDF"):
        raise FileProblem(f"Il file «{file_name}» è un PDF, non un foglio di calcolo: caricare il modello CSV o "
                          "XLSX compilato.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileProblem(f"Il file «{file_name}» è in codifica UTF-16 («testo Unicode»): salvarlo come «CSV UTF-8» "
                          "o come XLSX e caricarlo di nuovo.")
    if b"\x00" in data[:65536]:
        raise FileProblem(f"Il file «{file_name}» non è un foglio di calcolo (è un file binario): caricare un CSV "
                          "o un XLSX.")
    if sheet:
        raise FileProblem(f"Il file «{file_name}» è un CSV, che non ha fogli: togliere l'indicazione del foglio "
                          f"«{sheet}».")
    return _read_csv(data, file_name, limits)


def _decode(data: bytes, file_name: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "UTF-8 con BOM"
        except UnicodeDecodeError as exc:
            raise FileProblem(f"Il file «{file_name}» dichiara la codifica UTF-8 ma contiene un byte non valido "
                              f"alla posizione {exc.start}: salvarlo di nuovo come «CSV UTF-8».") from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise FileProblem(f"Codifica del file «{file_name}» non riconosciuta (byte 0x{data[exc.start]:02X} alla "
                          f"posizione {exc.start}): salvarlo come «CSV UTF-8» o come XLSX.") from None


def _split(line: str, separator: str) -> list[str]:
    return next(csv.reader([line], delimiter=separator))


def _read_csv(data: bytes, file_name: str, limits) -> RawTable:
    text, encoding = _decode(data, file_name)
    if re.match(r"\s*<(!doctype html|html|\?xml)", text[:200], re.IGNORECASE):
        raise FileProblem(f"Il file «{file_name}» è una pagina web o un file XML, non un foglio di calcolo: "
                          "caricare un CSV o un XLSX.")
    stream = io.StringIO(text)
    del text
    first, header_line = 0, ""
    for line in iter(stream.readline, ""):
        first += 1
        if line.strip() and not line.lstrip().startswith("#"):
            header_line = line.rstrip("\r\n")
            break
    if not header_line:
        raise FileProblem(f"Il file «{file_name}» non contiene intestazioni né dati (solo commenti o righe vuote).")
    first -= 1  # lines before the header row
    known = set().union(*(header_names(t) for t in COLUMNS))
    counts = {sep: (sum(norm(h) in known for h in _split(header_line, sep)), len(_split(header_line, sep)))
              for sep in (";", ",")}
    separator = max(counts, key=lambda s: counts[s])
    if counts[separator][1] == 1:
        other = next((name for sep, name in (("\t", "la tabulazione"), ("|", "la barra verticale «|»"))
                      if sep in header_line), None)
        if other:
            raise FileProblem(f"Il file «{file_name}» usa come separatore {other}: salvarlo come CSV separato da "
                              "punto e virgola (o da virgola) e caricarlo di nuovo.")
    reader = csv.reader(itertools.chain([header_line + "\n"], stream), delimiter=separator)
    headers = [h.strip() for h in next(reader)]
    width = len(headers)
    fix = ("controllare il separatore: in un file separato da virgole i decimali vanno scritti con il punto o tra "
           "virgolette (meglio: usare il punto e virgola come separatore)" if separator == ","
           else "togliere i valori oltre l'ultima colonna o aggiungere l'intestazione")

    def extra(number: int, cells: list, _first: int) -> Message:
        return Message(ERROR, number, None, None, f"la riga ha {len(cells)} campi, le intestazioni sono {width}", fix)

    try:
        rows, columns, messages = _collect(((first + reader.line_num, record) for record in reader), width,
                                           file_name, limits, extra)
    except csv.Error as exc:
        raise FileProblem(f"Il file «{file_name}» non è un CSV leggibile (riga {first + reader.line_num}: {exc}): "
                          "salvarlo di nuovo come CSV dal foglio di calcolo.") from None
    sep_name = "punto e virgola" if separator == ";" else "virgola"
    return RawTable(headers, [_letter(i) for i in range(width)], rows, columns,
                    f"CSV, separatore {sep_name}, {encoding}", messages)


def _collect(records, width: int, file_name: str, limits, extra) -> tuple[list[int], list[list], list[Message]]:
    """The data rows of a file as columns: ``records`` yields (row number, cells); blank rows are skipped, short
    rows padded, values beyond the last header reported by ``extra(number, cells, first extra index)``."""
    columns: list[list] = [[] for _ in range(width)]
    rows: list[int] = []
    messages: list[Message] = []
    for number, cells in records:
        if all(_blank(v) for v in cells):
            continue
        if len(rows) >= limits.max_rows:
            raise FileProblem(f"Il file «{file_name}» ha più di {limits.max_rows:,} righe di dati (il limite): "
                              "dividerlo per periodo o per progetto.".replace(",", "."))
        beyond = next((i for i in range(width, len(cells)) if not _blank(cells[i])), None)
        if beyond is not None:
            messages.append(extra(number, cells, beyond))
        rows.append(number)
        for i, value in enumerate((list(cells) + [None] * width)[:width]):
            columns[i].append(value)
    return rows, columns, messages


def _workbook(data: bytes, file_name: str):
    """The workbook, read by calamine (a reader only: stored values, formulas never evaluated)."""
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - calamine raises several kinds for a damaged file
        raise FileProblem(f"Il file «{file_name}» non è un XLSX leggibile (danneggiato, protetto da password o di un "
                          f"altro tipo: {type(exc).__name__}): salvarlo di nuovo come XLSX o come CSV.") from None


def _read_xlsx(data: bytes, file_name: str, sheet: str | None, limits) -> RawTable:
    workbook = _workbook(data, file_name)
    if sheet and sheet not in workbook.sheet_names:
        raise FileProblem(f"Il file «{file_name}» non ha un foglio «{sheet}»; fogli presenti: "
                          f"{', '.join(workbook.sheet_names)}.")
    title = sheet or workbook.sheet_names[0]
    try:
        return _sheet_table(workbook.get_sheet_by_name(title), title, file_name, limits)
    except FileProblem:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - calamine's Rust panics derive from BaseException
        raise FileProblem(f"Il foglio «{title}» del file «{file_name}» non si può leggere ({type(exc).__name__}): "
                          "salvarlo di nuovo come XLSX o come CSV.") from None


def _sheet_table(worksheet, title: str, file_name: str, limits) -> RawTable:
    if not worksheet.height or not worksheet.width:
        raise FileProblem(f"Il foglio «{title}» del file «{file_name}» è vuoto.")
    iterator = iter(worksheet.iter_rows())
    header_row, headers = 0, []
    for number, values in enumerate(iterator, start=1):  # the rows from A1 (empty rows included)
        cells = list(values)
        if any(not _blank(v) for v in cells):
            first_text = next((v for v in cells if not _blank(v)), None)
            if isinstance(first_text, str) and first_text.lstrip().startswith("#"):
                continue
            header_row, headers = number, cells
            break
    if not header_row:
        raise FileProblem(f"Il foglio «{title}» del file «{file_name}» è vuoto.")
    while headers and _blank(headers[-1]):
        headers.pop()
    width = len(headers)

    def extra(number: int, _cells: list, index: int) -> Message:
        return Message(ERROR, number, _letter(index), None, "c'è un valore in una colonna senza intestazione",
                       "togliere il valore o aggiungere l'intestazione della colonna")

    rows, columns, messages = _collect(enumerate(iterator, start=header_row + 1), width, file_name, limits, extra)
    header_text = ["" if _blank(h) else _shown(h) for h in headers]
    return RawTable(header_text, [_letter(i) for i in range(width)], rows, columns, f"XLSX, foglio «{title}»",
                    messages)


# --- 2. Checking ----------------------------------------------------------------------------------------------
def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _shown(value) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text if len(text) <= 60 else text[:57] + "..."


class _Bad(Exception):
    def __init__(self, problem: str, fix: str, personal: bool = False):
        super().__init__(problem)
        self.problem, self.fix, self.personal = problem, fix, personal


PERSONAL_HEADER_WORDS = {
    "nome", "nomi", "cognome", "cognomi", "nominativo", "name", "surname", "firstname", "lastname", "fiscale", "cf",
    "nascita", "nato", "nata", "birth", "dob", "telefono", "tel", "cellulare", "phone", "mobile", "email", "mail",
    "indirizzo", "address", "residenza", "domicilio", "note", "nota", "notes", "osservazioni", "commenti",
    "comments", "descrizione", "racconto", "nazionalita", "cittadinanza", "nationality", "passaporto",
    "documento", "permesso", "cup", "iban",
}
_PERSONAL_VALUES = (
    (re.compile(r"\b[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]\b", re.IGNORECASE), "un codice fiscale"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"), "un indirizzo email"),
    (re.compile(r"(?<![\d-])(?:\+|00)?(?:39)?[ .]?(?:3\d{2}|0\d{1,3})[ ./-]?\d{3,4}[ ./-]?\d{3,4}(?![\d-])"),
     "un numero di telefono"),
    (re.compile(r"\b(via|viale|piazza|p\.zza|corso|vicolo|largo|strada|contrada|localit[aà])\s+[^,;]{2,40}"
                r"(,\s*|\s+)(n\.?\s*)?\d+", re.IGNORECASE), "un indirizzo"),
    (re.compile(r"\b(sig\.?(ra)?|signor[ae]?|dott\.?(ssa)?|nat[oa] il|nat[oa] a)\s", re.IGNORECASE),
     "il nome o i dati di una persona"),
)


def _personal(text: str) -> str | None:
    for pattern, what in _PERSONAL_VALUES:
        if pattern.search(text):
            return what
    return None


def _personal_file(fix: str) -> Message:
    """The file-level error that heads the report of a file with personal data."""
    return Message(ERROR, None, None, None, "il file sembra contenere dati personali: non viene caricato nulla", fix)


def _personal_bad(what: str) -> _Bad:
    return _Bad(f"sembra {what}: il cruscotto accetta solo dati aggregati, mai dati di persone",
                "togliere il dato dal file (il valore non viene ripetuto qui)", personal=True)


MONTHS_IT = ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic")


def _period_hint(text: str) -> str | None:
    """The YYYY-MM a user probably meant, for the fix of a wrong period."""
    t = text.strip().lower()
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?", t)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
    elif m := re.fullmatch(r"(?:\d{1,2}[-/.])?(\d{1,2})[-/.](\d{4})", t):
        year, month = int(m.group(2)), int(m.group(1))
    elif m := re.fullmatch(r"([a-z]+)[\s\-/.']*(\d{2}|\d{4})", t):
        word, year = m.group(1)[:3], int(m.group(2))
        if word not in MONTHS_IT:
            return None
        month, year = MONTHS_IT.index(word) + 1, year + 2000 if year < 100 else year
    else:
        return None
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and 2000 <= year <= 2100 else None


def _period(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.year:04d}-{value.month:02d}"
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return text
    if re.fullmatch(r"\d{4}-\d{2}", text):
        raise _Bad("il mese non esiste", "scrivere un mese da 01 a 12, per esempio 2024-03")
    hint = _period_hint(text)
    raise _Bad("il periodo non è scritto come AAAA-MM",
               f"scrivere {hint}" if hint else "scrivere anno e mese come AAAA-MM, per esempio 2024-03")


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        raise _Bad("la data non esiste", "controllare giorno e mese (GG/MM/AAAA)") from None
    raise _Bad("la data non è nel formato AAAA-MM-GG né GG/MM/AAAA", "scrivere per esempio 2024-03-31 o 31/03/2024")


MAX_COUNT = 10_000_000


def _count(value) -> int:
    if isinstance(value, bool):
        raise _Bad("non è un numero", "scrivere un numero intero maggiore o uguale a 0")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise _Bad("il numero ha decimali, ma qui si contano persone o unità", "scrivere un numero intero")
        number = int(value)
    else:
        text = str(value).strip().replace("\u00a0", " ")
        if re.fullmatch(r"\d+", text):
            number = int(text)
        elif re.fullmatch(r"\d+[.,]0+", text):
            number = int(re.split(r"[.,]", text)[0])
        elif re.fullmatch(r"-\s*\d+([.,]\d+)?", text):
            raise _Bad("il numero è negativo", "scrivere un numero maggiore o uguale a 0 (0 se non ci sono casi)")
        elif re.fullmatch(r"\d{1,3}([. ]\d{3})+", text):
            raise _Bad("il numero contiene un separatore delle migliaia",
                       f"scrivere il numero senza separatori, per esempio {re.sub(r'[. ]', '', text)}")
        elif re.fullmatch(r"\d*[.,]\d+", text):
            raise _Bad("il numero ha decimali, ma qui si contano persone o unità", "scrivere un numero intero")
        else:
            raise _Bad("non è un numero", "scrivere un numero intero maggiore o uguale a 0 (0 se non ci sono casi)")
    if number < 0:
        raise _Bad("il numero è negativo", "scrivere un numero maggiore o uguale a 0 (0 se non ci sono casi)")
    if number > MAX_COUNT:
        raise _Bad("il numero è troppo grande per un dato mensile aggregato", "controllare il valore")
    return number


def _number(value) -> float:
    if isinstance(value, bool):
        raise _Bad("non è un numero", "scrivere un numero maggiore o uguale a 0")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip()
        if re.fullmatch(r"-?\d+([.,]\d+)?", text):
            number = float(text.replace(",", "."))
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", text):
            raise _Bad("il numero contiene un separatore delle migliaia",
                       "scrivere il numero senza separatori delle migliaia (decimali con la virgola: 1234,5)")
        else:
            raise _Bad("non è un numero", "scrivere un numero maggiore o uguale a 0 (decimali con la virgola: 7,5)")
    if number < 0 or number != number:
        raise _Bad("il numero è negativo", "scrivere un numero maggiore o uguale a 0")
    if number > MAX_COUNT:
        raise _Bad("il numero è troppo grande per un dato mensile aggregato", "controllare il valore")
    return round(number, 4)


def _closest(text: str, choices: dict[str, str], n: int = 3) -> list[str]:
    """Display names of the choices closest to ``text`` (keys are normalised spellings)."""
    found = difflib.get_close_matches(norm(text), list(choices), n=n, cutoff=0.6)
    out: list[str] = []
    for key in found:
        if choices[key] not in out:
            out.append(choices[key])
    return out


class _Reference:
    """What the rows are matched against: territories and registered projects."""

    def __init__(self, conn):
        provinces = conn.execute(select(Province.code, Province.name, Province.short)).all()
        self.province_names = {p.code: p.name for p in provinces}
        self.province_by_key: dict[str, str] = {}
        for code, name, short in provinces:
            for spelling in (name, *name.split("/"), short):
                self.province_by_key.setdefault(norm(spelling), code)
        self.province_display = {norm(name): f"{name} ({code})" for code, name, _ in provinces}
        comuni = conn.execute(select(Municipality.code, Municipality.name, Municipality.province_code)).all()
        self.comune_province = {c.code: c.province_code for c in comuni}
        self.comune_names = {c.code: c.name for c in comuni}
        self.comune_by_name: dict[tuple[str, str], str] = {}
        for code, name, province in comuni:
            for spelling in (name, *name.split("/")):
                self.comune_by_name.setdefault((province, norm(spelling)), code)
        self.comuni_elsewhere: dict[str, list[str]] = defaultdict(list)
        for _, name, province in comuni:
            self.comuni_elsewhere[norm(name)].append(province)
        projects = conn.execute(select(Project.project_code, Project.programme, Project.start_date,
                                       Project.end_date)).all()
        self.projects = {p.project_code: p for p in projects}
        self.project_by_key = {p.project_code.upper(): p.project_code for p in projects}


def _code_text(value) -> str:
    """A territory code or name as text: a whole number from a spreadsheet (15, 15.0) as its digits."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def _province(value, ref: _Reference) -> str:
    text = _code_text(value)
    if re.fullmatch(r"\d{1,3}", text):
        code = text.zfill(3)
        if code in ref.province_names:
            return code
        raise _Bad("codice ISTAT di provincia inesistente", "scrivere il codice a tre cifre (per esempio 015 per "
                   "Milano) o il nome della provincia")
    code = ref.province_by_key.get(norm(text))
    if code:
        return code
    close = _closest(text, ref.province_display)
    raise _Bad("provincia non riconosciuta",
               f"forse: {', '.join(close)}?" if close else "scrivere il codice ISTAT a tre cifre, il nome o la sigla")


def _municipality(value, province: str, ref: _Reference) -> str:
    text = _code_text(value)
    if re.fullmatch(r"\d{4,6}", text):
        code = text.zfill(6)
        if code not in ref.comune_province:
            raise _Bad("codice ISTAT di comune inesistente", "scrivere il codice a sei cifre o il nome del comune")
    else:
        code = ref.comune_by_name.get((province, norm(text)))
        if code is None:
            elsewhere = ref.comuni_elsewhere.get(norm(text))
            if elsewhere:
                names = ", ".join(sorted({ref.province_names[p] for p in elsewhere}))
                raise _Bad(f"il comune non è nella provincia della riga ({ref.province_names.get(province, '?')}), "
                           f"ma in: {names}", "controllare la provincia o il comune")
            choices = {norm(name): name for (p, _), c in ref.comune_by_name.items() if p == province
                       for name in [ref.comune_names[c]]}
            close = _closest(text, choices)
            raise _Bad(f"comune non trovato nella provincia {ref.province_names.get(province, '?')}",
                       f"forse: {', '.join(close)}?" if close else "scrivere il codice ISTAT a sei cifre o il nome")
    if ref.comune_province[code] != province:
        raise _Bad(f"il comune {ref.comune_names[code]} è in provincia di "
                   f"{ref.province_names[ref.comune_province[code]]}, non di "
                   f"{ref.province_names.get(province, '?')}", "controllare la provincia o il comune")
    return code


def _project(value, ref: _Reference, allowed: frozenset[str] | None) -> str:
    text = str(value).strip()
    code = ref.project_by_key.get(text.upper())
    if code is None:
        close = _closest(text, {norm(c): c for c in ref.projects})
        raise _Bad("progetto non registrato",
                   (f"forse: {', '.join(close)}? " if close else "")
                   + "I progetti si registrano caricando prima la tabella dei progetti (amministratore)")
    if allowed is not None and code not in allowed:
        raise _Bad("il progetto non è tra quelli assegnati al proprio profilo",
                   "caricare solo righe dei propri progetti o chiedere all'amministratore di assegnarlo")
    return code


def _code(value, allowed: tuple[str, ...]) -> str:
    by_key = {norm(c): c for c in allowed}
    code = by_key.get(norm(value))
    if code is not None:
        return code
    close = _closest(str(value), by_key, n=1)
    raise _Bad("codice non ammesso",
               (f"forse «{close[0]}»? " if close else "") + f"Valori ammessi: {', '.join(allowed)}")


def _text(value, column: Column) -> str:
    text = re.sub(r"\s+", " ", _shown(value) if not isinstance(value, str) else value).strip()
    what = _personal(text)
    if what:
        raise _personal_bad(what)
    if column.max_length and len(text) > column.max_length:
        raise _Bad(f"testo troppo lungo ({len(text)} caratteri; al massimo {column.max_length}): sembra una nota "
                   "libera", "scrivere un testo breve, senza dati di persone")
    if column.name == "project_code" and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", text):
        raise _Bad("il codice del progetto contiene spazi o caratteri non ammessi",
                   "usare lettere, cifre, punto, trattino e trattino basso (per esempio SAI-SONDRIO)")
    return text


def _limit_messages(messages: list[Message]) -> list[Message]:
    """At most MAX_MESSAGES_PER_PROBLEM rows per (level, column, problem), then one line counting the rest."""
    seen: dict[tuple, int] = defaultdict(int)
    out: list[Message] = []
    for m in messages:
        key = (m.level, m.column, m.problem)
        seen[key] += 1
        if seen[key] <= MAX_MESSAGES_PER_PROBLEM:
            out.append(m)
    for key, n in seen.items():
        if n > MAX_MESSAGES_PER_PROBLEM:
            level, column, problem = key
            out.append(Message(level, None, column, None, f"{problem}: altre {n - MAX_MESSAGES_PER_PROBLEM} righe "
                               "con lo stesso problema", "correggere allo stesso modo"))
    return out


def check(engine: Engine, data: bytes, file_name: str, table: str, *, sheet: str | None = None,
          projects: frozenset[str] | None = None, limits: settings.ImportLimits | None = None,
          today: dt.date | None = None) -> Report:
    """Read, convert and check a file for ``table``; with no errors, also compute the preview against the current
    data. ``projects``: the projects the user may load (None: any; a data steward gets theirs). Never writes.
    FileProblem when the file cannot be read as a table."""
    if table not in COLUMNS:
        raise FileProblem(f"Tabella sconosciuta «{table}»; ammesse: {', '.join(COLUMNS)}.")
    raw = read_file(data, file_name, sheet=sheet, limits=limits)
    report = Report(table, file_name, file_hash(data), len(raw.rows), list(raw.messages), details=raw.details)
    if table not in tables_for(projects):
        report.messages.append(Message(ERROR, None, None, None,
                                       f"la tabella «{TITLES[table]}» la carica solo un amministratore",
                                       "i referenti dati caricano i dati dei propri progetti"))
        return report
    columns = _match_headers(raw, table, report)
    if report.errors:
        report.messages = _limit_messages(report.messages)
        return report
    if not raw.rows:
        report.messages.append(Message(ERROR, None, None, None, "il file ha le intestazioni ma nessuna riga di dati",
                                       "aggiungere le righe sotto le intestazioni"))
        return report
    with engine.connect() as conn:
        ref = _Reference(conn)
    frame = _convert(raw, table, columns, ref, projects, report)
    if frame is not None:
        _row_checks(frame, raw, table, columns, ref, report, today or dt.date.today())
    report.messages = _limit_messages(report.messages)
    if report.errors or frame is None:
        return report
    del raw  # the raw cells are no longer needed: free them before the preview
    report.frame = frame.drop(columns="_row")
    with engine.connect() as conn:
        _diff(conn, report)
    return report


def _match_headers(raw: RawTable, table: str, report: Report) -> dict[str, int]:
    """Contract name -> column index; header problems go in the report."""
    names = header_names(table)
    spec = {c.name: c for c in COLUMNS[table]}
    found: dict[str, int] = {}
    personal_found = False
    for i, header in enumerate(raw.headers):
        where = f"«{header}» ({raw.letters[i]})" if header else f"{raw.letters[i]}"
        empty = all(_blank(v) for v in raw.cells[i])
        if not header:
            if empty:
                continue
            neighbours = [h for h in raw.headers[max(0, i - 1):i + 2] if h]
            report.messages.append(Message(
                ERROR, None, where, None, "la colonna ha dati ma nessuna intestazione (celle unite?)",
                "scrivere un'intestazione in ogni colonna della prima riga, senza unire celle"
                + (f" (vicino a: {', '.join(neighbours)})" if neighbours else "")))
            continue
        if _personal(header):  # a first row of data taken for headers: never repeat it
            personal_found = True
            report.messages.append(Message(
                ERROR, None, raw.letters[i], None,
                "l'intestazione sembra un dato personale (manca la riga delle intestazioni?)",
                "la prima riga deve contenere le intestazioni del modello; nessun dato di persone nel file"))
            continue
        name = names.get(norm(header))
        if name is None:
            words = set(norm(header).split("_"))
            if words & PERSONAL_HEADER_WORDS:
                personal_found = True
                report.messages.append(Message(
                    ERROR, None, where, None,
                    "la colonna sembra contenere dati personali (nomi, codici fiscali, date di nascita, "
                    "contatti, indirizzi o note)",
                    "togliere la colonna: il cruscotto accetta solo tabelle aggregate"))
            elif empty:
                report.messages.append(Message(WARNING, None, where, None, "colonna non prevista e vuota: ignorata",
                                               "si può togliere"))
            else:
                close = difflib.get_close_matches(norm(header), [norm(c.header) for c in COLUMNS[table]], n=1,
                                                  cutoff=0.6)
                report.messages.append(Message(
                    ERROR, None, where, None, "colonna non prevista per questa tabella",
                    (f"forse «{close[0]}»? " if close else "")
                    + f"Colonne ammesse: {', '.join(c.header for c in COLUMNS[table])}"))
            continue
        if name in found:
            report.messages.append(Message(ERROR, None, where, None,
                                           f"colonna ripetuta (già nella colonna {raw.letters[found[name]]})",
                                           "tenere una sola colonna con questa intestazione"))
            continue
        found[name] = i
    missing = [spec[n].header for n in spec if spec[n].required and n not in found]
    if missing:
        recognised = [raw.headers[i] for i in found.values()]
        report.messages.append(Message(
            ERROR, None, None, None,
            f"mancano le colonne obbligatorie: {', '.join(missing)}"
            + ("" if recognised else " (nessuna intestazione riconosciuta nella prima riga)"),
            "partire dal modello della tabella" + ("" if recognised else
                                                   f" «{TITLES[table]}»: le intestazioni vanno nella prima riga, "
                                                   "separate da punto e virgola o virgola")))
    if personal_found:
        report.messages.insert(0, _personal_file("togliere le colonne indicate e caricare di nuovo"))
    return found


def _convert(raw: RawTable, table: str, columns: dict[str, int], ref: _Reference, projects, report: Report
             ) -> pd.DataFrame | None:
    """The contract frame (one column per contract column, a ``_row`` column with the file row), or None."""
    n = len(raw.rows)
    out: dict[str, list] = {"_row": list(raw.rows)}
    personal = False
    order = [c for c in COLUMNS[table] if c.kind != "municipality"] + [c for c in COLUMNS[table]
                                                                        if c.kind == "municipality"]
    for column in order:
        if column.name not in columns:
            out[column.name] = [None] * n
            continue
        index = columns[column.name]
        where = f"«{raw.headers[index]}» ({raw.letters[index]})"
        values = raw.cells[index]
        converted: list = [None] * n
        cache: dict = {}
        for i, value in enumerate(values):
            if _blank(value):
                if column.required:
                    report.messages.append(Message(
                        ERROR, raw.rows[i], where, None, "valore mancante",
                        "scrivere 0 se non ci sono stati casi" if column.kind in ("count", "number")
                        else f"scrivere un valore ({allowed_text(table, column)})"))
                continue
            key = (type(value).__name__, value, out["province_code"][i]) if column.kind == "municipality" else (
                type(value).__name__, value)
            try:
                if key in cache:
                    result = cache[key]
                    if isinstance(result, _Bad):
                        raise result
                    converted[i] = result
                    continue
                result = _convert_one(value, column, table, ref, projects,
                                      out.get("province_code", [None] * n)[i])
            except _Bad as bad:
                if not bad.personal and isinstance(value, str) and _personal(value):
                    bad = _personal_bad(_personal(value))
                cache[key] = bad
                personal |= bad.personal
                report.messages.append(Message(ERROR, raw.rows[i], where, HIDDEN if bad.personal else _shown(value),
                                               bad.problem, bad.fix))
                continue
            cache[key] = result
            converted[i] = result
        out[column.name] = converted
    if personal:
        report.messages.insert(0, _personal_file("togliere i dati indicati e caricare di nuovo"))
    if report.errors:
        return None
    frame = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in out.items()})
    return frame[["_row", *contract_columns(table)]]


def _convert_one(value, column: Column, table: str, ref: _Reference, projects, province):
    kind = column.kind
    if kind == "period":
        return _period(value)
    if kind == "province":
        return _province(value, ref)
    if kind == "municipality":
        if province is None:
            raise _Bad("il comune non si può controllare senza una provincia valida", "correggere la provincia")
        return _municipality(value, province, ref)
    if kind == "project":
        return _project(value, ref, projects)
    if kind == "code":
        return _code(value, codes(table, column.name))
    if kind == "programme":
        return _code(value, PROGRAMMES)
    if kind == "count":
        return _count(value)
    if kind == "number":
        return _number(value)
    if kind == "date":
        return _date(value)
    return _text(value, column)


def _row_checks(frame: pd.DataFrame, raw: RawTable, table: str, columns: dict[str, int], ref: _Reference,
                report: Report, today: dt.date) -> None:
    """Checks across columns and rows: duplicates, periods inside the project's dates, logic (warnings)."""
    header = {c.name: (f"«{raw.headers[columns[c.name]]}» ({raw.letters[columns[c.name]]})"
                       if c.name in columns else f"«{c.header}»") for c in COLUMNS[table]}
    rows = frame["_row"].tolist()
    keys = list(key_columns(table))
    key_frame = frame[keys].astype(str)
    duplicated = key_frame.duplicated(keep=False)
    if duplicated.any():
        first_row: dict[tuple, int] = {}
        for i in duplicated[duplicated].index:
            key = tuple(key_frame.loc[i])
            if key not in first_row:
                first_row[key] = rows[i]
                continue
            report.messages.append(Message(
                ERROR, rows[i], None, None,
                f"riga duplicata: stessi valori di {', '.join(COLUMNS_BY_NAME[table][k].header for k in keys)} "
                f"della riga {first_row[key]}", "tenere una sola riga (o sommare i valori in una riga)"))

    def each(mask: pd.Series, level: str, column: str, problem, fix: str) -> None:
        for i in mask[mask.fillna(False).astype(bool)].index:
            report.messages.append(Message(level, rows[i], header[column], _shown(frame.at[i, column]),
                                           problem(i) if callable(problem) else problem, fix))

    current = f"{today.year:04d}-{today.month:02d}"
    if "period" in frame:
        each(frame["period"] > current, ERROR, "period", "il periodo è nel futuro", "controllare anno e mese")
    if "project_code" in frame and "period" in frame:
        start = frame["project_code"].map(lambda c: ref.projects[c].start_date.strftime("%Y-%m"))
        end = frame["project_code"].map(lambda c: ref.projects[c].end_date.strftime("%Y-%m")
                                        if ref.projects[c].end_date else "9999-12")
        each(frame["period"] < start, ERROR, "period",
             lambda i: f"il periodo è prima dell'inizio del progetto ({start[i]})", "controllare periodo e progetto")
        each(frame["period"] > end, ERROR, "period",
             lambda i: f"il periodo è dopo la fine del progetto ({end[i]})", "controllare periodo e progetto")
    if table == "capacity":
        programme = frame["project_code"].map(lambda c: ref.projects[c].programme)
        each((programme == "ANTITRATTA") & frame["municipality_code"].notna(), ERROR, "municipality_code",
             "per i progetti ANTITRATTA il comune non si indica (le case protette non si localizzano sotto la "
             "provincia)", "lasciare vuota la colonna comune")
        each(frame["occupied"] > frame["places"], WARNING, "occupied",
             lambda i: f"presenze superiori ai posti ({frame.at[i, 'places']})",
             "controllare: è possibile solo con posti aggiuntivi temporanei")
    if table == "outreach":
        each(frame["take_ins"] > frame["contacts"], WARNING, "take_ins",
             lambda i: f"prese in carico superiori ai contatti ({frame.at[i, 'contacts']})",
             "controllare: può accadere per invii da altri enti")
        each(frame["new_contacts"] > frame["contacts"], WARNING, "new_contacts",
             lambda i: f"nuovi contatti superiori ai contatti ({frame.at[i, 'contacts']})",
             "controllare: i nuovi contatti sono una parte dei contatti")
    if table == "network_members":
        left = frame["left"].notna()
        each(left & (frame["left"].where(left, frame["joined"]) < frame["joined"]), ERROR, "left",
             "la data di uscita è prima della data di adesione", "controllare le due date")
    if table == "projects":
        ended = frame["end_date"].notna()
        each(ended & (frame["end_date"].where(ended, frame["start_date"]) < frame["start_date"]), ERROR,
             "end_date", "la data di fine è prima della data di inizio", "controllare le due date")
    if table == "actions":
        each((frame["status"] == "completata") & frame["completed_date"].isna(), WARNING, "status",
             "azione completata senza data di completamento", "aggiungere la data di completamento")


COLUMNS_BY_NAME = {table: {c.name: c for c in columns} for table, columns in COLUMNS.items()}


# --- Preview --------------------------------------------------------------------------------------------------
def _canon(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        return str(int(value)) if value.is_integer() else repr(round(value, 4))
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return value.isoformat()[:10]
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _signatures(frame: pd.DataFrame, columns) -> list[str]:
    """One text per row joining the canonical values of ``columns`` (plain Python: no copies of the frame)."""
    parts = [list(map(_canon, frame[c].tolist())) for c in columns]
    return ["\x1f".join(values) for values in zip(*parts, strict=True)]


def _current_rows(conn, table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The current rows that share a replacement key with the file."""
    keys = list(REPLACE_KEYS[table])
    columns = list(contract_columns(table))
    model = Project if table == "projects" else TABLES[table].model
    t = model.__table__
    wanted = frame[keys].drop_duplicates()
    conditions = [] if table == "projects" else [t.c.version_to.is_(None)]
    found = []
    for start in range(0, len(wanted), 500):
        chunk = wanted.iloc[start:start + 500]
        if len(keys) == 1:
            match = t.c[keys[0]].in_(chunk[keys[0]].tolist())
        else:
            match = tuple_(*[t.c[k] for k in keys]).in_(list(chunk.itertuples(index=False, name=None)))
        found += conn.execute(select(*[t.c[c] for c in columns]).where(and_(*conditions, match))).all()
    return pd.DataFrame([tuple(r) for r in found], columns=columns, dtype=object)


def _groups(frame: pd.DataFrame, table: str) -> tuple[list[str], dict[str, str]]:
    """Each row's replacement key, and each key's content (its rows' signatures, sorted and joined)."""
    keys = _signatures(frame, REPLACE_KEYS[table])
    rows: dict[str, list[str]] = defaultdict(list)
    for key, signature in zip(keys, _signatures(frame, contract_columns(table)), strict=True):
        rows[key].append(signature)
    return keys, {key: "\x1e".join(sorted(sigs)) for key, sigs in rows.items()}


def _diff(conn, report: Report) -> None:
    table, frame = report.table, report.frame
    current = _current_rows(conn, table, frame)
    new_keys, new_groups = _groups(frame, table)
    old_keys, old_groups = _groups(current, table)
    old_sizes = Counter(old_keys)
    status = ["unchanged" if old_groups.get(k) == new_groups[k] else "replaced" if k in old_groups else "added"
              for k in new_keys]
    changed = {k for k in new_groups if k in old_groups and old_groups[k] != new_groups[k]}
    report.diff = Diff(added=status.count("added"), replaced=status.count("replaced"),
                       replaced_current=sum(old_sizes[k] for k in changed), unchanged=status.count("unchanged"))
    load = [s != "unchanged" for s in status]
    report._to_load = frame[load].reset_index(drop=True)


# --- 3. Loading and rolling back -----------------------------------------------------------------------------
def apply(engine: Engine, report: Report, *, actor: str | None,
          progress: Callable[[float], None] | None = None) -> LoadResult:
    """Load a checked report as one data version (all or nothing). Nothing changes, and no version is made, when
    every row is identical to the current data. ValueError if the report has errors."""
    if not report.ok or report.diff is None:
        raise ValueError("Il file ha errori: correggerli prima di caricare.")
    with engine.connect() as conn:  # the data may have changed since the check (another upload, a second click)
        _diff(conn, report)
    if not report.diff.changes:
        auth.record(engine, actor, "upload", page="importa", details=_details(report, None))
        return LoadResult(None, report.diff)
    state = loading.data_state(engine)
    secret = settings.ckm_secret(demo_mode=state["demo"]).value
    kind = "demo_import" if state["demo"] else "import"
    source = f"{report.file_name} ({report.table})"
    if report.table == "projects":
        version = loading.load(engine, secret=secret, kind=kind, source=source, frames={},
                               projects=report._to_load, created_by=actor, file_hash=report.file_hash,
                               progress=progress)
    else:
        version = loading.load(engine, secret=secret, kind=kind, source=source,
                               frames={report.table: report._to_load}, created_by=actor, file_hash=report.file_hash,
                               progress=progress,
                               # every key of the rows going in: a concurrent load of the same keys is replaced too
                               replace={report.table: report._to_load[list(REPLACE_KEYS[report.table])]})
    auth.record(engine, actor, "upload", page="importa", details=_details(report, version))
    return LoadResult(version, report.diff)


def _details(report: Report, version: int | None) -> dict:
    d = report.diff
    return {"tabella": report.table, "file": report.file_name, "sha256": report.file_hash[:16],
            "righe": report.rows, "versione": version, "aggiunte": d.added if d else None,
            "sostituite": d.replaced if d else None, "invariate": d.unchanged if d else None,
            "errori": len(report.errors), "avvisi": len(report.warnings)}


def record_refusal(engine: Engine, actor: str | None, file_name: str, table: str, report: Report | None,
                   problem: str | None = None) -> None:
    """A refused upload in the audit trail (file name, table, number of errors; never the values)."""
    details = {"tabella": table, "file": file_name}
    if report is not None:
        details |= {"righe": report.rows, "errori": len(report.errors), "avvisi": len(report.warnings)}
    if problem:
        details["problema"] = problem[:200]
    auth.record(engine, actor, "upload_rejected", page="importa", details=details)


def rollback(engine: Engine, version_id: int, *, actor: str | None) -> int:
    """Undo an import (see data_access.loading.rollback); recorded in the audit trail."""
    undo = loading.rollback(engine, version_id, created_by=actor)
    auth.record(engine, actor, "rollback", page="importa", details={"versione": version_id, "nuova_versione": undo})
    return undo


def versions(engine: Engine, limit: int = 200) -> pd.DataFrame:
    """The data versions, newest first: id, when (UTC), kind, source, who, rows, file hash, status."""
    with engine.connect() as conn:
        rows = conn.execute(select(DataVersion.id, DataVersion.created_at, DataVersion.kind, DataVersion.source,
                                   DataVersion.created_by, DataVersion.rows, DataVersion.file_hash,
                                   DataVersion.status).order_by(DataVersion.id.desc()).limit(limit)).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=["id", "created_at", "kind", "source", "created_by",
                                                            "rows", "file_hash", "status"])
    return frame.fillna({"created_by": "", "file_hash": ""})


def versions_for(engine: Engine, username: str) -> pd.DataFrame:
    """The versions a user may list on the import page: all for an administrator, their own uploads for a data
    steward (AuthError for anyone else)."""
    frame = versions(engine)
    if auth.import_projects(engine, username) is None:
        return frame
    return frame[frame["created_by"] == auth.normalise_username(username)].reset_index(drop=True)


def rollback_by(engine: Engine, version_id: int, username: str) -> int:
    """A rollback asked by a user: administrators only (AuthError otherwise), then :func:`rollback`."""
    if auth.import_projects(engine, username) is not None:
        raise auth.AuthError("Solo un amministratore può annullare un caricamento.")
    return rollback(engine, version_id, actor=auth.normalise_username(username))


def rollback_candidates(engine: Engine) -> list[int]:
    """Versions an administrator may try to roll back (active imports), newest first."""
    with engine.connect() as conn:
        return list(conn.execute(select(DataVersion.id).where(
            DataVersion.status == "attiva", or_(DataVersion.kind == "import", DataVersion.kind == "demo_import"))
            .order_by(DataVersion.id.desc())).scalars())


# --- Report and templates -------------------------------------------------------------------------------------
REPORT_COLUMNS = ("livello", "riga", "colonna", "valore", "problema", "come correggere")


def report_frame(report: Report) -> pd.DataFrame:
    rows = [(m.level, m.row, m.column or "", m.value or "", m.problem, m.fix) for m in report.ordered()]
    return pd.DataFrame(rows, columns=list(REPORT_COLUMNS)).astype({"riga": "Int64"})


def report_csv(report: Report) -> bytes:
    from presentation.exports import neutralise

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([f"# {report.summary()}"])
    writer.writerow(REPORT_COLUMNS)
    for row in report_frame(report).itertuples(index=False):
        writer.writerow([neutralise("" if pd.isna(v) else str(v)) for v in row])
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


def _template_comments(table: str) -> list[str]:
    lines = [f"Cruscotto territoriale - modello: {TITLES[table]} (tabella {table}).",
             "Una riga per cella aggregata; nessun dato personale. Le righe che iniziano con # sono commenti.",
             f"Un nuovo caricamento sostituisce {REPLACE_RULES[REPLACE_KEYS[table]]}."]
    for column in COLUMNS[table]:
        lines.append(f"{column.header} ({'obbligatoria' if column.required else 'facoltativa'}): "
                     f"{column.description} Valori: {allowed_text(table, column)}.")
    lines.append("Esempio di riga: " + ", ".join(f"{c.header}={c.example}" for c in COLUMNS[table]))
    return [line.replace(";", ",") for line in lines]


def template_csv(table: str) -> bytes:
    """The CSV template: comment lines explaining every column and an example row, then the header row.
    Separator ;, UTF-8 with BOM (opens correctly in Excel with Italian settings)."""
    lines = [f"# {line}" for line in _template_comments(table)]
    lines.append(";".join(c.header for c in COLUMNS[table]))
    return codecs.BOM_UTF8 + ("\r\n".join(lines) + "\r\n").encode("utf-8")


TEXT_KINDS = ("period", "province", "municipality", "project", "code", "programme", "text")


def template_xlsx(table: str) -> bytes:
    """The XLSX template: sheet «Dati» (headers, text-formatted code columns so 015 and 2024-03 stay as typed)
    and sheet «Istruzioni» (every column, whether required, allowed values, description, an example row)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from presentation.exports import put_cell as _put

    wb = Workbook()
    ws = wb.active
    ws.title = "Dati"
    for j, column in enumerate(COLUMNS[table], start=1):
        _put(ws, 1, j, column.header, bold=True)
        ws.column_dimensions[_letter(j - 1)].width = max(12, len(column.header) + 4)
        if column.kind in TEXT_KINDS:
            for i in range(2, 502):
                ws.cell(row=i, column=j).number_format = "@"
    ws.freeze_panes = "A2"
    info = wb.create_sheet("Istruzioni")
    _put(info, 1, 1, f"Modello: {TITLES[table]} (tabella {table})", bold=True)
    for i, line in enumerate(_template_comments(table)[1:3], start=2):
        _put(info, i, 1, line)
    _put(info, 5, 1, "Compilare il foglio «Dati»: una riga per cella aggregata, le intestazioni nella prima riga.")
    heads = ("intestazione", "obbligatoria", "valori ammessi", "descrizione", "esempio")
    for j, head in enumerate(heads, start=1):
        _put(info, 7, j, head, bold=True)
    for i, column in enumerate(COLUMNS[table], start=8):
        for j, value in enumerate((column.header, "sì" if column.required else "no",
                                   allowed_text(table, column), column.description, column.example), start=1):
            _put(info, i, j, value)
    row = 9 + len(COLUMNS[table])
    _put(info, row, 1, "Riga di esempio", bold=True)
    for j, column in enumerate(COLUMNS[table], start=1):
        _put(info, row + 1, j, column.header).font = Font(italic=True)
        _put(info, row + 2, j, column.example)
    for letter, width in zip("ABCDE", (24, 12, 48, 80, 18), strict=True):
        info.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


