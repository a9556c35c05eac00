"""The Jira shell around the Exalate pages: Manage apps, the admin navigation built from the
plugin descriptor, and self-contained static files."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from flask import Flask

from plugin import admin
from plugin.descriptor import load_descriptor

DESCRIPTOR = load_descriptor()
DESCRIPTOR_TEXT = resources.files("plugin").joinpath("atlassian-plugin.yml").read_text(encoding="utf-8")


def test_manage_apps_lists_the_app_with_its_configure_link(browser):
    response = browser.get("/plugins/servlet/upm")

    assert response.status_code == 200
    assert "Manage apps" in response.text
    for detail in (DESCRIPTOR.version, DESCRIPTOR.vendor, DESCRIPTOR.description, DESCRIPTOR.key):
        assert detail in response.text
    assert "Exalate Jira Issue Sync &amp; more" in response.text
    assert f'<a class="aui-button" href="{DESCRIPTOR.configure_url}">Configure</a>' in response.text


def test_configure_link_opens_a_page(browser):
    assert browser.get(DESCRIPTOR.configure_url).status_code == 200


def test_navigation_shows_the_descriptor_sections_in_order(browser):
    response = browser.get("connections")

    section = DESCRIPTOR.admin_sections[0]
    assert f"<strong>{section.label}</strong>" in response.text
    links = re.findall(r'<a id="([^"]+)" href="([^"]+)"[^>]*>([^<]+)</a>', response.text)
    exalate_links = [link for link in links if link[0] in {item.key for item in section.items}]
    assert exalate_links == [(item.key, item.link, item.label) for item in section.items]
    assert [label for _, _, label in exalate_links] == ["General Settings", "Connections", "Triggers",
                                                        "Errors", "Sync Queue", "Entity Sync Status",
                                                        "Bulk Connect", "Clean-up Tools", "License details"]


@pytest.mark.parametrize("item", DESCRIPTOR.web_items, ids=lambda item: item.key)
def test_each_menu_item_opens_and_is_marked_current(browser, item):
    response = browser.get(item.link)

    assert response.status_code == 200
    assert f'<a id="{item.key}" href="{item.link}" aria-current="page">' in response.text
    assert response.text.count('aria-current="page"') == 1


def test_pages_below_an_item_mark_that_item(browser):
    response = browser.get("connections/initiate")

    current = '<a id="exalate-connections" href="/plugins/servlet/exalate/connections" aria-current="page">'
    assert current in response.text


def test_the_apps_admin_tab_is_selected(browser):
    response = browser.get("license")

    selected_tab = '<li class="aui-nav-selected"><a href="/plugins/servlet/upm" aria-current="true">Apps</a></li>'
    assert selected_tab in response.text
    assert "Settings</a>" in response.text


def test_pages_are_mounted_where_the_descriptor_says():
    app = Flask("mount-test")

    admin.register(app, load_descriptor(DESCRIPTOR_TEXT.replace("url-pattern: /exalate", "url-pattern: /sync")))

    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert "/plugins/servlet/sync/connections" in rules
    assert "/plugins/servlet/sync/connections/initiate" in rules
    assert not any(rule.startswith("/plugins/servlet/exalate") for rule in rules)


def test_stylesheet_and_script_are_served_by_the_app(browser):
    markup = browser.get("connections").text

    assert '<link rel="stylesheet" href="/static/aui.css">' in markup
    assert '<script src="/static/exalate.js" defer></script>' in markup
    assert not re.search(r'(src|href)="(https?:)?//', markup)  # nothing fetched from elsewhere
    for name in ("aui.css", "exalate.js"):
        response = browser.get(f"/static/{name}")
        assert response.status_code == 200
        assert b"http" not in response.data


def test_unknown_page_under_the_mount_is_not_found(browser):
    assert browser.get("no-such-page").status_code == 404


def test_stylesheet_adapts_to_narrow_screens(browser):
    css = browser.get("/static/aui.css").text

    assert "@media (max-width: 900px)" in css


INLINE_CODE = re.compile(r"<script(?![^>]*\ssrc=)|<style|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_pages_have_no_inline_script_or_style_for_the_policy_to_block(browser, make_connection):
    connection = make_connection()
    paths = ["/login.jsp", "/plugins/servlet/upm", "connections", "connections/initiate", "connections/accept",
             f"connections/{connection}", f"connections/{connection}/initiated", f"connections/{connection}/delete",
             "general-settings", "license"]

    for path in paths:
        markup = browser.get(path).text
        assert not INLINE_CODE.search(markup), (path, INLINE_CODE.search(markup))
