"""Claiming work from the two queues so that no two workers (threads or processes, on one database) take
the same row: a row is taken by a conditional UPDATE that sets a claim with a lease, which only one
transaction can win (on PostgreSQL the candidates are read ``FOR UPDATE SKIP LOCKED`` first, so that
workers of a cluster pass each other's rows by). A worker that dies leaves its claim to expire. Rows of one
issue are taken in id order: a row waits while an earlier one of its issue is not done."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import cache, lru_cache

from sqlalchemy import Select, Update, and_, bindparam, exists, func, or_, select, update
from sqlalchemy.orm import aliased

from ...db import db, transaction, utcnow
from .errors import resolve_held_by
from .models import QueueState, SyncEvent, SyncRequest

# Longer than a step can take (outbound calls and scripts are bounded in time), short enough that the rows a
# killed process had claimed are soon taken again.
LEASE = timedelta(seconds=20)
BACKOFF_SECONDS = (1, 2, 5, 10, 30, 60)  # then every minute
CANDIDATES = 5


ISSUE_COLUMN = {SyncEvent: "issue_id", SyncRequest: "remote_issue_id"}  # the rows of one issue go in order


def claim_next(model, ready_connections) -> SyncEvent | SyncRequest | None:
    """The next row of ``model`` (SyncEvent or SyncRequest) that is due and first of its issue, claimed
    for this worker; None when there is none. ``ready_connections`` is a select of connection ids whose
    rows may go now."""
    claimed = claim(model, ready_connections, 1)
    return claimed[0] if claimed else None


def claim(model, ready_connections, limit: int) -> list:
    """Up to ``limit`` rows of ``model`` that are due, each first of its issue (so of distinct issues),
    claimed for this worker in one transaction, oldest first. ``ready_connections`` is built once by the
    caller (the statements made from it are kept)."""
    now = utcnow()
    statements = _claim_statements(model, ready_connections, db.engine.dialect.name == "postgresql")
    token = secrets.token_hex(16)
    with transaction():
        candidates, tried, taken = db.session.scalars(
            statements.candidates, {"now": now, "limit": max(limit, CANDIDATES)}).all(), [], 0
        while candidates and taken < limit:
            # A conditional UPDATE: a row another worker took since the select keeps that worker's claim.
            chunk, candidates = candidates[:limit - taken], candidates[limit - taken:]
            tried += chunk
            taken += db.session.execute(statements.take, {"ids": chunk, "now": now, "until": now + LEASE,
                                                          "token": token}).rowcount
    if not taken:
        return []
    # Read after the commit, which expires what the session holds: each row is loaded once, not again on use.
    return list(db.session.scalars(statements.taken, {"ids": tried, "token": token}))


@dataclass(frozen=True)
class _ClaimStatements:
    candidates: Select
    take: Update
    taken: Select


@lru_cache(maxsize=32)
def _claim_statements(model, ready_connections, locking: bool) -> _ClaimStatements:
    """The claim's statements, built once (building them cost more than running them), their values bound
    at each claim."""
    now, ids = bindparam("now"), bindparam("ids", expanding=True)
    candidates = (select(model.id)
                  .where(model.state == QueueState.PENDING, model.next_attempt_at <= now, _unclaimed(model, now),
                         model.connection_id.in_(ready_connections), _first_of_issue(model))
                  .order_by(model.id).limit(bindparam("limit")))
    if locking:  # PostgreSQL: workers of a cluster pass each other's candidates by
        candidates = candidates.with_for_update(skip_locked=True, of=model)
    take = (update(model).where(model.id.in_(ids), model.state == QueueState.PENDING, _unclaimed(model, now))
            .values(claimed_until=bindparam("until"), claim=bindparam("token"))
            .execution_options(synchronize_session=False))
    taken = (select(model).where(model.id.in_(ids), model.claim == bindparam("token")).order_by(model.id)
             .execution_options(populate_existing=True))
    return _ClaimStatements(candidates, take, taken)


@cache
def _first_of_issue(model):
    """No earlier row of the row's issue is still to go. Built once per model: a new alias costs more to build
    than the claim's query takes to run."""
    earlier = aliased(model)
    column, earlier_column = getattr(model, ISSUE_COLUMN[model]), getattr(earlier, ISSUE_COLUMN[model])
    return ~exists().where(and_(earlier.connection_id == model.connection_id, earlier_column == column,
                                earlier.id < model.id, earlier.state != QueueState.DONE))


def _unclaimed(model, now):
    return or_(model.claimed_until.is_(None), model.claimed_until < now)


def release(row) -> None:
    """Give a claimed row back untouched, for any worker to take now."""
    _release(row)


def done(row) -> None:
    """The row went through (delivered or applied): it leaves the queue, and its errors are resolved."""
    row.state = QueueState.DONE
    _release(row)
    resolve_held_by(row)


def held(row) -> None:
    """A sync error holds the row (and its issue's later rows) until it is retried or resolved."""
    row.state = QueueState.ERROR
    _release(row)


def retry_later(row) -> None:
    row.attempts += 1
    delay = BACKOFF_SECONDS[min(row.attempts, len(BACKOFF_SECONDS)) - 1]
    # utcnow() drops the fraction of a second: one more second makes the wait at least ``delay``.
    row.next_attempt_at = utcnow() + timedelta(seconds=delay + 1)
    _release(row)


def _release(row) -> None:
    row.claimed_until = None
    row.claim = None


def pending_count(model, connection_id: int | None = None) -> int:
    return db.session.scalar(_pending(select(func.count()).select_from(model), model, connection_id))


def pending(model, connection_id: int | None = None, limit: int | None = None) -> list:
    """The rows of ``model`` not yet done, oldest first (at most ``limit``)."""
    return list(db.session.scalars(_pending(select(model), model, connection_id).order_by(model.id).limit(limit)))


def handed_over(connection_id: int, limit: int) -> list[SyncEvent]:
    """The events of a connection whose other end fetches them (a private connection), oldest first: the
    pending ones not behind a held event of their issue."""
    return list(db.session.scalars(
        select(SyncEvent).where(SyncEvent.connection_id == connection_id, SyncEvent.state == QueueState.PENDING,
                                ~_held_before()).order_by(SyncEvent.id).limit(limit)))


@cache
def _held_before():
    """An earlier event of the event's issue is held by an error (built once, as ``_first_of_issue``)."""
    earlier = aliased(SyncEvent)
    return exists().where(and_(earlier.connection_id == SyncEvent.connection_id,
                               earlier.issue_id == SyncEvent.issue_id, earlier.id < SyncEvent.id,
                               earlier.state == QueueState.ERROR))


def release_held(model, connection_id: int, issue_column_value) -> int:
    """Put the rows of one issue that an error held back in the queue, due now; how many."""
    column = getattr(model, ISSUE_COLUMN[model])
    return db.session.execute(
        update(model).where(model.connection_id == connection_id, column == issue_column_value,
                            model.state == QueueState.ERROR)
        .values(state=QueueState.PENDING, next_attempt_at=utcnow(), attempts=0, claimed_until=None, claim=None)
        .execution_options(synchronize_session=False)).rowcount


def _pending(query, model, connection_id: int | None):
    query = query.where(model.state != QueueState.DONE)
    return query.where(model.connection_id == connection_id) if connection_id is not None else query
