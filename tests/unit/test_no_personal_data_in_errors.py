"""A database error logged with its traceback must not carry the values that were being written."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from portal.db import make_engine


def test_database_errors_hide_bound_values(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (v TEXT UNIQUE)"))
        connection.execute(text("INSERT INTO t VALUES (:v)"), {"v": "my foster carer hit me"})
    with pytest.raises(IntegrityError) as raised, engine.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (:v)"), {"v": "my foster carer hit me"})
    assert "my foster carer hit me" not in str(raised.value)
    engine.dispose()
