"""the outbox seals what waits and claims before sending (issue 23)

- notifications.sealed_personalisation replaces notifications.personalisation (plain JSON): what a
  waiting message needs (a tracking code) is kept only sealed with OUTBOX_KEY
  (portal.notifications.sealing). Messages already sent or given up lose what they kept; messages still
  waiting are sealed with OUTBOX_KEY from the environment, or given up when it is not set (the young
  person can ask for a new code).
- notifications.claimed_by / claimed_at: a sender claims a message before sending it.
- notifications.next_attempt_at: when a failed message is tried again; given_up_at: no more tries.

Revision ID: 2301
Revises: 2203
Create Date: 2026-12-07 19:00:00
"""
import json
import os
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = '2301'
down_revision = '2203'
branch_labels = None
depends_on = None

MAX_ATTEMPTS = 5


def _seal(setting: str, value: dict) -> str:
    """As portal.notifications.sealing.seal_with did when this migration was written."""
    import base64
    import hashlib

    from cryptography.fernet import Fernet

    key = setting.split(",")[0].strip()
    fernet = Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"portal outbox\x00" + key.encode()).digest()))
    return fernet.encrypt(json.dumps(value, separators=(",", ":"), sort_keys=True).encode()).decode("ascii")


def upgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("sealed_personalisation", sa.Text(), nullable=True))
        batch.add_column(sa.Column("claimed_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("given_up_at", sa.DateTime(timezone=True), nullable=True))
    connection = op.get_bind()
    now = datetime.now(UTC)
    if connection.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    connection.execute(sa.text("UPDATE notifications SET given_up_at = :now WHERE sent_at IS NULL AND attempts >= :most"),
                       {"now": now, "most": MAX_ATTEMPTS})
    key = os.environ.get("OUTBOX_KEY", "")
    waiting = connection.execute(sa.text(
        "SELECT id, personalisation FROM notifications WHERE sent_at IS NULL AND given_up_at IS NULL "
        "AND personalisation IS NOT NULL")).all()
    if waiting:
        for row_id, personalisation in waiting:
            value = json.loads(personalisation) if isinstance(personalisation, str) else personalisation
            if not value:
                continue
            if key:
                connection.execute(sa.text("UPDATE notifications SET sealed_personalisation = :s WHERE id = :id"),
                                   {"s": _seal(key, value), "id": row_id})
            else:
                connection.execute(sa.text("UPDATE notifications SET given_up_at = :now, last_error = 'no OUTBOX_KEY "
                                           "at upgrade' WHERE id = :id"), {"now": now, "id": row_id})
    with op.batch_alter_table("notifications") as batch:
        batch.drop_column("personalisation")
        batch.create_index("ix_notifications_waiting", ["given_up_at", "sent_at", "created_at"])


def downgrade() -> None:
    # What waits sealed is not opened again: a downgrade gives up the waiting messages that needed it.
    connection = op.get_bind()
    now = datetime.now(UTC)
    if connection.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    connection.execute(sa.text("UPDATE notifications SET attempts = :most, last_error = 'sealed at downgrade' "
                               "WHERE sent_at IS NULL AND sealed_personalisation IS NOT NULL"),
                       {"most": MAX_ATTEMPTS})
    with op.batch_alter_table("notifications") as batch:
        batch.drop_index("ix_notifications_waiting")
        batch.add_column(sa.Column("personalisation", sa.JSON(), nullable=True))
        for column in ("given_up_at", "next_attempt_at", "claimed_at", "claimed_by", "sealed_personalisation"):
            batch.drop_column(column)
