"""The annual report for a year of 100,000 cases among a million, and the import of 100,000 rows.

Builds its own database (a SQLite file in a temporary folder, or TEST_DATABASE_URL, whose name must end
in "test"), imports --import-rows rows through `portal.casework.import_format` (timed: the import
format asks for 100,000 in under a minute), bulk-inserts the rest of --cases spread over ten financial years, then times
`portal.reports.annual.compute` for the busiest year (target: under 2 seconds).

    .venv/bin/python bench/bench_report.py                                  # SQLite
    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/x_test python bench/bench_report.py
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent / "tests"), str(Path(__file__).resolve().parent.parent)]

FIRST_YEAR = 2016
YEARS = 10
REPORT_YEAR = 2024  # ten years 2016-17 .. 2025-26; the report year and the one before are both full


def _import_csv(rows: int, rng: random.Random) -> str:
    from portal.casework.import_format import COLUMNS

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    start = date(FIRST_YEAR, 4, 1)
    for i in range(rows):
        received = start + timedelta(days=rng.randrange(365))
        responded = received + timedelta(days=rng.randrange(1, 50))
        writer.writerow({
            "reference": f"BENCH-{i:07d}", "received": received.isoformat(), "kind": "complaint",
            "route": rng.choice(["statutory", "statutory", "not_children_act", "safeguarding"]), "channel": "email",
            "from_young_person": rng.choice("YN"), "age": str(rng.randrange(8, 20)), "gender": "female",
            "ethnicity": rng.choice(["WBRI", "ABAN", "NOBT"]), "uas_child": "N", "area": "",
            "team": f"Team {rng.randrange(12)}", "service_type": "looked_after", "category": "Quality of Service",
            "advocacy": "none", "stage1_due_extended": "N", "stage1_responded": responded.isoformat(),
            "stage1_outcome": rng.choice(["upheld", "not_upheld", ""]), "resolution": "Explanation",
            "corrective_action": rng.choice("YN"),
        })
    return out.getvalue()


def _bulk(conn, total: int, rng: random.Random) -> None:
    """The rest of the million: Core inserts, each year 1/10th of the cases."""
    from sqlalchemy import select

    from portal.casework.import_format import bulk_insert
    from portal.models import (
        Case,
        CaseCategory,
        Category,
        CorrectiveAction,
        CorrectiveActionType,
        OmbudsmanEnquiry,
        Person,
        ResolutionCategory,
        Team,
    )

    teams = [row[0] for row in conn.execute(select(Team.id))]
    categories = [row[0] for row in conn.execute(select(Category.id))]
    resolutions = [row[0] for row in conn.execute(select(ResolutionCategory.id))]
    action_types = [row[0] for row in conn.execute(select(CorrectiveActionType.id))]
    now = datetime.now(UTC)
    per_year = total // (YEARS - 1)
    batch = 20_000
    made = 0
    for year in range(FIRST_YEAR + 1, FIRST_YEAR + YEARS):
        start = date(year, 4, 1)
        for offset in range(0, per_year, batch):
            people, cases, links, actions, lgo = [], [], [], [], []
            for _ in range(min(batch, per_year - offset)):
                received = start + timedelta(days=rng.randrange(365))
                young = rng.random() < 0.1
                person = uuid.uuid4()
                case_id = uuid.uuid4()
                people.append({"id": person, "age_when_received": rng.randrange(8, 20) if young else None,
                               "gender": rng.choice(["female", "male", None]), "uas_child": young and rng.random() < .2,
                               "ethnicity": rng.choice(["WBRI", "ABAN", "BCRB", None]), "created_at": now,
                               "is_demo": False})
                responded = received + timedelta(days=rng.randrange(1, 50)) if rng.random() < .9 else None
                stage2 = responded + timedelta(days=rng.randrange(5, 30)) if responded and rng.random() < .15 else None
                cases.append({
                    "id": case_id, "reference": uuid.uuid4().hex[:16], "kind": rng.choice(
                        ["complaint"] * 8 + ["wishes_and_feelings", "mp_enquiry"]),
                    "channel": "web", "status": "closed",
                    "route": rng.choice(["statutory", "statutory", "statutory", "not_children_act", "safeguarding",
                                         None]),
                    "received_on": received, "from_young_person": young, "team_id": rng.choice(teams),
                    "young_person_id": person, "complainant_id": person,
                    "advocacy_given": rng.choice(["none", "independent", "crs", None]),
                    "service_type": rng.choice(["looked_after", "care_leaver", None]),
                    "stage1_responded": responded,
                    "stage1_outcome": rng.choice(["upheld", "partly_upheld", "not_upheld", "not_applicable", None]),
                    "stage1_learning": rng.choice([True, False, None]), "resolution_id": rng.choice(resolutions),
                    "stage2_requested": stage2, "stage2_method": rng.choice(["investigation", "mediation", None])
                    if stage2 else None, "known_complainant": rng.random() < .2, "created_at": now,
                })
                links.append({"case_id": case_id, "category_id": rng.choice(categories), "is_main": True})
                if stage2:
                    actions.append({"id": uuid.uuid4(), "case_id": case_id, "stage": 2,
                                    "action_type_id": rng.choice(action_types), "description": "x", "owner": "x",
                                    "due_on": stage2, "created_at": now})
                    if rng.random() < .1:
                        lgo.append({"id": uuid.uuid4(), "case_id": case_id, "enquired_on": stage2 + timedelta(days=90),
                                    "investigated": rng.random() < .1, "public_report": False, "created_at": now})
            for model, values in ((Person, people), (Case, cases), (CaseCategory, links),
                                  (CorrectiveAction, actions), (OmbudsmanEnquiry, lgo)):
                bulk_insert(conn, model.__table__, values)
            made += len(cases)
            print(f"\r  {made:,} cases inserted", end="", flush=True)
    print()


def _build(url: str, args: argparse.Namespace) -> None:
    from portal_testing import reset_database
    from sqlalchemy import insert

    from portal.casework import import_format
    from portal.db import make_engine
    from portal.models import Team

    reset_database(url)
    engine = make_engine(url)
    rng = random.Random(1)
    with engine.begin() as conn:
        conn.execute(insert(Team.__table__), [{"id": uuid.uuid4(), "name": f"Team {i}", "active": True}
                                              for i in range(12)])
    data = _import_csv(args.import_rows, rng)
    with engine.begin() as conn:
        started = time.perf_counter()
        result = import_format.import_cases(conn, data)
        took = time.perf_counter() - started
    assert not result.errors, result.errors[:3]
    print(f"import: {result.created:,} rows in {took:.1f} s ({result.created / took:,.0f} rows/s)")
    with engine.begin() as conn:
        started = time.perf_counter()
        again = import_format.import_cases(conn, data)
        print(f"import again: {again.unchanged:,} unchanged, {again.created} created, "
              f"{time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    with engine.begin() as conn:
        _bulk(conn, args.cases - args.import_rows, rng)
    print(f"bulk insert: {time.perf_counter() - started:.0f} s")
    engine.dispose()


def _built(url: str, cases: int) -> bool:
    """The database holds a bench's cases already (a kept one)."""
    from sqlalchemy import text

    from portal.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM cases")).scalar_one() >= cases
    except Exception:  # noqa: BLE001 - no database or no schema yet: build it
        return False
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases in all")
    parser.add_argument("--import-rows", type=int, default=100_000, help="of which imported from CSV (timed)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--one-connection", dest="apart", action="store_false",
                        help="count both years on one connection (the default counts last year on a second)")
    parser.add_argument("--keep", metavar="FILE", help="keep the database (SQLite: in FILE; PostgreSQL: "
                        "TEST_DATABASE_URL's) and, when it holds the cases already, only time the report")
    parser.add_argument("--busy", action="store_true",
                        help="keep one core busy (a process spinning) while the report is timed, as a wrk run or "
                        "`make test` on the other core would")
    args = parser.parse_args()

    folder = tempfile.mkdtemp()
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{args.keep or folder + '/bench.sqlite3'}"
    from portal_testing import check_test_database
    from sqlalchemy import text

    from portal.db import make_engine
    from portal.reports import annual
    from portal.reports.common import FinancialYear

    check_test_database(url)
    if not (args.keep and _built(url, args.cases)):
        _build(url, args)
    engine = make_engine(url)
    print(f"database: {engine.dialect.name}")
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
        in_year = conn.execute(text("SELECT count(*) FROM cases WHERE received_on BETWEEN :a AND :b"),
                               {"a": date(REPORT_YEAR, 4, 1), "b": date(REPORT_YEAR + 1, 3, 31)}).scalar()
        total = conn.execute(text("SELECT count(*) FROM cases")).scalar()
    print(f"cases: {total:,} in all, {in_year:,} received in {FinancialYear(REPORT_YEAR).label}")
    runs, cpu = [], []
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy else None
    for _ in range(args.repeat):
        # As the staff page and `flask report annual` read it: a deferred (read) transaction.
        with engine.connect().execution_options(deferred_begin=True) as conn:
            started, started_cpu = time.perf_counter(), time.process_time()
            report = annual.compute(conn, REPORT_YEAR, apart=args.apart)
            runs.append(time.perf_counter() - started)
            # This process's CPU (every thread; SQLite works in-process): what the report costs whatever
            # the other sessions on the machine are doing. PostgreSQL's own CPU is not in it.
            cpu.append(time.process_time() - started_cpu)
    if busy is not None:
        busy.kill()
        busy.wait()
    print(f"annual report {report['year']}: min / median / max {min(runs):.2f} / {statistics.median(runs):.2f} / "
          f"{max(runs):.2f} s over {len(runs)} runs (target < 2 s, max too){' with one core kept busy' * args.busy}; "
          f"CPU of this process {min(cpu):.2f} / {statistics.median(cpu):.2f} / {max(cpu):.2f} s; "
          "load {:.2f} {:.2f} {:.2f}; t1_recorded {}".format(*os.getloadavg(), report['tables']['t1_recorded']))
    engine.dispose()


if __name__ == "__main__":
    main()
