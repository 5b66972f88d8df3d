"""Corrections held for an administrator's approval (issue 16: repeated uploads).

A data steward controls part of every cell their project shares with others. Each correction that changes a cell
draws fresh noise on it (its key depends on its count: ``disclosure.count_key``), so a steward free to re-send the
same month with small changes to their own rows would get as many independent readings of the other projects'
counts as uploads, and the mode of those readings gives the exact count back. Therefore:

- a steward's upload of project-months **never published** (no rows in any version) loads at once, as always;
- a steward's upload that would change project-months **already published** (current rows, or rows a rollback
  closed) is held here; the rest of the same file loads at once;
- an administrator approves a held correction (it is then loaded as one data version, replacing the rows of those
  project-months as any load does) or rejects it; a later upload of the same project-months replaces a pending one
  (status ``sostituita``), so the queue holds one file per project-month;
- every step goes to the audit trail (``correction_held``, ``correction_approved``, ``correction_rejected``), with
  file names, project-months and numbers of rows, never a figure.

So a steward gets one reading of a cell per correction an administrator approves, instead of one per upload; the
page shows the administrator how many times each project-month has already been revised. Administrators' own
uploads (and the command line, which acts with the database's own authority) load at once.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
from sqlalchemy import Engine, and_, func, or_, select, tuple_

from config import settings
from config.phrases import Phrase, PhraseError
from data_access import auth, loading
from data_access.contract import REPLACE_KEYS
from data_access.db import session_scope
from data_access.imports.preview import compare
from data_access.imports.report import Report
from data_access.models import TABLES, HeldCorrection

PENDING, APPROVED, REJECTED, SUPERSEDED = "in_attesa", "approvata", "rifiutata", "sostituita"
STATUSES = (PENDING, APPROVED, REJECTED, SUPERSEDED)
GROUP = ("project_code", "period")
KEYS_PER_QUERY = 500


class CorrectionError(PhraseError):
    """A decision that cannot be taken: an unknown correction, or one already decided."""


def held_tables() -> tuple[str, ...]:
    """The tables whose corrections are held: those with counts of people, replaced by project and month."""
    return tuple(name for name, spec in TABLES.items()
                 if spec.person_measures and tuple(REPLACE_KEYS.get(name, ())) == GROUP)


def must_hold(engine: Engine, actor: str | None, table: str) -> bool:
    """Whether corrections of ``table`` uploaded by ``actor`` wait for approval: a data steward's, for the tables of
    :func:`held_tables`. The command line's actor and administrators load at once."""
    if actor is None or table not in held_tables():
        return False
    try:
        return auth.import_projects(engine, actor) is not None
    except auth.AuthError:
        return False  # not a user (the command line) or no longer allowed: the import itself decides


# --- Which project-months are already published ---------------------------------------------------------------
def _pairs(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return sorted({(str(p), str(m)) for p, m in frame[list(GROUP)].itertuples(index=False, name=None)})


def published_groups(conn, table: str, pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (project, month) pairs of ``pairs`` that have rows of ``table`` in any data version (current or closed:
    a month rolled back is still a month already published)."""
    facts = TABLES[table].model.__table__
    found: set[tuple[str, str]] = set()
    for start in range(0, len(pairs), KEYS_PER_QUERY):
        chunk = pairs[start:start + KEYS_PER_QUERY]
        found |= {tuple(r) for r in conn.execute(
            select(facts.c.project_code, facts.c.period).distinct()
            .where(tuple_(facts.c.project_code, facts.c.period).in_(chunk)))}
    return found


def split(engine: Engine, report: Report, actor: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows of a checked report (``to_load``) that load at once and those held for approval."""
    rows = report.to_load
    if rows is None or rows.empty or not must_hold(engine, actor, report.table):
        return rows, (rows.iloc[0:0] if rows is not None else rows)
    with engine.connect() as conn:
        published = published_groups(conn, report.table, _pairs(rows))
    held = pd.Series([pair in published for pair in rows[list(GROUP)].astype(str).itertuples(index=False,
                                                                                             name=None)],
                     index=rows.index)
    return rows[~held].reset_index(drop=True), rows[held].reset_index(drop=True)


def held_rows(engine: Engine, report: Report, actor: str | None) -> int:
    """How many rows of a checked report would be held for approval if ``actor`` loaded it now."""
    if not report.ok or report.to_load is None:
        return 0
    return len(split(engine, report, actor)[1])


# --- Holding --------------------------------------------------------------------------------------------------
def _payload(frame: pd.DataFrame) -> str:
    return json.dumps(loading.records(frame, frame.columns), default=str, ensure_ascii=False)


def _changed_measures(conn, table: str, frame: pd.DataFrame) -> list[str]:
    """The measures whose figures the held rows change, compared with the current rows of their project-months."""
    spec = TABLES[table]
    facts = spec.model.__table__
    measures = [*spec.person_measures, *spec.other_measures]
    pairs = _pairs(frame)
    current = pd.DataFrame(conn.execute(
        select(*[facts.c[c] for c in (*spec.dimensions, *measures)])
        .where(facts.c.version_to.is_(None), tuple_(facts.c.project_code, facts.c.period).in_(pairs))).all(),
        columns=[*spec.dimensions, *measures])
    new = frame[[*spec.dimensions, *measures]]
    dims = list(spec.dimensions)
    both = _as_text(new, dims).merge(_as_text(current, dims), on=dims, how="outer", suffixes=("_new", "_old"))
    changed = []
    for m in measures:
        a = pd.to_numeric(both[f"{m}_new"], errors="coerce").fillna(0)
        b = pd.to_numeric(both[f"{m}_old"], errors="coerce").fillna(0)
        if (a.round(4) != b.round(4)).any():
            changed.append(m)
    return changed


def _as_text(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return frame.assign(**{c: frame[c].map(loading.dim_text) for c in columns})


def hold(engine: Engine, report: Report, frame: pd.DataFrame, actor: str) -> int:
    """Keep the rows of a steward's correction for approval; a pending correction of the same project-months is
    replaced. Returns the new correction's id (recorded in the audit trail)."""
    table = report.table
    pairs = _pairs(frame)
    with session_scope(engine) as session:
        conn = session.connection()
        correction = HeldCorrection(
            created_at=dt.datetime.now(dt.UTC), created_by=auth.normalise_username(actor), table_name=table,
            file_name=report.file_name, file_hash=report.file_hash, groups=json.dumps(pairs),
            measures=json.dumps(_changed_measures(conn, table, frame)), rows=len(frame), payload=_payload(frame),
            status=PENDING)
        session.add(correction)
        session.flush()
        replaced = [c for c in session.scalars(select(HeldCorrection).where(
            HeldCorrection.status == PENDING, HeldCorrection.table_name == table, HeldCorrection.id != correction.id))
            if set(map(tuple, json.loads(c.groups))) & set(pairs)]
        for old in replaced:
            old.status, old.decided_at, old.decided_by = SUPERSEDED, correction.created_at, correction.created_by
        correction_id = correction.id
    auth.record(engine, actor, "correction_held", page="importa",
                details={"correzione": correction_id, "tabella": table, "file": report.file_name,
                         "mesi": _months_text(pairs), "righe": len(frame),
                         "sostituisce": [c.id for c in replaced] or None})
    return correction_id


def _months_text(pairs: list[tuple[str, str]], limit: int = 12) -> str:
    """Project-months as text for the audit trail and the page: "SAI-SONDRIO 2024-01, 2024-02; ..."."""
    by_project: dict[str, list[str]] = {}
    for project, month in pairs:
        by_project.setdefault(project, []).append(month)
    parts = []
    for project, months in sorted(by_project.items()):
        shown = ", ".join(months[:limit]) + (f" (+{len(months) - limit})" if len(months) > limit else "")
        parts.append(f"{project} {shown}")
    return "; ".join(parts)


# --- Deciding -------------------------------------------------------------------------------------------------
def _admin(engine: Engine, username: str) -> str:
    """The administrator deciding (normalised); AuthError for anyone else."""
    if auth.import_projects(engine, username) is not None:
        raise auth.AuthError(Phrase("corrections.admin_only"))
    return auth.normalise_username(username)


def _pending(session, correction_id: int) -> HeldCorrection:
    correction = session.get(HeldCorrection, correction_id, with_for_update=True)
    if correction is None:
        raise CorrectionError(Phrase("corrections.missing", id=correction_id))
    if correction.status != PENDING:
        raise CorrectionError(Phrase("corrections.decided", id=correction_id,
                                     status=Phrase(f"corrections.status.{correction.status}")))
    return correction


def frame_of(correction: HeldCorrection) -> pd.DataFrame:
    """The rows a held correction would load, with the contract's columns."""
    records = json.loads(correction.payload)
    return pd.DataFrame(records, columns=list(TABLES[correction.table_name].columns), dtype=object)


def approve_by(engine: Engine, correction_id: int, username: str) -> int | None:
    """An approval asked by a user: administrators only (AuthError otherwise), then :func:`approve`."""
    return approve(engine, correction_id, _admin(engine, username))


def reject_by(engine: Engine, correction_id: int, username: str) -> None:
    """A rejection asked by a user: administrators only (AuthError otherwise), then :func:`reject`."""
    reject(engine, correction_id, _admin(engine, username))


def approve(engine: Engine, correction_id: int, admin: str | None) -> int | None:
    """Load a pending correction as a data version (replacing the rows of its project-months as any load does) and
    mark it approved, recorded as ``admin``'s decision (the command line: no check of role, as for rollbacks).
    Returns the version, or None when the data already hold exactly these rows."""
    with session_scope(engine) as session:
        correction = _pending(session, correction_id)
        report = Report(correction.table_name, correction.file_name, correction.file_hash, correction.rows, [],
                        frame=frame_of(correction))
    with engine.connect() as conn:
        compare(conn, report)  # against the data as they are now
    version = None
    if report.diff.changes:
        state = loading.data_state(engine)
        version = loading.load(
            engine, secret=settings.ckm_secret(demo_mode=state["demo"]).value,
            kind="demo_import" if state["demo"] else "import", created_by=correction.created_by,
            source=f"{correction.file_name} ({correction.table_name})", file_hash=correction.file_hash,
            frames={correction.table_name: report.to_load},
            replace={correction.table_name: report.to_load[list(REPLACE_KEYS[correction.table_name])]})
    _decide(engine, correction_id, APPROVED, admin, version)
    auth.record(engine, admin, "correction_approved", page="importa",
                details={"correzione": correction_id, "tabella": correction.table_name,
                         "file": correction.file_name, "di": correction.created_by, "versione": version})
    return version


def reject(engine: Engine, correction_id: int, admin: str | None) -> None:
    """Mark a pending correction rejected, as ``admin``'s decision: nothing is loaded."""
    correction = _decide(engine, correction_id, REJECTED, admin, None)
    auth.record(engine, admin, "correction_rejected", page="importa",
                details={"correzione": correction_id, "tabella": correction["table"], "file": correction["file"],
                         "di": correction["by"]})


def _decide(engine: Engine, correction_id: int, status: str, admin: str | None, version: int | None) -> dict:
    with session_scope(engine) as session:
        correction = _pending(session, correction_id)
        correction.status, correction.decided_by = status, admin
        correction.decided_at, correction.version_id = dt.datetime.now(dt.UTC), version
        return {"table": correction.table_name, "file": correction.file_name, "by": correction.created_by}


# --- Listing --------------------------------------------------------------------------------------------------
LIST_COLUMNS = ("id", "created_at", "created_by", "table", "file_name", "months", "rows", "measures", "revisions",
                "status", "decided_by", "decided_at", "version")


def listing(engine: Engine, *, username: str | None = None, pending_only: bool = False, limit: int = 200
            ) -> pd.DataFrame:
    """Held corrections, newest first: all, or one steward's (``username``); with ``pending_only`` only those
    waiting. ``revisions`` counts, for pending ones, the times their project-months have already been replaced by
    a published version (what the administrator weighs: each approval is one more reading of those cells)."""
    where = []
    if username is not None:
        where.append(HeldCorrection.created_by == auth.normalise_username(username))
    if pending_only:
        where.append(HeldCorrection.status == PENDING)
    with engine.connect() as conn:
        rows = conn.execute(select(*HeldCorrection.__table__.c).where(*where)
                            .order_by(HeldCorrection.id.desc()).limit(limit)).all()
        out = [_listed(conn, row) for row in rows]
    return pd.DataFrame(out, columns=list(LIST_COLUMNS))


def _listed(conn, row) -> dict:
    pairs = [tuple(p) for p in json.loads(row.groups)]
    return {"id": row.id, "created_at": row.created_at, "created_by": row.created_by, "table": row.table_name,
            "file_name": row.file_name, "months": _months_text(pairs), "rows": row.rows,
            "measures": json.loads(row.measures),
            "revisions": revisions(conn, row.table_name, pairs) if row.status == PENDING else None,
            "status": row.status, "decided_by": row.decided_by, "decided_at": row.decided_at,
            "version": row.version_id}


def revisions(conn, table: str, pairs: list[tuple[str, str]]) -> int:
    """How many data versions have replaced rows of these project-months so far (corrections already published,
    rollbacks included)."""
    facts = TABLES[table].model.__table__
    if not pairs:
        return 0
    match = or_(*[and_(facts.c.project_code == p, facts.c.period == m) for p, m in pairs[:KEYS_PER_QUERY]])
    return int(conn.execute(select(func.count(func.distinct(facts.c.version_to)))
                            .where(facts.c.version_to.is_not(None), match)).scalar_one())
