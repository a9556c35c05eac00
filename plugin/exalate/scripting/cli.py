"""The script world for ``exalate-emulator script run FILE --issue JSON --replica JSON --direction …``: the
rules run over the default catalog (what a new instance holds: its issue types, priorities, users, projects
and workflow), exactly as a connection runs them.

* ``--issue``: the local issue, in Jira REST v2's shape (what ``GET /rest/api/2/issue/KEY`` answers) or a hub
  issue (the replica's shape); see json_issues.py. Outgoing needs it; incoming without it is a first sync.
* ``--replica``: the replica received, wrapped (``{"version", "hubIssue"}``) or the bare hub issue.

Outgoing prints the replica's JSON; incoming the change set's."""

from __future__ import annotations

from .catalog import default_catalog
from .hub import Replica
from .snapshot import IssueSnapshot
from .world import ConnectionRef, incoming_world, outgoing_world

CLI_CONNECTION = ConnectionRef(None, "script_run")


def script_world(direction: str, issue: dict | None, replica: dict | None):
    """The bindings of a CLI run and what renders its answer as JSON; ValueError for JSON it cannot use."""
    catalog = default_catalog()
    if direction == "outgoing":
        if issue is None:
            raise ValueError("outgoing rules need the local issue: give --issue")
        bindings, finish = outgoing_world(IssueSnapshot.from_json(issue), catalog, connection=CLI_CONNECTION)
        return bindings, lambda result: finish(result).to_json()
    local = IssueSnapshot.from_json(issue) if issue is not None else None
    bindings, finish = incoming_world(Replica.from_json(replica or {}), catalog, issue=local,
                                      connection=CLI_CONNECTION)
    return bindings, lambda result: finish(result).to_json()
