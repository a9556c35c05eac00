"""Hostile values on Jira's issue pages: summaries, descriptions, labels, comments and file names
stored through REST or the domain, values typed into the issue forms and the JQL box. Each comes
back escaped; a file name cannot break the download's Content-Disposition header."""

from __future__ import annotations

import html
import io
import re
from urllib.parse import quote, unquote

import pytest
from factories import ADMIN, issue_fields
from hypothesis import given
from hypothesis import strategies as st

from plugin.admin.issue_activity import content_disposition
from plugin.web import jira as current_jira

from . import strategies as hs
from .conftest import HOSTILE
from .test_escaping import PAYLOAD, TEXTAREA_PAYLOAD, assert_escaped, token

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# Labels cannot hold white space; everything else goes.
LABEL = "<script>alert(1)</script>\"><img/src=x/onerror=alert(1)>'\"&"
FILE_NAMES = ("<img src=x onerror=alert(1)>.txt", IMG + ".txt", 'quote"semi;colon.txt',
              "line\r\nSet-Cookie: evil=1.txt", "r\u00e9sum\u00e9 \u65e5\u672c \U0001f600.txt", "back\\slash.txt")


def login(client, username: str = "admin"):
    client.post("/login.jsp", data={"os_username": username, "os_password": username})
    return client


@pytest.fixture
def hostile_issue(app, probe):
    """An issue whose every text field, label and comment is hostile, stored through REST, with a
    hostile attachment name and a sub-task with a hostile summary: the two keys."""
    rest = probe.client
    created = rest.post("/rest/api/2/issue", headers=ADMIN, json={"fields": issue_fields(
        summary=PAYLOAD, description=TEXTAREA_PAYLOAD + "\nline two", labels=[LABEL, "plain"])})
    assert created.status_code == 201, created.text
    key = created.get_json()["key"]
    assert rest.post(f"/rest/api/2/issue/{key}/comment", headers=ADMIN,
                     json={"body": TEXTAREA_PAYLOAD + "\n" + PAYLOAD}).status_code == 201
    with app.app_context():
        jira = current_jira()
        admin = jira.users.by_username("admin")
        jira.attachments.add(admin, jira.issues.get(key), [(name, "text/html", b"x") for name in FILE_NAMES])
        subtask = jira.issues.create(admin, issue_fields(summary=IMG, issuetype={"name": "Sub-task"},
                                                         parent={"key": key})).key
    return key, subtask


def test_an_issue_of_hostile_values_is_escaped_on_every_page(hostile_issue, client):
    login(client)
    key, subtask = hostile_issue
    pages = {
        f"/browse/{key}": (PAYLOAD, TEXTAREA_PAYLOAD, LABEL, IMG, *FILE_NAMES),
        f"/browse/{subtask}": (IMG, PAYLOAD),
        f"/browse/{key}/edit": (PAYLOAD, LABEL),
        f"/browse/{key}/delete": (PAYLOAD,),
        "/issues/": (PAYLOAD, IMG),
        "/issues/?jql=labels+%3D+%22plain%22": (PAYLOAD,),
        "/secure/BrowseProjects.jspa": (),
        "/secure/CreateIssue.jspa": (),
    }
    for path, shown in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert_escaped(response.get_data(as_text=True), *shown, page=path)


def test_a_hostile_comment_is_escaped_on_its_edit_and_delete_pages(hostile_issue, client):
    login(client)
    for verb in ("edit", "delete"):
        response = client.get(f"/browse/{hostile_issue[0]}/comment/1/{verb}")
        assert response.status_code == 200
        assert_escaped(response.get_data(as_text=True), TEXTAREA_PAYLOAD, page=f"the comment's {verb} page")


def test_a_label_link_searches_for_that_label(hostile_issue, client):
    login(client)
    page = client.get(f"/browse/{hostile_issue[0]}").get_data(as_text=True)
    [link] = [html.unescape(found) for found in re.findall(r'href="(/issues/\?jql=labels[^"]*)"', page)
              if "plain" not in found]

    response = client.get(link)

    assert response.status_code == 200, response.get_data(as_text=True)
    assert f"/browse/{hostile_issue[0]}" in response.get_data(as_text=True)


@pytest.mark.parametrize("name", FILE_NAMES)
def test_a_hostile_file_name_cannot_break_the_download_header(hostile_issue, app, client, name):
    login(client)
    with app.app_context():
        attachment = next(a for a in current_jira().issues.get(hostile_issue[0]).attachments if a.filename == name)
        path = f"/secure/attachment/{attachment.id}/x"

    response = client.get(path)

    assert response.status_code == 200
    header = response.headers["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    plain, encoded = header.removeprefix('attachment; filename="').split("\"; filename*=UTF-8''")
    assert '"' not in plain and ";" not in plain and "\\" not in plain
    assert unquote(encoded) == name
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@HOSTILE
@given(name=st.text(min_size=1))
def test_any_file_name_makes_a_header_that_names_it(name):
    header = content_disposition(name)

    plain, encoded = header.removeprefix('attachment; filename="').split("\"; filename*=UTF-8''")
    assert header.isascii() and header.isprintable()
    assert '"' not in plain and ";" not in plain
    assert unquote(encoded, errors="surrogatepass") == name


def test_a_hostile_file_name_uploaded_through_the_page_is_escaped(app, client):
    login(client)
    with app.app_context():
        jira = current_jira()
        key = jira.issues.create(jira.users.by_username("admin"), issue_fields()).key
    atl_token = token(client, f"/browse/{key}")
    # A browser sends a double quote in a file name as %22; the test client would not escape it.
    name = "<img src=x onerror=alert(1)>semi;colon 'q'.txt"

    response = client.post(f"/browse/{key}/attach", content_type="multipart/form-data",
                           data={"atl_token": atl_token, "file": (io.BytesIO(b"x"), name)})

    assert response.status_code == 303
    assert_escaped(client.get(f"/browse/{key}").get_data(as_text=True), name, page="the issue page")


@HOSTILE
@given(value=st.sampled_from([PAYLOAD, TEXTAREA_PAYLOAD, SCRIPT + "\n" + IMG, "'\"&\u202e\U0001f600"]))
def test_values_typed_into_the_issue_forms_come_back_escaped(app, client, value):
    login(client)
    atl_token = token(client, "/secure/CreateIssue.jspa")
    refused = client.post("/secure/CreateIssue.jspa", data={
        "atl_token": atl_token, "project": value, "issuetype": value, "summary": value + "\n", "description": value,
        "priority": value, "labels": value, "assignee": value})
    searched = client.get("/issues/", query_string={"jql": value})
    commented = client.post("/browse/DEMO-999/comment", data={"atl_token": atl_token, "comment": value})

    assert refused.status_code == 400 and searched.status_code == 400 and commented.status_code == 404
    assert_escaped(refused.get_data(as_text=True), value, page="the create form")
    assert_escaped(searched.get_data(as_text=True), value, page="the navigator")
    assert_escaped(commented.get_data(as_text=True), page="a comment on no issue")


@HOSTILE
@given(path=hs.path_segments, query=hs.query_values)
def test_issue_page_paths_and_queries(client, path, query):
    """Anything in an issue page's path or query string: never a 5xx, never reflected as markup."""
    login(client)
    segment = hs.quoted(path + PAYLOAD)
    for url in (f"/browse/{segment}", f"/browse/{hs.quoted(path)}/edit", f"/browse/{segment}/comment/{segment}/edit",
                f"/secure/attachment/{hs.quoted(path)}/{segment}", f"/issues/?jql={quote(query)}",
                f"/issues/?startIndex={quote(query)}", f"/secure/CreateIssue.jspa?pid={quote(query + PAYLOAD)}"):
        response = client.get(url)
        assert response.status_code < 500, f"{url[:200]}: HTTP {response.status_code}"
        assert_escaped(response.get_data(as_text=True), page=url[:200])
