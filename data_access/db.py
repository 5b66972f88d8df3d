"""Engine, sessions and schema migrations (Alembic, driven from code).

``DATABASE_URL`` selects the database (SQLite by default, PostgreSQL in production). Expected failures
(unreachable server, schema newer than the code, a SQLite file that does not exist or a path that cannot hold
one) raise :class:`DatabaseError` with a message from the catalogue (``config/catalogue/system.py``), in Italian.

Only a migration (:func:`upgrade`, run by ``manage.py init-db``) creates a SQLite file and its directories;
everything else refuses a missing file and leaves the file system as it was. The file is readable by its owner only
(0600), and so are its -wal and -shm: made so at creation, and set again at every connection check.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
import time
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from sqlalchemy.orm import Session, sessionmaker

from config import settings
from config.labels import CATALOGUE, t
from config.phrases import Phrase

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """An expected database problem; the message (Italian, from the catalogue) is meant for the user."""


def _describe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return t("system.db.invalid_url_shown")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Foreign keys enforced; the write-ahead log, with ``synchronous=NORMAL``: SQLite's recommended setting for WAL.
    A commit no longer waits for the disk (the log is synced at each checkpoint), which cost 6-7 ms on every page
    run that records a view in the audit trail. The database stays consistent after a crash of the app or of the
    machine; a power cut may lose the transactions of the last moments before it."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def get_engine(url: str | None = None) -> Engine:
    """One engine per URL for the process (Streamlit reruns and all sessions share it); default DATABASE_URL."""
    return _engine_for(url or settings.database_url())


@functools.lru_cache(maxsize=8)
def _engine_for(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(t("system.db.invalid_url", url=url)) from None
    if parsed.get_backend_name() == "sqlite":
        # no file is touched here: see check_connection. A write waits up to `timeout` for another's to finish.
        engine = create_engine(url, connect_args={"timeout": settings.db_wait_seconds()})
        event.listen(engine, "connect", _sqlite_pragmas)
    elif parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    else:
        raise DatabaseError(t("system.db.unsupported", backend=parsed.get_backend_name()))
    return engine


def os_reason(exc: OSError, lang: str = "it") -> str:
    """What went wrong with a path, in words of the catalogue (the system's own words only for rare errors)."""
    key = f"system.os.{errno.errorcode.get(exc.errno, '')}"
    return t(key, lang) if key in CATALOGUE else (exc.strerror or str(exc))


def sqlite_file(engine: Engine) -> Path | None:
    """The file of a SQLite database; None for PostgreSQL, in-memory and URI-style SQLite databases."""
    url = engine.url
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _check_sqlite_file(path: Path, create: bool) -> None:
    """Refuse a SQLite path that is not a file; a missing one is created (its directories) only with `create`."""
    try:
        if path.is_file():
            return
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        exists = path.exists()
    except OSError as exc:
        raise DatabaseError(t("system.db.path_unreadable", path=path, reason=os_reason(exc))) from None
    if blocker is not None:
        raise DatabaseError(t("system.db.path_blocked", path=path, blocker=blocker))
    if exists:
        raise DatabaseError(t("system.db.path_not_file", path=path))
    if not create:
        raise DatabaseError(t("system.db.missing_file", path=path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY))  # SQLite takes an empty file
    except FileExistsError:
        pass
    except OSError as exc:
        raise DatabaseError(t("system.db.folder_not_made", folder=path.parent, reason=os_reason(exc))) from None


OWNER_ONLY = 0o600  # the SQLite file (and its -wal and -shm, which SQLite creates with the file's own mode)


def restrict_sqlite_files(path: Path) -> None:
    """Make the SQLite file and its -wal and -shm readable and writable by their owner only, where this process
    owns them (a file of another user is left as it is: the system's permissions decide)."""
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            info = file.stat()
            if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
                file.chmod(OWNER_ONLY)
        except OSError:
            continue


def check_connection(engine: Engine, *, create: bool = False) -> None:
    """Connect once; DatabaseError when the database cannot be reached. A SQLite file must exist,
    unless `create` (migrations only), which makes its directories and lets SQLite create the file."""
    path = sqlite_file(engine)
    if path is not None:
        _check_sqlite_file(path, create)
        restrict_sqlite_files(path)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        raise DatabaseError(t("system.db.unreachable", url=_describe(str(engine.url)), reason=_first_line(exc))) \
            from None
    except SQLAlchemyDatabaseError as exc:  # e.g. a SQLite path that holds some other kind of file
        raise DatabaseError(t("system.db.unusable", url=_describe(str(engine.url)), reason=_first_line(exc))) \
            from None


_BUSY_STATES = {"55P03", "40P01", "40001"}  # PostgreSQL: lock not available, deadlock, serialization failure


def operational_problem(exc: OperationalError | SQLAlchemyTimeoutError) -> Phrase:
    """What to tell a person when the database could not answer a statement: busy (a SQLite lock held by another
    process beyond the wait, a PostgreSQL lock, the connection pool exhausted), unreachable (connection refused
    or lost), or another refusal, with the driver's reason in one line."""
    if isinstance(exc, SQLAlchemyTimeoutError):
        return Phrase("security.db.locked", seconds=f"{settings.db_wait_seconds():g}")
    reason = _first_line(exc)
    state = getattr(exc.orig, "sqlstate", None)
    if "is locked" in reason or state in _BUSY_STATES:
        return Phrase("security.db.locked", seconds=f"{settings.db_wait_seconds():g}")
    if exc.connection_invalidated or (state or "").startswith(("08", "57P")) or \
            (state is None and exc.orig is not None and type(exc.orig).__module__.startswith("psycopg")):
        return Phrase("security.db.unreachable", reason=reason)
    return Phrase("security.db.failed", reason=reason)


def _first_line(exc: SQLAlchemyDatabaseError) -> str:
    """The driver's own reason for a failure, first line only."""
    return (str(exc.orig).strip().splitlines() or [""])[0] if exc.orig else str(exc).splitlines()[0]


@contextmanager
def session_scope(engine: Engine, *, write_lock: bool = False):
    """A session in one transaction: committed on success, rolled back on any error.

    ``write_lock``: the transaction is a read-modify-write that must not interleave with another one (a counter):
    on SQLite it starts with ``BEGIN IMMEDIATE``, so it holds the database's write lock before its first read and
    another such transaction waits for it (SQLite's own default transaction reads first and may then lose the
    other's update); on PostgreSQL lock the rows read with ``FOR UPDATE`` (``with_for_update``).
    """
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    session: Session = factory()
    try:
        if write_lock and engine.dialect.name == "sqlite":
            session.connection().exec_driver_sql("BEGIN IMMEDIATE")
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def insert_missing(session: Session, model, **values) -> None:
    """Insert a row unless one with the same primary key exists (``ON CONFLICT DO NOTHING``), so that a row
    created at the same moment by another transaction is neither an error nor a second row."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(model).values(**values).on_conflict_do_nothing())


# --- Migrations -----------------------------------------------------------------------------------------------
def _alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


@functools.cache
def _revisions() -> tuple[str, frozenset[str]]:
    """The head revision and every known revision of this code's migrations: read once per process (parsing the
    migration scripts cost more than the rest of a page run's set-up checks)."""
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return script.get_current_head(), frozenset(rev.revision for rev in script.walk_revisions())  # type: ignore[return-value]


def head_revision() -> str:
    return _revisions()[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def schema_status(engine: Engine, *, create: bool = False) -> str:
    """"vuoto", "aggiornato", "da_aggiornare" or "piu_recente" (the database is ahead of this code). A missing
    SQLite file is refused (DatabaseError), unless `create` (see check_connection)."""
    check_connection(engine, create=create)
    current = current_revision(engine)
    if current is None:
        return "vuoto"
    head, known = _revisions()
    if current == head:
        return "aggiornato"
    return "da_aggiornare" if current in known else "piu_recente"


def upgrade(engine: Engine) -> str:
    """Migrate to head (creating a missing SQLite file); refuse a database whose schema is newer than this code,
    touching nothing. Returns the schema status found before ("vuoto" for a new database)."""
    status = schema_status(engine, create=True)
    if status == "piu_recente":
        raise DatabaseError(t("system.db.newer_untouched", revision=current_revision(engine)))
    if status != "aggiornato":
        command.upgrade(_alembic_config(engine), "head")
    return status


def require_current_schema(engine: Engine) -> None:
    """Refuse (DatabaseError) a database that is empty or not at this code's schema."""
    status = schema_status(engine)
    if status in _SCHEMA_REFUSALS:
        raise DatabaseError(t(_SCHEMA_REFUSALS[status]))


SCHEMA_RECHECK_SECONDS = 5.0  # a database found reachable and current is checked again after this long
_schema_current_at: dict[str, float] = {}  # URL -> when it was last found reachable and at this code's schema


def require_current_schema_recently(engine: Engine) -> None:
    """:func:`require_current_schema`, at most once every :data:`SCHEMA_RECHECK_SECONDS` per database once it has
    passed: the start-up check of every page run (issue 20: a fifth of a run that asks nothing new; the schema only
    changes when someone migrates it). A database that fails is checked again at every run, and a problem meanwhile
    (unreachable, busy) still reaches the user through the page's own queries (views/session.py)."""
    url = engine.url.render_as_string(hide_password=False)
    if time.monotonic() - _schema_current_at.get(url, -SCHEMA_RECHECK_SECONDS) < SCHEMA_RECHECK_SECONDS:
        return
    _schema_current_at.pop(url, None)
    require_current_schema(engine)
    _schema_current_at[url] = time.monotonic()


_SCHEMA_REFUSALS = {"vuoto": "system.db.empty", "da_aggiornare": "system.db.outdated", "piu_recente": "system.db.newer"}
