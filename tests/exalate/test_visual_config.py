"""A Visual configuration without a network: mirroring, validation against catalogs, and the rules it compiles to,
run by the script world as the sync engine runs them."""

from __future__ import annotations

import pytest
from factories import script_issue

from plugin.errors import ValidationFailed
from plugin.exalate.scripting import default_catalog, run_incoming, run_outgoing
from plugin.exalate.scripting.world import parse_rules
from plugin.exalate.visual.compile import compile_sides, trigger_jql
from plugin.exalate.visual.model import FIELDS, FieldRule, Scope, ValueMapping, ValuePair, default_config
from plugin.exalate.visual.validation import Catalog, ProjectRef, check

CATALOG = default_catalog()
SIDE = Catalog([ProjectRef("DEMO", "Demo"), ProjectRef("SUP", "Support")],
               ["Bug", "Task"], ["Highest", "High", "Medium", "Low", "Lowest"], ["To Do", "In Progress", "Done"])
STATUS = ValueMapping("status", [ValuePair("In Progress", "Done")])


def _config(**changes):
    config = default_config("DEMO", "SUP")
    for name, value in changes.items():
        setattr(config, name, value)
    return config


def _sides(config):
    return compile_sides(config, "JiraA", "JiraB")


def _received(config, outbound: bool = True, issue=None, **snapshot):
    """What the receiving side's compiled incoming rules make of an issue the sending side sent."""
    local, remote = _sides(config)
    sender, receiver = (local, remote) if outbound else (remote, local)
    replica = run_outgoing(sender.outgoing, script_issue(**snapshot), CATALOG).replica
    return run_incoming(receiver.incoming, replica, CATALOG, issue=issue).changes


def test_the_default_configuration_lists_every_field_once_and_manual_both_ways():
    config = default_config("DEMO", "SUP")
    assert [rule.field for rule in config.rules] == list(FIELDS)
    assert config.direction("assignee").value == "NONE" and config.direction("status").value == "BOTH"
    assert (config.local_to_remote, config.remote_to_local) == ("MANUAL", "MANUAL")


def test_mirroring_twice_gives_the_same_configuration():
    config = _config(local_to_remote="AUTOMATIC", mappings=[STATUS],
                     rules=[FieldRule("summary", "LOCAL_TO_REMOTE")], local_to_remote_script="// a")
    assert config.mirrored().mirrored() == config
    assert config.mirrored().rules == [FieldRule("summary", "REMOTE_TO_LOCAL")]


def test_every_compiled_rule_parses():
    config = _config(mappings=[STATUS, ValueMapping("priority", [], ValuePair("Low", "Lowest"))],
                     remote_to_local="DISABLED", local_to_remote_script='issue.labels += ["synced"]')
    for side in _sides(config):
        parse_rules(side.outgoing)
        parse_rules(side.incoming)


def test_a_first_sync_creates_the_issue_in_the_receiving_sides_project():
    changes = _received(_config())
    assert (changes.project_key, changes.fields["summary"]) == ("SUP", "Printer on fire")


def test_a_status_mapping_applies_from_local_to_remote():
    assert _received(_config(mappings=[STATUS])).transitions[-1]["to"] == "Done"


def test_a_status_mapping_applies_from_remote_to_local():
    mapping = ValueMapping("status", [ValuePair("Done", "In Progress")])
    assert _received(_config(mappings=[mapping]), outbound=False).transitions[-1]["to"] == "Done"


def test_a_priority_without_a_pair_takes_the_fallback():
    mapping = ValueMapping("priority", [ValuePair("Highest", "Low")], ValuePair("Lowest", "Medium"))
    assert _received(_config(mappings=[mapping])).fields["priority"] == "Medium"


def test_a_priority_without_a_pair_or_fallback_keeps_its_value():
    mapping = ValueMapping("priority", [ValuePair("Highest", "Low")])
    assert _received(_config(mappings=[mapping])).fields["priority"] == "High"


def test_a_mapped_value_the_receiving_side_lacks_leaves_the_field_unchanged():
    """Mapped to a status the receiving Jira does not have (its catalog changed since): nothing moves."""
    config = _config(mappings=[ValueMapping("status", [ValuePair("In Progress", "Waiting")])])
    assert _received(config).transitions == []


def test_a_field_that_does_not_go_that_way_is_not_sent():
    rules = [FieldRule(name, "REMOTE_TO_LOCAL" if name == "description" else "BOTH") for name in FIELDS]
    local, _ = _sides(_config(rules=rules))
    hub = run_outgoing(local.outgoing, script_issue(), CATALOG).replica.to_json()["hubIssue"]
    assert hub["description"] is None and hub["summary"] == "Printer on fire"


def test_a_disabled_direction_sends_nothing():
    local, remote = _sides(_config(local_to_remote="DISABLED"))
    assert "replica." not in local.outgoing and "issue." not in remote.incoming


def test_the_script_snippet_runs_on_the_receiving_side():
    changes = _received(_config(local_to_remote_script='issue.summary = "From A: " + replica.summary'))
    assert changes.fields["summary"] == "From A: Printer on fire"


def test_the_trigger_of_a_scope_is_or_within_a_filter_and_across_filters():
    scope = Scope("DEMO", issue_types=["Bug", "Task"], statuses=["To Do"], labels=["sync"])
    assert trigger_jql(scope) == ('project = "DEMO" AND issuetype in ("Bug", "Task") AND status in ("To Do") '
                                  'AND labels in ("sync")')


def test_a_valid_configuration_passes():
    check(_config(mappings=[STATUS]), {"local": SIDE, "remote": SIDE})


@pytest.mark.parametrize(("changes", "field"), [
    ({"local_scope": Scope("NOPE")}, "scope.local.project_key"),
    ({"remote_scope": Scope("SUP", priorities=["Urgent"])}, "scope.remote.priorities[0]"),
    ({"local_to_remote": "SOMETIMES"}, "sync_method.local_to_remote"),
    ({"rules": [FieldRule("summary", "UP")]}, "rules[0].direction"),
    ({"mappings": [ValueMapping("status", [ValuePair("To Do", "Closed")])]}, "mappings[0].values[0].remote"),
    ({"remote_to_local_script": "issue.summary = ("}, "scripts.remote_to_local"),
])
def test_a_bad_value_is_named_by_its_path(changes, field):
    with pytest.raises(ValidationFailed) as refused:
        check(_config(**changes), {"local": SIDE, "remote": SIDE})
    assert field in refused.value.field_errors


def test_a_sub_task_goes_under_the_local_twin_of_its_parent():
    local, remote = _sides(_config())
    replica = run_outgoing(local.outgoing, script_issue(issue_type="Sub-task", parent_id="3"), CATALOG).replica
    changes = run_incoming(remote.incoming, replica, CATALOG, issue=None,
                           local_issue_from_remote_id={"3": {"id": "40", "key": "SUP-4"}}.get).changes
    assert (changes.issue_type, changes.parent_id) == ("Sub-task", "40")


def test_a_sub_task_whose_parent_is_not_synced_arrives_as_a_task():
    assert _received(_config(), issue_type="Sub-task", parent_id="3").issue_type == "Task"
