"""The one way data enter the database: a load is one transaction and one data version.

The demo generator and (later) file imports both call :func:`load`. Each person-count cell gets its cell key
here (DISCLOSURE.md §2): the key is computed from the server secret and the row's canonical id, and stored
beside the count. :func:`rekey` recomputes every key after a change of secret.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping

import pandas as pd
from sqlalchemy import Engine, bindparam, delete, func, insert, literal, select, tuple_, update

from config.labels import t
from data_access import run_memo
from data_access.db import session_scope
from data_access.disclosure import count_key, row_id
from data_access.models import (
    CUBE_DIMENSIONS,
    CUBE_TOTAL,
    OUTREACH_MEASURES,
    PROJECT_COLUMNS,
    REFERENCE_KIND,
    TABLES,
    DataVersion,
    Outreach,
    OutreachCube,
    Project,
)

CHUNK = 20_000
KEYS_PER_QUERY = 500  # replacement keys per query when reading the rows a load replaces


def dim_text(value) -> str:
    """The canonical text of a dimension value (dates as ISO, missing as empty)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()[:10]
    return str(value)


Carried = dict[tuple[str, ...], dict[str, tuple[int, int]]]
"""Keys kept from the rows a load replaces: a row's identity (its dimension values as text) -> measure -> (count,
key)."""


def cell_keys(secret: bytes, table: str, frame: pd.DataFrame, carried: Carried | None = None
              ) -> dict[str, list[int]]:
    """Cell keys for every person measure of every row (0 where the count is 0).

    A key is :func:`~data_access.disclosure.count_key` of the row's identity and the count (so the measures of a row
    that count the same number share it), except where ``carried``
    holds the same cell with the same count (a row the load replaces): that key is kept, so a cell a correction
    leaves as it was keeps its noise whatever scheme its key was made with (the data loaded before migration 0007
    keep keys of their identity alone until ``manage.py rekey``)."""
    spec = TABLES[table]
    dims = [[dim_text(v) for v in frame[d].tolist()] for d in spec.dimensions] if len(frame) else []
    identities = list(zip(*dims, strict=True)) if dims else []
    counts = {m: frame[m].tolist() for m in spec.person_measures}
    carried = carried or {}
    out: dict[str, list[int]] = {f"ck_{m}": [] for m in spec.person_measures}
    for i, identity in enumerate(identities):
        kept, row, made = carried.get(identity, {}), None, {}
        for measure in spec.person_measures:
            n = counts[measure][i]
            if not n:
                key = 0
            elif measure in kept and kept[measure][0] == n:
                key = kept[measure][1]
            else:
                if n not in made:
                    row = row or row_id(table, dict(zip(spec.dimensions, identity, strict=True)))
                    made[n] = count_key(secret, row, n)
                key = made[n]
            out[f"ck_{measure}"].append(key)
    return out


def carried_keys(conn, table: str, keys: pd.DataFrame | None) -> Carried:
    """The counts and keys of the current rows of ``table`` that a load replacing ``keys`` will close."""
    spec = TABLES[table]
    if keys is None or keys.empty or not spec.person_measures:
        return {}
    facts = spec.model.__table__
    columns = [*spec.dimensions, *spec.person_measures, *(f"ck_{m}" for m in spec.person_measures)]
    match = [facts.c[c] for c in keys.columns]
    wanted = list(keys.drop_duplicates().itertuples(index=False, name=None))
    out: Carried = {}
    for start in range(0, len(wanted), KEYS_PER_QUERY):
        chunk = wanted[start:start + KEYS_PER_QUERY]
        where = match[0].in_([k[0] for k in chunk]) if len(match) == 1 else tuple_(*match).in_(chunk)
        for values in conn.execute(select(*[facts.c[c] for c in columns]).where(facts.c.version_to.is_(None), where)):
            record = dict(zip(columns, values, strict=True))
            identity = tuple(dim_text(record[d]) for d in spec.dimensions)
            out[identity] = {m: (record[m], record[f"ck_{m}"]) for m in spec.person_measures}
    return out


def frames_hash(projects: pd.DataFrame | None, frames: Mapping[str, pd.DataFrame]) -> str:
    digest = hashlib.sha256()
    for name, frame in [("projects", projects), *sorted(frames.items())]:
        if frame is not None:
            digest.update(name.encode())
            digest.update(pd.util.hash_pandas_object(frame.astype(str), index=False).values.tobytes())
    return digest.hexdigest()


def records(frame: pd.DataFrame, columns) -> list[dict]:
    """Plain Python values (no numpy scalars, None for missing) for the DB driver."""
    sub = frame[list(columns)].astype(object).where(frame[list(columns)].notna(), None)
    return sub.to_dict("records")


def load(
    engine: Engine,
    *,
    secret: bytes,
    kind: str,
    source: str,
    frames: Mapping[str, pd.DataFrame],
    projects: pd.DataFrame | None = None,
    created_by: str | None = None,
    file_hash: str | None = None,
    progress: Callable[[float], None] | None = None,
    replace: Mapping[str, pd.DataFrame] | None = None,
) -> int:
    """Insert projects and fact tables as a new data version, all or nothing. Returns the version id.

    ``replace`` maps a table to a frame of replacement keys (data_access/contract.REPLACE_KEYS): the current rows
    with those keys are closed (``version_to`` = the new version) before the new rows go in, in the same
    transaction, so a re-load of the same project and months replaces them instead of adding to them."""
    unknown = set(frames) - set(TABLES)
    if unknown:
        raise ValueError(t("system.load.unknown_tables", tables=", ".join(sorted(unknown))))
    replace = replace or {}
    rows = _Progress(sum(len(f) for f in frames.values()) + (0 if projects is None else len(projects)), progress)
    with session_scope(engine) as session:
        version = DataVersion(
            created_at=dt.datetime.now(dt.UTC), kind=kind, source=source,
            file_hash=file_hash or frames_hash(projects, frames), rows=rows.total, created_by=created_by,
            status="attiva",
        )
        session.add(version)
        session.flush()
        if projects is not None and len(projects):
            _merge_projects(session, projects, version.id)
            rows.done += len(projects)
        carried = {table: carried_keys(session.connection(), table, keys) for table, keys in replace.items()}
        for table, keys in replace.items():
            _close(session.connection(), TABLES[table].model.__table__, keys, version.id)
        for table, frame in frames.items():
            _insert_rows(session, secret, table, frame, version.id, rows, carried.get(table))
        if "outreach" in frames or "outreach" in replace:
            groups = None if kind == "demo" else pd.concat(
                [f[["project_code", "period"]] for f in (frames.get("outreach"), replace.get("outreach"))
                 if f is not None])
            refresh_cube(session.connection(), groups)
        version_id = version.id
    after_load(engine)
    return version_id


def after_load(engine: Engine) -> None:
    """Once a load or a rollback is committed: compute the new version's alerts and queue the e-mail it makes due
    (data_access.notifications: e-mail only where configured; it never sends, never raises, never touches the
    committed load)."""
    from data_access import notifications

    notifications.after_load(engine)


class _Progress:
    """Rows written out of the total of a load, reported to ``report`` (a fraction) after each chunk."""

    def __init__(self, total: int, report: Callable[[float], None] | None):
        self.total, self.done, self.report = total, 0, report

    def add(self, rows: int) -> None:
        self.done += rows
        if self.report:
            self.report(self.done / max(self.total, 1))


def _merge_projects(session, projects: pd.DataFrame, version_id: int) -> None:
    """Add or update the projects register, each row marked with the version that loaded it."""
    for row in records(projects, PROJECT_COLUMNS):
        row["version_id"] = version_id
        session.merge(Project(**row))
    session.flush()


def _insert_rows(session, secret: bytes, table: str, frame: pd.DataFrame, version_id: int, rows: _Progress,
                 carried: Carried | None = None) -> None:
    """Insert a fact table's rows, in chunks, as current rows added by the version, each count with its key (kept
    from the replaced row where the cell and its count are the same: ``carried``)."""
    spec = TABLES[table]
    for start in range(0, len(frame), CHUNK):
        chunk = frame.iloc[start:start + CHUNK]
        rows_in = records(chunk, spec.columns)
        for name, keys in cell_keys(secret, table, chunk, carried).items():
            for record, key in zip(rows_in, keys, strict=True):
                record[name] = key
        for record in rows_in:
            record["version_from"] = version_id
            record["origin_version"] = version_id
            record["version_to"] = None
        session.execute(insert(spec.model.__table__), rows_in)
        rows.add(len(chunk))


def _close(conn, table, keys: pd.DataFrame, version_id: int) -> None:
    """Close (version_to = version_id) the current rows of ``table`` that match a row of ``keys``."""
    if keys is None or keys.empty:
        return
    columns = list(keys.columns)
    statement = (update(table)
                 .where(table.c.version_to.is_(None),
                        *[table.c[c] == bindparam(f"k_{c}") for c in columns])
                 .values(version_to=version_id))
    params = [{f"k_{c}": v for c, v in zip(columns, row, strict=True)}
              for row in keys.drop_duplicates().itertuples(index=False, name=None)]
    conn.execute(statement, params)


def refresh_cube(conn, groups: pd.DataFrame | None = None) -> None:
    """Rebuild the outreach cube from the current outreach rows (inside the caller's transaction): all of it, or
    only the cells of the projects and months in ``groups`` (columns project_code, period)."""
    o = Outreach.__table__
    where = [o.c.version_to.is_(None)]
    if groups is None:
        conn.execute(delete(OutreachCube))
    else:
        if groups.empty:
            return
        projects, months = sorted(set(groups["project_code"])), sorted(set(groups["period"]))
        cube = OutreachCube.__table__
        conn.execute(delete(cube).where(cube.c.project_code.in_(projects), cube.c.period.in_(months)))
        where += [o.c.project_code.in_(projects), o.c.period.in_(months)]
    sums = [func.sum(o.c[m]).label(m) for m in OUTREACH_MEASURES]
    keys = [func.sum(o.c[f"ck_{m}"]).label(f"ck_{m}") for m in OUTREACH_MEASURES]
    columns = ["dimension", "category", "period", "province_code", "project_code", *OUTREACH_MEASURES,
               *[f"ck_{m}" for m in OUTREACH_MEASURES]]
    place = [o.c.period, o.c.province_code, o.c.project_code]
    # one breakdown per dimension, then the totals: the same sums with no breakdown (dimension and category
    # CUBE_TOTAL; any dimension's categories cover every cell)
    for dimension, category in [*((d, o.c[d]) for d in CUBE_DIMENSIONS), (CUBE_TOTAL, None)]:
        source = (select(literal(dimension).label("dimension"),
                         (literal(CUBE_TOTAL) if category is None else category).label("category"),
                         *place, *sums, *keys)
                  .where(*where).group_by(*place, *([] if category is None else [category])))
        conn.execute(OutreachCube.__table__.insert().from_select(columns, source))


class RollbackError(ValueError):
    """A version that cannot be rolled back; the message (Italian, from the catalogue) says why and what to do."""


def rollback(engine: Engine, version_id: int, created_by: str | None = None) -> int:
    """Undo an import as a new data version, all or nothing; returns the new version's id.

    The current rows with the import's content (``origin_version``) are closed by the new version and the rows it
    replaced come back as copies added by the new version (keeping their origin), so the data as of any earlier
    version stay as they were (nothing is deleted). Refused for demo generation, rollbacks, the projects register,
    a version already undone, or one whose rows a later import, still in force, has replaced in part (undo that
    one first)."""
    with session_scope(engine) as session:
        version = session.get(DataVersion, version_id, with_for_update=True)
        _refuse_rollback(session, version, version_id)
        undo = DataVersion(created_at=dt.datetime.now(dt.UTC), kind=version.kind.replace("import", "rollback"),
                           source=t("system.load.rollback_source", version=version_id, source=version.source),
                           file_hash=version.file_hash, rows=0, created_by=created_by, status="attiva")
        session.add(undo)
        session.flush()
        conn = session.connection()
        touched, groups = 0, []
        for table, spec in TABLES.items():
            facts = spec.model.__table__
            if table == "outreach":
                groups.append(pd.DataFrame(conn.execute(
                    select(facts.c.project_code, facts.c.period).distinct()
                    .where((facts.c.origin_version == version_id) | (facts.c.version_to == version_id))).all(),
                    columns=["project_code", "period"]))
            touched += _undo_rows(conn, facts, version_id, undo.id)
        version.status = "annullata"
        undo.rows = touched
        if groups:
            refresh_cube(conn, pd.concat(groups))
        undo_id = undo.id
    after_load(engine)
    return undo_id


def _refuse_rollback(session, version: DataVersion | None, version_id: int) -> None:
    """RollbackError when a version may not be rolled back: missing, already undone, not an upload, an upload of
    the projects register, or one whose rows a later version still in force has replaced in part."""
    if version is None:
        raise RollbackError(t("system.rollback.missing", version=version_id))
    if version.status != "attiva":
        raise RollbackError(t("system.rollback.done", version=version_id))
    if not version.kind.endswith("import"):
        raise RollbackError(t("system.rollback.not_import", version=version_id, kind=version.kind))
    if session.scalar(select(func.count()).select_from(Project).where(Project.version_id == version_id)):
        raise RollbackError(t("system.rollback.projects", version=version_id))
    active = select(DataVersion.id).where(DataVersion.status == "attiva")
    for spec in TABLES.values():
        table = spec.model.__table__
        later = session.scalar(select(func.min(table.c.version_to))
                               .where(table.c.origin_version == version_id, table.c.version_to.in_(active)))
        if later is not None:
            raise RollbackError(t("system.rollback.replaced", version=version_id, later=later))


def _undo_rows(conn, table, version_id: int, undo_id: int) -> int:
    """Bring back, as rows added by ``undo_id``, the rows the version replaced, and close the rows it added;
    returns the rows touched."""
    copy = [c.name for c in table.columns if c.name not in ("id", "version_from", "version_to")]
    restored = conn.execute(table.insert().from_select(
        [*copy, "version_from"],
        select(*[table.c[c] for c in copy], literal(undo_id)).where(table.c.version_to == version_id)))
    closed = conn.execute(update(table).where(table.c.origin_version == version_id, table.c.version_to.is_(None))
                          .values(version_to=undo_id))
    return max(restored.rowcount or 0, 0) + max(closed.rowcount or 0, 0)


def rekey(engine: Engine, secret: bytes) -> int:
    """Recompute every cell key (all versions) under a new secret, in one transaction. Returns rows updated."""
    updated = 0
    with session_scope(engine) as session:
        for table, spec in TABLES.items():
            if not spec.person_measures:
                continue
            facts = spec.model.__table__
            key_cols = [f"ck_{m}" for m in spec.person_measures]
            statement = (
                update(facts)
                .where(facts.c.id == bindparam("row_id"))
                .values({c: bindparam(c) for c in key_cols})
            )
            last_id = 0
            while True:
                chunk = pd.read_sql(
                    select(facts).where(facts.c.id > last_id).order_by(facts.c.id).limit(CHUNK), session.connection()
                )
                if chunk.empty:
                    break
                keys = cell_keys(secret, table, chunk)
                params = [
                    {"row_id": int(row_id), **{c: keys[c][i] for c in key_cols}}
                    for i, row_id in enumerate(chunk["id"].tolist())
                ]
                session.connection().execute(statement, params)
                updated += len(chunk)
                last_id = int(chunk["id"].iloc[-1])
        refresh_cube(session.connection())
    return updated


def data_state(engine: Engine) -> dict:
    """What is loaded: number of active versions by kind, and the latest version id, of the project data; and the
    latest version of the public statistics (``reference_version``).

    The public statistics (kind REFERENCE_KIND, loaded by ``manage.py init-db``) are neither demo data nor project
    data: they never make a database "not empty" (seed-demo still loads), nor take it out of demo mode, nor count
    as real data (the start-up checks)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(DataVersion.kind, func.count(), func.max(DataVersion.id))
            .where(DataVersion.status == "attiva")
            .group_by(DataVersion.kind)
        ).all()
    reference = next((m for kind, _, m in rows if kind == REFERENCE_KIND), None)
    rows = [row for row in rows if row[0] != REFERENCE_KIND]
    kinds = {kind: count for kind, count, _ in rows}
    latest = max((m for _, _, m in rows), default=None)
    return {"kinds": kinds, "latest_version": latest, "empty": not kinds, "demo": demo_kinds(kinds),
            "reference_version": reference}


def run_state(engine: Engine) -> dict:
    """:func:`data_state`, read once per script run (``run_memo``): the start-up check, the session check, the
    cache's key and the citations of a run all ask it, and a page is drawn from one state; the next run reads it
    again, so a load is seen at the next run. Outside a run, at every call."""
    url = engine.url.render_as_string(hide_password=False)
    return run_memo.per_run(("data_state", url), lambda: data_state(engine))


def demo_kinds(kinds) -> bool:
    """Whether data versions of these kinds are demo data: the generator's ("demo") and the uploads and rollbacks
    made in a demo database ("demo_import", "demo_rollback"). The public statistics (REFERENCE_KIND) are left out:
    they are the same in a demo and a real database. Any other kind is real data."""
    kinds = set(kinds) - {REFERENCE_KIND}
    return bool(kinds) and all(kind.startswith("demo") for kind in kinds)


def startup_problem(engine: Engine) -> str | None:
    """Why the app must not serve pages (Italian, from the catalogue), or None.

    A database not reachable or not at the current schema is the whole answer. Otherwise every configuration
    problem is listed in one message: outside demo mode (the database is empty or holds real data) no CKM secret
    or no cookie key; in any mode a secret too short, CKM parameters without a p-table (the p-table is built here,
    once), a bad cookie lifetime or bad import limits."""
    from config import settings
    from data_access import db

    try:
        db.require_current_schema_recently(engine)
        state = run_state(engine)
    except (db.DatabaseError, settings.ConfigError) as exc:
        return str(exc)
    if state["demo"]:
        secrets = [settings.configured_secret]  # a secret set must be long enough; else the demo secret serves
    else:
        secrets = [lambda: settings.ckm_secret(demo_mode=False), lambda: settings.cookie_key(demo_mode=False)]
    problems, missing = [], False
    for check in [*secrets, settings.ckm_params, settings.disclosure_rules, settings.cookie_days,
                  settings.import_limits]:
        try:
            check()
        except settings.ConfigError as exc:
            problems.append(str(exc))
            missing = missing or check in secrets
    if missing and state["empty"]:
        problems.append(t("system.startup.demo_hint"))
    return "\n\n".join(problems) or None
