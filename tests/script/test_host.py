"""Host objects: how the sync engine exposes the issue, the replica and helpers to a script."""

from __future__ import annotations

import pytest

from plugin.script import HostObject, ScriptError, run


class FakeIssue(HostObject):
    groovy_class = "Issue"

    def __init__(self, **fields):
        self.fields = fields

    def get_property(self, name):
        if name not in self.fields:
            raise self.missing_property(name)
        return self.fields[name]

    def set_property(self, name, value):
        if name not in self.fields:
            raise self.missing_property(name)
        self.fields[name] = value


class IssueType(HostObject):
    groovy_class = "IssueType"

    def __init__(self, name):
        self.name = name

    def get_property(self, name):
        if name == "name":
            return self.name
        raise self.missing_property(name)


class NodeHelper(HostObject):
    groovy_class = "NodeHelper"
    TYPES = ("Bug", "Task")

    def call_method(self, name, args):
        if name == "getIssueType" and len(args) == 1:
            return IssueType(args[0]) if args[0] in self.TYPES else None
        return super().call_method(name, args)


def world():
    issue = FakeIssue(summary="Printer on fire", labels=["hw"], type="Bug")
    replica = FakeIssue(summary=None, labels=[], type=None)
    return issue, replica, {"issue": issue, "replica": replica, "nodeHelper": NodeHelper()}


def test_a_script_reads_and_writes_host_properties():
    issue, replica, bindings = world()
    run("replica.summary = issue.summary\nissue.labels += ['x']", bindings)
    assert replica.fields["summary"] == "Printer on fire"
    assert issue.fields["labels"] == ["hw", "x"]


def test_a_host_method_answers_with_another_host_object_or_null():
    _, replica, bindings = world()
    run("replica.type = nodeHelper.getIssueType('Bug')?.name\n"
        "println nodeHelper.getIssueType('Epic')?.name", bindings)
    assert replica.fields["type"] == "Bug"


def test_a_null_safe_call_on_a_missing_host_answer_prints_null():
    _, _, bindings = world()
    assert run("println nodeHelper.getIssueType('Epic')?.name", bindings).output == "null\n"


def test_an_unknown_host_property_is_groovys_missing_property_with_the_line():
    _, _, bindings = world()
    with pytest.raises(ScriptError) as caught:
        run("def a = 1\nreplica.sumary = issue.summary", bindings)
    assert (caught.value.message, caught.value.line) == ("No such property: sumary for class: Issue", 2)


def test_an_unknown_host_method_is_groovys_missing_method():
    _, _, bindings = world()
    with pytest.raises(ScriptError) as caught:
        run("nodeHelper.getPriority('High')", bindings)
    assert caught.value.message == ("No signature of method: NodeHelper.getPriority() is applicable for "
                                    "argument types: (String) values: [High]")


def test_a_getter_call_reads_the_property_as_groovy_beans_do():
    _, _, bindings = world()
    assert run("println issue.getSummary()", bindings).output == "Printer on fire\n"


def test_a_host_closure_argument_is_callable_from_python():
    seen = []

    class Helper(HostObject):
        def call_method(self, name, args):
            seen.append(args[0](21))
            return None

    run("helper.apply { it * 2 }", {"helper": Helper()})
    assert seen == [42]


def test_a_host_fails_the_script_in_its_own_words_at_the_line_of_the_call():
    from plugin.script.errors import GroovyRuntimeError

    class Debug(HostObject):
        def call_method(self, name, args):
            raise GroovyRuntimeError(args[0], "IssueTrackerException")

    with pytest.raises(ScriptError) as caught:
        run("def x = 1\ndebug.error('no project')", {"debug": Debug()})
    assert (caught.value.message, caught.value.line) == ("no project", 2)
