"""Running a connection's sync rules over the Jira model: the outgoing script builds a replica from a local
issue, the incoming script turns a replica into a change set for the local issue (or a new one). Both work on
snapshots and a catalog read beforehand; neither writes. Scripts are parsed once per text (``compile_script``
caches), so running the same rules again only runs them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...script import Limits, Program, ScriptError, compile_script, run
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
                 connection: ConnectionRef | None = None, previous: Replica | None = None, first_sync: bool = False,
                 limits: Limits | None = None, local_issue_from_remote_id: Callable | None = None) -> OutgoingRun:
    """The replica the outgoing script builds from ``issue``. Raises ``ScriptError``."""
    replica = Replica({"id": issue.id})  # the product fills the hub issue's id; the script the rest
    bindings = _context(catalog, connection, previous, first_sync, local_issue_from_remote_id)
    bindings.update(issue=HubIssue(issue.hub(catalog), writable=False), replica=replica)
    result = run(_program(script), bindings, limits)
    return OutgoingRun(replica, result.output)


def run_incoming(script: str | Program, replica: Replica, catalog: ScriptCatalog, *, issue: IssueSnapshot | None,
                 previous: Replica | None = None, connection: ConnectionRef | None = None,
                 limits: Limits | None = None, local_issue_from_remote_id: Callable | None = None) -> IncomingRun:
    """The change set the incoming script makes of ``replica`` for ``issue`` (None: first sync, a new issue).
    Raises ``ScriptError`` (also "Project key was not set" when a first sync names no project)."""
    first_sync = issue is None
    draft = IssueDraft(issue.hub(catalog) if issue is not None else _new_issue(catalog), catalog,
                       first_sync=first_sync)
    bindings = _context(catalog, connection, previous, first_sync, local_issue_from_remote_id)
    bindings.update(issue=draft, replica=Replica(replica.fields, writable=False), store=Store())
    result = run(_program(script), bindings, limits)
    try:
        changes = change_set(draft, issue)
    except GroovyRuntimeError as error:
        raise ScriptError(error.message, None, None, "com.exalate.api.exception." + error.exception_class,
                          result.output) from None
    return IncomingRun(changes, draft, result.output)


def _program(script: str | Program) -> Program:
    return script if isinstance(script, Program) else compile_script(script)


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


def _new_issue(catalog: ScriptCatalog) -> dict:
    """A first sync's draft: nothing set yet, in the workflow's first status."""
    return {**empty_hub(), "status": catalog.status(catalog.workflow.initial)}
