"""``flask reminders send``: reminders before deadlines pass, and the daily digest (cron, each working day)."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup

reminders_cli = AppGroup("reminders", help="Reminders to staff before a deadline passes, and the daily digest.")


@reminders_cli.command("send")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day to remind as of (default: today in the UK).")
@click.option("--no-digest", is_flag=True, help="Reminders only, no daily digest.")
def send(today: object, no_digest: bool) -> None:
    """Queue one reminder per due item (never twice) and one digest per member of staff; the outbox
    sends them (`flask notifications send`)."""
    from portal.notifications import reminders
    from portal.procedure import uk_today

    day: date = today.date() if today is not None else uk_today()  # type: ignore[attr-defined]
    queued = reminders.send_reminders(day)
    digests = 0 if no_digest else reminders.send_digests(day)
    click.echo(f"Queued {queued} reminders and {digests} daily digests for {day.isoformat()}.")
