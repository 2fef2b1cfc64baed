"""The report as files: a CSV per table and an XLSX workbook (a sheet per table), from the same
display tables the screen shows (published view suppressed unless ``internal``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from portal.reports.presentation import Row, View, tables
from portal.text import spreadsheet_cell


def _views(report: dict[str, Any], internal: bool) -> list[View]:
    flat = []
    for table in tables(report["figures"], published=not internal):
        flat.append(table)
        flat.extend(table.extra)
    return flat


def _line(*values: Any) -> list[Any]:
    """A row of cells as every export writes it (text neutralised, numbers as numbers)."""
    return [spreadsheet_cell(value) for value in values]


def _figures(row: Row) -> list[Any]:
    """A table row's figures: the number where the cell shows it exactly, else the cell's text
    (a suppressed "<5", a percentage, "no responses")."""
    return [value if value is not None and text == str(value) else text
            for value, text in zip(row.values, row.cells, strict=True)]


def _lines(table: View, report: dict[str, Any]) -> list[list[Any]]:
    lines = [_line(table.title, report["figures"]["year"]), _line("", *table.columns)]
    lines += [_line(row.label, *_figures(row)) for row in table.rows]
    lines += [[], _line("Counting rule", table.rule),
              _line("Computed", report["computed_at"].isoformat(timespec="minutes"),
                    "published" if report["published"] else "live")]
    return lines


def table_csv(table: View, report: dict[str, Any]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(_lines(table, report))
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
        for line in _lines(table, report):
            sheet.append(line)
        sheet["A1"].font = Font(bold=True)
        sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
