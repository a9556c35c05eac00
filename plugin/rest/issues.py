"""Jira REST v2 issues: create, read, edit, delete, assign, transitions, comments and attachments.
Served under ``/rest/api/2`` and its alias ``/rest/api/latest``; issues by id or key."""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, request

from .. import auth
from ..errors import ValidationFailed
from ..web import jira
from .errors import json_body
from .issue_json import (
    api_url,
    attachment_json,
    comment_json,
    comments_page,
    issue_json,
    selected_fields,
    split_list,
    transition_json,
)
from .schemas import AssigneeInput, CommentInput, IssueInput, TransitionInput

API_PREFIXES = ("/api/2", "/api/latest")


def create_issue():
    user = auth.require_user()
    body = json_body(IssueInput())
    issue = jira().issues.create(user, body["field_values"])
    return {"id": str(issue.id), "key": issue.key, "self": api_url(f"/issue/{issue.id}")}, 201


def get_issue(id_or_key):
    auth.require_user()
    issue = jira().issues.view(id_or_key)
    return issue_json(issue, selected_fields(split_list(request.args.getlist("fields"))),
                      split_list(request.args.getlist("expand")))


def edit_issue(id_or_key):
    user = auth.require_user()
    body = json_body(IssueInput())
    issue = jira().issues.get(id_or_key)
    jira().issues.edit(user, issue, body["field_values"], body["update"])
    return "", 204


def delete_issue(id_or_key):
    user = auth.require_user()
    issue = jira().issues.get(id_or_key)
    if issue.subtasks and request.args.get("deleteSubtasks", "false").lower() != "true":
        raise ValidationFailed(f"The issue '{issue.key}' has subtasks. You must specify the 'deleteSubtasks' "
                               "parameter to delete this issue and all its subtasks.")
    jira().issues.delete(user, issue)
    return "", 204


def assign_issue(id_or_key):
    user = auth.require_user()
    body = json_body(AssigneeInput())
    jira().issues.assign(user, jira().issues.get(id_or_key), body.get("name"))
    return "", 204


def list_transitions(id_or_key):
    auth.require_user()
    issue = jira().issues.get(id_or_key)
    catalog = jira().catalog
    return {"expand": "transitions", "transitions": [
        transition_json(t, catalog.status({"name": t.to})) for t in jira().issues.transitions(issue)]}


def do_transition(id_or_key):
    user = auth.require_user()
    body = json_body(TransitionInput())
    issue = jira().issues.get(id_or_key)
    jira().issues.transition(user, issue, body["transition"]["id"], body["field_values"],
                             body["update"].get("comment"))
    return "", 204


def list_comments(id_or_key):
    auth.require_user()
    return comments_page(jira().issues.get(id_or_key).comments)


def add_comment(id_or_key):
    user = auth.require_user()
    body = json_body(CommentInput())
    return comment_json(jira().comments.add(user, jira().issues.get(id_or_key), body.get("body"))), 201


def get_comment(id_or_key, comment_id):
    auth.require_user()
    return comment_json(jira().comments.get(jira().issues.get(id_or_key), comment_id))


def edit_comment(id_or_key, comment_id):
    user = auth.require_user()
    body = json_body(CommentInput())
    comment = jira().comments.get(jira().issues.get(id_or_key), comment_id)
    return comment_json(jira().comments.edit(user, comment, body.get("body")))


def delete_comment(id_or_key, comment_id):
    user = auth.require_user()
    jira().comments.delete(user, jira().comments.get(jira().issues.get(id_or_key), comment_id))
    return "", 204


def add_attachments(id_or_key):
    """Multipart, each file in a part named ``file`` (as Jira and its clients send it)."""
    user = auth.require_user()
    issue = jira().issues.get(id_or_key)
    files = [(part.filename, part.mimetype or None, part.read()) for part in request.files.getlist("file")]
    return [attachment_json(attachment) for attachment in jira().attachments.add(user, issue, files)]


def get_attachment(attachment_id):
    auth.require_user()
    return attachment_json(jira().attachments.get(attachment_id))


def delete_attachment(attachment_id):
    user = auth.require_user()
    jira().attachments.delete(user, jira().attachments.get(attachment_id))
    return "", 204


def attachment_content(attachment_id):
    auth.require_user()
    attachment = jira().attachments.get(attachment_id)
    response = Response(attachment.content, mimetype=attachment.mime_type)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(attachment.filename, safe='')}"
    return response


ROUTES = (
    ("/issue", create_issue, "POST"),
    ("/issue/<id_or_key>", get_issue, "GET"),
    ("/issue/<id_or_key>", edit_issue, "PUT"),
    ("/issue/<id_or_key>", delete_issue, "DELETE"),
    ("/issue/<id_or_key>/assignee", assign_issue, "PUT"),
    ("/issue/<id_or_key>/transitions", list_transitions, "GET"),
    ("/issue/<id_or_key>/transitions", do_transition, "POST"),
    ("/issue/<id_or_key>/comment", list_comments, "GET"),
    ("/issue/<id_or_key>/comment", add_comment, "POST"),
    ("/issue/<id_or_key>/comment/<comment_id>", get_comment, "GET"),
    ("/issue/<id_or_key>/comment/<comment_id>", edit_comment, "PUT"),
    ("/issue/<id_or_key>/comment/<comment_id>", delete_comment, "DELETE"),
    ("/issue/<id_or_key>/attachments", add_attachments, "POST"),
    ("/attachment/<attachment_id>", get_attachment, "GET"),
    ("/attachment/<attachment_id>", delete_attachment, "DELETE"),
    ("/attachment/content/<attachment_id>", attachment_content, "GET"),
)


def register_routes(blueprint: Blueprint, routes) -> None:
    """Each route under ``/api/2`` and its alias ``/api/latest``, one endpoint for both."""
    for path, view, method in routes:
        for prefix in API_PREFIXES:
            blueprint.add_url_rule(prefix + path, view_func=view, methods=[method])


def register(blueprint: Blueprint) -> None:
    register_routes(blueprint, ROUTES)
