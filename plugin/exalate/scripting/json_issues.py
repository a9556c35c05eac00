"""Issues given as JSON (the CLI's ``--issue``): Jira REST v2's shape, as ``GET /rest/api/2/issue/KEY``
answers it (``{"key", "fields": {"summary", "issuetype": {"name"}, …}}``), or a hub issue (the replica's
shape, ``{"key", "summary", "type": {"name"}, …}``, bare or wrapped in ``{"hubIssue": …}``)."""

from __future__ import annotations

from datetime import datetime


def snapshot_fields(data: dict) -> dict:
    """``IssueSnapshot``'s arguments from either shape. Anything left out is empty (a script trying an idiom
    needs only the fields it reads); ValueError for what is not an object."""
    if not isinstance(data, dict):
        raise ValueError("the issue must be a JSON object")
    if isinstance(data.get("fields"), dict):
        return _from_rest(data)
    hub = data.get("hubIssue", data)
    if not isinstance(hub, dict):
        raise ValueError("hubIssue must be a JSON object")
    return _from_hub(hub)


def _from_rest(data: dict) -> dict:
    fields = data["fields"]
    key = data.get("key")
    comments = fields.get("comment") or {}
    return {
        "id": _text(data.get("id")), "key": key,
        "project_key": (fields.get("project") or {}).get("key") or _project_of(key),
        "issue_type": _name(fields.get("issuetype")) or "Task", "summary": fields.get("summary"),
        "status": _name(fields.get("status")) or "To Do",
        "description": fields.get("description"), "priority": _name(fields.get("priority")),
        "resolution": _name(fields.get("resolution")), "labels": tuple(fields.get("labels") or ()),
        "assignee": _rest_user(fields.get("assignee")), "reporter": _rest_user(fields.get("reporter")),
        "parent_id": _text((fields.get("parent") or {}).get("id")),
        "created": _millis(fields.get("created")), "updated": _millis(fields.get("updated")),
        "comments": tuple(_comment(c["id"], c.get("body", ""), _rest_user(c.get("author")), c.get("created"),
                                   c.get("updated"))
                          for c in (comments.get("comments", []) if isinstance(comments, dict) else comments)),
        "attachments": tuple(_attachment(a["id"], a.get("filename", ""), a.get("mimeType"), a.get("size"),
                                         _rest_user(a.get("author")), a.get("created"))
                             for a in fields.get("attachment") or ()),
    }


def _from_hub(data: dict) -> dict:
    key = data.get("key")
    labels = [label.get("label") if isinstance(label, dict) else label for label in data.get("labels") or ()]
    project = data.get("project") or {}
    return {
        "id": _text(data.get("id")), "key": key,
        "project_key": project.get("key") or data.get("projectKey") or _project_of(key),
        "issue_type": _name(data.get("type")) or data.get("typeName") or "Task",
        "summary": data.get("summary"), "status": _name(data.get("status")) or "To Do",
        "description": data.get("description"), "priority": _name(data.get("priority")),
        "resolution": _name(data.get("resolution")), "labels": tuple(labels),
        "assignee": data.get("assignee"), "reporter": data.get("reporter"), "parent_id": _text(data.get("parentId")),
        "created": _millis(data.get("created")), "updated": _millis(data.get("updated")),
        "comments": tuple(_comment(c["id"], c.get("body", ""), c.get("author"), c.get("created"), c.get("updated"))
                          for c in data.get("comments") or ()),
        "attachments": tuple(_attachment(a["id"], a.get("filename", ""), a.get("mimetype"), a.get("filesize"),
                                         a.get("author"), a.get("created"))
                             for a in data.get("attachments") or ()),
    }


def _comment(comment_id, body, author, created, updated):
    from .snapshot import CommentSnapshot
    return CommentSnapshot(str(comment_id), body, author, _millis(created), _millis(updated))


def _attachment(attachment_id, filename, mime_type, size, author, created):
    from .snapshot import AttachmentSnapshot
    return AttachmentSnapshot(str(attachment_id), filename, mime_type or "application/octet-stream", int(size or 0),
                              author, _millis(created))


def _rest_user(user: dict | None) -> dict | None:
    if not isinstance(user, dict):
        return None
    username = user.get("name") or user.get("key")
    return {"key": username, "username": username, "displayName": user.get("displayName", username),
            "email": user.get("emailAddress"), "active": user.get("active", True)}


def _project_of(key) -> str | None:
    return key.rpartition("-")[0] or None if isinstance(key, str) else None


def _name(value) -> str | None:
    return value.get("name") if isinstance(value, dict) else value


def _text(value) -> str | None:
    return str(value) if value is not None else None


def _millis(value) -> int | None:
    """Jira's ``2026-12-01T18:00:00.000+0000`` or milliseconds, as milliseconds."""
    if value is None or isinstance(value, int):
        return value
    return int(datetime.strptime(str(value), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp() * 1000)
