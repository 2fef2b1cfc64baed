"""the staff home's lists and counts read only the rows they show (issue 25)

At 100,000 cases a complaints manager's home took 300-400 ms, most of it in six statements that each
walked every case:
- the open cases by team and status: (status, legacy_reference, team_id, id) answers it from the index
  alone, open statuses only;
- the stage 2 and stage 3 requests and the deferrals waiting for a decision: (status, the date they are
  listed by, reference) reads the few in the status in order (SQLite otherwise walked the date index
  of every case to avoid a sort);
- the cases a responding manager answers: by responding_manager_id;
- files from young people nobody has seen, and open corrective actions: partial indexes holding only
  those rows, so the lists start from them.

Revision ID: 2502
Revises: 2501
Create Date: 2026-12-07 22:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2502'
down_revision = '2501'
branch_labels = None
depends_on = None

# Written as the queries write them (SQLAlchemy's is_(True)): SQLite uses a partial index only where the
# query's terms match the index's.
UNSEEN_SQLITE = sa.text("from_young_person IS 1 AND seen_at IS NULL")
UNSEEN_POSTGRESQL = sa.text("from_young_person IS true AND seen_at IS NULL")
OPEN = sa.text("completed_on IS NULL")


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_open_by_team', ['status', 'legacy_reference', 'team_id', 'id'], unique=False)
        batch_op.create_index('ix_cases_stage2_queue', ['status', 'stage2_requested', 'reference'], unique=False)
        batch_op.create_index('ix_cases_stage3_queue', ['status', 'stage3_requested', 'reference'], unique=False)
        batch_op.create_index('ix_cases_deferral_queue', ['status', 'deferral_review_date', 'reference'], unique=False)
        batch_op.create_index('ix_cases_responding_manager', ['responding_manager_id'], unique=False)
    op.create_index('ix_documents_unseen_from_young_people', 'documents', ['submission_id', 'created_at'],
                    sqlite_where=UNSEEN_SQLITE, postgresql_where=UNSEEN_POSTGRESQL)
    op.create_index('ix_corrective_actions_open', 'corrective_actions', ['case_id', 'due_on'],
                    sqlite_where=OPEN, postgresql_where=OPEN)


def downgrade() -> None:
    op.drop_index('ix_corrective_actions_open', table_name='corrective_actions')
    op.drop_index('ix_documents_unseen_from_young_people', table_name='documents')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_responding_manager')
        batch_op.drop_index('ix_cases_deferral_queue')
        batch_op.drop_index('ix_cases_stage3_queue')
        batch_op.drop_index('ix_cases_stage2_queue')
        batch_op.drop_index('ix_cases_open_by_team')
