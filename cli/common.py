"""What the commands share: who acts in the audit trail, the exception of an expected failure, the database check,
tables aligned in columns, and the reasons a file cannot be written."""

from __future__ import annotations

from pathlib import Path

from cli.language import say

ACTOR = "manage.py"  # who made a change from the command line, in the audit trail


class CommandError(Exception):
    """An expected failure of a command: one line on standard error ("Errore: ..."), nothing written, exit code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def engine_ready():
    """The engine of DATABASE_URL, refused (DatabaseError) unless the database exists at the current schema."""
    from data_access import db

    engine = db.get_engine()
    db.require_current_schema(engine)
    return engine


def aligned(lines: list[tuple[str, ...]]) -> list[str]:
    """Rows as text in columns two spaces apart; the last column is not padded."""
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]) - 1)]
    return ["  ".join([*(cell.ljust(w) for cell, w in zip(line[:-1], widths, strict=True)), line[-1]])
            for line in lines]


def headings(key: str) -> tuple[str, ...]:
    """The headings of a printed table (a catalogue entry with the headings separated by "|")."""
    return tuple(say(key).split("|"))


def number(value, decimals: int = 0) -> str:
    """A number as the language of the command line writes it: "20.660" and "3,2" in Italian."""
    from cli.language import language
    from config.labels import fmt_number

    return fmt_number(value, decimals, language())


def word(prefix: str, code: str) -> str:
    """The catalogue's word for a code (``<prefix>.<code>``), the code itself where there is none."""
    from config.labels import CATALOGUE

    key = f"{prefix}.{code}"
    return say(key) if key in CATALOGUE else code


def yes_no(value: bool) -> str:
    """"sì" or "no" (in the language of the command line)."""
    return say("cli.yes") if value else say("cli.no")


def os_reason(exc: OSError) -> str:
    """The reason of a file-system error, in words."""
    from data_access.db import os_reason as reason

    return reason(exc)


def unwritable(path: Path) -> str | None:
    """Why a file cannot be written at `path` (its folder missing, or the path a folder), or None."""
    try:
        if path.is_dir():
            return say("cli.path.folder", path=path)
        if not path.parent.is_dir():
            return say("cli.path.no_folder", folder=path.parent)
    except OSError as exc:
        return say("cli.path.problem", path=path, reason=os_reason(exc))
    return None
