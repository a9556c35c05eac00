"""Initiating a connection, as the Initiate wizard ends: a Pending end and its invitation code
(public or private), two projects of this instance made Active at once (local), or both ends
created by this node with the destination administrator's credentials (Visual)."""

from __future__ import annotations

import contextlib
import secrets
import time
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select

from ..db import db, transaction
from ..errors import DomainError, ValidationFailed
from ..fields import URL_MAX, is_blank, is_uid
from ..jira.projects import Projects
from . import invitations, rules
from .compatibility import CompatibilityChecker, CompatibilityReport
from .connections import ConnectionInfo, build_end, info_errors, store_end
from .models import Connection, ConnectionType, Mode, Role, Status
from .node import Node
from .peers import PeerClient


@dataclass(frozen=True)
class Initiated:
    connection: Connection
    invitation_code: str | None


class Initiation:
    def __init__(self, node: Node, projects: Projects, checker: CompatibilityChecker, peers: PeerClient,
                 invitation_days: float = 7):
        self.node = node
        self.projects = projects
        self.checker = checker
        self.peers = peers
        self.invitation_seconds = int(invitation_days * 86400)

    def initiate(self, *, destination_url: str | None, mode: str | None, local_short_name: str | None,
                 remote_short_name: str | None, name: str | None, project_key: str | None,
                 description: str | None = "", destination_project_key: str | None = None,
                 destination_admin: dict | None = None, request_id: str | None = None) -> Initiated:
        """``request_id``, a 32-digit hexadecimal id the Initiate wizard carries from its first page,
        makes a repeated submit of one wizard answer with what the first submit made."""
        if request_id is not None and not is_uid(request_id):
            raise ValidationFailed.field("request_id", "A 32-digit hexadecimal request id is expected.")
        earlier = self._initiated_by(request_id)
        if earlier is not None:
            return earlier
        try:
            return self._create(
                destination_url=destination_url, mode=mode, local_short_name=local_short_name,
                remote_short_name=remote_short_name, name=name, project_key=project_key, description=description,
                destination_project_key=destination_project_key, destination_admin=destination_admin,
                request_id=request_id)
        except DomainError:
            # A concurrent submit of the same wizard may have stored it first (a double click).
            earlier = self._initiated_by(request_id)
            if earlier is None:
                raise
            return earlier

    def check_information(self, *, local_short_name: str | None, remote_short_name: str | None,
                          name: str | None, description: str | None = "") -> None:
        """The Connection information step's answers, checked before the wizard moves on."""
        errors = info_errors(local_short_name, remote_short_name, name, description)
        if errors:
            raise ValidationFailed(field_errors=errors)

    def _initiated_by(self, request_id: str | None) -> Initiated | None:
        if request_id is None:
            return None
        db.session.rollback()  # read what other requests committed meanwhile
        connection = db.session.scalar(
            select(Connection).where(Connection.invitation_id == request_id, Connection.role == Role.INITIATOR))
        return None if connection is None else Initiated(connection, connection.invitation_code)

    def _create(self, *, destination_url: str | None, mode: str | None, local_short_name: str | None,
                remote_short_name: str | None, name: str | None, project_key: str | None, description: str | None,
                destination_project_key: str | None, destination_admin: dict | None,
                request_id: str | None) -> Initiated:
        errors = info_errors(local_short_name, remote_short_name, name, description)
        errors.update(self.projects.choice_errors("project_key", project_key))
        if mode not in Mode.__members__:
            errors["mode"] = "Choose the configuration type: BASIC, VISUAL or SCRIPT."
        if destination_url is not None and len(destination_url.strip()) > URL_MAX:  # it becomes the remote URL
            errors["destination_url"] = f"The destination instance URL must be at most {URL_MAX} characters."
        if errors:
            raise ValidationFailed(field_errors=errors)
        info = ConnectionInfo(Mode(mode), local_short_name, remote_short_name, name.strip(), description or "",
                              project_key)
        report = self.checker.check(destination_url)
        report.require(mode)
        invitation_id = request_id or uuid.uuid4().hex
        if report.connection_type == ConnectionType.LOCAL.value:
            return self._create_local(info, destination_project_key, request_id)
        if info.mode == Mode.VISUAL:
            return self._create_visual(report, info, destination_project_key, destination_admin, invitation_id)
        connection = self._create_invited(report, info, invitation_id)
        return Initiated(connection, connection.invitation_code)

    def _create_invited(self, report: CompatibilityReport, info: ConnectionInfo, invitation_id: str) -> Connection:
        """A Pending end and its signed invitation code."""
        connection = build_end(
            info, type=report.connection_type, role=Role.INITIATOR, status=Status.PENDING,
            remote_url=report.destination.exalate_url if report.destination else None,
            shared_secret=secrets.token_urlsafe(32), invitation_id=invitation_id,
        )
        invitation = invitations.Invitation(
            id=invitation_id,
            initiator_url=self.node.own_url(),
            connection_uid=connection.uid,
            type=report.connection_type,
            mode=info.mode.value,
            name=connection.name,
            local_short_name=connection.local_short_name,
            remote_short_name=connection.remote_short_name,
            description=connection.description,
            secret=connection.shared_secret,
            expires_at=int(time.time()) + self.invitation_seconds,
        )
        connection.invitation_code = invitations.sign(invitation, self.node.secret_key())
        store_end(connection)
        return connection

    def _create_local(self, info: ConnectionInfo, destination_project_key: str | None,
                      request_id: str | None) -> Initiated:
        """Two projects of this instance: created Active at once, no invitation (the invitation id
        column holds the request id only, so that a repeated request finds this connection)."""
        errors = self.projects.choice_errors("destination_project_key", destination_project_key)
        if errors:
            raise ValidationFailed(field_errors=errors)
        connection = build_end(
            info, type=ConnectionType.LOCAL, role=Role.INITIATOR, status=Status.ACTIVE,
            remote_url=self.node.own_url(), shared_secret=secrets.token_urlsafe(32), invitation_id=request_id,
        )
        connection.incoming_rules = rules.local_incoming(info.project_key, destination_project_key)
        connection.remote_uid = connection.uid
        store_end(connection)
        return Initiated(connection, None)

    def _create_visual(self, report: CompatibilityReport, info: ConnectionInfo,
                       destination_project_key: str | None, destination_admin: dict | None,
                       invitation_id: str) -> Initiated:
        """Visual mode configures both sides from here: with the destination administrator's
        credentials this node creates the destination's end itself, so no code changes hands.
        If the destination refuses or fails, this end is removed again: nothing is left."""
        errors = {}
        if is_blank(destination_project_key):
            errors["destination_project_key"] = "Select the project on the destination for its incoming sync."
        username, password = (destination_admin or {}).get("username"), (destination_admin or {}).get("password")
        if not username or password is None:
            errors["destination_admin"] = ("Visual mode needs admin access to the destination: give the "
                                           "destination administrator's username and password.")
        if errors:
            raise ValidationFailed(field_errors=errors)
        destination = report.destination.exalate_url
        self.peers.verify_admin(destination, (username, password))
        connection = self._create_invited(report, info, invitation_id)
        try:
            self.peers.accept_invitation(destination, (username, password),
                                         invitation_code=connection.invitation_code,
                                         project_key=destination_project_key)
        except BaseException:
            self._discard(connection)
            raise
        db.session.refresh(connection)
        return Initiated(connection, None)

    def _discard(self, connection: Connection) -> None:
        """Remove an end whose set-up failed. If the other end was made all the same (the answer
        was lost, not the work), ask it to go too; that call may fail as the first one did."""
        db.session.rollback()
        stored = db.session.scalar(select(Connection).where(Connection.id == connection.id))
        if stored is not None and stored.remote_uid and stored.remote_url:
            with contextlib.suppress(DomainError):
                self.peers.withdraw(stored)
        with transaction():
            db.session.execute(delete(Connection).where(Connection.id == connection.id))
