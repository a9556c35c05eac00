"""The issue operations of DESIGN.md §6.3: Exalate (send an issue to the other side, which creates its
twin), Connect (link an issue to an existing remote one and sync them), Unexalate (remove the link on both
sides; both issues keep their data), and the sync status of an issue."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from ...db import db, transaction
from ...errors import Conflict, NotFound, ValidationFailed
from ...fields import ISSUE_KEY_MAX, MAX_ID, NAME_MAX, is_blank, name_key, searchable
from ..models import Connection, Status
from .models import Twin
from .outgoing import Outgoing

CONNECTION_REQUIRED = "Choose the connection to synchronize the issue with."


@dataclass(frozen=True)
class TwinView:
    twin: Twin

    def __getattr__(self, name: str):
        return getattr(self.twin, name)

    @property
    def status(self) -> str:
        return self.twin.status.value

    @property
    def local_replica(self) -> dict | None:
        return json.loads(self.twin.local_replica) if self.twin.local_replica else None

    @property
    def remote_replica(self) -> dict | None:
        return json.loads(self.twin.remote_replica) if self.twin.remote_replica else None


@dataclass(frozen=True)
class SyncStatus:
    issue_key: str
    twins: list[TwinView]


class Operations:
    def __init__(self, jira, outgoing: Outgoing):
        self.jira = jira
        self.outgoing = outgoing

    def exalate_issue(self, connection_ref, issue_key: str, actor=None, *, refuse_synced: bool = False) -> Twin:
        """Send the issue over the connection; its twin is made on the other side. An issue already under sync
        with it is updated there (what a trigger's Bulk Exalate does), or refused (``refuse_synced``: the
        Exalate operation of one issue)."""
        connection, issue = self._resolve(connection_ref, issue_key)
        twin = self._twin(connection, issue)
        with transaction():
            if twin is not None and not refuse_synced:
                self.outgoing.queue_replica(twin)  # sent only if it changed since it was last sent
                return twin
            self._refuse_synced(connection, issue)
            return self.outgoing.start_sync(connection, issue)

    def connect_issue(self, connection_ref, issue_key: str, remote_issue_key: str, actor=None) -> Twin:
        """Link the issue with an existing issue of the other side and sync it there."""
        if is_blank(remote_issue_key) or len(remote_issue_key.strip()) > ISSUE_KEY_MAX:
            raise ValidationFailed.field("remote_issue_key", "Give the key of the remote issue to connect to "
                                                             f"(at most {ISSUE_KEY_MAX} characters).")
        connection, issue = self._resolve(connection_ref, issue_key)
        remote_issue_key = remote_issue_key.strip()
        with transaction():
            self._refuse_synced(connection, issue)
            return self.outgoing.start_sync(connection, issue, remote_issue_key=remote_issue_key)

    def unexalate_issue(self, connection_ref, issue_key: str, actor=None) -> None:
        """Stop syncing the issue over the connection: the link goes on both sides, the issues stay."""
        connection = self.connection(connection_ref)
        issue = self._issue(issue_key)
        twin = self._twin(connection, issue)
        if twin is None:
            raise Conflict(field_errors={"issue_key": f"Issue {issue.key} is not under sync with connection "
                                                      f"{connection.name}."})
        with transaction():
            self.outgoing.queue_unexalate(twin)
            db.session.delete(twin)

    def sync_status(self, issue_key: str) -> SyncStatus:
        issue = self._issue(issue_key)
        twins = db.session.scalars(select(Twin).where(Twin.local_issue_id == issue.id).order_by(Twin.id)).all()
        return SyncStatus(issue.key, [TwinView(twin) for twin in twins])

    # ------------------------------------------------------------------ look-ups

    def connection(self, ref) -> Connection:
        """A connection by id (a number, or digits) or by name (any case)."""
        if ref is None or (isinstance(ref, str) and is_blank(ref)):
            raise ValidationFailed.field("connection", CONNECTION_REQUIRED)
        found = None
        if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
            number = int(ref)
            found = db.session.get(Connection, number) if 0 < number <= MAX_ID else None
        if found is None and isinstance(ref, str) and searchable(ref, NAME_MAX):  # anything else names none
            found = db.session.scalar(select(Connection).where(Connection.name_key == name_key(ref)))
        if found is None:
            raise NotFound(field_errors={"connection": f"Connection '{ref}' does not exist."})
        return found

    def _resolve(self, connection_ref, issue_key: str):
        return self.syncing_connection(connection_ref), self._issue(issue_key)

    def syncing_connection(self, connection_ref) -> Connection:
        """The connection, if it can send issues now (active, public, its direction not Disabled); the connection
        field's error otherwise."""
        connection = self.connection(connection_ref)
        if connection.status != Status.ACTIVE:
            raise Conflict(field_errors={"connection": f"Connection {connection.name} is "
                                                      f"{connection.status.value.capitalize()}: it cannot sync "
                                                      "issues."})
        if not connection.syncs_issues:
            raise Conflict(field_errors={"connection": f"Connection {connection.name} is "
                                                      f"{connection.type.value.lower()}: issues cannot be synced "
                                                      "within one instance yet."})
        if not connection.sends:
            raise Conflict(field_errors={"connection": f"The sync from {connection.local_short_name} to "
                                                      f"{connection.remote_short_name} is Disabled in connection "
                                                      f"{connection.name}'s Visual configuration."})
        return connection

    def _issue(self, issue_key: str):
        if is_blank(issue_key):
            raise ValidationFailed.field("issue_key", "Give the key of an issue.")
        try:
            return self.jira.issues.get(issue_key.strip())
        except NotFound:
            raise NotFound(f"Issue '{issue_key.strip()}' does not exist.") from None

    @staticmethod
    def _twin(connection: Connection, issue) -> Twin | None:
        return db.session.scalar(select(Twin).where(Twin.connection_id == connection.id,
                                                    Twin.local_issue_id == issue.id))

    def _refuse_synced(self, connection: Connection, issue) -> None:
        if self._twin(connection, issue) is not None:
            message = f"Issue {issue.key} is already under sync with connection {connection.name}."
            raise Conflict(field_errors={"issue_key": message})
