"""alerts, dismissals, e-mail settings and outbox; the action plan's optional indicator (issue 21)

New tables only, and one nullable column: ``actions.indicator`` (the measure an action-plan item targets in its
province; empty for every row loaded before). Nothing existing changes: every figure and version stays as it was.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-04 21:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('indicator', sa.String(length=30), nullable=True))

    op.create_table('alert_runs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('data_version', sa.Integer(), nullable=True),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('alert_runs', schema=None) as batch_op:
        batch_op.create_index('ux_alert_runs', ['data_version', 'day'], unique=True)

    op.create_table('alerts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('rule', sa.String(length=20), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('provinces', sa.Text(), nullable=True),
    sa.Column('region_code', sa.String(length=2), nullable=True),
    sa.Column('project_code', sa.String(length=40), nullable=True),
    sa.Column('since', sa.String(length=10), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['alert_runs.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.create_index('ix_alerts_run', ['run_id', 'rule'], unique=False)

    op.create_table('alert_dismissals',
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('alert_key', sa.String(length=200), nullable=False),
    sa.Column('dismissed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('username', 'alert_key')
    )
    op.create_table('notification_settings',
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('digest', sa.Boolean(), nullable=False),
    sa.Column('pack', sa.Boolean(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('last_pack_version', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('username')
    )
    op.create_table('alert_notices',
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('alert_key', sa.String(length=200), nullable=False),
    sa.Column('noticed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('username', 'alert_key')
    )
    op.create_table('mail_outbox',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.create_index('ix_mail_outbox_due', ['status', 'next_attempt_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_mail_outbox_due')
    op.drop_table('mail_outbox')
    op.drop_table('alert_notices')
    op.drop_table('notification_settings')
    op.drop_table('alert_dismissals')
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_index('ix_alerts_run')
    op.drop_table('alerts')
    with op.batch_alter_table('alert_runs', schema=None) as batch_op:
        batch_op.drop_index('ux_alert_runs')
    op.drop_table('alert_runs')
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.drop_column('indicator')
