"""Which configuration modes are offered against which destination: every destination platform
x Exalate version boundary x connection type x licence state, against real apps behind the
in-process mock. The expectations below are written from the product's documentation (the
README's "Configuration modes and the compatibility checker"; each rule's source is named in
plugin/exalate/compatibility.yml), not computed from that file."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import requests
from factories import AUTH, REST, mock_exalate

SOURCE = "http://jira-source.test"

PLATFORMS = [
    "jira-server", "jira-datacenter", "jira-cloud", "azure-devops", "azure-devops-server",
    "servicenow", "salesforce", "zendesk", "github", "freshdesk", "freshservice",
]
# "Visual mode is only available for Jira (Cloud and On-Premise), Azure DevOps and Zendesk";
# "Visual Mode is not available for Azure DevOps Server."
VISUAL_PLATFORMS = {"jira-server", "jira-datacenter", "jira-cloud", "azure-devops", "zendesk"}
# "Project key was not set": Basic connections need Exalate 5.2.0 on Jira on-premise.
BASIC_NEEDS_5_2 = {"jira-server", "jira-datacenter"}
EXALATE_VERSIONS = ["5.1.9", "5.2.0", "5.12.0"]
# Script and Visual need an Evaluation (trial) or Paid licence; the Free plan is Basic only;
# with an expired or no licence nothing can be set up.
LICENCE_ALLOWS = {
    "EVALUATION": {"BASIC", "VISUAL", "SCRIPT"},
    "PAID": {"BASIC", "VISUAL", "SCRIPT"},
    "FREE": {"BASIC"},
    "EXPIRED": set(),
    "NONE": set(),
}


def _destination_url(platform: str, version: str) -> str:
    return f"http://{platform}-{version.replace('.', '-')}.test"


def _expected_public(platform: str, version: str, licence: str) -> dict[str, bool]:
    offered = {"SCRIPT"}
    if platform not in BASIC_NEEDS_5_2 or version != "5.1.9":
        offered.add("BASIC")
    if platform in VISUAL_PLATFORMS:
        offered.add("VISUAL")
    allowed = offered & LICENCE_ALLOWS[licence]
    return {mode: mode in allowed for mode in ("BASIC", "VISUAL", "SCRIPT")}


@pytest.fixture(scope="module")
def nodes():
    destinations = [
        (_destination_url(p, v), {"EXALATE_PLATFORM": p, "EXALATE_VERSION": v})
        for p in PLATFORMS for v in EXALATE_VERSIONS
    ]
    with mock_exalate(SOURCE, *destinations) as mock:
        yield mock


def _set_licence(licence: str) -> None:
    body = {"type": licence}
    if licence == "EXPIRED":
        past = datetime.now(timezone.utc) - timedelta(days=1)
        body = {"type": "EVALUATION", "expiresAt": past.isoformat()}
    response = requests.put(SOURCE + REST + "/license", auth=AUTH, json=body)
    assert response.status_code == 200, response.text
    assert response.json()["state"] == licence


def _check(destination_url: str | None) -> dict:
    response = requests.post(SOURCE + REST + "/compatibility", auth=AUTH, json={"destinationUrl": destination_url})
    assert response.status_code == 200, response.text
    return response.json()


def _offered(report: dict) -> dict[str, bool]:
    assert [m["mode"] for m in report["modes"]] == ["BASIC", "VISUAL", "SCRIPT"]
    for option in report["modes"]:
        assert option["available"] == (option["reason"] is None), option
    return {m["mode"]: m["available"] for m in report["modes"]}


@pytest.mark.parametrize("licence", list(LICENCE_ALLOWS))
@pytest.mark.parametrize("version", EXALATE_VERSIONS)
@pytest.mark.parametrize("platform", PLATFORMS)
def test_public_destination(nodes, platform, version, licence):
    _set_licence(licence)
    report = _check(_destination_url(platform, version))
    assert report["connectionType"] == "PUBLIC"
    assert report["destination"]["platform"] == platform
    assert report["destination"]["exalateVersion"] == version
    assert report["problem"] is None
    assert _offered(report) == _expected_public(platform, version, licence)


@pytest.mark.parametrize("licence", list(LICENCE_ALLOWS))
def test_private_connection_offers_basic_or_script(nodes, licence):
    _set_licence(licence)
    report = _check(None)
    assert report["connectionType"] == "PRIVATE"
    assert report["destination"] is None
    allowed = {"BASIC", "SCRIPT"} & LICENCE_ALLOWS[licence]
    assert _offered(report) == {mode: mode in allowed for mode in ("BASIC", "VISUAL", "SCRIPT")}


@pytest.mark.parametrize("licence", list(LICENCE_ALLOWS))
def test_local_connection_offers_every_jira_mode(nodes, licence):
    _set_licence(licence)
    report = _check(SOURCE)
    assert report["connectionType"] == "LOCAL"
    allowed = LICENCE_ALLOWS[licence]
    assert _offered(report) == {mode: mode in allowed for mode in ("BASIC", "VISUAL", "SCRIPT")}


def test_a_private_instance_cannot_initiate(nodes):
    _set_licence("PAID")
    assert requests.put(SOURCE + REST + "/settings", auth=AUTH, json={"public": False}).status_code == 200
    try:
        report = _check(_destination_url("jira-cloud", "5.12.0"))
        assert not any(_offered(report).values())
        assert "not public" in report["modes"][2]["reason"]
    finally:
        requests.put(SOURCE + REST + "/settings", auth=AUTH, json={"public": True})
