"""Scripts of random shape against the world: whatever they assign, to whichever property, a run ends with a
replica or change set whose JSON serialises, or with a script error — never another exception."""

from __future__ import annotations

import json

from factories import script_issue
from hypothesis import given, settings
from hypothesis import strategies as st

from plugin.exalate import rules
from plugin.exalate.scripting import Replica, default_catalog, run_incoming, run_outgoing
from plugin.exalate.scripting.hub import empty_hub
from plugin.script import ScriptError

CATALOG = default_catalog()
PROPERTIES = sorted(empty_hub()) + ["typeName", "projectKey", "nosuch"]
VALUES = st.sampled_from([
    "null", "1", "2.5", "-7", '"text"', '""', "true", "[]", "[:]", '["a", "b c"]', '[label: "x"]', '[[label: "y"], 4]',
    '[name: "Done"]', '[name: "High"]', '[username: "admin"]', '[username: "ghost"]', '"SUP"', '"Bug"', '"Nope"',
    "replica.comments", "replica.attachments", "issue.comments", "replica.labels", "replica.assignee",
    "commentHelper.mergeComments(issue, replica)", "attachmentHelper.mergeAttachments(issue, replica)",
    "commentHelper.addComment(\"hi\", issue.comments)", "nodeHelper.getPriority(\"Low\")", "0..3", "[1, [2, [3]]]",
    '[[body: 5, author: "x", executor: [username: "user"]]]', '[[filename: 1, mimetype: [], filesize: "big"]]',
])
STATEMENTS = st.one_of(
    st.builds(lambda side, prop, value: f"{side}.{prop} = {value}", st.sampled_from(["issue", "replica"]),
              st.sampled_from(PROPERTIES), VALUES),
    st.builds(lambda name: f'issue.setStatus("{name}")', st.sampled_from(["Done", "To Do", "In Progress", "Gone"])),
    st.just("store(issue)"), st.just('debug.error("stop")'),
)
SCRIPTS = st.lists(STATEMENTS, max_size=8).map("\n".join)
REPLICA = run_outgoing(rules.DEFAULT_OUTGOING, script_issue(), CATALOG).replica


def outcome(run) -> object:
    try:
        return json.dumps(run())
    except ScriptError as error:
        return error.message


@settings(max_examples=150, deadline=None, database=None)
@given(script=SCRIPTS, first_sync=st.booleans())
def test_incoming_scripts_end_in_a_change_set_or_a_script_error(script, first_sync):
    issue = None if first_sync else script_issue()
    outcome(lambda: run_incoming(script, Replica.from_json(REPLICA.to_json()), CATALOG, issue=issue)
            .changes.to_json())


@settings(max_examples=100, deadline=None, database=None)
@given(script=SCRIPTS)
def test_outgoing_scripts_end_in_a_replica_or_a_script_error(script):
    outcome(lambda: run_outgoing(script, script_issue(), CATALOG).replica.to_json())
