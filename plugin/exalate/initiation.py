"""Initiating a connection, as the Initiate wizard ends: a Pending end and its invitation code
(public or private), two projects of this instance made Active at once (local), or both ends
created by this node with the destination administrator's credentials (Visual)."""

from __future__ import annotations

import contextlib
import secrets
import time
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select, update

from ..db import db, transaction, utcnow
from ..errors import Conflict, DomainError, ValidationFailed
from ..fields import URL_MAX, is_blank, is_uid, shorten
from ..jira.projects import Projects
from ..outbound import OutboundError
from . import invitations, rules
from .compatibility import CompatibilityChecker, CompatibilityReport
from .connections import ConnectionInfo, Connections, build_end, info_errors, store_end
from .models import Connection, ConnectionType, Mode, Role, Status
from .node import Node
from .peers import PeerClient, ProjectRef
from .visual import store as visual_store

RENEW_ONLY_PENDING = "A new invitation code can only be issued while the connection is Pending."
NEEDS_ADMIN_ACCESS = ("Visual mode needs admin access to the destination: give the destination administrator's "
                      "username and password.")


@dataclass(frozen=True)
class Initiated:
    connection: Connection
    invitation_code: str | None


class Initiation:
    def __init__(self, node: Node, projects: Projects, checker: CompatibilityChecker, peers: PeerClient,
                 connections: Connections, invitation_days: float = 7):
        self.node = node
        self.connections = connections
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
        connection = db.session.scalar(select(Connection).where(Connection.request_id == request_id))
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
        if report.connection_type == ConnectionType.LOCAL.value:
            return self._create_local(info, destination_project_key, request_id)
        if info.mode == Mode.VISUAL:
            # The typed URL, not the one the destination advertises: the credentials go nowhere else.
            destination = self.peers.check_url(destination_url)
            return self._create_visual(report, info, destination, destination_project_key, destination_admin,
                                       request_id)
        connection = self._create_invited(report, info, request_id)
        return Initiated(connection, connection.invitation_code)

    def _create_invited(self, report: CompatibilityReport, info: ConnectionInfo,
                        request_id: str | None) -> Connection:
        """A Pending end and its signed invitation code."""
        invitation_id = uuid.uuid4().hex
        connection = build_end(
            info, type=report.connection_type, role=Role.INITIATOR, status=Status.PENDING,
            remote_url=report.destination.exalate_url if report.destination else None,
            shared_secret=secrets.token_urlsafe(32), invitation_id=invitation_id,
        )
        connection.request_id = request_id
        connection.invitation_code = self._signed_invitation(connection, invitation_id, connection.shared_secret)
        store_end(connection)
        return connection

    def renew_invitation(self, connection_id: int) -> str:
        """A fresh code for a Pending end whose code expired (or went where it should not): a new
        invitation with a new shared secret. The old code stops working."""
        connection = self.connections.get(connection_id)
        if connection.status != Status.PENDING or connection.role != Role.INITIATOR or not connection.invitation_id:
            raise Conflict(RENEW_ONLY_PENDING)
        invitation_id, secret = uuid.uuid4().hex, secrets.token_urlsafe(32)
        code = self._signed_invitation(connection, invitation_id, secret)
        with transaction():  # only if no acceptor completed the handshake with the old code meanwhile
            changed = db.session.execute(
                update(Connection)
                .where(Connection.id == connection.id, Connection.status == Status.PENDING,
                       Connection.invitation_id == connection.invitation_id)
                .values(invitation_id=invitation_id, shared_secret=secret, invitation_code=code, updated=utcnow())
            ).rowcount
        if not changed:
            raise Conflict(RENEW_ONLY_PENDING)
        return code

    def _signed_invitation(self, connection: Connection, invitation_id: str, secret: str) -> str:
        """An invitation to a Pending end: its identity and names, the invitation's id and the
        shared secret, signed by this node."""
        invitation = invitations.Invitation(
            id=invitation_id,
            initiator_url=self.node.own_url(),
            connection_uid=connection.uid,
            type=connection.type.value,
            mode=connection.mode.value,
            name=connection.name,
            local_short_name=connection.local_short_name,
            remote_short_name=connection.remote_short_name,
            description=connection.description,
            secret=secret,
            expires_at=int(time.time()) + self.invitation_seconds,
        )
        return invitations.sign(invitation, self.node.secret_key())

    def _create_local(self, info: ConnectionInfo, destination_project_key: str | None,
                      request_id: str | None) -> Initiated:
        """Two projects of this instance: created Active at once, no invitation."""
        errors = self.projects.choice_errors("destination_project_key", destination_project_key)
        if errors:
            raise ValidationFailed(field_errors=errors)
        connection = build_end(
            info, type=ConnectionType.LOCAL, role=Role.INITIATOR, status=Status.ACTIVE,
            remote_url=self.node.own_url(), shared_secret=secrets.token_urlsafe(32), invitation_id=None,
        )
        connection.incoming_rules = rules.local_incoming(info.project_key, destination_project_key,
                                                         basic=info.mode == Mode.BASIC)
        connection.remote_uid = connection.uid
        connection.request_id = request_id
        store_end(connection)
        return Initiated(connection, None)

    def _create_visual(self, report: CompatibilityReport, info: ConnectionInfo, destination: str,
                       destination_project_key: str | None, destination_admin: dict | None,
                       request_id: str | None) -> Initiated:
        """Visual mode configures both sides from here: with the destination administrator's
        credentials this node creates the destination's end itself, so no code changes hands.
        The credentials go to ``destination``, the URL the administrator typed, only: never to
        the URL the destination's node info advertises (another host, or plain http). If the
        destination refuses or fails, this end is removed again: nothing is left."""
        errors = {}
        if is_blank(destination_project_key):
            errors["destination_project_key"] = "Select the project on the destination for its incoming sync."
        credentials = _credentials(destination_admin)
        if credentials is None:
            errors["destination_admin"] = NEEDS_ADMIN_ACCESS
        if errors:
            raise ValidationFailed(field_errors=errors)
        projects = self._destination_projects(destination, credentials)
        if destination_project_key not in {project.key for project in projects}:
            raise ValidationFailed.field("destination_project_key", f"The destination has no project "
                                                                    f"'{shorten(destination_project_key)}'.")
        connection = self._create_invited(report, info, request_id)
        try:
            self.peers.accept_invitation(destination, credentials,
                                         invitation_code=connection.invitation_code,
                                         project_key=destination_project_key)
        except BaseException:
            self._discard(connection)
            raise
        db.session.refresh(connection)
        visual_store.start(connection, destination_project_key)
        return Initiated(connection, None)

    def destination_projects(self, *, destination_url: str | None,
                             destination_admin: dict | None) -> list[ProjectRef]:
        """The projects of a Visual connection's destination to choose from, fetched with the
        destination administrator's credentials from the URL the administrator typed."""
        try:
            destination = self.peers.check_url(destination_url)
        except OutboundError as exc:
            raise ValidationFailed.field("destination_url", exc.message) from exc
        credentials = _credentials(destination_admin)
        if credentials is None:
            raise ValidationFailed.field("destination_admin", NEEDS_ADMIN_ACCESS)
        return self._destination_projects(destination, credentials)

    def _destination_projects(self, destination: str, credentials: tuple[str, str]) -> list[ProjectRef]:
        self.peers.verify_admin(destination, credentials)
        return self.peers.projects(destination, credentials)

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


def _credentials(destination_admin: dict | None) -> tuple[str, str] | None:
    """The destination administrator's username and password, if both were given."""
    username, password = (destination_admin or {}).get("username"), (destination_admin or {}).get("password")
    return None if not username or password is None else (username, password)
