"""The yardstick for bench/compare.py: a bare Flask app under the same gunicorn settings.

``/page`` renders a 10 KB Jinja template (no database); ``/insert`` does one SQLAlchemy insert and
commit into ``BARE_DATABASE_URL`` (what a send costs at the least); ``/healthz`` answers "ok".
"""

from __future__ import annotations

import os
import uuid

from flask import Flask, render_template_string
from sqlalchemy import Column, MetaData, String, Table, Text, create_engine, insert

PAGE = "<!DOCTYPE html><html lang=en><title>{{ title }}</title><main>{% for i in range(160) %}" \
       "<p class=govuk-body>Paragraph {{ i }} of a page about the same size as the start page.</p>" \
       "{% endfor %}</main></html>"

app = Flask(__name__)
engine = create_engine(os.environ.get("BARE_DATABASE_URL", "sqlite:////tmp/bare.sqlite3"))
metadata = MetaData()
rows = Table("bare_rows", metadata, Column("id", String(36), primary_key=True), Column("body", Text))
metadata.create_all(engine)


@app.get("/page")
def page() -> str:
    return render_template_string(PAGE, title="Bare")


@app.post("/insert")
def insert_row() -> tuple[str, int]:
    with engine.begin() as connection:
        connection.execute(insert(rows).values(id=str(uuid.uuid4()), body="x" * 400))
    return "", 204


@app.get("/healthz")
def healthz() -> str:
    return "ok"
