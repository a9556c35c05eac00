"""The script world: what ``issue``, ``replica``, ``previous`` and the helpers do, and the errors they give, with
the script's line."""

from __future__ import annotations

import pytest
from factories import script_issue

from plugin.exalate import rules
from plugin.exalate.scripting import ConnectionRef, Replica, default_catalog, run_incoming, run_outgoing
from plugin.script import ScriptError

CATALOG = default_catalog()


def outgoing(script: str, **issue):
    return run_outgoing(script, script_issue(**issue), CATALOG, connection=ConnectionRef(4, "A_to_B"))


def incoming(script: str, replica: Replica | None = None, issue=None, **options):
    replica = replica or run_outgoing(rules.DEFAULT_OUTGOING, script_issue(), CATALOG).replica
    return run_incoming(script, replica, CATALOG, issue=issue, **options)


def failure(run, *args, **kwargs) -> ScriptError:
    with pytest.raises(ScriptError) as caught:
        run(*args, **kwargs)
    return caught.value


def test_println_goes_to_the_output():
    assert outgoing('println "Syncing ${issue.key} over ${connection.name}"').output == "Syncing DEMO-7 over A_to_B\n"


def test_the_outgoing_issue_is_read_only():
    error = failure(outgoing, 'replica.summary = issue.summary\nissue.summary = "x"')
    assert (error.message, error.line) == (
        "Cannot set readonly property: summary for class: com.exalate.basic.domain.hubobject.v1.BasicHubIssue", 2)


def test_a_misspelt_replica_property_is_groovys_error_with_its_line():
    error = failure(outgoing, "replica.summary = issue.summary\nreplica.summry = issue.summary")
    assert (error.message, error.line) == (
        "No such property: summry for class: com.exalate.basic.domain.hubobject.v1.BasicHubIssue", 2)


def test_a_property_of_a_missing_value_is_a_null_error():
    error = failure(outgoing, "replica.summary = issue.resolution.name")
    assert (error.message, error.line) == ("Cannot get property 'name' on null object", 1)


def test_custom_fields_are_a_map_on_the_replica():
    replica = outgoing('replica.customFields."Root cause" = [value: "Paper"]').replica
    assert replica.to_json()["hubIssue"]["customFields"] == {"Root cause": {"value": "Paper"}}


def test_custom_keys_carry_free_data_to_the_other_side():
    replica = outgoing('replica.customKeys."Escalated" = issue.labels.label.contains("urgent")').replica
    run = incoming('println replica.customKeys.Escalated', replica, issue=script_issue())
    assert run.output == "true\n"


def test_labels_are_added_with_node_helper():
    changes = incoming('issue.labels += nodeHelper.getLabel("synced")', issue=script_issue()).changes
    assert changes.fields == {"labels": ["printer", "synced", "urgent"]}


def test_node_helper_finds_types_priorities_and_users():
    run = outgoing('println([nodeHelper.getIssueType("bug", "SUP")?.name, nodeHelper.getIssueType("Incident"), '
                   'nodeHelper.getPriority("Lowest").id, nodeHelper.getUserByEmail("USER@example.com").username, '
                   'nodeHelper.getUserByUsername("admin").displayName, nodeHelper.getLocalIssueFromRemoteId(3)])')
    assert run.output == "[Bug, null, 5, user, Administrator, null]\n"


def test_debug_error_stops_the_script_with_its_message_and_line():
    error = failure(outgoing, 'replica.summary = issue.summary\nif (issue.labels) {\n'
                              '  debug.error("Labels: ${issue.labels.label}")\n}')
    assert (error.message, error.line) == ("Labels: [printer, urgent]", 3)


def test_first_sync_and_previous_are_in_the_context():
    replica = outgoing("replica.summary = issue.summary").replica
    run = incoming('println "$firstSync ${previous?.summary}"', replica, issue=script_issue(), previous=replica)
    assert run.output == "false Printer on fire\n"


def test_set_status_walks_the_workflow_from_the_current_status():
    changes = incoming('issue.setStatus("Done")\nissue.setStatus("To Do")', issue=script_issue()).changes
    assert [t["name"] for t in changes.transitions] == ["Done", "Reopen"]


def test_set_status_on_first_sync_starts_from_the_initial_status():
    changes = incoming('issue.projectKey = "SUP"\nissue.typeName = "Bug"\nissue.setStatus("In Progress")').changes
    assert changes.transitions == [{"id": 11, "name": "Start Progress", "to": "In Progress"}]


def test_an_unknown_status_is_a_script_error_with_its_line():
    error = failure(incoming, 'def map = ["Open": "Backlog"]\nissue.setStatus(map["Open"] ?: "Open")',
                    issue=script_issue())
    assert (error.message, error.line) == ("Could not find status 'Backlog'.", 2)


def test_a_status_the_workflow_cannot_reach_is_a_script_error():
    from dataclasses import replace

    from plugin.jira.workflow import Workflow
    one_way = replace(CATALOG, workflow=Workflow("To Do", CATALOG.workflow.transitions[:1]))
    error = failure(run_incoming, 'issue.setStatus("Done")',
                    run_outgoing("", script_issue(), CATALOG).replica, one_way, issue=script_issue(status="To Do"))
    assert (error.message, error.line) == (
        "Status 'Done' cannot be reached from 'To Do': no transition of the workflow leads there.", 1)


def test_an_unknown_issue_type_is_a_script_error_with_its_line():
    error = failure(incoming, 'issue.projectKey = "SUP"\nissue.typeName = "Incident"')
    assert (error.message, error.line) == ("Issue type 'Incident' does not exist.", 2)


def test_assignments_through_node_helper_become_field_changes():
    changes = incoming('issue.assignee = nodeHelper.getUserByEmail(replica.reporter.email)\n'
                       'issue.priority = nodeHelper.getPriority(replica.priority.name)\n'
                       'issue.typeName = "Bug"', issue=script_issue(assignee=None, priority="Low")).changes
    assert (changes.fields, changes.issue_type) == ({"assignee": "admin", "priority": "High"}, "Bug")


def test_an_unknown_user_is_a_script_error():
    error = failure(incoming, 'issue.assignee = [username: "ghost"]', issue=script_issue())
    assert (error.message, error.line) == ("User 'ghost' does not exist (the assignee of the issue).", 1)


def test_store_needs_a_project_first():
    error = failure(incoming, 'issue.typeName = "Task"\nstore(issue)\nissue.projectKey = "SUP"')
    assert (error.message, error.line) == ("Project key was not set", 2)


def test_store_marks_the_creation():
    run = incoming('issue.projectKey = "SUP"\nissue.typeName = "Task"\nstore(issue)\nissue.summary = replica.summary')
    assert run.changes.stored and run.changes.fields == {"summary": "Printer on fire"}


def test_merge_comments_with_a_closure_formats_and_sets_the_executor():
    run = incoming('issue.projectKey = "SUP"\nissue.typeName = "Task"\n'
                   'issue.comments = commentHelper.mergeComments(issue, replica, { comment ->\n'
                   '  comment.body = "[${comment.author.displayName}] " + comment.body\n'
                   '  comment.executor = nodeHelper.getUserByEmail(comment.author.email)\n'
                   '})')
    assert [(c.body, c.executor) for c in run.changes.comments.add] == [
        ("[Administrator] Unplugged it", "admin"), ("[User] Still smoking", "user")]


def test_merge_comments_with_a_closure_returning_the_comment():
    run = incoming('issue.projectKey = "SUP"\nissue.typeName = "Task"\n'
                   'issue.comments = commentHelper.mergeComments(issue, replica, {\n'
                   '  it.body = it.body.toUpperCase(); it })')
    assert [c.body for c in run.changes.comments.add] == ["UNPLUGGED IT", "STILL SMOKING"]


def test_comments_coming_back_from_the_other_side_are_not_added_again():
    replica = run_outgoing(rules.DEFAULT_OUTGOING, script_issue(comment_traces={"102": "900"}), CATALOG).replica
    run = incoming('issue.projectKey = "SUP"\nissue.typeName = "Task"\n'
                   'issue.comments = commentHelper.mergeComments(issue, replica)', replica)
    assert [c.remote_id for c in run.changes.comments.add] == ["101"]


def test_filter_local_keeps_the_comments_made_here():
    run = outgoing("replica.comments = commentHelper.filterLocal(issue.comments)", comment_traces={"102": "900"})
    assert [c["id"] for c in run.replica.to_json()["hubIssue"]["comments"]] == ["101"]


def test_add_comment_adds_a_comment_as_the_connection():
    changes = incoming('issue.comments = commentHelper.addComment("Synced from ${replica.key}", issue.comments)',
                       issue=script_issue()).changes
    assert [(c.body, c.executor) for c in changes.comments.add] == [("Synced from DEMO-7", None)]


def test_merge_attachments_adds_new_remote_attachments_once():
    replica = outgoing("replica.attachments = issue.attachments").replica
    local = script_issue(attachments=(script_issue().attachments[0].__class__("401", "tray.jpg", "image/jpeg", 2),),
                         attachment_traces={"401": "201"})
    extra = Replica({"attachments": [*replica.fields["attachments"],
                                     {"id": "202", "filename": "log.txt", "mimetype": "text/plain", "filesize": 9}]})
    changes = incoming("issue.attachments = attachmentHelper.mergeAttachments(issue, replica)", extra,
                       issue=local).changes
    assert [(a.remote_id, a.filename) for a in changes.attachments.add] == [("202", "log.txt")]
    assert not changes.attachments.remove


def test_fields_this_jira_does_not_hold_are_reported_as_ignored():
    changes = incoming('issue.components = ["Printers"]\nissue.customFields."Root cause" = "Paper"',
                       issue=script_issue()).changes
    assert changes.ignored == ["components", "customFields"] and changes.empty


def test_the_replica_json_reads_back_as_the_same_replica():
    replica = outgoing(rules.DEFAULT_OUTGOING).replica
    assert Replica.from_json(replica.to_json()).to_json() == replica.to_json()


def test_a_run_does_not_parse_the_rules_again(monkeypatch):
    import plugin.script.parser as parser
    outgoing(rules.DEFAULT_OUTGOING)
    monkeypatch.setattr(parser, "parse", lambda source: pytest.fail("parsed again"))
    assert outgoing(rules.DEFAULT_OUTGOING).replica.fields["key"] == "DEMO-7"


def test_text_the_parser_fails_on_is_a_syntax_error_not_a_crash(monkeypatch):
    from plugin.exalate.scripting import world
    from plugin.script import ScriptSyntaxError

    def broken(source):
        raise AttributeError("'NoneType' object has no attribute 'group'")
    monkeypatch.setattr(world, "compile_script", broken)
    with pytest.raises(ScriptSyntaxError) as caught:
        world.parse_rules("À")
    assert (caught.value.message, caught.value.line) == ("The script could not be parsed (AttributeError).", None)


def test_an_interpreter_failure_is_a_script_error_not_a_crash(monkeypatch):
    from plugin.exalate.scripting import world

    def broken(program, bindings, limits):
        raise KeyError("x")
    monkeypatch.setattr(world, "run", broken)
    error = failure(outgoing, "replica.summary = issue.summary")
    assert error.message == "The script failed in the interpreter (KeyError: 'x')."


def test_a_map_that_contains_itself_is_shown_as_groovy_prints_it():
    replica = outgoing('def loop = [name: "x"]\nloop.self = loop\nreplica.customFields.loop = loop').replica
    assert replica.to_json()["hubIssue"]["customFields"] == {"loop": {"name": "x", "self": "(this Map)"}}


def test_a_replica_put_inside_itself_is_shown_once():
    replica = outgoing("replica.summary = issue.summary\nreplica.customFields.me = replica").replica
    assert replica.to_json()["hubIssue"]["customFields"] == {"me": "(this Map)"}


def test_values_of_any_shape_make_a_change_set_that_reads_as_json():
    import json
    changes = incoming('issue.summary = 5 / 2\nissue.labels = [["a"], [label: "b"], 3]\n'
                       'issue.comments = [[body: "x", author: "bob", executor: 7]]', issue=script_issue()).changes
    assert json.loads(json.dumps(changes.to_json()))["fields"] == {"summary": 2.5, "labels": ["3", "[a]", "b"]}
    assert [(c.body, c.author, c.executor) for c in changes.comments.add] == [("x", None, None)]
