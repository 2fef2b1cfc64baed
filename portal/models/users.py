"""Staff and advocates who sign in, and the roles that grant them named permissions."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
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
    # Wrong passwords and codes since the last complete sign-in, and the lock they earned
    # (portal.auth.accounts): counted per account, so changing address does not buy more guesses.
    failed_sign_ins: Mapped[int] = mapped_column(default=0, server_default="0")
    sign_in_locked_until: Mapped[datetime | None]
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"))
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
