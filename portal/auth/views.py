from __future__ import annotations

import time
import uuid
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from portal.auth import accounts
from portal.auth import totp as totp_rules
from portal.auth.forms import CodeForm, SignInForm
from portal.db import db
from portal.extensions import limiter, login_manager
from portal.models import User
from portal.permissions import ACCOUNT, public, requires

bp = Blueprint("auth", __name__)

# The password step is valid for this long; then the person starts again.
PENDING_SECONDS = 5 * 60


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    raw_id, _sep, token = user_id.partition(":")
    try:
        user = db.session.get(User, uuid.UUID(raw_id))
    except ValueError:
        return None
    if user is None or not user.active or user.session_token != token:
        return None
    if accounts.account_expired(user):  # expired, or the last appointment ended, while signed in
        return None
    return user


@login_manager.unauthorized_handler
def unauthorised() -> Response:
    return redirect(url_for("auth.sign_in"))


def _safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None: never an open redirect.

    Browsers drop tabs and newlines from a URL and read a backslash as a slash, so ``/%09/evil.example``
    and ``/%5Cevil.example`` (once decoded) lead to another site, and a newline cannot go in a header
    at all. Only printable ASCII without a backslash is accepted, and it must still be a bare path
    once parsed.
    """
    if not target or "\\" in target or not all("\x21" <= char <= "\x7e" for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return target


def _home_for(user: User) -> str:
    from portal.access import sees_only_appointed_cases
    from portal.permissions import ADVOCACY_AREA, STAFF_AREA, has_permission

    if sees_only_appointed_cases(user):
        return url_for("staff.my_work")  # an appointed person lands on their own work
    if has_permission(user, STAFF_AREA):
        return url_for("staff.home")
    if has_permission(user, ADVOCACY_AREA):
        return url_for("advocacy.caseload")
    return url_for("public.start")


def _pending_user() -> User | None:
    pending: dict[str, Any] | None = session.get("pending_sign_in")
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user = load_user(pending["user"])
    return user


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["SIGN_IN_RATE_LIMIT"], methods=["POST"])
def sign_in() -> Any:
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    form = SignInForm()
    if form.validate_on_submit():
        user = accounts.check_password(form.email.data, form.password.data, request.remote_addr or "")
        if user is not None:
            next_url = _safe_next(request.args.get("next"))
            # A fresh session: nothing from before sign-in survives into it (session fixation).
            session.clear()
            session["pending_sign_in"] = {"user": user.get_id(), "at": time.time(), "next": next_url}
            if user.totp_confirmed_at is None:
                return redirect(url_for("auth.set_up_code"))
            return redirect(url_for("auth.enter_code"))
        # The same words for an unknown address, a wrong password and a locked account (whose owner
        # has been emailed): nothing here tells a guesser which addresses have accounts.
        form.password.errors.append(_("The email address or password is not right. Check them and try again."))
    return render_template("auth/sign_in.html", form=form)


def _complete_sign_in(user: User) -> Response:
    pending = session.get("pending_sign_in") or {}
    next_url = _safe_next(pending.get("next"))
    session.clear()
    login_user(user)
    session.permanent = True
    return redirect(next_url or _home_for(user))


def _check_code(form: CodeForm, user: User, *, setting_up: bool) -> bool:
    try:
        if accounts.check_code(user, form.code.data, setting_up=setting_up, address=request.remote_addr or ""):
            return True
    except accounts.SignInLocked as locked:
        form.code.errors.append(_("You have tried too many times. Wait until %(time)s, then sign in again.",
                                  time=format_datetime(locked.until, "HH:mm")))
        return False
    if accounts.code_already_used(user, form.code.data):
        form.code.errors.append(_("That code has already been used. Wait for your app to show a new code, then "
                                  "enter it."))
    else:
        form.code.errors.append(_("That code is not right or has expired. Enter the newest code from your app."))
    return False


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["SIGN_IN_RATE_LIMIT"], methods=["POST"])
def enter_code() -> Any:
    user = _pending_user()
    if user is None or user.totp_secret is None or user.totp_confirmed_at is None:
        flash(_("Your sign-in timed out. Enter your email address and password again."))
        return redirect(url_for("auth.sign_in"))
    form = CodeForm()
    if form.validate_on_submit() and _check_code(form, user, setting_up=False):
        return _complete_sign_in(user)
    return render_template("auth/enter_code.html", form=form)


@bp.route("/sign-in/set-up-code", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["SIGN_IN_RATE_LIMIT"], methods=["POST"])
def set_up_code() -> Any:
    user = _pending_user()
    if user is None or user.totp_confirmed_at is not None:
        return redirect(url_for("auth.sign_in"))
    if user.totp_secret is None:
        user.totp_secret = totp_rules.new_secret()
        db.session.commit()
    form = CodeForm()
    if form.validate_on_submit() and _check_code(form, user, setting_up=True):
        return _complete_sign_in(user)
    uri = totp_rules.provisioning_uri(user.totp_secret, user.email, current_app.config["TOTP_ISSUER"])
    return render_template(
        "auth/set_up_code.html", form=form, qr_svg=totp_rules.qr_svg(uri), secret=user.totp_secret
    )


@bp.post("/sign-out")
@requires(ACCOUNT)
def sign_out() -> Response:
    # A new session token: this cookie, and any copy of it, stops working everywhere.
    accounts.sign_out(current_user)
    logout_user()
    session.clear()
    flash(_("You have signed out."))
    return redirect(url_for("auth.sign_in"))
