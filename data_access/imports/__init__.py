"""File imports: read a CSV or XLSX table, check every row, show what would change, load it as one data version.

The steps, each usable alone (the import page and ``manage.py import`` call the same functions), each in its
module:

1. ``reading``: :func:`read_file` turns the bytes of an upload into a table of raw cells with their row numbers
   and column letters (CSV or XLSX, encodings, size and row limits); anything else is refused with a
   :class:`FileProblem` saying what the file is and what to do.
2. ``cells``: one cell into its value (counts, numbers, periods, dates, territory and project codes, allowed
   codes, short text) and the personal-data guard.
3. ``checking``: :func:`check` matches the headers, converts every cell and checks across rows, collecting
   :class:`Message` objects (row, column, value, problem, fix) in a :class:`Report` (``report``); with no errors
   it computes the preview (:class:`Diff`, ``preview``) against the current data.
4. ``applying``: :func:`apply` loads a clean report in one transaction (data_access.loading.load) as a data
   version, replacing the current rows with the same replacement key; :func:`rollback` undoes an import
   (administrators); the versions are listed and uploads, refusals and rollbacks recorded in the audit trail.

Nothing writes before step 4, and step 4 writes all or nothing: a refused file leaves the database as it was.
Messages never repeat a value that looks like personal data. Their words are catalogue phrases
(config/catalogue/imports.py), said in the reader's language: :meth:`Message.line`, :meth:`Report.summary` and
:func:`report_frame` take ``lang`` (Italian by default, as the command line and the report CSV use it). The
files a user downloads (templates, the report CSV) are drawn in presentation/import_files.py.
"""

from data_access.imports.applying import (
    LoadResult,
    ReportHasErrors,
    RollbackError,
    apply,
    record_refusal,
    rollback,
    rollback_by,
    rollback_candidates,
    versions,
    versions_for,
)
from data_access.imports.checking import check, columns_table, tables_for
from data_access.imports.reading import RawTable, file_hash, read_file, sheet_names
from data_access.imports.report import (
    ERROR,
    HIDDEN,
    MAX_MESSAGES_PER_PROBLEM,
    REPORT_COLUMNS,
    WARNING,
    Diff,
    FileProblem,
    Message,
    Report,
    report_columns,
    report_frame,
)

__all__ = [
    "ERROR", "HIDDEN", "MAX_MESSAGES_PER_PROBLEM", "REPORT_COLUMNS", "WARNING", "Diff", "FileProblem", "LoadResult",
    "Message", "RawTable", "Report", "ReportHasErrors", "RollbackError", "apply", "check", "columns_table",
    "file_hash", "read_file", "record_refusal", "report_columns", "report_frame", "rollback", "rollback_by",
    "rollback_candidates", "sheet_names", "tables_for", "versions", "versions_for",
]
