"""``exalate-emulator script check FILE…`` and ``exalate-emulator script run FILE``: try sync rules kept in git
from a shell. Loads only the interpreter (no Flask, no database), unless ``--issue``/``--replica`` ask for the
host's sync world (``add_script_commands(…, world)``)."""

from __future__ import annotations

import argparse
import copy
import json
import sys
from decimal import Decimal
from pathlib import Path

DIRECTIONS = ("outgoing", "incoming")


def add_script_commands(commands, world=None) -> None:
    """Register ``script check`` and ``script run`` on the ``exalate-emulator`` parser's subcommands.

    ``world(direction, issue, replica)``, when given, makes a run's bindings from ``--issue``/``--replica``
    and answers ``(bindings, render)``, ``render(result)`` giving the JSON printed after the output (the host
    application's sync world); without it the issue and replica are plain maps."""
    script = commands.add_parser("script", help="check or run sync rules (Groovy) from files")
    actions = script.add_subparsers(dest="script_command", required=True)
    check = actions.add_parser("check", help="check the syntax of sync rule files")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.set_defaults(run_script_command=check_files)
    run = actions.add_parser("run", help="run a sync rule file and print what it printed")
    run.add_argument("file", type=Path, metavar="FILE")
    run.add_argument("--issue", metavar="JSON", help="the local issue: JSON text or a JSON file")
    run.add_argument("--replica", metavar="JSON", help="the replica: JSON text or a JSON file")
    run.add_argument("--direction", choices=DIRECTIONS,
                     help="outgoing (issue → replica) or incoming (replica → issue changes); "
                          "by default outgoing with --issue alone, incoming with --replica")
    run.set_defaults(run_script_command=run_file, world=world)


def main(argv: list[str] | None = None, world=None) -> int:
    parser = argparse.ArgumentParser(prog="exalate-emulator")
    add_script_commands(parser.add_subparsers(dest="command", required=True), world)
    args = parser.parse_args(argv)
    return args.run_script_command(args)


def check_files(args: argparse.Namespace) -> int:
    from . import ScriptSyntaxError, check
    failed = False
    for path in args.files:
        try:
            check(path.read_text(encoding="utf-8"))
        except OSError as error:
            print(f"{path}: {error.strerror}", file=sys.stderr)
            failed = True
        except ScriptSyntaxError as error:
            print(f"{path}:{error.line}:{error.column}: {error.message}")
            failed = True
    return 1 if failed else 0


def run_file(args: argparse.Namespace) -> int:
    from . import HostObject, MapHost, ScriptError, ScriptSyntaxError, run
    bindings: dict = {}
    render = None
    try:
        source = args.file.read_text(encoding="utf-8")
        issue, replica = _json_argument(args.issue), _json_argument(args.replica)
        direction = args.direction or ("incoming" if replica is not None else "outgoing" if issue is not None
                                       else None)
        if direction is not None and getattr(args, "world", None) is not None:
            bindings, render = args.world(direction, issue, replica)
        elif direction is not None:
            bindings = {"issue": MapHost(issue or {}, "Issue"), "replica": MapHost(replica or {}, "Replica"),
                        "firstSync": direction == "incoming" and issue is None, "previous": None}
    except (OSError, ValueError) as error:
        print(f"{args.file}: {getattr(error, 'strerror', None) or error}", file=sys.stderr)
        return 1
    before = copy.deepcopy(issue or {})
    name = args.file.stem
    try:
        result = run(source, bindings, script_name=name)
        answer = render(result) if render is not None else None
    except ScriptSyntaxError as error:
        print(f"{args.file}:{error.line}:{error.column}: {error.message}", file=sys.stderr)
        return 1
    except ScriptError as error:
        sys.stdout.write(error.output)
        sys.stdout.flush()
        print(f"Caught: {error.exception_class}" + (f": {error.message}" if error.message else ""), file=sys.stderr)
        if error.line:
            print(f"\tat {name}.run({args.file.name}:{error.line})", file=sys.stderr)
        return 1
    sys.stdout.write(result.output)
    if render is not None:
        print(json.dumps(answer, indent=2))
    elif direction == "outgoing":
        print(json.dumps(bindings["replica"].fields, indent=2, default=_plain(HostObject)))
    elif direction == "incoming":
        fields = bindings["issue"].fields
        changes = {key: value for key, value in fields.items() if key not in before or before[key] != value}
        print(json.dumps(changes, indent=2, default=_plain(HostObject)))
    return 0


def _json_argument(value: str | None):
    if value is None:
        return None
    text = value if value.lstrip().startswith(("{", "[")) else Path(value).read_text(encoding="utf-8")
    parsed = json.loads(text, parse_float=Decimal)
    if not isinstance(parsed, dict):
        raise ValueError("the JSON must be an object")
    return parsed


def _plain(host_class):
    from .values import GroovySet, IntRange, to_string

    def convert(value):
        if isinstance(value, Decimal):
            return float(value) if value != value.to_integral_value() else int(value)
        if isinstance(value, (GroovySet, IntRange)):
            return list(value)
        if isinstance(value, host_class) and hasattr(value, "fields"):
            return value.fields
        return to_string(value)
    return convert


if __name__ == "__main__":
    sys.exit(main())
