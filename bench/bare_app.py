"""The yardstick for bench/compare.py: a bare Flask app under the same gunicorn settings.

``/page`` renders a 10 KB Jinja template from a file (``bench/templates/bare_page.html``), compiled
once per worker and kept by Jinja's cache, as an ordinary Flask page is (``render_template_string``
compiled it again on every request and cost about twice the CPU, which made every ratio against it
read twice as good as it was). ``/insert`` does one SQLAlchemy insert and commit into
``BARE_DATABASE_URL`` (what a send costs at the least); ``/healthz`` answers "ok".
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from flask import Flask, render_template
from sqlalchemy import Column, MetaData, String, Table, Text, create_engine, insert

app = Flask(__name__, template_folder=str(Path(__file__).resolve().parent / "templates"))
engine = create_engine(os.environ.get("BARE_DATABASE_URL", "sqlite:////tmp/bare.sqlite3"))
metadata = MetaData()
rows = Table("bare_rows", metadata, Column("id", String(36), primary_key=True), Column("body", Text))
metadata.create_all(engine)


@app.get("/page")
def page() -> str:
    return render_template("bare_page.html", title="Bare")


@app.post("/insert")
def insert_row() -> tuple[str, int]:
    with engine.begin() as connection:
        connection.execute(insert(rows).values(id=str(uuid.uuid4()), body="x" * 400))
    return "", 204


@app.get("/healthz")
def healthz() -> str:
    return "ok"
