"""`flask report annual` (JSON, CSV, XLSX; published view suppressed unless --internal) and publishing:
a published report never changes when records are corrected."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert, update

from portal.db import db
from portal.models import Case, Person
from portal.reports import publishing

YEAR = 2029
PAST = 2021  # a year that has ended: only such a year may be published


def _cases(n: int, young: bool = True, uas: bool = False, year: int = YEAR) -> list[uuid.UUID]:
    now = datetime.now(UTC)
    ids = []
    for i in range(n):
        person = uuid.uuid4()
        db.session.execute(insert(Person.__table__), [{"id": person, "gender": "male", "uas_child": uas,
                                                       "age_when_received": 15, "created_at": now, "is_demo": False}])
        case_id = uuid.uuid4()
        db.session.execute(insert(Case.__table__), [{
            "id": case_id, "reference": f"R{uuid.uuid4().hex[:12]}", "kind": "complaint", "channel": "web",
            "status": "stage1", "route": "statutory", "received_on": date(year, 6, 1 + i),
            "from_young_person": young, "young_person_id": person, "complainant_id": person, "created_at": now}])
        ids.append(case_id)
    return ids


def test_json_is_exact_and_csv_is_suppressed_unless_internal(app, tmp_path):
    _cases(3, uas=True)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["report", "annual", "--year", str(YEAR), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["year"] == "2029-30"
    assert figures["tables"]["uas_children"]["this_year"] >= 3
    published_dir, internal_dir = tmp_path / "published", tmp_path / "internal"
    assert runner.invoke(args=["report", "annual", "--year", str(YEAR), "--format", "csv",
                               "--output", str(published_dir)]).exit_code == 0
    assert runner.invoke(args=["report", "annual", "--year", str(YEAR), "--format", "csv", "--internal",
                               "--output", str(internal_dir)]).exit_code == 0
    if figures["tables"]["uas_children"]["this_year"] < 5:
        assert "<5" in (published_dir / "uas_children.csv").read_text()
        assert "<5" not in (internal_dir / "uas_children.csv").read_text()
    assert len(list(published_dir.glob("*.csv"))) >= 19
    out = tmp_path / "report.xlsx"
    result = runner.invoke(args=["report", "annual", "--year", str(YEAR), "--format", "xlsx", "--internal",
                                 "--output", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert "t1_recorded" in book.sheetnames and "t13_ombudsman" in book.sheetnames
    assert book["t1_recorded"]["A1"].value == "Table 1: complaints recorded"


def test_a_year_that_has_not_ended_is_never_published_not_even_from_the_command_line(app):
    from portal.procedure import uk_today
    from portal.reports.common import FinancialYear

    current = FinancialYear.containing(uk_today()).first
    result = app.test_cli_runner().invoke(args=["report", "publish", "--year", str(current)])
    assert result.exit_code != 0 and "has not ended" in result.output
    with pytest.raises(publishing.YearNotEnded):
        publishing.publish(db.session, YEAR, actor=None)  # 2029-30: not ended either
    assert publishing.published(db.session.connection(), current) is None


def test_a_published_report_does_not_drift(app):
    YEAR = PAST  # noqa: N806 - a year that has ended, so it may be published
    ids = _cases(2, year=YEAR)
    before = publishing.live(db.session.connection(), YEAR)["figures"]["tables"]["t1_recorded"]["this_year"]
    published = publishing.publish(db.session, YEAR, actor=None)
    db.session.commit()
    assert published.as_at is not None
    db.session.execute(update(Case.__table__).where(Case.__table__.c.id == ids[0]).values(route="duplicate"))
    frozen = publishing.report_for(db.session.connection(), YEAR)
    assert frozen["published"] is True
    assert frozen["figures"]["tables"]["t1_recorded"]["this_year"] == before
    assert publishing.live(db.session.connection(), YEAR)["figures"]["tables"]["t1_recorded"]["this_year"] \
        == before - 1
    result = app.test_cli_runner().invoke(args=["report", "publish", "--year", str(YEAR)])
    assert result.exit_code != 0 and "already published" in result.output
