"""``flask`` commands: database, users, demo data. Run by people and by cron, never by views."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from portal import migrate
from portal.db import db
from portal.hosting import cli as hosting_cli
from portal.models import User
from portal.permissions import ROLE_PERMISSIONS
from portal.public import cli as public_cli
from portal.reports import cli as reports_cli

db_cli = AppGroup("db", help="Database schema (Alembic migrations).")
users_cli = AppGroup("users", help="Staff and advocate accounts.")


@db_cli.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Bring the database schema up to date."""
    changed = migrate.upgrade(revision=revision)
    click.echo(f"Database is at {revision}; {changed} calendar days rewritten.")


@db_cli.command("downgrade")
@click.option("--revision", required=True)
def db_downgrade(revision: str) -> None:
    """Step the schema back (development only)."""
    migrate.downgrade(revision=revision)


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice(sorted(ROLE_PERMISSIONS)))
@click.option("--team", default=None, help="Team name, for operational managers.")
@click.password_option(prompt="Password", confirmation_prompt=True)
def create_user(email: str, name: str, roles: tuple[str, ...], team: str | None, password: str) -> None:
    """Create a staff or advocate account. The person sets up their second factor at first sign-in."""
    from portal.auth import accounts

    try:
        user = accounts.create_user(email=email, name=name, roles=set(roles), password=password, team_name=team)
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {user.email} ({', '.join(sorted(roles))}).")


def _account(email: str) -> User:
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"There is no account for {email}.")
    return user


@users_cli.command("set-password")
@click.argument("email")
@click.password_option(prompt="New password", confirmation_prompt=True)
def set_password(email: str, password: str) -> None:
    """Give an account a new password. Every session of the account ends."""
    from portal.auth import accounts

    try:
        accounts.set_password(_account(email), password)
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"New password set for {email}; its sessions have ended.")


@users_cli.command("set-roles")
@click.argument("email")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice(sorted(ROLE_PERMISSIONS)))
def set_roles(email: str, roles: tuple[str, ...]) -> None:
    """Replace an account's roles. Every session of the account ends."""
    from portal.auth import accounts

    try:
        accounts.set_roles(_account(email), set(roles))
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{email} now has {', '.join(sorted(roles))}; its sessions have ended.")


@users_cli.command("unlock")
@click.argument("email")
def unlock(email: str) -> None:
    """Lift every sign-in lock on an account (its own and every address's) and clear its counts."""
    from portal.auth import accounts

    accounts.unlock(_account(email))
    click.echo(f"Signing in to {email} is unlocked.")


@users_cli.command("demo-code")
@click.argument("email")
def demo_code(email: str) -> None:
    """Print the current sign-in code of a DEMO account (refused for real accounts)."""
    import pyotp

    user = db.session.scalar(select(User).where(func.lower(User.email) == email.lower()))
    if user is None or not user.is_demo or not user.totp_secret:
        raise click.ClickException("Only demo accounts with a second factor have a printable code.")
    click.echo(pyotp.TOTP(user.totp_secret).now())


calendar_cli = AppGroup("calendar", help="The statutory working-day calendar table.")


@calendar_cli.command("refresh")
@click.option("--first", default=None, help="First day (YYYY-MM-DD); default 2000-01-01.")
@click.option("--last", default=None, help="Last day (YYYY-MM-DD); default 2100-12-31.")
def calendar_refresh(first: str | None, last: str | None) -> None:
    """Make the calendar table, and every case's stored deadline, agree with the statutory calendar
    (also done by `flask db upgrade`)."""
    from datetime import date

    from portal import calendar_table
    from portal.casework import due_dates

    start = date.fromisoformat(first) if first else calendar_table.FIRST
    end = date.fromisoformat(last) if last else calendar_table.LAST
    changed = calendar_table.refresh(db.session.connection(), start, end)
    moved = due_dates.refresh(db.session.connection())
    db.session.commit()
    click.echo(f"Calendar checked from {start} to {end}: {changed} days rewritten; {moved} case deadlines moved.")


@click.command("demo-data")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
def demo_data(if_empty: bool) -> None:
    """Load a believable, clearly marked demonstration data set."""
    from portal import demo

    if if_empty and db.session.scalar(select(func.count()).select_from(User)):
        click.echo("The database already has data: demo data not loaded.")
        return
    if not current_app.config.get("DEMO_BANNER"):
        click.echo("Note: DEMO_BANNER is off, so pages will not say this is demo data.")
    summary = demo.load()
    click.echo(summary)


def init_app(app: Flask) -> None:
    app.cli.add_command(db_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(calendar_cli)
    app.cli.add_command(create_user)
    app.cli.add_command(demo_data)
    public_cli.init_app(app)  # journeys purge, notifications send
    reports_cli.init_app(app)  # cases import/export, report annual/publish
    hosting_cli.init_app(app)  # documents scan/move-into-database, backup, restore
    from portal.casework.retention import retention_cli

    app.cli.add_command(retention_cli)  # retention run/hold/release/erase
