"""Fixtures for the issue page tests: clients logged in through the login page as the
administrator or as the user who is not one, each with its form token; issues made through the
domain for the pages to show."""

from __future__ import annotations

import pytest
from factories import issue_fields

from plugin.web import jira as current_jira

from .pagetools import PageClient


@pytest.fixture
def admin_pages(app):
    return PageClient.logged_in(app.test_client(), "admin")


@pytest.fixture
def user_pages(app):
    return PageClient.logged_in(app.test_client(), "user")


@pytest.fixture
def make_issue(app):
    """An issue created through the domain by ``reporter`` (admin by default); returns its key."""

    def make(reporter: str = "admin", **fields) -> str:
        with app.app_context():
            jira = current_jira()
            return jira.issues.create(jira.users.by_username(reporter), issue_fields(**fields)).key

    return make


@pytest.fixture
def in_jira(app):
    """Run a domain call in an application context: ``in_jira(lambda jira: jira.issues.get(key).summary)``."""

    def run(call):
        with app.app_context():
            return call(current_jira())

    return run


@pytest.fixture
def make_issue_in():
    """An issue on another app (``make_app(…)``), and the administrator's pages there."""

    def make(other) -> tuple[PageClient, str]:
        with other.app_context():
            jira = current_jira()
            key = jira.issues.create(jira.users.by_username("admin"), issue_fields()).key
        return PageClient.logged_in(other.test_client(), "admin"), key

    return make
