"""enquiries, learning, restrictions, documents: MP and Councillor enquiries linked to known people and
cases; corrective actions' team and impact date, and the team's corrective action plan; restrictions on
a person's contact; documents kept with a case

Revision ID: 0009
Revises: 0013
Create Date: 2026-12-02 11:45:00
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0013'
branch_labels = None
depends_on = None


def _id_and_created() -> list[sa.Column]:
    return [sa.Column('id', sa.Uuid(), nullable=False),
            sa.Column('created_at', sa.DateTime(timezone=True), nullable=False)]


def upgrade() -> None:
    op.create_table(
        'member_enquiries',
        sa.Column('member_name', sa.String(length=200), nullable=False),
        sa.Column('member_kind', sa.String(length=20), nullable=False),
        sa.Column('received_on', sa.Date(), nullable=False),
        sa.Column('person_name', sa.String(length=200), nullable=False),
        sa.Column('person_date_of_birth', sa.Date(), nullable=True),
        sa.Column('about', sa.Text(), nullable=True),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('responded_on', sa.Date(), nullable=True),
        sa.Column('response', sa.Text(), nullable=True),
        sa.Column('recorded_by_id', sa.Uuid(), nullable=True),
        sa.Column('is_demo', sa.Boolean(), nullable=False),
        *_id_and_created(),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'],
                                name=op.f('fk_member_enquiries_recorded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_member_enquiries')),
    )
    with op.batch_alter_table('member_enquiries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_enquiries_received_on'), ['received_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_enquiries_due_on'), ['due_on'], unique=False)
    op.create_table(
        'member_enquiry_people',
        sa.Column('enquiry_id', sa.Uuid(), nullable=False),
        sa.Column('person_id', sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(['enquiry_id'], ['member_enquiries.id'],
                                name=op.f('fk_member_enquiry_people_enquiry_id_member_enquiries'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'],
                                name=op.f('fk_member_enquiry_people_person_id_people'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('enquiry_id', 'person_id', name=op.f('pk_member_enquiry_people')),
    )
    op.create_table(
        'member_enquiry_cases',
        sa.Column('enquiry_id', sa.Uuid(), nullable=False),
        sa.Column('case_id', sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(['enquiry_id'], ['member_enquiries.id'],
                                name=op.f('fk_member_enquiry_cases_enquiry_id_member_enquiries'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'],
                                name=op.f('fk_member_enquiry_cases_case_id_cases'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('enquiry_id', 'case_id', name=op.f('pk_member_enquiry_cases')),
    )
    with op.batch_alter_table('member_enquiry_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_enquiry_cases_case_id'), ['case_id'], unique=False)

    with op.batch_alter_table('corrective_actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('team_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('impact_assessed_on', sa.Date(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_corrective_actions_team_id_teams'), 'teams', ['team_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_corrective_actions_team_id'), ['team_id'], unique=False)
    op.create_table(
        'corrective_action_plans',
        sa.Column('case_id', sa.Uuid(), nullable=False),
        sa.Column('team_id', sa.Uuid(), nullable=True),
        sa.Column('debrief_on', sa.Date(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        *_id_and_created(),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_corrective_action_plans_case_id_cases'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_corrective_action_plans_team_id_teams')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_corrective_action_plans')),
        sa.UniqueConstraint('case_id', name=op.f('uq_corrective_action_plans_case_id')),
    )
    with op.batch_alter_table('corrective_action_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_corrective_action_plans_team_id'), ['team_id'], unique=False)
    # The list of kinds: "Other" was missing from the seeded reference list.
    types = sa.table('corrective_action_types', sa.column('id', sa.Uuid), sa.column('name', sa.String),
                     sa.column('active', sa.Boolean))
    exists = op.get_bind().execute(sa.select(types.c.id).where(types.c.name == 'Other')).first()
    if exists is None:
        op.bulk_insert(types, [{'id': uuid.uuid4(), 'name': 'Other', 'active': True}])

    op.create_table(
        'contact_restrictions',
        sa.Column('person_id', sa.Uuid(), nullable=False),
        sa.Column('restriction', sa.Text(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('approved_by', sa.String(length=200), nullable=False),
        sa.Column('starts_on', sa.Date(), nullable=False),
        sa.Column('review_on', sa.Date(), nullable=False),
        sa.Column('last_reviewed_on', sa.Date(), nullable=True),
        sa.Column('ended_on', sa.Date(), nullable=True),
        sa.Column('ended_reason', sa.Text(), nullable=True),
        sa.Column('recorded_by_id', sa.Uuid(), nullable=True),
        sa.Column('is_demo', sa.Boolean(), nullable=False),
        *_id_and_created(),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_contact_restrictions_person_id_people'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'],
                                name=op.f('fk_contact_restrictions_recorded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_restrictions')),
    )
    with op.batch_alter_table('contact_restrictions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_restrictions_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_restrictions_review_on'), ['review_on'], unique=False)

    op.create_table(
        'documents',
        sa.Column('case_id', sa.Uuid(), nullable=True),
        sa.Column('submission_id', sa.Uuid(), nullable=True),
        sa.Column('stored_name', sa.String(length=64), nullable=False),
        sa.Column('original_name', sa.String(length=200), nullable=False),
        sa.Column('content_type', sa.String(length=60), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('description', sa.String(length=200), nullable=True),
        sa.Column('uploaded_by_id', sa.Uuid(), nullable=True),
        sa.Column('from_young_person', sa.Boolean(), nullable=False),
        *_id_and_created(),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_documents_case_id_cases'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['submission_id'], ['submissions.id'],
                                name=op.f('fk_documents_submission_id_submissions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_documents_uploaded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
        sa.UniqueConstraint('stored_name', name=op.f('uq_documents_stored_name')),
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_submission_id'), ['submission_id'], unique=False)


def downgrade() -> None:
    op.drop_table('documents')
    op.drop_table('contact_restrictions')
    op.drop_table('corrective_action_plans')
    with op.batch_alter_table('corrective_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_corrective_actions_team_id'))
        batch_op.drop_constraint(batch_op.f('fk_corrective_actions_team_id_teams'), type_='foreignkey')
        batch_op.drop_column('impact_assessed_on')
        batch_op.drop_column('team_id')
    op.drop_table('member_enquiry_cases')
    op.drop_table('member_enquiry_people')
    op.drop_table('member_enquiries')
