"""origin version of every fact row (issue 6: rollback of imports)

Each fact row records the data version whose file brought its content (``origin_version``): equal to
``version_from`` for a loaded row, and kept by the copies a rollback restores, so an import can still be rolled
back after a later import of the same projects and months has itself been rolled back. Existing rows get their
``version_from``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 04:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

TABLES = ("capacity", "outreach", "outreach_activity", "services", "network_members", "meetings", "actions",
          "training")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('origin_version', sa.Integer(), nullable=True))
        op.execute(f"UPDATE {table} SET origin_version = version_from")


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('origin_version')
