"""the young person's thread and wishes-and-feelings triage (issue 21)

- messages.author_role: the role a member of staff wrote to the young person as (the tracking page
  says "From Sam, Children's Rights Service"); NULL for what the young person wrote.
- cases: what a wishes-and-feelings contact was passed on as (wishes_action: social_worker, team,
  iro, informal), to which team (wishes_team_id), who will act (wishes_acted_by) and by when
  (wishes_act_by). Becoming a complaint, with the young person's agreement, is an audit event.

Revision ID: 2101
Revises: 2401
Create Date: 2026-12-07 16:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2101'
down_revision = '2401'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("author_role", sa.String(length=30), nullable=True))
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("wishes_action", sa.String(length=30), nullable=True))
        batch.add_column(sa.Column("wishes_team_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("wishes_acted_by", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("wishes_act_by", sa.Date(), nullable=True))
        batch.create_foreign_key("fk_cases_wishes_team_id_teams", "teams", ["wishes_team_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_constraint("fk_cases_wishes_team_id_teams", type_="foreignkey")
        for column in ("wishes_act_by", "wishes_acted_by", "wishes_team_id", "wishes_action"):
            batch.drop_column(column)
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("author_role")
