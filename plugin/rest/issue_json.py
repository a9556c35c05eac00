"""Issues and what they refer to, in Jira REST v2's JSON shapes: absolute ``self`` links from the
base URL (the clients reload through them), ids as strings, Jira's date format."""

from __future__ import annotations

from flask import current_app

from ..jira.models import Attachment, Comment, Issue, IssueType, Priority, Project, Resolution, Status, User
from ..jira.workflow import Transition
from .schemas import jira_datetime

API = "/rest/api/2"
# Jira's status category ids, keys and colours.
STATUS_CATEGORIES = {"new": (2, "To Do", "blue-gray"), "indeterminate": (4, "In Progress", "yellow"),
                     "done": (3, "Done", "green")}
# The system fields an issue answers, with their names (what ``expand=names`` gives).
FIELD_NAMES = {"summary": "Summary", "description": "Description", "issuetype": "Issue Type", "project": "Project",
               "status": "Status", "priority": "Priority", "resolution": "Resolution", "labels": "Labels",
               "assignee": "Assignee", "reporter": "Reporter", "creator": "Creator", "parent": "Parent",
               "subtasks": "Sub-Tasks", "created": "Created", "updated": "Updated",
               "resolutiondate": "Resolved", "comment": "Comment", "attachment": "Attachment"}
# What a search answers by default (``*navigable``): every field but the comments, as Jira, where comments are
# asked for by name (``fields=comment`` or ``*all``).
NAVIGABLE_FIELDS = frozenset(FIELD_NAMES) - {"comment"}


def api_url(path: str) -> str:
    return current_app.config["BASE_URL"] + API + path


def user_json(user: User | None) -> dict | None:
    if user is None:
        return None
    return {"self": api_url(f"/user?username={user.username}"), "name": user.username, "key": user.username,
            "emailAddress": user.email, "displayName": user.display_name, "active": True, "timeZone": "UTC",
            "avatarUrls": {}}


def project_json(project: Project) -> dict:
    return {"self": api_url(f"/project/{project.jira_id}"), "id": str(project.jira_id), "key": project.key,
            "name": project.name, "projectTypeKey": "software", "avatarUrls": {}}


def issue_type_json(issue_type: IssueType) -> dict:
    return {"self": api_url(f"/issuetype/{issue_type.id}"), "id": str(issue_type.id), "name": issue_type.name,
            "description": issue_type.description, "subtask": issue_type.subtask, "iconUrl": ""}


def priority_json(priority: Priority | None) -> dict | None:
    if priority is None:
        return None
    return {"self": api_url(f"/priority/{priority.id}"), "id": str(priority.id), "name": priority.name,
            "iconUrl": ""}


def status_json(status: Status) -> dict:
    category_id, category_name, colour = STATUS_CATEGORIES[status.category]
    return {"self": api_url(f"/status/{status.id}"), "id": str(status.id), "name": status.name, "description": "",
            "iconUrl": "", "statusCategory": {"self": api_url(f"/statuscategory/{category_id}"), "id": category_id,
                                              "key": status.category, "colorName": colour, "name": category_name}}


def resolution_json(resolution: Resolution | None) -> dict | None:
    if resolution is None:
        return None
    return {"self": api_url(f"/resolution/{resolution.id}"), "id": str(resolution.id), "name": resolution.name,
            "description": ""}


def comment_json(comment: Comment) -> dict:
    author = user_json(comment.author)
    return {"self": api_url(f"/issue/{comment.issue_id}/comment/{comment.id}"), "id": str(comment.id),
            "author": author, "body": comment.body, "updateAuthor": author,
            "created": jira_datetime(comment.created), "updated": jira_datetime(comment.updated)}


def comments_page(comments: list[Comment]) -> dict:
    return {"startAt": 0, "maxResults": len(comments), "total": len(comments),
            "comments": [comment_json(comment) for comment in comments]}


def attachment_json(attachment: Attachment) -> dict:
    return {"self": api_url(f"/attachment/{attachment.id}"), "id": str(attachment.id),
            "filename": attachment.filename, "author": user_json(attachment.author),
            "created": jira_datetime(attachment.created), "size": attachment.size,
            "mimeType": attachment.mime_type, "content": api_url(f"/attachment/content/{attachment.id}")}


def transition_json(transition: Transition, to: Status) -> dict:
    return {"id": str(transition.id), "name": transition.name, "to": status_json(to), "hasScreen": False,
            "isGlobal": transition.sources is None, "isInitial": False, "isConditional": False, "fields": {}}


def _issue_link(issue: Issue) -> dict:
    return {"id": str(issue.id), "key": issue.key, "self": api_url(f"/issue/{issue.id}"),
            "fields": {"summary": issue.summary, "status": status_json(issue.status),
                       "priority": priority_json(issue.priority), "issuetype": issue_type_json(issue.issue_type)}}


def _one(shared: dict, build, referenced):
    """``build(referenced)``, answered once per ``shared`` (a page) for the same object."""
    if referenced is None:
        return None
    key = (build, id(referenced))
    if key not in shared:
        shared[key] = build(referenced)
    return shared[key]


def _resolution_date(issue: Issue) -> str | None:
    return jira_datetime(issue.updated) if issue.status.category == "done" and issue.resolution else None


# Each field's value of an issue, given what a page's issues share; in the order an answer lists them.
_FIELD_VALUES = {
    "summary": lambda issue, shared: issue.summary, "description": lambda issue, shared: issue.description,
    "issuetype": lambda issue, shared: _one(shared, issue_type_json, issue.issue_type),
    "project": lambda issue, shared: _one(shared, project_json, issue.project),
    "status": lambda issue, shared: _one(shared, status_json, issue.status),
    "priority": lambda issue, shared: _one(shared, priority_json, issue.priority),
    "resolution": lambda issue, shared: _one(shared, resolution_json, issue.resolution),
    "labels": lambda issue, shared: issue.labels,
    "assignee": lambda issue, shared: _one(shared, user_json, issue.assignee),
    "reporter": lambda issue, shared: _one(shared, user_json, issue.reporter),
    "creator": lambda issue, shared: _one(shared, user_json, issue.reporter),
    "parent": lambda issue, shared: _issue_link(issue.parent) if issue.parent is not None else None,
    "subtasks": lambda issue, shared: [_issue_link(subtask) for subtask in issue.subtasks],
    "created": lambda issue, shared: jira_datetime(issue.created),
    "updated": lambda issue, shared: jira_datetime(issue.updated),
    "resolutiondate": lambda issue, shared: _resolution_date(issue),
    "comment": lambda issue, shared: comments_page(issue.comments),
    "attachment": lambda issue, shared: [attachment_json(attachment) for attachment in issue.attachments],
}


def issue_field_values(issue: Issue, wanted: set[str] | None = None, shared: dict | None = None) -> dict:
    """Each field's value, by field id: only the ``wanted`` ones (None: all). ``shared`` keeps the answers of
    what several issues refer to (one status, one project, the same people) across a page of them."""
    shared = {} if shared is None else shared
    return {name: value(issue, shared) for name, value in _FIELD_VALUES.items() if wanted is None or name in wanted}


def issue_json(issue: Issue, wanted: set[str] | None = None, expand: list[str] = (),
               shared: dict | None = None) -> dict:
    """The issue with the ``wanted`` fields (``selected_fields`` of what was asked for; None: all), and
    ``names`` when ``expand`` asks for it. ``shared``: as ``issue_field_values``."""
    values = issue_field_values(issue, wanted, shared)
    answer = {"expand": "renderedFields,names,schema,transitions,changelog", "id": str(issue.id),
              "self": api_url(f"/issue/{issue.id}"), "key": issue.key, "fields": values}
    if "names" in expand:
        answer["names"] = {name: FIELD_NAMES[name] for name in values}
    return answer


def selected_fields(fields: list[str] | None, *, searched: bool = False) -> set[str] | None:
    """The field ids ``fields`` asks for (none named: all, or the navigable ones for a ``searched`` issue;
    ``*all``; ``*navigable``; ``-name`` leaves one out); None: all of them."""
    if not fields and not searched:
        return None
    named = {name for name in fields or () if not name.startswith("-")}
    if not named:
        wanted = set(NAVIGABLE_FIELDS if searched else FIELD_NAMES)
    else:
        wanted = named & set(FIELD_NAMES)
        if "*all" in named:
            wanted |= set(FIELD_NAMES)
        if "*navigable" in named:
            wanted |= NAVIGABLE_FIELDS
    wanted -= {name[1:] for name in fields or () if name.startswith("-")}
    return wanted


def split_list(value: str | list | None) -> list[str]:
    """``a,b`` or ``["a", "b"]`` (query parameters and JSON bodies alike) → ``["a", "b"]``."""
    if value is None:
        return []
    parts = value if isinstance(value, list) else [value]
    return [item.strip() for part in parts if isinstance(part, str) for item in part.split(",") if item.strip()]
