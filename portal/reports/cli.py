"""``flask cases import|export`` (IMPORT.md) and ``flask report annual|publish`` (REPORT.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from portal.db import db

cases_cli = AppGroup("cases", help="Import and export cases in the format of the old database (IMPORT.md).")
report_cli = AppGroup("report", help="The statutory annual report (REPORT.md).")


@cases_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file only; import nothing.")
@click.option("--update", is_flag=True, help="Replace imported cases whose values differ (otherwise an error).")
def import_command(path: Path, dry_run: bool, update: bool) -> None:
    """Import past cases from FILE.csv: all of them, or none when any row has an error."""
    from portal.casework import import_format

    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise click.ClickException(f"The file is not UTF-8 text (byte {error.start}); save it as CSV UTF-8.") \
            from error
    connection = db.session.connection()
    # The progress bar counts rows written; checking (no bar) comes first and writes nothing.
    with click.progressbar(length=max(text.count("\n"), 1), label="Importing", file=sys.stderr) as bar:
        result = import_format.import_cases(connection, text, update=update, dry_run=dry_run, progress=bar.update)
    if result.errors:
        db.session.rollback()
        for error in result.errors:
            click.echo(str(error), err=True)
        raise click.ClickException(f"{len(result.errors)} errors in {result.rows} rows: nothing was imported. "
                                   "Correct them and import the file again.")
    if dry_run:
        db.session.rollback()
        click.echo(f"{result.rows} rows checked: no errors. Nothing imported (dry run).")
        return
    db.session.commit()
    click.echo(f"{result.rows} rows: {result.created} cases imported, {result.updated} updated, "
               f"{result.unchanged} already here and unchanged.")
    for column, names in result.new_reference_values.items():
        click.echo(f"New {column} names added: {', '.join(names)}")


@cases_cli.command("export")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The CSV file to write (standard output when not given).")
def export_command(output: Path | None) -> None:
    """Export every case in the import format."""
    from portal.casework import import_format

    rows = import_format.export_rows(db.session.connection())
    if output is None:
        import_format.write_csv(rows, sys.stdout)
        return
    with output.open("w", encoding="utf-8", newline="") as handle:
        count = import_format.write_csv(rows, handle)
    click.echo(f"{count} cases written to {output}.")


@report_cli.command("annual")
@click.option("--year", type=int, required=True, help="The financial year's first year: 2015 means 2015-16.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "xlsx"]), default="json", show_default=True)
@click.option("--output", type=click.Path(path_type=Path), default=None,
              help="JSON: a file; CSV: a folder (one file per table); XLSX: the workbook.")
@click.option("--internal", is_flag=True, help="Exact numbers in CSV and XLSX (JSON is always exact).")
def annual_command(year: int, fmt: str, output: Path | None, internal: bool) -> None:
    """The annual report for a financial year (live figures, or the published ones when published)."""
    from portal.reports import exports, publishing

    # A read: it must not hold SQLite's write lock (taken at BEGIN outside a request) while it counts.
    report = publishing.report_for(db.session.connection(execution_options={"deferred_begin": True}), year,
                                   apart=current_app.config["REPORT_YEARS_APART"])
    if fmt == "json":
        text = json.dumps(report["figures"], indent=2)
        if output is None:
            click.echo(text)
        else:
            output.write_text(text + "\n", encoding="utf-8")
        return
    if output is None:
        raise click.ClickException("--output is required for CSV (a folder) and XLSX (a file).")
    if fmt == "csv":
        written = exports.write_csv_folder(report, output, internal=internal)
        click.echo(f"{len(written)} tables written to {output}/.")
    else:
        output.write_bytes(exports.xlsx_bytes(report, internal=internal))
        click.echo(f"Workbook written to {output}.")


@report_cli.command("publish")
@click.option("--year", type=int, required=True)
def publish_command(year: int) -> None:
    """Publish (freeze) a year's report as it stands now; later corrections never change it."""
    from portal.reports import publishing

    try:
        published = publishing.publish(db.session, year, actor=None)
    except (publishing.AlreadyPublished, publishing.YearNotEnded) as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"The {published.data['year']} report is published, as at {published.as_at.isoformat()}.")


def init_app(app: Flask) -> None:
    app.cli.add_command(cases_cli)
    app.cli.add_command(report_cli)
