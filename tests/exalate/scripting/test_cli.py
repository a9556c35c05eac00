"""``exalate-emulator script run FILE --issue JSON --replica JSON --direction …``: the rules run in the script
world over the default catalog, printing the output, then the replica or the change set as JSON."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from plugin.entry import main
from plugin.exalate import rules

REST_ISSUE = {
    "id": "10001", "key": "DEMO-7",
    "fields": {"summary": "Printer on fire", "issuetype": {"name": "Bug"}, "project": {"key": "DEMO"},
               "status": {"name": "In Progress"}, "priority": {"name": "High"}, "labels": ["printer"],
               "assignee": {"name": "user", "displayName": "User", "emailAddress": "user@example.com"},
               "comment": {"comments": [{"id": "3", "body": "Unplugged it", "created": "2026-12-01T10:00:00.000+0000",
                                         "author": {"name": "admin", "displayName": "Administrator"}}]}},
}


@pytest.fixture
def write(tmp_path):
    def write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)
    return write


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main(["script", "run", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_outgoing_rules_build_the_replica_from_a_jira_rest_issue(write, capsys):
    status, out, _ = run(capsys, write("out.groovy", rules.DEFAULT_OUTGOING + 'println "sent ${issue.key}"'),
                         "--issue", json.dumps(REST_ISSUE))
    printed, replica = out.split("\n", 1)
    hub = json.loads(replica)["hubIssue"]
    assert (status, printed) == (0, "sent DEMO-7")
    assert (hub["type"]["name"], hub["status"]["name"], hub["assignee"]["username"]) == ("Bug", "In Progress", "user")
    assert [(c["id"], c["body"], c["author"]["displayName"]) for c in hub["comments"]] == [
        ("3", "Unplugged it", "Administrator")]


def test_incoming_rules_print_the_change_set_of_a_first_sync(write, capsys):
    replica = {"version": {"major": 1, "minor": 4, "patch": 0},
               "hubIssue": {"key": "A-1", "summary": "Hello", "type": {"name": "Story"}, "labels": [{"label": "x"}]}}
    status, out, _ = run(capsys, write("in.groovy", rules.default_incoming("SUP")), "--replica", json.dumps(replica))
    changes = json.loads(out)
    assert status == 0
    assert (changes["projectKey"], changes["issueType"], changes["fields"]) == (
        "SUP", "Story", {"summary": "Hello", "labels": ["x"]})


def test_incoming_rules_against_a_local_issue_print_only_what_changes(write, capsys):
    script = write("in.groovy", "issue.summary = replica.summary\nissue.setStatus(replica.status.name)")
    replica = write("replica.json", json.dumps({"summary": "Printer fixed", "status": {"name": "Done"}}))
    status, out, _ = run(capsys, script, "--replica", replica, "--issue", json.dumps(REST_ISSUE),
                         "--direction", "incoming")
    changes = json.loads(out)
    assert (status, changes["firstSync"], changes["fields"]) == (0, False, {"summary": "Printer fixed"})
    assert changes["transitions"] == [{"id": 31, "name": "Done", "to": "Done"}]


def test_a_first_sync_without_a_project_fails_in_the_products_words(write, capsys):
    status, out, err = run(capsys, write("in.groovy", 'println "x"\nissue.summary = replica.summary'),
                           "--replica", '{"summary": "S"}')
    assert (status, out) == (1, "x\n")
    assert err == "Caught: com.exalate.api.exception.IssueTrackerException: Project key was not set\n"


def test_an_error_of_the_world_names_the_scripts_line(write, capsys):
    status, _, err = run(capsys, write("out.groovy", "replica.summary = issue.summary\nreplica.sumary = 1"),
                         "--issue", json.dumps(REST_ISSUE))
    assert status == 1
    assert err.endswith("No such property: sumary for class: com.exalate.basic.domain.hubobject.v1.BasicHubIssue\n"
                        "\tat out.run(out.groovy:2)\n")


def test_outgoing_without_an_issue_says_what_is_missing(write, capsys):
    status, _, err = run(capsys, write("out.groovy", "replica.summary = issue.summary"), "--direction", "outgoing")
    assert status == 1 and "outgoing rules need the local issue: give --issue" in err


def test_an_issue_in_neither_shape_is_refused_in_words(write, capsys):
    status, _, err = run(capsys, write("out.groovy", "println 1"), "--issue", '{"key": "A-1", "comments": [{}]}')
    assert status == 1 and "the issue is neither Jira REST v2's issue nor a hub issue" in err


@pytest.mark.parametrize("option", ["--issue", "--replica"])
def test_a_run_in_the_sync_world_starts_without_flask_or_sqlalchemy(write, option):
    issue = write("issue.json", json.dumps(REST_ISSUE))
    script = write("rules.groovy", "if (firstSync) { issue.projectKey = 'DEMO' }\nprintln 'ran'")
    probe = ("import sys\nfrom plugin.entry import main\nmain(['script', 'run', *sys.argv[1:]])\n"
             "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy')}))")
    argument = issue if option == "--issue" else json.dumps({"summary": "Printer on fire"})
    done = subprocess.run([sys.executable, "-c", probe, script, option, argument], capture_output=True, text=True,
                          check=True)
    assert done.stdout.startswith("ran\n{") and done.stdout.endswith("}\n[]\n")
