"""The cap on a young person's uploads holds when the uploads arrive at once (as from a threaded server or
several app hosts): counted and stored under one lock on their submission. Before, a threaded server
stored 24 files past a cap of 20.

Commits for real (threads cannot share the test's rolled-back transaction) and empties what it touched.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator

import pytest
from document_helpers import PNG, send, track
from portal_testing import CheckingClient, committing
from sqlalchemy import func, select

from portal.casework import documents

TOUCHED = ("audit_events", "document_contents", "documents", "tracking_attempts", "cases", "submissions", "people")


@pytest.fixture
def committed(app, database) -> Iterator[None]:
    with committing(TOUCHED):
        yield


def test_thirty_uploads_at_once_store_exactly_the_cap(app, committed, make_submission):
    from portal.db import db
    from portal.models import Document

    cap, tries = documents.MAX_FROM_YOUNG_PERSON, 30
    submission = make_submission()
    app.test_client_class = CheckingClient
    clients, code = [], None
    for _ in range(tries):  # each its own phone: its own tracking session and CSRF token
        client = app.test_client()
        code = track(app, client, db.session, submission, code)
        clients.append(client)
    db.session.remove()
    barrier = threading.Barrier(tries)
    outcomes: list[object] = [None] * tries

    def upload(index: int) -> None:
        barrier.wait()
        try:
            response = send(clients[index], PNG, name=f"{index}.png")
            outcomes[index] = "stored" if response.status_code == 303 else (
                "refused" if "as many files as we can take" in response.get_data(as_text=True)
                else response.status_code)
        except Exception as error:  # noqa: BLE001 - counted, and shown if unexpected
            outcomes[index] = type(error).__name__

    threads = [threading.Thread(target=upload, args=(index,)) for index in range(tries)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    with app.app_context():
        stored = db.session.scalar(select(func.count()).select_from(Document)
                                   .where(Document.submission_id == submission.id))
        db.session.remove()
    assert stored == cap, (stored, Counter(outcomes))
    assert Counter(outcomes) == {"stored": cap, "refused": tries - cap}, Counter(outcomes)
