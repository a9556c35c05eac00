"""Marshmallow schemas of the sync monitoring resources: the errors (with Retry and Resolve), the outgoing
and incoming queues of what is still pending, and the count of open errors."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from ..exalate.sync.models import ErrorImpact, ErrorStatus, ErrorType, EventKind, QueueState
from ..fields import MAX_PAGE, NAME_MAX, storable
from .schemas import InputSchema, JiraDateTime, QueryNumber
from .sync_schemas import ConnectionNameSchema

ERROR_STATUSES = tuple(status.value for status in ErrorStatus)


def _storable(value: str) -> None:
    if not storable(value):
        raise ValidationError("This field must not contain NUL characters.")


def _connection_filter():
    return fields.String(load_default=None, validate=[validate.Length(1, NAME_MAX), _storable],
                         metadata={"description": "Only this connection's (its id or name)"})


class ErrorArgs(InputSchema):
    status = fields.String(load_default=None, validate=validate.OneOf(
        ERROR_STATUSES, error=f"status must be one of {', '.join(ERROR_STATUSES)}."))
    connection = _connection_filter()


class QueueArgs(InputSchema):
    limit = QueryNumber(minimum=0, maximum=MAX_PAGE, load_default=50,
                        message=f"limit must be a number from 0 to {MAX_PAGE} (0: count only).")
    connection = _connection_filter()


class SyncErrorSchema(Schema):
    id = fields.Integer(required=True)
    status = fields.Enum(ErrorStatus, required=True)
    impact = fields.Enum(ErrorImpact, required=True)
    type = fields.Enum(ErrorType, required=True)
    connection = fields.Nested(ConnectionNameSchema, required=True)
    local_issue_key = fields.String(data_key="localIssueKey", allow_none=True, required=True)
    remote_issue_key = fields.String(data_key="remoteIssueKey", allow_none=True, required=True)
    message = fields.String(required=True)
    line_number = fields.Integer(attribute="line", data_key="lineNumber", allow_none=True, required=True,
                                 metadata={"description": "The rules' line a script error points at"})
    details = fields.String(allow_none=True, required=True)
    created = JiraDateTime(required=True)


class SyncErrorListSchema(Schema):
    results = fields.List(fields.Nested(SyncErrorSchema), required=True)
    total = fields.Integer(required=True)


class QueuedSchema(Schema):
    id = fields.Integer(required=True)
    connection = fields.Nested(ConnectionNameSchema, required=True)
    kind = fields.Enum(EventKind, required=True)
    state = fields.Enum(QueueState, required=True, metadata={"description": "ERROR: held by a sync error"})
    attempts = fields.Integer(required=True)
    next_attempt_at = JiraDateTime(data_key="nextAttemptAt", required=True)
    created = JiraDateTime(required=True)


class SyncEventSchema(QueuedSchema):
    issue_key = fields.String(data_key="issueKey", required=True, metadata={"description": "The local issue"})


class SyncRequestSchema(QueuedSchema):
    remote_issue_key = fields.String(data_key="remoteIssueKey", required=True,
                                     metadata={"description": "The other side's issue"})


class SyncEventQueueSchema(Schema):
    limit = fields.Integer(required=True)
    total = fields.Integer(required=True, metadata={"description": "How many are still pending"})
    results = fields.List(fields.Nested(SyncEventSchema), required=True)


class SyncRequestQueueSchema(SyncEventQueueSchema):
    results = fields.List(fields.Nested(SyncRequestSchema), required=True)


class MonitorSchema(Schema):
    num_errors = fields.Integer(data_key="numErrors", required=True, metadata={"description": "Open sync errors"})
