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

Run it with ``python -m bench.bare_app --port P --db URL --threads N``."""

from __future__ import annotations

import argparse
import base64
import hmac
import sys
from datetime import datetime

import requests
from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, Text, func, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

REST = "/rest/issuehub/4.0"
EXPECTED_AUTHORIZATION = "Basic " + base64.b64encode(b"admin:admin").decode()
JIRA_DATETIME = "%Y-%m-%dT%H:%M:%S.000+0000"


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


def create_bare_app(database_url: str) -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    db.init_app(app)
    app.add_url_rule(REST + "/info", view_func=info)
    app.add_url_rule(REST + "/connections", view_func=list_connections)
    app.add_url_rule(REST + "/compatibility", view_func=compatibility, methods=["POST"])
    return app


def info():
    settings = db.session.get(Settings, 1)
    return {"platform": "jira-server", "platformVersion": "9.12.0", "exalateVersion": "5.12.0",
            "baseUrl": settings.base_url, "exalateUrl": settings.exalate_url, "public": settings.public}


def list_connections():
    if not hmac.compare_digest(request.headers.get("Authorization", ""), EXPECTED_AUTHORIZATION):
        return jsonify({"errorMessages": ["Authentication required."], "errors": {}}), 401
    start_at = request.args.get("startAt", 0, type=int)
    max_results = request.args.get("maxResults", 50, type=int)
    total = db.session.scalar(select(func.count()).select_from(Connection))
    page = db.session.scalars(select(Connection).order_by(Connection.id).offset(start_at).limit(max_results)).all()
    return {"results": [c.to_json() for c in page], "total": total, "startAt": start_at,
            "maxResults": max_results, "isLast": start_at + len(page) >= total}


def compatibility():
    if not hmac.compare_digest(request.headers.get("Authorization", ""), EXPECTED_AUTHORIZATION):
        return jsonify({"errorMessages": ["Authentication required."], "errors": {}}), 401
    destination = (request.get_json(silent=True) or {}).get("destinationUrl")
    reply = requests.get(destination + REST + "/info", timeout=(3, 10))
    return {"reachable": reply.ok, "destination": reply.json() if reply.ok else None}


def seed(database_url: str, base_url: str, rows: list[dict]) -> None:
    """A new database holding the settings row and ``rows`` connections."""
    app = create_bare_app(database_url)
    with app.app_context():
        with db.engine.connect() as connection:  # as the emulator's databases; it persists in the file
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        db.create_all()
        db.session.add(Settings(id=1, base_url=base_url, exalate_url=base_url, public=True))
        if rows:
            db.session.execute(insert(Connection), rows)
        db.session.commit()
        db.engine.dispose()


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
