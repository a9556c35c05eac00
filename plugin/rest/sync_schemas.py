"""Marshmallow schemas of the sync resources: the issue operations (Exalate, Connect, Unexalate), an issue's
sync status, Bulk Connect and Clean-up, and what the two ends of a connection send each other."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from ..exalate.sync.bulk import MAX_PAIRS
from ..exalate.sync.pull import BATCH as PENDING_MAX
from ..fields import ISSUE_KEY_MAX, NAME_MAX
from .schemas import InputSchema, JiraDateTime, QueryNumber


class ConnectionRefField(fields.Field):
    """A connection by id (a number) or by name."""

    def __init__(self, **kwargs):
        super().__init__(metadata={"description": "The connection's id or name",
                                   "oneOf": [{"type": "integer"}, {"type": "string", "maxLength": NAME_MAX}]},
                         **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and len(value) <= NAME_MAX:
            return value
        raise ValidationError("Give the connection's id or name.")


class IssueOperationInput(InputSchema):
    connection = ConnectionRefField(required=True, allow_none=True)


class ConnectInput(IssueOperationInput):
    remote_issue_key = fields.String(data_key="remoteIssueKey", required=True, allow_none=True,
                                     metadata={"maxLength": ISSUE_KEY_MAX,
                                               "description": "The other side's issue to link with"})


class ConnectionNameSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)


class TwinSchema(Schema):
    connection = fields.Nested(ConnectionNameSchema, required=True)
    remote_issue_key = fields.String(data_key="remoteIssueKey", allow_none=True, required=True)
    remote_issue_url = fields.String(data_key="remoteIssueUrl", allow_none=True, required=True)
    status = fields.String(required=True, metadata={"enum": ["WAITING", "IN_PROGRESS", "SYNCHRONIZED", "ERROR"]})
    last_sync = JiraDateTime(data_key="lastSync", allow_none=True, required=True)
    local_replica = fields.Dict(data_key="localReplica", allow_none=True, required=True,
                                metadata={"description": "The last replica sent"})
    remote_replica = fields.Dict(data_key="remoteReplica", allow_none=True, required=True,
                                 metadata={"description": "The last replica received"})


class SyncStatusSchema(Schema):
    issue_key = fields.String(data_key="issueKey", required=True)
    twins = fields.List(fields.Nested(TwinSchema), required=True)


class NodeSyncInput(Schema):
    """A sync event or acknowledgement between the two ends (its fields are checked by the domain)."""

    class Meta:
        unknown = "include"


class NodeAttachmentSchema(Schema):
    filename = fields.String(required=True)
    mime_type = fields.String(data_key="mimeType", required=True)
    content = fields.String(required=True, metadata={"description": "base64"})


class IssuePairInput(InputSchema):
    local_issue_key = fields.String(data_key="localIssueKey", required=True, allow_none=True,
                                    metadata={"description": "The issue of this side"})
    remote_issue_key = fields.String(data_key="remoteIssueKey", required=True, allow_none=True,
                                     metadata={"description": "The other side's issue to link it with"})


class BulkConnectInput(InputSchema):
    pairs = fields.List(fields.Nested(IssuePairInput), required=True,
                        metadata={"maxItems": MAX_PAIRS, "description": "Each pair is connected on its own"})


class PairResultSchema(Schema):
    local_issue_key = fields.String(data_key="localIssueKey", required=True)
    remote_issue_key = fields.String(data_key="remoteIssueKey", required=True)
    status = fields.String(required=True, metadata={"enum": ["CONNECTED", "FAILED"]})
    message = fields.String(required=True, allow_none=True, metadata={"description": "Why the pair failed"})


class BulkConnectSchema(Schema):
    results = fields.List(fields.Nested(PairResultSchema), required=True)
    connected = fields.Integer(required=True)
    failed = fields.Integer(required=True)


class PendingArgs(InputSchema):
    limit = QueryNumber(minimum=1, maximum=PENDING_MAX, load_default=PENDING_MAX,
                        message=f"limit must be a number from 1 to {PENDING_MAX}.")


class PendingSchema(Schema):
    results = fields.List(fields.Dict(), required=True,
                          metadata={"description": "Sync events, oldest first, each with its eventId"})


class TakenInput(InputSchema):
    event_ids = fields.List(fields.String(validate=validate.Length(1, 64)), data_key="eventIds", required=True,
                            validate=validate.Length(max=PENDING_MAX),
                            metadata={"description": "The fetched events stored as sync requests"})


class TakenSchema(Schema):
    count = fields.Integer(required=True, metadata={"description": "How many were still waiting"})
