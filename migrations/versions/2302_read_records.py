"""who looked: read_records (issue 23)

One row for each time a member of staff opened a case, a submission, a young person's words, a
document, a message thread, or took an export: who, what, when, and the case it belongs to.

Revision ID: 2302
Revises: 2301
Create Date: 2026-12-07 19:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2302'
down_revision = '2301'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "read_records",
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("what", sa.String(length=30), nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=True),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("detail", sa.String(length=100), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_read_records_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_read_records")),
    )
    op.create_index("ix_read_records_case", "read_records", ["case_id", "occurred_at"])
    op.create_index("ix_read_records_user", "read_records", ["user_id", "occurred_at"])


def downgrade() -> None:
    op.drop_index("ix_read_records_user", table_name="read_records")
    op.drop_index("ix_read_records_case", table_name="read_records")
    op.drop_table("read_records")
