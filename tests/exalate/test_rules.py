"""Default sync rules: the outgoing script sends summary, description, comments, labels and
attachments; the incoming script applies them and creates issues in the chosen project."""

from __future__ import annotations

import re

import pytest

from plugin.exalate.rules import DEFAULT_OUTGOING, default_incoming, local_incoming

SYNCED_FIELDS = ["summary", "description", "comments", "labels", "attachments"]


def first_sync_block(incoming: str) -> str:
    match = re.search(r"if\s*\(\s*firstSync\s*\)\s*\{(.*?)\n\}", incoming, re.S)
    assert match, incoming
    return match.group(1)


@pytest.mark.parametrize("field", SYNCED_FIELDS)
def test_outgoing_sends_the_field(field):
    assert re.search(rf"^replica\.{field}\s*=\s*issue\.{field}\s*$", DEFAULT_OUTGOING, re.M)


@pytest.mark.parametrize("field", SYNCED_FIELDS)
def test_incoming_applies_the_field_outside_the_first_sync_block(field):
    incoming = default_incoming("DEMO")
    after_block = incoming.split(first_sync_block(incoming), 1)[1]
    assert re.search(rf"^issue\.{field}\s*=.*replica", after_block, re.M)


@pytest.mark.parametrize("project_key", ["DEMO", "SUP", "OPS_2"])
def test_first_sync_creates_issues_in_the_chosen_project(project_key):
    block = first_sync_block(default_incoming(project_key))
    assert re.search(rf'^\s*issue\.projectKey\s*=\s*"{project_key}"\s*$', block, re.M)


def test_the_project_key_is_a_quoted_string_literal():
    block = first_sync_block(default_incoming('A"B'))
    assert 'issue.projectKey   = "A\\"B"' in block


def test_only_the_project_differs_between_two_defaults():
    demo, sup = default_incoming("DEMO"), default_incoming("SUP")
    assert demo.replace('"DEMO"', '"SUP"') == sup


def test_local_rules_send_each_project_to_the_other():
    script = local_incoming("DEMO", "SUP")
    assert 'issue.projectKey   = replica.project.key == "DEMO" ? "SUP" : "DEMO"' in script
    assert "issue.summary      = replica.summary" in script
