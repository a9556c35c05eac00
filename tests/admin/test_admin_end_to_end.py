"""Two real ``exalate-emulator serve`` processes, driven only through their pages with
``requests``, as an administrator at each end would: initiate on A, accept on B."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import requests

from .pagetools import form_values, invitation_code, page, text

INITIATE = page("connections/initiate")
ACCEPT = page("connections/accept")
TOKEN = re.compile(r'name="atl_token" value="([0-9a-f]+)"')

pytestmark = pytest.mark.live


def log_in(base_url: str) -> requests.Session:
    # One session per instance: cookies do not tell ports apart, and both run on 127.0.0.1.
    session = requests.Session()
    response = session.post(base_url + "/login.jsp", data={"os_username": "admin", "os_password": "admin"})
    assert response.status_code == 200 and urlsplit(response.url).path == page("connections"), response.text
    return session


def submit(session: requests.Session, base_url: str, previous: requests.Response, path: str, **answers):
    """Post the form of the previous page, with its hidden answers and its atl_token."""
    values = {**form_values(previous.text, path), **answers, "action": "next"}
    assert values["atl_token"] == TOKEN.search(previous.text).group(1)
    response = session.post(base_url + path, data=values, timeout=30)
    assert response.status_code == 200, response.text
    return response


def statuses(session: requests.Session, base_url: str) -> list[str]:
    markup = session.get(base_url + page("connections")).text
    return re.findall(r'<span class="aui-lozenge aui-lozenge-\w+">(\w+)</span>', markup)


def test_initiate_on_one_instance_and_accept_on_the_other(two_instances):
    a, b = two_instances
    pages_a, pages_b = log_in(a.url), log_in(b.url)

    modes = submit(pages_a, a.url, pages_a.get(a.url + INITIATE), INITIATE, destinationUrl=b.url)
    assert 'id="mode-SCRIPT" value="SCRIPT">' in modes.text  # offered: B is public, A evaluates
    info = submit(pages_a, a.url, modes, INITIATE, mode="SCRIPT")
    project = submit(pages_a, a.url, info, INITIATE, localShortName="JiraA", remoteShortName="JiraB")
    done = submit(pages_a, a.url, project, INITIATE, projectKey="DEMO")
    code = invitation_code(done.text)
    assert statuses(pages_a, a.url) == ["Pending"]

    pasted = submit(pages_b, b.url, pages_b.get(b.url + ACCEPT), ACCEPT, invitationCode=code)
    accepted = submit(pages_b, b.url, pasted, ACCEPT, projectKey="SUP")

    assert "Congratulations! The connection is set up." in accepted.text
    assert statuses(pages_a, a.url) == ["Active"]
    assert statuses(pages_b, b.url) == ["Active"]
    for session, base_url, other in ((pages_a, a.url, b.url), (pages_b, b.url, a.url)):
        listing = text(session.get(base_url + page("connections")).text)
        assert "JiraA_to_JiraB" in listing
        assert f'<td class="url">{other}</td>' in listing
