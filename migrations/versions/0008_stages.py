"""stages: stage 2 and 3 casework (appointments, referral back, panel and response details, findings)

Revision ID: 0008
Revises: 0009
Create Date: 2026-12-02 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'appointments',
        sa.Column('case_id', sa.Uuid(), nullable=False),
        sa.Column('user_id', sa.Uuid(), nullable=False),
        sa.Column('role', sa.String(length=30), nullable=False),
        sa.Column('stage', sa.Integer(), nullable=False),
        sa.Column('appointed_on', sa.Date(), nullable=False),
        sa.Column('ends_on', sa.Date(), nullable=False),
        sa.Column('chair', sa.Boolean(), nullable=False),
        sa.Column('declared_council_member', sa.Boolean(), nullable=True),
        sa.Column('declared_council_officer', sa.Boolean(), nullable=True),
        sa.Column('declared_spouse_or_partner', sa.Boolean(), nullable=True),
        sa.Column('appointed_by_id', sa.Uuid(), nullable=True),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_appointments_case_id_cases'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_appointments_user_id_users')),
        sa.ForeignKeyConstraint(['appointed_by_id'], ['users.id'], name=op.f('fk_appointments_appointed_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_appointments')),
    )
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointments_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_appointments_user_ends', ['user_id', 'ends_on'], unique=False)
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stage2_referred_back', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage2_decision', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('investigation_report_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('panel_advocate_attended', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('panel_report_to_advocate', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('panel_report_to_independent_person', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('stage3_responded_by_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('stage3_with_independent_person', sa.Boolean(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_cases_stage3_responded_by_id_users'), 'users',
                                    ['stage3_responded_by_id'], ['id'])
    with op.batch_alter_table('complaint_points', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stage2_finding', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('stage3_finding', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('complaint_points', schema=None) as batch_op:
        batch_op.drop_column('stage3_finding')
        batch_op.drop_column('stage2_finding')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cases_stage3_responded_by_id_users'), type_='foreignkey')
        for column in ('stage3_with_independent_person', 'stage3_responded_by_id', 'panel_report_to_independent_person',
                       'panel_report_to_advocate', 'panel_advocate_attended', 'investigation_report_on',
                       'stage2_decision', 'stage2_referred_back'):
            batch_op.drop_column(column)
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.drop_index('ix_appointments_user_ends')
        batch_op.drop_index(batch_op.f('ix_appointments_case_id'))
    op.drop_table('appointments')
