"""The bare app's answers in Jira's REST v2 shapes, written by hand the plain way: each issue's references
serialised where they are met, links built from the request's host URL. The shapes are the emulator's
(``plugin/rest/issue_json.py``), so that the two apps answer the same bytes' worth of JSON."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask import request

if TYPE_CHECKING:
    from .bare_app import Attachment, Comment, IssueType, Priority, Project, Resolution, Status, User

API = "/rest/api/2"
JIRA_DATETIME = "%Y-%m-%dT%H:%M:%S.000+0000"
PROJECT_ID_OFFSET = 10000  # a project's id in Jira's answers, as the emulator's
STATUS_CATEGORIES = {"new": (2, "To Do", "blue-gray"), "indeterminate": (4, "In Progress", "yellow"),
                     "done": (3, "Done", "green")}


def api_url(path: str) -> str:
    return request.host_url.rstrip("/") + API + path


def jira_datetime(moment: datetime) -> str:
    return moment.strftime(JIRA_DATETIME)


def user_json(user: User | None) -> dict | None:
    return None if user is None else {
        "self": api_url(f"/user?username={user.username}"), "name": user.username, "key": user.username,
        "emailAddress": user.email, "displayName": user.display_name, "active": True, "timeZone": "UTC",
        "avatarUrls": {}}


def project_json(project: Project) -> dict:
    jira_id = PROJECT_ID_OFFSET + project.id
    return {"self": api_url(f"/project/{jira_id}"), "id": str(jira_id), "key": project.key, "name": project.name,
            "projectTypeKey": "software", "avatarUrls": {}}


def issue_type_json(issue_type: IssueType) -> dict:
    return {"self": api_url(f"/issuetype/{issue_type.id}"), "id": str(issue_type.id), "name": issue_type.name,
            "description": issue_type.description, "subtask": issue_type.subtask, "iconUrl": ""}


def status_json(status: Status) -> dict:
    category_id, category_name, colour = STATUS_CATEGORIES[status.category]
    return {"self": api_url(f"/status/{status.id}"), "id": str(status.id), "name": status.name, "description": "",
            "iconUrl": "", "statusCategory": {"self": api_url(f"/statuscategory/{category_id}"), "id": category_id,
                                              "key": status.category, "colorName": colour, "name": category_name}}


def priority_json(priority: Priority | None) -> dict | None:
    return None if priority is None else {"self": api_url(f"/priority/{priority.id}"), "id": str(priority.id),
                                          "name": priority.name, "iconUrl": ""}


def resolution_json(resolution: Resolution | None) -> dict | None:
    return None if resolution is None else {"self": api_url(f"/resolution/{resolution.id}"),
                                            "id": str(resolution.id), "name": resolution.name, "description": ""}


def attachment_json(attachment: Attachment) -> dict:
    return {"self": api_url(f"/attachment/{attachment.id}"), "id": str(attachment.id), "filename": attachment.filename,
            "author": user_json(attachment.author), "created": jira_datetime(attachment.created),
            "size": attachment.size, "mimeType": attachment.mime_type,
            "content": api_url(f"/attachment/content/{attachment.id}")}


def comment_json(comment: Comment) -> dict:
    author = user_json(comment.author)
    return {"self": api_url(f"/issue/{comment.issue_id}/comment/{comment.id}"), "id": str(comment.id),
            "author": author, "body": comment.body, "updateAuthor": author,
            "created": jira_datetime(comment.created), "updated": jira_datetime(comment.updated)}
