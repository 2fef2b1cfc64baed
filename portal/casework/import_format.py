"""Case import and export in the format of IMPORT.md (migration from the old customer feedback database).

``check`` validates every row and lists every error (row, column, value, what is allowed) before
anything is written; ``import_cases`` then writes all or nothing in the caller's transaction, with bulk
inserts (100,000 rows well inside a minute). The reference is the key: a row whose case exists with the
same values changes nothing, one with different values is a conflict unless ``update`` is given (and
only imported cases may be updated: a case made in the portal is changed in the portal).

``export_rows`` writes the same format, so a file exported and imported again creates nothing new.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select

from portal.intake.codes import ALPHABET, group
from portal.models import (
    Area,
    AuditEvent,
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
from portal.procedure import ProcedureState, accepted_dates, date_accepted, uk_today, working_day_ordinal
from portal.procedure.vocabulary import Stage2Method
from portal.text import from_spreadsheet_cell, spreadsheet_cell

YN = ("Y", "N")
OUTCOMES = ("upheld", "partly_upheld", "not_upheld", "not_applicable")
ENUMS: dict[str, tuple[str, ...]] = {
    "kind": ("complaint", "wishes_and_feelings", "advocacy_request", "mp_enquiry", "councillor_enquiry"),
    "route": ("statutory", "safeguarding", "not_children_act", "informal", "enquiry", "duplicate"),
    "channel": ("web", "phone", "email", "letter", "in_person", "app", "mp_cllr"),
    "gender": ("female", "male", "other", "not_known"),
    "ethnicity": ("WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN",
                  "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"),
    "service_type": ("looked_after", "care_leaver", "child_in_need", "child_protection", "referral_hub",
                     "residential", "adoption", "other"),
    "advocacy": ("independent", "crs", "own_choice", "none"),
    "stage1_outcome": OUTCOMES,
    "stage2_route": ("investigation", "management_review", "mediation", "not_progressed", "referred_back"),
    "stage2_outcome": OUTCOMES,
}
BOOLEANS = ("from_young_person", "uas_child", "stage1_due_extended", "corrective_action", "lgo_investigated",
            "lgo_public_report", "known_complainant")
DATES = ("received", "stage1_responded", "stage2_requested", "stage2_responded", "stage3_requested",
         "stage3_panel", "lgo_enquiry")
FREE_TEXT = ("area", "team", "category", "resolution")
REQUIRED = ("reference", "received", "kind")
COLUMNS = ("reference", "received", "kind", "route", "channel", "from_young_person", "age", "gender", "ethnicity",
           "uas_child", "area", "team", "service_type", "category", "advocacy", "stage1_due_extended",
           "stage1_responded", "stage1_outcome", "resolution", "corrective_action", "stage2_requested",
           "stage2_route", "stage2_responded", "stage2_outcome", "stage3_requested", "stage3_panel", "lgo_enquiry",
           "lgo_investigated", "lgo_public_report", "corrective_actions_stage2", "known_complainant")
# Dates that cannot come before the date received.
LATER_DATES = DATES[1:]
CHUNK = 2000
IMPORTED_EXTENSION = "Extended to 20 working days in the old system (imported)."


@dataclass(frozen=True)
class RowError:
    row: int  # as a spreadsheet shows it: the header is row 1
    column: str
    value: str
    allowed: str

    def __str__(self) -> str:
        shown = f'"{self.value}"' if self.value else "(empty)"
        return f"Row {self.row}, column {self.column}: {shown}. {self.allowed}"


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    new_reference_values: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


# --- reading and checking ------------------------------------------------------------------------------


def _read(text: str, result: ImportResult) -> tuple[list[str], list[dict[str, str]]]:
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        result.errors.append(RowError(1, "(header)", "", "The file is empty: it needs a header row."))
        return [], []
    unknown = [name for name in header if name not in COLUMNS]
    for name in unknown:
        result.errors.append(RowError(1, name, name, f"Unknown column. The columns are: {', '.join(COLUMNS)}."))
    for name in REQUIRED:
        if name not in header:
            result.errors.append(RowError(1, name, "", "This column is required and missing from the header."))
    seen = set()
    for name in header:
        if name in seen:
            result.errors.append(RowError(1, name, name, "This column appears twice in the header."))
        seen.add(name)
    rows = []
    number = 1
    while True:
        number += 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            # A value longer than the CSV reader's limit (131,072 characters), or broken quoting: the
            # row is named and the rest of the file is not read (nothing is imported anyway).
            result.errors.append(RowError(number, "(row)", "", f"This row cannot be read as CSV ({error}). "
                                                               "Check its quotes and the length of its values."))
            break
        if not any(value.strip() for value in values):
            continue  # a blank line (Excel often leaves one at the end)
        if len(values) != len(header):
            result.errors.append(RowError(number, "(row)", "", f"This row has {len(values)} values; the header "
                                                               f"has {len(header)} columns."))
            continue
        # The apostrophe an export puts before text a spreadsheet would run (=, +, -, @, tab) is dropped:
        # the text is kept as text, and every export writes it neutralised again.
        row = {name: from_spreadsheet_cell(value.strip()).strip()
               for name, value in zip(header, values, strict=True) if name in COLUMNS}
        row["_row"] = str(number)
        rows.append(row)
    return header, rows


def _check_row(row: dict[str, str], action_types: dict[str, str], errors: list[RowError]) -> dict[str, Any]:
    """The row's values, typed; every problem appended to ``errors``."""
    number = int(row["_row"])
    out: dict[str, Any] = {}
    today = uk_today()

    def fail(column: str, allowed: str) -> None:
        errors.append(RowError(number, column, row.get(column, ""), allowed))

    reference = row.get("reference", "")
    if not reference:
        fail("reference", "A reference is required (the old system's case reference).")
    elif len(reference) > 60:
        fail("reference", "At most 60 characters.")
    out["reference"] = reference
    for column in DATES:
        value = row.get(column, "")
        if not value:
            out[column] = None
            if column in REQUIRED:
                fail(column, "A date is required, as YYYY-MM-DD.")
            continue
        try:
            out[column] = date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            out[column] = None
        if out[column] is None:
            fail(column, "A date as YYYY-MM-DD, for example 2015-04-01.")
        elif not date_accepted(out[column], today):
            first, last = accepted_dates(today)
            fail(column, f"A date from {first.isoformat()} to {last.isoformat()} (the dates the portal accepts).")
            out[column] = None
    for column, allowed in ENUMS.items():
        value = row.get(column, "")
        out[column] = value or None
        if value and value not in allowed:
            fail(column, f"One of: {', '.join(allowed)}" + ("." if column == "kind" else "; or empty."))
        elif not value and column in REQUIRED:
            fail(column, f"Required: one of {', '.join(allowed)}.")
    for column in BOOLEANS:
        value = row.get(column, "")
        out[column] = None if not value else value == "Y"
        if value and value not in YN:
            fail(column, "Y, N, or empty (not recorded).")
    age = row.get("age", "")
    out["age"] = None
    if age:
        if age.isdigit() and 0 <= int(age) <= 25:
            out["age"] = int(age)
        else:
            fail("age", "A whole number of years from 0 to 25, or empty.")
    for column in FREE_TEXT:
        value = " ".join(row.get(column, "").split())
        out[column] = value or None
        if len(value) > 160:
            fail(column, "At most 160 characters.")
    names = [" ".join(name.split()) for name in row.get("corrective_actions_stage2", "").split(";")]
    out["corrective_actions_stage2"] = []
    for name in filter(None, names):
        known = action_types.get(name.lower())
        if known is None:
            fail("corrective_actions_stage2", f'"{name}" is not a corrective action type. The types are: '
                                              f"{', '.join(sorted(action_types.values()))}.")
        elif known not in out["corrective_actions_stage2"]:
            out["corrective_actions_stage2"].append(known)
    received = out.get("received")
    if received:
        for column in LATER_DATES:
            if out.get(column) and out[column] < received:
                fail(column, f"This date is before the date received ({received.isoformat()}).")
    for needs, given in (("stage2_route", "stage2_requested"), ("stage2_responded", "stage2_requested"),
                         ("stage2_outcome", "stage2_responded"), ("stage3_panel", "stage3_requested"),
                         ("lgo_investigated", "lgo_enquiry"), ("lgo_public_report", "lgo_enquiry")):
        if out.get(needs) not in (None, False) and not out.get(given):
            fail(needs, f"Only with a {given} date: fill in {given} or leave this empty.")
    out["_row"] = number
    return out


# --- the canonical row (what a case says in the file format) -------------------------------------------


def _yn(value: bool | None) -> str:
    return "" if value is None else ("Y" if value else "N")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return _yn(value)
    return str(value)


def _comparable(row: dict[str, str]) -> dict[str, str]:
    """A file row as it can be compared with an export: reference lists and action types match
    case-insensitively; N and empty are the same for the two flags the portal stores as dates/defaults."""
    out = {name: row.get(name, "") for name in COLUMNS}
    for name in FREE_TEXT:
        out[name] = " ".join(out[name].split()).lower()
    out["corrective_actions_stage2"] = ";".join(sorted(
        {" ".join(n.split()).lower() for n in out["corrective_actions_stage2"].split(";") if n.strip()}))
    if out["stage1_due_extended"] == "N":
        out["stage1_due_extended"] = ""
    if out["lgo_public_report"] == "" and out["lgo_enquiry"]:
        out["lgo_public_report"] = "N"
    return out


def export_rows(conn: Any, case_ids: Iterable[uuid.UUID] | None = None) -> Iterator[dict[str, str]]:
    """Every case (or those given) as rows of the import format, in the order received."""
    ids = list(case_ids) if case_ids is not None else None
    if ids is not None:
        for start in range(0, len(ids), 500):
            yield from _export_chunk(conn, ids[start:start + 500])
        return
    cases = Case.__table__
    last: tuple[date, uuid.UUID] | None = None
    while True:
        query = select(cases.c.received_on, cases.c.id).order_by(cases.c.received_on, cases.c.id).limit(CHUNK)
        if last is not None:
            query = query.where(or_(cases.c.received_on > last[0],
                                    and_(cases.c.received_on == last[0], cases.c.id > last[1])))
        page = conn.execute(query).all()
        if not page:
            return
        last = (page[-1][0], page[-1][1])
        yield from _export_chunk(conn, [row[1] for row in page])


def _export_chunk(conn: Any, ids: list[uuid.UUID]) -> Iterator[dict[str, str]]:
    cases = Case.__table__
    teams = Team.__table__
    areas = Area.__table__
    young = Person.__table__.alias("young")
    complainant = Person.__table__.alias("complainant")
    resolutions = ResolutionCategory.__table__
    query = (
        select(cases, teams.c.name.label("team_name"), areas.c.name.label("area_name"),
               young.c.age_when_received, young.c.gender, young.c.uas_child, complainant.c.ethnicity,
               resolutions.c.name.label("resolution_name"))
        .select_from(cases.outerjoin(teams, teams.c.id == cases.c.team_id)
                     .outerjoin(areas, areas.c.id == func.coalesce(cases.c.area_id, teams.c.area_id))
                     .outerjoin(young, young.c.id == cases.c.young_person_id)
                     .outerjoin(complainant, complainant.c.id == cases.c.complainant_id)
                     .outerjoin(resolutions, resolutions.c.id == cases.c.resolution_id))
        .where(cases.c.id.in_(ids))
    )
    categories = dict(conn.execute(
        select(CaseCategory.case_id, Category.name).join(Category, Category.id == CaseCategory.category_id)
        .where(CaseCategory.case_id.in_(ids), CaseCategory.is_main.is_(True))).all())
    actions: dict[uuid.UUID, set[str]] = {}
    for case_id, name in conn.execute(
            select(CorrectiveAction.case_id, CorrectiveActionType.name)
            .join(CorrectiveActionType, CorrectiveActionType.id == CorrectiveAction.action_type_id)
            .where(CorrectiveAction.case_id.in_(ids), CorrectiveAction.stage >= 2)):
        actions.setdefault(case_id, set()).add(name)
    lgo: dict[uuid.UUID, Any] = {}
    for enquiry in conn.execute(
            select(OmbudsmanEnquiry.case_id, OmbudsmanEnquiry.enquired_on, OmbudsmanEnquiry.investigated,
                   OmbudsmanEnquiry.public_report)
            .where(OmbudsmanEnquiry.case_id.in_(ids)).order_by(OmbudsmanEnquiry.enquired_on)):
        lgo.setdefault(enquiry.case_id, enquiry)  # the first enquiry (the file has one per case)
    rows = {}
    for c in conn.execute(query).mappings():
        enquiry = lgo.get(c["id"])
        stage2_route = c["stage2_method"] or c["stage2_answer"]
        rows[c["id"]] = {
            "reference": c["legacy_reference"] or c["reference"], "received": _text(c["received_on"]),
            "kind": c["kind"], "route": _text(c["route"]), "channel": _text(c["channel"]),
            "from_young_person": _yn(c["from_young_person"]), "age": _text(c["age_when_received"]),
            "gender": _text(c["gender"]), "ethnicity": _text(c["ethnicity"]), "uas_child": _yn(c["uas_child"]),
            "area": _text(c["area_name"]), "team": _text(c["team_name"]), "service_type": _text(c["service_type"]),
            "category": _text(categories.get(c["id"])), "advocacy": _text(c["advocacy_given"]),
            "stage1_due_extended": "Y" if c["stage1_extended_on"] else "",
            "stage1_responded": _text(c["stage1_responded"]), "stage1_outcome": _text(c["stage1_outcome"]),
            "resolution": _text(c["resolution_name"]), "corrective_action": _yn(c["stage1_learning"]),
            "stage2_requested": _text(c["stage2_requested"]), "stage2_route": _text(stage2_route),
            "stage2_responded": _text(c["stage2_responded"]), "stage2_outcome": _text(c["stage2_outcome"]),
            "stage3_requested": _text(c["stage3_requested"]), "stage3_panel": _text(c["panel_held"]),
            "lgo_enquiry": _text(enquiry.enquired_on) if enquiry else "",
            "lgo_investigated": _yn(enquiry.investigated) if enquiry else "",
            "lgo_public_report": _yn(enquiry.public_report) if enquiry else "",
            "corrective_actions_stage2": ";".join(sorted(actions.get(c["id"], ()))),
            "known_complainant": _yn(c["known_complainant"]),
        }
    for case_id in ids:
        if case_id in rows:
            yield rows[case_id]


def write_csv(rows: Iterable[dict[str, str]], out: io.TextIOBase | Any) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({name: spreadsheet_cell(value) for name, value in row.items()})
        count += 1
    return count


# --- importing -----------------------------------------------------------------------------------------


def _names(conn: Any, model: Any) -> dict[str, Any]:
    return {name.lower(): (row_id, name) for row_id, name in conn.execute(select(model.id, model.name))}


def _status(v: dict[str, Any]) -> str:
    """The status an imported case stands at, from the furthest step its dates record."""
    route = v["route"]
    if route is None:
        return "awaiting_triage"
    if route != "statutory":
        return {"safeguarding": "referred", "not_children_act": "not_children_act", "informal":
                "resolved_informally", "enquiry": "enquiry", "duplicate": "linked"}[route]
    if v["stage3_panel"]:
        return "stage3"
    if v["stage3_requested"]:
        return "stage3_requested"
    if v["stage2_responded"]:
        return "stage2_responded"
    if v["stage2_route"] in set(Stage2Method):
        return "stage2"
    if v["stage2_route"] == "not_progressed":
        return "closed"
    if v["stage2_requested"] and v["stage2_route"] != "referred_back":
        return "stage2_requested"
    if v["stage1_outcome"] == "not_applicable":
        return "not_applicable"
    if v["stage1_responded"]:
        return "stage1_responded"
    return "stage1"


def check(conn: Any, text: str, *, update: bool = False) -> tuple[ImportResult, list[dict[str, Any]], dict]:
    """Validate the whole file; return the result (errors listed), the typed rows and the existing cases
    the file's references name ({reference: (case_id, imported, export row)})."""
    result = ImportResult()
    header, raw = _read(text, result)
    result.rows = len(raw)
    action_types = {key: name for key, (_id, name) in _names(conn, CorrectiveActionType).items()}
    rows = [_check_row(row, action_types, result.errors) for row in raw]
    first_row: dict[str, int] = {}
    for row in rows:
        if row["reference"] in first_row:
            result.errors.append(RowError(row["_row"], "reference", row["reference"],
                                          f"This reference is already in row {first_row[row['reference']]}: "
                                          "each case once."))
        else:
            first_row[row["reference"]] = row["_row"]
    existing = _existing(conn, [row["reference"] for row in rows if row["reference"]])
    raw_by_ref = {row.get("reference", ""): row for row in raw}
    for row in rows:
        found = existing.get(row["reference"])
        if found is None:
            continue
        case_id, imported, exported = found
        if _comparable(exported) == _comparable(raw_by_ref[row["reference"]]):
            row["_unchanged"] = True
            continue
        differing = [name for name, value in _comparable(raw_by_ref[row["reference"]]).items()
                     if value != _comparable(exported)[name]]
        if not imported:
            result.errors.append(RowError(row["_row"], "reference", row["reference"],
                                          "A case made in the portal has this reference and different values "
                                          f"({', '.join(differing)}); change it in the portal, not by import."))
        elif not update:
            result.errors.append(RowError(row["_row"], "reference", row["reference"],
                                          "An imported case has this reference and different values "
                                          f"({', '.join(differing)}). Import with --update to replace it."))
        else:
            row["_replace"] = case_id
    return result, rows, existing


def _existing(conn: Any, references: list[str]) -> dict[str, tuple[uuid.UUID, bool, dict[str, str]]]:
    cases = Case.__table__
    found: dict[str, tuple[uuid.UUID, bool]] = {}
    for start in range(0, len(references), 500):
        chunk = references[start:start + 500]
        for case_id, reference, legacy in conn.execute(
                select(cases.c.id, cases.c.reference, cases.c.legacy_reference)
                .where(or_(cases.c.legacy_reference.in_(chunk), cases.c.reference.in_(chunk)))):
            found[legacy or reference] = (case_id, legacy is not None)
    if not found:
        return {}
    exported = {row["reference"]: row for row in export_rows(conn, [v[0] for v in found.values()])}
    return {ref: (case_id, imported, exported[ref]) for ref, (case_id, imported) in found.items()
            if ref in exported}


def imported_reference() -> str:
    """A portal reference for an imported case: 12 characters of the reference alphabet from a random
    UUID (29**12, so a million imports never collide; the portal's own are 8, so the two never meet)."""
    number = uuid.uuid4().int
    chars = []
    for _ in range(12):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return group("".join(chars))


def import_cases(conn: Any, text: str, *, update: bool = False, dry_run: bool = False,
                 progress: Callable[[int], None] | None = None, actor_id: uuid.UUID | None = None,
                 new_reference: Callable[[], str] | None = None, is_demo: bool = False) -> ImportResult:
    """Check the file; when it has no error (and this is not a dry run) write every new case, replace
    changed imported ones with ``update``, and add one audit event. The caller commits (or rolls back)."""
    make_reference = new_reference or imported_reference
    result, rows, _existing_cases = check(conn, text, update=update)
    if result.errors or dry_run:
        return result
    result.unchanged = sum(1 for row in rows if row.get("_unchanged"))
    todo = [row for row in rows if not row.get("_unchanged")]
    replace = [row["_replace"] for row in todo if row.get("_replace")]
    if replace:
        _delete_cases(conn, replace)
    lists = _reference_lists(conn, todo, result)
    now = datetime.now(UTC)
    done = result.unchanged
    if progress:
        progress(done)
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start:start + CHUNK]
        _insert_chunk(conn, chunk, lists, now, make_reference, is_demo)
        done += len(chunk)
        if progress:
            progress(len(chunk))
    result.updated = len(replace)
    result.created = len(todo) - len(replace)
    if conn.dialect.name == "postgresql" and len(todo) > 10_000:
        # Fresh statistics after a large import, so the next queries (a re-import's comparison, the
        # report) are not planned for the empty tables of before.
        conn.exec_driver_sql("ANALYZE cases, people, case_categories, corrective_actions, ombudsman_enquiries")
    conn.execute(insert(AuditEvent.__table__), [{
        "id": uuid.uuid4(), "action": "cases_imported", "subject_type": "import", "subject_id": None,
        "actor_id": actor_id, "actor_kind": "staff" if actor_id else "system", "created_at": now,
        "details": {"rows": result.rows, "created": result.created, "updated": result.updated,
                    "unchanged": result.unchanged},
    }])
    return result


_STATE_FIELDS = {f.name for f in dataclasses.fields(ProcedureState)}


def _store_deadline(values: dict[str, Any]) -> None:
    """The stored copy of the case's current deadline (as Case.store_deadline keeps it)."""
    state = ProcedureState(**{name: values.get("received_on" if name == "received" else name)
                              for name in _STATE_FIELDS if name == "received" or name in values})
    due = state.current_deadline
    values["due_on"] = due
    values["due_ordinal"] = working_day_ordinal(due) if due is not None else None


def _delete_cases(conn: Any, case_ids: list[uuid.UUID]) -> None:
    cases = Case.__table__
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start:start + 500]
        people = [pid for row in conn.execute(select(cases.c.young_person_id, cases.c.complainant_id)
                                              .where(cases.c.id.in_(chunk))) for pid in row if pid]
        for table in (CaseCategory.__table__, CorrectiveAction.__table__, OmbudsmanEnquiry.__table__):
            conn.execute(delete(table).where(table.c.case_id.in_(chunk)))
        conn.execute(delete(cases).where(cases.c.id.in_(chunk)))
        if people:
            conn.execute(delete(Person.__table__).where(Person.__table__.c.id.in_(set(people))))


def _reference_lists(conn: Any, rows: list[dict[str, Any]], result: ImportResult) -> dict[str, dict[str, Any]]:
    """Area, team, category and resolution names matched case-insensitively; new ones added once."""
    lists: dict[str, dict[str, Any]] = {}
    for column, model in (("area", Area), ("category", Category), ("resolution", ResolutionCategory),
                          ("team", Team)):
        known = {key: row_id for key, (row_id, _name) in _names(conn, model).items()}
        new: dict[str, dict[str, Any]] = {}
        for row in rows:
            name = row[column]
            if name and name.lower() not in known and name.lower() not in new:
                values: dict[str, Any] = {"id": uuid.uuid4(), "name": name}
                if model is not Area:
                    values["active"] = True
                if model is Team:
                    values["area_id"] = lists["area"].get((row["area"] or "").lower())
                new[name.lower()] = values
        if new:
            conn.execute(insert(model.__table__), list(new.values()))
            result.new_reference_values[column] = sorted(v["name"] for v in new.values())
            known.update({key: v["id"] for key, v in new.items()})
        lists[column] = known
    lists["action_type"] = {key: row_id for key, (row_id, _name) in _names(conn, CorrectiveActionType).items()}
    return lists


def _insert_chunk(conn: Any, rows: list[dict[str, Any]], lists: dict[str, dict[str, Any]], now: datetime,
                  make_reference: Callable[[], str], is_demo: bool = False) -> None:
    people, cases, links, actions, enquiries = [], [], [], [], []
    for v in rows:
        case_id = v.get("_replace") or uuid.uuid4()
        young_id = complainant_id = None
        if v["age"] is not None or v["gender"] or v["uas_child"] is not None or \
                (v["from_young_person"] and v["ethnicity"]):
            young_id = uuid.uuid4()
            people.append({"id": young_id, "age_when_received": v["age"], "gender": v["gender"],
                           "uas_child": v["uas_child"],
                           "ethnicity": v["ethnicity"] if v["from_young_person"] else None,
                           "created_at": now, "is_demo": is_demo})
        if v["from_young_person"]:
            complainant_id = young_id
        elif v["ethnicity"]:
            complainant_id = uuid.uuid4()
            people.append({"id": complainant_id, "age_when_received": None, "gender": None, "uas_child": None,
                           "ethnicity": v["ethnicity"], "created_at": now, "is_demo": is_demo})
        route = v["route"]
        method = v["stage2_route"] if v["stage2_route"] in set(Stage2Method) else None
        dates = [d for name in DATES if (d := v[name]) is not None]
        cases.append({
            "id": case_id, "reference": make_reference(), "legacy_reference": v["reference"],
            "kind": v["kind"], "channel": v["channel"] or "", "route": route, "status": _status(v),
            "received_on": v["received"], "last_event_on": max(dates),
            "triaged_on": v["received"] if route else None,
            "stage1_started": v["received"] if route == "statutory" else None,
            "from_young_person": v["from_young_person"], "young_person_id": young_id,
            "complainant_id": complainant_id,
            "team_id": lists["team"].get((v["team"] or "").lower()),
            "area_id": lists["area"].get((v["area"] or "").lower()),
            "service_type": v["service_type"], "advocacy_given": v["advocacy"],
            "stage1_extended_on": v["received"] if v["stage1_due_extended"] else None,
            "stage1_extension_reason": IMPORTED_EXTENSION if v["stage1_due_extended"] else None,
            "stage1_responded": v["stage1_responded"], "stage1_outcome": v["stage1_outcome"],
            "resolution_id": lists["resolution"].get((v["resolution"] or "").lower()),
            "stage1_learning": v["corrective_action"],
            "stage2_requested": v["stage2_requested"], "stage2_method": method,
            "stage2_answer": v["stage2_route"] if v["stage2_route"] and not method else None,
            "stage2_started": v["stage2_requested"] if method else None,
            "stage2_responded": v["stage2_responded"], "stage2_outcome": v["stage2_outcome"],
            "stage3_requested": v["stage3_requested"], "panel_held": v["stage3_panel"],
            "stage3_started": v["stage3_requested"] if v["stage3_panel"] else None,
            "known_complainant": v["known_complainant"], "created_at": now, "is_demo": is_demo,
        })
        if v["category"]:
            links.append({"case_id": case_id, "category_id": lists["category"][v["category"].lower()],
                          "is_main": True})
        for name in v["corrective_actions_stage2"]:
            actions.append({"id": uuid.uuid4(), "case_id": case_id, "stage": 2,
                            "action_type_id": lists["action_type"][name.lower()], "description": name,
                            "owner": "Imported", "due_on": v["stage2_responded"] or v["stage2_requested"]
                            or v["received"], "completed_on": None, "created_at": now})
        if v["lgo_enquiry"]:
            enquiries.append({"id": uuid.uuid4(), "case_id": case_id, "enquired_on": v["lgo_enquiry"],
                              "investigated": v["lgo_investigated"], "public_report": bool(v["lgo_public_report"]),
                              "created_at": now})
    for values in cases:
        _store_deadline(values)
    for model, values in ((Person, people), (Case, cases), (CaseCategory, links), (CorrectiveAction, actions),
                          (OmbudsmanEnquiry, enquiries)):
        bulk_insert(conn, model.__table__, values)


@functools.lru_cache(maxsize=64)
def _sqlite_instant(value: datetime) -> str:
    return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


# Values as SQLAlchemy's types store them in SQLite: Uuid as 32 hex digits, dates as ISO text, instants
# as naive UTC text, booleans as 0/1; anything else (text, numbers, None) as it is.
_SQLITE = {uuid.UUID: lambda v: v.hex, bool: int, date: date.isoformat, datetime: _sqlite_instant}


def bulk_insert(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert rows of plain values (every row with the same keys) through the driver's executemany:
    SQLAlchemy's per-row parameter processing is most of an import's time. Values must be those the
    column types store natively (UUIDs, dates, aware datetimes, booleans, text, numbers)."""
    if not rows:
        return
    keys = list(rows[0])
    # Columns left out take their scalar defaults (as SQLAlchemy would add them).
    defaults = {column.key: column.default.arg for column in table.columns
                if column.key not in rows[0] and column.default is not None and column.default.is_scalar}
    if defaults:
        rows = [{**row, **defaults} for row in rows]
        keys += list(defaults)
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=keys)
    if conn.dialect.name == "sqlite":
        order = compiled.positiontup
        plain = (str, int, float, type(None))
        conn.exec_driver_sql(compiled.string, [
            tuple(v if type(v) in plain else _SQLITE[type(v)](v) for v in (row[key] for key in order))
            for row in rows])
    elif conn.dialect.name == "postgresql":
        # COPY: one stream for the whole batch (executemany is a statement per row).
        raw = conn.connection.dbapi_connection
        with raw.cursor() as cursor, cursor.copy(
                f"COPY {table.name} ({', '.join(keys)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[key] for key in keys])
    else:
        conn.exec_driver_sql(compiled.string, rows)
