"""What a check says about a file: its messages (row, column, value, problem, fix), the report that gathers them
with the preview of a load, and the report as a table.

A message keeps its problem and fix as catalogue phrases (config/phrases.py): the import page says them in the
user's language, the command line and the report CSV in Italian. ``Message.problem`` and ``Message.fix`` are the
Italian sentences.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

import pandas as pd

from config.labels import fmt_number, t
from config.phrases import Phrase, PhraseError

ERROR, WARNING = "errore", "avviso"  # the levels, as the report CSV writes them in Italian
MAX_MESSAGES_PER_PROBLEM = 20  # rows listed for one (column, problem); the rest are counted in one line
HIDDEN = t("imports.hidden")  # the value shown in place of one that may be personal data
REPORT_KEYS = ("level", "row", "column", "value", "problem", "fix")


class FileProblem(PhraseError):
    """The file cannot be read as a table at all (empty, too big, not a spreadsheet...): one sentence."""


@dataclass(frozen=True)
class Message:
    level: str  # ERROR (blocks the load) or WARNING (shown, does not block)
    row: int | None  # row number as a spreadsheet shows it (headers are row 1 unless comments precede them)
    column: str | None  # the header as written in the file, with its column letter
    value: str | None  # the cell as shown; HIDDEN where it may be personal data
    issue: Phrase  # what is wrong
    remedy: Phrase  # how to put it right

    @property
    def problem(self) -> str:
        """The problem in Italian."""
        return self.issue.text()

    @property
    def fix(self) -> str:
        """The fix in Italian."""
        return self.remedy.text()

    def level_word(self, lang: str = "it") -> str:
        return t(f"imports.level.{self.level}", lang)

    def shown_value(self, lang: str = "it") -> str | None:
        return t("imports.hidden", lang) if self.value == HIDDEN else self.value

    def line(self, lang: str = "it") -> str:
        """The message as one line: "Errore - riga 3, colonna «strutture» (F): valore «x»: problem. Fix."."""
        where = []
        if self.row:
            where.append(t("imports.where.row", lang, row=self.row))
        if self.column:
            where.append(t("imports.where.column", lang, column=self.column))
        value = (f" {t('imports.where.value', lang, value=self.shown_value(lang))}:"
                 if self.value not in (None, "") else "")
        fix = self.remedy.text(lang)
        fix = fix[:1].upper() + fix[1:] + ("" if fix.endswith(("?", ".", ")")) else ".")
        head = self.level_word(lang).capitalize() + (f" - {', '.join(where)}" if where else "")
        return f"{head}:{value} {self.issue.text(lang)}. {fix}"


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
    form: Phrase | None = None  # how the file was read: separator and encoding, or the sheet
    frame: pd.DataFrame | None = None  # the converted rows (contract columns), None when there are errors
    diff: Diff | None = None
    to_load: pd.DataFrame | None = field(default=None, repr=False)  # the rows of the frame that change the data
    figures: pd.DataFrame | None = field(default=None, repr=False)  # preview.figures: changed keys, current and new
    projects: frozenset[str] | None = None  # the projects the uploader may load (None: an administrator)
    guess: str | None = None  # the table the file's headers fit, when they do not fit the chosen one
    held_rows: int = 0  # rows the uploader's load would hold for an administrator's approval (imports.corrections)

    @property
    def details(self) -> str:
        """How the file was read, in Italian ("CSV, separatore punto e virgola, UTF-8")."""
        return self.form.text() if self.form is not None else ""

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == ERROR]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.level == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors and self.frame is not None

    @property
    def loadable(self) -> bool:
        """Checked without errors and previewed: what the page offers to load (also once the rows are dropped)."""
        return not self.errors and self.diff is not None

    def without_rows(self) -> Report:
        """The report without its converted rows: what the page keeps (messages, preview, figures) while the rows
        stay with the process that checked them (data_access/imports/worker.py)."""
        return replace(self, frame=None, to_load=None)

    def ordered(self) -> list[Message]:
        """Errors first, then warnings, each by row (file-level messages first)."""
        return sorted(self.messages, key=lambda m: (m.level != ERROR, m.row or 0))

    def summary(self, lang: str = "it") -> str:
        head = t("imports.summary.head", lang, file=self.file_name, table=self.table,
                 details=self.form.text(lang) if self.form is not None else "",
                 rows=fmt_number(self.rows, lang=lang))
        if self.errors:
            return t("imports.summary.refused", lang, head=head, errors=len(self.errors),
                     warnings=len(self.warnings))
        d = self.diff
        preview = "" if d is None else t("imports.summary.preview", lang, added=d.added, replaced=d.replaced,
                                         current=d.replaced_current, unchanged=d.unchanged)
        return t("imports.summary.checked", lang, head=head, warnings=len(self.warnings), preview=preview)


def capped(messages: list[Message]) -> list[Message]:
    """At most MAX_MESSAGES_PER_PROBLEM rows per (level, column, problem), then one line counting the rest."""
    seen: dict[tuple, int] = defaultdict(int)
    out: list[Message] = []
    for m in messages:
        key = (m.level, m.column, m.issue)
        seen[key] += 1
        if seen[key] <= MAX_MESSAGES_PER_PROBLEM:
            out.append(m)
    for (level, column, issue), n in seen.items():
        if n > MAX_MESSAGES_PER_PROBLEM:
            out.append(Message(level, None, column, None,
                               Phrase("imports.more_rows", problem=issue, n=n - MAX_MESSAGES_PER_PROBLEM),
                               Phrase("imports.more_rows.fix")))
    return out


def report_columns(lang: str = "it") -> tuple[str, ...]:
    """The headers of the report table: level, row, column, value, problem, how to fix it."""
    return tuple(t(f"imports.report.{key}", lang) for key in REPORT_KEYS)


REPORT_COLUMNS = report_columns()


def report_frame(report: Report, lang: str = "it") -> pd.DataFrame:
    """The messages as a table, errors first, in ``lang`` (the page) or Italian (the report CSV)."""
    columns = list(report_columns(lang))
    rows = [(m.level_word(lang), m.row, m.column or "", m.shown_value(lang) or "", m.issue.text(lang),
             m.remedy.text(lang)) for m in report.ordered()]
    return pd.DataFrame(rows, columns=columns).astype({columns[1]: "Int64"})
