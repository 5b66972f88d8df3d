"""Tables as files (CSV for Italian Excel, XLSX), the cells they hold, and the lines under every export.

A table is exported as the display strings of :func:`presentation.charts.table_view` (so "<5" stays "<5": the
protection is the same as on screen), with its title above and the source line and the small-value note below.

Spreadsheet safety: any text cell a spreadsheet would run as a formula (starting with "=", "+", "-", "@", tab
or carriage return) gets a leading apostrophe (:func:`neutralise`), as the audit CSV of ``data_access.auth``; and
every text is cleaned of the characters a file cannot hold (:mod:`presentation.exports.safe_text`).
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import numbers
import re

import pandas as pd

from config.labels import fmt_number, t
from presentation.charts import day
from presentation.exports.safe_text import clean_text

# The same set as data_access.auth's audit CSV (kept separately: auth keeps its own).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_MAX = 31
_SHEET_INVALID = re.compile(r"[\[\]:*?/\\]")


# --- Lines under every export ----------------------------------------------------------------------------------
def source_line(*, data_version: int, data_date: datetime.date, lang: str = "it") -> str:
    """The source line under every export, the screen's own: "Fonte: dati aggregati dei progetti; dati al
    23/11/2026; versione 3"."""
    return t("app.source", lang, date=day(data_date), version=data_version)


def small_value_note(k: int = 5, lang: str = "it") -> str:
    """The disclosure note for tables and charts holding "<k": "«<5»: valore protetto, meno di 5 dopo la
    protezione (vedi Metodologia)"."""
    return t("export.small_note", lang, k=k)


_SMALL_VALUE = re.compile(r"<(\d+)")


def small_value_in(texts, k: int | None = None) -> int | None:
    """The threshold of the first "<k" that these texts show (a table's cells, a chart's labels, captions), or None;
    with ``k``, only "<k" itself counts ("<5" is not "<50"). The note under a file or on a page follows it."""
    for text in texts:
        for found in _SMALL_VALUE.finditer(text):
            if k is None or int(found.group(1)) == k:
                return int(found.group(1))
    return None


# --- Cells -----------------------------------------------------------------------------------------------------
def is_missing(value) -> bool:
    """Whether a cell is empty: None, pandas' NA or NaT, or NaN."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def is_number(value) -> bool:
    """Whether a cell is a number (a boolean is not)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def neutralise(value) -> object:
    """A text as a file can hold it (cleaned: ``safe_text.clean_text``), with a leading apostrophe if a spreadsheet
    would run it as a formula; any other value is unchanged."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def _csv_number(value) -> str:
    """A number as Italian Excel reads it: "-3", "12,5" (decimal comma, no thousands separator)."""
    if isinstance(value, numbers.Integral):
        return str(int(value))
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number).replace(".", ",")


def _csv_cell(value) -> str:
    if is_missing(value):
        return ""
    if is_number(value):
        return _csv_number(value)
    return neutralise(str(value))


def _xlsx_value(value):
    if is_missing(value):
        return None
    if is_number(value):
        number = float(value) if not isinstance(value, numbers.Integral) else int(value)
        return None if isinstance(number, float) and not math.isfinite(number) else number
    return neutralise(str(value))


# --- CSV -------------------------------------------------------------------------------------------------------
def table_csv(table: pd.DataFrame, *, title: str, source: str, note: str | None = None,
              citation: str | None = None) -> bytes:
    """The table as CSV for Italian Excel: UTF-8 with BOM, ";" separator, CRLF line ends.

    Lines: the title, the header (the column names), the rows (text neutralised, numbers Italian style), an empty
    line, the source, the note and the citation (identifier, version, link) when given. Display strings ("1.234",
    "<5") are written as they are.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_cell(title)])
    writer.writerow([_csv_cell(str(c)) for c in table.columns])
    for row in table.itertuples(index=False, name=None):
        writer.writerow([_csv_cell(v) for v in row])
    writer.writerow([])
    writer.writerow([_csv_cell(source)])
    for line in (note, citation):
        if line:
            writer.writerow([_csv_cell(line)])
    return buffer.getvalue().encode("utf-8-sig")


# --- XLSX ------------------------------------------------------------------------------------------------------
def sheet_name(name: str) -> str:
    """A valid Excel sheet name: without []:*?/\\, no apostrophe at either end, at most 31 characters."""
    cleaned = _SHEET_INVALID.sub("", clean_text(name)).strip().strip("'")[:SHEET_NAME_MAX].strip().strip("'")
    return cleaned or t("export.sheet")


def put_cell(ws, row: int, column: int, value, *, bold: bool = False):
    """Write a value into a worksheet's cell (bold if asked): a text is stored as text, never run as a formula.
    Also the cell writer of the import templates (``data_access.imports``)."""
    from openpyxl.styles import Font

    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text
    if bold:
        cell.font = Font(bold=True)
    return cell


def _shown_width(value) -> int:
    """The characters a cell shows (a number as Italian Excel writes it), for the width of its column."""
    shown = fmt_number(value, 0 if float(value).is_integer() else 2) if is_number(value) else value
    return len(str(shown or ""))


def _put_rows(ws, table: pd.DataFrame, widths: list[int]) -> int:
    """The header in row 3 (bold) and the data from row 4, widening ``widths``; the last row written."""
    for j, heading in enumerate(table.columns, start=1):
        put_cell(ws, 3, j, _xlsx_value(str(heading)), bold=True)
    row_number = 3
    for row_number, row in enumerate(table.itertuples(index=False, name=None), start=4):
        for j, raw in enumerate(row, start=1):
            value = _xlsx_value(raw)
            put_cell(ws, row_number, j, value)
            widths[j - 1] = max(widths[j - 1], _shown_width(value))
    return row_number


def table_xlsx(table: pd.DataFrame, *, title: str, source: str, note: str | None = None,
               sheet: str | None = None, citation: str | None = None) -> bytes:
    """The table as an XLSX workbook: title (bold) in row 1, bold header in row 3, data from row 4, then the
    source, the note and the citation. Text cells are neutralised and stored as text; numbers stay numbers.
    ``sheet``: the sheet's name ("Tabella" when not given)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name(sheet or t("export.sheet"))
    put_cell(ws, 1, 1, _xlsx_value(title), bold=True)
    widths = [len(str(_xlsx_value(str(c)) or "")) for c in table.columns]
    footer_row = _put_rows(ws, table, widths) + 2
    put_cell(ws, footer_row, 1, _xlsx_value(source))
    for line in (note, citation):
        if line:
            footer_row += 1
            put_cell(ws, footer_row, 1, _xlsx_value(line))
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


AUDIT_CSV_HEADER = ("id", "data_ora_utc", "utente", "evento", "pagina", "dettagli")


def audit_csv(frame: pd.DataFrame) -> bytes:
    """The audit trail (``auth.audit_frame``) as CSV for Italian Excel: UTF-8 with BOM, ";" separator, formulas
    neutralised, empty cells blank."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(AUDIT_CSV_HEADER)
    for row in frame.itertuples(index=False):
        at = row.at.strftime("%Y-%m-%d %H:%M:%S")
        writer.writerow(["" if is_missing(v) else neutralise(str(v))
                         for v in (row.id, at, row.username, row.event, row.page, row.details)])
    return buffer.getvalue().encode("utf-8-sig")
