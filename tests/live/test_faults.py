"""Faults between real nodes (see tests/faults.py): the caller answers 502/504 naming the other
instance, keeps its state, and the same operation succeeds once the other node is healthy."""

from __future__ import annotations

import pytest
from factories import initiate_body
from faults import Lab, run, scenarios


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    lab = Lab(tmp_path_factory.mktemp("faults"))
    yield lab
    lab.close()


@pytest.mark.parametrize("row", scenarios(), ids=[row[0] for row in scenarios()])
def test_fault_scenario(lab, row):
    outcome = run(lab, row)
    assert outcome.observed == outcome.expected


def test_a_failed_accept_names_the_other_instance(lab):
    initiated = lab.callee.api.post(lab.callee.rest("/connections"), json=initiate_body(
        localShortName="C", remoteShortName="D", name=lab.name())).json()
    lab.proxy.fault = "error"
    try:
        failed = lab.caller.api.post(lab.caller.rest("/invitations/accept"),
                                     json={"invitationCode": initiated["invitationCode"], "projectKey": "SUP"})
    finally:
        lab.proxy.fault = None
    assert failed.status_code == 502
    assert lab.proxy.url in failed.json()["errorMessages"][0]
