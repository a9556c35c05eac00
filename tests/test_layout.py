"""The package's shape, checked: no module grows past its room, no import circle, the host Jira
knows nothing of Exalate, the domain knows no HTTP, and the REST prefix has one home."""

from __future__ import annotations

import ast
import configparser
import fnmatch
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugin"
MAX_LINES = 400
DOMAIN = ("plugin.jira", "plugin.exalate", "plugin.fields", "plugin.errors", "plugin.db")


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports_at_load(name: str, path: Path) -> set[str]:
    """The plugin modules ``name`` imports when it is loaded (not those imported in functions)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    imported = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            continue
        imported.update(target for target in targets if target.startswith("plugin"))
    return imported


def graph() -> dict[str, set[str]]:
    known = modules()
    edges = {}
    for name, path in known.items():
        targets = {target for target in imports_at_load(name, path) if target in known and target != name}
        # Loading plugin.a.b first loads plugin.a.
        parents = {parent for target in targets for parent in _parents(target) if parent in known}
        edges[name] = (targets | parents) - {name}
    return edges


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_module_outgrows_its_room(name):
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it by concern"


def test_no_import_circle():
    edges = graph()
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(edges[name]):
            if target in _parents(name):
                continue  # a package's own __init__ is loaded before its modules, never in a circle with them
            if state.get(target) == "open":
                raise AssertionError("import circle: " + " -> ".join([*trail, name, target]))
            if target not in state:
                visit(target, [*trail, name])
        state[name] = "done"

    for name in sorted(edges):
        if name not in state:
            visit(name, [])


def test_the_host_jira_knows_nothing_of_exalate():
    for name, targets in graph().items():
        if name.startswith("plugin.jira"):
            assert not any(t.startswith("plugin.exalate") for t in targets), f"{name} imports {targets}"


@pytest.mark.parametrize("name", sorted(n for n in modules() if n.startswith(DOMAIN)))
def test_the_domain_knows_no_http_door(name):
    text = modules()[name].read_text(encoding="utf-8")
    assert "from flask import" not in text and "import flask" not in text, f"{name} uses Flask"
    doors = ("plugin.rest", "plugin.admin", "plugin.web", "plugin.auth")
    assert not any(t.startswith(doors) for t in graph()[name]), f"{name} imports a door"


def test_the_rest_prefix_lives_in_the_descriptor_only():
    for path in PACKAGE.rglob("*"):
        if path.is_file() and path.suffix in (".py", ".html", ".js", ".yml"):
            assert "rest/issuehub/4.0" not in path.read_text(encoding="utf-8"), path


def test_every_data_file_is_installed_with_the_package():
    """``pip install .`` copies only what setup.cfg's package_data names: a data file left out works
    in a checkout and fails once installed."""
    config = configparser.ConfigParser()
    config.read(PACKAGE.parent / "setup.cfg")
    patterns = [(package.replace(".", "/"), pattern.strip())
                for package, lines in config["options.package_data"].items()
                for pattern in lines.split() if pattern.strip()]
    for path in PACKAGE.rglob("*"):
        if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(PACKAGE.parent).as_posix()
        # A recursive glob ("**/") also matches no folder at all, as setuptools reads it.
        assert any(fnmatch.fnmatch(relative, f"{folder}/{glob}") for folder, pattern in patterns
                   for glob in (pattern, pattern.replace("**/", ""))), relative


FORBIDDEN_TO_THE_SCRIPT_LANGUAGE = ("flask", "sqlalchemy", "werkzeug", "plugin.jira", "plugin.exalate", "plugin.db",
                                    "plugin.rest", "plugin.admin", "plugin.web", "plugin.app")


@pytest.mark.parametrize("name", sorted(n for n in modules() if n.startswith("plugin.script")))
def test_the_sync_rule_language_stands_alone(name):
    """plugin.script runs in the CLI without the web app, and in the sync engine without knowing it: no
    Flask, no SQLAlchemy, no Jira or Exalate domain, anywhere in its modules (in functions too)."""
    path = modules()[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [base]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            continue
        for target in targets:
            assert not target.startswith(FORBIDDEN_TO_THE_SCRIPT_LANGUAGE), f"{name} imports {target}"
