"""Every table of the annual report against figures computed here, independently, from a small data
set built by hand (REPORT.md's rules written out again in plain Python). Runs on SQLite and, with
TEST_DATABASE_URL pointing there, on PostgreSQL."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, insert, update

from portal.models import (
    Area,
    Case,
    CaseCategory,
    Category,
    CorrectiveAction,
    CorrectiveActionType,
    MemberEnquiry,
    OmbudsmanEnquiry,
    Person,
    ResolutionCategory,
    Stage2Request,
    Team,
)
from portal.models.enquiries import member_enquiry_cases
from portal.procedure import working_days_between
from portal.reports import annual
from portal.reports.common import FinancialYear

YEAR = FinancialYear(2030)
LAST = YEAR.previous
ROUTES = ["statutory", "statutory", "statutory", "not_children_act", None, "safeguarding", "duplicate", "informal"]
KINDS = ["complaint"] * 8 + ["wishes_and_feelings", "mp_enquiry", "councillor_enquiry", "advocacy_request"]


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def build(conn, seed: int = 7, n: int = 260) -> list[dict]:
    """Insert ``n`` cases (and their people, categories, actions, Ombudsman enquiries); return plain
    dicts describing them for the expected figures."""
    rng = random.Random(seed)
    tag = uuid.uuid4().hex[:6]
    areas = [{"id": uuid.uuid4(), "name": f"Area {x} {tag}"} for x in "ABC"]
    teams = [{"id": uuid.uuid4(), "name": f"Team {x} {tag}", "area_id": areas[i % 3]["id"], "active": True}
             for i, x in enumerate("PQRS")]
    categories = [{"id": uuid.uuid4(), "name": f"Category {x} {tag}", "active": True} for x in "KLM"]
    resolutions = [{"id": uuid.uuid4(), "name": f"Resolution {x} {tag}", "active": True} for x in "XY"]
    types = [{"id": uuid.uuid4(), "name": f"Action {x} {tag}", "active": True} for x in "UVW"]
    conn.execute(insert(Area.__table__), areas)
    conn.execute(insert(Team.__table__), teams)
    conn.execute(insert(Category.__table__), categories)
    conn.execute(insert(ResolutionCategory.__table__), resolutions)
    conn.execute(insert(CorrectiveActionType.__table__), types)
    area_name = {a["id"]: a["name"] for a in areas}
    specs = []
    for i in range(n):
        received = _day(rng, date(2026, 4, 1), date(2031, 3, 31)) if i % 5 == 0 else \
            _day(rng, LAST.start - timedelta(days=20), YEAR.end + timedelta(days=20))
        team = rng.choice(teams + [None])
        own_area = rng.choice([None, None, areas[2]["id"]])
        young = rng.choice([True, False, None])
        age = rng.choice([None, 5, 10, 11, 13, 14, 15, 16, 17, 18, 21])
        responded = received + timedelta(days=rng.randrange(0, 45)) if rng.random() < 0.7 else None
        stage2 = received + timedelta(days=rng.randrange(30, 400)) if rng.random() < 0.3 else None
        # Referred back after a first response: the first is kept apart, the latest is the fuller one.
        first = (received + timedelta(days=rng.randrange(0, 25))
                 if responded and responded > received + timedelta(days=25) and rng.random() < 0.5 else None)
        # Requests kept as rows (the portal's own, decision 0017): a referred-back request and a second
        # one, each answered by its own row, or (None) as the case's columns say.
        requests = ([(stage2 - timedelta(days=rng.randrange(1, 60)), "referred_back"),
                     (stage2, rng.choice(["investigation", "mediation", "not_progressed", None]))]
                    if stage2 and rng.random() < 0.4 else [])
        spec = {
            "id": uuid.uuid4(), "reference": f"T{i:05d}{tag}"[:16], "kind": rng.choice(KINDS),
            "route": rng.choice(ROUTES), "received_on": received, "from_young_person": young,
            "team_id": team["id"] if team else None, "area_id": own_area,
            "area": area_name.get(own_area or (team["area_id"] if team else None)),
            "team": team["name"] if team else None,
            "category": rng.choice(categories + [None]), "resolution": rng.choice(resolutions + [None]),
            "advocacy_given": rng.choice(["independent", "crs", "own_choice", "none", None]),
            "service_type": rng.choice(["looked_after", "care_leaver", "residential", None]),
            "age": age, "gender": rng.choice(["female", "male", "other", "not_known", None]),
            "ethnicity": rng.choice(["WBRI", "ABAN", "BCRB", None]), "uas": rng.choice([True, False, None]),
            "stage1_responded": responded, "stage1_first_responded": first,
            "requests": requests,
            "stage1_outcome": rng.choice(["upheld", "partly_upheld", "not_upheld", "not_applicable", None]),
            "stage1_learning": rng.choice([True, False, None]),
            "stage2_requested": stage2,
            "stage2_method": (rng.choice(["investigation", "management_review", "mediation", None, None])
                              if stage2 else None),
            "stage2_answer": rng.choice(["not_progressed", "referred_back", None]) if stage2 else None,
            # The portal's own stage 2 decision (portal.casework.stage2.decide_stage2), beside the
            # imported answer: the oracle reads both, in REPORT.md's order.
            "stage2_decision": (rng.choice([None, "alternative_route", "withdrawn", "referred_back"])
                                if stage2 else None),
            "stage2_late_accepted": rng.choice([None, None, False]) if stage2 else None,
            "ended_on": stage2 + timedelta(days=3) if stage2 and rng.random() < 0.2 else None,
            "stage3_requested": stage2 + timedelta(days=60) if stage2 and rng.random() < 0.3 else None,
            "known_complainant": rng.choice([True, False, None]),
            "actions": rng.sample(types, rng.randrange(0, 3)),
            "action_stage": rng.choice([1, 2, 3]),
            "lgo": [(_day(rng, date(2025, 4, 1), date(2031, 5, 1)), rng.choice([True, False, None]),
                     rng.random() < 0.2) for _ in range(rng.choice([0, 0, 0, 1, 2]))],
        }
        specs.append(spec)
    now = datetime.now(UTC)
    people, case_rows, links, actions, lgo, requests = [], [], [], [], [], []
    for s in specs:
        young_person = {"id": uuid.uuid4(), "age_when_received": s["age"], "gender": s["gender"],
                        "uas_child": s["uas"], "ethnicity": s["ethnicity"] if s["from_young_person"] else None,
                        "created_at": now, "is_demo": False}
        complainant = young_person if s["from_young_person"] else {
            "id": uuid.uuid4(), "age_when_received": None, "gender": None, "uas_child": None,
            "ethnicity": s["ethnicity"], "created_at": now, "is_demo": False}
        people.extend([young_person] if complainant is young_person else [young_person, complainant])
        case_rows.append({
            "id": s["id"], "reference": s["reference"], "kind": s["kind"], "channel": "web", "status": "closed",
            "route": s["route"], "received_on": s["received_on"], "from_young_person": s["from_young_person"],
            "team_id": s["team_id"], "area_id": s["area_id"], "young_person_id": young_person["id"],
            "complainant_id": complainant["id"], "advocacy_given": s["advocacy_given"],
            "service_type": s["service_type"], "stage1_responded": s["stage1_responded"],
            "stage1_first_responded": s["stage1_first_responded"],
            "stage1_outcome": s["stage1_outcome"], "stage1_learning": s["stage1_learning"],
            "resolution_id": s["resolution"]["id"] if s["resolution"] else None,
            "stage2_requested": s["stage2_requested"], "stage2_method": s["stage2_method"],
            "stage2_answer": s["stage2_answer"], "stage2_late_accepted": s["stage2_late_accepted"],
            "stage2_decision": s["stage2_decision"],
            "ended_on": s["ended_on"], "stage3_requested": s["stage3_requested"],
            "known_complainant": s["known_complainant"], "created_at": now,
        })
        if s["category"]:
            other = next(c for c in categories if c is not s["category"])
            links += [{"case_id": s["id"], "category_id": s["category"]["id"], "is_main": True},
                      {"case_id": s["id"], "category_id": other["id"], "is_main": False}]
        for t in s["actions"]:
            actions.append({"id": uuid.uuid4(), "case_id": s["id"], "stage": s["action_stage"],
                            "action_type_id": t["id"], "description": "d", "owner": "o",
                            "due_on": s["received_on"], "created_at": now})
        for requested, answered in s["requests"]:
            requests.append({"id": uuid.uuid4(), "case_id": s["id"], "requested_on": requested, "late": False,
                             "answer": answered, "created_at": now})
        for enquired, investigated, public in s["lgo"]:
            lgo.append({"id": uuid.uuid4(), "case_id": s["id"], "enquired_on": enquired,
                        "investigated": investigated, "public_report": public, "created_at": now})
    conn.execute(insert(Person.__table__), people)
    conn.execute(insert(Case.__table__), case_rows)
    conn.execute(insert(CaseCategory.__table__), links)
    conn.execute(insert(CorrectiveAction.__table__), actions)
    conn.execute(insert(OmbudsmanEnquiry.__table__), lgo)
    if requests:
        conn.execute(insert(Stage2Request.__table__), requests)
    return specs


# --- the rules, written out again -------------------------------------------------------------------

def which(day: date | None) -> str | None:
    if day is None:
        return None
    if YEAR.start <= day <= YEAR.end:
        return "this"
    if LAST.start <= day <= LAST.end:
        return "last"
    return None


def recorded(s: dict) -> bool:
    return s["kind"] == "complaint" and s["route"] in ("statutory", "not_children_act", None)


def young(s: dict) -> bool:
    return recorded(s) and s["from_young_person"] is True


def pair_of(specs, keep) -> dict:
    c = Counter(which(s["received_on"]) for s in specs if keep(s))
    return {"this_year": c["this"], "last_year": c["last"]}


def list_of(specs, keep, label) -> list[dict]:
    c: Counter = Counter()
    for s in specs:
        w = which(s["received_on"])
        if w and keep(s):
            value = label(s)
            c[("not_recorded" if value is None else value, w)] += 1
    labels = {k[0] for k in c}
    rows = [{"label": x, "this_year": c[(x, "this")], "last_year": c[(x, "last")]} for x in labels]
    return sorted(rows, key=lambda r: (-r["this_year"], r["label"]))


def band(age):
    if age is None:
        return "not_known"
    return "0-10" if age <= 10 else "11-13" if age <= 13 else "14-15" if age <= 15 else "16-17" if age <= 17 else "18+"


def answer(s):
    if s["stage2_method"]:
        return s["stage2_method"]
    if s["stage2_answer"]:
        return s["stage2_answer"]
    if s["stage2_decision"] in ("alternative_route", "withdrawn"):  # answered, but not progressed
        return "not_progressed"
    if s["stage2_decision"] == "referred_back":
        return "referred_back"
    if s["stage2_late_accepted"] is False or s["ended_on"]:
        return "not_progressed"
    return "awaiting"


def timeliness(specs, w):
    def figures(items):
        # To the first stage 1 response: a fuller one after a referral back does not replace it.
        days = [working_days_between(s["received_on"], s["stage1_first_responded"] or s["stage1_responded"])
                for s in items]
        n = len(days)
        return {"responded": n, "within_10": sum(d <= 10 for d in days) / n if n else None,
                "within_20": sum(d <= 20 for d in days) / n if n else None,
                "average_days": sum(days) / n if n else None}
    base = [s for s in specs if recorded(s) and which(s["received_on"]) == w and s["stage1_responded"]]
    return {"all": figures(base), "young_people": figures([s for s in base if s["from_young_person"] is True])}


def expected(specs) -> dict:
    t = {
        "t1_recorded": pair_of(specs, recorded),
        "not_children_act": pair_of(specs, lambda s: recorded(s) and s["route"] == "not_children_act"),
        "t2_area": list_of(specs, recorded, lambda s: s["area"]),
        "t3_team": list_of(specs, recorded, lambda s: s["team"]),
        "t4_category": list_of(specs, recorded, lambda s: s["category"]["name"] if s["category"] else None),
        "t5_advocacy": list_of(specs, young, lambda s: s["advocacy_given"]),
        "t6_age": list_of(specs, young, lambda s: band(s["age"])),
        "t7_gender": list_of(specs, young, lambda s: s["gender"] or "not_known"),
        "t8_service_type": list_of(specs, young, lambda s: s["service_type"]),
        "ethnicity": list_of(specs, recorded, lambda s: s["ethnicity"]),
        "uas_children": pair_of(specs, lambda s: young(s) and s["uas"] is True),
        "young_people_contacts": pair_of(
            specs, lambda s: (s["kind"] == "wishes_and_feelings" or (s["kind"] == "complaint"
                                                                     and s["route"] == "informal"))
            and s["from_young_person"] is True),
        "t9_timeliness": {**timeliness(specs, "this"), "last_year": timeliness(specs, "last")},
        "t10_outcome": list_of(specs, recorded, lambda s: s["stage1_outcome"] or "unknown"),
        "t11_resolution": list_of(specs, recorded, lambda s: s["resolution"]["name"] if s["resolution"] else None),
    }
    esc = {}
    for w, key in (("this", "this_year"), ("last", "last_year")):
        # Every request: a case's kept requests each in its own year with its own answer (or the case's,
        # until one is recorded on it); a case without kept requests by its own columns.
        answers = Counter(answer(s) for s in specs if s["kind"] == "complaint" and not s["requests"]
                          and which(s["stage2_requested"]) == w)
        answers.update(answered or answer(s) for s in specs if s["kind"] == "complaint"
                       for requested, answered in s["requests"] if which(requested) == w)
        esc[key] = {"requests": sum(answers.values()), **{a: answers[a] for a in (
            "investigation", "management_review", "mediation", "not_progressed", "referred_back", "awaiting")},
            "stage3": sum(1 for s in specs if s["kind"] == "complaint" and which(s["stage3_requested"]) == w)}
    t["t12_escalation"] = esc
    om = []
    for back in range(4, -1, -1):
        y = FinancialYear(YEAR.first - back)
        # Each case once, in the year of its first enquiry; investigated or reported on any enquiry.
        cases_then = [s for s in specs if s["lgo"] and y.start <= min(e[0] for e in s["lgo"]) <= y.end]
        om.append({"year": y.label, "enquiries": len(cases_then),
                   "investigations": sum(any(e[1] is True for e in s["lgo"]) for s in cases_then),
                   "public_reports": sum(any(e[2] for e in s["lgo"]) for s in cases_then)})
    t["t13_ombudsman"] = om
    actions = {}
    for w, key in (("this", "this_year"), ("last", "last_year")):
        group = [s for s in specs if recorded(s) and which(s["received_on"]) == w]
        kinds = Counter(a["name"] for s in group if s["action_stage"] >= 2 for a in s["actions"])
        actions[key] = {"with_actions": sum(s["stage1_learning"] is True for s in group),
                        "explicitly_none": sum(s["stage1_learning"] is False for s in group),
                        "not_recorded": sum(s["stage1_learning"] is None for s in group),
                        "action_types": sorted(({"label": k, "count": v} for k, v in kinds.items()),
                                               key=lambda r: (-r["count"], r["label"]))}
    t["t14_corrective_actions"] = actions
    enquiries = [s for s in specs
                 if s["kind"] in ("mp_enquiry", "councillor_enquiry") and which(s["received_on"]) == "this"]
    months = Counter(f"{s['received_on'].year}-{s['received_on'].month:02d}" for s in enquiries)
    keys = [f"{2030 + (m > 12)}-{(m - 1) % 12 + 1:02d}" for m in range(4, 16)]
    last_enquiries = [s for s in specs
                      if s["kind"] in ("mp_enquiry", "councillor_enquiry") and which(s["received_on"]) == "last"]
    t["enquiries"] = {"total": len(enquiries), "last_year_total": len(last_enquiries),
                      "known_complainants": sum(s["known_complainant"] is True for s in enquiries),
                      "by_month": [{"month": key, "count": months[key]} for key in keys]}
    # The advocacy tables read the advocacy service's own records, which this data set has none of
    # (tests/unit/test_reports_advocacy.py counts them from hand-built records).
    t["advocacy_requests"] = t["advocacy_outcomes"] = t["helpline_contacts"] = []
    return t


@pytest.mark.parametrize("seed", [7, 11])
def test_every_table_matches_figures_counted_by_hand(conn, seed):
    specs = build(conn, seed)
    report = annual.compute(conn, YEAR)
    want = expected(specs)
    assert report["year"] == "2030-31"
    assert set(report["tables"]) == set(want)
    for key, value in want.items():
        got = report["tables"][key]
        if key == "t9_timeliness":
            for part in ("all", "young_people"):
                for w_got, w_want in ((got[part], value[part]), (got["last_year"][part], value["last_year"][part])):
                    assert w_got["responded"] == w_want["responded"]
                    for figure in ("within_10", "within_20", "average_days"):
                        assert w_got[figure] == pytest.approx(w_want[figure]), (part, figure)
        else:
            assert got == value, key
    assert report["tables"]["t1_recorded"]["this_year"] > 10  # the data set really exercises the year


def test_an_empty_year_has_zero_counts_and_null_shares(conn):
    report = annual.compute(conn, FinancialYear(2039))
    tables = report["tables"]
    assert tables["t1_recorded"] == {"this_year": 0, "last_year": 0}
    assert tables["t2_area"] == []
    assert tables["t9_timeliness"]["all"] == {"responded": 0, "within_10": None, "within_20": None,
                                              "average_days": None}
    assert [row["year"] for row in tables["t13_ombudsman"]] == [
        "2035-36", "2036-37", "2037-38", "2038-39", "2039-40"]
    assert len(tables["enquiries"]["by_month"]) == 12


def test_the_year_boundary_is_1_april(conn):
    now = datetime.now(UTC)
    rows = [{"id": uuid.uuid4(), "reference": f"B{i}{uuid.uuid4().hex[:8]}", "kind": "complaint", "channel": "web",
             "status": "stage1", "route": "statutory", "received_on": day, "created_at": now}
            for i, day in enumerate([date(2030, 3, 31), date(2030, 4, 1), date(2031, 3, 31), date(2031, 4, 1)])]
    conn.execute(insert(Case.__table__), rows)
    assert annual.compute(conn, YEAR)["tables"]["t1_recorded"] == {"this_year": 2, "last_year": 1}


class _Recording:
    """A connection that remembers what ``build`` inserted, so committed test data can be removed."""

    def __init__(self, conn):
        self.conn = conn
        self.inserted: list[tuple] = []

    def execute(self, statement, rows=None):
        self.inserted.append((statement.table, rows))
        return self.conn.execute(statement, rows)


def test_counting_last_year_on_a_second_connection_gives_the_same_report(report_engine):
    # The second connection sees only committed records: commit a data set, compare, then remove it.
    recording = _Recording(report_engine.connect())
    try:
        with recording.conn.begin():
            specs = build(recording, seed=13)
        with report_engine.connect().execution_options(deferred_begin=True) as conn:
            one = annual.compute(conn, YEAR)
        with report_engine.connect().execution_options(deferred_begin=True) as conn:
            apart = annual.compute(conn, YEAR, apart=True)
        assert apart == one
        assert apart["tables"]["t1_recorded"] == expected(specs)["t1_recorded"]
        assert apart["tables"]["t4_category"] == expected(specs)["t4_category"]
    finally:
        with recording.conn.begin():
            for table, rows in reversed(recording.inserted):
                key = table.c.id if "id" in table.c else table.c.case_id
                recording.conn.execute(delete(table).where(key.in_([row[key.name] for row in rows])))
        recording.conn.close()


def test_enquiries_recorded_in_the_portal_count_beside_imported_ones(conn):
    now = datetime.now(UTC)
    year = FinancialYear(2033)
    enquiries = MemberEnquiry.__table__

    def case_row(kind, received, **more):
        row = {"id": uuid.uuid4(), "reference": f"Q{uuid.uuid4().hex[:12]}", "kind": kind, "channel": "web",
               "status": "closed", "route": "statutory", "received_on": received, "created_at": now,
               "known_complainant": None}  # every row the same keys: one INSERT for all
        return {**row, **more}

    earlier = case_row("complaint", date(2033, 5, 1))
    later = case_row("complaint", date(2034, 2, 1))
    wishes = case_row("wishes_and_feelings", date(2033, 4, 2))
    imported = [case_row("mp_enquiry", date(2033, 6, 9), known_complainant=True),
                case_row("councillor_enquiry", date(2034, 3, 31), known_complainant=False),
                case_row("mp_enquiry", date(2033, 3, 31), known_complainant=True)]  # last year
    conn.execute(insert(Case.__table__), [earlier, later, wishes, *imported])

    def enquiry(received, *linked):
        row = {"id": uuid.uuid4(), "member_name": "M", "member_kind": "mp", "received_on": received,
               "person_name": "P", "due_on": received + timedelta(days=14), "is_demo": False, "created_at": now}
        conn.execute(insert(enquiries), [row])
        for linked_case in linked:
            conn.execute(insert(member_enquiry_cases), [{"enquiry_id": row["id"], "case_id": linked_case["id"]}])

    enquiry(date(2033, 6, 1), earlier)          # known: a complaint received before it
    enquiry(date(2033, 6, 20), later)           # not known yet: the complaint came after
    enquiry(date(2033, 6, 21), wishes)          # not known: wishes and feelings are no complaint
    enquiry(date(2033, 6, 22))                  # not linked at all
    enquiry(date(2032, 12, 1))                  # last year
    table = annual.compute(conn, year)["tables"]["enquiries"]
    assert table["total"] == 4 + 2
    assert table["known_complainants"] == 1 + 1
    assert table["last_year_total"] == 1 + 1
    months = {row["month"]: row["count"] for row in table["by_month"]}
    assert months["2033-06"] == 5 and months["2034-03"] == 1 and sum(months.values()) == 6


def test_one_main_category_per_case_is_enforced_by_the_database(conn):
    from sqlalchemy.exc import IntegrityError

    now = datetime.now(UTC)
    case_id = uuid.uuid4()
    conn.execute(insert(Case.__table__), [{"id": case_id, "reference": f"M{uuid.uuid4().hex[:10]}",
                                           "kind": "complaint", "channel": "web", "status": "stage1",
                                           "route": "statutory", "received_on": date(2030, 6, 1), "created_at": now}])
    first, second, third = ({"id": uuid.uuid4(), "name": f"Main {uuid.uuid4().hex[:6]}", "active": True}
                            for _ in range(3))
    conn.execute(insert(Category.__table__), [first, second, third])
    conn.execute(insert(CaseCategory.__table__), [{"case_id": case_id, "category_id": first["id"], "is_main": True}])
    conn.execute(insert(CaseCategory.__table__), [{"case_id": case_id, "category_id": second["id"], "is_main": False}])
    nested = conn.begin_nested()
    with pytest.raises(IntegrityError):
        conn.execute(insert(CaseCategory.__table__),
                     [{"case_id": case_id, "category_id": third["id"], "is_main": True}])
    nested.rollback()
    nested = conn.begin_nested()
    with pytest.raises(IntegrityError):  # nor by marking a second one main
        conn.execute(update(CaseCategory.__table__).where(CaseCategory.__table__.c.category_id == second["id"])
                     .values(is_main=True))
    nested.rollback()
