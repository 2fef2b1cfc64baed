"""sign-in attempts per account and address (issue 22)

- sign_in_attempts: wrong passwords for one email address from one client address (keyed by an HMAC
  of both), and the lock they earned; email_hash (an HMAC of the email alone) lets an administrator
  clear them all for one account.
- users.failed_codes: wrong second-factor codes since the last complete sign-in (the account's
  failed_sign_ins now counts wrong passwords only).

Revision ID: 2201
Revises: 2101
Create Date: 2026-12-07 19:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2201'
down_revision = '2101'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sign_in_attempts',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('email_hash', sa.String(length=64), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sign_in_attempts'))
    )
    with op.batch_alter_table('sign_in_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_attempts_email_hash'), ['email_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_attempts_updated_at'), ['updated_at'], unique=False)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_codes', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('failed_codes')
    with op.batch_alter_table('sign_in_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_attempts_updated_at'))
        batch_op.drop_index(batch_op.f('ix_sign_in_attempts_email_hash'))
    op.drop_table('sign_in_attempts')
