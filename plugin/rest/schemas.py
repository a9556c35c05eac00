"""Marshmallow schemas for every REST body, in and out. Python names are snake_case; the wire
names are Jira's camelCase (``data_key``), and ``wire_names()`` gathers them so that the domain's
field errors are renamed for the wire. Input schemas check types, once; the domain checks rules."""

from __future__ import annotations

import functools
import re
from datetime import datetime

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from ..exalate.models import ConnectionType, Mode, Role, Status
from ..fields import MAX_ID, MAX_PAGE

JIRA_DATETIME = "%Y-%m-%dT%H:%M:%S.000+0000"


def jira_datetime(value: datetime) -> str:
    """``value`` (UTC) in Jira's format. Not ``strftime``: on Linux ``%Y`` writes the year 205 as "205", where
    Jira (and the OpenAPI document's pattern) want four digits, as ``isoformat`` writes them, and faster."""
    return (value if value.tzinfo is None else value.replace(tzinfo=None)).isoformat("T", "seconds") + ".000+0000"


def _text(key: str | None = None, **kwargs):
    return fields.String(data_key=key, allow_none=True, load_default=None, **kwargs)


class InputSchema(Schema):
    class Meta:
        unknown = EXCLUDE  # Jira ignores fields it does not know


class JiraDateTime(fields.DateTime):
    """Jira's timestamps, ``2024-05-01T12:00:00.000+0000``: not RFC 3339 (no colon in the offset),
    so the OpenAPI document gives their pattern rather than ``date-time``."""

    def __init__(self, **kwargs):
        metadata = {"pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$"}
        super().__init__(format=JIRA_DATETIME, metadata=metadata, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else jira_datetime(value)


class StrictBoolean(fields.Boolean):
    """A JSON true or false only: ``fields.Boolean`` would also take 1, 0, "yes" and "off"."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise ValidationError(f"{self.data_key or attr} must be true or false.".capitalize())
        return value


class QueryNumber(fields.Integer):
    """A number in a query string: plain ASCII digits only (``int()`` would also take "1_0", " 7"
    or other scripts' digits), within ``minimum`` and ``maximum``."""

    def __init__(self, *, minimum: int, maximum: int, message: str, **kwargs):
        super().__init__(validate=validate.Range(minimum, maximum, error=message), **kwargs)
        self.message = message

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not re.fullmatch(r"-?[0-9]{1,18}", value):
            raise ValidationError(self.message)
        return int(value)


class PageArgs(InputSchema):
    """Jira's paging parameters."""

    start_at = QueryNumber(data_key="startAt", minimum=0, maximum=MAX_ID, load_default=0,
                           message="startAt must be a number, 0 or more.")
    max_results = QueryNumber(data_key="maxResults", minimum=0, maximum=MAX_PAGE, load_default=50,
                              message=f"maxResults must be a number from 0 to {MAX_PAGE}.")


# ---------------------------------------------------------------- node, settings, licence


class NodeInfoSchema(Schema):
    platform = fields.String()
    platform_version = fields.String(data_key="platformVersion")
    exalate_version = fields.String(data_key="exalateVersion")
    base_url = fields.String(data_key="baseUrl")
    exalate_url = fields.String(data_key="exalateUrl")
    public = fields.Boolean()


class SettingsSchema(Schema):
    exalate_url = fields.String(data_key="exalateUrl")
    public = fields.Boolean()
    sync_workers = fields.Boolean(data_key="syncWorkers")  # off: nothing is sent or applied, events queue


class SettingsInput(InputSchema):
    exalate_url = _text("exalateUrl")
    public = StrictBoolean(allow_none=True, load_default=None)
    sync_workers = StrictBoolean(data_key="syncWorkers", allow_none=True, load_default=None)


class LicenseSchema(Schema):
    type = fields.String()
    expires_at = JiraDateTime(data_key="expiresAt", allow_none=True)
    state = fields.String()
    days_left = fields.Integer(data_key="daysLeft", allow_none=True)


class LicenseInput(InputSchema):
    type = _text()
    expires_at = fields.AwareDateTime(data_key="expiresAt", allow_none=True, load_default=None,
                                      default_timezone=None)


# ------------------------------------------------------------------------ compatibility


class CompatibilityInput(InputSchema):
    destination_url = _text("destinationUrl")


class ModeOptionSchema(Schema):
    mode = fields.String()
    available = fields.Boolean()
    reason = fields.String(allow_none=True)


class ProblemSchema(Schema):
    code = fields.String()
    message = fields.String()


class CompatibilitySchema(Schema):
    connection_type = fields.String(data_key="connectionType", allow_none=True)
    reachable = fields.Boolean()
    destination = fields.Nested(NodeInfoSchema, allow_none=True)
    modes = fields.List(fields.Nested(ModeOptionSchema))
    problem = fields.Nested(ProblemSchema, allow_none=True)


# -------------------------------------------------------------------------- connections


def connection_json(connection) -> dict:
    """A connection as every resource shows it. Written out rather than declared as a schema: the
    list resource shows up to 1,000 per request, and marshmallow's per-field work cost more than
    the rest of the request together (see bench/RESULTS.md)."""
    return {
        "id": connection.id,
        "name": connection.name,
        "description": connection.description,
        "status": connection.status.value,
        "mode": connection.mode.value,
        "type": connection.type.value,
        "role": connection.role.value,
        "localShortName": connection.local_short_name,
        "remoteShortName": connection.remote_short_name,
        "projectKey": connection.project_key,
        "communication": {"remoteUrl": connection.remote_url},
        "errorMessage": connection.error_message,
        "created": jira_datetime(connection.created),
        "updated": jira_datetime(connection.updated),
    }


class CommunicationSchema(Schema):
    remote_url = fields.String(data_key="remoteUrl", allow_none=True)


class ConnectionSchema(Schema):
    """What ``connection_json`` writes, declared for the OpenAPI document."""

    id = fields.Integer()
    name = fields.String()
    description = fields.String(allow_none=True)
    status = fields.Enum(Status)
    mode = fields.Enum(Mode)
    type = fields.Enum(ConnectionType)
    role = fields.Enum(Role)
    local_short_name = fields.String(data_key="localShortName")
    remote_short_name = fields.String(data_key="remoteShortName")
    project_key = fields.String(data_key="projectKey")
    communication = fields.Nested(CommunicationSchema)
    error_message = fields.String(data_key="errorMessage", allow_none=True)
    created = JiraDateTime()
    updated = JiraDateTime()


class ConnectionField(fields.Nested):
    """A connection inside another body, shown by ``connection_json``."""

    def __init__(self, **kwargs):
        super().__init__(ConnectionSchema, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return connection_json(value)


class ConnectionPageSchema(Schema):
    results = fields.List(ConnectionField())
    total = fields.Integer()
    start_at = fields.Integer(data_key="startAt")
    max_results = fields.Integer(data_key="maxResults")
    is_last = fields.Boolean(data_key="isLast")


class CredentialsInput(InputSchema):
    username = _text()
    password = _text()


class InitiateInput(InputSchema):
    destination_url = _text("destinationUrl")
    mode = _text()
    local_short_name = _text("localShortName")
    remote_short_name = _text("remoteShortName")
    name = _text()
    description = _text()
    project_key = _text("projectKey")
    destination_project_key = _text("destinationProjectKey")
    destination_admin = fields.Nested(CredentialsInput, data_key="destinationAdmin", allow_none=True,
                                      load_default=None)


class InitiatedSchema(Schema):
    connection = ConnectionField()
    invitation_code = fields.String(data_key="invitationCode", allow_none=True)


class ConnectionUpdateInput(InputSchema):
    name = _text()
    description = _text()
    mode = _text()


class InvitationSchema(Schema):
    invitation_code = fields.String(data_key="invitationCode")


class RulesSchema(Schema):
    outgoing = fields.String(attribute="outgoing_rules")
    incoming = fields.String(attribute="incoming_rules")


class RulesInput(InputSchema):
    outgoing = _text()
    incoming = _text()


class AcceptInput(InputSchema):
    invitation_code = _text("invitationCode")
    project_key = _text("projectKey")


class AcceptedSchema(Schema):
    connection = ConnectionField()


class AcceptorInput(InputSchema):
    url = _text()
    connection_uid = _text("connectionUid")


class HandshakeInput(InputSchema):
    invitation_code = _text("invitationCode")
    acceptor = fields.Nested(AcceptorInput, load_default=dict)


class HandshakeSchema(Schema):
    url = fields.String()
    connection_uid = fields.String(data_key="connectionUid")
    name = fields.String()


class PartnerSchema(Schema):
    """What one end tells the other about itself (never the shared secret)."""

    uid = fields.String()
    name = fields.String()
    status = fields.Function(lambda c: c.status.value)


# ---------------------------------------------------------------------------- Jira core


class ServerInfoSchema(Schema):
    base_url = fields.String(data_key="baseUrl")
    version = fields.String()
    version_numbers = fields.List(fields.Integer(), data_key="versionNumbers")
    deployment_type = fields.String(data_key="deploymentType")
    build_number = fields.Integer(data_key="buildNumber")
    server_title = fields.String(data_key="serverTitle")


class UserSchema(Schema):
    name = fields.String(attribute="username")
    key = fields.Function(lambda u: u.username)
    display_name = fields.String(data_key="displayName")
    email_address = fields.String(attribute="email", data_key="emailAddress")
    active = fields.Constant(True)
    groups = fields.Function(
        lambda u: {"size": 2 if u.is_admin else 1,
                   "items": [{"name": "jira-users"}] + ([{"name": "jira-administrators"}] if u.is_admin else [])}
    )


class ProjectSchema(Schema):
    id = fields.Function(lambda p: str(p.jira_id))
    key = fields.String()
    name = fields.String()
    description = fields.String()
    lead = fields.Function(lambda p: {"name": p.lead, "key": p.lead})
    project_type_key = fields.Constant("software", data_key="projectTypeKey")


class ProjectInput(InputSchema):
    key = _text()
    name = _text()
    lead = _text()
    description = _text()


class SessionInput(InputSchema):
    username = _text()
    password = _text()


class LoginInfoSchema(Schema):
    failed_login_count = fields.Integer(data_key="failedLoginCount")
    login_count = fields.Integer(data_key="loginCount")


class SessionCookieSchema(Schema):
    name = fields.String()
    value = fields.String()


class SessionSchema(Schema):
    session = fields.Nested(SessionCookieSchema)
    login_info = fields.Nested(LoginInfoSchema, data_key="loginInfo")


class CurrentSessionSchema(Schema):
    self = fields.String()
    name = fields.String()
    login_info = fields.Nested(LoginInfoSchema, data_key="loginInfo")


class IssueInput(InputSchema):
    """An issue's ``fields`` and ``update`` verbs; each field's value is the domain's to check."""

    field_values = fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True), load_default=dict,
                               data_key="fields")
    update = fields.Dict(keys=fields.String(), values=fields.List(fields.Raw()), load_default=dict)


class IdInput(InputSchema):
    id = fields.Raw(required=True)  # a number or a string of digits, as Jira takes both


class TransitionInput(IssueInput):
    transition = fields.Nested(IdInput, required=True)


class CommentInput(InputSchema):
    body = _text()


class AssigneeInput(InputSchema):
    name = _text()


class SearchInput(InputSchema):
    jql = fields.String(load_default="")
    start_at = fields.Integer(data_key="startAt", load_default=0, validate=validate.Range(min=0, max=MAX_ID))
    max_results = fields.Integer(data_key="maxResults", load_default=50, validate=validate.Range(min=0, max=MAX_ID))
    field_list = fields.Raw(load_default=None, data_key="fields")  # a list, or a comma-separated string
    expand = fields.Raw(load_default=None)


class ErrorSchema(Schema):
    """Jira's error body, for every failure under /rest/."""

    error_messages = fields.List(fields.String(), data_key="errorMessages", required=True)
    errors = fields.Dict(keys=fields.String(), values=fields.String(), required=True)


@functools.cache
def wire_names() -> dict[str, str]:
    """Each input field's Python name and its name on the wire, from every input schema (read on first use,
    once the REST modules have defined theirs)."""
    names: dict[str, str] = {}
    schemas = list(InputSchema.__subclasses__())
    while schemas:
        schema = schemas.pop()
        schemas.extend(schema.__subclasses__())
        for name, field in schema._declared_fields.items():
            names[name] = field.data_key or name
    return names

