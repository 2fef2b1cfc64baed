"""The report as files: a CSV per table and an XLSX workbook (a sheet per table), from the same
display tables the screen shows (published view suppressed unless ``internal``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from portal.reports.presentation import View, tables


def _views(report: dict[str, Any], internal: bool) -> list[View]:
    flat = []
    for table in tables(report["figures"], published=not internal):
        flat.append(table)
        flat.extend(table.extra)
    return flat


def _cell(value: str) -> str:
    # A cell starting with = + - @ would be a formula in a spreadsheet: never for report text.
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not value[1:2].isdigit() else value


def table_csv(table: View, report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([table.title, report["figures"]["year"]])
    writer.writerow(["", *table.columns])
    for row in table.rows:
        writer.writerow([_cell(row.label), *row.cells])
    writer.writerow([])
    writer.writerow(["Counting rule", table.rule])
    writer.writerow(["Computed", report["computed_at"].isoformat(timespec="minutes"),
                     "published" if report["published"] else "live"])
    return out.getvalue()


def csv_files(report: dict[str, Any], internal: bool = False) -> dict[str, str]:
    """{file name: CSV text} for every table."""
    return {f"{table.key}.csv": table_csv(table, report) for table in _views(report, internal)}


def write_csv_folder(report: dict[str, Any], folder: Path, internal: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in csv_files(report, internal).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def xlsx_bytes(report: dict[str, Any], internal: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in _views(report, internal):
        sheet = book.create_sheet(title=table.key[:31])
        sheet.append([table.title, report["figures"]["year"]])
        sheet["A1"].font = Font(bold=True)
        sheet.append(["", *table.columns])
        for row in table.rows:
            # Numbers stay numbers where they are shown exactly; suppressed cells are text.
            cells: list[Any] = []
            for value, text in zip(row.values, row.cells, strict=True):
                exact = value is not None and text in (str(value),)
                cells.append(value if exact else text)
            sheet.append([_cell(row.label), *cells])
        sheet.append([])
        sheet.append(["Counting rule", table.rule])
        sheet.append(["Computed", report["computed_at"].isoformat(timespec="minutes"),
                      "published" if report["published"] else "live"])
        sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
