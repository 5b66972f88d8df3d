"""Alembic environment: the engine is handed over by data_access.db (never read from an ini file)."""

from alembic import context

from data_access.models import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
