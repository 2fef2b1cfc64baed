"""languages: translations made and interpreters booked; translated copies of response letters

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-02 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'language_support',
        sa.Column('submission_id', sa.Uuid(), nullable=False),
        sa.Column('case_id', sa.Uuid(), nullable=True),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('language', sa.String(length=60), nullable=False),
        sa.Column('on', sa.Date(), nullable=False),
        sa.Column('recorded_by_id', sa.Uuid(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['submission_id'], ['submissions.id'],
                                name=op.f('fk_language_support_submission_id_submissions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_language_support_case_id_cases'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'],
                                name=op.f('fk_language_support_recorded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_language_support')),
    )
    with op.batch_alter_table('language_support', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_language_support_submission_id'), ['submission_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_language_support_case_id'), ['case_id'], unique=False)

    op.create_table(
        'letter_translations',
        sa.Column('letter_id', sa.Uuid(), nullable=False),
        sa.Column('language', sa.String(length=10), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('html', sa.Text(), nullable=False),
        sa.Column('translated_on', sa.Date(), nullable=False),
        sa.Column('written_by_id', sa.Uuid(), nullable=True),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], name=op.f('fk_letter_translations_letter_id_letters'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['written_by_id'], ['users.id'],
                                name=op.f('fk_letter_translations_written_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_translations')),
        sa.UniqueConstraint('letter_id', 'language', name=op.f('uq_letter_translations_letter_id')),
    )
    with op.batch_alter_table('letter_translations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_translations_letter_id'), ['letter_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('letter_translations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_translations_letter_id'))
    op.drop_table('letter_translations')
    with op.batch_alter_table('language_support', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_language_support_case_id'))
        batch_op.drop_index(batch_op.f('ix_language_support_submission_id'))
    op.drop_table('language_support')
