"""A Visual connection's configuration page: *Scope*, *Rules*, *Mappings* and the *Sync method*
of each direction, with optional script snippets, published for both sides at once.

The whole configuration is one form whose fields carry the wire's dotted names
(``scope.local.projectKey``, ``rules[2].direction``, ``mappings[0].values[1].remote``), so that
an error the domain names lands beside its field. Adding or removing a mapping or a value pair
posts the form and shows it again with the change, publishing nothing: the page works without
JavaScript, which only shows one tab at a time. On the destination the page is read-only."""

from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, request, url_for

from ..errors import DomainError, ValidationFailed
from ..exalate.visual.model import (
    FIELDS,
    MAPPED_FIELDS,
    MAX_VALUES,
    SIDES,
    FieldRule,
    Scope,
    ValueMapping,
    ValuePair,
    VisualConfig,
)
from ..web import exalate, status_for, wire_errors
from .pages import project_choices, render_form

TEMPLATE = "admin/visual.html"
PUBLISHED = "The Visual configuration has been published to both sides."
CATALOG_PROBLEM = "The destination's projects, issue types, priorities and statuses could not be read"
# The form's name of each scope filter, and the catalog's list that offers its values.
FILTERS = {"issueTypes": "issue_types", "priorities": "priorities", "statuses": "statuses"}
METHODS = {"AUTOMATIC": "Automatic", "MANUAL": "Manual", "DISABLED": "Disabled"}
DIRECTIONS = {"BOTH": ("\u21c4", "Both ways"), "LOCAL_TO_REMOTE": ("\u2192", "Local to remote"),
              "REMOTE_TO_LOCAL": ("\u2190", "Remote to local"), "NONE": ("\u2014", "Not synced")}
FIELD_LABELS = {"summary": "Summary", "description": "Description", "comments": "Comments",
                "attachments": "Attachments", "labels": "Labels", "priority": "Priority", "status": "Status",
                "issueType": "Issue type", "assignee": "Assignee"}
MAX_MAPPINGS = 10
_INDEX = re.compile(r"\[\d+\]$")


def show(connection_id: int):
    return _page(connection_id)


def publish(connection_id: int):
    config = parse(request.form)
    action = request.form.get("action", "publish")
    if action != "publish":
        return _page(connection_id, edit(config, action), open_tab="mappings")
    choosing = exalate().visual.catalog_for_choosing(connection_id)  # read once: checked, then offered again
    catalogs, problem = choosing
    try:
        exalate().visual.publish(connection_id, config, catalogs if problem is None else None)
    except DomainError as error:
        return _page(connection_id, config, error, choosing=choosing)
    flash(PUBLISHED, "success")
    return redirect(url_for(".visual", connection_id=connection_id), 303)


def _page(connection_id: int, config: VisualConfig | None = None, error: DomainError | None = None,
          open_tab: str = "scope", choosing: tuple[dict, str | None] | None = None):
    """The page showing ``config`` as typed (by default the configuration as published) beside what was last
    published; with JavaScript, ``open_tab`` is the tab shown first unless another has an error. ``choosing``:
    the catalogs to offer values from, when the request has read them already."""
    published = exalate().visual.get(connection_id)
    config = config or published
    connection = exalate().connections.get(connection_id)
    read_only = published.configured_from is not None  # the destination: configured from the initiator
    if read_only:
        catalogs, problem = {}, None
    else:  # the destination's may be out of reach: the page still shows, with this side's
        catalogs, problem = choosing or exalate().visual.catalog_for_choosing(connection_id)
    catalog_problem = f"{CATALOG_PROBLEM}: {problem}" if problem else None
    errors, page_errors = {}, []
    if isinstance(error, ValidationFailed):
        errors, page_errors = _placed(error, config)
    elif error is not None:
        page_errors.append(str(error))
    return render_form(TEMPLATE, connection=connection, config=config, published=published, read_only=read_only,
                       options=_options(config, catalogs), catalog_problem=catalog_problem, errors=errors,
                       page_errors=page_errors, status=status_for(error) if error is not None else 200,
                       open_tab=open_tab, methods=METHODS, directions=DIRECTIONS, field_labels=FIELD_LABELS,
                       mapped_fields=MAPPED_FIELDS)


def _options(config: VisualConfig, catalogs: dict) -> dict:
    """Each picker's choices: the side's catalog, plus what the configuration holds (kept even when the
    catalog is out of reach, or no longer has it)."""
    options = {}
    for side in SIDES:
        catalog, scope = catalogs.get(side), config.scope(side)
        projects = project_choices(catalog.projects) if catalog else []
        options[f"scope.{side}.projectKey"] = _with(projects, [scope.project_key] if scope.project_key else [])
        for name, kind in FILTERS.items():
            listed = catalog.values(kind) if catalog else []
            options[f"scope.{side}.{name}"] = _with([(v, v) for v in listed], getattr(scope, kind))
        for field in MAPPED_FIELDS:
            listed = catalog.values(field) if catalog else []
            options[f"{side}.{field}"] = list(dict.fromkeys(listed))
    return options


def _with(choices: list[tuple[str, str]], held: list[str]) -> list[tuple[str, str]]:
    known = {value for value, _text in choices}
    return choices + [(value, value) for value in dict.fromkeys(held) if value not in known]


def _placed(error: ValidationFailed, config: VisualConfig) -> tuple[dict[str, str], list[str]]:
    """Errors beside the fields they name (a filter's value error beside its filter), the rest for the page."""
    fields = field_names(config)
    placed, stray = {}, list(error.messages)
    for name, message in wire_errors(error).items():
        name = name if name in fields else _INDEX.sub("", name)
        if name in fields:
            placed.setdefault(name, message)
        else:
            stray.append(message)
    return placed, stray


def field_names(config: VisualConfig) -> set[str]:
    names = {f"scope.{side}.{name}" for side in SIDES for name in ("projectKey", "labels", *FILTERS)}
    names |= {"syncMethod.localToRemote", "syncMethod.remoteToLocal", "scripts.localToRemote",
              "scripts.remoteToLocal", "rules", "mappings"}
    names |= {f"rules[{i}].{part}" for i in range(len(config.rules)) for part in ("field", "direction")}
    for i, mapping in enumerate(config.mappings):
        names |= {f"mappings[{i}]", f"mappings[{i}].field", f"mappings[{i}].values", f"mappings[{i}].fallback",
                  f"mappings[{i}].fallback.local", f"mappings[{i}].fallback.remote"}
        names |= {f"mappings[{i}].values[{j}].{side}" for j in range(len(mapping.values)) for side in SIDES}
    return names


# ------------------------------------------------------------------ the form


def parse(form) -> VisualConfig:
    """The configuration as the form holds it, unchecked: the domain checks it on Publish."""
    scopes = {side: Scope(form.get(f"scope.{side}.projectKey") or None,
                          *[form.getlist(f"scope.{side}.{name}") for name in FILTERS],
                          labels=form.get(f"scope.{side}.labels", "").replace(",", " ").split())
              for side in SIDES}
    rules = [FieldRule(form[f"rules[{i}].field"], form.get(f"rules[{i}].direction", ""))
             for i in range(len(FIELDS)) if f"rules[{i}].field" in form]
    mappings = [_mapping(form, f"mappings[{i}]") for i in range(MAX_MAPPINGS)
                if f"mappings[{i}].field" in form]
    return VisualConfig(scopes["local"], scopes["remote"],
                        local_to_remote=form.get("syncMethod.localToRemote", ""),
                        remote_to_local=form.get("syncMethod.remoteToLocal", ""),
                        rules=rules, mappings=mappings,
                        local_to_remote_script=form.get("scripts.localToRemote", ""),
                        remote_to_local_script=form.get("scripts.remoteToLocal", ""))


def _mapping(form, path: str) -> ValueMapping:
    values = [_pair(form, f"{path}.values[{j}]") for j in range(MAX_VALUES) if f"{path}.values[{j}].local" in form]
    fallback = _pair(form, f"{path}.fallback")
    return ValueMapping(form[f"{path}.field"], values, fallback if fallback.local or fallback.remote else None)


def _pair(form, path: str) -> ValuePair:
    return ValuePair(form.get(f"{path}.local", ""), form.get(f"{path}.remote", ""))


def edit(config: VisualConfig, action: str) -> VisualConfig:
    """A row added or removed: ``add-mapping``, ``add-value:I``, ``remove-mapping:I``, ``remove-value:I:J``."""
    verb, *indexes = action.split(":")
    try:
        numbers = [int(index) for index in indexes]
        if verb == "add-mapping":
            unused = [name for name in MAPPED_FIELDS if config.mapping(name) is None]
            config.mappings.append(ValueMapping(unused[0] if unused else MAPPED_FIELDS[0], [ValuePair("", "")]))
        elif verb == "add-value":
            config.mappings[numbers[0]].values.append(ValuePair("", ""))
        elif verb == "remove-mapping":
            del config.mappings[numbers[0]]
        elif verb == "remove-value":
            del config.mappings[numbers[0]].values[numbers[1]]
    except (ValueError, IndexError):
        pass  # a button of another version of the page: the form is shown again as it was
    return config


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    rule("/connections/<int:connection_id>/visual", "visual", show, methods=["GET"])
    rule("/connections/<int:connection_id>/visual", "publish_visual", publish, methods=["POST"])
