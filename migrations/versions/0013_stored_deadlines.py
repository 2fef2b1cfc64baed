"""stored deadlines: each case's current deadline and its working-day ordinal, indexed with the status

The values are filled by ``portal.migrate.upgrade`` right after the migrations (``portal.casework.due_dates``
computes them from the procedure state), so this revision only adds the columns and the index.

Revision ID: 0013
Revises: 0007
Create Date: 2026-12-02 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('due_ordinal', sa.Integer(), nullable=True))
        batch_op.create_index('ix_cases_status_due', ['status', 'due_ordinal'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_status_due')
        batch_op.drop_column('due_ordinal')
        batch_op.drop_column('due_on')
