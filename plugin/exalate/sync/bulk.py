"""The operations on many issues of one connection (DESIGN.md §6.3, §6.7): Bulk Connect links a list of
(local key, remote key) pairs, each pair on its own — one that is refused leaves the others — with a result
per pair; Clean-up unexalates every twin under a connection (both sides unlink, the issues stay)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ...db import db, transaction
from ...errors import DomainError, ValidationFailed
from ...fields import is_blank
from .models import Twin
from .operations import Operations
from .outgoing import Outgoing

MAX_PAIRS = 1000


@dataclass(frozen=True)
class PairResult:
    local_issue_key: str
    remote_issue_key: str
    connected: bool
    message: str | None = None

    @property
    def status(self) -> str:
        return "CONNECTED" if self.connected else "FAILED"


@dataclass(frozen=True)
class BulkConnectResult:
    results: list[PairResult]

    @property
    def connected(self) -> int:
        return sum(result.connected for result in self.results)

    @property
    def failed(self) -> int:
        return len(self.results) - self.connected


def in_words(error: DomainError) -> str:
    """A domain error as one sentence: its message, else its fields' messages."""
    return error.message or " ".join(error.field_errors.values())


class Bulk:
    def __init__(self, operations: Operations, outgoing: Outgoing):
        self.operations = operations
        self.outgoing = outgoing

    def bulk_connect(self, connection_ref, pairs: list[tuple[str, str]], actor=None) -> BulkConnectResult:
        """Connect each (local key, remote key) pair under the connection, each in its own transaction."""
        if not pairs:
            raise ValidationFailed.field("pairs", "Give at least one pair of issue keys to connect.")
        if len(pairs) > MAX_PAIRS:
            raise ValidationFailed.field("pairs", f"Give at most {MAX_PAIRS:,} pairs at a time "
                                                  f"({len(pairs):,} were given).")
        connection = self.operations.syncing_connection(connection_ref)
        seen_local: dict[str, int] = {}
        seen_remote: dict[str, int] = {}
        results = []
        for number, (local_key, remote_key) in enumerate(pairs, start=1):
            local_key, remote_key = (local_key or "").strip(), (remote_key or "").strip()
            refusal = _blank_or_repeated(local_key, remote_key, seen_local, seen_remote)
            seen_local.setdefault(local_key.upper(), number)
            seen_remote.setdefault(remote_key.upper(), number)
            if refusal is None:
                refusal = self._connect(connection, local_key, remote_key, actor)
            results.append(PairResult(local_key, remote_key, refusal is None, refusal))
        return BulkConnectResult(results)

    def _connect(self, connection, local_key: str, remote_key: str, actor) -> str | None:
        """None when the pair is connected; the refusal in words otherwise."""
        linked = db.session.scalar(select(Twin.id).where(Twin.connection_id == connection.id,
                                                         func.upper(Twin.remote_issue_key) == remote_key.upper()))
        if linked is not None:
            return f"Remote issue {remote_key} is already under sync with connection {connection.name}."
        try:
            self.operations.connect_issue(connection.id, local_key, remote_key, actor)
        except DomainError as error:
            return in_words(error)
        return None

    def under_sync(self, connection_ref) -> int:
        """How many issues are under sync with the connection."""
        connection = self.operations.connection(connection_ref)
        return db.session.scalar(select(func.count()).select_from(Twin).where(Twin.connection_id == connection.id))

    def clean_up(self, connection_ref) -> int:
        """Unexalate every twin under the connection, in one transaction: the link goes on both sides (the
        other side's when the connection delivers), the issues stay. How many were unexalated."""
        connection = self.operations.connection(connection_ref)
        with transaction():
            twins = db.session.scalars(select(Twin).where(Twin.connection_id == connection.id)
                                       .order_by(Twin.id)).all()
            for twin in twins:
                self.outgoing.queue_unexalate(twin)
                db.session.delete(twin)
        return len(twins)


def _blank_or_repeated(local_key: str, remote_key: str, seen_local: dict[str, int],
                       seen_remote: dict[str, int]) -> str | None:
    if is_blank(local_key):
        return "The local issue key is blank."
    if is_blank(remote_key):
        return "The remote issue key is blank."
    if local_key.upper() in seen_local:
        return f"Local issue {local_key} is already in the list (pair {seen_local[local_key.upper()]})."
    if remote_key.upper() in seen_remote:
        return f"Remote issue {remote_key} is already in the list (pair {seen_remote[remote_key.upper()]})."
    return None
