"""Attachments over REST: multipart upload answering a list, the XSRF header it needs, content,
its own size limit (ATTACHMENT_MAX_BYTES) above the request limit, and deleting one."""

from __future__ import annotations

import io

import pytest
from factories import ADMIN, USER, issue_fields

from plugin.config import DEFAULTS

from .helpers import assert_error

API = "/rest/api/2"
NO_CHECK = {**ADMIN, "X-Atlassian-Token": "no-check"}


def _issue(client):
    assert client.post(API + "/issue", json={"fields": issue_fields()}, headers=ADMIN).status_code == 201


def _uploaded_by(client, author: dict) -> str:
    """DEMO-1's new attachment, uploaded by ``author``: its id."""
    _issue(client)
    [attachment] = _upload(client, b"hello", headers={**author, "X-Atlassian-Token": "no-check"}).get_json()
    return attachment["id"]


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


def test_an_upload_past_the_attachment_limit_is_refused_with_jiras_answer(client):
    _issue(client)
    response = _upload(client, b"x" * (DEFAULTS["ATTACHMENT_MAX_BYTES"] + 10))
    limit = DEFAULTS["ATTACHMENT_MAX_BYTES"]
    assert assert_error(response, 404) == {
        "errorMessages": [f"The field file exceeds its maximum permitted size of {limit} bytes."], "errors": {}}
    assert client.get(API + "/issue/DEMO-1", headers=ADMIN).get_json()["fields"]["attachment"] == []


def test_an_upload_within_a_smaller_attachment_limit_is_accepted(make_app):
    client = make_app("small-attachments", ATTACHMENT_MAX_BYTES=2048).test_client()
    _issue(client)
    assert _upload(client, b"x" * 1024).status_code == 200
    response = _upload(client, b"x" * 2048)
    assert assert_error(response, 404)["errorMessages"] == [
        "The field file exceeds its maximum permitted size of 2048 bytes."]


@pytest.mark.parametrize(("author", "deleter"), [(USER, USER), (USER, ADMIN), (ADMIN, ADMIN)])
def test_its_author_or_an_administrator_deletes_an_attachment(client, author, deleter):
    attachment_id = _uploaded_by(client, author)
    response = client.delete(f"{API}/attachment/{attachment_id}", headers=deleter)
    assert (response.status_code, response.data) == (204, b"")
    assert client.get(f"{API}/attachment/{attachment_id}", headers=ADMIN).status_code == 404


def test_a_deleted_attachment_and_its_content_are_gone(client):
    attachment_id = _uploaded_by(client, ADMIN)
    client.delete(f"{API}/attachment/{attachment_id}", headers=ADMIN)
    message = f"The attachment with id '{attachment_id}' does not exist."
    assert_error(client.get(f"{API}/attachment/{attachment_id}", headers=ADMIN), 404, message=message)
    assert_error(client.get(f"{API}/attachment/content/{attachment_id}", headers=ADMIN), 404, message=message)
    assert client.get(API + "/issue/DEMO-1", headers=ADMIN).get_json()["fields"]["attachment"] == []


def test_another_user_may_not_delete_an_attachment(client):
    attachment_id = _uploaded_by(client, ADMIN)
    response = client.delete(f"{API}/attachment/{attachment_id}", headers=USER)
    body = assert_error(response, 403)
    assert body == {"errorMessages": [f"You do not have permission to delete attachment with id: {attachment_id}"],
                    "errors": {}}
    assert client.get(f"{API}/attachment/content/{attachment_id}", headers=ADMIN).data == b"hello"


def test_deleting_an_unknown_attachment_is_not_found(client):
    response = client.delete(f"{API}/attachment/999", headers=ADMIN)
    assert assert_error(response, 404) == {"errorMessages": ["The attachment with id '999' does not exist."],
                                           "errors": {}}


def test_deleting_an_attachment_anonymously_is_refused(client):
    attachment_id = _uploaded_by(client, ADMIN)
    assert_error(client.delete(f"{API}/attachment/{attachment_id}"), 401)
    assert client.get(f"{API}/attachment/{attachment_id}", headers=ADMIN).status_code == 200
