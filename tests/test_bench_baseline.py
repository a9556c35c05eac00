"""The bench's bare Flask-SQLAlchemy baseline (``bench/bare_app.py``) is an equivalent of the emulator's hot
issue reads, not a lighter task: seeded alike, both answer an issue by key and a first page of JQL search
with the same JSON, byte for byte once parsed. Its reduced search answers the same issues, in less."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from sqlalchemy import text

from bench import bare_app, seed
from bench.issues import SEARCH_JQL
from bench.limit import AUTHORIZATION
from plugin import create_app
from plugin.db import utcnow

BASE_URL = "http://localhost"
QUERY = "?" + urlencode({"jql": SEARCH_JQL, "maxResults": 50})
HEADERS = {"Authorization": AUTHORIZATION}
COMMENT = ("INSERT INTO comments (id, issue_id, author_id, body, created, updated) "
           "VALUES (7, 1, 1, 'Looked at', '2026-01-02 03:04:05.000000', '2026-01-02 03:04:06.000000')")


@pytest.fixture(scope="module")
def clients(tmp_path_factory):
    folder = tmp_path_factory.mktemp("baseline")
    now = utcnow()  # both seeded with the same times, however long seeding takes
    seed.seed_emulator(folder, BASE_URL, 5, 300, now=now)
    seed.seed_bare(folder / "bare.db", BASE_URL, 5, 300, now=now)
    emulator = create_app({"SQLALCHEMY_DATABASE_URI": seed.sqlite_url(seed.emulator_database(folder)),
                           "BASE_URL": BASE_URL, "SYNC_WORKER": False, "TESTING": True})
    bare = bare_app.create_bare_app(seed.sqlite_url(folder / "bare.db"))
    for app in (emulator, bare):  # the same comment on DEMO-1 in both
        with app.app_context():
            engine = app.extensions["sqlalchemy"].engine
            with engine.begin() as connection:
                connection.execute(text(COMMENT))
    yield emulator.test_client(), bare.test_client()
    for app in (emulator, bare):
        with app.app_context():
            app.extensions["sqlalchemy"].engine.dispose()


@pytest.mark.parametrize("path", ["/rest/api/2/search" + QUERY, "/rest/api/2/issue/DEMO-1",
                                  "/rest/api/2/issue/SUP-7"])
def test_the_baseline_answers_what_the_emulator_answers(clients, path):
    emulator, bare = clients
    ours, theirs = emulator.get(path, headers=HEADERS), bare.get(path, headers=HEADERS)
    assert ours.status_code == theirs.status_code == 200
    assert ours.get_json() == theirs.get_json()
    if path.endswith("DEMO-1"):
        assert ours.get_json()["fields"]["comment"]["comments"][0]["body"] == "Looked at"


def test_a_search_answers_a_full_page_of_jira_issues(clients):
    answer = clients[0].get("/rest/api/2/search" + QUERY, headers=HEADERS).get_json()
    assert answer["total"] == 30 and len(answer["issues"]) == 30  # labels = x on one issue in ten, all in DEMO
    assert answer["issues"][0]["fields"]["project"]["key"] == "DEMO"
    assert answer["issues"][0]["fields"]["status"]["statusCategory"]["key"] == "new"


def test_the_reduced_search_is_the_same_page_in_less(clients):
    emulator, bare = clients
    full = emulator.get("/rest/api/2/search" + QUERY, headers=HEADERS)
    reduced = bare.get("/rest/api/2/search/reduced" + QUERY, headers=HEADERS)
    assert [issue["key"] for issue in reduced.get_json()["issues"]] == \
        [issue["key"] for issue in full.get_json()["issues"]]
    assert len(reduced.data) < len(full.data) / 2
