"""retention: legal holds and the day personal data was removed (issue 23)

- cases.legal_hold / legal_hold_reason: retention leaves a held case alone (a public inquiry).
- cases.personal_data_removed_on: set by `flask retention run` or an erasure; the statistical record stays.

Revision ID: 2304
Revises: 2303
Create Date: 2026-12-07 19:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2304'
down_revision = '2303'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("legal_hold", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("legal_hold_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("personal_data_removed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        for column in ("personal_data_removed_on", "legal_hold_reason", "legal_hold"):
            batch.drop_column(column)
