"""The baseline: a bare Flask + Flask-SQLAlchemy app answering what the emulator's measured
resources answer, the plain way, on the same WSGI server (waitress).

"Equivalent" means the same work that a correct answer needs, and nothing more:

* ``GET /info`` reads the one settings row by primary key (the emulator must too: settings are
  shared by the nodes of a cluster, so they live in the database) and returns a small JSON object
  built by hand.
* ``GET /connections?startAt=&maxResults=`` checks HTTP Basic against one fixed user with
  ``hmac.compare_digest``, counts the rows, loads one page ordered by id through the ORM, and
  serialises it by hand into the emulator's shape (``results``/``total``/``startAt``/
  ``maxResults``/``isLast``, the same fields per connection).
* ``POST /compatibility`` fetches the destination's ``/info`` with ``requests`` (with a timeout)
  and returns what it learnt.
* ``POST /rest/api/2/issue`` checks HTTP Basic, reads the project key, summary and labels from the
  JSON body and, in one transaction, takes the project's next issue number (``UPDATE … RETURNING``),
  inserts the issue and its labels; it answers ``{id, key, self}`` with 201.
* ``GET /rest/api/2/issue/{key}`` checks HTTP Basic, loads the issue by key through the ORM with what
  it refers to (project, type, status, priority, resolution, people: joined; labels, sub-tasks,
  attachments and comments: one ``selectin`` query each) and serialises it by hand into the emulator's shape, which is
  Jira's: every system field, each referenced object whole, with its ``self`` link.
* ``GET /rest/api/2/search?jql=project = K AND labels = L ORDER BY created DESC`` (that one shape, matched
  with a regular expression: no JQL parser) checks HTTP Basic, counts the matches and loads the first page
  (issues joined to their labels, ordered by created and id, descending) through the ORM with the same
  loads, and answers each issue in that same shape with Jira's navigable fields (all but the comments).
* ``GET /rest/api/2/search/reduced`` (the same query) answers a floor rather than the same work: each
  issue's own columns and labels, each reference as ``{"id"}``, its page's labels in one more statement.

Run it with ``python -m bench.bare_app --port P --db URL --threads N``."""

from __future__ import annotations

import argparse
import base64
import hmac
import re
import sys
from datetime import datetime, timezone

import requests
from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, Index, Select, String, Text, func, insert, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, lazyload, mapped_column, relationship, selectinload

from . import bare_jira as jira
from .bare_jira import API, JIRA_DATETIME

REST = "/rest/issuehub/4.0"
# The catalogue rows a bench issue refers to, by id, as the emulator's first start makes them.
CATALOGUE_IDS = {"DEMO": 1, "SUP": 2, "issue_type": 10001, "status": 10000, "priority": 3, "reporter": 1}
SEARCH = re.compile(r"project\s*=\s*(\w+)\s+AND\s+labels\s*=\s*(\w+)\s+ORDER BY created DESC\Z", re.IGNORECASE)
PAGE = 50
EXPECTED_AUTHORIZATION = "Basic " + base64.b64encode(b"admin:admin").decode()


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Settings(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    base_url: Mapped[str] = mapped_column(String(255))
    exalate_url: Mapped[str] = mapped_column(String(255))
    public: Mapped[bool]


class Connection(db.Model):
    """The emulator's ``connections`` columns, so that both apps store rows of the same size."""

    __tablename__ = "connections"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    name_key: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(16))
    local_short_name: Mapped[str] = mapped_column(String(64))
    remote_short_name: Mapped[str] = mapped_column(String(64))
    project_key: Mapped[str] = mapped_column(String(16))
    remote_url: Mapped[str | None] = mapped_column(String(255))
    remote_uid: Mapped[str | None] = mapped_column(String(32))
    shared_secret: Mapped[str] = mapped_column(String(128))
    invitation_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    invitation_code: Mapped[str | None] = mapped_column(Text)
    error_message: Mapped[str | None] = mapped_column(Text)
    outgoing_rules: Mapped[str] = mapped_column(Text)
    incoming_rules: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime]
    updated: Mapped[datetime]

    def to_json(self) -> dict:
        return {
            "id": self.id, "name": self.name, "description": self.description, "status": self.status,
            "mode": self.mode, "type": self.type, "role": self.role, "localShortName": self.local_short_name,
            "remoteShortName": self.remote_short_name, "projectKey": self.project_key,
            "communication": {"remoteUrl": self.remote_url}, "errorMessage": self.error_message,
            "created": self.created.strftime(JIRA_DATETIME), "updated": self.updated.strftime(JIRA_DATETIME),
        }


class Project(db.Model):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    issue_counter: Mapped[int]


class IssueType(db.Model):
    __tablename__ = "issue_types"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text)
    subtask: Mapped[bool]


class Status(db.Model):
    __tablename__ = "statuses"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    category: Mapped[str] = mapped_column(String(16))


class Priority(db.Model):
    __tablename__ = "priorities"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))


class Resolution(db.Model):
    __tablename__ = "resolutions"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))


class User(db.Model):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(255), unique=True)
    display_name: Mapped[str] = mapped_column(String(255))
    email: Mapped[str] = mapped_column(String(255))


class Issue(db.Model):
    """The emulator's ``issues`` columns and indexes."""

    __tablename__ = "issues"
    __table_args__ = (Index("ix_issues_project_id_created", "project_id", "created"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    number: Mapped[int]
    key: Mapped[str] = mapped_column(String(32), unique=True)
    issue_type_id: Mapped[int] = mapped_column(ForeignKey("issue_types.id"))
    summary: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    status_id: Mapped[int] = mapped_column(ForeignKey("statuses.id"))
    priority_id: Mapped[int | None] = mapped_column(ForeignKey("priorities.id"))
    resolution_id: Mapped[int | None] = mapped_column(ForeignKey("resolutions.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id"))
    created: Mapped[datetime] = mapped_column(index=True)
    updated: Mapped[datetime] = mapped_column(index=True)

    project: Mapped[Project] = relationship(lazy="joined")
    issue_type: Mapped[IssueType] = relationship(lazy="joined")
    status: Mapped[Status] = relationship(lazy="joined")
    priority: Mapped[Priority | None] = relationship(lazy="joined")
    resolution: Mapped[Resolution | None] = relationship(lazy="joined")
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id], lazy="joined")
    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id], lazy="joined")
    parent: Mapped[Issue | None] = relationship(remote_side=[id], back_populates="subtasks")
    subtasks: Mapped[list[Issue]] = relationship(back_populates="parent", order_by="Issue.id")
    labels: Mapped[list[IssueLabel]] = relationship(order_by="IssueLabel.label")
    attachments: Mapped[list[Attachment]] = relationship(order_by="Attachment.id")
    comments: Mapped[list[Comment]] = relationship(order_by="Comment.id")

    def to_json(self, navigable: bool = False) -> dict:
        """Jira's shape, as the emulator answers it: every system field (``navigable``: all but the comments)."""
        done = self.status.category == "done"
        fields = {"summary": self.summary, "description": self.description,
                  "issuetype": jira.issue_type_json(self.issue_type), "project": jira.project_json(self.project),
                  "status": jira.status_json(self.status), "priority": jira.priority_json(self.priority),
                  "resolution": jira.resolution_json(self.resolution), "labels": [label.label for label in self.labels],
                  "assignee": jira.user_json(self.assignee), "reporter": jira.user_json(self.reporter),
                  "creator": jira.user_json(self.reporter), "parent": self.parent and self.parent.link_json(),
                  "subtasks": [subtask.link_json() for subtask in self.subtasks],
                  "created": jira.jira_datetime(self.created), "updated": jira.jira_datetime(self.updated),
                  "resolutiondate": jira.jira_datetime(self.updated) if done and self.resolution else None}
        if not navigable:
            fields["comment"] = {"startAt": 0, "maxResults": len(self.comments), "total": len(self.comments),
                                 "comments": [jira.comment_json(comment) for comment in self.comments]}
        fields["attachment"] = [jira.attachment_json(attachment) for attachment in self.attachments]
        return {"expand": "renderedFields,names,schema,transitions,changelog", "id": str(self.id),
                "self": jira.api_url(f"/issue/{self.id}"), "key": self.key, "fields": fields}

    def link_json(self) -> dict:
        return {"id": str(self.id), "key": self.key, "self": jira.api_url(f"/issue/{self.id}"),
                "fields": {"summary": self.summary, "status": jira.status_json(self.status),
                           "priority": jira.priority_json(self.priority),
                           "issuetype": jira.issue_type_json(self.issue_type)}}

    def reduced_json(self, labels: list[str]) -> dict:
        return {"id": str(self.id), "key": self.key, "self": jira.api_url(f"/issue/{self.id}"),
                "fields": {"summary": self.summary, "description": self.description, "labels": labels,
                           "issuetype": {"id": str(self.issue_type_id)}, "status": {"id": str(self.status_id)},
                           "priority": {"id": str(self.priority_id)}, "reporter": {"id": str(self.reporter_id)},
                           "created": self.created.strftime(JIRA_DATETIME),
                           "updated": self.updated.strftime(JIRA_DATETIME)}}


class IssueLabel(db.Model):
    __tablename__ = "issue_labels"
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id"), primary_key=True)
    label: Mapped[str] = mapped_column(String(255), primary_key=True, index=True)


class Attachment(db.Model):
    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(255))
    size: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created: Mapped[datetime]

    author: Mapped[User] = relationship(lazy="joined")


class Comment(db.Model):
    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime]
    updated: Mapped[datetime]

    author: Mapped[User] = relationship(lazy="joined")


# What an issue's answer reads besides its row and its joined references: one query each for a page (a
# search's answer has no comments: they are not navigable).
ISSUE_LOADS = (selectinload(Issue.labels), selectinload(Issue.subtasks), selectinload(Issue.attachments))


def create_bare_app(database_url: str) -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    db.init_app(app)
    app.add_url_rule(REST + "/info", view_func=info)
    app.add_url_rule(REST + "/connections", view_func=list_connections)
    app.add_url_rule(REST + "/compatibility", view_func=compatibility, methods=["POST"])
    app.add_url_rule(API + "/issue", view_func=create_issue, methods=["POST"])
    app.add_url_rule(API + "/issue/<key>", view_func=read_issue)
    app.add_url_rule(API + "/search", view_func=search_issues)
    app.add_url_rule(API + "/search/reduced", view_func=search_reduced)
    app.before_request(_require_basic)
    return app


def _require_basic():
    """Every resource but ``/info`` needs HTTP Basic as the one fixed user."""
    if request.endpoint == "info" or hmac.compare_digest(request.headers.get("Authorization", ""),
                                                         EXPECTED_AUTHORIZATION):
        return None
    return jsonify({"errorMessages": ["Authentication required."], "errors": {}}), 401


def info():
    settings = db.session.get(Settings, 1)
    return {"platform": "jira-server", "platformVersion": "9.12.0", "exalateVersion": "5.12.0",
            "baseUrl": settings.base_url, "exalateUrl": settings.exalate_url, "public": settings.public}


def list_connections():
    start_at = request.args.get("startAt", 0, type=int)
    max_results = request.args.get("maxResults", 50, type=int)
    total = db.session.scalar(select(func.count()).select_from(Connection))
    page = db.session.scalars(select(Connection).order_by(Connection.id).offset(start_at).limit(max_results)).all()
    return {"results": [c.to_json() for c in page], "total": total, "startAt": start_at,
            "maxResults": max_results, "isLast": start_at + len(page) >= total}


def compatibility():
    destination = (request.get_json(silent=True) or {}).get("destinationUrl")
    reply = requests.get(destination + REST + "/info", timeout=(3, 10))
    return {"reachable": reply.ok, "destination": reply.json() if reply.ok else None}


def create_issue():
    fields = (request.get_json(silent=True) or {}).get("fields") or {}
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    key = fields["project"]["key"]
    number = db.session.execute(update(Project).where(Project.key == key)
                                .values(issue_counter=Project.issue_counter + 1)
                                .returning(Project.id, Project.issue_counter)).one()
    issue = Issue(project_id=number.id, number=number.issue_counter, key=f"{key}-{number.issue_counter}",
                  summary=fields["summary"], issue_type_id=CATALOGUE_IDS["issue_type"],
                  status_id=CATALOGUE_IDS["status"], priority_id=CATALOGUE_IDS["priority"],
                  reporter_id=CATALOGUE_IDS["reporter"], created=now, updated=now)
    db.session.add(issue)
    db.session.flush()
    db.session.add_all([IssueLabel(issue_id=issue.id, label=label) for label in set(fields.get("labels", []))])
    db.session.commit()
    return {"id": str(issue.id), "key": issue.key, "self": jira.api_url(f"/issue/{issue.id}")}, 201


def read_issue(key: str):
    issue = db.session.scalars(select(Issue).where(Issue.key == key)
                               .options(*ISSUE_LOADS, selectinload(Issue.comments))).one_or_none()
    if issue is None:
        return jsonify({"errorMessages": ["Issue Does Not Exist"], "errors": {}}), 404
    return issue.to_json()


def _matching() -> tuple[Select, int]:
    project_key, label = SEARCH.match(request.args["jql"]).groups()
    matching = (select(Issue).join(IssueLabel, IssueLabel.issue_id == Issue.id)
                .join(Project, Project.id == Issue.project_id)
                .where(Project.key == project_key, IssueLabel.label == label))
    total = db.session.scalar(select(func.count()).select_from(matching.subquery()))
    return matching.order_by(Issue.created.desc(), Issue.id.desc()).limit(PAGE), total


def search_issues():
    page, total = _matching()
    issues = db.session.scalars(page.options(*ISSUE_LOADS)).unique().all()
    return {"expand": "schema,names", "startAt": 0, "maxResults": PAGE, "total": total,
            "issues": [issue.to_json(navigable=True) for issue in issues]}


def search_reduced():
    page, total = _matching()
    issues = db.session.scalars(page.options(lazyload("*"))).all()
    labels: dict[int, list[str]] = {issue.id: [] for issue in issues}
    for issue_id, name in db.session.execute(select(IssueLabel.issue_id, IssueLabel.label)
                                             .where(IssueLabel.issue_id.in_(labels)).order_by(IssueLabel.label)):
        labels[issue_id].append(name)
    return {"expand": "schema,names", "startAt": 0, "maxResults": PAGE, "total": total,
            "issues": [issue.reduced_json(labels[issue.id]) for issue in issues]}


def seed(database_url: str, base_url: str, rows: list[dict], issues: list[dict] = (), labels: list[dict] = (),
         counters: dict[int, int] | None = None) -> None:
    """A new database holding the settings row, ``rows`` connections, the projects with their issue
    ``counters`` (project id -> last number), and ``issues`` with their ``labels``."""
    app = create_bare_app(database_url)
    with app.app_context():
        with db.engine.connect() as connection:  # as the emulator's databases; it persists in the file
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        db.create_all()
        db.session.add(Settings(id=1, base_url=base_url, exalate_url=base_url, public=True))
        counters = counters or {}
        db.session.add_all([Project(id=CATALOGUE_IDS[key], key=key, name=name,
                                    issue_counter=counters.get(CATALOGUE_IDS[key], 0))
                            for key, name in (("DEMO", "Demo"), ("SUP", "Support"))])
        db.session.add_all(_catalogue())
        db.session.flush()
        for model, values in ((Connection, rows), (Issue, issues), (IssueLabel, labels)):
            if values:
                db.session.execute(insert(model), list(values))
        db.session.commit()
        db.engine.dispose()


def _catalogue() -> list:
    """The catalogue rows the bench's issues refer to, as the emulator's first start makes them."""
    return [
        IssueType(id=CATALOGUE_IDS["issue_type"], name="Task", description="A task that needs to be done.",
                  subtask=False),
        Status(id=CATALOGUE_IDS["status"], name="To Do", category="new"),
        Priority(id=CATALOGUE_IDS["priority"], name="Medium"),
        User(id=CATALOGUE_IDS["reporter"], username="admin", display_name="Administrator",
             email="admin@example.com"),
    ]


def main(argv: list[str] | None = None) -> int:
    from waitress import serve

    parser = argparse.ArgumentParser(prog="python -m bench.bare_app", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", required=True, help="SQLAlchemy database URL, seeded by bench.bare_app.seed")
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args(argv)
    serve(create_bare_app(args.db), host="127.0.0.1", port=args.port, threads=args.threads, _quiet=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
