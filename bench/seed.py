"""Connections and issues to seed both apps with: the same rows, of the size real ones have.

The emulator has no bulk operation (initiating 100,000 connections one by one would take an
hour), so its rows are written here with SQLAlchemy Core into a database that ``create_app`` made and
seeded; the bench is a tool, not the product."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select, update

from plugin import create_app
from plugin.db import db, utcnow
from plugin.exalate import rules
from plugin.exalate.models import Connection
from plugin.jira.models import Issue, IssueLabel, IssueType, Priority, Project, Status, User

from . import bare_app

BATCH = 5000
SEARCHED_LABEL = "x"
# Every issue has one or two labels: SEARCHED_LABEL on one in ten, the others spread over the rest.
OTHER_LABELS = ("backend", "frontend", "ui", "api", "docs", "customer", "regression", "security", "infra")
SUP_SHARE = 5  # one issue in five is in SUP, the others in DEMO


def connection_rows(count: int) -> list[dict]:
    """``count`` Active Script connections with default sync rules, as an accepted invitation
    leaves them."""
    now = utcnow()
    incoming = rules.default_incoming("DEMO")
    return [
        {
            "uid": uuid.uuid4().hex, "name": f"JiraA_to_Node{n}", "name_key": f"jiraa_to_node{n}",
            "description": f"Benchmark connection {n}", "status": "ACTIVE", "mode": "SCRIPT", "type": "PUBLIC",
            "role": "INITIATOR", "local_short_name": "JiraA", "remote_short_name": f"Node{n}",
            "project_key": "DEMO", "remote_url": f"http://node-{n}.example.com", "remote_uid": uuid.uuid4().hex,
            "shared_secret": uuid.uuid4().hex, "invitation_id": None, "invitation_code": None,
            "error_message": None, "outgoing_rules": rules.DEFAULT_OUTGOING, "incoming_rules": incoming,
            "created": now, "updated": now,
        }
        for n in range(1, count + 1)
    ]


def issue_rows(count: int, ids: dict[str, int], now: datetime | None = None) -> tuple[list[dict], list[dict]]:
    """``count`` issues (To Do Tasks of medium priority reported by admin, one minute apart, ending ``now``)
    and their labels; ``ids`` names the projects (``DEMO``, ``SUP``) and the catalogue rows by id."""
    now = now or utcnow()
    numbers = {"DEMO": 0, "SUP": 0}
    issues, labels = [], []
    for n in range(1, count + 1):
        project = "SUP" if n % SUP_SHARE == 0 else "DEMO"
        numbers[project] += 1
        created = now - timedelta(minutes=count - n)
        issues.append({
            "id": n, "project_id": ids[project], "number": numbers[project], "key": f"{project}-{numbers[project]}",
            "issue_type_id": ids["issue_type"], "summary": f"Benchmark issue {n}", "description": None,
            "status_id": ids["status"], "priority_id": ids["priority"], "resolution_id": None,
            "assignee_id": None, "reporter_id": ids["reporter"], "parent_id": None, "created": created,
            "updated": created})
        labels.append({"issue_id": n, "label": SEARCHED_LABEL if n % 10 == 3 else OTHER_LABELS[n % 9]})
        if n % 3 == 0:
            labels.append({"issue_id": n, "label": OTHER_LABELS[(n // 3) % 9]})
    return issues, _distinct(labels)


def _distinct(labels: list[dict]) -> list[dict]:
    return list({(row["issue_id"], row["label"]): row for row in labels}.values())


def issue_counters(issues: list[dict], ids: dict[str, int]) -> dict[int, int]:
    """Each project's issue counter once ``issues`` are in: its highest number."""
    counters = {ids[project]: 0 for project in ("DEMO", "SUP")}
    for row in issues:
        counters[row["project_id"]] = max(counters[row["project_id"]], row["number"])
    return counters


def sqlite_url(path: Path) -> str:
    return "sqlite:///" + str(path.resolve())


def emulator_database(data_dir: Path) -> Path:
    """Where ``exalate-emulator serve --data-dir`` keeps its SQLite database."""
    return data_dir / "exalate.db"


def seed_emulator(data_dir: Path, base_url: str, count: int, issues: int = 0, *,
                  database: str | None = None, now: datetime | None = None) -> None:
    """A first-start emulator database (users, projects, licence) plus ``count`` connections and
    ``issues`` issues: SQLite in ``data_dir``, or the empty database at URL ``database``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    database = database or sqlite_url(emulator_database(data_dir))
    app = create_app({"SQLALCHEMY_DATABASE_URI": database, "BASE_URL": base_url,
                      "SYNC_WORKER": False})  # seeding only: no sync worker polling beside the bulk inserts
    with app.app_context():
        _insert(Connection, connection_rows(count))
        if issues:
            ids = _emulator_ids()
            issue_list, labels = issue_rows(issues, ids, now)
            _insert(Issue, issue_list)
            _insert(IssueLabel, labels)
            for project_id, counter in issue_counters(issue_list, ids).items():
                db.session.execute(update(Project).where(Project.id == project_id).values(issue_counter=counter))
        db.session.commit()
        db.engine.dispose()


def _insert(model, rows: list[dict]) -> None:
    for first in range(0, len(rows), BATCH):
        db.session.execute(insert(model), rows[first:first + BATCH])


def _emulator_ids() -> dict[str, int]:
    def named(model, column, value):
        return db.session.scalar(select(model.id).where(column == value))
    return {"DEMO": named(Project, Project.key, "DEMO"), "SUP": named(Project, Project.key, "SUP"),
            "issue_type": named(IssueType, IssueType.name, "Task"), "status": named(Status, Status.name, "To Do"),
            "priority": named(Priority, Priority.name, "Medium"), "reporter": named(User, User.username, "admin")}


def seed_bare(database: Path, base_url: str, count: int, issues: int = 0, *, now: datetime | None = None) -> None:
    issue_list, labels = issue_rows(issues, bare_app.CATALOGUE_IDS, now)
    bare_app.seed(sqlite_url(database), base_url, connection_rows(count), issue_list, labels,
                  issue_counters(issue_list, bare_app.CATALOGUE_IDS))
