"""Connection ends as an administrator manages them: list, read, rename, delete, activate,
deactivate, check with the other side, and their sync rules; plus how a new end is built and
stored, which initiating and accepting share."""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError, InvalidRequestError
from sqlalchemy.orm.exc import StaleDataError

from ..db import db, transaction
from ..errors import (
    BASIC_RULES_MESSAGE,
    MODE_TOGGLE_MESSAGE,
    VISUAL_RULES_MESSAGE,
    Conflict,
    NotFound,
    RemoteNodeError,
    ScriptSyntaxRefused,
    ValidationFailed,
)
from ..fields import (
    DESCRIPTION_MAX,
    MAX_ID,
    NAME_MAX,
    RULES_MAX,
    SHORT_NAME_RULE,
    is_blank,
    is_short_name,
    name_key,
    text_errors,
)
from ..script import ScriptSyntaxError
from . import rules
from .models import Connection, ConnectionType, Mode, Role, Status
from .peers import PeerClient
from .scripting.world import parse_rules

# What a list answers shows of each connection (plugin.rest.schemas.connection_json), as plain rows rather than
# ORM objects, and without the sync rules or the invitation code (kilobytes each): half the cost of a page.
_LISTED = (Connection.id, Connection.name, Connection.description, Connection.status, Connection.mode,
           Connection.type, Connection.role, Connection.local_short_name, Connection.remote_short_name,
           Connection.project_key, Connection.remote_url, Connection.error_message, Connection.created,
           Connection.updated)
_COUNT = select(func.count()).select_from(Connection)


@dataclass(frozen=True)
class Page:
    results: list
    total: int
    start_at: int
    max_results: int

    @property
    def is_last(self) -> bool:
        return self.start_at + len(self.results) >= self.total


@dataclass(frozen=True)
class ConnectionInfo:
    """The answers of the initiate wizard (or an invitation) that an end's record starts from."""

    mode: Mode
    local_short_name: str
    remote_short_name: str
    name: str
    description: str
    project_key: str


class Connections:
    def __init__(self, peers: PeerClient):
        self.peers = peers

    def list(self, *, start_at: int = 0, max_results: int = 50) -> Page:
        """One page of connections, in the order they were made. The doors bound the page
        (``plugin.rest.schemas.PageArgs``: at most ``MAX_PAGE``, offsets up to ``MAX_ID``)."""
        total, page = self._page(select(Connection), start_at, max_results)
        return Page(list(db.session.scalars(page)), total, start_at, max_results)

    def list_views(self, *, start_at: int = 0, max_results: int = 50) -> Page:
        """``list``, read-only: each connection a row of what a list shows (for answers, not changes)."""
        total, page = self._page(select(*_LISTED), start_at, max_results)
        return Page(list(db.session.connection().execute(page)), total, start_at, max_results)

    @staticmethod
    def _page(statement, start_at: int, max_results: int):
        db.session.flush()  # counted through the connection, which does not flush
        total = db.session.connection().scalar(_COUNT)
        # The offset is counted on the ids alone (an index scan), then only the page's rows are read.
        page_ids = select(Connection.id).order_by(Connection.id).offset(start_at).limit(max_results)
        return total, statement.where(Connection.id.in_(page_ids)).order_by(Connection.id)

    def get(self, connection_id: int) -> Connection:
        connection = db.session.get(Connection, connection_id) if 0 < connection_id <= MAX_ID else None
        if connection is None:
            raise _not_found(connection_id)
        return connection

    def update(self, connection_id: int, *, name: str | None = None, description: str | None = None,
               mode: str | None = None) -> Connection:
        connection = self.get(connection_id)
        if mode is not None and mode != connection.mode.value:
            raise ValidationFailed(field_errors={"mode": MODE_TOGGLE_MESSAGE})
        errors = name_errors(name, exclude_id=connection.id) if name is not None else {}
        errors.update(text_errors({"description": description}, max_length=DESCRIPTION_MAX))
        if errors:
            raise ValidationFailed(field_errors=errors)
        try:
            with changing(connection):
                if name is not None:
                    connection.rename(name)
                if description is not None:
                    connection.description = description
        except IntegrityError as exc:  # the same name, committed by another request meanwhile
            raise ValidationFailed.field("name", "This value is already in use.") from exc
        return connection

    def delete(self, connection_id: int) -> None:
        with transaction():
            deleted = db.session.execute(delete(Connection).where(Connection.id == self.get(connection_id).id))
        if not deleted.rowcount:  # another request deleted it first
            raise _not_found(connection_id)

    def invitation(self, connection_id: int) -> str:
        connection = self.get(connection_id)
        if connection.status != Status.PENDING or not connection.invitation_code:
            raise Conflict("The invitation code is only available while the connection is Pending.")
        return connection.invitation_code

    def check(self, connection_id: int) -> Connection:
        """Ask the other end whether it still exists. If it was removed there, this end goes to
        ERROR with the product's message; if it is there again (a retried accept made it), the
        error clears."""
        connection = self.get(connection_id)
        if not connection.has_partner:
            return connection
        try:
            found = self.peers.partner_exists(connection)
        except RemoteNodeError:
            if connection.is_pulled:  # the private end of the connection is not expected to answer
                return connection
            raise
        if found == (connection.status == Status.ERROR):  # the answer changes this end's status
            with changing(connection):
                if found:
                    connection.partner_found()
                else:
                    connection.mark_removed_remotely()
        return connection

    def activate(self, connection_id: int) -> Connection:
        """Resume synchronization; the other end is asked first whether it still exists."""
        connection = self.check(connection_id)
        with changing(connection):
            connection.activate()
        return connection

    def deactivate(self, connection_id: int) -> Connection:
        connection = self.get(connection_id)
        with changing(connection):
            connection.deactivate()
        return connection

    def rules(self, connection_id: int) -> Connection:
        return self.get(connection_id)

    def update_rules(self, connection_id: int, *, outgoing: str | None = None,
                     incoming: str | None = None) -> Connection:
        connection = self.get(connection_id)
        if connection.mode == Mode.BASIC:
            raise ValidationFailed(BASIC_RULES_MESSAGE)
        if connection.mode == Mode.VISUAL:
            raise ValidationFailed(VISUAL_RULES_MESSAGE)
        errors = text_errors({"outgoing": outgoing, "incoming": incoming}, max_length=RULES_MAX, strip=False)
        if outgoing is None and incoming is None:
            errors["outgoing"] = "Give the outgoing or the incoming sync script."
        if errors:
            raise ValidationFailed(field_errors=errors)
        check_syntax({"outgoing": outgoing, "incoming": incoming})
        with changing(connection):
            if outgoing is not None:
                connection.outgoing_rules = outgoing
            if incoming is not None:
                connection.incoming_rules = incoming
        return connection


def check_syntax(scripts: dict[str, str | None]) -> None:
    """Refuse scripts that do not parse, naming the side, the line and the column. A script that parses is
    accepted even if it would fail when it runs: only a run can tell."""
    positions, errors = {}, {}
    for side, script in scripts.items():
        try:
            if script is not None:
                parse_rules(script)
        except ScriptSyntaxError as error:
            if error.line is None:
                errors[side] = error.message
                continue
            positions[side] = (error.line, error.column)
            errors[side] = f"line {error.line}, column {error.column}: {error.message}"
    if errors:
        raise ScriptSyntaxRefused(positions, errors)


@contextmanager
def changing(connection: Connection):
    """One change of a stored end, in one transaction, read back once committed (its answer is
    rendered from it). An end that another request deleted meanwhile is not found: the change
    had nothing left to change."""
    connection_id = connection.id
    try:
        with transaction():
            yield
        db.session.refresh(connection)
    except (StaleDataError, InvalidRequestError) as exc:  # InvalidRequestError: the refresh found no row
        if db.session.get(Connection, connection_id) is not None:
            raise
        raise _not_found(connection_id) from exc


def _not_found(connection_id: int) -> NotFound:
    return NotFound(f"Connection {connection_id} does not exist.")


# ------------------------------------------------------- building and storing a new end


def info_errors(local_short_name: str | None, remote_short_name: str | None, name: str | None,
                description: str | None) -> dict[str, str]:
    """What is wrong with a new connection's information, field by field."""
    errors = {}
    for field_name, value in (("local_short_name", local_short_name), ("remote_short_name", remote_short_name)):
        if is_blank(value):
            errors[field_name] = "This field is required."
        elif not is_short_name(value):
            errors[field_name] = SHORT_NAME_RULE
    errors.update(name_errors(name))
    errors.update(text_errors({"description": description}, max_length=DESCRIPTION_MAX))
    return errors


def name_errors(name: str | None, *, exclude_id: int | None = None) -> dict[str, str]:
    errors = text_errors({"name": name}, required=("name",), max_length=NAME_MAX)
    if errors:
        return errors
    query = select(Connection.id).where(Connection.name_key == name_key(name))
    if exclude_id is not None:
        query = query.where(Connection.id != exclude_id)
    if db.session.scalar(query) is not None:
        return {"name": f"A connection named '{name.strip()}' already exists."}
    return {}


def build_end(info: ConnectionInfo, *, type: ConnectionType | str, role: Role, status: Status,
              remote_url: str | None, shared_secret: str, invitation_id: str | None,
              uid: str | None = None) -> Connection:
    """A new end with the default sync rules for its project (not stored yet)."""
    connection = Connection(
        uid=uid or uuid.uuid4().hex,
        description=info.description or "",
        status=status,
        mode=info.mode,
        type=ConnectionType(type),
        role=role,
        local_short_name=info.local_short_name,
        remote_short_name=info.remote_short_name,
        project_key=info.project_key,
        remote_url=remote_url,
        shared_secret=shared_secret,
        invitation_id=invitation_id,
        outgoing_rules=rules.default_outgoing(basic=info.mode == Mode.BASIC),
        incoming_rules=rules.default_incoming(info.project_key, basic=info.mode == Mode.BASIC),
    )
    connection.rename(info.name)
    return connection


def store_end(connection: Connection) -> None:
    """Store a new end. A unique key that another request took meanwhile is the name's error
    (an acceptor tells it from its invitation's: ``plugin.exalate.handshake``)."""
    try:
        with transaction():
            db.session.add(connection)
    except IntegrityError as exc:
        raise ValidationFailed.field("name", f"A connection named '{connection.name}' already exists.") from exc
