"""A Visual connection's configuration as one tree (docs.exalate.com, "Visual mode"): the scope of each side
(a project and filters), the sync method of each direction, a direction per field and value mappings, with
optional script snippets. ``local`` is always this instance: the destination stores the initiator's
configuration mirrored (``mirrored()``). ``to_json`` / ``from_json`` are how it is stored and sent between
the two nodes, not the REST wire (the REST schema owns that)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import datetime

# The fields a Visual connection may sync, in the order its Rules tab lists them.
FIELDS = ("summary", "description", "comments", "attachments", "labels", "priority", "status", "issueType",
          "assignee")
MAPPED_FIELDS = ("status", "priority")
FILTERS = ("issue_types", "priorities", "statuses", "labels")
SIDES = ("local", "remote")
MAX_VALUES = 200  # values in one filter or mapping: more than any catalog holds


class SyncMethod(str, enum.Enum):
    AUTOMATIC = "AUTOMATIC"  # a trigger made from the sending side's scope
    MANUAL = "MANUAL"  # the Exalate operation only
    DISABLED = "DISABLED"  # nothing is sent that way


class Direction(str, enum.Enum):
    BOTH = "BOTH"
    LOCAL_TO_REMOTE = "LOCAL_TO_REMOTE"
    REMOTE_TO_LOCAL = "REMOTE_TO_LOCAL"
    NONE = "NONE"

    def flows(self, outbound: bool) -> bool:
        """Whether the field goes from local to remote (``outbound``) or the other way."""
        return self == Direction.BOTH or self == (Direction.LOCAL_TO_REMOTE if outbound else Direction.REMOTE_TO_LOCAL)

    def mirrored(self) -> str:
        return _MIRRORED_DIRECTIONS.get(self, self).value


_MIRRORED_DIRECTIONS = {Direction.LOCAL_TO_REMOTE: Direction.REMOTE_TO_LOCAL,
                        Direction.REMOTE_TO_LOCAL: Direction.LOCAL_TO_REMOTE}


@dataclass
class Scope:
    """One side's project and filters: an empty filter selects everything; OR within a filter, AND across."""

    project_key: str | None
    issue_types: list[str] = field(default_factory=list)
    priorities: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


@dataclass
class FieldRule:
    field: str
    direction: str


@dataclass
class ValuePair:
    local: str
    remote: str

    def mirrored(self) -> ValuePair:
        return ValuePair(self.remote, self.local)


@dataclass
class ValueMapping:
    """Values of ``field`` paired across the sides; ``fallback`` for a value without a pair (None: the value
    as it is, the field left unchanged when the receiving side has no such value)."""

    field: str
    values: list[ValuePair] = field(default_factory=list)
    fallback: ValuePair | None = None


@dataclass
class Compiled:
    """What one side's sync rules became."""

    outgoing: str
    incoming: str


@dataclass
class VisualConfig:
    local_scope: Scope
    remote_scope: Scope
    local_to_remote: str = SyncMethod.MANUAL.value
    remote_to_local: str = SyncMethod.MANUAL.value
    rules: list[FieldRule] = field(default_factory=list)
    mappings: list[ValueMapping] = field(default_factory=list)
    local_to_remote_script: str = ""
    remote_to_local_script: str = ""
    # Read only: set by publishing.
    published_at: datetime | None = None
    local_compiled: Compiled | None = None
    remote_compiled: Compiled | None = None
    configured_from: str | None = None  # on the destination: the initiator it is configured from

    def scope(self, side: str) -> Scope:
        return self.local_scope if side == "local" else self.remote_scope

    def sync_method(self, outbound: bool) -> str:
        return self.local_to_remote if outbound else self.remote_to_local

    def script(self, outbound: bool) -> str:
        return self.local_to_remote_script if outbound else self.remote_to_local_script

    def direction(self, field_name: str) -> Direction:
        found = next((rule.direction for rule in self.rules if rule.field == field_name), Direction.NONE.value)
        return Direction(found)

    def mapping(self, field_name: str) -> ValueMapping | None:
        return next((m for m in self.mappings if m.field == field_name), None)

    def mirrored(self, configured_from: str | None = None) -> VisualConfig:
        """The same configuration as the other side sees it: its local is this one's remote."""
        return replace(
            self, local_scope=self.remote_scope, remote_scope=self.local_scope,
            local_to_remote=self.remote_to_local, remote_to_local=self.local_to_remote,
            rules=[FieldRule(r.field, Direction(r.direction).mirrored()) for r in self.rules],
            mappings=[ValueMapping(m.field, [p.mirrored() for p in m.values],
                                   m.fallback.mirrored() if m.fallback else None) for m in self.mappings],
            local_to_remote_script=self.remote_to_local_script, remote_to_local_script=self.local_to_remote_script,
            local_compiled=self.remote_compiled, remote_compiled=self.local_compiled,
            configured_from=configured_from)


def default_config(local_project: str | None, remote_project: str | None) -> VisualConfig:
    """What a Visual connection starts with: the connection's projects, no filters, both directions Manual, every
    field both ways but the assignee, no mappings, no scripts."""
    rules = [FieldRule(name, (Direction.NONE if name == "assignee" else Direction.BOTH).value) for name in FIELDS]
    return VisualConfig(Scope(local_project), Scope(remote_project), rules=rules)


# ------------------------------------------------------------------ stored and node-to-node form


def to_json(config: VisualConfig) -> dict:
    return {
        "scope": {side: _scope_json(config.scope(side)) for side in SIDES},
        "syncMethod": {"localToRemote": config.local_to_remote, "remoteToLocal": config.remote_to_local},
        "rules": [{"field": r.field, "direction": r.direction} for r in config.rules],
        "mappings": [{"field": m.field, "values": [_pair_json(p) for p in m.values],
                      "fallback": _pair_json(m.fallback) if m.fallback else None} for m in config.mappings],
        "scripts": {"localToRemote": config.local_to_remote_script,
                    "remoteToLocal": config.remote_to_local_script},
        "compiled": {side: {"outgoing": c.outgoing, "incoming": c.incoming} if c else None
                     for side, c in (("local", config.local_compiled), ("remote", config.remote_compiled))},
    }


def from_json(data: dict) -> VisualConfig:
    compiled = data.get("compiled") or {}
    return VisualConfig(
        local_scope=_scope(data["scope"]["local"]), remote_scope=_scope(data["scope"]["remote"]),
        local_to_remote=data["syncMethod"]["localToRemote"], remote_to_local=data["syncMethod"]["remoteToLocal"],
        rules=[FieldRule(r["field"], r["direction"]) for r in data["rules"]],
        mappings=[ValueMapping(m["field"], [ValuePair(p["local"], p["remote"]) for p in m["values"]],
                               ValuePair(m["fallback"]["local"], m["fallback"]["remote"]) if m["fallback"] else None)
                  for m in data["mappings"]],
        local_to_remote_script=data["scripts"]["localToRemote"],
        remote_to_local_script=data["scripts"]["remoteToLocal"],
        local_compiled=Compiled(**compiled["local"]) if compiled.get("local") else None,
        remote_compiled=Compiled(**compiled["remote"]) if compiled.get("remote") else None,
    )


def _scope_json(scope: Scope) -> dict:
    return {"projectKey": scope.project_key, "issueTypes": scope.issue_types, "priorities": scope.priorities,
            "statuses": scope.statuses, "labels": scope.labels}


def _scope(data: dict) -> Scope:
    return Scope(data["projectKey"], list(data["issueTypes"]), list(data["priorities"]), list(data["statuses"]),
                 list(data["labels"]))


def _pair_json(pair: ValuePair) -> dict:
    return {"local": pair.local, "remote": pair.remote}
