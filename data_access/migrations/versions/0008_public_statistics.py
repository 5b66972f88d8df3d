"""public statistics: presences in reception by region and report date, landings by day (issue 18)

The reference layer of public data of the Ministry of the Interior, apart from the project tables: each load adds
a whole series under its own data version (kind "reference"). New tables only; nothing existing changes. The data
themselves are loaded by ``manage.py init-db`` from public_data/ministero-interno/ (data_access/public_stats.py).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('public_presences',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('region_code', sa.String(length=2), nullable=False),
    sa.Column('report_date', sa.Date(), nullable=False),
    sa.Column('hotspot', sa.Integer(), nullable=False),
    sa.Column('centres', sa.Integer(), nullable=False),
    sa.Column('sai', sa.Integer(), nullable=False),
    sa.Column('correction', sa.String(length=30), nullable=True),
    sa.ForeignKeyConstraint(['region_code'], ['regions.code'], ),
    sa.ForeignKeyConstraint(['version_id'], ['data_versions.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('public_presences', schema=None) as batch_op:
        batch_op.create_index('ix_public_presences', ['version_id', 'report_date', 'region_code'], unique=False)

    op.create_table('public_landings',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('landed', sa.Integer(), nullable=False),
    sa.Column('report_date', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['data_versions.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('public_landings', schema=None) as batch_op:
        batch_op.create_index('ix_public_landings', ['version_id', 'day'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('public_landings', schema=None) as batch_op:
        batch_op.drop_index('ix_public_landings')
    op.drop_table('public_landings')
    with op.batch_alter_table('public_presences', schema=None) as batch_op:
        batch_op.drop_index('ix_public_presences')
    op.drop_table('public_presences')
