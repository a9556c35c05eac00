"""Jira's issue pages: the issue (``/browse/KEY``) with its transitions as buttons and its *More*
menu (Edit, Delete, and whatever other packages add: ``issue_menu``), the Edit form, the Delete
confirmation and the create form (``/secure/CreateIssue.jspa``). Comments and attachments on the
issue page are ``issue_activity``'s; the navigator and the projects list, ``navigator``'s.

Form fields are named as the REST body's ``fields`` (``summary``, ``issuetype``, ``priority``…),
so the domain's error about a field lands beside it."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, url_for

from .. import auth
from ..errors import NotFound, PermissionDenied, ValidationFailed
from ..jira.comments import may_change
from ..jira.issues import may_edit
from ..jira.models import Issue, User
from ..web import jira
from .issue_menu import IssueOperation, issue_operations, rendered
from .pages import project_choices, render_failure, render_form, render_page

EDIT_FIELDS = ("summary", "description", "priority", "labels", "assignee")
CREATE_FIELDS = ("project", "issuetype", *EDIT_FIELDS)
ISSUE_MISSING_TITLE = "Issue does not exist"
ISSUE_MISSING = "The issue you are trying to view does not exist."


def issue_or_404(key: str) -> Issue:
    try:
        return jira().issues.get(key)
    except NotFound:
        raise NotFound(ISSUE_MISSING) from None


def browse(key: str):
    try:
        issue = jira().issues.get(key)
    except NotFound:
        return render_page("error.html", 404, title=ISSUE_MISSING_TITLE, message=ISSUE_MISSING)
    if key != issue.key:  # a lower-case key, as people type it: the issue's own address
        return redirect(url_for(".browse", key=issue.key), 301)
    return issue_page(issue)


def issue_page(issue: Issue, *, status: int | None = None, errors: dict | None = None, form: dict | None = None):
    """The issue page, with errors beside the comment or attachment field when one was refused."""
    user = auth.require_user()
    comments = [(comment, may_change(user, comment)) for comment in jira().comments.list(issue)]
    return render_form("issues/view.html", errors=errors, status=status, issue=issue, form=form or {},
                       comments=comments, transitions=jira().issues.transitions(issue),
                       operations=issue_operations(current_app).for_issue(user, issue),
                       panels=rendered(current_app, user, issue))


def transition(key: str):
    issue = issue_or_404(key)
    try:
        jira().issues.transition(auth.require_user(), issue, request.form.get("transition", ""))
    except ValidationFailed as error:
        return issue_page(issue, status=400, errors={"transition": str(error)})
    return redirect(url_for(".browse", key=issue.key), 303)


def editable(key: str, verb: str) -> tuple[Issue, User]:
    """The issue and the user, if the user may ``verb`` it (its reporter, its assignee or an
    administrator): the forms are refused as the domain would refuse what they send."""
    issue = issue_or_404(key)
    user = auth.require_user()
    if not may_edit(user, issue):
        raise PermissionDenied(f"You do not have permission to {verb} issues in this project.")
    return issue, user


def edit(key: str):
    issue, user = editable(key, "edit")
    if request.method == "GET":
        return _edit_page(issue, {"summary": issue.summary, "description": issue.description or "",
                                  "priority": str(issue.priority_id or ""), "labels": " ".join(issue.labels),
                                  "assignee": issue.assignee.username if issue.assignee else ""})
    typed = typed_fields(EDIT_FIELDS)
    try:
        jira().issues.edit(user, issue, field_values(typed))
    except ValidationFailed as error:
        return _edit_page(issue, typed, error)
    flash(f"{issue.key} has been updated.", "success")
    return redirect(url_for(".browse", key=issue.key), 303)


def _edit_page(issue: Issue, form: dict, error: ValidationFailed | None = None):
    return _form_page("issues/edit.html", EDIT_FIELDS, error, issue=issue, form=form)


def delete(key: str):
    issue, user = editable(key, "delete")
    if request.method == "GET":
        return render_page("issues/delete.html", issue=issue)
    deleted = issue.key
    jira().issues.delete(user, issue)
    flash(f"{deleted} has been deleted.", "success")
    return redirect(url_for(".navigator"), 303)


def create():
    user = auth.require_user()
    if request.method == "GET":
        project = request.args.get("pid", "")
        return _create_page({"project": project, "issuetype": _default_type(), "priority": _default_priority()})
    typed = typed_fields(CREATE_FIELDS)
    try:
        issue = jira().issues.create(user, field_values(typed))
    except ValidationFailed as error:
        return _create_page(typed, error)
    flash(f"Issue {issue.key} - {issue.summary} has been successfully created.", "success")
    return redirect(url_for(".browse", key=issue.key), 303)


def _create_page(form: dict, error: ValidationFailed | None = None):
    projects = project_choices(jira().projects.list())
    return _form_page("issues/create.html", CREATE_FIELDS, error, form=form, projects=projects)


def _form_page(template: str, fields: tuple[str, ...], error: ValidationFailed | None, **context):
    """An issue form with its choices, and each of the domain's errors beside its field."""
    context.update(choices())
    if error is not None:
        return render_failure(template, error, fields, **context)
    return render_form(template, **context)


def choices() -> dict:
    """The options of the issue forms' selects, as ``(value, text)``. Sub-tasks are created from
    their parent, as in Jira, so the create form does not offer them."""
    catalog = jira().catalog
    return {
        "issue_types": [(str(t.id), t.name) for t in catalog.issue_types() if not t.subtask],
        "priorities": [(str(p.id), p.name) for p in catalog.priorities()],
        "assignees": [("", "Unassigned")] + [(u.username, u.display_name) for u in jira().users.list()],
    }


def _default_type() -> str:
    return next((value for value, name in choices()["issue_types"] if name == "Task"), "")


def _default_priority() -> str:
    return next((value for value, name in choices()["priorities"] if name == "Medium"), "")


def typed_fields(names: tuple[str, ...]) -> dict[str, str]:
    return {name: request.form.get(name, "") for name in names}


def field_values(typed: dict[str, str]) -> dict:
    """The typed form as a body's ``fields``: references by id or name, labels apart at spaces,
    empty choices as none (so that the domain names what is required)."""
    references = {"project": "key", "issuetype": "id", "priority": "id", "assignee": "name"}
    values = {}
    for name, text in typed.items():
        if name in references:
            values[name] = {references[name]: text} if text else None
        elif name == "labels":
            values[name] = text.split()
        else:
            values[name] = text
    return values


def register_operations(app) -> None:
    """Edit and Delete, in the *More* menu for those who may edit the issue."""
    operations = issue_operations(app)
    operations.add(IssueOperation("edit-issue", "Edit", lambda issue: url_for("issue_pages.edit", key=issue.key),
                                  shown=may_edit, weight=10))
    operations.add(IssueOperation("delete-issue", "Delete",
                                  lambda issue: url_for("issue_pages.delete", key=issue.key),
                                  shown=may_edit, weight=20))


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    rule("/browse/<key>", "browse", browse, methods=["GET"])
    rule("/browse/<key>/transition", "transition", transition, methods=["POST"])
    rule("/browse/<key>/edit", "edit", edit, methods=["GET", "POST"])
    rule("/browse/<key>/delete", "delete", delete, methods=["GET", "POST"])
    rule("/secure/CreateIssue.jspa", "create", create, methods=["GET", "POST"])
