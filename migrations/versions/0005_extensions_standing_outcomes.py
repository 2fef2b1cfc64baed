"""review fixes: every stage extension kept, the complainant's standing, recorded not-applicable outcomes

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 08:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# Statuses that ended a complaint before any stage 1 response was recorded.
ENDED = ("withdrawn", "not_applicable", "not_children_act")


def upgrade() -> None:
    op.create_table('stage_extensions',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('stage', sa.Integer(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('working_days', sa.Integer(), nullable=False),
    sa.Column('new_due_on', sa.Date(), nullable=False),
    sa.Column('complainant_told_on', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_stage_extensions_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_stage_extensions_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_extensions'))
    )
    with op.batch_alter_table('stage_extensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_extensions_case_id'), ['case_id'], unique=False)
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('complainant_standing', sa.String(length=30), nullable=True))
    # "Not applicable" is recorded data from now on: give cases that ended before a stage 1 response
    # the outcome the report used to infer for them, so old and new cases are counted alike.
    cases = sa.table('cases', sa.column('status', sa.String), sa.column('stage1_outcome', sa.String))
    op.execute(cases.update().where(cases.c.status.in_(ENDED), cases.c.stage1_outcome.is_(None))
               .values(stage1_outcome='not_applicable'))


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('complainant_standing')
    with op.batch_alter_table('stage_extensions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stage_extensions_case_id'))
    op.drop_table('stage_extensions')
