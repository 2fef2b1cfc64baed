"""user administration: an expiry date for external accounts (issue 22)

- users.expires_on: the last day an external account (investigator, independent person, panel member)
  may sign in; NULL for none.

Revision ID: 2203
Revises: 2202
Create Date: 2026-12-07 19:25:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2203'
down_revision = '2202'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expires_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('expires_on')
