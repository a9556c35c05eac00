"""The workflow, as data: ``workflow.yml`` names the status a new issue starts in and each
transition (id, name, from, to, and what it does to the resolution)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

WORKFLOW_FILE = Path(__file__).with_name("workflow.yml")
KEEP = object()  # a transition that leaves the resolution as it is


@dataclass(frozen=True)
class Transition:
    id: int
    name: str
    sources: tuple[str, ...] | None  # None: from any status
    to: str
    resolution: object  # a resolution's name, None to clear it, or KEEP

    def applies_to(self, status_name: str) -> bool:
        return status_name != self.to and (self.sources is None or status_name in self.sources)


@dataclass(frozen=True)
class Workflow:
    initial: str
    transitions: tuple[Transition, ...]

    def available(self, status_name: str) -> list[Transition]:
        return [t for t in self.transitions if t.applies_to(status_name)]


@cache
def load_workflow(path: Path = WORKFLOW_FILE) -> Workflow:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    transitions = tuple(
        Transition(id=int(item["id"]), name=item["name"],
                   sources=None if item["from"] == "any" else tuple(item["from"]), to=item["to"],
                   resolution=item.get("resolution", KEEP) if "resolution" in item else KEEP)
        for item in data["transitions"])
    return Workflow(initial=data["initial"], transitions=transitions)
