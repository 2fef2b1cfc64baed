"""Operations on staff and advocate accounts (each writes its audit event)."""

from __future__ import annotations

from sqlalchemy import func, select

from portal import audit
from portal.db import db
from portal.models import Team, User, UserRole
from portal.passwords import MIN_PASSWORD_LENGTH, hash_password
from portal.permissions import ROLE_PERMISSIONS


class AccountError(ValueError):
    pass


def create_user(
    *,
    email: str,
    name: str,
    roles: set[str],
    password: str,
    team_name: str | None = None,
    actor: User | None = None,
    is_demo: bool = False,
    totp_secret: str | None = None,
) -> User:
    email = email.strip().lower()
    if "@" not in email:
        raise AccountError("Give an email address, like name@example.gov.uk.")
    unknown = roles - set(ROLE_PERMISSIONS)
    if unknown or not roles:
        raise AccountError(f"Unknown or missing role: {', '.join(sorted(unknown)) or 'none given'}.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters.")
    if db.session.scalar(select(User).where(func.lower(User.email) == email)):
        raise AccountError(f"An account for {email} already exists.")
    team = None
    if team_name:
        team = db.session.scalar(select(Team).where(func.lower(Team.name) == team_name.strip().lower()))
        if team is None:
            raise AccountError(f"There is no team called {team_name!r}.")
    if "operational_manager" in roles and team is None:
        raise AccountError("An operational manager needs a team (--team).")
    user = User(
        email=email,
        name=name.strip(),
        password_hash=hash_password(password),
        team=team,
        is_demo=is_demo,
        totp_secret=totp_secret,
    )
    if totp_secret:
        from portal.models.base import utcnow

        user.totp_confirmed_at = utcnow()
    user.roles = [UserRole(role=role) for role in sorted(roles)]
    db.session.add(user)
    db.session.flush()
    audit.record(
        "user_created", subject_type="user", subject_id=user.id, actor=actor,
        actor_kind="staff" if actor else "cli", roles=sorted(roles),
    )
    db.session.commit()
    return user
