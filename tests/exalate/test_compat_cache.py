"""The compatibility check reuses a destination's node info for a short, configurable time."""

from __future__ import annotations

import requests
import responses
from factories import AUTH, CHEAP_HASH, REST, initiate_at, mock_exalate

A, B = "http://jira-a.test", "http://jira-b.test"


def _info_calls(rsps) -> int:
    return sum(call.request.url == B + REST + "/info" for call in rsps.calls)


def _check():
    report = requests.post(A + REST + "/compatibility", auth=AUTH, json={"destinationUrl": B}).json()
    assert report["destination"]["baseUrl"] == B
    return report


def test_a_wizard_that_checks_again_does_not_ask_again():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps, mock_exalate(A, B, requests_mock=rsps):
        _check()
        _check()
        initiate_at(A, destinationUrl=B, localShortName="A", remoteShortName="B", name="A_to_B")
        assert _info_calls(rsps) == 1


def test_the_cache_can_be_turned_off():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps, mock_exalate(
            (A, {"COMPATIBILITY_CACHE_SECONDS": 0}), B, requests_mock=rsps):
        _check()
        _check()
        assert _info_calls(rsps) == 2


def test_failures_are_not_cached():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps, \
            mock_exalate(A, requests_mock=rsps) as nodes:
        first = requests.post(A + REST + "/compatibility", auth=AUTH, json={"destinationUrl": B}).json()
        assert first["problem"]["code"] == "CONNECTION_REFUSED"
        nodes.add_instance(B, **CHEAP_HASH)
        assert _check()["problem"] is None
