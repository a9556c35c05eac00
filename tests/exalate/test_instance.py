"""The instance as a whole: what a later start on the same database keeps, and each instance's
own secret key."""

from __future__ import annotations

from factories import committed, initiate, instance_config

from plugin import create_app, seed
from plugin.db import db


def test_seeding_again_changes_nothing(exalate, jira):
    before = committed("SELECT * FROM instance"), committed("SELECT * FROM users")
    seed(jira, exalate, admin_password="other")
    assert (committed("SELECT * FROM instance"), committed("SELECT * FROM users")) == before


def test_a_second_start_on_the_same_database_keeps_everything(tmp_path):
    url = f"sqlite:///{tmp_path / 'exalate.db'}"
    first = create_app(instance_config(SQLALCHEMY_DATABASE_URI=url))
    with first.app_context():
        exalate, jira = first.extensions["exalate"], first.extensions["jira"]
        exalate.settings.update(exalate_url="https://jira.example.com", public=False)
        exalate.licenses.update(type="FREE")
        jira.projects.create(key="OPS", name="Operations")
        exalate.settings.update(public=True)
        initiate(exalate, mode="BASIC")
        db.session.remove()

    second = create_app(instance_config(SQLALCHEMY_DATABASE_URI=url, BASE_URL="http://other.test:2990"))
    assert second.secret_key == first.secret_key
    with second.app_context():
        exalate, jira = second.extensions["exalate"], second.extensions["jira"]
        assert exalate.settings.get().exalate_url == "https://jira.example.com"
        assert exalate.licenses.get().type == "FREE"
        assert committed("SELECT count(*) FROM users") == [(2,)]
        assert committed("SELECT key FROM projects ORDER BY key") == [("DEMO",), ("OPS",), ("SUP",)]
        assert committed("SELECT name, mode FROM connections") == [("JiraA_to_JiraB", "BASIC")]


def test_two_instances_have_different_secrets(app, make_app):
    assert make_app("other").secret_key != app.secret_key
