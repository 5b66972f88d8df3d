"""notes on the charts (issue 21): a short note on a territory and a month, shown on every trend chart of it

Two new tables: ``annotations`` (the note as it is now; a deletion is a mark, never a row removed) and
``annotation_revisions`` (every version saved, by whom and when). Nothing existing changes.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('annotations',
                    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
                    sa.Column('level', sa.String(length=10), nullable=False),
                    sa.Column('territory_code', sa.String(length=3), nullable=True),
                    sa.Column('month', sa.String(length=7), nullable=False),
                    sa.Column('day', sa.Date(), nullable=True),
                    sa.Column('text', sa.String(length=200), nullable=False),
                    sa.Column('author', sa.String(length=80), nullable=False),
                    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('edited_by', sa.String(length=80), nullable=True),
                    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
                    sa.Column('deleted_by', sa.String(length=80), nullable=True),
                    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
                    sa.Column('revision', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('annotations', schema=None) as batch_op:
        batch_op.create_index('ix_annotations_month', ['month'], unique=False)
        batch_op.create_index('ix_annotations_place', ['level', 'territory_code', 'month'], unique=False)
    op.create_table('annotation_revisions',
                    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
                    sa.Column('annotation_id', sa.Integer(), nullable=False),
                    sa.Column('revision', sa.Integer(), nullable=False),
                    sa.Column('action', sa.String(length=12), nullable=False),
                    sa.Column('level', sa.String(length=10), nullable=False),
                    sa.Column('territory_code', sa.String(length=3), nullable=True),
                    sa.Column('month', sa.String(length=7), nullable=False),
                    sa.Column('day', sa.Date(), nullable=True),
                    sa.Column('text', sa.String(length=200), nullable=False),
                    sa.Column('by', sa.String(length=80), nullable=False),
                    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
                    sa.ForeignKeyConstraint(['annotation_id'], ['annotations.id'], ),
                    sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('annotation_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annotation_revisions_annotation_id'), ['annotation_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('annotation_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_annotation_revisions_annotation_id'))
    op.drop_table('annotation_revisions')
    with op.batch_alter_table('annotations', schema=None) as batch_op:
        batch_op.drop_index('ix_annotations_place')
        batch_op.drop_index('ix_annotations_month')
    op.drop_table('annotations')
