"""Attachments over REST: multipart upload answering a list, the XSRF header it needs, content,
and its own size limit (ATTACHMENT_MAX_BYTES) above the request limit."""

from __future__ import annotations

import io

from factories import ADMIN, issue_fields

from plugin.config import DEFAULTS

from .helpers import assert_error

API = "/rest/api/2"
NO_CHECK = {**ADMIN, "X-Atlassian-Token": "no-check"}


def _issue(client):
    assert client.post(API + "/issue", json={"fields": issue_fields()}, headers=ADMIN).status_code == 201


def _upload(client, content: bytes, headers=NO_CHECK):
    return client.post(API + "/issue/DEMO-1/attachments", headers=headers,
                       data={"file": (io.BytesIO(content), "notes.txt")}, content_type="multipart/form-data")


def test_an_upload_answers_a_list_and_its_content_is_served(client):
    _issue(client)
    response = _upload(client, b"hello")
    [attachment] = response.get_json()
    assert (attachment["filename"], attachment["size"], attachment["mimeType"]) == ("notes.txt", 5, "text/plain")
    assert attachment["content"] == "http://jira-a.test:2990/rest/api/2/attachment/content/1"
    assert client.get(API + "/attachment/content/1", headers=ADMIN).data == b"hello"


def test_an_upload_without_the_xsrf_header_is_refused(client):
    _issue(client)
    assert_error(_upload(client, b"hello", headers=ADMIN), 403, message="XSRF check failed")


def test_an_upload_past_the_request_limit_is_accepted_up_to_the_attachment_limit(client):
    _issue(client)
    assert _upload(client, b"x" * (DEFAULTS["MAX_CONTENT_LENGTH"] + 10)).status_code == 200


def test_an_upload_past_the_attachment_limit_is_refused(client):
    _issue(client)
    response = _upload(client, b"x" * (DEFAULTS["ATTACHMENT_MAX_BYTES"] + 10))
    assert_error(response, 413)
