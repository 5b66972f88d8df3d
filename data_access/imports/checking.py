"""Checking a table read from a file: its headers against the contract, every cell converted, the checks across
rows and columns, and the preview of the load, all gathered in a :class:`~data_access.imports.report.Report`.

Nothing here writes. Headers match in Italian or by contract name (case, spaces and accents ignored). A header
or a value that looks like personal data makes the whole file refused, and the value is never repeated.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable

import pandas as pd
from sqlalchemy import Engine

from config import settings
from config.phrases import Phrase
from data_access.contract import (
    COLUMNS,
    Column,
    allowed,
    allowed_text,
    contract_columns,
    header_names,
    key_columns,
    norm,
)
from data_access.imports import cells
from data_access.imports.personal import personal_file_name
from data_access.imports.preview import compare
from data_access.imports.reading import RawTable, blank, file_hash, read_file, shown
from data_access.imports.report import ERROR, HIDDEN, WARNING, FileProblem, Message, Report, capped
from data_access.imports.text import invisible

COLUMNS_BY_NAME = {table: {c.name: c for c in columns} for table, columns in COLUMNS.items()}
PERSONAL_HEADER_PROBLEMS = ("imports.header.personal", "imports.header.personal_column")


def tables_for(projects: frozenset[str] | None) -> list[str]:
    """The tables a user may import: all for an administrator (None), the project tables for a data steward."""
    return [t for t in COLUMNS if projects is None or (t != "projects" and "project_code" in key_columns(t))]


def columns_table(table: str, lang: str = "it") -> list[dict]:
    """The columns of a table for the import page: header, the English header also accepted, required, allowed
    values, description."""
    return [{"header": c.header, "english": c.name, "required": c.required, "values": allowed_text(table, c, lang),
             "description": c.describe(lang)} for c in COLUMNS[table]]


def _file_message(issue: Phrase, remedy: Phrase) -> Message:
    """An error about the whole file (no row, no column)."""
    return Message(ERROR, None, None, None, issue, remedy)


def check(engine: Engine, data: bytes, file_name: str, table: str, *, sheet: str | None = None,
          projects: frozenset[str] | None = None, limits: settings.ImportLimits | None = None,
          today: dt.date | None = None) -> Report:
    """Read, convert and check a file for ``table``; with no errors, also compute the preview against the current
    data. ``projects``: the projects the user may load (None: any; a data steward gets theirs). Never writes.
    FileProblem when the file cannot be read as a table.

    One pass: every cell is converted and every row checked (periods, dates, duplicates, warnings) even where
    other cells of the file are wrong, so that one report lists every problem. Only a file with personal data, a
    file whose headers fit another table (the report names it: ``report.guess``) or one with no header of the table
    stops at its headers."""
    if table not in COLUMNS:
        raise FileProblem(Phrase("imports.unknown_table", table=table, tables=", ".join(COLUMNS)))
    _check_file_name(file_name)
    raw = read_file(data, file_name, sheet=sheet, limits=limits)
    report = Report(table, file_name, file_hash(data), len(raw.rows), list(raw.messages), form=raw.form,
                    projects=projects)
    if table not in tables_for(projects):
        report.messages.append(_file_message(Phrase("imports.admin_table", title=Phrase(f"import.table.{table}")),
                                             Phrase("imports.admin_table.fix")))
        return report
    columns = _match_headers(raw, table, report, projects)
    if report.guess or not columns or any(m.issue.key in PERSONAL_HEADER_PROBLEMS for m in report.messages):
        report.messages = capped(report.messages)
        return report
    if not raw.rows:
        report.messages.append(_file_message(Phrase("imports.no_rows"), Phrase("imports.no_rows.fix")))
        return report
    with engine.connect() as conn:
        ref = cells.Reference(conn)
    frame, failed = _convert(raw, table, columns, ref, projects, report)
    _row_checks(frame, failed, raw, table, columns, ref, report, today or dt.date.today())
    report.messages = capped(report.messages)
    if report.errors:
        return report
    del raw  # the raw cells are no longer needed: free them before the preview
    report.frame = frame.drop(columns="_row")
    with engine.connect() as conn:
        compare(conn, report)
    return report


def _check_file_name(file_name: str) -> None:
    """A file's name is stored with its data version and said in messages: one that looks like personal data, or
    holds a control character, is refused without being repeated."""
    what = personal_file_name(file_name)
    if what is not None:
        raise FileProblem(Phrase("imports.file.personal_name", what=what))
    if invisible(file_name) is not None:
        raise FileProblem(Phrase("imports.file.control_name"))


# --- Headers ----------------------------------------------------------------------------------------------------
def _where(raw: RawTable, index: int) -> str:
    """A column as messages name it: «header» (letter), or the letter alone for a column without header."""
    header = raw.headers[index]
    return f"«{header}» ({raw.letters[index]})" if header else raw.letters[index]


def _unnamed_column(raw: RawTable, index: int) -> Message:
    neighbours = [h for h in raw.headers[max(0, index - 1):index + 2] if h]
    fix = (Phrase("imports.header.unnamed.fix_near", near=", ".join(neighbours)) if neighbours
           else Phrase("imports.header.unnamed.fix"))
    return Message(ERROR, None, _where(raw, index), None, Phrase("imports.header.unnamed"), fix)


def _unknown_column(raw: RawTable, index: int, table: str) -> Message:
    """A header the table does not have: personal data, an empty extra column (a warning), or a mistake."""
    header, where = raw.headers[index], _where(raw, index)
    if cells.personal_header(header):
        return Message(ERROR, None, where, None, Phrase("imports.header.personal_column"),
                       Phrase("imports.header.personal_column.fix"))
    if all(blank(v) for v in raw.cells[index]):
        return Message(WARNING, None, where, None, Phrase("imports.header.extra_empty"),
                       Phrase("imports.header.extra_empty.fix"))
    close = difflib.get_close_matches(norm(header), [norm(c.header) for c in COLUMNS[table]], n=1, cutoff=0.6)
    allowed = Phrase("imports.header.unknown.allowed", columns=", ".join(c.header for c in COLUMNS[table]))
    return Message(ERROR, None, where, None, Phrase("imports.header.unknown"),
                   Phrase("imports.fix.maybe_one_then", choice=close[0], then=allowed) if close else allowed)


def _header_message(raw: RawTable, index: int, table: str, found: dict[str, int]) -> Message | None:
    """What is wrong with the header of a column; None for a contract header met for the first time, or an
    empty column without header."""
    header = raw.headers[index]
    if not header:
        return None if all(blank(v) for v in raw.cells[index]) else _unnamed_column(raw, index)
    if cells.personal(header):  # a first row of data taken for headers: never repeat it
        return Message(ERROR, None, raw.letters[index], None, Phrase("imports.header.personal"),
                       Phrase("imports.header.personal.fix"))
    name = header_names(table).get(norm(header))
    if name is None:
        return _unknown_column(raw, index, table)
    if name in found:
        return Message(ERROR, None, _where(raw, index), None,
                       Phrase("imports.header.repeated", letter=raw.letters[found[name]]),
                       Phrase("imports.header.repeated.fix"))
    return None


def _missing_columns(raw: RawTable, table: str, found: dict[str, int]) -> Message | None:
    missing = ", ".join(c.header for c in COLUMNS[table] if c.required and c.name not in found)
    if not missing:
        return None
    if found:
        return _file_message(Phrase("imports.header.missing", columns=missing), Phrase("imports.header.missing.fix"))
    return _file_message(Phrase("imports.header.missing_all", columns=missing),
                         Phrase("imports.header.missing_all.fix", title=Phrase(f"import.table.{table}")))


def _match_headers(raw: RawTable, table: str, report: Report, projects: frozenset[str] | None) -> dict[str, int]:
    """Contract name -> column index; header problems go in the report (a file with personal data: first). When the
    headers fit another table better, the report says so (``report.guess``) instead of listing every column."""
    names = header_names(table)
    found: dict[str, int] = {}
    messages: list[Message] = []
    for index, header in enumerate(raw.headers):
        message = _header_message(raw, index, table, found)
        if message is not None:
            messages.append(message)
        elif header:
            found[names[norm(header)]] = index
    missing = _missing_columns(raw, table, found)
    if missing is not None:
        messages.append(missing)
    personal = [m for m in messages if m.issue.key in PERSONAL_HEADER_PROBLEMS]
    if personal:
        report.messages.insert(0, _personal_file("imports.personal_file.fix_columns"))
    guess = guess_table(raw.headers, table) if messages else None
    if guess is not None:
        report.guess = guess
        messages = [_guess_message(table, guess, projects), *personal]
    report.messages.extend(messages)
    return found


def _fit(headers: list[str], table: str) -> tuple[bool, int, int]:
    """How a file's headers fit a table: whether every required column is there, how many headers are not the
    table's, how many are."""
    names = header_names(table)
    given = [norm(h) for h in headers if h]
    matched = {names[h] for h in given if h in names}
    required = {c.name for c in COLUMNS[table] if c.required}
    return required <= matched, sum(h not in names for h in given), len(matched)


def guess_table(headers: list[str], chosen: str) -> str | None:
    """The table whose columns the headers fit (every required column there, fewer unknown headers than the chosen
    table has), when the chosen one does not fit; None otherwise."""
    fits, unknown, _ = _fit(headers, chosen)
    if fits and not unknown:
        return None
    candidates = []
    for table in COLUMNS:
        if table == chosen:
            continue
        other_fits, other_unknown, matched = _fit(headers, table)
        if other_fits and (other_unknown < unknown or not fits):
            candidates.append((other_unknown, -matched, table))
    return min(candidates)[2] if candidates else None


def _guess_message(chosen: str, guess: str, projects: frozenset[str] | None) -> Message:
    title, chosen_title = Phrase(f"import.table.{guess}"), Phrase(f"import.table.{chosen}")
    fix = (Phrase("imports.guess.fix", title=title) if guess in tables_for(projects)
           else Phrase("imports.guess.fix_admin", title=title))
    return _file_message(Phrase("imports.guess", title=title, chosen=chosen_title), fix)


def _personal_file(fix: str) -> Message:
    """The file-level error that heads the report of a file with personal data."""
    return _file_message(Phrase("imports.personal_file"), Phrase(fix))


# --- Cells ------------------------------------------------------------------------------------------------------
def _parse_order(table: str) -> list[Column]:
    """The columns in the order they are converted: a comune after its row's province."""
    return sorted(COLUMNS[table], key=lambda c: c.kind == "municipality")


def _parsed(value, column: Column, table: str, ref: cells.Reference, projects, province_code):
    """The cell converted, or the CellProblem saying why not (a personal datum, wherever it is, as such). The guard
    reads at most CELL_MAX_CHARS of a cell (longer ones are refused as such), so its work is bounded."""
    try:
        return cells.parse(value, column, table, ref, projects, province_code)
    except cells.CellProblem as problem:
        what = (cells.personal(value[:cells.CELL_MAX_CHARS]) if isinstance(value, str) and not problem.personal
                else None)
        return cells.personal_problem(what) if what else problem


def _missing_value(row: int, where: str, table: str, column: Column, formula: bool = False) -> Message:
    """A required cell left empty, or (XLSX) holding a formula whose value was never stored."""
    if formula:
        return Message(ERROR, row, where, None, Phrase("imports.cell.formula"), Phrase("imports.cell.formula.fix"))
    fix = (Phrase("imports.cell.missing.fix_zero") if column.kind in ("count", "number")
           else Phrase("imports.cell.missing.fix", values=allowed(table, column)))
    return Message(ERROR, row, where, None, Phrase("imports.cell.missing"), fix)


def _convert_column(raw: RawTable, index: int, column: Column, table: str, ref: cells.Reference, projects,
                    provinces: list | None, report: Report) -> tuple[list, list[bool], bool]:
    """One column's values converted (None where blank or wrong), which of them are unknown (wrong, or missing
    where required), and whether a value looked like personal data; each problem goes in the report. Equal cells
    are converted once."""
    where = _where(raw, index)
    converted: list = [None] * len(raw.rows)
    unknown = [False] * len(raw.rows)
    cache: dict = {}
    personal_found = False
    for i, value in enumerate(raw.cells[index]):
        if blank(value):
            if column.required:
                report.messages.append(_missing_value(raw.rows[i], where, table, column,
                                                      raw.formula(raw.rows[i], raw.letters[index])))
                unknown[i] = True
            continue
        province_code = provinces[i] if provinces is not None else None
        key = (type(value).__name__, value, province_code if column.kind == "municipality" else None)
        if key not in cache:
            cache[key] = _parsed(value, column, table, ref, projects, province_code)
        result = cache[key]
        if isinstance(result, cells.CellProblem):
            personal_found |= result.personal
            unknown[i] = True
            report.messages.append(Message(ERROR, raw.rows[i], where, HIDDEN if result.personal else shown(value),
                                           result.issue, result.remedy))
        else:
            converted[i] = result
    return converted, unknown, personal_found


def _convert(raw: RawTable, table: str, columns: dict[str, int], ref: cells.Reference, projects, report: Report
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The contract frame (one column per contract column, a ``_row`` column with the file row; None where a cell
    is blank or wrong) and, for each column, which cells are unknown (wrong, or missing where required; every cell
    of a required column the file lacks)."""
    out: dict[str, list] = {"_row": list(raw.rows)}
    unknown: dict[str, list[bool]] = {}
    personal_found = False
    for column in _parse_order(table):
        if column.name not in columns:
            out[column.name] = [None] * len(raw.rows)
            unknown[column.name] = [column.required] * len(raw.rows)
            continue
        out[column.name], unknown[column.name], personal = _convert_column(
            raw, columns[column.name], column, table, ref, projects, out.get("province_code"), report)
        personal_found |= personal
    if personal_found:
        report.messages.insert(0, _personal_file("imports.personal_file.fix_values"))
    frame = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in out.items()})
    return frame[["_row", *contract_columns(table)]], pd.DataFrame(unknown)


# --- Across rows and columns ------------------------------------------------------------------------------------
Flag = Callable[..., None]  # flag(mask, level, column, issue (a Phrase, or row index -> Phrase), remedy)


def _duplicates(frame: pd.DataFrame, unknown: pd.DataFrame, rows: list[int], table: str, report: Report) -> None:
    """Rows with the same key (rows whose key has an unknown cell are left out: their key is not known)."""
    keys = list(key_columns(table))
    known = ~unknown[keys].any(axis=1)
    key_frame = frame.loc[known, keys].astype(str)
    duplicated = key_frame.duplicated(keep=False)
    first_row: dict[tuple, int] = {}
    columns = ", ".join(COLUMNS_BY_NAME[table][k].header for k in keys)
    for i in duplicated[duplicated].index:
        key = tuple(key_frame.loc[i])
        if key not in first_row:
            first_row[key] = rows[i]
            continue
        report.messages.append(Message(ERROR, rows[i], None, None,
                                       Phrase("imports.rows.duplicate", columns=columns, row=first_row[key]),
                                       Phrase("imports.rows.duplicate.fix")))


def _project_field(frame: pd.DataFrame, ref: cells.Reference, field: Callable) -> pd.Series:
    """A field of each row's project (None where the project is unknown)."""
    return frame["project_code"].map(lambda c: field(ref.projects[c]) if c in ref.projects else None)


def _period_checks(frame: pd.DataFrame, ref: cells.Reference, today: dt.date, flag: Flag) -> None:
    """No period in the future, nor outside the dates of its project."""
    if "period" not in frame:
        return
    fix = Phrase("imports.rows.project_period.fix")
    flag(frame["period"] > f"{today.year:04d}-{today.month:02d}", ERROR, "period", Phrase("imports.rows.future"),
         Phrase("imports.rows.future.fix"))
    if "project_code" not in frame:
        return
    start = _project_field(frame, ref, lambda p: p.start_date.strftime("%Y-%m"))
    end = _project_field(frame, ref, lambda p: p.end_date.strftime("%Y-%m") if p.end_date else "9999-12")
    flag(frame["period"] < start, ERROR, "period", lambda i: Phrase("imports.rows.before_project", start=start[i]),
         fix)
    flag(frame["period"] > end, ERROR, "period", lambda i: Phrase("imports.rows.after_project", end=end[i]), fix)


def _capacity_checks(frame: pd.DataFrame, ref: cells.Reference, flag: Flag) -> None:
    programme = _project_field(frame, ref, lambda p: p.programme)
    flag((programme == "ANTITRATTA") & frame["municipality_code"].notna(), ERROR, "municipality_code",
         Phrase("imports.rows.antitratta_comune"), Phrase("imports.rows.antitratta_comune.fix"))
    flag(frame["occupied"] > frame["places"], WARNING, "occupied",
         lambda i: Phrase("imports.rows.occupied", places=frame.at[i, "places"]), Phrase("imports.rows.occupied.fix"))


def _outreach_checks(frame: pd.DataFrame, _ref: cells.Reference, flag: Flag) -> None:
    flag(frame["take_ins"] > frame["contacts"], WARNING, "take_ins",
         lambda i: Phrase("imports.rows.take_ins", contacts=frame.at[i, "contacts"]),
         Phrase("imports.rows.take_ins.fix"))
    flag(frame["new_contacts"] > frame["contacts"], WARNING, "new_contacts",
         lambda i: Phrase("imports.rows.new_contacts", contacts=frame.at[i, "contacts"]),
         Phrase("imports.rows.new_contacts.fix"))


def _order_check(frame: pd.DataFrame, flag: Flag, first: str, then: str, issue: str) -> None:
    """An error where the optional date ``then`` is before the date ``first``."""
    given = frame[then].notna()
    flag(given & (frame[then].where(given, frame[first]) < frame[first]), ERROR, then, Phrase(issue),
         Phrase("imports.rows.dates.fix"))


def _network_checks(frame: pd.DataFrame, _ref: cells.Reference, flag: Flag) -> None:
    _order_check(frame, flag, "joined", "left", "imports.rows.left_before_joined")


def _projects_checks(frame: pd.DataFrame, _ref: cells.Reference, flag: Flag) -> None:
    _order_check(frame, flag, "start_date", "end_date", "imports.rows.end_before_start")


def _actions_checks(frame: pd.DataFrame, _ref: cells.Reference, flag: Flag) -> None:
    flag((frame["status"] == "completata") & frame["completed_date"].isna(), WARNING, "status",
         Phrase("imports.rows.completed_undated"), Phrase("imports.rows.completed_undated.fix"))


TABLE_CHECKS: dict[str, Callable[[pd.DataFrame, cells.Reference, Flag], None]] = {
    "capacity": _capacity_checks, "outreach": _outreach_checks, "network_members": _network_checks,
    "projects": _projects_checks, "actions": _actions_checks,
}


def _row_checks(frame: pd.DataFrame, unknown: pd.DataFrame, raw: RawTable, table: str, columns: dict[str, int],
                ref: cells.Reference, report: Report, today: dt.date) -> None:
    """Checks across columns and rows: duplicates, periods inside the project's dates, logic (warnings). Run on
    every row, also where other cells are wrong: a comparison with an unknown cell (None) flags nothing."""
    header = {c.name: _where(raw, columns[c.name]) if c.name in columns else f"«{c.header}»"
              for c in COLUMNS[table]}
    rows = frame["_row"].tolist()
    _duplicates(frame, unknown, rows, table, report)

    def flag(mask: pd.Series, level: str, column: str, issue, remedy: Phrase) -> None:
        for i in mask[mask.fillna(False).astype(bool)].index:
            report.messages.append(Message(level, rows[i], header[column], shown(frame.at[i, column]),
                                           issue(i) if callable(issue) else issue, remedy))

    _period_checks(frame, ref, today, flag)
    if table in TABLE_CHECKS:
        TABLE_CHECKS[table](frame, ref, flag)
