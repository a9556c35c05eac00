"""Running a connection's sync rules over the Jira model: the outgoing script builds a replica from a local
issue, the incoming script turns a replica into a change set for the local issue (or a new one). Both work on
snapshots and a catalog read beforehand; neither writes. Scripts are parsed once per text (``compile_script``
caches), so running the same rules again only runs them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...script import Limits, Program, RunResult, ScriptError, ScriptSyntaxError, compile_script, run
from ...script.errors import GroovyRuntimeError
from .catalog import ScriptCatalog
from .changes import ChangeSet, change_set
from .draft import IssueDraft
from .helpers import AttachmentHelper, CommentHelper, Debug, NodeHelper, Store
from .hub import HubIssue, Replica, empty_hub
from .snapshot import IssueSnapshot


@dataclass(frozen=True)
class ConnectionRef:
    """The ``connection`` a script sees."""

    id: int | None
    name: str

    def script_value(self) -> dict:
        return {"id": self.id, "name": self.name}


@dataclass
class OutgoingRun:
    replica: Replica
    output: str


@dataclass
class IncomingRun:
    changes: ChangeSet
    issue: IssueDraft
    output: str


def run_outgoing(script: str | Program, issue: IssueSnapshot, catalog: ScriptCatalog, *,
                 limits: Limits | None = None, **context) -> OutgoingRun:
    """The replica the outgoing script builds from ``issue`` (``context``: see ``outgoing_world``). Raises
    ``ScriptError``."""
    bindings, finish = outgoing_world(issue, catalog, **context)
    result = _run(script, bindings, limits)
    return OutgoingRun(finish(result), result.output)


def run_incoming(script: str | Program, replica: Replica, catalog: ScriptCatalog, *, issue: IssueSnapshot | None,
                 limits: Limits | None = None, **context) -> IncomingRun:
    """The change set the incoming script makes of ``replica`` for ``issue`` (None: first sync, a new issue).
    Raises ``ScriptError`` (also "Project key was not set" when a first sync names no project)."""
    bindings, finish = incoming_world(replica, catalog, issue=issue, **context)
    result = _run(script, bindings, limits)
    return IncomingRun(finish(result), bindings["issue"], result.output)


def outgoing_world(issue: IssueSnapshot, catalog: ScriptCatalog, *, connection: ConnectionRef | None = None,
                   previous: Replica | None = None, first_sync: bool = False,
                   local_issue_from_remote_id: Callable | None = None) -> tuple[dict, Callable[[RunResult], Replica]]:
    """The outgoing script's bindings, and what reads its replica once it ran."""
    replica = Replica({"id": issue.id})  # the product fills the hub issue's id; the script the rest
    bindings = _context(catalog, connection, previous, first_sync, local_issue_from_remote_id)
    bindings.update(issue=HubIssue(issue.hub(catalog), writable=False), replica=replica)
    return bindings, lambda result: replica


def incoming_world(replica: Replica, catalog: ScriptCatalog, *, issue: IssueSnapshot | None,
                   previous: Replica | None = None, connection: ConnectionRef | None = None,
                   local_issue_from_remote_id: Callable | None = None) -> tuple[dict, Callable[[RunResult], ChangeSet]]:
    """The incoming script's bindings, and what reads its change set once it ran."""
    first_sync = issue is None
    draft = IssueDraft(issue.hub(catalog) if issue is not None else new_issue(catalog), catalog,
                       first_sync=first_sync)
    bindings = _context(catalog, connection, previous, first_sync, local_issue_from_remote_id)
    bindings.update(issue=draft, replica=Replica(replica.fields, writable=False), store=Store())

    def finish(result: RunResult) -> ChangeSet:
        try:
            return change_set(draft, issue)
        except GroovyRuntimeError as error:
            raise ScriptError(error.message, None, None, "com.exalate.api.exception." + error.exception_class,
                              result.output) from None
        except Exception as error:  # noqa: BLE001 - values no issue can hold, reported as the script's
            raise ScriptError(f"The issue cannot take what the script set ({type(error).__name__}: {error}).",
                              output=result.output) from None

    return bindings, finish


def parse_rules(script: str | Program) -> Program:
    """The parsed rules (cached by text). Raises ``ScriptSyntaxError``, also for text the parser fails on in
    any other way: rules are text people type, and a door must answer them in words."""
    if isinstance(script, Program):
        return script
    try:
        return compile_script(script)
    except ScriptError:
        raise
    except Exception as error:  # noqa: BLE001 - the parser's own failure, answered as a refusal
        raise ScriptSyntaxError(f"The script could not be parsed ({type(error).__name__}).", None, None) from None


def _run(script: str | Program, bindings: dict, limits: Limits | None) -> RunResult:
    """A run whose failures are all script errors: a sync worker or a Test Run is never crashed by one."""
    program = parse_rules(script)
    try:
        return run(program, bindings, limits)
    except ScriptError:
        raise
    except Exception as error:  # noqa: BLE001 - the interpreter's own failure, reported as the script's
        raise ScriptError(f"The script failed in the interpreter ({type(error).__name__}: {error}).") from None


def _context(catalog: ScriptCatalog, connection: ConnectionRef | None, previous: Replica | None, first_sync: bool,
             local_issue_from_remote_id: Callable | None) -> dict:
    return {
        "previous": Replica(previous.fields, writable=False) if previous is not None else None,
        "firstSync": first_sync,
        "connection": (connection or ConnectionRef(None, "")).script_value(),
        "nodeHelper": NodeHelper(catalog, local_issue_from_remote_id),
        "commentHelper": CommentHelper(previous),
        "attachmentHelper": AttachmentHelper(),
        "debug": Debug(),
    }


def new_issue(catalog: ScriptCatalog) -> dict:
    """A first sync's draft: nothing set yet, in the workflow's first status."""
    return {**empty_hub(), "status": catalog.status(catalog.workflow.initial)}
