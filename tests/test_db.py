"""Schema migrations on both backends, reference territories, and refusing a schema newer than the code."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select, text

from data_access import db, reference
from data_access.models import TABLES, Base, Municipality, Province, Region


def test_migrations_from_empty_create_every_table(empty_db):
    engine = db.get_engine(empty_db)
    assert db.schema_status(engine) == "vuoto"
    db.upgrade(engine)
    assert db.schema_status(engine) == "aggiornato"
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


def test_unsupported_or_malformed_url():
    with pytest.raises(db.DatabaseError, match="non supportato"):
        db.get_engine("mysql://utente@host/db")
    with pytest.raises(db.DatabaseError, match="non è un indirizzo"):
        db.get_engine("questo non è un url")
