"""The host Jira's tables: users, failed logins, login sessions, projects; issues with their
labels, comments and attachments, and the catalogs they draw on (types, priorities, statuses,
resolutions)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db, utcnow
from ..fields import ISSUE_KEY_MAX, LABEL_MAX, SHORT_TEXT_MAX, SUMMARY_MAX

PROJECT_ID_OFFSET = 10000


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
    # The last issue number used; a create takes the next with one atomic UPDATE … RETURNING.
    issue_counter: Mapped[int] = mapped_column(default=0, server_default="0")

    @property
    def jira_id(self) -> int:
        """The id Jira shows for the project (a new Jira numbers projects from 10000)."""
        return PROJECT_ID_OFFSET + self.id


class IssueType(db.Model):
    __tablename__ = "issue_types"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), unique=True)
    subtask: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str] = mapped_column(Text, default="")


class Priority(db.Model):
    __tablename__ = "priorities"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), unique=True)
    sequence: Mapped[int]  # Highest = 1 … Lowest = 5: JQL orders and compares priorities by it


class Status(db.Model):
    __tablename__ = "statuses"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), unique=True)
    category: Mapped[str] = mapped_column(String(16))  # "new" | "indeterminate" | "done"


class Resolution(db.Model):
    __tablename__ = "resolutions"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), unique=True)


class Issue(db.Model):
    __tablename__ = "issues"
    __table_args__ = (
        Index("ix_issues_project_id_created", "project_id", "created"),
        # Sub-tasks only: SQLite's statistics count the other issues' NULLs as one value shared by all, and
        # the planner would then scan the table rather than look a page's sub-tasks up.
        Index("ix_issues_parent_id", "parent_id", sqlite_where=text("parent_id IS NOT NULL"),
              postgresql_where=text("parent_id IS NOT NULL")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    number: Mapped[int]
    key: Mapped[str] = mapped_column(String(ISSUE_KEY_MAX), unique=True)
    issue_type_id: Mapped[int] = mapped_column(ForeignKey("issue_types.id"))
    summary: Mapped[str] = mapped_column(String(SUMMARY_MAX))
    description: Mapped[str | None] = mapped_column(Text)
    status_id: Mapped[int] = mapped_column(ForeignKey("statuses.id"))
    priority_id: Mapped[int | None] = mapped_column(ForeignKey("priorities.id"))
    resolution_id: Mapped[int | None] = mapped_column(ForeignKey("resolutions.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # Sub-tasks go with their parent, as in Jira.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"))
    created: Mapped[datetime] = mapped_column(index=True, default=utcnow)
    updated: Mapped[datetime] = mapped_column(index=True, default=utcnow)

    project: Mapped[Project] = relationship()
    issue_type: Mapped[IssueType] = relationship()
    status: Mapped[Status] = relationship()
    priority: Mapped[Priority | None] = relationship()
    resolution: Mapped[Resolution | None] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id])
    parent: Mapped[Issue | None] = relationship(remote_side=[id], back_populates="subtasks")
    subtasks: Mapped[list[Issue]] = relationship(back_populates="parent", order_by="Issue.id",
                                                 cascade="all, delete-orphan", passive_deletes=True)
    label_rows: Mapped[list[IssueLabel]] = relationship(order_by="IssueLabel.label", cascade="all, delete-orphan",
                                                        passive_deletes=True, lazy="selectin")
    comments: Mapped[list[Comment]] = relationship(order_by="Comment.id", cascade="all, delete-orphan",
                                                   passive_deletes=True, back_populates="issue")
    attachments: Mapped[list[Attachment]] = relationship(order_by="Attachment.id", cascade="all, delete-orphan",
                                                         passive_deletes=True, back_populates="issue")

    @property
    def labels(self) -> list[str]:
        return [row.label for row in self.label_rows]


class IssueLabel(db.Model):
    __tablename__ = "issue_labels"
    # "labels = x" reads the label's issues from this index alone.
    __table_args__ = (Index("ix_issue_labels_label_issue_id", "label", "issue_id"),)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True)
    label: Mapped[str] = mapped_column(String(LABEL_MAX), primary_key=True)


class Comment(db.Model):
    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(default=utcnow)
    updated: Mapped[datetime] = mapped_column(default=utcnow)

    issue: Mapped[Issue] = relationship(back_populates="comments")
    author: Mapped[User] = relationship()


class Attachment(db.Model):
    """A file attached to an issue, kept in the database so every node of a cluster serves it."""

    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX))
    mime_type: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX))
    size: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created: Mapped[datetime] = mapped_column(default=utcnow)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # read only when downloaded

    issue: Mapped[Issue] = relationship(back_populates="attachments")
    author: Mapped[User] = relationship()
