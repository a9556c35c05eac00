"""What a Visual configuration must satisfy before it is published, checked against both sides' catalogs
(this instance's, and the destination's fetched over the node resources). Every error is named by its dotted
path in snake_case (``scope.local.project_key``, ``rules[2].direction``, ``mappings[0].values[1].remote``);
the doors rename the parts for their wire."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import ScriptSyntaxRefused, ValidationFailed
from ...fields import LABEL_MAX, REQUIRED, RULES_MAX, storable, text_errors
from ..connections import check_syntax
from ..peers import ProjectRef
from .model import FIELDS, FILTERS, MAPPED_FIELDS, SIDES, Direction, SyncMethod, VisualConfig


@dataclass(frozen=True)
class Catalog:
    """What one side offers a Visual configuration: its projects, issue types, priorities and statuses."""

    projects: list[ProjectRef] = field(default_factory=list)
    issue_types: list[str] = field(default_factory=list)
    priorities: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict) -> Catalog:
        """As another node's answer gives it (``plugin.rest.visual_schemas.CatalogSchema``)."""
        return cls([ProjectRef(str(p["key"]), str(p["name"])) for p in data["projects"]],
                   [str(v) for v in data["issueTypes"]], [str(v) for v in data["priorities"]],
                   [str(v) for v in data["statuses"]])

    def values(self, kind: str) -> list[str]:
        """The names a filter or a mapping of ``kind`` may use (``status``/``statuses``, ``priority``, …)."""
        return {"issue_types": self.issue_types, "priorities": self.priorities, "statuses": self.statuses,
                "priority": self.priorities, "status": self.statuses}[kind]


def local_catalog(jira) -> Catalog:
    """This instance's catalog (``jira``: ``plugin.jira.Jira``)."""
    return Catalog([ProjectRef(p.key, p.name) for p in jira.projects.list()],
                   [t.name for t in jira.catalog.issue_types()], [p.name for p in jira.catalog.priorities()],
                   [s.name for s in jira.catalog.statuses()])


def check(config: VisualConfig, catalogs: dict[str, Catalog]) -> None:
    """Raise ``ValidationFailed`` naming every bad value of ``config``."""
    errors: dict[str, str] = {}
    for side in SIDES:
        errors.update(_scope_errors(config, side, catalogs[side]))
    for name, method in (("local_to_remote", config.local_to_remote), ("remote_to_local", config.remote_to_local)):
        if method not in SyncMethod.__members__:
            errors[f"sync_method.{name}"] = _one_of(SyncMethod)
    errors.update(_rule_errors(config))
    errors.update(_mapping_errors(config, catalogs))
    errors.update(_script_errors(config))
    if errors:
        raise ValidationFailed(field_errors=errors)


def _scope_errors(config: VisualConfig, side: str, catalog: Catalog) -> dict[str, str]:
    scope, path = config.scope(side), f"scope.{side}"
    errors = {}
    if not scope.project_key:
        errors[f"{path}.project_key"] = REQUIRED
    elif scope.project_key not in {p.key for p in catalog.projects}:
        errors[f"{path}.project_key"] = f"Project '{scope.project_key}' does not exist on the {_side_name(side)}."
    for kind in FILTERS:
        for index, value in enumerate(getattr(scope, kind)):
            if kind == "labels":
                problem = _label_problem(value)
            else:
                problem = None if value in catalog.values(kind) else (
                    f"'{value}' is not one of the {_side_name(side)}'s {kind.replace('_', ' ')}.")
            if problem:
                errors[f"{path}.{kind}[{index}]"] = problem
    return errors


def _label_problem(value: str) -> str | None:
    if not value or not value.strip():
        return "A label cannot be blank."
    if any(c.isspace() for c in value):
        return "A label cannot contain spaces."
    if len(value) > LABEL_MAX or not storable(value):
        return f"A label must be at most {LABEL_MAX} characters, without NUL characters."
    return None


def _rule_errors(config: VisualConfig) -> dict[str, str]:
    errors, seen = {}, set()
    for index, rule in enumerate(config.rules):
        if rule.field not in FIELDS:
            errors[f"rules[{index}].field"] = f"Choose one of: {', '.join(FIELDS)}."
        elif rule.field in seen:
            errors[f"rules[{index}].field"] = f"The field {rule.field} has a rule already."
        seen.add(rule.field)
        if rule.direction not in Direction.__members__:
            errors[f"rules[{index}].direction"] = _one_of(Direction)
    missing = [name for name in FIELDS if name not in seen]
    if missing and not errors:
        errors["rules"] = f"Every field needs a rule; missing: {', '.join(missing)}."
    return errors


def _mapping_errors(config: VisualConfig, catalogs: dict[str, Catalog]) -> dict[str, str]:
    errors, seen = {}, set()
    for index, mapping in enumerate(config.mappings):
        path = f"mappings[{index}]"
        if mapping.field not in MAPPED_FIELDS:
            errors[f"{path}.field"] = f"Choose one of: {', '.join(MAPPED_FIELDS)}."
            continue
        if mapping.field in seen:
            errors[f"{path}.field"] = f"The field {mapping.field} has a mapping already."
        seen.add(mapping.field)
        pairs = [(f"{path}.values[{i}]", pair) for i, pair in enumerate(mapping.values)]
        if mapping.fallback is not None:
            pairs.append((f"{path}.fallback", mapping.fallback))
        for pair_path, pair in pairs:
            for side in SIDES:
                value = getattr(pair, side)
                if value not in catalogs[side].values(mapping.field):
                    errors[f"{pair_path}.{side}"] = (f"'{value}' is not a {mapping.field} of the "
                                                     f"{_side_name(side)}.")
    return errors


def _script_errors(config: VisualConfig) -> dict[str, str]:
    scripts = {"local_to_remote": config.local_to_remote_script, "remote_to_local": config.remote_to_local_script}
    errors = {f"scripts.{name}": message
              for name, message in text_errors(scripts, max_length=RULES_MAX, strip=False).items()}
    if errors:
        return errors
    try:
        check_syntax(scripts)
    except ScriptSyntaxRefused as refused:
        return {f"scripts.{name}": message for name, message in refused.field_errors.items()}
    return {}


def _side_name(side: str) -> str:
    return "local instance" if side == "local" else "destination"


def _one_of(enum_class) -> str:
    return f"Choose one of: {', '.join(enum_class.__members__)}."
