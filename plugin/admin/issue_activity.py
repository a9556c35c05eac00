"""What people add to an issue from its page: comments (add; edit and delete for their author or
an administrator, each with its own page) and attachments (upload, up to ``ATTACHMENT_MAX_BYTES``,
and download with a ``Content-Disposition`` that no file name can break)."""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import Blueprint, Response, current_app, flash, redirect, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from .. import auth
from ..errors import DomainError, PermissionDenied, ValidationFailed
from ..jira.comments import may_change
from ..jira.models import Comment, Issue
from ..web import jira
from .issues import issue_or_404, issue_page
from .pages import render_form, render_http_error, render_page

ATTACH_ENDPOINT = "issue_pages.attach"
# What a file name may keep in the plain ``filename=`` of Content-Disposition; the rest becomes
# "_" there, and the whole name travels percent-encoded in ``filename*`` (RFC 6266).
UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9._ ()\[\]+-]")
# A stored mime type is served only if it looks like one: it came from the uploader.
MIME_TYPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$")


def add_comment(key: str):
    issue = issue_or_404(key)
    body = request.form.get("comment", "")
    try:
        jira().comments.add(auth.require_user(), issue, body)
    except ValidationFailed as error:
        return issue_page(issue, errors=error.field_errors, form={"comment": body})
    return redirect(url_for(".browse", key=issue.key), 303)


def edit_comment(key: str, comment_id: str):
    issue, comment = _comment(key, comment_id, "edit")
    if request.method == "GET":
        return _comment_page(issue, comment, {"comment": comment.body})
    body = request.form.get("comment", "")
    try:
        jira().comments.edit(auth.require_user(), comment, body)
    except ValidationFailed as error:
        return _comment_page(issue, comment, {"comment": body}, error.field_errors)
    return redirect(url_for(".browse", key=issue.key), 303)


def _comment_page(issue: Issue, comment: Comment, form: dict, errors: dict | None = None):
    return render_form("issues/comment_edit.html", errors=errors, issue=issue, comment=comment, form=form)


def delete_comment(key: str, comment_id: str):
    issue, comment = _comment(key, comment_id, "delete")
    if request.method == "GET":
        return render_page("issues/comment_delete.html", issue=issue, comment=comment)
    jira().comments.delete(auth.require_user(), comment)
    flash("The comment has been deleted.", "success")
    return redirect(url_for(".browse", key=issue.key), 303)


def _comment(key: str, comment_id: str, verb: str) -> tuple[Issue, Comment]:
    """The issue and its comment, if this user may ``verb`` it (its author or an administrator)."""
    issue = issue_or_404(key)
    comment = jira().comments.get(issue, comment_id)
    if not may_change(auth.require_user(), comment):
        raise PermissionDenied(f"You do not have the permission to {verb} this comment.")
    return issue, comment


def attach(key: str):
    """Multipart, the files in parts named ``file``, as the REST upload takes them."""
    issue = issue_or_404(key)
    files = [(part.filename, part.mimetype or None, part.read())
             for part in request.files.getlist("file") if part.filename]
    if not files:
        return issue_page(issue, errors={"file": "Select a file to attach."})
    try:
        jira().attachments.add(auth.require_user(), issue, files)
    except ValidationFailed as error:
        return issue_page(issue, errors={"file": str(error)})
    return redirect(url_for(".browse", key=issue.key), 303)


def too_large(error: RequestEntityTooLarge):
    """An upload over the limit, refused from its declared length before it was read: the issue
    page with the reason beside the file field (other forms are never that large)."""
    try:
        issue = jira().issues.get(request.view_args["key"]) if request.endpoint == ATTACH_ENDPOINT else None
        user = auth.current_user()
    except DomainError:  # refused before anyone was asked to log in: no issue page to show yet
        issue = user = None
    if issue is None or user is None:
        return render_http_error(error)
    limit = current_app.config["ATTACHMENT_MAX_BYTES"]
    message = f"The file is too large to attach. Attachments may be up to {file_size(limit)}."
    return issue_page(issue, status=413, errors={"file": message})


def download(attachment_id: str, filename: str):
    """The attachment's content, always as a download (never shown as a page of this site)."""
    auth.require_user()
    attachment = jira().attachments.get(attachment_id)
    mime_type = attachment.mime_type if MIME_TYPE.match(attachment.mime_type) else "application/octet-stream"
    response = Response(attachment.content, mimetype=mime_type)
    response.headers["Content-Disposition"] = content_disposition(attachment.filename)
    return response


def content_disposition(filename: str) -> str:
    plain = UNSAFE_IN_FILENAME.sub("_", filename)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


def file_size(size: int) -> str:
    """A size as Jira writes it: ``512 B``, ``1.5 kB``, ``10.0 MB`` (binary multiples)."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} kB"
    return f"{size / (1024 * 1024):.1f} MB"


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    rule("/browse/<key>/comment", "add_comment", add_comment, methods=["POST"])
    rule("/browse/<key>/comment/<comment_id>/edit", "edit_comment", edit_comment, methods=["GET", "POST"])
    rule("/browse/<key>/comment/<comment_id>/delete", "delete_comment", delete_comment, methods=["GET", "POST"])
    rule("/browse/<key>/attach", "attach", attach, methods=["POST"])
    rule("/secure/attachment/<attachment_id>/<path:filename>", "download", download, methods=["GET"])
    blueprint.register_error_handler(RequestEntityTooLarge, too_large)
