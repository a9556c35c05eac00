"""The hub issue as scripts see it: ``replica`` (what travels between the two sides) and ``issue`` (the local
issue: read only in the outgoing script, a draft that records assignments in the incoming one). Both are Exalate's
``BasicHubIssue``: a fixed set of properties, nested values as maps (``replica.type.name``), so that a
misspelt property is the script error Groovy would give."""

from __future__ import annotations

import copy
from decimal import Decimal

from ...script import HostObject
from ...script.errors import GroovyRuntimeError

HUB_CLASS = "com.exalate.basic.domain.hubobject.v1.BasicHubIssue"
REPLICA_VERSION = {"major": 1, "minor": 4, "patch": 0}
LISTS = ("labels", "comments", "attachments", "components", "fixVersions", "affectedVersions", "watchers",
         "issueLinks", "workLogs")
VALUES = ("id", "key", "summary", "description", "project", "type", "status", "priority", "resolution",
          "assignee", "reporter", "creator", "parentId", "created", "updated", "due", "environment")
# Read and written as the names of ``type`` and ``project``, as Exalate's issue offers them.
DERIVED = {"typeName": ("type", "name"), "projectKey": ("project", "key")}


def empty_hub() -> dict:
    # customKeys: free data one side's script sends the other's, beside the issue's own fields.
    return {**dict.fromkeys(VALUES), **{name: [] for name in LISTS}, "customFields": {}, "customKeys": {}}


class HubIssue(HostObject):
    groovy_class = HUB_CLASS

    def __init__(self, fields: dict | None = None, *, writable: bool = True):
        self.fields = {**empty_hub(), **(fields or {})}
        self.writable = writable

    def get_property(self, name: str):
        if name in DERIVED:
            holder, key = DERIVED[name]
            value = self.fields[holder]
            return value.get(key) if isinstance(value, dict) else None
        if name not in self.fields:
            raise self.missing_property(name)
        return self.fields[name]

    def set_property(self, name: str, value) -> None:
        if name not in self.fields and name not in DERIVED:
            raise self.missing_property(name)
        if not self.writable:
            raise GroovyRuntimeError(f"Cannot set readonly property: {name} for class: {HUB_CLASS}",
                                     "ReadOnlyPropertyException")
        self.assign(name, value)

    def assign(self, name: str, value) -> None:
        if name in DERIVED:
            holder, key = DERIVED[name]
            self.fields[holder] = {key: value} if value is not None else None
        else:
            self.fields[name] = value

    def has_method(self, name: str) -> bool:
        return False

    def to_string(self) -> str:
        return f"{HUB_CLASS}@{self.fields.get('key')}"

    def hub_json(self) -> dict:
        return plain(self.fields)


class Replica(HubIssue):
    """``replica``: built by the outgoing script, read by the incoming one (and ``previous``)."""

    def to_json(self) -> dict:
        return {"version": dict(REPLICA_VERSION), "hubIssue": self.hub_json()}

    @classmethod
    def from_json(cls, data: dict, *, writable: bool = False) -> Replica:
        """A replica from its JSON form, wrapped (``{"version", "hubIssue"}``) or the bare hub issue."""
        if not isinstance(data, dict):
            raise ValueError("a replica must be a JSON object")
        hub = data.get("hubIssue", data)
        if not isinstance(hub, dict):
            raise ValueError("hubIssue must be a JSON object")
        known = {name: copy.deepcopy(value) for name, value in hub.items() if name in empty_hub()}
        return cls(known, writable=writable)


def plain(value, path: tuple = ()):
    """A script's value as JSON: numbers as numbers, sets and ranges as lists, host objects by their
    fields or text; copied, so that the JSON no longer moves with the script's objects. A collection
    that contains itself shows as Groovy prints it, ``(this Collection)``."""
    if isinstance(value, (dict, list, tuple)) and id(value) in path:
        return "(this Map)" if isinstance(value, dict) else "(this Collection)"
    inner = (*path, id(value))
    if isinstance(value, dict):
        return {str(key): plain(item, inner) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item, inner) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, HubIssue):
        return plain(value.fields, path)
    if hasattr(value, "__iter__") and not isinstance(value, HostObject):
        return [plain(item, inner) for item in value]
    from ...script.values import to_string
    return to_string(value)
