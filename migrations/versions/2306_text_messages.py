"""text messages: notifications.channel (email or sms) (issue 23)

Revision ID: 2306
Revises: 2305
Create Date: 2026-12-07 20:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2306'
down_revision = '2305'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("channel", sa.String(length=10), nullable=False, server_default="email"))


def downgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.drop_column("channel")
