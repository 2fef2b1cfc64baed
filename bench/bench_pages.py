"""Server time for the busiest pages with many cases: the triage queue, the dashboard, the start page.

Builds its own database (SQLite file in a temporary folder, or TEST_DATABASE_URL, whose name must end
in "test"), fills it, and times requests through the test client, so the figure is the application's own
cost without a network. With ``--http`` the same pages are asked for over HTTP, one at a time, from the
portal under ``gunicorn -w 2`` in production settings (Redis for the rate limits), signed in with a
session cookie made with the server's key: what a member of staff waits for, less the network.
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

import pyotp

sys.path[:0] = [str(Path(__file__).resolve().parent.parent / "tests"), str(Path(__file__).resolve().parent.parent)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--http", action="store_true", help="over HTTP from gunicorn -w 2 (production settings)")
    parser.add_argument("--keep", metavar="FILE", help="SQLite: keep the filled database in FILE and reuse it")
    args = parser.parse_args()

    folder = tempfile.mkdtemp()
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{args.keep or folder + '/bench.sqlite3'}"
    os.environ["TEST_DATABASE_URL"] = url
    from portal_testing import TEST_PASSWORD, reset_database

    from portal import create_app
    from portal.auth import accounts
    from portal.config import TestConfig
    from portal.db import db
    from portal.intake.codes import new_reference
    from portal.models import Case, Person, Submission, Team
    from portal.procedure import ProcedureState, Triage, apply

    global CASE_STATE_COLUMNS
    from portal.models.cases import _STATE_COLUMN, _STATE_FIELDS
    CASE_STATE_COLUMNS = (*(_STATE_COLUMN.get(name, name) for name in _STATE_FIELDS), "due_on", "due_ordinal")

    reused = args.keep and Path(args.keep).exists()
    if not reused:
        reset_database(url)
    app = create_app(type("BenchConfig", (TestConfig,), {"DATABASE_URL": url, "WTF_CSRF_ENABLED": False}))
    with app.app_context():
        if reused:
            from portal.models import User

            found = {user.email.split("@")[0]: user.get_id() for user in db.session.query(User)}
            print(f"reusing {args.keep}")
            timed(app, found, args, url)
            return
        teams = [Team(name=f"Team {i}") for i in range(12)]
        db.session.add_all(teams)
        db.session.flush()
        team_ids = [team.id for team in teams]
        users = {
            role: accounts.create_user(email=f"{role}@example.gov.uk", name="Bench", roles={role},
                                       password=TEST_PASSWORD, totp_secret=pyotp.random_base32())
            for role in ("crs_officer", "complaints_manager")  # each its own authenticator key (issue 22)
        }
        db.session.commit()
        start = time.perf_counter()
        fill(args.cases, team_ids, Case, Person, Submission, ProcedureState, Triage, apply, new_reference)
        print(f"filled {args.cases} submissions in {time.perf_counter() - start:.1f} s on {url.split(':')[0]}")
        user_ids = {role: user.get_id() for role, user in users.items()}
    timed(app, user_ids, args, url)


def timed(app, user_ids: dict[str, str], args, url: str) -> None:  # noqa: ANN001
    if args.http:
        over_http(user_ids, args, url)
        return
    for role, user_id in user_ids.items():
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user_id
            session["_fresh"] = True
        paths = ["/staff/", "/staff/submissions", "/staff/submissions?language=en&age=14-15"]
        if role == "crs_officer":
            paths = ["/", *paths]
        print(f"as {role}:")
        for path in paths:
            client.get(path)
            timings = []
            for _ in range(args.repeat):
                begin = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - begin) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            timings.sort()
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            print(f"  {path:45} median {statistics.median(timings):7.1f} ms  p95 {p95:7.1f} ms")
        # A case's page and a submission's, recorded as read (portal.audit.note_read): the page as the
        # user waits for it, and apart, the record written after the last byte (the WSGI server's close).
        from sqlalchemy import select

        from portal.db import db
        from portal.models import Case

        with app.app_context():
            case_id, submission_id = db.session.execute(
                select(Case.id, Case.submission_id).order_by(Case.received_on.desc()).limit(1)).one()
        for path in (f"/staff/cases/{case_id}", f"/staff/submissions/{submission_id}"):
            client.get(path).close()
            page, after = [], []
            for _ in range(args.repeat):
                begin = time.perf_counter()
                response = client.get(path)
                built = time.perf_counter()
                response.close()
                page.append((built - begin) * 1000)
                after.append((time.perf_counter() - built) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            page.sort()
            after.sort()
            p95, close95 = (values[max(0, int(len(values) * 0.95) - 1)] for values in (page, after))
            print(f"  {path.split('/')[2] + ' page':45} median {statistics.median(page):7.1f} ms  p95 {p95:7.1f} ms"
                  f"  (read recorded after it: median {statistics.median(after):5.1f} ms, p95 {close95:5.1f} ms)")


def over_http(user_ids: dict[str, str], args, url: str) -> None:  # noqa: ANN001
    """Each page asked for ``args.repeat`` times, one at a time, from gunicorn -w 2; p50 / p95 / max."""
    import urllib.request

    from compare import BENCH_SECRET_KEY, Server, production_env
    from flask import Flask

    key = BENCH_SECRET_KEY
    env = production_env(url)
    signer = Flask("bench")
    signer.secret_key = key
    serializer = signer.session_interface.get_signing_serializer(signer)
    server = Server("wsgi:app", 5611, env, Path(tempfile.mkdtemp()), "portal-pages")
    try:
        for role, user_id in user_ids.items():
            cookie = serializer.dumps({"_user_id": user_id, "_fresh": True, "_permanent": True})
            print(f"as {role} over HTTP ({'load {:.2f} {:.2f} {:.2f}'.format(*os.getloadavg())}):")
            for path in ["/staff/", "/staff/submissions"]:
                timings = []
                for number in range(args.repeat + 3):
                    request = urllib.request.Request(server.base + path, headers={"Cookie": f"crs_session={cookie}"})
                    begin = time.perf_counter()
                    with urllib.request.urlopen(request) as response:  # noqa: S310 - loopback
                        response.read()
                        assert response.status == 200 and response.url.endswith(path), (path, response.url)
                    if number >= 3:  # the first three warm the workers
                        timings.append((time.perf_counter() - begin) * 1000)
                timings.sort()
                p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
                print(f"  {path:45} median {statistics.median(timings):7.1f} ms  p95 {p95:7.1f} ms  "
                      f"max {timings[-1]:7.1f} ms (target p95 < 50 ms)")
    finally:
        server.stop()


def fill(count, team_ids, Case, Person, Submission, ProcedureState, Triage, apply, new_reference):  # noqa: N803
    """``count`` submissions over ten years: a third of the last three weeks' still waiting for triage,
    the rest triaged into cases (the last three months open at every point of stage 1, the older ones
    answered and closed), written with bulk inserts in batches, not through the web layer."""
    import uuid
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from portal.db import db
    from portal.procedure import Close, ExtendStage1, RespondStage1

    today = date.today()
    states: dict[tuple[date, int], ProcedureState] = {}

    def state_for(received: date, variant: int):
        key = (received, variant)
        if key not in states:
            state = apply(ProcedureState.submitted(received), Triage(on=received, route="statutory"))
            try:
                if received < today - timedelta(days=90):
                    # An older complaint, answered and closed, as most of a service's history is.
                    state = apply(state, RespondStage1(on=received + timedelta(days=14), outcome="upheld"),
                                  today=today)
                    state = apply(state, Close(on=received + timedelta(days=60)), today=today)
                elif variant == 1:
                    state = apply(state, ExtendStage1(on=received + timedelta(days=3), reason="Complex"), today=today)
                elif variant == 2 and received + timedelta(days=10) < today:
                    state = apply(state, RespondStage1(on=received + timedelta(days=10), outcome="upheld"),
                                  today=today)
            except Exception:  # noqa: BLE001 - a variant that does not apply on that date stays plain
                pass
            holder = Case()
            holder.store_procedure(state)
            states[key] = {column: getattr(holder, column) for column in CASE_STATE_COLUMNS}
        return states[key]

    batch = 5000
    for first in range(0, count, batch):
        people, submissions, cases = [], [], []
        for i in range(first, min(count, first + batch)):
            # Ten years of history, the most recent submissions first (a tenth still waiting for triage).
            received = today - timedelta(days=(i * 3650) // max(count, 1))
            person_id, submission_id = uuid.uuid4(), uuid.uuid4()
            reference = new_reference()
            new = i % 3 == 0 and received > today - timedelta(days=21)  # the triage queue: recent only
            people.append({"id": person_id, "name": f"Person {i}", "age_when_received": 10 + i % 15})
            submissions.append({
                "id": submission_id, "reference": reference, "kind": "complaint", "channel": "web",
                "language": "en" if i % 7 else "ar", "submitted_at": datetime(received.year, received.month,
                                                                            received.day, 10, tzinfo=UTC),
                "received_on": received, "who_is_telling": "young_person", "young_person_id": person_id,
                "answers": {"what_happened": "x" * 400}, "status": "new" if new else "triaged",
            })
            if not new:
                cases.append({"id": uuid.uuid4(), "reference": reference, "submission_id": submission_id,
                              "kind": "complaint", "channel": "web", "team_id": team_ids[i % len(team_ids)],
                              "young_person_id": person_id, "complainant_id": person_id,
                              "from_young_person": True, **state_for(received, i % 3)})
        db.session.execute(insert(Person), people)
        db.session.execute(insert(Submission), submissions)
        if cases:
            db.session.execute(insert(Case), cases)
        db.session.commit()


CASE_STATE_COLUMNS = ()  # filled in main() once the models are imported

if __name__ == "__main__":
    main()
