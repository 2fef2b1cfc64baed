"""report: the annual report's columns on cases, and published (frozen) reports

Revision ID: 0011
Revises: 0012
Create Date: 2026-12-02 11:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('legacy_reference', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('area_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('service_type', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('stage2_answer', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('known_complainant', sa.Boolean(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_cases_legacy_reference'), ['legacy_reference'])
        batch_op.create_foreign_key(batch_op.f('fk_cases_area_id_areas'), 'areas', ['area_id'], ['id'])
        # The report selects a year's cases by kind and date received, and escalations by request date.
        # route and from_young_person ride along, so counts of contacts and enquiries read the index alone.
        batch_op.create_index('ix_cases_kind_received_on', ['kind', 'received_on', 'route', 'from_young_person'],
                              unique=False)
        batch_op.create_index('ix_cases_stage2_requested', ['stage2_requested'], unique=False)
        batch_op.create_index('ix_cases_stage3_requested', ['stage3_requested'], unique=False)
    with op.batch_alter_table('corrective_actions', schema=None) as batch_op:
        batch_op.create_index('ix_corrective_actions_stage_case', ['stage', 'case_id'], unique=False)
    # Covering indexes for the report's one pass over two years of complaints (decision 0013): the main
    # category and the complainant's ethnicity are read from the index alone.
    with op.batch_alter_table('case_categories', schema=None) as batch_op:
        batch_op.create_index('ix_case_categories_case_main', ['case_id', 'is_main', 'category_id'], unique=False)
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index('ix_people_id_ethnicity', ['id', 'ethnicity'], unique=False)
    op.create_table(
        'published_reports',
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('as_at', sa.Date(), nullable=False),
        sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('published_by_id', sa.Uuid(), nullable=True),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['published_by_id'], ['users.id'],
                                name=op.f('fk_published_reports_published_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_published_reports')),
        sa.UniqueConstraint('year', name=op.f('uq_published_reports_year')),
    )


def downgrade() -> None:
    op.drop_table('published_reports')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index('ix_people_id_ethnicity')
    with op.batch_alter_table('case_categories', schema=None) as batch_op:
        batch_op.drop_index('ix_case_categories_case_main')
    with op.batch_alter_table('corrective_actions', schema=None) as batch_op:
        batch_op.drop_index('ix_corrective_actions_stage_case')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_stage3_requested')
        batch_op.drop_index('ix_cases_stage2_requested')
        batch_op.drop_index('ix_cases_kind_received_on')
        batch_op.drop_constraint(batch_op.f('fk_cases_area_id_areas'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_cases_legacy_reference'), type_='unique')
        batch_op.drop_column('known_complainant')
        batch_op.drop_column('stage2_answer')
        batch_op.drop_column('service_type')
        batch_op.drop_column('area_id')
        batch_op.drop_column('legacy_reference')
