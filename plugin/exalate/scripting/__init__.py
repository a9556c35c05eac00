"""The script world: sync rules (``plugin.script``) run over the host Jira's model.

::

    catalog = jira_catalog(jira)                      # or default_catalog() outside an instance
    sent = run_outgoing(rules, IssueSnapshot.of(issue), catalog, connection=ConnectionRef(1, "A_to_B"))
    sent.replica.to_json()                            # {"version": …, "hubIssue": {…}}
    received = run_incoming(other_rules, sent.replica, catalog, issue=None)   # None: first sync
    received.changes.to_json()                        # what would change; nothing is written
    apply_change_set(jira, received.changes, actor="connection:A_to_B")   # one transaction

``issue`` is read only in the outgoing script and a recording draft in the incoming one; ``replica``,
``previous``, ``firstSync``, ``connection``, ``nodeHelper``, ``commentHelper``, ``attachmentHelper``,
``debug`` and ``store`` are as the product's scripts know them (helpers.py).
"""

from .apply import Applied, apply_change_set
from .catalog import ScriptCatalog, default_catalog, jira_catalog
from .changes import ChangeSet
from .hub import Replica
from .snapshot import IssueSnapshot
from .world import ConnectionRef, IncomingRun, OutgoingRun, run_incoming, run_outgoing

__all__ = ["Applied", "apply_change_set", "ScriptCatalog", "default_catalog", "jira_catalog", "ChangeSet", "Replica",
           "IssueSnapshot", "ConnectionRef", "IncomingRun", "OutgoingRun", "run_incoming", "run_outgoing"]
