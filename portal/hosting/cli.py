"""``flask documents scan``, ``flask documents move-into-database``, ``flask backup`` and ``flask restore``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

documents_cli = AppGroup("documents", help="Documents kept with cases: their malware scan, and files kept on disk.")


@documents_cli.command("scan")
@click.option("--limit", default=200, show_default=True, help="The most files to scan in one run.")
def scan_command(limit: int) -> None:
    """Scan files waiting in quarantine (clamd was unreachable when they came). Run from cron every few
    minutes, on any number of hosts: each file is settled once."""
    from portal.casework import documents

    done = documents.scan_waiting(limit)
    click.echo(f"Scanned: {done.clean} clean, {done.infected} infected and deleted, "
               f"{done.waiting} still waiting (clamd unreachable).")
    if done.waiting:
        raise SystemExit(1)  # cron mails a failure: clamd needs looking at


@documents_cli.command("move-into-database")
@click.option("--folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the files are (default: DOCUMENTS_FOLDER).")
@click.option("--keep-files", is_flag=True, help="Leave each file in the folder after it is checked in.")
def move_command(folder: Path | None, keep_files: bool) -> None:
    """Bring documents kept on disk (before decision 0021) into the database, each checked byte for byte
    before its file is deleted, then scan them."""
    from portal.casework import documents

    folder = folder or Path(current_app.config["DOCUMENTS_FOLDER"])
    moved = documents.move_into_database(folder, keep_files=keep_files)
    click.echo(f"Moved {moved.moved} documents into the database, each checked byte for byte"
               f"{' (files kept)' if keep_files else ' (files deleted)'}.")
    for name in moved.missing:
        click.echo(f"Missing from {folder}: {name}", err=True)
    for name in moved.different:
        click.echo(f"Not as recorded (size or SHA-256 differs), left on disk: {name}", err=True)
    done = documents.scan_waiting(limit=1_000_000)
    click.echo(f"Scanned: {done.clean} clean, {done.infected} infected and deleted, {done.waiting} still waiting.")
    if moved.missing or moved.different:
        raise SystemExit(1)


@click.command("backup")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The file to write (default: instance/backups/portal-YYYYMMDD-HHMMSS.sqlite3 or .dump).")
def backup_command(output: Path | None) -> None:
    """Write a consistent copy of the database: every record and every document (SQLite's online backup,
    or pg_dump for PostgreSQL). Safe while the portal runs."""
    from portal.hosting import backup

    url = current_app.config["DATABASE_URL"]
    if output is None:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        suffix = "sqlite3" if url.startswith("sqlite") else "dump"
        output = Path(current_app.instance_path) / "backups" / f"portal-{stamp}.{suffix}"
    try:
        written = backup.backup(url, output)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backup written: {written.path} ({written.size:,} bytes, {written.kind}).")


@click.command("restore")
@click.argument("backup_file", type=click.Path(dir_okay=False, path_type=Path))
def restore_command(backup_file: Path) -> None:
    """Bring a backup into the (empty) database DATABASE_URL names; then run `flask db upgrade`."""
    from portal.hosting import backup, health

    url = current_app.config["DATABASE_URL"]
    try:
        kind = backup.restore(backup_file, url)
        revision = backup.schema_revision(url)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    newest = health.newest_migration()
    click.echo(f"Restored {backup_file} ({kind}); its schema is at {revision}"
               + ("." if revision == newest else f": run `flask db upgrade` to bring it to {newest}."))


def init_app(app: Flask) -> None:
    app.cli.add_command(documents_cli)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
