"""a referral back keeps the first stage 1 response (issue 20, decision 0017)

- cases: the first stage 1 response's date, outcome, extension and paused days, set when the case is
  referred back for a fuller response and never changed after (table 9 counts its date).
- complaint_points.stage1_first_finding: the first response's finding per point.
- letters.response: 1 for a stage's response, 2, 3 ... for a fuller stage 1 response after a referral
  back; the unique key becomes (case, stage, response) so the first letter stays as sent.
- A case referred back and still waiting for its fuller response: its stage 1 response so far becomes
  the first response, and the stage 1 clock restarts from the referral back.

Revision ID: 2001
Revises: 2306
Create Date: 2026-12-07 19:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2001'
down_revision = '2306'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("stage1_first_responded", sa.Date(), nullable=True))
        batch.add_column(sa.Column("stage1_first_outcome", sa.String(length=30), nullable=True))
        batch.add_column(sa.Column("stage1_first_extended_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("stage1_first_paused_days", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("complaint_points") as batch:
        batch.add_column(sa.Column("stage1_first_finding", sa.String(length=20), nullable=True))
    with op.batch_alter_table("letters") as batch:
        batch.add_column(sa.Column("response", sa.Integer(), nullable=False, server_default="1"))
        batch.drop_constraint("uq_letters_case_id", type_="unique")
        batch.create_unique_constraint("uq_letters_case_stage_response", ["case_id", "stage", "response"])
    op.execute(
        "UPDATE cases SET stage1_first_responded = stage1_responded, stage1_first_outcome = stage1_outcome, "
        "stage1_first_extended_on = stage1_extended_on, stage1_first_paused_days = stage1_paused_days, "
        "stage1_responded = NULL, stage1_extended_on = NULL, stage1_extension_reason = NULL, "
        "stage1_paused_days = 0 "
        "WHERE stage2_referred_back IS NOT NULL AND stage1_responded IS NOT NULL "
        "AND stage1_responded < stage2_referred_back AND status = 'stage1'")
    op.execute("UPDATE complaint_points SET stage1_first_finding = stage1_finding WHERE case_id IN "
               "(SELECT id FROM cases WHERE stage1_first_responded IS NOT NULL)")


def downgrade() -> None:
    op.execute("DELETE FROM letters WHERE response > 1")
    with op.batch_alter_table("letters") as batch:
        batch.drop_constraint("uq_letters_case_stage_response", type_="unique")
        batch.create_unique_constraint("uq_letters_case_id", ["case_id", "stage"])
        batch.drop_column("response")
    with op.batch_alter_table("complaint_points") as batch:
        batch.drop_column("stage1_first_finding")
    op.execute("UPDATE cases SET stage1_responded = stage1_first_responded, stage1_paused_days = "
               "stage1_first_paused_days WHERE stage1_first_responded IS NOT NULL AND stage1_responded IS NULL")
    with op.batch_alter_table("cases") as batch:
        for column in ("stage1_first_paused_days", "stage1_first_extended_on", "stage1_first_outcome",
                       "stage1_first_responded"):
            batch.drop_column(column)
