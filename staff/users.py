"""User administration (the administrator role): create and disable accounts, roles and teams, expiry
dates for external accounts, reset a second factor, lift sign-in locks. Every change is an operation in
``portal.auth.accounts`` that writes its audit event; ``flask create-user`` and ``flask users`` stay for
scripts."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select

from portal.auth import accounts
from portal.db import db
from portal.models import AuditEvent, Team, User
from portal.permissions import ROLE_LABELS, USERS_ADMINISTER, requires
from staff.blueprint import bp
from staff.forms import ButtonForm, choices
from staff.forms.users import AccountForm, NewAccountForm


def _user_or_404(user_id: uuid.UUID) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def _teams(form: Any) -> None:
    form.team.choices = choices([("", "No team"), *((str(t.id), t.name) for t in db.session.scalars(
        select(Team).where(Team.active.is_(True)).order_by(Team.name)))])


def _team(value: str | None) -> Team | None:
    try:
        return db.session.get(Team, uuid.UUID(value)) if value else None
    except ValueError:
        return None


@bp.get("/users")
@requires(USERS_ADMINISTER)
def users() -> str:
    people = db.session.scalars(select(User).order_by(func.lower(User.name))).all()
    return render_template("staff/users/list.html", people=people, role_labels=ROLE_LABELS,
                           locks={user.id: accounts.sign_in_lock(user) for user in people})


@bp.route("/users/new", methods=["GET", "POST"])
@requires(USERS_ADMINISTER)
def new_user() -> Any:
    form = NewAccountForm()
    _teams(form)
    if form.validate_on_submit():
        team = _team(form.team.data)
        try:
            user = accounts.create_user(email=form.email.data, name=form.name.data, roles=set(form.roles.data),
                                        password=form.password.data, team_name=team.name if team else None,
                                        actor=current_user, expires_on=form.expires_on.data)
        except accounts.AccountError as error:
            db.session.rollback()
            form.email.errors = [str(error)]
        else:
            flash(f"Account created for {user.email}. They set up their authenticator app when they first sign in.")
            return redirect(url_for("staff.user", user_id=user.id), code=303)
    return render_template("staff/case_action.html", form=form, case=None, title="New account")


@bp.get("/users/<uuid:user_id>")
@requires(USERS_ADMINISTER)
def user(user_id: uuid.UUID) -> str:
    person = _user_or_404(user_id)
    history = db.session.scalars(select(AuditEvent).where(AuditEvent.subject_type == "user",
                                                          AuditEvent.subject_id == person.id)
                                 .order_by(AuditEvent.occurred_at.desc()).limit(50)).all()
    return render_template("staff/users/user.html", person=person, lock=accounts.sign_in_lock(person),
                           role_labels=ROLE_LABELS, history=history, button=ButtonForm())


@bp.route("/users/<uuid:user_id>/account", methods=["GET", "POST"])
@requires(USERS_ADMINISTER)
def change_user(user_id: uuid.UUID) -> Any:
    person = _user_or_404(user_id)
    form = AccountForm(data={"roles": sorted(person.role_names), "team": str(person.team_id or ""),
                             "expires_on": person.expires_on})
    _teams(form)
    if form.validate_on_submit():
        try:
            if person.id == current_user.id and "administrator" not in form.roles.data:
                raise accounts.AccountError("You cannot take the administrator role from yourself.")
            team, roles, expires_on = _team(form.team.data), set(form.roles.data), form.expires_on.data
            # Each step is checked against the others: a team before someone becomes an operational
            # manager, and an expiry date only once the roles are external ones.
            if "operational_manager" in roles:
                accounts.set_team(person, team, actor=current_user)
            if expires_on is None:
                accounts.set_expiry(person, None, actor=current_user)
            accounts.set_roles(person, roles, actor=current_user)
            if "operational_manager" not in roles:
                accounts.set_team(person, team, actor=current_user)
            if expires_on is not None:
                accounts.set_expiry(person, expires_on, actor=current_user)
        except accounts.AccountError as error:
            db.session.rollback()
            form.roles.errors = [str(error)]
        else:
            flash("Account saved. Their sessions have ended where what they may do changed.")
            return redirect(url_for("staff.user", user_id=person.id), code=303)
    return render_template("staff/case_action.html", form=form, case=None, title=f"Change {person.name}'s account")


def _button(user_id: uuid.UUID, act: Any, done: str) -> Any:
    person = _user_or_404(user_id)
    if ButtonForm().validate_on_submit():
        try:
            act(person)
        except accounts.AccountError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            flash(done)
    return redirect(url_for("staff.user", user_id=person.id), code=303)


@bp.post("/users/<uuid:user_id>/disable")
@requires(USERS_ADMINISTER)
def disable_user(user_id: uuid.UUID) -> Any:
    return _button(user_id, lambda person: accounts.set_active(person, False, actor=current_user),
                   "Account disabled: it cannot sign in, and its sessions have ended.")


@bp.post("/users/<uuid:user_id>/enable")
@requires(USERS_ADMINISTER)
def enable_user(user_id: uuid.UUID) -> Any:
    return _button(user_id, lambda person: accounts.set_active(person, True, actor=current_user),
                   "Account enabled.")


@bp.post("/users/<uuid:user_id>/reset-second-factor")
@requires(USERS_ADMINISTER)
def reset_second_factor(user_id: uuid.UUID) -> Any:
    return _button(user_id, lambda person: accounts.reset_second_factor(person, actor=current_user),
                   "Second factor reset: at their next sign-in they set up their authenticator app again.")


@bp.post("/users/<uuid:user_id>/unlock")
@requires(USERS_ADMINISTER)
def unlock_user(user_id: uuid.UUID) -> Any:
    return _button(user_id, lambda person: accounts.unlock(person, actor=current_user),
                   "Every sign-in lock on the account is lifted.")
