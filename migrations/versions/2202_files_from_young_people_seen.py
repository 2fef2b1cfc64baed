"""files from young people: when someone responsible first saw them (issue 22)

- documents.seen_at, seen_by_id: until a file the young person sent from the tracking page is seen, it
  is flagged "new" on the staff home and the advocate's caseload. Files already there count as seen.

Revision ID: 2202
Revises: 2201
Create Date: 2026-12-07 19:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2202'
down_revision = '2201'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seen_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('seen_by_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_documents_seen_by_id_users'), 'users', ['seen_by_id'], ['id'])
    op.execute(sa.text("UPDATE documents SET seen_at = created_at WHERE from_young_person"))


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_documents_seen_by_id_users'), type_='foreignkey')
        batch_op.drop_column('seen_by_id')
        batch_op.drop_column('seen_at')
