"""`flask cases import` and `flask cases export` (IMPORT.md): all or nothing, every error listed, the
same file twice adds nothing, and an export imports back unchanged."""

from __future__ import annotations

import csv
import io
import uuid

import pytest
from sqlalchemy import func, select

from portal.casework.import_format import COLUMNS
from portal.db import db
from portal.models import Case, CorrectiveAction, OmbudsmanEnquiry, Team
from portal.reports import annual
from portal.reports.common import FinancialYear


def _csv(rows: list[dict[str, str]], columns=COLUMNS, bom: bool = False) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return ("\ufeff" if bom else "") + out.getvalue()


def _row(ref: str, **values: str) -> dict[str, str]:
    base = {"reference": ref, "received": "2028-05-04", "kind": "complaint", "route": "statutory",
            "channel": "email", "from_young_person": "Y", "age": "15", "gender": "female", "ethnicity": "WBRI",
            "uas_child": "N", "area": "Import North", "team": "Import Team One", "service_type": "looked_after",
            "category": "Import Quality", "advocacy": "crs", "stage1_due_extended": "N",
            "stage1_responded": "2028-05-18", "stage1_outcome": "partly_upheld", "resolution": "Import Apology",
            "corrective_action": "Y", "stage2_requested": "2028-06-01", "stage2_route": "investigation",
            "stage2_responded": "2028-08-01", "stage2_outcome": "upheld", "lgo_enquiry": "2029-01-10",
            "lgo_investigated": "N", "lgo_public_report": "N", "corrective_actions_stage2": "Apology;training"}
    base.update(values)
    return base


@pytest.fixture
def tag():
    return uuid.uuid4().hex[:8]


@pytest.fixture
def run(app, tmp_path):
    runner = app.test_cli_runner()

    def invoke(text: str, *args: str):
        path = tmp_path / f"{uuid.uuid4().hex}.csv"
        path.write_text(text, encoding="utf-8")
        return runner.invoke(args=["cases", "import", str(path), *args])

    return invoke


def _imported(tag: str) -> int:
    return db.session.scalar(select(func.count()).select_from(Case).where(Case.legacy_reference.like(f"{tag}%")))


def test_a_file_with_errors_imports_nothing_and_lists_every_error(run, tag):
    rows = [_row(f"{tag}-1"),
            _row(f"{tag}-2", kind="complain", age="30", received="2028-13-01"),
            _row(f"{tag}-3", gender="F", stage1_outcome="upheld!", corrective_actions_stage2="Hugs"),
            _row(f"{tag}-1"),
            _row(f"{tag}-5", stage1_responded="2028-01-01", from_young_person="yes")]
    result = run(_csv(rows, columns=(*COLUMNS, "colour")))
    assert result.exit_code != 0
    output = result.output
    expected = [
        "Row 1, column colour", "Unknown column",
        'Row 3, column kind: "complain"', 'Row 3, column age: "30"', 'Row 3, column received: "2028-13-01"',
        'Row 4, column gender: "F"', "One of: female, male, other, not_known",
        'Row 4, column stage1_outcome: "upheld!"', 'Row 4, column corrective_actions_stage2: "Hugs"',
        'Row 5, column reference', "already in row 2",
        'Row 6, column stage1_responded: "2028-01-01"', "before the date received",
        'Row 6, column from_young_person: "yes"', "Y, N, or empty",
        "nothing was imported",
    ]
    for text in expected:
        assert text in output, text
    assert _imported(tag) == 0
    assert db.session.scalar(select(func.count()).select_from(Team).where(Team.name == "Import Team One")) == 0


def test_a_good_file_imports_once_and_a_second_time_adds_nothing(run, tag):
    text = _csv([_row(f"{tag}-1"), _row(f"{tag}-2", team="import team one", area="IMPORT NORTH", route="",
                                        stage1_responded="", stage1_outcome="", stage2_requested="",
                                        stage2_route="", stage2_responded="", stage2_outcome="",
                                        lgo_enquiry="", lgo_investigated="", lgo_public_report="",
                                        corrective_actions_stage2="")], bom=True)
    dry = run(text, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert _imported(tag) == 0
    first = run(text)
    assert first.exit_code == 0, first.output
    assert "2 cases imported" in first.output
    assert _imported(tag) == 2
    # The same team name in another case is the same team (matched case-insensitively).
    assert db.session.scalar(select(func.count()).select_from(Team).where(
        func.lower(Team.name) == "import team one")) == 1
    again = run(text)
    assert again.exit_code == 0, again.output
    assert "0 cases imported" in again.output and "2 already here" in again.output
    assert _imported(tag) == 2


def test_a_changed_row_is_a_conflict_unless_update(run, tag):
    run(_csv([_row(f"{tag}-1")]))
    changed = _csv([_row(f"{tag}-1", stage1_outcome="upheld")])
    conflict = run(changed)
    assert conflict.exit_code != 0
    assert "different values (stage1_outcome)" in conflict.output and "--update" in conflict.output
    updated = run(changed, "--update")
    assert updated.exit_code == 0, updated.output
    assert "1 updated" in updated.output
    case = db.session.scalar(select(Case).where(Case.legacy_reference == f"{tag}-1"))
    assert case.stage1_outcome == "upheld"
    assert db.session.scalar(select(func.count()).select_from(OmbudsmanEnquiry)
                             .where(OmbudsmanEnquiry.case_id == case.id)) == 1
    assert db.session.scalar(select(func.count()).select_from(CorrectiveAction)
                             .where(CorrectiveAction.case_id == case.id)) == 2


def test_an_export_imports_back_unchanged(app, run, tag, tmp_path):
    run(_csv([_row(f"{tag}-1"), _row(f"{tag}-2", kind="mp_enquiry", route="enquiry", known_complainant="Y",
                                     stage1_due_extended="Y")]))
    out = tmp_path / "export.csv"
    result = app.test_cli_runner().invoke(args=["cases", "export", "--output", str(out)])
    assert result.exit_code == 0, result.output
    exported = [row for row in csv.DictReader(out.open(encoding="utf-8")) if row["reference"].startswith(tag)]
    assert len(exported) == 2
    assert exported[0]["corrective_actions_stage2"] == "Apology;Training"
    again = run(_csv(exported))
    assert again.exit_code == 0, again.output
    assert "0 cases imported" in again.output


def test_imported_history_is_counted_by_the_report(run, tag):
    rows = [_row(f"{tag}-{i}", received=f"2028-04-1{i}") for i in range(4)]
    rows.append(_row(f"{tag}-x", route="safeguarding"))
    assert run(_csv(rows)).exit_code == 0
    report = annual.compute(db.session.connection(), FinancialYear(2028))["tables"]
    areas = {row["label"]: row["this_year"] for row in report["t2_area"]}
    assert areas["Import North"] == 4
    escalation = report["t12_escalation"]["this_year"]
    assert escalation["investigation"] >= 4
    assert report["t13_ombudsman"][-1]["enquiries"] >= 4


def test_a_value_over_the_csv_limit_is_a_row_error_not_a_traceback(run, tag):
    # The CSV module refuses a value over 131,072 characters; the import names the row instead of crashing.
    rows = [_row(f"{tag}-1"), _row(f"{tag}-2", resolution="x" * 200_000), _row(f"{tag}-3")]
    result = run(_csv(rows))
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Row 3, column (row)" in result.output and "cannot be read as CSV" in result.output
    assert "field larger than field limit" in result.output
    assert "nothing was imported" in result.output
    assert _imported(tag) == 0
