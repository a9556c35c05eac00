"""The scripts sync rules are made of: the defaults the emulator generates parse and run, and the idioms
people write (status maps with Elvis, comment bodies, list and map transforms) mean what Groovy means."""

from __future__ import annotations

import pytest

from plugin.exalate.rules import DEFAULT_OUTGOING, default_incoming, local_incoming
from plugin.script import HostObject, MapHost, check, run


@pytest.mark.parametrize("script", [DEFAULT_OUTGOING, default_incoming("DEMO"), local_incoming("DEMO", "SUP")])
def test_the_generated_default_rules_parse(script):
    check(script)


def test_the_default_outgoing_rules_fill_the_replica_from_the_issue():
    issue = MapHost({"key": "DEMO-1", "summary": "Printer on fire", "labels": ["hw"], "type": {"name": "Bug"},
                     "project": {"key": "DEMO", "versions": ["1.0"], "components": ["c"]},
                     "comments": [{"body": "hot"}]}, "Issue")
    replica = MapHost({}, "Replica")
    run(DEFAULT_OUTGOING, {"issue": issue, "replica": replica})
    assert replica.fields["summary"] == "Printer on fire" and replica.fields["labels"] == ["hw"]
    assert replica.fields["project"] == {"key": "DEMO", "versions": [], "components": []}
    assert replica.fields["assignee"] is None


class Helper(HostObject):
    """A stand-in for nodeHelper, commentHelper and attachmentHelper: answers by method name."""

    def __init__(self, groovy_class, **answers):
        self.groovy_class, self.answers = groovy_class, answers

    def call_method(self, name, args):
        if name in self.answers:
            return self.answers[name](*args)
        return super().call_method(name, args)


def test_the_default_incoming_rules_create_in_the_chosen_project_on_first_sync():
    issue = MapHost({}, "Issue")
    replica = MapHost({"summary": "S", "description": None, "labels": ["x"], "type": {"name": "Bug"},
                       "comments": [], "attachments": []}, "Replica")
    helpers = {
        "nodeHelper": Helper("NodeHelper", getIssueType=lambda name, project: None),
        "commentHelper": Helper("CommentHelper", mergeComments=lambda issue, replica: ["merged"]),
        "attachmentHelper": Helper("AttachmentHelper", mergeAttachments=lambda issue, replica: []),
    }
    run(default_incoming("DEMO"), {"issue": issue, "replica": replica, "firstSync": True, **helpers})
    assert issue.fields == {"projectKey": "DEMO", "typeName": "Task", "summary": "S", "description": None,
                            "comments": ["merged"], "attachments": [], "labels": ["x"]}


IDIOMS = [
    ("def statusMap = ['Open': 'To Do', 'Closed': 'Done']\ndef remote = 'Resolved'\n"
     "println(statusMap[remote] ?: remote)", "Resolved"),
    ("def comments = [[author: [displayName: 'Ann'], body: 'hi']]\n"
     "println comments.collect { \"${it.author.displayName} commented: ${it.body}\" }.join('\\n')",
     "Ann commented: hi"),
    ("def body = 'See {code}x{code} and [~bob]'\n"
     "println body.replaceAll(/\\{code\\}/, '```').replaceAll(/\\[~(\\w+)\\]/, '@$1')", "See ```x``` and @bob"),
    ("def labels = ['a', 'b', 'a']\nprintln((labels + ['c']).unique().sort().join(','))", "a,b,c"),
    ("def cf = ['Story Points': 3.0]\nprintln cf.'Story Points' * 2", "6.0"),
    ("def p = [name: 'High']\ndef map = [High: 'Major', Low: 'Minor']\nprintln map[p?.name] ?: 'Normal'", "Major"),
]


@pytest.mark.parametrize("source, printed", IDIOMS)
def test_a_sync_idiom_means_what_groovy_means(source, printed):
    assert run(source).output == printed + "\n"
