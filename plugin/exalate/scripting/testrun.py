"""Test Run: a connection's outgoing rules on a chosen local issue, then its incoming rules on the replica they
built (as a first sync: what this side would create from such an issue), with draft rules if given. It shows
the replica, the change set, what the scripts printed and the first error with its side and line; nothing is
written."""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import NotFound, ValidationFailed
from ...fields import RULES_MAX, is_blank, text_errors
from ...script import ScriptError
from .catalog import jira_catalog
from .snapshot import IssueSnapshot
from .world import ConnectionRef, run_incoming, run_outgoing

ISSUE_KEY_REQUIRED = "Give the key of a local issue to run the rules on."


@dataclass(frozen=True)
class TestRunResult:
    replica: dict | None
    changes: dict | None
    output: str
    error: dict | None  # {"message", "line", "side"}


class TestRuns:
    def __init__(self, jira, connections):
        self.jira = jira
        self.connections = connections

    def run(self, connection_id: int, *, issue_key: str | None, outgoing: str | None = None,
            incoming: str | None = None) -> TestRunResult:
        connection = self.connections.get(connection_id)
        errors = text_errors({"outgoing": outgoing, "incoming": incoming}, max_length=RULES_MAX, strip=False)
        if is_blank(issue_key):
            errors["issue_key"] = ISSUE_KEY_REQUIRED
        if errors:
            raise ValidationFailed(field_errors=errors)
        try:
            issue = self.jira.issues.get(issue_key.strip())
        except NotFound:
            raise ValidationFailed.field("issue_key", f"Issue '{issue_key.strip()}' does not exist.") from None
        catalog = jira_catalog(self.jira)
        ref = ConnectionRef(connection.id, connection.name)
        try:
            sent = run_outgoing(connection.outgoing_rules if outgoing is None else outgoing, IssueSnapshot.of(issue),
                                catalog, connection=ref, first_sync=True)
        except ScriptError as error:
            return TestRunResult(None, None, error.output, _error(error, "outgoing"))
        replica = sent.replica.to_json()
        try:
            received = run_incoming(connection.incoming_rules if incoming is None else incoming, sent.replica,
                                    catalog, issue=None, connection=ref)
        except ScriptError as error:
            return TestRunResult(replica, None, sent.output + error.output, _error(error, "incoming"))
        return TestRunResult(replica, received.changes.to_json(), sent.output + received.output, None)


    def recent_issue_keys(self, count: int = 20) -> list[str]:
        """The keys of the issues updated last: what the Test Run panel offers to pick from."""
        from ...jira import jql
        return [issue.key for issue in jql.search("ORDER BY updated DESC", current_username=None, start_at=0,
                                                  max_results=count).issues]


def _error(error: ScriptError, side: str) -> dict:
    return {"message": error.message, "line": error.line, "side": side}
