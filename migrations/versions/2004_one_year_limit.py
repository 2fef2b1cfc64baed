"""reg 9, the one-year limit: when the matter happened (or not known), the two reg 9(2) conditions and
who decided (issue 20, decision 0017)

Revision ID: 2004
Revises: 2003
Create Date: 2026-12-07 19:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2004'
down_revision = '2003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("matter_happened_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("matter_date_not_known", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("late_not_reasonable_in_time", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("late_still_fair", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("late_decided_by_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key("fk_cases_late_decided_by_id_users", "users", ["late_decided_by_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_constraint("fk_cases_late_decided_by_id_users", type_="foreignkey")
        for column in ("late_decided_by_id", "late_still_fair", "late_not_reasonable_in_time",
                       "matter_date_not_known", "matter_happened_on"):
            batch.drop_column(column)
