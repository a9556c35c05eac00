"""The instance as a whole: what a later start on the same database keeps, and each instance's
own secret key."""

from __future__ import annotations

from factories import committed, initiate, test_config

from plugin import create_app
from plugin.models import db


def test_seeding_again_changes_nothing(backend):
    before = committed("SELECT * FROM instance"), committed("SELECT * FROM users")
    backend.ensure_seeded(admin_password="other")
    assert (committed("SELECT * FROM instance"), committed("SELECT * FROM users")) == before


def test_a_second_start_on_the_same_database_keeps_everything(tmp_path):
    url = f"sqlite:///{tmp_path / 'exalate.db'}"
    first = create_app(test_config(SQLALCHEMY_DATABASE_URI=url))
    with first.app_context():
        backend = first.extensions["exalate"]
        backend.update_settings(exalate_url="https://jira.example.com", public=False)
        backend.update_license(type="FREE")
        backend.create_project(key="OPS", name="Operations")
        backend.update_settings(public=True)
        initiate(backend, mode="BASIC")
        db.session.remove()

    second = create_app(test_config(SQLALCHEMY_DATABASE_URI=url, BASE_URL="http://other.test:2990"))
    assert second.secret_key == first.secret_key
    with second.app_context():
        backend = second.extensions["exalate"]
        assert backend.get_settings().exalate_url == "https://jira.example.com"
        assert backend.get_license().type == "FREE"
        assert committed("SELECT count(*) FROM users") == [(2,)]
        assert committed("SELECT key FROM projects ORDER BY key") == [("DEMO",), ("OPS",), ("SUP",)]
        assert committed("SELECT name, mode FROM connections") == [("JiraA_to_JiraB", "BASIC")]


def test_two_instances_have_different_secrets(app, make_app):
    assert make_app("other").secret_key != app.secret_key
