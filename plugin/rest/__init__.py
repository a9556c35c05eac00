"""The plugin's REST resources under the descriptor's REST prefix and the Jira core resources
the plugin relies on. Resources parse the request, call the domain and serialise the answer."""

from __future__ import annotations

from flask import Blueprint, Flask


def register(app: Flask, prefix: str) -> None:
    # Imported here, not above: the schemas are imported without the resources (plugin.web
    # reads their wire names, and the resources import plugin.web).
    from . import (
        connections,
        errors,
        issues,
        jira,
        lookups,
        monitor,
        node,
        openapi,
        search,
        settings,
        sync,
        triggers,
        visual,
    )

    blueprint = Blueprint("rest", __name__, url_prefix=prefix)
    blueprint.before_request(errors.guard_request)
    for module in (node, settings, connections, sync, triggers, visual, monitor, openapi):
        module.register(blueprint)
    app.register_blueprint(blueprint)
    core = Blueprint("jira_rest", __name__, url_prefix="/rest")
    core.before_request(errors.check_xsrf_header)
    for module in (jira, issues, lookups, search):
        module.register(core)
    app.register_blueprint(core)
    errors.register_handlers(app)
