"""The host Jira's tables: users, failed logins, login sessions, projects."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import db
from ..fields import SHORT_TEXT_MAX


class User(db.Model):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), unique=True)
    display_name: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX))
    email: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX))
    password_hash: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX))
    is_admin: Mapped[bool] = mapped_column(default=False)


class LoginFailure(db.Model):
    """Password checks claimed per user name since ``first_failed_at`` (those that failed and
    those still running), for throttling; shared by every node of a cluster."""

    __tablename__ = "login_failures"
    username: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    first_failed_at: Mapped[datetime] = mapped_column(index=True)  # ended windows are removed by it


class LoginSession(db.Model):
    """A logged-in browser: the session cookie holds the token, this table only its digest.
    Logging out deletes the row, on whichever node of the cluster."""

    __tablename__ = "login_sessions"
    token_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    expires_at: Mapped[datetime] = mapped_column(index=True)


class Project(db.Model):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX))
    lead: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX))
    description: Mapped[str] = mapped_column(Text, default="")
