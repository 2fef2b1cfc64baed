"""the annual report's range scans: the year's complaints read from one index, stage 2 and 3 requests by date
(issue 25)

ix_cases_report_year holds every column the report counts the year's complaints recorded by (the
filter's columns first, then the per-case fields the aggregates group by, the id last for the category
and action lookups), so the year's range is read from the index alone and no case row is visited: on
SQLite, with a million cases, that took the report on one connection from 2.6 s to 1.8 s.

Table 12 counts the complaints whose stage 2 (and stage 3) request falls in this year or last. Without
an index on the request date every complaint among a million was read twice for it (SQLite: the
(kind, received_on, ...) index walked for kind only, each case then looked up); with these the report
reads only the requests of the two years.

Revision ID: 2501
Revises: 2307
Create Date: 2026-12-07 20:05:00
"""
from alembic import op

revision = '2501'
down_revision = '2307'
branch_labels = None
depends_on = None

# The filter (kind, the year's range, route, the young person's), then what the aggregates read.
REPORT_YEAR_COLUMNS = ['kind', 'received_on', 'route', 'from_young_person', 'complainant_id', 'young_person_id',
                       'team_id', 'area_id', 'resolution_id', 'stage1_responded', 'stage1_first_responded', 'stage1_outcome', 'stage1_learning',
                       'advocacy_given', 'service_type', 'id']


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_report_year', REPORT_YEAR_COLUMNS, unique=False)
        batch_op.create_index('ix_cases_kind_stage2_requested', ['kind', 'stage2_requested'], unique=False)
        batch_op.create_index('ix_cases_kind_stage3_requested', ['kind', 'stage3_requested'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_kind_stage3_requested')
        batch_op.drop_index('ix_cases_kind_stage2_requested')
        batch_op.drop_index('ix_cases_report_year')
