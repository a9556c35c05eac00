"""The descriptor is the spec: every declared menu item and REST resource has a route, and
every route under the REST module is declared."""

from __future__ import annotations

import re

from werkzeug.exceptions import MethodNotAllowed, NotFound

from plugin.descriptor import load_descriptor


def _rest_routes(app, prefix):
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(prefix + "/"):
            routes.add(re.sub(r"<(?:[^:>]+:)?[^>]+>", "{id}", rule.rule[len(prefix):]))
    return routes


def test_descriptor_declares_the_exalate_menu():
    descriptor = load_descriptor()
    [section] = descriptor.admin_sections
    assert section.label == "EXALATE"
    assert [item.label for item in section.items] == ["General Settings", "Connections", "Triggers", "Errors",
                                                      "Sync Queue", "Entity Sync Status", "Bulk Connect",
                                                      "Clean-up Tools", "License details"]
    assert descriptor.servlet_mount == "/plugins/servlet/exalate"
    assert descriptor.rest_prefix == "/rest/issuehub/4.0"


def test_every_declared_web_item_has_a_page(app):
    adapter = app.url_map.bind("localhost")
    for item in load_descriptor().web_items:
        endpoint, _ = adapter.match(item.link, method="GET")
        assert endpoint, item.link


def test_configure_url_has_a_page(app):
    adapter = app.url_map.bind("localhost")
    assert adapter.match(load_descriptor().configure_url, method="GET")


def test_rest_routes_and_declared_resources_are_the_same(app):
    descriptor = load_descriptor()
    assert _rest_routes(app, descriptor.rest_prefix) == set(descriptor.rest_resources)


def test_an_undeclared_menu_entry_is_detected(app):
    adapter = app.url_map.bind("localhost")
    try:
        adapter.match("/plugins/servlet/exalate/no-such-page", method="GET")
    except (NotFound, MethodNotAllowed):
        return
    raise AssertionError("an unknown page path matched a route")


def test_a_section_without_items_is_hidden():
    text = """
key: k
name: n
plugin-info: {version: "1", vendor: {name: v}}
web-sections:
  - {key: empty, location: admin_plugins_menu, label: EMPTY}
web-items: []
servlets: [{key: s, url-pattern: /x}]
rest: [{key: r, path: /p, version: "1.0"}]
"""
    assert load_descriptor(text).admin_sections == ()
