"""Connections to seed both apps with: the same rows, of the size real ones have.

The emulator has no bulk operation (initiating 100,000 connections one by one would take an
hour), so its rows are written here with SQLAlchemy into a database that ``create_app`` made and
seeded; the bench is a tool, not the product."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import insert

from plugin import create_app
from plugin.db import db, utcnow
from plugin.exalate import rules
from plugin.exalate.models import Connection

from . import bare_app

BATCH = 5000


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


def sqlite_url(path: Path) -> str:
    return "sqlite:///" + str(path.resolve())


def emulator_database(data_dir: Path) -> Path:
    """Where ``exalate-emulator serve --data-dir`` keeps its SQLite database."""
    return data_dir / "exalate.db"


def seed_emulator(data_dir: Path, base_url: str, count: int) -> None:
    """A first-start emulator database (users, projects, licence) plus ``count`` connections."""
    data_dir.mkdir(parents=True, exist_ok=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": sqlite_url(emulator_database(data_dir)), "BASE_URL": base_url})
    rows = connection_rows(count)
    with app.app_context():
        for first in range(0, len(rows), BATCH):
            db.session.execute(insert(Connection), rows[first:first + BATCH])
        db.session.commit()
        db.engine.dispose()


def seed_bare(database: Path, base_url: str, count: int) -> None:
    bare_app.seed(sqlite_url(database), base_url, connection_rows(count))
