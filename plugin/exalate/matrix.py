"""The compatibility matrix: which of Basic, Visual and Script may be offered for a connection,
given the destination node, the connection type and this instance's licence.

The rules live in ``compatibility.yml`` beside this module (data, each with its source); this
module only applies them. ``compatibility.py`` asks the destination and calls it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from .node import NodeInfo

MODE_LABELS = {"BASIC": "Basic", "VISUAL": "Visual", "SCRIPT": "Script"}


@dataclass(frozen=True)
class ModeOption:
    mode: str
    available: bool
    reason: str | None = None


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


@lru_cache(maxsize=1)
def matrix() -> dict:
    text = resources.files(__package__).joinpath("compatibility.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def platform_ids() -> list[str]:
    return list(matrix()["platforms"])


def platform_label(platform: str) -> str:
    return matrix()["platforms"].get(platform, {}).get("label", platform)


def version_tuple(version: str) -> tuple[int, ...]:
    """'5.2.0' -> (5, 2, 0); suffixes such as '-SNAPSHOT' are ignored."""
    return tuple(int(number) for number in re.findall(r"\d+", str(version))[:3])


def unavailable_everywhere(reason: str) -> list[ModeOption]:
    return [ModeOption(mode, False, reason) for mode in matrix()["modes"]]


def evaluate(
    *,
    connection_type: str,
    destination: NodeInfo | None,
    license_state: str,
    local_public: bool,
) -> list[ModeOption]:
    """The three modes in order, each available or not with the first reason that rules it out."""
    rules = matrix()
    options = []
    for mode in rules["modes"]:
        reason = (
            _local_reason(local_public)
            or license_reason(mode, license_state)
            or _type_reason(mode, connection_type)
            or _destination_reason(mode, destination)
        )
        options.append(ModeOption(mode, reason is None, reason))
    return options


def _local_reason(local_public: bool) -> str | None:
    if local_public:
        return None
    return (
        "This instance is not public: set the Exalate URL and mark the instance as public "
        "in General Settings before initiating a connection."
    )


def license_reason(mode: str, license_state: str) -> str | None:
    """Why this instance's licence rules ``mode`` out, or None when it allows it."""
    rule = matrix()["licenses"].get(license_state, matrix()["licenses"]["NONE"])
    return None if mode in rule["allowed"] else rule["reason"]


def _type_reason(mode: str, connection_type: str) -> str | None:
    rule = matrix()["connection_types"][connection_type]
    return None if mode in rule["allowed"] else rule["reason"]


def _destination_reason(mode: str, destination: NodeInfo | None) -> str | None:
    if destination is None:
        return None
    platform = destination.platform
    rule = matrix()["platforms"].get(platform)
    label = MODE_LABELS[mode]
    if rule is None:
        return f"{label} mode is not available: the destination platform '{platform}' is not known."
    if mode not in rule:
        default = f"{label} mode is not available for {rule['label']} destinations."
        return rule.get("unavailable", {}).get(mode, default)
    minimum = rule[mode].get("min_exalate")
    version = destination.exalate_version
    if minimum and version_tuple(version) < version_tuple(minimum):
        return (
            f"{label} mode needs Exalate {minimum} or later on the destination "
            f"({rule['label']} runs Exalate {version})."
        )
    return None
