"""Staff and advocates who sign in, and the roles that grant them named permissions."""

from __future__ import annotations

import secrets
import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, HasCreated, HasId

if TYPE_CHECKING:
    from portal.models.reference import Team


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(HasId, HasCreated, Base):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # Changing it signs the user out everywhere (stored in the session cookie by Flask-Login).
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[datetime | None]
    # The last time-step accepted, so a code cannot be replayed within its window. Only ever raised
    # by a conditional UPDATE (portal.auth.accounts.use_code_step), so two sign-ins cannot share a code.
    totp_last_step: Mapped[int | None]
    # Wrong passwords since the last complete sign-in, from every address, and wrong codes (which only
    # follow the right password), and the lock they earned (portal.auth.accounts). The lock on the
    # account itself stays short for passwords: the long one is per account and address
    # (SignInAttempts), so somebody who only knows the address slows only themselves.
    failed_sign_ins: Mapped[int] = mapped_column(default=0, server_default="0")
    failed_codes: Mapped[int] = mapped_column(default=0, server_default="0")
    sign_in_locked_until: Mapped[datetime | None]
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"))
    # An external account (investigator, independent person, panel member) may be given a last day: from
    # the day after, it cannot sign in and its sessions end (an administrator sets it).
    expires_on: Mapped[date | None]
    last_signed_in_at: Mapped[datetime | None]
    is_demo: Mapped[bool] = mapped_column(default=False)
    # The daily email of what is theirs and new (portal.notifications.reminders); they can switch it off.
    daily_digest: Mapped[bool] = mapped_column(default=True, server_default=true())

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    team: Mapped[Team | None] = relationship(lazy="joined")

    @property
    def role_names(self) -> set[str]:
        return {r.role for r in self.roles}

    # Flask-Login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(40), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")


class SignInAttempts(Base):
    """Wrong passwords for one account from one address, and the lock they earned, whether or not an
    account has that email address (so nothing tells a guesser which addresses have accounts).

    Keyed by a keyed hash (HMAC) of the email address and the client address together; ``email_hash``
    (an HMAC of the email alone) lets an administrator clear every address's lock on an account.
    Rows left alone for a day are purged (``flask journeys purge``).
    """

    __tablename__ = "sign_in_attempts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    email_hash: Mapped[str] = mapped_column(String(64), index=True)
    failed_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(index=True)
