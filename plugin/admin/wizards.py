"""The two connection wizards, *Initiate connection* and *Accept invitation*, as sequences of
plain form posts so that they work without JavaScript.

Each page names itself in the hidden ``step`` field and carries every earlier answer in hidden
fields; nothing is stored until the last step calls the domain. When that call fails, each
field error sends the user back to the step that shows the field, with everything typed kept.

With JavaScript, the first page of *Initiate connection* asks the compatibility REST resource
as the URL is typed and offers the modes in place (``plugin/static/exalate.js``): the modes are
on that page from the start, hidden and disabled, and the script moves ``step`` on to ``mode``
when it shows them, so the next post is the same as after the page without JavaScript."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from flask import Blueprint, flash, redirect, request, url_for

from ..errors import MODE_TOGGLE_MESSAGE, DomainError, ValidationFailed
from ..exalate.compatibility import CompatibilityReport
from ..exalate.matrix import MODE_LABELS
from ..web import exalate, jira, status_for
from .connections import pending_invitation
from .pages import explain, project_choices, render_form

NO_URL_HINT = "If this instance cannot reach the destination, select I don't have a URL."
CHOOSE_MODE = "Choose the configuration type."
SEE_ABOVE = "Not available, for the reason given above."
CONGRATULATIONS = "Congratulations! The connection is set up."
LIST_PROJECTS = "projects"  # the Visual project step's button that lists the destination's projects
UNLISTED = "The destination's projects could not be listed."
# The product pre-fills the connection name from the two short names: JiraA_to_JiraB.
CONNECTION_NAME = "{local}_to_{remote}"

# The product's description of each configuration mode, as the wizard lists it.
MODE_FEATURES = {
    "BASIC": (
        "Automatic configuration of basic fields",
        "Sync rules cannot be edited",
        "Only Issues can be synced",
        "Recommended for use cases of basic complexity",
    ),
    "VISUAL": (
        "Low-code, visual interface",
        "Configure both sides of the connection using a single interface",
        "Recommended for use cases of basic to intermediate complexity",
    ),
    "SCRIPT": (
        "Groovy-based scripting",
        "Configure each side of the connection separately",
        "Recommended for use cases of basic to advanced complexity",
    ),
}


@dataclass(frozen=True)
class Wizard:
    """A wizard's steps in order, each with the form fields it shows. ``carried`` fields are
    shown by no step: the wizard derives them on the way and carries them along. ``secret``
    fields are never carried nor shown again: a password is typed on the step that sends it.

    A field named ``group.part`` answers to the error key ``group``, as the wire names
    compound fields (``destinationAdmin`` for ``{"username", "password"}``)."""

    template: str
    steps: dict[str, tuple[str, ...]]
    carried: tuple[str, ...] = ()
    secret: tuple[str, ...] = ()
    calls_out: tuple[str, ...] = ()  # steps that ask another node when shown

    @property
    def fields(self) -> tuple[str, ...]:
        shown = [name for names in self.steps.values() for name in names]
        return tuple(dict.fromkeys([*shown, *self.carried]))

    @property
    def error_keys(self) -> set[str]:
        return {_error_key(name) for name in self.fields}

    @property
    def first(self) -> str:
        return next(iter(self.steps))

    def values(self, form) -> dict[str, str]:
        return {name: form.get(name, "") for name in self.fields}

    def step(self, name: str | None) -> str:
        return name if name in self.steps else self.first

    def previous(self, step: str) -> str:
        order = list(self.steps)
        return order[max(order.index(step) - 1, 0)]

    def hidden(self, step: str) -> list[str]:
        return [name for name in self.fields if name not in self.steps[step] and name not in self.secret]

    def owner(self, errors: dict) -> str:
        """The latest step that shows a field in error (a field shown on two steps is answered on
        the later one); the last step for other errors."""
        order = list(self.steps)
        return next((step for step in reversed(order) if {_error_key(name) for name in self.steps[step]} & set(errors)),
                    order[-1])


def _error_key(field_name: str) -> str:
    return field_name.partition(".")[0]


INITIATE = Wizard(
    "admin/initiate.html",
    {
        "destination": ("destinationUrl", "noUrl", "mode"),
        "mode": ("destinationUrl", "noUrl", "mode"),
        "info": ("localShortName", "remoteShortName", "name", "description"),
        "project": ("projectKey", "destinationProjectKey", "destinationAdmin.username", "destinationAdmin.password"),
    },
    carried=("connectionType", "wizardToken"),
    secret=("destinationAdmin.password",),
    calls_out=("mode",),
)
ACCEPT = Wizard("admin/accept.html", {"code": ("invitationCode",), "project": ("projectKey",)})


def run(wizard: Wizard, show, advance: dict):
    """One post of a wizard: show a step, go back a step, or move on from this one.

    A GET shows the first step, or the step and answers its query names: where a post that
    found the session expired comes back to after logging in (``pages.resume_path``)."""
    if request.method == "GET":
        step = wizard.step(request.args.get("step"))
        if step in wizard.calls_out:  # a link must not make this node call another: show the step before
            step = wizard.previous(step)
        return show(step, wizard.values(request.args))
    form = wizard.values(request.form)
    step = wizard.step(request.form.get("step"))
    if request.form.get("action") == "previous":
        return show(wizard.previous(step), form)
    return advance[step](form)


def render_step(wizard: Wizard, step: str, form: dict, **context):
    return render_form(wizard.template, step=step, form=form, hidden=wizard.hidden(step), **context)


def project_options(step: str) -> list[tuple[str, str]]:
    if step != "project":
        return []
    return project_choices(jira().projects.list())


def show_failure(wizard: Wizard, show, form: dict, error: DomainError, step: str | None = None, **context):
    """The step that shows the field in error (or ``step``) again, with the error beside the field."""
    errors, page_errors = explain(error, wizard.error_keys)
    return show(step or wizard.owner(errors), form, errors=errors, page_errors=page_errors, status=status_for(error),
                **context)


# ------------------------------------------------------------------ Initiate connection


def initiate():
    return run(INITIATE, _show_initiate, {
        "destination": _check_destination,
        "mode": _choose_mode,
        "info": _describe,
        "project": _initiate,
    })


def _show_initiate(step: str, form: dict, *, report: CompatibilityReport | None = None, errors=None,
                   destination_projects=(), **context):
    errors = dict(errors or {})
    # One id per run of the wizard, carried to the end: a repeated Initiate finds what the first made.
    form["wizardToken"] = form["wizardToken"] or uuid.uuid4().hex
    if step == "mode":
        report = report or _check(form)
        if report.problem is not None:
            # Nothing to choose from: the user has to change the URL first.
            step = "destination"
            errors["destinationUrl"] = f"{report.problem.message} {NO_URL_HINT}"
    return render_step(INITIATE, step, form, report=report, errors=errors, projects=project_options(step),
                       blockers=_blockers() if step in ("destination", "mode") else [], no_url_hint=NO_URL_HINT,
                       see_above=SEE_ABOVE, destination_projects=destination_projects, list_projects=LIST_PROJECTS,
                       connection_name=CONNECTION_NAME,
                       mode_labels=MODE_LABELS, mode_features=MODE_FEATURES, mode_toggle_message=MODE_TOGGLE_MESSAGE,
                       **context)


def _blockers() -> list[str]:
    """Why this instance can initiate no connection at all, whatever the destination.

    A private connection rules out only Visual, so when it leaves no mode either, the reasons
    are this instance's own (not public, no usable licence): no URL would help."""
    modes = exalate().compatibility.check(None).modes
    if any(option.available for option in modes):
        return []
    return list(dict.fromkeys(option.reason for option in modes))


def _check(form: dict) -> CompatibilityReport:
    return exalate().compatibility.check(_destination_url(form))


def _destination_url(form: dict) -> str | None:
    return None if form["noUrl"] else form["destinationUrl"]


def _check_destination(form: dict):
    return _show_initiate("mode", form)


def _choose_mode(form: dict):
    report = _check(form)
    error = _mode_error(report, form["mode"])
    if error:
        return _show_initiate("mode", form, report=report, errors={"mode": error})
    form["connectionType"] = report.connection_type or ""
    return _show_initiate("info", form)


def _mode_error(report: CompatibilityReport, mode: str) -> str | None:
    # A destination with a problem offers no mode, so this also stops at an unreachable URL.
    option = next((option for option in report.modes if option.mode == mode), None)
    if option is None:
        return CHOOSE_MODE
    return None if option.available else option.reason


def _describe(form: dict):
    local, remote = form["localShortName"].strip(), form["remoteShortName"].strip()
    named = bool(form["name"].strip())
    # Without JavaScript nothing filled the name in as the short names were typed: fill it now.
    if not named and local and remote:
        form["name"] = CONNECTION_NAME.format(local=local, remote=remote)
    try:
        exalate().initiation.check_information(local_short_name=form["localShortName"],
                                               remote_short_name=form["remoteShortName"],
                                               name=form["name"], description=form["description"])
    except ValidationFailed as error:
        if not form["name"].strip():
            # The name is made from the short names once they are given: only they are missing.
            error.field_errors.pop("name", None)
        return show_failure(INITIATE, _show_initiate, form, error, "info")
    return _show_initiate("project", form)


def _initiate(form: dict):
    projects = []
    if _is_visual(form):
        # Listed first, so that the step shown again offers them, and bad credentials stop here.
        projects, errors = _destination_projects(form)
        if errors or request.form.get("action") == LIST_PROJECTS:
            return _show_initiate("project", form, errors=errors, destination_projects=projects)
    try:
        initiated = exalate().initiation.initiate(
            destination_url=_destination_url(form),
            mode=form["mode"],
            local_short_name=form["localShortName"],
            remote_short_name=form["remoteShortName"],
            name=form["name"],
            description=form["description"],
            project_key=form["projectKey"],
            destination_project_key=form["destinationProjectKey"] or None,
            destination_admin=_destination_admin(form),
            request_id=form["wizardToken"] or None,
        )
    except DomainError as error:
        return show_failure(INITIATE, _show_initiate, form, error, destination_projects=projects)
    return redirect(url_for(".initiated", connection_id=initiated.connection.id), 303)


def _is_visual(form: dict) -> bool:
    return form["mode"] == "VISUAL" and form["connectionType"] != "LOCAL"


def _destination_projects(form: dict) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The destination's projects to choose from, fetched with the credentials typed on this step, or
    why they could not be: bad credentials beside them, an unreachable destination beside the list."""
    try:
        projects = exalate().initiation.destination_projects(destination_url=_destination_url(form),
                                                             destination_admin=_destination_admin(form))
    except ValidationFailed as error:
        return [], explain(error, INITIATE.error_keys)[0] or {"destinationProjectKey": str(error)}
    except DomainError as error:
        return [], {"destinationProjectKey": f"{UNLISTED} {error}"}
    return project_choices(projects), {}


def _destination_admin(form: dict) -> dict | None:
    """The destination administrator's credentials, typed for a Visual connection."""
    username, password = form["destinationAdmin.username"], form["destinationAdmin.password"]
    return {"username": username, "password": password} if username or password else None


def initiated(connection_id: int):
    """The wizard's last page, reached by a redirect so that reloading it initiates nothing."""
    return render_form("admin/initiated.html", connection=exalate().connections.get(connection_id),
                       invitation_code=pending_invitation(connection_id))


# -------------------------------------------------------------------- Accept invitation


def accept():
    return run(ACCEPT, _show_accept, {"code": _review, "project": _accept})


def _review(form: dict):
    """The code is checked on its own step, so that a bad one is told before a project is chosen."""
    try:
        exalate().invitations.review(invitation_code=form["invitationCode"])
    except DomainError as error:
        return show_failure(ACCEPT, _show_accept, form, error, "code")
    return _show_accept("project", form)


def _show_accept(step: str, form: dict, **context):
    return render_step(ACCEPT, step, form, projects=project_options(step), **context)


def _accept(form: dict):
    try:
        connection = exalate().invitations.accept(invitation_code=form["invitationCode"],
                                                  project_key=form["projectKey"])
    except DomainError as error:
        return show_failure(ACCEPT, _show_accept, form, error)
    flash(CONGRATULATIONS, "success")
    return redirect(url_for(".connection", connection_id=connection.id), 303)


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    rule("/connections/initiate", "initiate", initiate, methods=["GET", "POST"])
    rule("/connections/<int:connection_id>/initiated", "initiated", initiated, methods=["GET"])
    rule("/connections/accept", "accept", accept, methods=["GET", "POST"])
