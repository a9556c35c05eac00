"""Sync monitoring resources: the errors with Retry and Resolve, the outgoing (sync events) and incoming
(sync requests) queues of what is still pending, and ``cmonitor``'s count of open errors."""

from __future__ import annotations

from flask import Blueprint

from ..exalate.sync.models import ErrorStatus
from ..web import exalate
from .errors import query_args
from .monitor_schemas import (
    ErrorArgs,
    MonitorSchema,
    QueueArgs,
    SyncErrorListSchema,
    SyncErrorSchema,
    SyncEventQueueSchema,
    SyncRequestQueueSchema,
)

_error = SyncErrorSchema()
_errors = SyncErrorListSchema()
_events = SyncEventQueueSchema()
_requests = SyncRequestQueueSchema()
_monitor = MonitorSchema()


def list_errors():
    args = query_args(ErrorArgs())
    status = ErrorStatus(args["status"]) if args["status"] else None
    found = exalate().sync.monitor.errors(status=status, connection=args["connection"])
    return _errors.dump({"results": found, "total": len(found)})


def get_error(error_id: int):
    return _error.dump(exalate().sync.monitor.error(error_id))


def retry_error(error_id: int):
    return _error.dump(exalate().sync.monitor.retry_error(error_id)), 202


def resolve_error(error_id: int):
    return _error.dump(exalate().sync.monitor.resolve_error(error_id))


def sync_events():
    args = query_args(QueueArgs())
    total, found = exalate().sync.monitor.pending_events(connection=args["connection"], limit=args["limit"])
    return _events.dump({"limit": args["limit"], "total": total, "results": found})


def sync_requests():
    args = query_args(QueueArgs())
    total, found = exalate().sync.monitor.pending_requests(connection=args["connection"], limit=args["limit"])
    return _requests.dump({"limit": args["limit"], "total": total, "results": found})


def cmonitor():
    return _monitor.dump({"num_errors": exalate().sync.monitor.open_errors()})


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    one = "/errors/<int:error_id>"
    rule("/errors", view_func=list_errors, methods=["GET"])
    rule(one, view_func=get_error, methods=["GET"])
    rule(one + "/retry", view_func=retry_error, methods=["POST"])
    rule(one + "/resolve", view_func=resolve_error, methods=["POST"])
    rule("/syncevents", view_func=sync_events, methods=["GET"])
    rule("/syncrequests", view_func=sync_requests, methods=["GET"])
    rule("/cmonitor", view_func=cmonitor, methods=["GET"])
