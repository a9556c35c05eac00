"""``exalate-emulator script check`` and ``script run``, through the real command line entry point."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from plugin.cli import main


@pytest.fixture
def write(tmp_path):
    def write_file(name, text):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)
    return write_file


def test_check_is_silent_and_succeeds_on_scripts_that_parse(write, capsys):
    assert main(["script", "check", write("a.groovy", "println 1"), write("b.groovy", "def x = [a: 1]")]) == 0
    assert capsys.readouterr().out == ""


def test_check_names_file_line_and_column_of_each_error(write, capsys):
    good, bad = write("good.groovy", "println 1"), write("bad.groovy", "println 'a'\nif (x)) {\n}")
    assert main(["script", "check", good, bad]) == 1
    assert capsys.readouterr().out == f"{bad}:2:7: Unexpected input: ')'\n"


def test_run_prints_exactly_what_println_printed(write, capsys):
    assert main(["script", "run", write("s.groovy", "println 'a'\nprint 'b'\nprintln([1, 2])")]) == 0
    assert capsys.readouterr().out == "a\nb[1, 2]\n"


def test_run_failure_is_groovys_caught_line_and_the_script_line(write, capsys):
    path = write("rules.groovy", "println 'before'\nprintln x")
    assert main(["script", "run", path]) == 1
    captured = capsys.readouterr()
    assert captured.out == "before\n"
    assert captured.err == ("Caught: groovy.lang.MissingPropertyException: No such property: x for class: rules\n"
                            "\tat rules.run(rules.groovy:2)\n")


def test_run_outgoing_prints_the_replica_as_json_after_the_output(write, capsys):
    path = write("out.groovy", "replica.summary = issue.summary\nreplica.labels = issue.labels + ['x']\n"
                               "println 'done'")
    assert main(["script", "run", path, "--issue", '{"summary": "S", "labels": ["a"]}']) == 0
    output, replica = capsys.readouterr().out.split("\n", 1)
    assert output == "done"
    hub = json.loads(replica)["hubIssue"]  # the sync world's replica (tests/exalate/scripting/test_cli.py)
    assert (hub["summary"], hub["labels"]) == ("S", [{"label": "a"}, "x"])


def test_run_incoming_prints_the_changes_to_the_issue(write, capsys):
    path = write("in.groovy", "issue.summary = replica.summary\nif (firstSync) { issue.projectKey = 'DEMO' }")
    issue = write("issue.json", '{"summary": "old", "priority": "High"}')
    assert main(["script", "run", path, "--replica", '{"summary": "new"}', "--issue", issue,
                 "--direction", "incoming"]) == 0
    assert json.loads(capsys.readouterr().out)["fields"] == {"summary": "new"}  # the change set's fields


def test_run_of_a_missing_file_fails_with_its_name(tmp_path, capsys):
    assert main(["script", "run", str(tmp_path / "nope.groovy")]) == 1
    assert "nope.groovy" in capsys.readouterr().err


def test_the_script_command_starts_without_flask_or_sqlalchemy(write):
    path = write("s.groovy", "println 'hi'")
    probe = ("import sys\nfrom plugin.entry import main\nmain(['script', 'run', sys.argv[1]])\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy')))")
    done = subprocess.run([sys.executable, "-c", probe, path], capture_output=True, text=True, check=True)
    assert done.stdout == "hi\n[]\n"


def test_run_of_a_script_that_does_not_parse_names_file_line_and_column(write, capsys):
    path = write("bad.groovy", "println 'a'\nif (x)) {\n}")
    assert main(["script", "run", path]) == 1
    assert capsys.readouterr().err == f"{path}:2:7: Unexpected input: ')'\n"


def test_run_failure_without_a_message_names_only_the_exception(write, capsys):
    assert main(["script", "run", write("t.groovy", "throw new RuntimeException()")]) == 1
    assert capsys.readouterr().err == "Caught: java.lang.RuntimeException\n\tat t.run(t.groovy:1)\n"
