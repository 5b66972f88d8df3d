"""Reading an upload: the bytes of a CSV or XLSX file as a table of raw cells, with row numbers and column letters.

CSV: comma or semicolon, UTF-8 with or without BOM, Windows-1252; ``#`` comment lines before the headers. XLSX:
first or named sheet, read by calamine, a reader only: formulas give their stored values and are never
evaluated. The kind is recognised by content, not by name; anything else, and a file over the size or row limits,
is refused with a :class:`~data_access.imports.report.FileProblem` saying what the file is and what to do.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import itertools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from config import settings
from config.phrases import Figure, Phrase
from data_access.contract import COLUMNS, header_names, norm
from data_access.imports import xlsx
from data_access.imports.report import ERROR, FileProblem, Message
from data_access.imports.text import visible

XLSX_START = b"PK\x03\x04"
OLE_START = b"\xd0\xcf\x11\xe0"  # Excel 97-2003, or an XLSX protected by a password
SHOWN_MAX_CHARS = 60


@dataclass
class RawTable:
    """Cells as read (text for CSV; numbers, dates and text for XLSX), one column per header."""

    headers: list[str]
    letters: list[str]
    rows: list[int]
    cells: list[list]  # one list per column, aligned with rows
    form: Phrase  # separator and encoding, or sheet name
    messages: list[Message] = field(default_factory=list)
    formulas: Callable[[], frozenset[str]] | None = field(default=None, repr=False)  # XLSX: see formula()
    _formula_cells: frozenset[str] | None = field(default=None, repr=False)

    def formula(self, row: int, column_letter: str) -> bool:
        """Whether an empty cell holds a formula without a stored value (XLSX; the sheet is scanned once, at the
        first question)."""
        if self.formulas is None:
            return False
        if self._formula_cells is None:
            self._formula_cells = self.formulas()
        return f"{column_letter}{row}" in self._formula_cells


# --- Cells as read ----------------------------------------------------------------------------------------------
def blank(value) -> bool:
    """An empty cell: None, NaN, or text of spaces only."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def shown(value) -> str:
    """A cell as a message repeats it: dates as 31/03/2024, whole numbers without decimals, long text cut, control
    characters by their code (⟨U+0001⟩)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip(" \t\r\n")
    return visible(text if len(text) <= SHOWN_MAX_CHARS else text[:SHOWN_MAX_CHARS - 3] + "...")


def letter(index: int) -> str:
    """The spreadsheet letter of a column (0 -> A)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sheet_names(data: bytes) -> list[str]:
    """The sheets of an XLSX file ([] for anything else, or an unreadable workbook)."""
    if not data.startswith(XLSX_START):
        return []
    return list(xlsx.sheet_paths(data))  # from the workbook's XML: nothing is expanded


# --- The file as a whole ----------------------------------------------------------------------------------------
def _size(n: int, rounding=math.ceil) -> Figure:
    """A size for a message: KB below 1 MB, one decimal; the file's size rounded up and the limit down, so a file
    just over the limit never reads as equal to it."""
    unit, scale = ("KB", 1024) if n < 1024 * 1024 else ("MB", 1024 * 1024)
    return Figure(rounding(n / scale * 10) / 10, 1, f" {unit}")


def _not_a_table(data: bytes) -> str | None:
    """The catalogue key saying what a file that is no CSV nor XLSX is, from its first bytes; None for text."""
    if data.startswith(OLE_START):
        return "imports.file.old_excel"
    if data.startswith(b"%PDF"):
        return "imports.file.pdf"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "imports.file.utf16"
    if _utf16_without_bom(data[:4096]):
        return "imports.file.utf16"
    if _binary(data[:65536]):
        return "imports.file.binary"
    return None


def _utf16_without_bom(head: bytes) -> bool:
    """Text in UTF-16 without its BOM: a zero byte in nearly every other place (Latin text), and nowhere else."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 8:
        return False
    return any(part.count(0) >= 0.8 * len(part) and not other.count(0) for part, other in ((even, odd), (odd, even)))


_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _binary(head: bytes) -> bool:
    """Many control bytes: a binary file. A few (a NUL or a control character pasted into a cell) leave the file
    a table, and the cell check names the row and the column."""
    return len(_CONTROL_BYTES.findall(head)) > max(8, len(head) // 100)


def read_file(data: bytes, file_name: str, *, sheet: str | None = None,
              limits: settings.ImportLimits | None = None) -> RawTable:
    """The table in ``data`` (CSV or XLSX, recognised by content, not by name). FileProblem if unreadable."""
    limits = limits or settings.import_limits()
    if not data or not data.strip():
        raise FileProblem(Phrase("imports.file.empty", file=file_name))
    if len(data) > limits.max_bytes:
        raise FileProblem(Phrase("imports.file.too_big", file=file_name, size=_size(len(data)),
                                 limit=_size(limits.max_bytes, math.floor)))
    if data.startswith(XLSX_START):
        return _read_xlsx(data, file_name, sheet, limits)
    refused = _not_a_table(data)
    if refused:
        raise FileProblem(Phrase(refused, file=file_name))
    if sheet:
        raise FileProblem(Phrase("imports.file.csv_sheet", file=file_name, sheet=sheet))
    return _read_csv(data, file_name, limits)


def _collect(records: Iterable[tuple[int, list]], width: int, file_name: str, limits,
             extra: Callable[[int, list, int], Message], short: Callable[[int, list], Message | None] | None = None,
             ) -> tuple[list[int], list[list], list[Message]]:
    """The data rows of a file as columns: ``records`` yields (row number, cells); blank rows are skipped, short
    rows padded, values beyond the last header reported by ``extra(number, cells, first extra index)``; a short row
    for which ``short(number, cells)`` gives a message is reported and left out (a row written differently)."""
    columns: list[list] = [[] for _ in range(width)]
    rows: list[int] = []
    messages: list[Message] = []
    for number, cells in records:
        if all(blank(v) for v in cells):
            continue
        if len(rows) >= limits.max_rows:
            raise FileProblem(Phrase("imports.file.too_many_rows", file=file_name, limit=Figure(limits.max_rows)))
        odd = short(number, cells) if short is not None and len(cells) < width else None
        if odd is not None:
            messages.append(odd)
            continue
        beyond = next((i for i in range(width, len(cells)) if not blank(cells[i])), None)
        if beyond is not None:
            messages.append(extra(number, cells, beyond))
        rows.append(number)
        for i, value in enumerate((list(cells) + [None] * width)[:width]):
            columns[i].append(value)
    return rows, columns, messages


# --- CSV --------------------------------------------------------------------------------------------------------
ENCODINGS = {"utf-8-sig": "imports.form.utf8_bom", "utf-8": "imports.form.utf8", "cp1252": "imports.form.cp1252"}
SEPARATORS = {";": "imports.form.semicolon", ",": "imports.form.comma"}
OTHER_SEPARATORS = {"\t": "imports.file.separator.tab", "|": "imports.file.separator.bar"}


def _decode(data: bytes, file_name: str) -> tuple[str, str]:
    """The text of a CSV and the encoding it was read with (a key of ENCODINGS)."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise FileProblem(Phrase("imports.file.bad_utf8", file=file_name, position=exc.start)) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise FileProblem(Phrase("imports.file.encoding", file=file_name, byte=f"0x{data[exc.start]:02X}",
                                 position=exc.start)) from None


def _split(line: str, separator: str) -> list[str]:
    return next(csv.reader([line], delimiter=separator))


def _header_line(stream: io.StringIO, file_name: str) -> tuple[int, str]:
    """The number of lines before the header row (comments and blank lines) and the header row itself."""
    for before, line in enumerate(iter(stream.readline, "")):
        if line.strip() and not line.lstrip().startswith("#"):
            return before, line.rstrip("\r\n")
    raise FileProblem(Phrase("imports.file.no_headers", file=file_name))


def _separator(header_line: str, file_name: str) -> str:
    """";" or ",": the one that splits the header row into more known headers (then more fields). A tab or a "|"
    in a header row that neither splits is refused with what to do."""
    known = set().union(*(header_names(t) for t in COLUMNS))
    counts = {sep: (sum(norm(h) in known for h in _split(header_line, sep)), len(_split(header_line, sep)))
              for sep in SEPARATORS}
    separator = max(counts, key=lambda s: counts[s])
    if counts[separator][1] == 1:
        other = next((key for sep, key in OTHER_SEPARATORS.items() if sep in header_line), None)
        if other:
            raise FileProblem(Phrase("imports.file.separator", file=file_name, separator=Phrase(other)))
    return separator


def _read_csv(data: bytes, file_name: str, limits) -> RawTable:
    text, encoding = _decode(data, file_name)
    if re.match(r"\s*<(!doctype\s+html|html|\?xml)", text[:200], re.IGNORECASE):
        raise FileProblem(Phrase("imports.file.web_page", file=file_name))
    stream = io.StringIO(text)
    del text
    first, header_line = _header_line(stream, file_name)
    separator = _separator(header_line, file_name)
    reader = csv.reader(itertools.chain([header_line + "\n"], stream), delimiter=separator)
    headers = [h.strip() for h in next(reader)]
    width = len(headers)
    fix = Phrase("imports.row.fields.fix_comma" if separator == "," else "imports.row.fields.fix")

    def extra(number: int, cells: list, _first: int) -> Message:
        return Message(ERROR, number, None, None, Phrase("imports.row.fields", cells=len(cells), headers=width), fix)

    other = "," if separator == ";" else ";"

    def mixed(number: int, cells: list) -> Message | None:
        """A row written with the other separator (part of the file saved with other settings)."""
        if len(_split(separator.join(cells), other)) < width:
            return None
        return Message(ERROR, number, None, None,
                       Phrase("imports.row.mixed_separator", row_separator=Phrase(SEPARATORS[other]),
                              separator=Phrase(SEPARATORS[separator])), Phrase("imports.row.mixed_separator.fix"))

    try:
        rows, columns, messages = _collect(((first + reader.line_num, record) for record in reader), width,
                                           file_name, limits, extra, mixed)
    except csv.Error as exc:
        raise FileProblem(Phrase("imports.file.bad_csv", file=file_name, row=first + reader.line_num,
                                 problem=str(exc))) from None
    form = Phrase("imports.form.csv", separator=Phrase(SEPARATORS[separator]), encoding=Phrase(ENCODINGS[encoding]))
    return RawTable(headers, [letter(i) for i in range(width)], rows, columns, form, messages)


# --- XLSX -------------------------------------------------------------------------------------------------------
def _workbook(data: bytes, file_name: str):
    """The workbook, read by calamine (a reader only: stored values, formulas never evaluated)."""
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - calamine raises several kinds for a damaged file
        raise FileProblem(Phrase("imports.file.bad_xlsx", file=file_name, kind=type(exc).__name__)) from None


def _read_xlsx(data: bytes, file_name: str, sheet: str | None, limits) -> RawTable:
    xlsx.check_expansion(data, file_name, limits.max_bytes)  # before calamine expands anything
    workbook = _workbook(data, file_name)
    names = list(workbook.sheet_names)
    if sheet and sheet not in names:
        raise FileProblem(Phrase("imports.file.no_sheet", file=file_name, sheet=sheet, sheets=", ".join(names)))
    title = sheet or names[0]
    try:
        table = _sheet_table(workbook.get_sheet_by_name(title), title, file_name, limits)
    except FileProblem:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - calamine's Rust panics derive from BaseException
        raise FileProblem(Phrase("imports.file.bad_sheet", file=file_name, sheet=title,
                                 kind=type(exc).__name__)) from None
    if len(names) > 1:  # say which sheet was read, and which others there are
        table.form = Phrase("imports.form.xlsx_of", sheet=title, n=len(names),
                            others=", ".join(f"«{n}»" for n in names if n != title))
    table.formulas = lambda: xlsx.formula_cells(data, title)
    return table


def _sheet_headers(rows: Iterable[list]) -> tuple[int, list]:
    """The number of the header row (the first that is neither empty nor a # comment) and its cells without the
    empty ones at the end; (0, []) for a sheet without one."""
    for number, values in enumerate(rows, start=1):  # the rows from A1 (empty rows included)
        cells = list(values)
        first_text = next((v for v in cells if not blank(v)), None)
        if first_text is None or (isinstance(first_text, str) and first_text.lstrip().startswith("#")):
            continue
        while cells and blank(cells[-1]):
            cells.pop()
        return number, cells
    return 0, []


def _sheet_table(worksheet, title: str, file_name: str, limits) -> RawTable:
    empty = FileProblem(Phrase("imports.file.empty_sheet", file=file_name, sheet=title))
    if not worksheet.height or not worksheet.width:
        raise empty
    iterator = iter(worksheet.iter_rows())
    header_row, headers = _sheet_headers(iterator)
    if not header_row:
        raise empty
    width = len(headers)

    def extra(number: int, _cells: list, index: int) -> Message:
        return Message(ERROR, number, letter(index), None, Phrase("imports.row.beyond_headers"),
                       Phrase("imports.row.beyond_headers.fix"))

    rows, columns, messages = _collect(enumerate(iterator, start=header_row + 1), width, file_name, limits, extra)
    header_text = ["" if blank(h) else shown(h) for h in headers]
    return RawTable(header_text, [letter(i) for i in range(width)], rows, columns,
                    Phrase("imports.form.xlsx", sheet=title), messages)
