"""covering indexes for the capacity and services pages (issue 8: national scale)

The pages ask capacity and services for the current rows of some months (and provinces), summing places,
structures, presences and their cell keys, or people, hours and keys. The indexes on (version_to, period,
province_code) now also hold every column those questions read, so the database answers from the index alone:
on the national demo data, the capacity questions of a year for all of Italy went from 58-112 ms to 9-57 ms on
SQLite (benchmarks/national.py). Same names, wider columns.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 07:00:00
"""

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

KEY = ['version_to', 'period', 'province_code']
WIDE = {
    'capacity': ('ix_capacity_current', KEY + ['project_code', 'target_group', 'places', 'structures', 'occupied',
                                               'ck_occupied']),
    'services': ('ix_services_current', KEY + ['project_code', 'service', 'people', 'ck_people', 'hours']),
}


def upgrade() -> None:
    for table, (name, columns) in WIDE.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, (name, _columns) in WIDE.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, KEY, unique=False)
