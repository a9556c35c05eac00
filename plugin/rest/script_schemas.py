"""Marshmallow schemas of the sync-rule resources: Test Run's body and answer."""

from __future__ import annotations

from marshmallow import Schema, fields

from .schemas import InputSchema


class TestRunInput(InputSchema):
    issue_key = fields.String(data_key="issueKey", allow_none=True, load_default=None,
                              metadata={"description": "The local issue the outgoing rules run on"})
    outgoing = fields.String(allow_none=True, load_default=None,
                             metadata={"description": "Draft outgoing rules (default: the connection's)"})
    incoming = fields.String(allow_none=True, load_default=None,
                             metadata={"description": "Draft incoming rules (default: the connection's)"})


class ScriptErrorSchema(Schema):
    message = fields.String(required=True)
    line = fields.Integer(allow_none=True, required=True)
    side = fields.String(required=True, metadata={"enum": ["outgoing", "incoming"]})


class TestRunSchema(Schema):
    replica = fields.Dict(allow_none=True, required=True,
                          metadata={"description": 'The replica: {"version", "hubIssue"}; null when the outgoing '
                                                   "rules failed"})
    changes = fields.Dict(allow_none=True, required=True,
                          metadata={"description": "What the incoming rules would change (a first sync); null "
                                                   "when a script failed"})
    output = fields.String(required=True, metadata={"description": "What the scripts printed"})
    error = fields.Nested(ScriptErrorSchema, allow_none=True, required=True)
