"""The slice of Jira's own REST API that the plugin and its users need: server info, the
current user, projects, and the session resource used to log in."""

from __future__ import annotations

from flask import Blueprint, current_app

from .. import auth
from ..web import exalate, jira
from .errors import json_body
from .schemas import ProjectInput, ProjectSchema, ServerInfoSchema, SessionInput, UserSchema

_server_info = ServerInfoSchema()
_user = UserSchema()
_project = ProjectSchema()
_projects = ProjectSchema(many=True)


def server_info():
    identity = exalate().identity
    numbers = [int(n) for n in identity.platform_version.split(".") if n.isdigit()][:3]
    return _server_info.dump({
        "base_url": identity.base_url,
        "version": identity.platform_version,
        "version_numbers": numbers,
        "deployment_type": "Server",
        "build_number": 912000,
        "server_title": "Jira",
    })


def myself():
    return _user.dump(auth.require_user())


def list_projects():
    auth.require_user()
    return _projects.dump(jira().projects.list())


def create_project():
    auth.require_admin()
    body = json_body(ProjectInput())
    project = jira().projects.create(**body)
    return _project.dump(project), 201


def create_session():
    body = json_body(SessionInput())
    user = jira().users.authenticate(body["username"], body["password"])
    auth.log_in(user)
    return {
        "session": {"name": current_app.config["SESSION_COOKIE_NAME"], "value": "emulated"},
        "loginInfo": {"failedLoginCount": 0, "loginCount": 1},
    }


def current_session():
    user = auth.require_user()
    return {"self": "/rest/api/2/user?username=" + user.username, "name": user.username,
            "loginInfo": {"failedLoginCount": 0, "loginCount": 1}}


def delete_session():
    auth.require_user()
    auth.log_out()
    return "", 204


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    rule("/api/2/serverInfo", view_func=server_info, methods=["GET"])
    rule("/api/2/myself", view_func=myself, methods=["GET"])
    rule("/api/2/project", view_func=list_projects, methods=["GET"])
    rule("/api/2/project", view_func=create_project, methods=["POST"])
    rule("/auth/1/session", view_func=create_session, methods=["POST"])
    rule("/auth/1/session", view_func=current_session, methods=["GET"])
    rule("/auth/1/session", view_func=delete_session, methods=["DELETE"])


