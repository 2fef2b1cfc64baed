"""retention of MP and councillor enquiries and helpline contacts (issue 23)

- member_enquiries.personal_data_removed_on, helpline_contacts.personal_data_removed_on: set by
  `flask retention run` when their personal data went; the statistical record stays.

Revision ID: 2307
Revises: 2006
Create Date: 2026-12-07 20:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2307'
down_revision = '2006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("member_enquiries", "helpline_contacts"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("personal_data_removed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    for table in ("helpline_contacts", "member_enquiries"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("personal_data_removed_on")
