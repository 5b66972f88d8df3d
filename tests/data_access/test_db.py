"""Schema migrations on both backends, reference territories, and refusing a schema newer than the code."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select, text

from data_access import db, reference
from data_access.models import TABLES, Base, Municipality, Province, Region


def test_migrations_from_empty_create_every_table(empty_db):
    engine = db.get_engine(empty_db)
    assert db.upgrade(engine) == "vuoto"  # what it found: a new database (a new file for SQLite)
    assert db.schema_status(engine) == "aggiornato"
    assert db.upgrade(engine) == "aggiornato"  # nothing left to do
    assert db.current_revision(engine) == db.head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert set(TABLES) <= tables
    # Person-count tables carry one key column per person measure.
    for name, spec in TABLES.items():
        columns = {c["name"] for c in inspect(engine).get_columns(name)}
        assert {f"ck_{m}" for m in spec.person_measures} <= columns
        assert {"version_from", "version_to"} <= columns


def test_migrations_match_the_models(empty_db):
    """Autogenerate finds nothing to add: the migration and the models agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = db.get_engine(empty_db)
    db.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_reference_territories_loaded_once(migrated_engine):
    with migrated_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Region)).scalar_one() == 20
        assert conn.execute(select(func.count()).select_from(Province)).scalar_one() == 107
        assert conn.execute(select(func.count()).select_from(Municipality)).scalar_one() > 7800
        sondrio = conn.execute(select(Province.name, Province.short, Province.region_code, Province.population)
                               .where(Province.code == "014")).one()
        assert (sondrio.name, sondrio.short, sondrio.region_code) == ("Sondrio", "SO", "03")
        assert 150_000 < sondrio.population < 200_000
        italy = conn.execute(select(func.sum(Region.population))).scalar_one()
        assert 58_000_000 < italy < 60_000_000
        milano = conn.execute(select(Municipality.name, Municipality.province_code)
                              .where(Municipality.code == "015146")).one()
        assert milano.name == "Milano" and milano.province_code == "015"
    assert reference.ensure_loaded(migrated_engine) is False  # already there: nothing loaded twice


def test_upgrade_refuses_a_newer_schema_and_writes_nothing(migrated_engine):
    with migrated_engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    assert db.schema_status(migrated_engine) == "piu_recente"
    tables_before = set(inspect(migrated_engine).get_table_names())
    with pytest.raises(db.DatabaseError, match="più recente"):
        db.upgrade(migrated_engine)
    with migrated_engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "ffff_future"
    assert set(inspect(migrated_engine).get_table_names()) == tables_before


def test_unreachable_database_gives_an_italian_message():
    engine = db.get_engine("postgresql://nessuno@127.0.0.1:1/assente")
    with pytest.raises(db.DatabaseError, match="non raggiungibile"):
        db.check_connection(engine)


def test_a_missing_sqlite_file_is_refused_and_not_created(tmp_path):
    path = tmp_path / "refuso" / "cruscotto.db"
    engine = db.get_engine(f"sqlite:///{path}")  # making the engine touches nothing
    for check in (db.check_connection, db.schema_status, db.require_current_schema):
        with pytest.raises(db.DatabaseError, match=r"non esiste: crearlo con `python manage.py init-db`"):
            check(engine)
    assert list(tmp_path.iterdir()) == []
    assert db.upgrade(engine) == "vuoto"  # the migration, and only it, creates the folder and the file
    assert path.is_file() and db.schema_status(engine) == "aggiornato"


@pytest.mark.parametrize(("path", "message"), [
    ("/dev/null/x.db", "«/dev/null» non è una cartella"),
    ("/dev/null/a/b/x.db", "«/dev/null» non è una cartella"),
    ("TMP", "«TMP» non è un file"),
])
def test_a_sqlite_path_that_cannot_hold_a_database(tmp_path, path, message):
    path, message = path.replace("TMP", str(tmp_path)), message.replace("TMP", str(tmp_path))
    engine = db.get_engine(f"sqlite:///{path}")
    for check in (db.check_connection, db.upgrade):  # upgrade may create, but not through a file
        with pytest.raises(db.DatabaseError, match=message):
            check(engine)
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "appunti.txt"
    path.write_text("non sono un database\n" * 200, encoding="utf-8")
    with pytest.raises(db.DatabaseError, match="non è utilizzabile: file is not a database"):
        db.upgrade(db.get_engine(f"sqlite:///{path}"))
    assert path.read_text(encoding="utf-8") == "non sono un database\n" * 200


def test_in_memory_sqlite_needs_no_file():
    engine = db.get_engine("sqlite://")
    assert db.sqlite_file(engine) is None
    assert db.schema_status(engine) == "vuoto"


def test_unsupported_or_malformed_url():
    with pytest.raises(db.DatabaseError, match="non supportato"):
        db.get_engine("mysql://utente@host/db")
    with pytest.raises(db.DatabaseError, match="non è un indirizzo"):
        db.get_engine("questo non è un url")


def test_sqlite_connections_enforce_keys_and_write_ahead(tmp_path):
    """Every SQLite connection: foreign keys on, the write-ahead log, and commits that do not wait for the disk
    (synchronous=NORMAL, 1: consistent after a crash, a few milliseconds less on every recorded page view)."""
    engine = db.get_engine(f"sqlite:///{tmp_path / 'pragmas.db'}")
    db.upgrade(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1


def test_the_start_up_check_of_a_current_database_is_not_repeated_at_every_run(migrated_engine, tmp_path,
                                                                                 monkeypatch):
    """Issue 20: a database found reachable and at this code's schema is checked again only after a few seconds
    (every page run checked it: a fifth of a run that asks nothing new); one that fails is checked at every run."""
    from sqlalchemy import event

    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        seen.append(statement)
    event.listen(migrated_engine, "before_cursor_execute", count)
    try:
        db.require_current_schema_recently(migrated_engine)
        checked = len(seen)
        db.require_current_schema_recently(migrated_engine)
        assert checked > 0 and len(seen) == checked  # the second run: no statement
        monkeypatch.setattr(db, "SCHEMA_RECHECK_SECONDS", 0.0)  # the interval over: checked again
        db.require_current_schema_recently(migrated_engine)
        assert len(seen) == 2 * checked
    finally:
        event.remove(migrated_engine, "before_cursor_execute", count)
    monkeypatch.setattr(db, "SCHEMA_RECHECK_SECONDS", 60.0)
    missing = db.get_engine(f"sqlite:///{tmp_path / 'missing.db'}")
    for _ in range(2):  # refused each time, never remembered as good
        with pytest.raises(db.DatabaseError):
            db.require_current_schema_recently(missing)
    assert not (tmp_path / "missing.db").exists()
