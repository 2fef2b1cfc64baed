"""Demo history: six past financial years of cases in the import format (IMPORT.md), generated the same
way every time and fed through the importer, so the annual report shows every table with last year
beside this year and the Ombudsman table its five years.

The volumes and shares follow the 2015-16 reference report (about 300 complaints a year, 9% from young
people, 42% answered within 10 working days, Referral Assessment and Intervention and Child Protection
the teams most complained about), varied a little from year to year.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from typing import Any

from portal.procedure import add_working_days
from portal.reports.common import FinancialYear

YEARS = 6
TEAMS = [  # (team, weight)
    ("Referral Assessment and Intervention", 36), ("Child Protection and Court Proceedings", 32),
    ("Looked After Children", 10), ("Care Leavers", 9), ("Adoption and Permanency", 4),
    ("Children with Disabilities", 5), ("Unaccompanied Asylum Seeking Children", 4),
]
CATEGORIES = [("Quality of Service", 38), ("Communication and Consultation", 22), ("Decision Making", 15),
              ("Staff Conduct", 8), ("Delay", 7), ("Policy and Procedure", 4), ("Finance", 3), ("Placement", 2),
              ("Contact with Family", 1)]
RESOLUTIONS = [("Explanation", 45), ("Apology", 20), ("Action Taken", 12), ("Information Provided", 10),
               ("Change of Decision", 5), ("No Further Action", 8)]
ETHNICITY = [("WBRI", 63), ("WOTH", 6), ("MWBC", 3), ("AIND", 3), ("APKN", 3), ("ABAN", 1), ("BCRB", 2),
             ("BAFR", 3), ("CHNE", 1), ("OOTH", 2), ("REFU", 3), ("NOBT", 10)]
SERVICE_TYPES = [("looked_after", 45), ("care_leaver", 36), ("referral_hub", 8), ("residential", 4),
                 ("child_protection", 4), ("child_in_need", 3)]
ADVOCACY = [("none", 64), ("independent", 20), ("crs", 12), ("own_choice", 4)]
STAGE2 = [("not_progressed", 41), ("investigation", 28), ("management_review", 17), ("mediation", 9),
          ("referred_back", 5)]
ACTION_TYPES = ["Service/Team Briefing", "Service/Team Briefing", "Apology", "Training", "Practice Change",
                "Policy or Procedure Review", "Improved Communication"]
COLUMNS = ("reference", "received", "kind", "route", "channel", "from_young_person", "age", "gender", "ethnicity",
           "uas_child", "area", "team", "service_type", "category", "advocacy", "stage1_due_extended",
           "stage1_responded", "stage1_outcome", "resolution", "corrective_action", "stage2_requested",
           "stage2_route", "stage2_responded", "stage2_outcome", "stage3_requested", "stage3_panel", "lgo_enquiry",
           "lgo_investigated", "lgo_public_report", "corrective_actions_stage2", "known_complainant")


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def _day(rng: random.Random, fy: FinancialYear) -> date:
    return fy.start + timedelta(days=rng.randrange((fy.end - fy.start).days + 1))


def _iso(day: date | None, today: date) -> str:
    return day.isoformat() if day is not None and day <= today else ""


def _complaint(rng: random.Random, fy: FinancialYear, number: int, today: date) -> dict[str, Any]:
    received = _day(rng, fy)
    route = _pick(rng, [("statutory", 75), ("not_children_act", 17), ("safeguarding", 4), ("duplicate", 2),
                        ("informal", 2)])
    young = rng.random() < 0.09
    row: dict[str, Any] = {
        "reference": f"CFD-{fy.first}-{number:04d}", "received": received.isoformat(), "kind": "complaint",
        "route": route, "channel": _pick(rng, [("email", 40), ("phone", 25), ("web", 20), ("letter", 10),
                                                ("in_person", 5)]),
        "from_young_person": "Y" if young else "N", "ethnicity": _pick(rng, ETHNICITY) if rng.random() < 0.9 else "",
        "team": _pick(rng, TEAMS), "category": _pick(rng, CATEGORIES),
    }
    if young:
        row.update(age=str(rng.choice([9, 12, 13, 14, 15, 15, 16, 16, 17, 17, 17, 18, 19])),
                   gender=_pick(rng, [("female", 52), ("male", 44), ("other", 2), ("not_known", 2)]),
                   uas_child="Y" if rng.random() < 0.2 else "N", service_type=_pick(rng, SERVICE_TYPES),
                   advocacy=_pick(rng, ADVOCACY))
    if route not in ("statutory", "not_children_act"):
        return row
    if route == "not_children_act":
        row.update(stage1_outcome="not_applicable", corrective_action="N")
        return row
    # Every statutory complaint of a past year was answered (an open one would sit on today's staff lists);
    # "unknown" outcomes are answers whose outcome was never recorded, as in the reference report.
    days = rng.choice([3, 5, 7, 8, 9, 10, 10, 12, 14, 16, 18, 19, 20, 24, 30, 40, 55])
    responded = add_working_days(received, days)
    if responded <= today:
        extended = days > 10 and rng.random() < 0.5
        row.update(stage1_responded=responded.isoformat(), stage1_due_extended="Y" if extended else "N",
                   stage1_outcome=_pick(rng, [("not_upheld", 37), ("partly_upheld", 29), ("upheld", 14),
                                              ("not_applicable", 12)]) if rng.random() < 0.91 else "",
                   resolution=_pick(rng, RESOLUTIONS),
                   corrective_action=_pick(rng, [("Y", 40), ("N", 52), ("", 8)]))
        if rng.random() < 0.16:
            _escalate(rng, row, responded, today)
    return row


def _escalate(rng: random.Random, row: dict[str, Any], responded: date, today: date) -> None:
    requested = add_working_days(responded, rng.randint(3, 20))
    if requested > today:
        return
    answer = _pick(rng, STAGE2)
    row.update(stage2_requested=requested.isoformat(), stage2_route=answer)
    if answer in ("investigation", "management_review", "mediation"):
        answered = add_working_days(requested, rng.randint(25, 65))
        if answered <= today:
            row.update(stage2_responded=answered.isoformat(),
                       stage2_outcome=_pick(rng, [("partly_upheld", 45), ("not_upheld", 35), ("upheld", 20)]),
                       corrective_actions_stage2=";".join(sorted(set(rng.sample(ACTION_TYPES, rng.randint(1, 2))))))
            if answer == "investigation" and rng.random() < 0.15:
                asked = add_working_days(answered, rng.randint(5, 20))
                panel = add_working_days(asked, rng.randint(15, 30))
                row.update(stage3_requested=_iso(asked, today), stage3_panel=_iso(panel, today))
            if rng.random() < 0.35:
                enquiry = answered + timedelta(days=rng.randint(30, 200))
                if enquiry <= today:
                    row.update(lgo_enquiry=enquiry.isoformat(), lgo_investigated="Y" if rng.random() < 0.15 else "N",
                               lgo_public_report="N")


def rows(today: date) -> list[dict[str, Any]]:
    current = FinancialYear.containing(today)
    out: list[dict[str, Any]] = []
    for back in range(YEARS, 0, -1):
        fy = FinancialYear(current.first - back)
        rng = random.Random(fy.first)
        number = 0
        for _ in range(rng.randint(290, 330)):
            number += 1
            out.append(_complaint(rng, fy, number, today))
        # Extra Ombudsman enquiries about earlier years' complaints, so each year has a handful.
        complaints = [r for r in out if r.get("stage1_responded") and not r.get("lgo_enquiry")
                      and r["received"] < fy.start.isoformat()]
        for row in rng.sample(complaints, min(len(complaints), rng.randint(5, 9))):
            row.update(lgo_enquiry=_day(rng, fy).isoformat(), lgo_investigated="Y" if rng.random() < 0.1 else "N",
                       lgo_public_report="Y" if rng.random() < 0.03 else "N")
        for kind, count in (("mp_enquiry", rng.randint(8, 40)), ("councillor_enquiry", rng.randint(6, 37)),
                            ("wishes_and_feelings", rng.randint(20, 55)), ("advocacy_request", rng.randint(10, 25))):
            for _ in range(count):
                number += 1
                enquiry = kind.endswith("enquiry")
                out.append({
                    "reference": f"CFD-{fy.first}-{number:04d}", "received": _day(rng, fy).isoformat(),
                    "kind": kind, "route": "enquiry" if enquiry else "informal",
                    "channel": "mp_cllr" if enquiry else _pick(rng, [("phone", 50), ("app", 25), ("web", 25)]),
                    "from_young_person": "N" if enquiry else "Y",
                    "known_complainant": ("Y" if rng.random() < 0.26 else "N") if enquiry else "",
                    "team": _pick(rng, TEAMS) if enquiry else "",
                })
    return out


def history_csv(today: date) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows(today):
        writer.writerow({column: row.get(column, "") for column in COLUMNS})
    return out.getvalue()


def load(today: date) -> str:
    """Import the demo history (marked as demo) through the importer; the caller's session commits."""
    from portal.casework import import_format
    from portal.db import db

    result = import_format.import_cases(db.session.connection(), history_csv(today), is_demo=True)
    if result.errors:  # never with generated rows; say so loudly rather than load half a history
        db.session.rollback()
        raise RuntimeError("Demo history did not import: " + "; ".join(str(e) for e in result.errors[:5]))
    db.session.commit()
    return f"History: {result.created} past cases over {YEARS} financial years imported (the annual report's " \
           "earlier years)."
