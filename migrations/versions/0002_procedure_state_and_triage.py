"""procedure state, triage, stage 1 and tracking

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 07:47:10.365000
"""
from alembic import op
import sqlalchemy as sa



revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('calendar_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('is_working', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_days'))
    )
    op.create_table('categories',
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_categories')),
    sa.UniqueConstraint('name', name=op.f('uq_categories_name'))
    )
    op.create_table('corrective_action_types',
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_corrective_action_types')),
    sa.UniqueConstraint('name', name=op.f('uq_corrective_action_types_name'))
    )
    op.create_table('resolution_categories',
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resolution_categories')),
    sa.UniqueConstraint('name', name=op.f('uq_resolution_categories_name'))
    )
    op.create_table('messages',
    sa.Column('submission_id', sa.Uuid(), nullable=False),
    sa.Column('direction', sa.String(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('author_id', sa.Uuid(), nullable=True),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_messages_author_id_users')),
    sa.ForeignKeyConstraint(['submission_id'], ['submissions.id'], name=op.f('fk_messages_submission_id_submissions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_messages'))
    )
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_messages_submission_id'), ['submission_id'], unique=False)

    op.create_table('case_categories',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('category_id', sa.Uuid(), nullable=False),
    sa.Column('is_main', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_categories_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_case_categories_category_id_categories')),
    sa.PrimaryKeyConstraint('case_id', 'category_id', name=op.f('pk_case_categories'))
    )
    op.create_table('case_subject_staff',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_subject_staff_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_case_subject_staff_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', 'user_id', name=op.f('pk_case_subject_staff'))
    )
    op.create_table('complaint_points',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('stage1_finding', sa.String(length=20), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_complaint_points_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_points'))
    )
    with op.batch_alter_table('complaint_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_points_case_id'), ['case_id'], unique=False)

    op.create_table('corrective_actions',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('stage', sa.Integer(), nullable=False),
    sa.Column('action_type_id', sa.Uuid(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('impact', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['action_type_id'], ['corrective_action_types.id'], name=op.f('fk_corrective_actions_action_type_id_corrective_action_types')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_corrective_actions_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_corrective_actions'))
    )
    with op.batch_alter_table('corrective_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_corrective_actions_case_id'), ['case_id'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=20), nullable=False, server_default='web'))
        batch_op.add_column(sa.Column('from_young_person', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('advocacy_given', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('summary', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('triaged_by_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('triage_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('referred_to_team_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('referral_acknowledged_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('alternative_route', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('linked_case_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('sufficient_interest', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('sufficient_interest_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('child_views', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('late_complaint_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('resolution_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('stage1_learning', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('last_event_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('triaged_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('route_corrected_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('route_correction_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('stage1_started', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage1_extended_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage1_extension_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('stage1_responded', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage1_outcome', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('deferred_from', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('deferral_review_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('deferral_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('deferred_status', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('stage1_paused_days', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('stage2_request_paused_days', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('stage2_statement_paused_days', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('stage3_paused_days', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('stage2_requested', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage2_request_late', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('stage2_late_decided_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage2_late_accepted', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('stage2_started', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage2_method', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('statement_agreed', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage2_extended_to', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('stage2_extended_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage2_extension_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('stage2_responded', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage2_outcome', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('stage3_requested', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage3_request_late', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('stage3_late_decided_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage3_late_accepted', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('stage3_started', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('panel_held', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('panel_report_sent', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage3_responded', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage3_outcome', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('ended_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('ended_reason', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_cases_submission_id'), ['submission_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_cases_triaged_by_id_users'), 'users', ['triaged_by_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_cases_resolution_id_resolution_categories'), 'resolution_categories', ['resolution_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_cases_linked_case_id_cases'), 'cases', ['linked_case_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_cases_referred_to_team_id_teams'), 'teams', ['referred_to_team_id'], ['id'])

    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_code_attempts', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('code_locked_until', sa.DateTime(timezone=True), nullable=True))
    _fill_calendar()
    _seed_reference_lists()


CATEGORIES = [
    "Quality of Service", "Communication and Consultation", "Decision Making", "Staff Conduct",
    "Delay", "Policy and Procedure", "Confidentiality", "Finance", "Placement", "Contact with Family",
]
RESOLUTIONS = [
    "Explanation", "Apology", "Action Taken", "Change of Decision", "Service Provided",
    "Financial Remedy", "Information Provided", "No Further Action",
]
ACTION_TYPES = [
    "Service/Team Briefing", "Apology", "Training", "Policy or Procedure Review", "Practice Change",
    "Supervision", "Improved Communication", "Financial Remedy", "Record Correction",
]


def _seed_reference_lists() -> None:
    """The lists the annual report counts by; a council can add to them (and imports add new names)."""
    import uuid

    for name, values in (("categories", CATEGORIES), ("resolution_categories", RESOLUTIONS),
                         ("corrective_action_types", ACTION_TYPES)):
        table = sa.table(name, sa.column("id", sa.Uuid), sa.column("name", sa.String),
                         sa.column("active", sa.Boolean))
        op.bulk_insert(table, [{"id": uuid.uuid4(), "name": value, "active": True} for value in values])


def _fill_calendar() -> None:
    """The statutory calendar from 2010 to 2040; `flask calendar refresh` extends or corrects it."""
    from datetime import date

    from portal.procedure import working_day_ordinals

    table = sa.table("calendar_days", sa.column("day", sa.Date), sa.column("ordinal", sa.Integer),
                     sa.column("is_working", sa.Boolean))
    rows = [{"day": day, "ordinal": ordinal, "is_working": working}
            for day, ordinal, working in working_day_ordinals(date(2010, 1, 1), date(2040, 12, 31))]
    op.bulk_insert(table, rows)


def downgrade() -> None:

    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.drop_column('code_locked_until')
        batch_op.drop_column('failed_code_attempts')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cases_referred_to_team_id_teams'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_cases_linked_case_id_cases'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_cases_resolution_id_resolution_categories'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_cases_triaged_by_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_cases_submission_id'))
        batch_op.drop_column('ended_reason')
        batch_op.drop_column('ended_on')
        batch_op.drop_column('stage3_outcome')
        batch_op.drop_column('stage3_responded')
        batch_op.drop_column('panel_report_sent')
        batch_op.drop_column('panel_held')
        batch_op.drop_column('stage3_started')
        batch_op.drop_column('stage3_late_accepted')
        batch_op.drop_column('stage3_late_decided_on')
        batch_op.drop_column('stage3_request_late')
        batch_op.drop_column('stage3_requested')
        batch_op.drop_column('stage2_outcome')
        batch_op.drop_column('stage2_responded')
        batch_op.drop_column('stage2_extension_reason')
        batch_op.drop_column('stage2_extended_on')
        batch_op.drop_column('stage2_extended_to')
        batch_op.drop_column('statement_agreed')
        batch_op.drop_column('stage2_method')
        batch_op.drop_column('stage2_started')
        batch_op.drop_column('stage2_late_accepted')
        batch_op.drop_column('stage2_late_decided_on')
        batch_op.drop_column('stage2_request_late')
        batch_op.drop_column('stage2_requested')
        batch_op.drop_column('stage3_paused_days')
        batch_op.drop_column('stage2_statement_paused_days')
        batch_op.drop_column('stage2_request_paused_days')
        batch_op.drop_column('stage1_paused_days')
        batch_op.drop_column('deferred_status')
        batch_op.drop_column('deferral_reason')
        batch_op.drop_column('deferral_review_date')
        batch_op.drop_column('deferred_from')
        batch_op.drop_column('stage1_outcome')
        batch_op.drop_column('stage1_responded')
        batch_op.drop_column('stage1_extension_reason')
        batch_op.drop_column('stage1_extended_on')
        batch_op.drop_column('stage1_started')
        batch_op.drop_column('route_correction_reason')
        batch_op.drop_column('route_corrected_on')
        batch_op.drop_column('triaged_on')
        batch_op.drop_column('last_event_on')
        batch_op.drop_column('stage1_learning')
        batch_op.drop_column('resolution_id')
        batch_op.drop_column('late_complaint_reason')
        batch_op.drop_column('child_views')
        batch_op.drop_column('sufficient_interest_reason')
        batch_op.drop_column('sufficient_interest')
        batch_op.drop_column('linked_case_id')
        batch_op.drop_column('alternative_route')
        batch_op.drop_column('referral_acknowledged_on')
        batch_op.drop_column('referred_to_team_id')
        batch_op.drop_column('triage_reason')
        batch_op.drop_column('triaged_by_id')
        batch_op.drop_column('summary')
        batch_op.drop_column('advocacy_given')
        batch_op.drop_column('from_young_person')
        batch_op.drop_column('channel')

    with op.batch_alter_table('corrective_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_corrective_actions_case_id'))

    op.drop_table('corrective_actions')
    with op.batch_alter_table('complaint_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_points_case_id'))

    op.drop_table('complaint_points')
    op.drop_table('case_subject_staff')
    op.drop_table('case_categories')
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_messages_submission_id'))

    op.drop_table('messages')
    op.drop_table('resolution_categories')
    op.drop_table('corrective_action_types')
    op.drop_table('categories')
    op.drop_table('calendar_days')

