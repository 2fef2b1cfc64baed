"""Server time for the busiest pages with many cases: the triage queue, the dashboard, the start page.

Builds its own database (SQLite file in a temporary folder, or TEST_DATABASE_URL, whose name must end
in "test"), fills it, and times requests through the test client, so the figure is the application's own
cost without a network.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent / "tests"), str(Path(__file__).resolve().parent.parent)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    folder = tempfile.mkdtemp()
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
    os.environ["TEST_DATABASE_URL"] = url
    from portal_testing import TEST_PASSWORD, reset_database

    from portal import accounts, create_app
    from portal.codes import new_reference
    from portal.config import TestConfig
    from portal.db import db
    from portal.models import Case, Person, Submission, Team
    from portal.models.base import utcnow
    from portal.procedure import ProcedureState, Triage, apply

    reset_database(url)
    app = create_app(type("BenchConfig", (TestConfig,), {"DATABASE_URL": url, "WTF_CSRF_ENABLED": False}))
    with app.app_context():
        teams = [Team(name=f"Team {i}") for i in range(12)]
        db.session.add_all(teams)
        db.session.flush()
        officer = accounts.create_user(email="bench@example.gov.uk", name="Bench", roles={"crs_officer"},
                                       password=TEST_PASSWORD, totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        start = time.perf_counter()
        today = date.today()
        for i in range(args.cases):
            received = today - timedelta(days=i % 400)
            person = Person(name=f"Person {i}", age_when_received=10 + i % 15)
            submission = Submission(reference=new_reference(), kind="complaint", language="en",
                                    submitted_at=utcnow(), received_on=received, who_is_telling="young_person",
                                    young_person=person, answers={"what_happened": "x" * 400},
                                    status="new" if i % 10 == 0 else "triaged")
            db.session.add_all([person, submission])
            if submission.status == "triaged":
                case = Case(reference=submission.reference, submission=submission, kind="complaint",
                            team=teams[i % len(teams)], young_person=person)
                case.store_procedure(apply(ProcedureState.submitted(received), Triage(on=received, route="statutory")))
                db.session.add(case)
            if i % 1000 == 999:
                db.session.commit()
        db.session.commit()
        print(f"filled {args.cases} submissions in {time.perf_counter() - start:.1f} s on {url.split(':')[0]}")
        officer_id = officer.get_id()

    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = officer_id
        session["_fresh"] = True
    for path in ["/", "/staff/", "/staff/submissions", "/staff/submissions?language=en&age=14-15"]:
        client.get(path)
        timings = []
        for _ in range(args.repeat):
            begin = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{path:45} median {statistics.median(timings):7.1f} ms  p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
