"""The OpenAPI 3 document of every REST resource the app serves, built with apispec from the
marshmallow schemas: each route of the URL map under ``/rest/``, described by its endpoint in
``OPERATIONS`` (what it reads, what it answers, who may call it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint, Flask, current_app
from marshmallow import Schema
from werkzeug.routing import Rule

from .. import fields as rules
from . import monitor_schemas as ms
from . import schemas as s
from . import script_schemas
from . import sync_schemas as sync
from . import trigger_schemas as ts
from . import visual_schemas as vs

OPENAPI_VERSION = "3.0.3"
IGNORED_METHODS = {"HEAD", "OPTIONS"}
PATH_ARGUMENT = re.compile(r"<(?:([^:<>]+):)?([^<>]+)>")  # werkzeug's <converter:name>
ADMIN, USER, NODE, PUBLIC = "admin", "user", "node", "public"
SECURITY = {
    ADMIN: [{"basicAuth": []}, {"session": []}],
    USER: [{"basicAuth": []}, {"session": []}],
    NODE: [{"nodeToken": []}],
    PUBLIC: [],
}
REFUSALS = {ADMIN: (401, 403, 429), USER: (401, 403, 429), NODE: (401,), PUBLIC: ()}
DESCRIPTIONS = {
    400: "The request is malformed or breaks a field rule; each bad field is named.",
    401: "Not authenticated.",
    403: "Not allowed: not a Jira administrator, or the XSRF check failed.",
    404: "No such resource.",
    409: "The resource's state does not allow this.",
    413: "The request body is larger than this instance accepts (MAX_CONTENT_LENGTH).",
    429: ("Too many failed logins for this user name: refused for a while, whatever the password "
          "(X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE)."),
    502: "The other node answered with an error.",
    504: "The other node did not answer in time.",
}


@dataclass(frozen=True)
class Operation:
    summary: str
    answer: type[Schema] | None = None
    status: int = 200
    body: type[Schema] | None = None
    query: type[Schema] | None = None
    caller: str = ADMIN
    errors: tuple[int, ...] = ()
    many: bool = False
    creates: tuple[str, str] | None = None  # the path parameter it makes a value for, and where in its answer
    example: dict | None = None  # a body that works on a new instance


NEW_CONNECTION = ("connectionId", "/connection/id")
NEW_TRIGGER = ("triggerId", "/id")
PRIVATE_CONNECTION = {"destinationUrl": None, "mode": "SCRIPT", "localShortName": "JiraA", "remoteShortName": "JiraB",
                      "name": "JiraA_to_JiraB", "projectKey": "DEMO"}
# Endpoint → operation. Statuses that follow from the operation (a body or a query: 400; a path
# parameter: 404; its caller: 401/403) are added by ``_responses``; ``errors`` lists the others.
OPERATIONS = {
    "rest.node_info": Operation("This node: platform, versions, URL", s.NodeInfoSchema, caller=PUBLIC),
    "rest.compatibility": Operation("The configuration modes a destination allows", s.CompatibilitySchema,
                                    body=s.CompatibilityInput),
    "rest.node_handshake": Operation("Complete an invitation (node to node)", s.HandshakeSchema,
                                     body=s.HandshakeInput, caller=PUBLIC, errors=(409,)),
    "rest.node_connection": Operation("A connection, as its other end sees it (node to node)", s.PartnerSchema,
                                      caller=NODE),
    "rest.withdraw_node_connection": Operation("The other end removed its connection (node to node)",
                                               status=204, caller=NODE),
    "rest.get_settings": Operation("General Settings", s.SettingsSchema),
    "rest.put_settings": Operation("Change General Settings", s.SettingsSchema, body=s.SettingsInput),
    "rest.get_license": Operation("The licence", s.LicenseSchema),
    "rest.put_license": Operation("Change the licence", s.LicenseSchema, body=s.LicenseInput),
    "rest.list_connections": Operation("Connections, a page at a time", s.ConnectionPageSchema, query=s.PageArgs),
    "rest.initiate_connection": Operation("Initiate a connection", s.InitiatedSchema, 201, s.InitiateInput,
                                          errors=(404, 409, 502, 504), creates=NEW_CONNECTION,
                                          example=PRIVATE_CONNECTION),
    "rest.get_connection": Operation("A connection", s.ConnectionSchema),
    "rest.update_connection": Operation("Rename or describe a connection", s.ConnectionSchema,
                                        body=s.ConnectionUpdateInput, errors=(409,)),
    "rest.delete_connection": Operation("Delete a connection", status=204),
    "rest.get_invitation": Operation("A pending connection's invitation code", s.InvitationSchema, errors=(409,)),
    "rest.renew_invitation": Operation("A fresh invitation code for a pending connection (the old one stops working)",
                                       s.InvitationSchema, status=201, errors=(409,)),
    "rest.activate_connection": Operation("Activate a connection", s.ConnectionSchema, errors=(409,)),
    "rest.deactivate_connection": Operation("Deactivate a connection", s.ConnectionSchema, errors=(409,)),
    "rest.check_connection": Operation("Ask the other end whether the connection still exists",
                                       s.ConnectionSchema, errors=(409,)),
    "rest.get_rules": Operation("A connection's sync rules", s.RulesSchema),
    "rest.put_rules": Operation("Change a connection's sync rules", s.RulesSchema, body=s.RulesInput),
    "rest.test_run": Operation("Test Run: the rules (or drafts) on a local issue; nothing is written",
                               script_schemas.TestRunSchema, body=script_schemas.TestRunInput),
    "rest.list_triggers": Operation("A connection's triggers", ts.TriggerListSchema),
    "rest.create_trigger": Operation("Add a trigger to a connection: the JQL is checked as Jira reads it",
                                     ts.TriggerSchema, 201, ts.TriggerInput, creates=NEW_TRIGGER,
                                     example={"query": "project = DEMO AND labels = sync", "active": True}),
    "rest.get_trigger": Operation("A trigger", ts.TriggerSchema),
    "rest.update_trigger": Operation("Change a trigger", ts.TriggerSchema, body=ts.TriggerUpdateInput),
    "rest.delete_trigger": Operation("Delete a trigger", status=204),
    "rest.bulk_exalate": Operation("Bulk Exalate: sync every issue the trigger's query finds", ts.BulkSchema,
                                   errors=(409,)),
    "rest.bulk_unexalate": Operation("Bulk Unexalate: stop the sync of every issue the trigger's query finds",
                                     ts.BulkSchema, errors=(409,)),
    "rest.get_visual": Operation("A Visual connection's configuration, both sides", vs.VisualSchema, errors=(409,)),
    "rest.put_visual": Operation("Publish a Visual connection's configuration: checked against both sides, "
                                 "compiled into each side's rules, mirrored to the destination", vs.VisualSchema,
                                 body=vs.VisualInput, errors=(409, 502, 504)),
    "rest.get_visual_catalog": Operation("What a Visual configuration may choose from, on each side",
                                         vs.CatalogsSchema, errors=(409, 502, 504)),
    "rest.node_visual_catalog": Operation("This side's projects, issue types, priorities and statuses (node to "
                                          "node)", vs.CatalogSchema, caller=NODE, errors=(409,)),
    "rest.node_visual": Operation("The destination's half of a published Visual configuration (node to node)",
                                  status=204, body=vs.NodeVisualInput, caller=NODE, errors=(409,)),
    "rest.accept_invitation": Operation("Accept an invitation", s.AcceptedSchema, 201, s.AcceptInput,
                                        errors=(404, 409, 502, 504), creates=NEW_CONNECTION),
    "rest.openapi_document": Operation("This document (OpenAPI 3)"),
    "rest.exalate_issue": Operation("Exalate an issue: send it over a connection, its twin is made there",
                                    sync.TwinSchema, 202, sync.IssueOperationInput, errors=(404, 409)),
    "rest.connect_issue": Operation("Connect an issue with an existing issue of the other side", sync.TwinSchema,
                                    202, sync.ConnectInput, errors=(404, 409)),
    "rest.unexalate_issue": Operation("Unexalate an issue: unlink it on both sides, both issues stay", status=204,
                                      body=sync.IssueOperationInput, errors=(404, 409)),
    "rest.bulk_connect": Operation("Bulk Connect: link each pair of existing issues and sync it; a result per pair",
                                   sync.BulkConnectSchema, body=sync.BulkConnectInput, errors=(409,),
                                   example={"pairs": [{"localIssueKey": "DEMO-1", "remoteIssueKey": "SUP-1"}]}),
    "rest.clean_up": Operation("Clean-up: unexalate every issue under sync with the connection (the issues stay)",
                               ts.BulkSchema),
    "rest.sync_status": Operation("An issue's twins (none when it is not under sync)", sync.SyncStatusSchema),
    "rest.list_errors": Operation("Sync errors, oldest first", ms.SyncErrorListSchema, query=ms.ErrorArgs,
                                  errors=(404,)),
    "rest.get_error": Operation("A sync error", ms.SyncErrorSchema),
    "rest.retry_error": Operation("Retry: run what the error held again with the current rules", ms.SyncErrorSchema,
                                  202, errors=(409,)),
    "rest.resolve_error": Operation("Resolve: drop what failed and release what the error held",
                                    ms.SyncErrorSchema),
    "rest.sync_events": Operation("The outgoing queue: sync events still to deliver", ms.SyncEventQueueSchema,
                                  query=ms.QueueArgs, errors=(404,)),
    "rest.sync_requests": Operation("The incoming queue: sync requests still to apply", ms.SyncRequestQueueSchema,
                                    query=ms.QueueArgs, errors=(404,)),
    "rest.cmonitor": Operation("Monitoring: the number of open sync errors", ms.MonitorSchema),
    "rest.node_sync": Operation("A sync event from the other end (node to node); stored once", status=202,
                                body=sync.NodeSyncInput, caller=NODE),
    "rest.node_sync_ack": Operation("The other end applied a sync event (node to node)", body=sync.NodeSyncInput,
                                    caller=NODE),
    "rest.node_sync_pending": Operation("The sync events waiting for the private end of a private connection, "
                                        "oldest first (node to node)", sync.PendingSchema, query=sync.PendingArgs,
                                        caller=NODE, errors=(409,)),
    "rest.node_sync_taken": Operation("The private end stored these fetched sync events (node to node)",
                                      sync.TakenSchema, body=sync.TakenInput, caller=NODE, errors=(409,)),
    "rest.node_attachment": Operation("An attachment of an issue under sync (node to node)",
                                      sync.NodeAttachmentSchema, caller=NODE),
    "jira_rest.server_info": Operation("Jira's server information", s.ServerInfoSchema, caller=PUBLIC),
    "jira_rest.myself": Operation("The current user", s.UserSchema, caller=USER),
    "jira_rest.list_projects": Operation("Projects", s.ProjectSchema, caller=USER, many=True),
    "jira_rest.create_project": Operation("Create a project", s.ProjectSchema, 201, s.ProjectInput,
                                          errors=(403, 409)),
    "jira_rest.create_session": Operation("Log in", s.SessionSchema, body=s.SessionInput, caller=PUBLIC,
                                          errors=(401, 403, 429)),
    "jira_rest.current_session": Operation("The current session", s.CurrentSessionSchema, caller=USER),
    "jira_rest.delete_session": Operation("Log out", status=204, caller=USER),
}


ISSUE = ("idOrKey", "/key")
DIGITS = "^[0-9]{1,10}$"
# Jira's path parameters: ids as digits, issues and projects by id or key.
JIRA_PATH_PATTERNS = {"id_or_key": "^([0-9]{1,10}|[A-Za-z][A-Za-z0-9_]{1,9}-[0-9]{1,10})$",
                      "project_id_or_key": "^([0-9]{1,10}|[A-Z][A-Z0-9_]{1,9})$", "id_or_name": "^.{1,255}$",
                      "comment_id": DIGITS, "attachment_id": DIGITS, "type_id": DIGITS, "priority_id": DIGITS,
                      "resolution_id": DIGITS}
NEW_ISSUE = {"fields": {"project": {"key": "DEMO"}, "issuetype": {"name": "Task"}, "summary": "Printer on fire"}}


def _jira(summary: str, answer=None, status: int = 200, body=None, query=None, errors=(), many=False, **extra):
    return Operation(summary, answer, status, body, query, USER, errors, many, **extra)


OPERATIONS.update({
    "jira_rest.create_issue": _jira("Create an issue", status=201, body=s.IssueInput, creates=ISSUE,
                                    example=NEW_ISSUE),
    "jira_rest.get_issue": _jira("An issue (fields, expand=names)"),
    "jira_rest.edit_issue": _jira("Edit an issue: fields and update verbs", status=204, body=s.IssueInput,
                                  errors=(403,)),
    "jira_rest.delete_issue": _jira("Delete an issue", status=204, errors=(400, 403)),
    "jira_rest.assign_issue": _jira("Assign an issue", status=204, body=s.AssigneeInput, errors=(403,)),
    "jira_rest.list_transitions": _jira("The transitions an issue may take"),
    "jira_rest.do_transition": _jira("Perform a transition", status=204, body=s.TransitionInput),
    "jira_rest.list_comments": _jira("An issue's comments"),
    "jira_rest.add_comment": _jira("Comment on an issue", status=201, body=s.CommentInput),
    "jira_rest.get_comment": _jira("A comment"),
    "jira_rest.edit_comment": _jira("Edit a comment", body=s.CommentInput, errors=(403,)),
    "jira_rest.delete_comment": _jira("Delete a comment", status=204, errors=(403,)),
    "jira_rest.add_attachments": _jira("Attach files (multipart, part 'file'; X-Atlassian-Token: no-check)",
                                       many=True, errors=(400, 413)),
    "jira_rest.get_attachment": _jira("An attachment's metadata"),
    "jira_rest.delete_attachment": _jira("Delete an attachment", status=204, errors=(403,)),
    "jira_rest.attachment_content": _jira("An attachment's content"),
    "jira_rest.issue_types": _jira("Issue types", many=True),
    "jira_rest.issue_type": _jira("An issue type"),
    "jira_rest.priorities": _jira("Priorities", many=True),
    "jira_rest.priority": _jira("A priority"),
    "jira_rest.statuses": _jira("Statuses", many=True),
    "jira_rest.status": _jira("A status, by id or name"),
    "jira_rest.resolutions": _jira("Resolutions", many=True),
    "jira_rest.resolution": _jira("A resolution"),
    "jira_rest.field_list": _jira("Fields, with their JQL clause names", many=True),
    "jira_rest.project": _jira("A project, by id or key"),
    "jira_rest.user": _jira("A user (?username=)", errors=(404,)),
    "jira_rest.user_search": _jira("Users whose name starts with ?username=", many=True),
    "jira_rest.createmeta_types": _jira("The issue types a project's issues may have"),
    "jira_rest.createmeta_fields": _jira("The fields of a new issue of a type"),
    "jira_rest.search": _jira("Search with JQL, a page at a time", query=s.SearchInput),
})


def rest_rules(app: Flask) -> list[Rule]:
    return sorted((rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/rest/")),
                  key=lambda rule: rule.rule)


def openapi_path(rule: Rule) -> str:
    """``/connections/<int:connection_id>`` → ``/connections/{connectionId}``."""
    return PATH_ARGUMENT.sub(lambda match: "{" + _camel(match.group(2)) + "}", rule.rule)


def build_document(app: Flask) -> dict:
    marshmallow = MarshmallowPlugin()
    spec = APISpec(title="Exalate for Jira Server/Data Center (emulated)", version=app.config["EXALATE_VERSION"],
                   openapi_version=OPENAPI_VERSION, plugins=[marshmallow])
    marshmallow.converter.add_attribute_function(_jira_datetime)
    spec.components.security_scheme("basicAuth", {"type": "http", "scheme": "basic"})
    spec.components.security_scheme("session", {"type": "apiKey", "in": "cookie",
                                                 "name": app.config["SESSION_COOKIE_NAME"]})
    spec.components.security_scheme("nodeToken", {"type": "apiKey", "in": "header", "name": "X-exalate-jwt"})
    spec.components.schema("Error", schema=s.ErrorSchema)
    paths: dict[str, dict] = {}
    built: list[tuple[Operation, dict]] = []
    for rule in rest_rules(app):
        operation = OPERATIONS.get(rule.endpoint)
        if operation is None:
            continue  # undocumented: tests/rest/test_openapi.py names it
        for method in sorted(rule.methods - IGNORED_METHODS):
            described = paths.setdefault(openapi_path(rule), {})[method.lower()] = _operation(rule, operation)
            built.append((operation, described))
    _link(built)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()


def _link(built: list[tuple[Operation, dict]]) -> None:
    """OpenAPI links from each operation that creates a resource to each one that takes its id
    (what schemathesis's stateful phase follows)."""
    for operation, creator in built:
        if operation.creates is None:
            continue
        parameter, pointer = operation.creates
        takers = [taker for _, taker in built if any(p.get("name") == parameter for p in taker.get("parameters", ()))]
        creator["responses"][operation.status]["links"] = {
            taker["operationId"]: {"operationId": taker["operationId"],
                                   "parameters": {parameter: "$response.body#" + pointer}}
            for taker in takers}


def _jira_datetime(_converter, field, **_kwargs) -> dict:
    # apispec writes "format": null for a custom date format, which no OpenAPI validator accepts.
    return {"format": "jira-datetime"} if isinstance(field, s.JiraDateTime) else {}


def _operation(rule: Rule, operation: Operation) -> dict:
    described = {"operationId": rule.endpoint.partition(".")[2], "summary": operation.summary,
                 "tags": [rule.endpoint.partition(".")[0]], "security": SECURITY[operation.caller],
                 "responses": _responses(rule, operation)}
    parameters = [_path_parameter(name, converter) for name, converter in _path_arguments(rule)]
    if operation.query is not None:
        parameters.append({"in": "query", "schema": operation.query})
    if parameters:
        described["parameters"] = parameters
    if operation.body is not None:
        body = {"schema": operation.body, **({"example": operation.example} if operation.example else {})}
        described["requestBody"] = {"required": True, "content": {"application/json": body}}
    return described


def _responses(rule: Rule, operation: Operation) -> dict:
    success: dict = {"description": operation.summary}
    if operation.answer is not None:
        schema = operation.answer(many=True) if operation.many else operation.answer
        success["content"] = {"application/json": {"schema": schema}}
    elif operation.status != 204:
        success["content"] = {"application/json": {"schema": {"type": "array" if operation.many else "object"}}}
    statuses = set(operation.errors) | set(REFUSALS[operation.caller])
    if operation.body is not None or operation.query is not None:
        statuses.add(400)
    if operation.body is not None:
        statuses.add(413)
    if rule.arguments:
        statuses.add(404)
    error = {"application/json": {"schema": "Error"}}
    return {operation.status: success,
            **{status: {"description": DESCRIPTIONS[status], "content": error} for status in sorted(statuses)}}


def _path_arguments(rule: Rule) -> list[tuple[str, str]]:
    """Each path argument of ``rule``: its name and its converter."""
    return [(match.group(2), match.group(1) or "default") for match in PATH_ARGUMENT.finditer(rule.rule)]


def _path_parameter(name: str, converter: str) -> dict:
    if converter == "int":
        schema = {"type": "integer", "minimum": 1, "maximum": rules.MAX_ID}
    elif name in JIRA_PATH_PATTERNS:
        schema = {"type": "string", "pattern": JIRA_PATH_PATTERNS[name]}
    else:
        schema = {"type": "string", "pattern": "^" + rules.UID_PATTERN.pattern.removesuffix(r"\Z") + "$"}
    return {"in": "path", "name": _camel(name), "required": True, "schema": schema}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def openapi_document():
    document = current_app.extensions.get("rest.openapi")
    if document is None:
        document = current_app.extensions["rest.openapi"] = build_document(current_app)
    return document


def register(blueprint: Blueprint) -> None:
    blueprint.add_url_rule("/openapi.json", view_func=openapi_document, methods=["GET"])
