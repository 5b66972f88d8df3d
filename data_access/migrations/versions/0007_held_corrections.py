"""corrections held for approval (issue 16: disclosure control under active probing)

A data steward's correction of a project-month already published waits in ``held_corrections`` until an
administrator approves it (it is then loaded as a data version) or rejects it. The outreach cube gets a covering
index of where each project works (``ix_outreach_cube_areas``), read by the map's published zeros.

No cell key is rewritten. From this version a key depends on the cell's count as well as its identity
(``disclosure.count_key``), and a load keeps the key of every cell it leaves as it was (``loading.carried_keys``):
the keys already stored stay valid, so every figure published so far, and the data as of every earlier version,
stay exactly as they were. Rewriting them here would hand anyone holding an earlier meeting pack a second,
independent reading of every cell. ``manage.py rekey`` moves every key to the new scheme (with a new secret, or
when the administrator chooses to).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('held_corrections',
                    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
                    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('created_by', sa.String(length=80), nullable=False),
                    sa.Column('table_name', sa.String(length=40), nullable=False),
                    sa.Column('file_name', sa.Text(), nullable=False),
                    sa.Column('file_hash', sa.String(length=64), nullable=False),
                    sa.Column('groups', sa.Text(), nullable=False),
                    sa.Column('measures', sa.Text(), nullable=False),
                    sa.Column('rows', sa.Integer(), nullable=False),
                    sa.Column('payload', sa.Text(), nullable=False),
                    sa.Column('status', sa.String(length=20), nullable=False),
                    sa.Column('decided_by', sa.String(length=80), nullable=True),
                    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
                    sa.Column('version_id', sa.Integer(), nullable=True),
                    sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('held_corrections', schema=None) as batch_op:
        batch_op.create_index('ix_held_corrections_status', ['status', 'created_at'], unique=False)
    with op.batch_alter_table('outreach_cube', schema=None) as batch_op:
        batch_op.create_index('ix_outreach_cube_areas', ['dimension', 'project_code', 'province_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('outreach_cube', schema=None) as batch_op:
        batch_op.drop_index('ix_outreach_cube_areas')
    with op.batch_alter_table('held_corrections', schema=None) as batch_op:
        batch_op.drop_index('ix_held_corrections_status')
    op.drop_table('held_corrections')
