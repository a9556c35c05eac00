"""The mode-compatibility checker, against the product's documented facts (the README's
"Configuration modes and the compatibility checker", with the sources named in
plugin/exalate/compatibility.yml). The expected values are written from those facts, not read
back from that file."""

from __future__ import annotations

import pytest

from plugin.exalate.matrix import NodeInfo, evaluate, version_tuple

MODES = ["BASIC", "VISUAL", "SCRIPT"]
VISUAL_PLATFORMS = ["jira-server", "jira-datacenter", "jira-cloud", "azure-devops", "zendesk"]
NO_VISUAL_PLATFORMS = ["azure-devops-server", "servicenow", "salesforce", "github", "freshdesk", "freshservice"]


def destination(platform="jira-server", exalate_version="5.12.0") -> NodeInfo:
    return NodeInfo(platform=platform, platform_version="1.0", exalate_version=exalate_version,
                    base_url="http://dest.test", exalate_url="http://dest.test", public=True)


def options(connection_type="PUBLIC", dest=None, license_state="EVALUATION", local_public=True) -> dict:
    result = evaluate(connection_type=connection_type, destination=dest, license_state=license_state,
                      local_public=local_public)
    assert [option.mode for option in result] == MODES
    for option in result:
        assert (option.reason is None) == option.available, option
    return {option.mode: option for option in result}


def available(*args, **kwargs) -> list[str]:
    return [mode for mode, option in options(*args, **kwargs).items() if option.available]


def reason(mode, *args, **kwargs) -> str:
    return options(*args, **kwargs)[mode].reason


@pytest.mark.parametrize("platform", VISUAL_PLATFORMS)
def test_visual_is_offered_for_jira_azure_devops_services_and_zendesk(platform):
    assert available(dest=destination(platform)) == MODES


@pytest.mark.parametrize("platform", NO_VISUAL_PLATFORMS)
def test_visual_is_not_offered_elsewhere_but_basic_and_script_are(platform):
    assert available(dest=destination(platform)) == ["BASIC", "SCRIPT"]
    assert reason("VISUAL", dest=destination(platform))


def test_azure_devops_server_names_itself_in_the_reason():
    assert "Azure DevOps Server" in reason("VISUAL", dest=destination("azure-devops-server"))


@pytest.mark.parametrize("platform", VISUAL_PLATFORMS + NO_VISUAL_PLATFORMS)
def test_script_is_available_against_every_platform(platform):
    assert "SCRIPT" in available(dest=destination(platform))


@pytest.mark.parametrize("platform", ["jira-server", "jira-datacenter"])
@pytest.mark.parametrize(("version", "basic"), [("5.1.9", False), ("4.9.0", False), ("5.2.0", True),
                                                ("5.10.0", True), ("5.2.0-SNAPSHOT", True), ("6.0", True)])
def test_basic_on_jira_server_and_dc_needs_exalate_5_2_0(platform, version, basic):
    modes = available(dest=destination(platform, version))
    assert ("BASIC" in modes) is basic
    assert "SCRIPT" in modes and "VISUAL" in modes
    if not basic:
        assert "5.2.0" in reason("BASIC", dest=destination(platform, version))


def test_old_exalate_on_jira_cloud_still_offers_basic():
    assert "BASIC" in available(dest=destination("jira-cloud", "5.1.9"))


def test_an_unknown_platform_is_named():
    assert available(dest=destination("mainframe")) == []
    assert "mainframe" in reason("SCRIPT", dest=destination("mainframe"))


def test_private_offers_basic_and_script_only():
    assert available("PRIVATE", None) == ["BASIC", "SCRIPT"]
    assert "private" in reason("VISUAL", connection_type="PRIVATE").lower()


def test_local_offers_all_three():
    assert available("LOCAL", destination()) == MODES


@pytest.mark.parametrize("connection_type", ["PUBLIC", "PRIVATE"])
def test_free_licence_offers_basic_only(connection_type):
    dest = destination() if connection_type == "PUBLIC" else None
    assert available(connection_type, dest, "FREE") == ["BASIC"]
    assert "Free" in reason("SCRIPT", connection_type=connection_type, dest=dest, license_state="FREE")


def test_free_licence_and_old_jira_server_offer_nothing():
    assert available(dest=destination("jira-server", "5.1.9"), license_state="FREE") == []


@pytest.mark.parametrize("license_state", ["EXPIRED", "NONE", "UNHEARD_OF"])
def test_expired_or_missing_licence_offers_nothing(license_state):
    assert available("PUBLIC", destination(), license_state) == []
    assert available("PRIVATE", None, license_state) == []


@pytest.mark.parametrize("license_state", ["EVALUATION", "PAID"])
def test_evaluation_and_paid_licences_offer_everything(license_state):
    assert available("PUBLIC", destination(), license_state) == MODES


def test_a_local_instance_that_is_not_public_offers_nothing():
    assert available("PUBLIC", destination(), local_public=False) == []
    assert "public" in reason("BASIC", local_public=False).lower()


@pytest.mark.parametrize(("version", "expected"), [("5.2.0", (5, 2, 0)), ("5.10", (5, 10)),
                                                   ("5.2.0-SNAPSHOT", (5, 2, 0)), ("v6.1.2.3", (6, 1, 2)),
                                                   ("", ())])
def test_versions_compare_as_numbers(version, expected):
    assert version_tuple(version) == expected
