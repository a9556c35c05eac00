"""What clients look up before they create or search: issue types, priorities, statuses,
resolutions, fields (with their JQL clause names), a project, users, and the create metadata."""

from __future__ import annotations

from flask import Blueprint, request

from .. import auth
from ..errors import NotFound
from ..web import jira
from .issue_json import (
    FIELD_NAMES,
    NAVIGABLE_FIELDS,
    issue_type_json,
    priority_json,
    project_json,
    resolution_json,
    status_json,
    user_json,
)
from .issues import register_routes

# Each field's schema type, as /field and the create metadata give it.
FIELD_TYPES = {"summary": "string", "description": "string", "issuetype": "issuetype", "project": "project",
               "status": "status", "priority": "priority", "resolution": "resolution", "labels": "array",
               "assignee": "user", "reporter": "user", "creator": "user", "parent": "issuelink",
               "subtasks": "array", "created": "datetime", "updated": "datetime", "resolutiondate": "datetime",
               "comment": "comments-page", "attachment": "array"}
CREATE_FIELDS = ("summary", "issuetype", "project", "description", "priority", "labels", "assignee", "reporter",
                 "parent")
REQUIRED_ON_CREATE = {"summary", "issuetype", "project"}


def _listed(items, render):
    auth.require_user()
    return [render(item) for item in items]


def issue_types():
    return _listed(jira().catalog.issue_types(), issue_type_json)


def priorities():
    return _listed(jira().catalog.priorities(), priority_json)


def statuses():
    return _listed(jira().catalog.statuses(), status_json)


def resolutions():
    return _listed(jira().catalog.resolutions(), resolution_json)


def _found(value, message: str):
    if value is None:
        raise NotFound(message)
    return value


def issue_type(type_id):
    auth.require_user()
    return issue_type_json(_found(jira().catalog.issue_type({"id": type_id}), f"Issue type with id '{type_id}' "
                                                                              "does not exist."))


def priority(priority_id):
    auth.require_user()
    return priority_json(_found(jira().catalog.priority({"id": priority_id}), "Priority not found."))


def status(id_or_name):
    auth.require_user()
    found = jira().catalog.status({"id": id_or_name}) or jira().catalog.status({"name": id_or_name})
    return status_json(_found(found, f"The status with id '{id_or_name}' does not exist"))


def resolution(resolution_id):
    auth.require_user()
    return resolution_json(_found(jira().catalog.resolution({"id": resolution_id}),
                                  f"The resolution with id '{resolution_id}' does not exist"))


def field_list():
    """Every system field, with the JQL clause names that search it."""
    auth.require_user()
    from ..jira.jql import FIELDS  # the JQL engine's fields and clause names

    answer = []
    for field_id, name in FIELD_NAMES.items():
        clauses = FIELDS.get(field_id, [])
        answer.append({"id": field_id, "key": field_id, "name": name, "custom": False, "orderable": True,
                       "navigable": field_id in NAVIGABLE_FIELDS, "searchable": bool(clauses),
                       "clauseNames": list(clauses),
                       "schema": {"type": FIELD_TYPES[field_id], "system": field_id}})
    return answer


def project(id_or_key):
    auth.require_user()
    found = _found(jira().projects.find(id_or_key), f"No project could be found with key '{id_or_key}'.")
    answer = project_json(found)
    answer.update({"description": found.description, "lead": user_json(jira().users.by_username(found.lead)),
                   "issueTypes": [issue_type_json(t) for t in jira().catalog.issue_types()]})
    return answer


def user():
    auth.require_user()
    name = request.args.get("username") or request.args.get("key") or ""
    return user_json(_found(jira().users.by_username(name), f"The user named '{name}' does not exist"))


def user_search():
    """Users whose name, display name or e-mail starts with ``username`` (Jira's prefix match)."""
    auth.require_user()
    query = (request.args.get("username") or request.args.get("query") or "").casefold()
    found = [u for u in jira().users.list()
             if any(part.casefold().startswith(query) for part in (u.username, u.display_name, u.email))]
    return [user_json(u) for u in found]


def createmeta_types(project_id_or_key):
    auth.require_user()
    _found(jira().projects.find(project_id_or_key), f"No project could be found with key '{project_id_or_key}'.")
    types = [issue_type_json(t) for t in jira().catalog.issue_types()]
    return {"maxResults": len(types), "startAt": 0, "total": len(types), "isLast": True, "values": types}


def createmeta_fields(project_id_or_key, type_id):
    auth.require_user()
    _found(jira().projects.find(project_id_or_key), f"No project could be found with key '{project_id_or_key}'.")
    _found(jira().catalog.issue_type({"id": type_id}), f"Issue type with id '{type_id}' does not exist.")
    values = [{"fieldId": field_id, "key": field_id, "name": FIELD_NAMES[field_id],
               "required": field_id in REQUIRED_ON_CREATE, "hasDefaultValue": field_id == "priority",
               "operations": ["set"] + (["add", "remove"] if field_id == "labels" else []),
               "schema": {"type": FIELD_TYPES[field_id], "system": field_id}} for field_id in CREATE_FIELDS]
    return {"maxResults": len(values), "startAt": 0, "total": len(values), "isLast": True, "values": values}


ROUTES = (
    ("/issuetype", issue_types, "GET"),
    ("/issuetype/<type_id>", issue_type, "GET"),
    ("/priority", priorities, "GET"),
    ("/priority/<priority_id>", priority, "GET"),
    ("/status", statuses, "GET"),
    ("/status/<id_or_name>", status, "GET"),
    ("/resolution", resolutions, "GET"),
    ("/resolution/<resolution_id>", resolution, "GET"),
    ("/field", field_list, "GET"),
    ("/project/<id_or_key>", project, "GET"),
    ("/user", user, "GET"),
    ("/user/search", user_search, "GET"),
    ("/issue/createmeta/<project_id_or_key>/issuetypes", createmeta_types, "GET"),
    ("/issue/createmeta/<project_id_or_key>/issuetypes/<type_id>", createmeta_fields, "GET"),
)


def register(blueprint: Blueprint) -> None:
    register_routes(blueprint, ROUTES)
