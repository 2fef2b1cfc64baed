"""public front door: journey drafts (answers kept server-side) and the notifications outbox

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 07:52:36.602026
"""
from alembic import op
import sqlalchemy as sa



revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('journey_drafts',
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journey_drafts')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_journey_drafts_key_hash'))
    )
    with op.batch_alter_table('journey_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_journey_drafts_expires_at'), ['expires_at'], unique=False)

    op.create_table('notifications',
    sa.Column('to_address', sa.String(length=254), nullable=False),
    sa.Column('template', sa.String(length=60), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('personalisation', sa.JSON(), nullable=True),
    sa.Column('message_id', sa.String(length=200), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=200), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    sa.UniqueConstraint('message_id', name=op.f('uq_notifications_message_id'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_sent_at'), ['sent_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_sent_at'))

    op.drop_table('notifications')
    with op.batch_alter_table('journey_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_journey_drafts_expires_at'))

    op.drop_table('journey_drafts')
