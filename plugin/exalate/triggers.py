"""Triggers, per connection: *if* a JQL query matches an issue, *then sync* it with the connection, with notes
and an active switch. The query is checked on save by the host Jira's JQL engine. The sync engine asks
``matching(issue)`` which connections an issue that changed goes to; *Bulk Exalate* and *Bulk Unexalate* run a
trigger's query and hand every issue it finds to the sync operations given to ``Triggers``.

A trigger that stopped being valid after it was saved (its project or user was removed since) matches
nothing rather than failing the change that asked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from sqlalchemy import delete, false, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ..db import db, transaction
from ..errors import Conflict, DomainError, NotFound, ValidationFailed
from ..fields import DESCRIPTION_MAX, MAX_ID, MAX_PAGE, NAME_MAX, REQUIRED, name_key, searchable, text_errors
from ..jira.events import Actor
from ..jira.jql import checked_condition
from ..jira.jql.syntax import MAX_QUERY_LENGTH
from ..jira.models import Issue
from .connections import Connections
from .models import ISSUE_ENTITY, Connection, Trigger

NO_SYNC = "Issue sync is not running on this instance: bulk operations need it."


class SyncOperations(Protocol):
    """What a bulk operation does with each issue: the sync engine's Exalate and Unexalate."""

    def exalate_issue(self, connection_ref: int | str, issue_key: str, actor: Actor): ...

    def unexalate_issue(self, connection_ref: int | str, issue_key: str, actor: Actor): ...


class Triggers:
    def __init__(self, connections: Connections, sync: SyncOperations | None = None):
        self.connections = connections
        self.sync = sync

    def list(self, connection_id: int | None = None) -> list[Trigger]:
        """Every trigger (of one connection, if given), oldest first."""
        query = select(Trigger).order_by(Trigger.id)
        if connection_id is not None:
            query = query.where(Trigger.connection_id == self.connections.get(connection_id).id)
        return list(db.session.scalars(query))

    def get(self, trigger_id: int) -> Trigger:
        trigger = db.session.get(Trigger, trigger_id) if 0 < trigger_id <= MAX_ID else None
        if trigger is None:
            raise NotFound(f"Trigger {trigger_id} does not exist.")
        return trigger

    def create(self, connection_id: int | None, *, query: str | None, notes: str | None = None,
               active: bool | None = None, entity_type: str | None = None) -> Trigger:
        """A new trigger of the connection (None: none was chosen, the field's error)."""
        connection = self.connections.get(connection_id) if connection_id is not None else None
        _check(query=query, notes=notes, entity_type=entity_type, required=True,
               connection=REQUIRED if connection is None else None)
        trigger = Trigger(connection=connection, entity_type=ISSUE_ENTITY, jql=query.strip(), notes=notes or "",
                          active=True if active is None else active)
        try:
            with transaction():
                db.session.add(trigger)
        except IntegrityError:
            self.connections.get(connection_id)  # deleted meanwhile: not found
            raise
        return trigger

    def update(self, trigger_id: int, *, connection: int | str | None = None, query: str | None = None,
               notes: str | None = None, active: bool | None = None, entity_type: str | None = None) -> Trigger:
        """Change what is given; what is left out stays."""
        trigger = self.get(trigger_id)
        moved_to = _connection(connection) if connection is not None else None
        _check(query=query, notes=notes, entity_type=entity_type)
        try:
            with transaction():
                if moved_to is not None:
                    trigger.connection = moved_to
                if query is not None:
                    trigger.jql = query.strip()
                if notes is not None:
                    trigger.notes = notes
                if active is not None:
                    trigger.active = active
        except StaleDataError as exc:  # another request deleted the trigger meanwhile
            raise NotFound(f"Trigger {trigger_id} does not exist.") from exc
        except IntegrityError as exc:  # ... or the connection it moves to
            raise ValidationFailed.field("connection", f"Connection {connection} does not exist.") from exc
        return trigger

    def delete(self, trigger_id: int) -> None:
        with transaction():
            deleted = db.session.execute(delete(Trigger).where(Trigger.id == self.get(trigger_id).id))
        if not deleted.rowcount:  # another request deleted it first
            raise NotFound(f"Trigger {trigger_id} does not exist.")

    def matching(self, issue: Issue) -> list[int]:
        """The connections whose active triggers select ``issue``, each once: asked of the database in one
        statement, the issue as it stands in this transaction."""
        db.session.flush()  # the JQL's look-ups read through the connection, which does not flush
        conditions = {}
        for connection_id, jql in db.session.execute(_ACTIVE):
            conditions.setdefault(connection_id, []).append(_condition(jql))
        if not conditions:
            return []
        columns = [or_(*found).label(f"c{connection_id}") for connection_id, found in conditions.items()]
        row = db.session.execute(select(*columns).select_from(Issue).where(Issue.id == issue.id)).first()
        return [] if row is None else [connection_id for connection_id, hit in zip(conditions, row, strict=True) if hit]

    def bulk_exalate(self, trigger_id: int, actor: Actor) -> int:
        """Exalate every issue the trigger's query finds (the engine updates those already under sync); how
        many the engine took."""
        return self._bulk(trigger_id, actor, "exalate_issue")

    def bulk_unexalate(self, trigger_id: int, actor: Actor) -> int:
        """Stop the sync of every issue the trigger's query finds; how many were under sync and stopped."""
        return self._bulk(trigger_id, actor, "unexalate_issue")

    def _bulk(self, trigger_id: int, actor: Actor, operation: str) -> int:
        trigger = self.get(trigger_id)
        if self.sync is None:
            raise Conflict(NO_SYNC)
        run = getattr(self.sync, operation)
        connection_id, condition = trigger.connection_id, checked_condition(trigger.jql, current_username=None)
        count = 0
        for issue_key in _issue_keys(condition):
            try:  # each issue in the engine's own transaction: one it refuses leaves the others
                run(connection_id, issue_key, actor)
            except DomainError:  # e.g. not under sync, for Unexalate: not counted
                continue
            count += 1
        return count


# Built once: every change of an issue asks it.
_ACTIVE = select(Trigger.connection_id, Trigger.jql).where(Trigger.active.is_(True)).order_by(Trigger.id)


def _issue_keys(condition) -> Iterator[str]:
    """The keys of the issues ``condition`` selects, every page, a page at a time in id order: issues the
    operation changes on the way neither move nor repeat a page."""
    after = 0
    while True:
        page = db.session.execute(select(Issue.id, Issue.key).where(condition, Issue.id > after)
                                  .order_by(Issue.id).limit(MAX_PAGE)).all()
        for _, key in page:
            yield key
        if len(page) < MAX_PAGE:
            return
        after = page[-1][0]


def _check(*, query: str | None, notes: str | None, entity_type: str | None, required: bool = False,
           connection: str | None = None) -> None:
    """Each field's rule, then the query as Jira's JQL engine reads it; every error under its field
    (``connection``: the connection field's, found by the caller)."""
    errors = text_errors({"query": query}, max_length=MAX_QUERY_LENGTH, required=("query",) if required else ())
    if connection:
        errors["connection"] = connection
    if query is not None and not query.strip() and not required:
        errors["query"] = REQUIRED
    errors.update(text_errors({"notes": notes}, max_length=DESCRIPTION_MAX, strip=False))
    if entity_type is not None and entity_type != ISSUE_ENTITY:
        errors["entity_type"] = f"The entity type '{entity_type}' is not supported: the entity type is 'issue'."
    if "query" not in errors and query is not None:
        try:
            checked_condition(query, current_username=None)
        except ValidationFailed as error:
            errors["query"] = str(error)
    if errors:
        raise ValidationFailed(field_errors=errors)


def _condition(jql: str):
    try:
        return checked_condition(jql, current_username=None)
    except ValidationFailed:
        return false()


def _connection(ref: int | str) -> Connection:
    """The connection an id or a name names; the field's error otherwise."""
    if isinstance(ref, str) and not ref.strip():
        raise ValidationFailed.field("connection", REQUIRED)
    if isinstance(ref, int):
        found = db.session.get(Connection, ref) if 0 < ref <= MAX_ID else None
    else:
        named = Connection.name_key == name_key(ref) if searchable(ref, NAME_MAX) else false()
        found = db.session.scalar(select(Connection).where(named))
    if found is None:
        raise ValidationFailed.field("connection", f"Connection {ref} does not exist.")
    return found
