"""The issue navigator (``/issues/?jql=…``: a JQL box, the matching issues 50 to a page, the JQL
error beside the box in the parser's words) and the projects list (``/secure/BrowseProjects.jspa``),
each project linking to its issues in the navigator."""

from __future__ import annotations

from flask import Blueprint, request, url_for

from .. import auth
from ..errors import ValidationFailed
from ..jira import jql
from ..web import jira
from .pages import render_form, render_page

PAGE_SIZE = 50  # the navigator's page, as Jira's


def navigator():
    user = auth.require_user()
    query = request.args.get("jql", "")
    start = _start_index(request.args.get("startIndex", ""))
    try:
        result = jql.search(query, current_username=user.username, start_at=start, max_results=PAGE_SIZE)
    except ValidationFailed as error:
        return render_form("issues/navigator.html", errors={"jql": str(error)}, form={"jql": query},
                           result=None, pages=None)
    return render_form("issues/navigator.html", form={"jql": query}, result=result,
                       pages=_pages(query, start, result.total, len(result.issues)))


def _start_index(text: str) -> int:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else 0


def _pages(query: str, start: int, total: int, shown: int) -> dict:
    """What the pager shows: ``first``–``last`` of ``total``, and the previous and next pages' links."""

    def link(index: int) -> str:
        return url_for(".navigator", jql=query or None, startIndex=index or None)

    return {
        "first": start + 1 if shown else 0,
        "last": start + shown,
        "total": total,
        "previous": link(max(start - PAGE_SIZE, 0)) if start > 0 else None,
        "next": link(start + PAGE_SIZE) if start + PAGE_SIZE < total else None,
    }


def jql_string(value: str) -> str:
    """``value`` as a quoted JQL string, for links that search for it."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def projects():
    auth.require_user()
    return render_page("issues/projects.html", projects=jira().projects.list())


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    rule("/issues/", "navigator", navigator, methods=["GET"])
    rule("/secure/BrowseProjects.jspa", "projects", projects, methods=["GET"])
