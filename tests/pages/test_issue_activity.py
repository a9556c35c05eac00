"""Comments and attachments on the issue page: add, edit and delete a comment (its author or an
administrator only: the others neither see the links nor get past the server); upload files up
to the limit, with the reason beside the field when refused; download them."""

from __future__ import annotations

import io

import pytest

from .pagetools import field_error, links, visible


def comment_ids(in_jira, key: str) -> list[int]:
    return in_jira(lambda jira: [comment.id for comment in jira.issues.get(key).comments])


def test_a_comment_added_on_the_page_is_listed_with_its_author(user_pages, make_issue):
    key = make_issue()

    response = user_pages.post(f"/browse/{key}/comment", {"comment": "Have you tried turning it off?"})

    assert response.status_code == 303 and response.headers["Location"] == f"/browse/{key}"
    page = visible(user_pages.get(f"/browse/{key}").text)
    assert "User added a comment" in page and "Have you tried turning it off?" in page


def test_an_empty_comment_is_refused_beside_the_field(user_pages, make_issue, in_jira):
    key = make_issue()

    response = user_pages.post(f"/browse/{key}/comment", {"comment": "   "})

    assert response.status_code == 400
    assert field_error(response.text, "comment") == "Comment body can not be empty!"
    assert comment_ids(in_jira, key) == []


@pytest.fixture
def commented(make_issue, in_jira, admin_pages):
    """An issue with one comment by the administrator: (key, comment id)."""
    key = make_issue()
    admin_pages.post(f"/browse/{key}/comment", {"comment": "Admin was here"})
    [comment_id] = comment_ids(in_jira, key)
    return key, comment_id


def test_the_author_edits_a_comment(admin_pages, commented, in_jira):
    key, comment_id = commented
    form = admin_pages.get(f"/browse/{key}/comment/{comment_id}/edit")
    assert "Admin was here</textarea>" in form.text

    response = admin_pages.post(f"/browse/{key}/comment/{comment_id}/edit", {"comment": "Admin fixed it"})

    assert response.status_code == 303
    assert in_jira(lambda jira: jira.issues.get(key).comments[0].body) == "Admin fixed it"


def test_an_edit_that_empties_a_comment_is_refused_beside_the_field(admin_pages, commented, in_jira):
    key, comment_id = commented

    response = admin_pages.post(f"/browse/{key}/comment/{comment_id}/edit", {"comment": ""})

    assert response.status_code == 400
    assert field_error(response.text, "comment") == "Comment body can not be empty!"
    assert in_jira(lambda jira: jira.issues.get(key).comments[0].body) == "Admin was here"


def test_the_author_deletes_a_comment_after_confirming(admin_pages, commented, in_jira):
    key, comment_id = commented

    confirmation = admin_pages.get(f"/browse/{key}/comment/{comment_id}/delete")
    response = admin_pages.post(f"/browse/{key}/comment/{comment_id}/delete")

    assert confirmation.status_code == 200 and "Admin was here" in confirmation.text
    assert response.status_code == 303
    assert comment_ids(in_jira, key) == []


def test_others_see_no_edit_or_delete_link_on_a_comment(user_pages, commented):
    key, comment_id = commented

    page = user_pages.get(f"/browse/{key}").text

    assert "Admin was here" in page
    assert not [link for link in links(page) if f"/comment/{comment_id}/" in link]


def test_an_administrator_sees_edit_and_delete_on_every_comment(admin_pages, user_pages, make_issue):
    key = make_issue()
    user_pages.post(f"/browse/{key}/comment", {"comment": "User was here"})

    page = admin_pages.get(f"/browse/{key}").text

    assert len([link for link in links(page) if "/comment/" in link]) == 2


@pytest.mark.parametrize("verb", ["edit", "delete"])
def test_the_server_refuses_a_comment_change_by_someone_else(user_pages, commented, in_jira, verb):
    key, comment_id = commented

    shown = user_pages.get(f"/browse/{key}/comment/{comment_id}/{verb}")
    posted = user_pages.post(f"/browse/{key}/comment/{comment_id}/{verb}", {"comment": "Hijacked"})

    assert (shown.status_code, posted.status_code) == (403, 403)
    assert "You do not have permission to access this page." in posted.text
    assert in_jira(lambda jira: [c.body for c in jira.issues.get(key).comments]) == ["Admin was here"]


def test_a_comment_of_another_issue_is_not_found(admin_pages, commented, make_issue):
    _key, comment_id = commented
    other = make_issue()

    response = admin_pages.get(f"/browse/{other}/comment/{comment_id}/edit")

    assert response.status_code == 404
    assert f"Can not find a comment for the id: {comment_id}." in response.text


def upload(pages, key: str, name: str, content: bytes):
    return pages.post(f"/browse/{key}/attach", {"file": (io.BytesIO(content), name)},
                      content_type="multipart/form-data")


def test_an_uploaded_file_is_listed_with_name_size_author_and_date(user_pages, make_issue):
    key = make_issue()

    response = upload(user_pages, key, "report.txt", b"x" * 2048)

    assert response.status_code == 303
    page = visible(user_pages.get(f"/browse/{key}").text)
    assert "report.txt 2.0 kB User" in page and " UTC" in page


def test_an_attachment_downloads_with_its_content_and_name(user_pages, make_issue, in_jira):
    key = make_issue()
    upload(user_pages, key, "report.txt", b"the report")
    [link] = [link for link in links(user_pages.get(f"/browse/{key}").text) if link.startswith("/secure/attachment/")]

    response = user_pages.get(link)

    assert response.status_code == 200 and response.data == b"the report"
    assert response.headers["Content-Disposition"] == "attachment; filename=\"report.txt\"; filename*=UTF-8''report.txt"


def test_a_file_up_to_the_attachment_limit_is_taken_past_the_body_limit(make_app, make_issue_in):
    app = make_app("jira-small", MAX_CONTENT_LENGTH=1024, ATTACHMENT_MAX_BYTES=64 * 1024)
    pages, key = make_issue_in(app)

    response = upload(pages, key, "big.bin", b"b" * 32 * 1024)

    assert response.status_code == 303


def test_a_file_over_the_limit_is_refused_beside_the_field(make_app, make_issue_in):
    app = make_app("jira-small", MAX_CONTENT_LENGTH=1024, ATTACHMENT_MAX_BYTES=4096)
    pages, key = make_issue_in(app)

    response = upload(pages, key, "big.bin", b"b" * 8192)

    assert response.status_code == 413
    assert field_error(response.text, "file") == "The file is too large to attach. Attachments may be up to 4.0 kB."
    assert "There are no attachments." in response.text


def test_an_upload_without_a_file_is_refused_beside_the_field(user_pages, make_issue):
    key = make_issue()

    response = user_pages.post(f"/browse/{key}/attach", {}, content_type="multipart/form-data")

    assert response.status_code == 400
    assert field_error(response.text, "file") == "Select a file to attach."


def test_a_file_name_the_domain_refuses_is_refused_beside_the_field(user_pages, make_issue):
    key = make_issue()

    response = upload(user_pages, key, "x" * 300, b"data")

    assert response.status_code == 400
    assert field_error(response.text, "file") == f"The file name '{'x' * 40}' is not valid."

