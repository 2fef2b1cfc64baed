"""Fixtures shared by every suite: the app, a database rolled back after each test, factories.

The schema is built by the Alembic migrations (never ``create_all``), once per test session, on
SQLite by default or on PostgreSQL when ``TEST_DATABASE_URL`` points there (never ``DATABASE_URL``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any

import pyotp
import pytest
from hypothesis import HealthCheck, settings
from portal_testing import (
    TEST_PASSWORD,
    CheckingClient,
    Inbox,
    database_url_for_tests,
    free_port,
    reset_database,
    start_clamd,
    stop_clamd,
)

from portal import create_app
from portal.config import TestConfig

settings.register_profile("quick", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


class _TestConfig(TestConfig):
    DATABASE_URL = database_url_for_tests()


@pytest.fixture(scope="session")
def clamd_url(tmp_path_factory) -> Iterator[str]:
    """A real clamd for the whole run, with a local signature database that detects the EICAR test file."""
    process, url = start_clamd(tmp_path_factory.mktemp("clamd"))
    yield url
    stop_clamd(process)


@pytest.fixture(scope="session")
def app(clamd_url):
    reset_database(_TestConfig.DATABASE_URL)
    application = create_app(_TestConfig)
    application.config["CLAMD_URL"] = clamd_url
    yield application
    from portal.db import db

    db.engine.dispose()


@pytest.fixture
def database(app) -> Iterator[None]:
    """Each test runs inside a transaction that is rolled back; app commits become savepoints.

    Suites that talk to the database (web, security) use it automatically from their conftest.
    """
    from portal.db import db
    from portal.extensions import limiter

    limiter.reset()
    # A deferred BEGIN: the wrapper itself writes nothing, and must not hold SQLite's write lock while a
    # test's threads commit for real (portal.db takes it at BEGIN outside a request otherwise).
    connection = db.engine.connect().execution_options(deferred_begin=True)
    transaction = connection.begin()
    db.sessionmaker.configure(bind=connection, join_transaction_mode="create_savepoint")
    ctx = app.app_context()
    ctx.push()
    try:
        yield
    finally:
        db.session.remove()
        ctx.pop()
        transaction.rollback()
        connection.close()
        db.sessionmaker.configure(bind=db.engine)


@pytest.fixture
def smtp_server(app) -> Iterator[Inbox]:
    """A real SMTP server (aiosmtpd) on a free local port, and the app sending to it."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    old = app.config["SMTP_HOST"], app.config["SMTP_PORT"]
    app.config["SMTP_HOST"], app.config["SMTP_PORT"] = "127.0.0.1", port
    yield inbox
    app.config["SMTP_HOST"], app.config["SMTP_PORT"] = old
    controller.stop()


@pytest.fixture
def session(database):
    from portal.db import db

    return db.session


# ---------------------------------------------------------------------------------------------
# Factories
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def make_team(session) -> Callable[..., Any]:
    from portal.models import Area, Team

    def make(name: str | None = None, area: str | None = "North West") -> Team:
        area_row = None
        if area:
            area_row = Area(name=f"{area} {uuid.uuid4().hex[:6]}")
            session.add(area_row)
        team = Team(name=name or f"Team {uuid.uuid4().hex[:8]}", area=area_row)
        session.add(team)
        session.commit()
        return team

    return make


@pytest.fixture
def make_user(session) -> Callable[..., Any]:
    from portal.auth import accounts

    def make(*roles: str, team: Any = None, email: str | None = None, second_factor: bool = True) -> Any:
        return accounts.create_user(
            email=email or f"user-{uuid.uuid4().hex[:10]}@example.gov.uk",
            name="Test User",
            roles=set(roles or ("crs_officer",)),
            password=TEST_PASSWORD,
            team_name=team.name if team is not None else None,
            totp_secret=pyotp.random_base32() if second_factor else None,
        )

    return make


@pytest.fixture
def make_submission(session) -> Callable[..., Any]:
    from portal.intake.codes import new_reference
    from portal.models import Person, Submission

    def make(kind: str = "complaint", language: str = "en", received: date | None = None, **answers: Any) -> Any:
        received = received or date(2026, 11, 20)
        person = Person(name="Test Young Person", age_when_received=15)
        submission = Submission(
            reference=new_reference(),
            kind=kind,
            language=language,
            submitted_at=datetime(received.year, received.month, received.day, 10, 0, tzinfo=UTC),
            received_on=received,
            who_is_telling="young_person",
            young_person=person,
            answers=answers or {"what_happened": "Nobody told me why my contact was cancelled."},
        )
        session.add_all([person, submission])
        session.commit()
        return submission

    return make


@pytest.fixture
def make_case(session, make_submission) -> Callable[..., Any]:
    """A case triaged onto a route (statutory by default), optionally with more procedure events."""
    from portal.casework import common
    from portal.models import Case
    from portal.procedure import ProcedureState, Triage

    def make(team: Any = None, route: str = "statutory", advocate: Any = None, events: tuple = (),
             received: date | None = None, **kwargs: Any) -> Any:
        submission = make_submission(received=received)
        submission.status = "triaged"
        case = Case(
            reference=submission.reference,
            submission=submission,
            kind=submission.kind,
            team=team,
            advocate_id=advocate.id if advocate is not None else None,
            young_person=submission.young_person,
            complainant=submission.young_person,
            from_young_person=True,
            **kwargs,
        )
        case.store_procedure(ProcedureState.submitted(submission.received_on))
        session.add(case)
        session.flush()
        common.record_event(case, Triage(on=submission.received_on, route=route), actor=None, commit=False)
        for event in events:
            common.record_event(case, event, actor=None, commit=False)
        session.commit()
        return case

    return make


@pytest.fixture
def client(app, database) -> CheckingClient:
    app.test_client_class = CheckingClient
    return app.test_client()
