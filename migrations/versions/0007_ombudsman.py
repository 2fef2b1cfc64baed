"""ombudsman: the Ombudsman's enquiries about a case and its decisions

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 11:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'ombudsman_enquiries',
        sa.Column('case_id', sa.Uuid(), nullable=False),
        sa.Column('enquired_on', sa.Date(), nullable=False),
        sa.Column('ombudsman_reference', sa.String(length=40), nullable=True),
        sa.Column('information_requested', sa.Text(), nullable=True),
        sa.Column('information_due_on', sa.Date(), nullable=True),
        sa.Column('information_sent_on', sa.Date(), nullable=True),
        sa.Column('investigated', sa.Boolean(), nullable=True),
        sa.Column('decision', sa.String(length=30), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('remedy', sa.Text(), nullable=True),
        sa.Column('remedy_due_on', sa.Date(), nullable=True),
        sa.Column('remedy_completed_on', sa.Date(), nullable=True),
        sa.Column('public_report', sa.Boolean(), nullable=False),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_ombudsman_enquiries_case_id_cases'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_ombudsman_enquiries')),
    )
    with op.batch_alter_table('ombudsman_enquiries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ombudsman_enquiries_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ombudsman_enquiries_enquired_on'), ['enquired_on'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('ombudsman_enquiries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ombudsman_enquiries_enquired_on'))
        batch_op.drop_index(batch_op.f('ix_ombudsman_enquiries_case_id'))
    op.drop_table('ombudsman_enquiries')
