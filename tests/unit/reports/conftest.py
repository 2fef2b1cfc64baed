"""A database for the report's unit tests, without Flask: the migrated test database (SQLite, or
PostgreSQL when TEST_DATABASE_URL says so), each test inside a transaction rolled back after it.

Test data lives in financial years no other test uses (2030-31 back to 2027-28), so rows other suites
committed never enter a figure."""

from __future__ import annotations

import pytest
from portal_testing import check_test_database, database_url_for_tests

from portal import migrate
from portal.db import make_engine


@pytest.fixture(scope="session")
def report_engine():
    url = database_url_for_tests()
    check_test_database(url)
    migrate.upgrade(url)  # idempotent: a no-op when another suite already built the schema
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def conn(report_engine):
    connection = report_engine.connect()
    transaction = connection.begin()
    try:
        yield connection
    finally:
        transaction.rollback()
        connection.close()
