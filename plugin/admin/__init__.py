"""The server-rendered pages: the Exalate admin servlet (mounted where the plugin descriptor
says) and the Jira pages around it (login, logout, Manage apps).

Views parse the form, call the domain and render a Jinja2 template in the AUI look; they
never touch the database. Pages are in ``plugin/templates``, CSS and JS in ``plugin/static``.

Each module's ``register`` lists its routes: ``jira`` (login, logout, Manage apps), ``settings``
(General Settings, License), ``connections`` (the list and one connection's page), ``triggers`` (the
Triggers page and its forms), ``sync_monitor`` (Errors, Sync Queue), ``entity_sync`` (Entity Sync
Status), ``bulk`` (Bulk Connect, Clean-up Tools), ``visual`` (a Visual connection's configuration),
``wizards`` (Initiate connection, Accept invitation); and
Jira's issue pages, open to every user: ``issues`` (the issue, Edit, Delete, Create; its *More* menu is
``issue_menu``'s registry, to which ``issue_sync`` adds the Exalate operations, under the servlet, and
the Exalate panel), ``issue_activity`` (comments, attachments), ``navigator`` (the issue
navigator, the projects)."""

from __future__ import annotations

from flask import Blueprint, Flask

from ..descriptor import Descriptor
from . import (
    bulk,
    connections,
    entity_sync,
    issue_activity,
    issue_sync,
    issues,
    jira,
    navigator,
    pages,
    settings,
    sync_monitor,
    triggers,
    visual,
    wizards,
)


def register(app: Flask, descriptor: Descriptor) -> None:
    jira_pages = Blueprint("jira_pages", __name__)
    exalate = Blueprint("exalate", __name__, url_prefix=descriptor.servlet_mount)
    issue_pages = Blueprint(pages.ISSUE_PAGES, __name__)
    for blueprint in (jira_pages, exalate):
        pages.protect(blueprint)
    pages.protect(issue_pages, administrators_only=False)
    jira.register(jira_pages)
    for module in (settings, connections, visual, triggers, sync_monitor, entity_sync, bulk, wizards, issue_sync):
        module.register(exalate)
    for module in (issues, issue_activity, navigator):
        module.register(issue_pages)
    issues.register_operations(app)
    issue_sync.register_operations(app)
    app.add_template_filter(pages.jira_datetime)
    app.add_template_filter(issue_activity.file_size)
    app.add_template_filter(navigator.jql_string)
    for blueprint in (jira_pages, exalate, issue_pages):
        app.register_blueprint(blueprint)
