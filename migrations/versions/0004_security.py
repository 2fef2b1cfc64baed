"""security: sign-in failures and lock per account; tracking-code attempts per reference (real or
not) in their own table; a pending code after an anonymous lost-code request

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 09:00:00
"""
from alembic import op
import sqlalchemy as sa



revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('tracking_attempts',
    sa.Column('reference_hash', sa.String(length=64), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('reference_hash', name=op.f('pk_tracking_attempts'))
    )
    with op.batch_alter_table('tracking_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tracking_attempts_updated_at'), ['updated_at'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_sign_ins', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('sign_in_locked_until', sa.DateTime(timezone=True), nullable=True))

    # The per-reference counters move to tracking_attempts (a lock in force is not carried over: it
    # was keyed by the submission, and the new key is a hash the migration does not hold the key for).
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pending_code_hash', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('pending_code_issued_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_column('code_locked_until')
        batch_op.drop_column('failed_code_attempts')


def downgrade() -> None:
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_code_attempts', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('code_locked_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_column('pending_code_issued_at')
        batch_op.drop_column('pending_code_hash')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('sign_in_locked_until')
        batch_op.drop_column('failed_sign_ins')

    with op.batch_alter_table('tracking_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tracking_attempts_updated_at'))

    op.drop_table('tracking_attempts')
