"""The files of the import that a user downloads: the template of each table (CSV and XLSX, with the explanation of
every column and an example row) and the report of a check as CSV.

Drawn from the data contract (data_access.contract: headers, descriptions, allowed values, examples) and from a
checked report (data_access.imports); the sentences come from the catalogue (config/catalogue/imports.py). The
headers of a template are the contract's Italian headers in every language: they are what the check reads.
"""

from __future__ import annotations

import codecs
import csv
import io

import pandas as pd

from config.labels import fmt_month, fmt_number, t
from data_access.contract import COLUMNS, REPLACE_KEYS, allowed_text, replace_rule
from data_access.imports import Report, report_columns, report_frame
from presentation.exports import neutralise

TEXT_KINDS = ("period", "province", "municipality", "project", "code", "programme", "text")
TEXT_ROWS = 500  # rows of the XLSX template whose code columns are formatted as text
DATA_WIDTH_MIN = 12
INSTRUCTION_HEADS = ("imports.template.head.header", "imports.template.required", "imports.template.head.values",
                     "imports.template.head.description", "imports.template.head.example")
INSTRUCTION_WIDTHS = (24, 12, 48, 80, 18)


def _crlf_bom(lines: list[str]) -> bytes:
    """Lines as Italian Excel opens them: UTF-8 with BOM, CRLF."""
    return codecs.BOM_UTF8 + ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _title(table: str, lang: str) -> str:
    return t(f"import.table.{table}", lang)


def _column_line(table: str, column, lang: str) -> str:
    need = t("imports.template.required" if column.required else "imports.template.optional", lang)
    return t("imports.template.column", lang, header=column.header, need=need, description=column.describe(lang),
             values=allowed_text(table, column, lang))


def _template_comments(table: str, lang: str) -> list[str]:
    """The explanation at the top of the CSV template (the XLSX template's instructions say the same)."""
    lines = [t("imports.template.head", lang, title=_title(table, lang), table=table),
             t("imports.template.rows", lang),
             t("imports.template.replaces", lang, rule=replace_rule(REPLACE_KEYS[table], lang))]
    lines += [_column_line(table, column, lang) for column in COLUMNS[table]]
    lines.append(t("imports.template.example", lang,
                   row=", ".join(f"{c.header}={c.example}" for c in COLUMNS[table])))
    return [line.replace(";", ",") for line in lines]  # a comment line holds no separator


def template_csv(table: str, lang: str = "it") -> bytes:
    """The CSV template: comment lines explaining every column and an example row, then the header row.
    Separator ;, UTF-8 with BOM (opens correctly in Excel with Italian settings)."""
    lines = [f"# {line}" for line in _template_comments(table, lang)]
    lines.append(";".join(c.header for c in COLUMNS[table]))
    return _crlf_bom(lines)


def _write_row(sheet, row: int, values, font=None) -> None:
    """Cells of one row from column A; text stays text (never run as a formula)."""
    for number, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=number)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
        if font is not None:
            cell.font = font


def _data_sheet(sheet, table: str) -> None:
    """The sheet to fill in: the headers, code columns formatted as text so 015 and 2024-03 stay as typed."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    _write_row(sheet, 1, [c.header for c in COLUMNS[table]], Font(bold=True))
    for j, column in enumerate(COLUMNS[table], start=1):
        sheet.column_dimensions[get_column_letter(j)].width = max(DATA_WIDTH_MIN, len(column.header) + 4)
        if column.kind in TEXT_KINDS:
            for i in range(2, TEXT_ROWS + 2):
                sheet.cell(row=i, column=j).number_format = "@"
    sheet.freeze_panes = "A2"


def _instructions_sheet(sheet, table: str, lang: str, data_sheet: str) -> None:
    """Every column (whether required, allowed values, description, example), then an example row."""
    from openpyxl.styles import Font

    bold = Font(bold=True)
    _write_row(sheet, 1, [t("imports.template.sheet_title", lang, title=_title(table, lang), table=table)], bold)
    for i, line in enumerate(_template_comments(table, lang)[1:3], start=2):
        _write_row(sheet, i, [line])
    _write_row(sheet, 5, [t("imports.template.fill_in", lang, sheet=data_sheet)])
    _write_row(sheet, 7, [t(key, lang) for key in INSTRUCTION_HEADS], bold)
    yes, no = t("imports.template.yes", lang), t("imports.template.no", lang)
    for i, column in enumerate(COLUMNS[table], start=8):
        _write_row(sheet, i, [column.header, yes if column.required else no, allowed_text(table, column, lang),
                              column.describe(lang), column.example])
    row = 9 + len(COLUMNS[table])
    _write_row(sheet, row, [t("imports.template.example_row", lang)], bold)
    _write_row(sheet, row + 1, [c.header for c in COLUMNS[table]], Font(italic=True))
    _write_row(sheet, row + 2, [c.example for c in COLUMNS[table]])
    for letter, width in zip("ABCDE", INSTRUCTION_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width


def template_xlsx(table: str, lang: str = "it") -> bytes:
    """The XLSX template: a sheet to fill in (headers, text-formatted code columns) and a sheet of instructions
    (every column, whether required, allowed values, description, an example row)."""
    from openpyxl import Workbook

    workbook = Workbook()
    data = workbook.active
    data.title = t("imports.template.data_sheet", lang)
    _data_sheet(data, table)
    _instructions_sheet(workbook.create_sheet(t("imports.template.instructions_sheet", lang)), table, lang,
                        data.title)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_csv(report: Report, lang: str = "it") -> bytes:
    """The report of a check for Excel: the summary as a comment line, then one row per message (errors first);
    UTF-8 with BOM, ";" separator, formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([f"# {report.summary(lang)}"])
    writer.writerow(report_columns(lang))
    for row in report_frame(report, lang).itertuples(index=False):
        writer.writerow([neutralise("" if pd.isna(v) else str(v)) for v in row])
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


FIGURE_HEADS = ("measure", "current", "new", "change")
def _figure(value, decimals: int, lang: str) -> str:
    return "—" if value is None or value != value else fmt_number(value, decimals, lang=lang)


def _key(column: str, value, lang: str) -> str:
    """A key of the preview as the page writes it: a month in words, a date as 31/03/2024, a code as it is."""
    if column == "period":
        return fmt_month(str(value), lang)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def figures_table(report: Report, lang: str = "it") -> pd.DataFrame:
    """The preview's figures as the page shows them: per changed project and period (or the table's replacement
    key), each measure's current value ("—" where there is none yet), the file's value and the change, written as
    the language writes numbers."""
    figures = report.figures
    keys = list(REPLACE_KEYS[report.table])
    headers = {c.name: c.header for c in COLUMNS[report.table]}
    heads = [headers[k] for k in keys] + [t(f"imports.figures.{h}", lang) for h in FIGURE_HEADS]
    if figures is None or figures.empty:
        return pd.DataFrame(columns=heads)
    kinds = {c.name: c.kind for c in COLUMNS[report.table]}
    rows = []
    for record in figures.itertuples(index=False):
        values = record._asdict()
        decimals = 2 if kinds.get(values["measure"]) == "number" else 0
        current, new = values["current"], values["new"]
        change = None if current is None or current != current else new - current
        measure = headers.get(values["measure"]) or t("imports.figures.rows", lang)
        rows.append([*(_key(k, values[k], lang) for k in keys), measure, _figure(current, decimals, lang),
                     _figure(new, decimals, lang),
                     "—" if change is None else ("+" if change > 0 else "") + _figure(change, decimals, lang)])
    return pd.DataFrame(rows, columns=heads)
