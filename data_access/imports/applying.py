"""Loading a checked report as one data version (all or nothing), undoing an import, listing the versions, and
recording uploads, refusals and rollbacks in the audit trail (file names and numbers of rows, never a value).

A load replaces the current rows with the same replacement key (data_access.contract.REPLACE_KEYS): re-loading
the same file changes nothing and makes no version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, or_, select

from config import settings
from config.phrases import Phrase, PhraseError
from data_access import auth, loading, warm
from data_access.contract import REPLACE_KEYS
from data_access.imports import corrections
from data_access.imports.personal import safe_file_name
from data_access.imports.preview import compare
from data_access.imports.report import Diff, Report
from data_access.models import DataVersion

RollbackError = loading.RollbackError
PROBLEM_MAX_CHARS = 200  # of a refusal's reason in the audit trail


class ReportHasErrors(PhraseError):
    """A report with errors was asked to load (the page and the command line never ask)."""


@dataclass(frozen=True)
class LoadResult:
    version: int | None  # None when nothing was loaded at once
    diff: Diff
    held: int | None = None  # the correction held for an administrator's approval (data_access.imports.corrections)
    held_rows: int = 0
    loaded_rows: int = 0  # rows loaded at once (when some were held)


def apply(engine: Engine, report: Report, *, actor: str | None,
          progress: Callable[[float], None] | None = None) -> LoadResult:
    """Load a checked report as one data version (all or nothing). Nothing changes, and no version is made, when
    every row is identical to the current data. ValueError if the report has errors.

    A data steward's rows that would change project-months already published are not loaded: they are held for an
    administrator's approval (``corrections``), and the rest of the file loads at once."""
    if not report.ok or report.diff is None:
        raise ReportHasErrors(Phrase("imports.apply.errors"))
    with engine.connect() as conn:  # the data may have changed since the check (another upload, a second click)
        compare(conn, report)
    if not report.diff.changes:
        auth.record(engine, actor, "upload", page="importa", details=_details(report, None))
        return LoadResult(None, report.diff)
    now, later = corrections.split(engine, report, actor)
    version = _load(engine, report, now, actor, progress) if len(now) else None
    held = corrections.hold(engine, report, later, actor) if len(later) else None
    auth.record(engine, actor, "upload", page="importa", details=_details(report, version) | (
        {"correzione_trattenuta": held, "righe_trattenute": len(later)} if held else {}))
    return LoadResult(version, report.diff, held, len(later), len(now))


def _load(engine: Engine, report: Report, rows, actor: str | None, progress) -> int:
    """Load rows of a checked report as one data version, replacing the current rows of their keys."""
    state = loading.data_state(engine)
    secret = settings.ckm_secret(demo_mode=state["demo"]).value
    common = {"secret": secret, "kind": "demo_import" if state["demo"] else "import", "created_by": actor,
              "source": f"{report.file_name} ({report.table})", "file_hash": report.file_hash, "progress": progress}
    if report.table == "projects":
        return loading.load(engine, frames={}, projects=rows, **common)
    # every key of the rows going in: a concurrent load of the same keys is replaced too
    return loading.load(engine, frames={report.table: rows}, **common,
                        replace={report.table: rows[list(REPLACE_KEYS[report.table])]})


def _details(report: Report, version: int | None) -> dict:
    d = report.diff
    return {"tabella": report.table, "file": report.file_name, "sha256": report.file_hash[:16],
            "righe": report.rows, "versione": version, "aggiunte": d.added if d else None,
            "sostituite": d.replaced if d else None, "invariate": d.unchanged if d else None,
            "errori": len(report.errors), "avvisi": len(report.warnings)}


def record_refusal(engine: Engine, actor: str | None, file_name: str, table: str, report: Report | None,
                   problem: str | None = None) -> None:
    """A refused upload in the audit trail (file name, table, number of errors; never the values, nor a file name
    that looks like personal data)."""
    details = {"tabella": table, "file": safe_file_name(file_name)}
    if report is not None:
        details |= {"righe": report.rows, "errori": len(report.errors), "avvisi": len(report.warnings)}
    if problem:
        details["problema"] = problem[:PROBLEM_MAX_CHARS]
    auth.record(engine, actor, "upload_rejected", page="importa", details=details)


def rollback(engine: Engine, version_id: int, *, actor: str | None) -> int:
    """Undo an import (see data_access.loading.rollback); recorded in the audit trail."""
    undo = loading.rollback(engine, version_id, created_by=actor)
    auth.record(engine, actor, "rollback", page="importa", details={"versione": version_id, "nuova_versione": undo})
    warm.nudge()  # the default views of the new version computed in the background (data_access/warm.py)
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
        raise auth.AuthError(Phrase("imports.rollback.admin_only"))
    return rollback(engine, version_id, actor=auth.normalise_username(username))


def rollback_candidates(engine: Engine) -> list[int]:
    """Versions an administrator may try to roll back (active imports), newest first."""
    with engine.connect() as conn:
        return list(conn.execute(select(DataVersion.id).where(
            DataVersion.status == "attiva", or_(DataVersion.kind == "import", DataVersion.kind == "demo_import"))
            .order_by(DataVersion.id.desc())).scalars())
