"""subject access requests (issue 23): the redaction review's decisions and what was supplied when

Revision ID: 2305
Revises: 2304
Create Date: 2026-12-07 19:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2305'
down_revision = '2304'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subject_access_requests",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_by_id", sa.Uuid(), nullable=False),
        sa.Column("decisions", sa.JSON(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by_id", sa.Uuid(), nullable=True),
        sa.Column("supplied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("supplied_by_id", sa.Uuid(), nullable=True),
        sa.Column("supplied", sa.JSON(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_subject_access_requests_person_id_people"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["requested_by_id"], ["users.id"],
                                name=op.f("fk_subject_access_requests_requested_by_id_users")),
        sa.ForeignKeyConstraint(["reviewed_by_id"], ["users.id"],
                                name=op.f("fk_subject_access_requests_reviewed_by_id_users")),
        sa.ForeignKeyConstraint(["supplied_by_id"], ["users.id"],
                                name=op.f("fk_subject_access_requests_supplied_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_access_requests")),
    )
    op.create_index("ix_subject_access_requests_person_id", "subject_access_requests", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_subject_access_requests_person_id", table_name="subject_access_requests")
    op.drop_table("subject_access_requests")
