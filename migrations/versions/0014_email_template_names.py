"""email template names: the emails are named for what they say (message_waiting, replacement_code)

Queued notifications name their template; rows still waiting to be sent are renamed with the files.

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-07 16:00:00
"""
from alembic import op

revision = '0014'
down_revision = '0011'
branch_labels = None
depends_on = None

RENAMED = {"new_message": "message_waiting", "new_tracking_code": "replacement_code"}


def upgrade() -> None:
    for old, new in RENAMED.items():
        op.execute(f"UPDATE notifications SET template = '{new}' WHERE template = '{old}'")


def downgrade() -> None:
    for old, new in RENAMED.items():
        op.execute(f"UPDATE notifications SET template = '{old}' WHERE template = '{new}'")
