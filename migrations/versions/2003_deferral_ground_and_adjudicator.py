"""a deferral's reg 8 ground and the day the complainant was told; who adjudicated (issue 20, decision 0017)

Revision ID: 2003
Revises: 2002
Create Date: 2026-12-07 19:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2003'
down_revision = '2002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("deferral_ground", sa.String(length=30), nullable=True))
        batch.add_column(sa.Column("deferral_told_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("stage2_adjudicated_by_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key("fk_cases_stage2_adjudicated_by_id_users", "users",
                                 ["stage2_adjudicated_by_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_constraint("fk_cases_stage2_adjudicated_by_id_users", type_="foreignkey")
        for column in ("stage2_adjudicated_by_id", "deferral_told_on", "deferral_ground"):
            batch.drop_column(column)
