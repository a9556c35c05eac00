"""The Bulk Connect page (choose a connection, paste ``LOCAL,REMOTE`` lines, see a result per line) and the
Clean-up Tools page (choose a connection, see how many issues are under sync with it, confirm, see the count
unexalated)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, flash, redirect, request, url_for

from ..errors import DomainError
from ..web import exalate
from .pages import connection_choices, render_failure, render_form

BULK_CONNECT = "admin/bulk_connect.html"
CLEAN_UP = "admin/clean_up.html"
FIELDS = ("connection", "pairs")
MALFORMED = "Malformed line: write the local issue key, a comma and the remote issue key (LOCAL,REMOTE)."


@dataclass(frozen=True)
class LineResult:
    line: int
    local_issue_key: str
    remote_issue_key: str
    connected: bool
    message: str | None


def parse_lines(text: str) -> tuple[list[tuple[int, str, str]], list[LineResult]]:
    """The pairs of the pasted text with their line numbers (blank lines ignored, whitespace trimmed), and a
    failed result for each line that is not ``LOCAL,REMOTE``."""
    pairs, malformed = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(",")]
        if len(parts) != 2:
            malformed.append(LineResult(number, line.strip(), "", False, MALFORMED))
        else:
            pairs.append((number, parts[0], parts[1]))
    return pairs, malformed


def show_bulk_connect():
    return _bulk_connect_page({"connection": request.args.get("connection", ""), "pairs": ""})


def bulk_connect():
    typed = {"connection": request.form.get("connection", ""), "pairs": request.form.get("pairs", "")}
    pairs, results = parse_lines(typed["pairs"])
    if pairs or not results:
        try:
            done = exalate().sync.bulk_connect(typed["connection"], [(local, remote) for _, local, remote in pairs])
        except DomainError as error:
            return _bulk_connect_page(typed, error=error)
        results += [LineResult(line, r.local_issue_key, r.remote_issue_key, r.connected, r.message)
                    for (line, _, _), r in zip(pairs, done.results, strict=True)]
    results.sort(key=lambda result: result.line)
    return _bulk_connect_page(typed, results=results)


def _bulk_connect_page(form: dict, *, results=None, error: DomainError | None = None):
    context = {"form": form, "results": results, "connections": connection_choices()}
    if error is not None:
        return render_failure(BULK_CONNECT, error, FIELDS, **context)
    return render_form(BULK_CONNECT, **context)


def show_clean_up():
    chosen = request.args.get("connection", "")
    form, count = {"connection": chosen}, None
    connections = connection_choices()
    if chosen:
        try:
            count = exalate().sync.under_sync(chosen)
        except DomainError as error:
            return render_failure(CLEAN_UP, error, ("connection",), form=form, connections=connections)
    return render_form(CLEAN_UP, form=form, count=count, connections=connections,
                       connection=dict(connections).get(chosen))


def clean_up():
    chosen = request.form.get("connection", "")
    try:
        count = exalate().sync.clean_up(chosen)
    except DomainError as error:
        return render_failure(CLEAN_UP, error, ("connection",), form={"connection": chosen},
                              connections=connection_choices())
    flash(f"Clean-up: {count} {'issue' if count == 1 else 'issues'} unexalated.", "success")
    return redirect(url_for(".clean_up_tools", connection=chosen), 303)


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    rule("/bulk-connect", "bulk_connect_page", show_bulk_connect, methods=["GET"])
    rule("/bulk-connect", "bulk_connect", bulk_connect, methods=["POST"])
    rule("/clean-up", "clean_up_tools", show_clean_up, methods=["GET"])
    rule("/clean-up", "clean_up", clean_up, methods=["POST"])
