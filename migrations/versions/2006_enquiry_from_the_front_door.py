"""an MP or Councillor enquiry that came in through the front door keeps the case triage made of it

Revision ID: 2006
Revises: 2005
Create Date: 2026-12-07 20:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2006'
down_revision = '2005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("member_enquiries") as batch:
        batch.add_column(sa.Column("from_case_id", sa.Uuid(), nullable=True))
        batch.create_index("ix_member_enquiries_from_case_id", ["from_case_id"])
        batch.create_foreign_key("fk_member_enquiries_from_case_id", "cases", ["from_case_id"], ["id"],
                                 ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("member_enquiries") as batch:
        batch.drop_constraint("fk_member_enquiries_from_case_id", type_="foreignkey")
        batch.drop_index("ix_member_enquiries_from_case_id")
        batch.drop_column("from_case_id")
