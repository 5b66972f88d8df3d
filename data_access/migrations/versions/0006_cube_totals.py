"""the outreach cube's rows of no breakdown (dimension "totale")

Totals of outreach (the headline's contacts and take-ins, the trend, the funnel, the map of flows) read the cube.
They read the rows of one breakdown (gender, four categories); these rows hold the same sums of counts and of
cell keys per (month, province, project) with no breakdown, so a total reads a quarter of the rows and publishes
the same value (the same n, the same key sum). Filled here for the current rows of a database loaded before this
revision; every later load rebuilds them with the rest of the cube (data_access/loading.refresh_cube).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 08:45:00
"""

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

MEASURES = ['contacts', 'new_contacts', 'assessments', 'potential_victims', 'referrals', 'take_ins']


def upgrade() -> None:
    columns = MEASURES + [f'ck_{m}' for m in MEASURES]
    op.execute(
        f"INSERT INTO outreach_cube (dimension, category, period, province_code, project_code, {', '.join(columns)}) "
        f"SELECT 'totale', 'totale', period, province_code, project_code, "
        f"{', '.join(f'SUM({c})' for c in columns)} FROM outreach WHERE version_to IS NULL "
        "GROUP BY period, province_code, project_code"
    )


def downgrade() -> None:
    op.execute("DELETE FROM outreach_cube WHERE dimension = 'totale'")
