"""letters: a stage's response letter with the case; what a young person writes shown to staff, read or not

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 09:00:00
"""
from alembic import op
import sqlalchemy as sa



revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('letters',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('stage', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('written_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_letters_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['written_by_id'], ['users.id'], name=op.f('fk_letters_written_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letters')),
    sa.UniqueConstraint('case_id', 'stage', name=op.f('uq_letters_case_id'))
    )
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letters_case_id'), ['case_id'], unique=False)

    # Messages from before this revision are "add more information" (the default kind). Those already
    # there count as unread for their owner until someone marks them read: nobody has yet.
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('read_by_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('case_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='information', nullable=False))
        batch_op.create_index(batch_op.f('ix_messages_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_messages_unread', ['direction', 'read_at'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_messages_case_id_cases'), 'cases', ['case_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_messages_read_by_id_users'), 'users', ['read_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_messages_read_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_messages_case_id_cases'), type_='foreignkey')
        batch_op.drop_index('ix_messages_unread')
        batch_op.drop_index(batch_op.f('ix_messages_case_id'))
        batch_op.drop_column('kind')
        batch_op.drop_column('case_id')
        batch_op.drop_column('read_by_id')

    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letters_case_id'))

    op.drop_table('letters')
