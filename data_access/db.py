"""Engine, sessions and schema migrations (Alembic, driven from code).

``DATABASE_URL`` selects the database (SQLite by default, PostgreSQL in production). Expected failures
(unreachable server, schema newer than the code) raise :class:`DatabaseError` with an Italian message.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from config import settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """An expected database problem; the message (Italian) is meant for the user."""


def _describe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(URL non valido)"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def get_engine(url: str | None = None) -> Engine:
    """One engine per URL for the process (Streamlit reruns and all sessions share it); default DATABASE_URL."""
    return _engine_for(url or settings.database_url())


@functools.lru_cache(maxsize=8)
def _engine_for(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"DATABASE_URL non è un indirizzo di database valido: {url!r}.") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
    elif parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    else:
        raise DatabaseError(
            f"Database non supportato: {parsed.get_backend_name()!r}. Usare SQLite o PostgreSQL."
        )
    return engine


def check_connection(engine: Engine) -> None:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(f"Database non raggiungibile ({_describe(str(engine.url))}): {reason}") from None


@contextmanager
def session_scope(engine: Engine):
    """A session in one transaction: committed on success, rolled back on any error."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    session: Session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


# --- Migrations -----------------------------------------------------------------------------------------------
def _alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()  # type: ignore[return-value]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def schema_status(engine: Engine) -> str:
    """"vuoto", "aggiornato", "da_aggiornare" or "piu_recente" (the database is ahead of this code)."""
    check_connection(engine)
    current = current_revision(engine)
    if current is None:
        return "vuoto"
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    if current == script.get_current_head():
        return "aggiornato"
    known = {rev.revision for rev in script.walk_revisions()}
    return "da_aggiornare" if current in known else "piu_recente"


def upgrade(engine: Engine) -> None:
    """Migrate to head; refuse a database whose schema is newer than this code, touching nothing."""
    status = schema_status(engine)
    if status == "piu_recente":
        raise DatabaseError(
            f"Lo schema del database ({current_revision(engine)}) è più recente di questa versione del "
            "programma: aggiornare il codice prima di usare questo database. Nessuna modifica eseguita."
        )
    if status != "aggiornato":
        command.upgrade(_alembic_config(engine), "head")


def require_current_schema(engine: Engine) -> None:
    status = schema_status(engine)
    if status == "vuoto":
        raise DatabaseError("Il database è vuoto: eseguire `python manage.py init-db` (o `make run`).")
    if status == "da_aggiornare":
        raise DatabaseError("Lo schema del database è da aggiornare: eseguire `python manage.py init-db`.")
    if status == "piu_recente":
        raise DatabaseError("Lo schema del database è più recente di questa versione del programma.")
