"""reminders and the daily digest (issue 23)

- reminders: one row per reminder queued (kind, item, due date, member of staff), unique, so each due
  item is reminded once however often `flask reminders send` runs.
- users.daily_digest: the daily email of what is theirs and new, on unless they switch it off.

Revision ID: 2303
Revises: 2302
Create Date: 2026-12-07 19:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2303'
down_revision = '2302'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminders",
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_reminders_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.UniqueConstraint("kind", "subject_id", "due_on", "user_id", name="uq_reminders_once"),
    )
    op.create_index("ix_reminders_user_id", "reminders", ["user_id"])
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("daily_digest", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("daily_digest")
    op.drop_index("ix_reminders_user_id", table_name="reminders")
    op.drop_table("reminders")
