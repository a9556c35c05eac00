"""Marshmallow schemas of a Visual connection's configuration (``/connections/{id}/visual``) and of what
the two nodes exchange about it. Types are checked here; the values (projects, types, directions, …) by the
domain (``plugin.exalate.visual``)."""

from __future__ import annotations

from marshmallow import Schema, fields, post_load, pre_dump, validate

from ..exalate.visual import VisualConfig
from ..exalate.visual.model import (
    FIELDS,
    MAPPED_FIELDS,
    MAX_VALUES,
    Direction,
    FieldRule,
    Scope,
    SyncMethod,
    ValueMapping,
    ValuePair,
)
from .schemas import InputSchema, JiraDateTime


def _names(**kwargs):
    return fields.List(fields.String(), load_default=list, validate=validate.Length(max=MAX_VALUES), **kwargs)


class ScopeInput(InputSchema):
    project_key = fields.String(data_key="projectKey", allow_none=True, load_default=None)
    issue_types = _names(data_key="issueTypes")
    priorities = _names()
    statuses = _names()
    labels = _names()


class ScopesInput(InputSchema):
    local = fields.Nested(ScopeInput, required=True)
    remote = fields.Nested(ScopeInput, required=True)


class SyncMethodInput(InputSchema):
    local_to_remote = fields.String(data_key="localToRemote", required=True,
                                    metadata={"enum": list(SyncMethod.__members__)})
    remote_to_local = fields.String(data_key="remoteToLocal", required=True,
                                    metadata={"enum": list(SyncMethod.__members__)})


class RuleInput(InputSchema):
    field = fields.String(required=True, metadata={"enum": list(FIELDS)})
    direction = fields.String(required=True, metadata={"enum": list(Direction.__members__)})


class PairInput(InputSchema):
    local = fields.String(required=True)
    remote = fields.String(required=True)


class MappingInput(InputSchema):
    field = fields.String(required=True, metadata={"enum": list(MAPPED_FIELDS)})
    values = fields.List(fields.Nested(PairInput), load_default=list, validate=validate.Length(max=MAX_VALUES))
    fallback = fields.Nested(PairInput, allow_none=True, load_default=None)


class ScriptsInput(InputSchema):
    local_to_remote = fields.String(data_key="localToRemote", load_default="")
    remote_to_local = fields.String(data_key="remoteToLocal", load_default="")


class VisualInput(InputSchema):
    """A Visual configuration to publish (``publishedAt`` and ``compiled`` are read only: ignored)."""

    scope = fields.Nested(ScopesInput, required=True)
    sync_method = fields.Nested(SyncMethodInput, data_key="syncMethod", required=True)
    rules = fields.List(fields.Nested(RuleInput), required=True, validate=validate.Length(max=len(FIELDS) * 2))
    mappings = fields.List(fields.Nested(MappingInput), load_default=list,
                           validate=validate.Length(max=len(MAPPED_FIELDS) * 2))
    scripts = fields.Nested(ScriptsInput, load_default=lambda: {"local_to_remote": "", "remote_to_local": ""})

    @post_load
    def _config(self, data: dict, **_kwargs) -> VisualConfig:
        return VisualConfig(
            local_scope=Scope(**data["scope"]["local"]), remote_scope=Scope(**data["scope"]["remote"]),
            local_to_remote=data["sync_method"]["local_to_remote"],
            remote_to_local=data["sync_method"]["remote_to_local"],
            rules=[FieldRule(**rule) for rule in data["rules"]],
            mappings=[ValueMapping(m["field"], [ValuePair(**p) for p in m["values"]],
                                   ValuePair(**m["fallback"]) if m["fallback"] else None) for m in data["mappings"]],
            local_to_remote_script=data["scripts"]["local_to_remote"],
            remote_to_local_script=data["scripts"]["remote_to_local"])


class CompiledSchema(Schema):
    outgoing = fields.String(required=True, metadata={"description": "The outgoing sync rules it became"})
    incoming = fields.String(required=True, metadata={"description": "The incoming sync rules it became"})


class CompiledSidesSchema(Schema):
    local = fields.Nested(CompiledSchema, allow_none=True, required=True)
    remote = fields.Nested(CompiledSchema, allow_none=True, required=True)


class VisualSchema(Schema):
    """A Visual configuration as published (or, before the first Publish, as it starts)."""

    scope = fields.Nested(ScopesInput, required=True)
    sync_method = fields.Nested(SyncMethodInput, data_key="syncMethod", required=True)
    rules = fields.List(fields.Nested(RuleInput), required=True)
    mappings = fields.List(fields.Nested(MappingInput), required=True)
    scripts = fields.Nested(ScriptsInput, required=True)
    published_at = JiraDateTime(data_key="publishedAt", allow_none=True, required=True)  # null: never published
    configured_from = fields.String(data_key="configuredFrom", allow_none=True, required=True,
                                    metadata={"description": "On the destination: the instance that configures it"})
    compiled = fields.Nested(CompiledSidesSchema, required=True)

    @pre_dump
    def _tree(self, config: VisualConfig, **_kwargs) -> dict:
        return {
            "scope": {"local": config.local_scope, "remote": config.remote_scope},
            "sync_method": {"local_to_remote": config.local_to_remote, "remote_to_local": config.remote_to_local},
            "rules": config.rules, "mappings": config.mappings,
            "scripts": {"local_to_remote": config.local_to_remote_script,
                        "remote_to_local": config.remote_to_local_script},
            "published_at": config.published_at, "configured_from": config.configured_from,
            "compiled": {"local": config.local_compiled, "remote": config.remote_compiled},
        }


class ProjectRefSchema(Schema):
    key = fields.String(required=True)
    name = fields.String(required=True)


class CatalogSchema(Schema):
    """One side's projects, issue types, priorities and statuses."""

    projects = fields.List(fields.Nested(ProjectRefSchema), required=True)
    issue_types = fields.List(fields.String(), data_key="issueTypes", required=True)
    priorities = fields.List(fields.String(), required=True)
    statuses = fields.List(fields.String(), required=True)


class CatalogsSchema(Schema):
    local = fields.Nested(CatalogSchema, required=True)
    remote = fields.Nested(CatalogSchema, required=True)


class NodeVisualInput(InputSchema):
    """The destination's half of a published configuration, as the initiator sends it (node to node)."""

    configuration = fields.Dict(required=True)
    published_at = fields.String(data_key="publishedAt", required=True)
    trigger_jql = fields.String(data_key="triggerJql", allow_none=True, required=True)

