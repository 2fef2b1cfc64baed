"""``flask journeys purge``: delete journey drafts left alone past their expiry (run by cron)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

journeys_cli = AppGroup("journeys", help="Answers kept while people go through the front door.")


@journeys_cli.command("purge")
def purge() -> None:
    """Delete saved answers that have expired (30 minutes without activity by default), and tracking-code
    counters and sign-in counters unused for a day."""
    from portal.auth import accounts
    from portal.intake import submissions, tracking

    click.echo(f"Deleted {submissions.purge_expired_drafts()} expired journey drafts.")
    click.echo(f"Deleted {tracking.purge_tracking_attempts()} unused tracking-code counters.")
    click.echo(f"Deleted {accounts.purge_sign_in_attempts()} unused sign-in counters.")
    click.echo(f"Deleted {tracking.purge_unsent_code_emails()} lost-code requests with nobody to email.")


def init_app(app) -> None:  # type: ignore[no-untyped-def]
    from portal.notifications.cli import reminders_cli
    from portal.notifications.sender import notifications_cli

    app.cli.add_command(journeys_cli)
    app.cli.add_command(notifications_cli)
    app.cli.add_command(reminders_cli)
