"""every stage 2 request is its own record (issue 20, decision 0017)

stage2_requests: one row per request for stage 2 (its date, whether it was late and the decision on
that, and how it was answered), so a second request after a referral back does not overwrite the first
(table 12 counts each request in the year it was made). Cases without rows are counted from their own
columns as before (imported history, and requests made before this migration).

Revision ID: 2002
Revises: 2001
Create Date: 2026-12-07 19:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2002'
down_revision = '2001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stage2_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("late_accepted", sa.Boolean(), nullable=True),
        sa.Column("answer", sa.String(length=30), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_stage2_requests_case_id_cases"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage2_requests")),
    )
    with op.batch_alter_table("stage2_requests") as batch:
        batch.create_index(batch.f("ix_stage2_requests_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("stage2_requests") as batch:
        batch.drop_index(batch.f("ix_stage2_requests_case_id"))
    op.drop_table("stage2_requests")
