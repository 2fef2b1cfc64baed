"""one main category per case, enforced by a partial unique index (issue 20, decision 0017)

A case that has more than one category marked main keeps one (the first by category id) and the
others become ordinary categories, before the index is made.

Revision ID: 2005
Revises: 2004
Create Date: 2026-12-07 19:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '2005'
down_revision = '2004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    links = sa.table("case_categories", sa.column("case_id", sa.Uuid()), sa.column("category_id", sa.Uuid()),
                     sa.column("is_main", sa.Boolean()))
    seen = set()
    for case_id, category_id in conn.execute(sa.select(links.c.case_id, links.c.category_id)
                                             .where(links.c.is_main.is_(True))
                                             .order_by(links.c.case_id, links.c.category_id)):
        if case_id in seen:
            conn.execute(sa.update(links).where(links.c.case_id == case_id, links.c.category_id == category_id)
                         .values(is_main=False))
        seen.add(case_id)
    op.create_index("uq_case_categories_one_main", "case_categories", ["case_id"], unique=True,
                    sqlite_where=sa.text("is_main"), postgresql_where=sa.text("is_main"))


def downgrade() -> None:
    op.drop_index("uq_case_categories_one_main", table_name="case_categories")
