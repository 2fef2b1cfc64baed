"""documents in the database: their content beside the record (document_contents, in chunks) and the
malware scan's status; a document uploaded before this waits for a scan until it is brought in and
scanned (``flask documents move-into-database``)

Revision ID: 2401
Revises: 0014
Create Date: 2026-12-07 16:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2401'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'document_contents',
        sa.Column('document_id', sa.Uuid(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'],
                                name=op.f('fk_document_contents_document_id_documents'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('document_id', 'number', name=op.f('pk_document_contents')),
    )
    with op.batch_alter_table('documents') as batch:
        batch.alter_column('stored_name', existing_type=sa.String(length=64), nullable=True)
        # Existing files were never scanned: they wait (and cannot be downloaded) until they are.
        batch.add_column(sa.Column('scan_status', sa.String(length=10), nullable=False, server_default='waiting'))
        batch.add_column(sa.Column('scanned_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('scan_finding', sa.String(length=120), nullable=True))
    op.create_index(op.f('ix_documents_scan_status'), 'documents', ['scan_status'])


def downgrade() -> None:
    op.drop_index(op.f('ix_documents_scan_status'), table_name='documents')
    with op.batch_alter_table('documents') as batch:
        batch.drop_column('scan_finding')
        batch.drop_column('scanned_at')
        batch.drop_column('scan_status')
        batch.alter_column('stored_name', existing_type=sa.String(length=64), nullable=False)
    op.drop_table('document_contents')
