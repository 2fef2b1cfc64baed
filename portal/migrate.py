"""Alembic, driven from the app's own configuration (``flask db upgrade`` etc.)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import current_app

from portal.config import ROOT

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

# Alembic is imported where it is used: the web workers import this module (for the flask commands)
# but never migrate, and Alembic brings Mako and Pygments, about 10 MiB in every worker.


def alembic_config(url: str | None = None) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.set_main_option("path_separator", "os")
    # Alembic reads %-interpolation; a password with % in it must not break it.
    config.set_main_option("sqlalchemy.url", (url or current_app.config["DATABASE_URL"]).replace("%", "%%"))
    return config


def upgrade(url: str | None = None, revision: str = "head") -> int:
    """Run the migrations, then bring the calendar table in line with the statutory calendar (an
    upgraded ``holidays`` may know a new bank holiday) and the cases' stored deadlines with both.
    Returns the calendar rows rewritten."""
    from alembic import command

    config = alembic_config(url)
    command.upgrade(config, revision)
    if revision != "head":
        return 0
    from portal import calendar_table
    from portal.casework import due_dates
    from portal.db import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url").replace("%%", "%"))
    try:
        with engine.begin() as connection:
            changed = calendar_table.refresh(connection)
            due_dates.refresh(connection)
            return changed
    finally:
        engine.dispose()


def downgrade(url: str | None = None, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)
