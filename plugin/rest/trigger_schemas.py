"""Marshmallow schemas of the trigger resources: a trigger in and out, the list, a bulk operation's count."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields

from ..fields import MAX_ID
from .schemas import InputSchema, StrictBoolean


class ConnectionRef(fields.Field):
    """A connection named by its id (a number) or its name (a string)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValidationError("Give the connection's id (a number) or its name.")
        if isinstance(value, int) and not 0 < value <= MAX_ID:
            raise ValidationError(f"Connection {value} does not exist.")
        return value


def _text(key: str | None = None, **metadata):
    return fields.String(data_key=key, allow_none=True, load_default=None, metadata=metadata)


class TriggerInput(InputSchema):
    query = _text(description="If: the JQL query that selects the issues to sync")
    notes = _text()
    active = StrictBoolean(allow_none=True, load_default=None)
    entity_type = _text("entityType", description="What the trigger selects: \"issue\", the only entity type")


class TriggerUpdateInput(TriggerInput):
    connection = ConnectionRef(allow_none=True, load_default=None,
                               metadata={"description": "Then sync with: a connection's id or name",
                                         "oneOf": [{"type": "integer", "minimum": 1, "maximum": MAX_ID},
                                                   {"type": "string"}]})


class TriggerConnectionSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)


class TriggerSchema(Schema):
    id = fields.Integer(required=True)
    connection = fields.Nested(TriggerConnectionSchema, required=True)
    entity_type = fields.String(data_key="entityType", required=True, metadata={"enum": ["issue"]})
    query = fields.String(attribute="jql", required=True)
    notes = fields.String(required=True)
    active = fields.Boolean(required=True)


class TriggerListSchema(Schema):
    results = fields.List(fields.Nested(TriggerSchema), required=True)


class BulkSchema(Schema):
    count = fields.Integer(required=True, metadata={"description": "How many issues the operation took"})
