"""The server-rendered pages: the Exalate admin servlet (mounted where the plugin descriptor
says) and the Jira pages around it (login, logout, Manage apps).

Views parse the form, call the domain and render a Jinja2 template in the AUI look; they
never touch the database. Pages are in ``plugin/templates``, CSS and JS in ``plugin/static``.

Each module's ``register`` lists its routes: ``jira`` (login, logout, Manage apps), ``settings``
(General Settings, License), ``connections`` (the list and one connection's page), ``wizards``
(Initiate connection, Accept invitation)."""

from __future__ import annotations

from flask import Blueprint, Flask

from ..descriptor import Descriptor
from . import connections, jira, pages, settings, wizards


def register(app: Flask, descriptor: Descriptor) -> None:
    jira_pages = Blueprint("jira_pages", __name__)
    exalate = Blueprint("exalate", __name__, url_prefix=descriptor.servlet_mount)
    for blueprint in (jira_pages, exalate):
        pages.protect(blueprint)
    jira.register(jira_pages)
    for module in (settings, connections, wizards):
        module.register(exalate)
    app.add_template_filter(pages.jira_datetime)
    app.register_blueprint(jira_pages)
    app.register_blueprint(exalate)
