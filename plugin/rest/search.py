"""``GET``/``POST /rest/api/2/search``: JQL, a page at a time (``startAt``, ``maxResults``, ``total``)."""

from __future__ import annotations

from flask import Blueprint, request

from .. import auth
from ..fields import MAX_PAGE
from .errors import json_body, query_args
from .issue_json import issue_json, selected_fields, split_list
from .issues import register_routes
from .schemas import SearchInput


def search():
    user = auth.require_user()
    args = json_body(SearchInput()) if request.method == "POST" else query_args(SearchInput())
    from ..jira import jql  # the JQL engine

    max_results = min(args["max_results"], MAX_PAGE)
    fields = split_list(args["field_list"] if request.method == "POST" else request.args.getlist("fields"))
    expand = split_list(args["expand"] if request.method == "POST" else request.args.getlist("expand"))
    wanted = selected_fields(fields, searched=True)
    result = jql.search_views(args["jql"], current_username=user.username, start_at=args["start_at"],
                              max_results=max_results, fields=wanted)
    shared = {}  # the page's issues share their statuses, projects, people: each answered once
    return {"expand": "schema,names", "startAt": args["start_at"], "maxResults": max_results,
            "total": result.total, "issues": [issue_json(issue, wanted, expand, shared) for issue in result.issues]}


def register(blueprint: Blueprint) -> None:
    register_routes(blueprint, (("/search", search, "GET"), ("/search", search, "POST")))
