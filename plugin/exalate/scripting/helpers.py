"""The helpers a sync script calls: ``nodeHelper`` (look-ups in the local Jira), ``commentHelper`` and
``attachmentHelper`` (merge what the replica carries into the local issue's lists, matched through the traces of
earlier syncs), ``debug.error`` and ``store(issue)``. They work on the run's catalog and maps only."""

from __future__ import annotations

from collections.abc import Callable

from ...script import HostObject
from ...script.errors import GroovyRuntimeError
from .catalog import ScriptCatalog
from .hub import HubIssue

HELPER_PACKAGE = "com.exalate.api.node"


class Helper(HostObject):
    """A helper object: its methods by Groovy name, each taking the script's arguments."""

    methods: dict[str, Callable] = {}

    def call_method(self, name: str, args: list):
        method = self.methods.get(name)
        if method is None:
            return super().call_method(name, args)
        try:
            return method(self, *args)
        except TypeError:
            raise self.missing_method(name, args) from None

    def has_method(self, name: str) -> bool:
        return name in self.methods


class NodeHelper(Helper):
    groovy_class = HELPER_PACKAGE + ".NodeHelper"

    def __init__(self, catalog: ScriptCatalog, local_issue_from_remote_id: Callable | None = None):
        self.catalog = catalog
        self.local_issue_from_remote_id = local_issue_from_remote_id

    def get_issue_type(self, name, project_key=None):
        return self.catalog.issue_type(name)

    def get_local_issue(self, remote_id):
        if self.local_issue_from_remote_id is None or remote_id is None:
            return None
        return self.local_issue_from_remote_id(str(remote_id))

    methods = {
        "getIssueType": get_issue_type,
        "getPriority": lambda self, name: self.catalog.priority(name),
        "getStatus": lambda self, name: self.catalog.status(name),
        "getUserByUsername": lambda self, username: self.catalog.user_by_username(username),
        "getUser": lambda self, key: self.catalog.user_by_username(key),
        "getUserByEmail": lambda self, email: self.catalog.user_by_email(email),
        "getLocalIssueFromRemoteId": get_local_issue,
        "getLabel": lambda self, name: {"label": name},
    }


class CommentHelper(Helper):
    """Remote comments arrive as ``<author display name> commented: <body>`` unless a closure formats them
    (the closure gets each new or edited comment as a map and may set ``body`` and ``executor``)."""

    groovy_class = HELPER_PACKAGE + ".CommentHelper"

    def __init__(self, previous: HubIssue | None):
        self.previous = previous

    def merge_comments(self, issue: HubIssue, replica: HubIssue, formatter=None) -> list:
        earlier = {str(c.get("id")): c.get("body") for c in _items(self.previous, "comments")}
        return _merge(issue, replica, "comments", lambda remote: _arriving(remote, formatter),
                      lambda remote: str(remote.get("id")) in earlier and earlier[str(remote.get("id"))]
                      != remote.get("body"))

    def add_comment(self, text, comments=None) -> list:
        return [*(comments or []), {"id": None, "body": text, "author": None, "remoteId": None, "executor": None,
                                    "internal": False}]

    methods = {
        "mergeComments": merge_comments,
        "addComment": add_comment,
        "filterLocal": lambda self, comments: [c for c in comments or [] if _remote_id(c) is None],
    }


class AttachmentHelper(Helper):
    groovy_class = HELPER_PACKAGE + ".AttachmentHelper"

    def merge_attachments(self, issue: HubIssue, replica: HubIssue) -> list:
        return _merge(issue, replica, "attachments", lambda remote: {**remote, "id": None,
                                                                     "remoteId": str(remote.get("id"))},
                      lambda remote: False)

    methods = {"mergeAttachments": merge_attachments}


class Debug(Helper):
    groovy_class = HELPER_PACKAGE + ".Debug"

    def error(self, message):
        from ...script.values import to_string
        raise GroovyRuntimeError(to_string(message), "IssueTrackerException")

    methods = {"error": error}


class Store(Helper):
    """``store(issue)``: the issue is created at this point of the script (its project must be known)."""

    groovy_class = HELPER_PACKAGE + ".Store"

    def store(self, issue):
        if not isinstance(issue, HubIssue) or not hasattr(issue, "stored"):
            raise self.missing_method("call", [issue])
        issue.project_key()
        issue.stored = True
        return issue

    methods = {"call": store}


def _merge(issue: HubIssue, replica: HubIssue, name: str, arriving: Callable, edited: Callable) -> list:
    """The local list after the replica's: copies whose remote item is gone leave, new remote items arrive,
    edited ones replace their copy's body. The remote side's copies of this side's items (they carry a
    ``remoteId`` of their own) are this side's items coming back, and are skipped."""
    if not isinstance(issue, HubIssue) or not isinstance(replica, HubIssue):
        raise GroovyRuntimeError(f"merge{name.title()} takes the issue and the replica", "IllegalArgumentException")
    remote = [item for item in _items(replica, name) if _remote_id(item) is None]
    remote_ids = {str(item.get("id")) for item in remote}
    merged = [item for item in _items(issue, name) if _remote_id(item) is None or _remote_id(item) in remote_ids]
    copies = {_remote_id(item): position for position, item in enumerate(merged) if _remote_id(item) is not None}
    for item in remote:
        position = copies.get(str(item.get("id")))
        if position is None:
            merged.append(arriving(item))
        elif edited(item):
            merged[position] = {**merged[position], "body": arriving(item)["body"]}
    return merged


def _arriving(remote: dict, formatter) -> dict:
    comment = {**remote, "id": None, "remoteId": str(remote.get("id")), "executor": None}
    if formatter is None:
        author = (remote.get("author") or {}).get("displayName") or "Anonymous"
        comment["body"] = f"{author} commented: {remote.get('body')}"
        return comment
    answer = formatter(comment)
    return answer if isinstance(answer, dict) and "body" in answer else comment


def _items(hub: HubIssue | None, name: str) -> list:
    items = hub.fields.get(name) if hub is not None else None
    return [item for item in items or [] if isinstance(item, dict)]


def _remote_id(item) -> str | None:
    value = item.get("remoteId") if isinstance(item, dict) else None
    return str(value) if value is not None else None
