"""Accepting an invitation, both halves of the handshake: the acceptor reads the code and asks
the initiator (``accept``); the initiator verifies the code and activates its Pending end,
exactly once (``complete``). Nothing is stored on the acceptor unless the initiator agreed."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
from dataclasses import dataclass

from sqlalchemy import and_, or_, select, update

from ..db import db, transaction, utcnow
from ..errors import Conflict, DomainError, NotFound, ValidationFailed
from ..fields import DESCRIPTION_MAX, NAME_MAX, SECRET_MAX, URL_MAX, is_blank, is_short_name, is_uid, text_errors
from ..jira.projects import Projects
from ..outbound import OutboundError
from . import invitations
from .connections import ConnectionInfo, build_end, name_errors, store_end
from .matrix import license_reason
from .models import Connection, ConnectionType, Mode, Role, Status
from .node import Node
from .peers import PeerClient
from .settings import Licenses

ALREADY_ACCEPTED = "This invitation has already been accepted."
REPLACED = "This invitation code has been replaced by a newer one. Ask for the new code."


@dataclass(frozen=True)
class Handshake:
    """What the initiator answers an acceptor whose handshake it accepted."""

    url: str
    connection_uid: str
    name: str


class Handshakes:
    def __init__(self, node: Node, licenses: Licenses, projects: Projects, peers: PeerClient):
        self.node = node
        self.licenses = licenses
        self.projects = projects
        self.peers = peers

    def accept(self, *, invitation_code: str | None, project_key: str | None) -> Connection:
        """The acceptor's side: read the code, ask the initiator to verify and activate its end,
        then store this end."""
        errors = self.projects.choice_errors("project_key", project_key)
        invitation, code_error = self._read(invitation_code)
        if code_error:
            errors["invitation_code"] = code_error
        if errors:
            raise ValidationFailed(field_errors=errors)
        self._check_acceptable(invitation)
        uid = self._acceptor_uid(invitation)
        initiator_url = self.peers.complete_handshake(invitation.initiator_url,
                                                      invitation_code=invitation_code.strip(),
                                                      acceptor_url=self.node.own_url(), acceptor_uid=uid)
        info = ConnectionInfo(Mode(invitation.mode), invitation.remote_short_name, invitation.local_short_name,
                              invitation.name, invitation.description, project_key)
        connection = build_end(info, type=invitation.type, role=Role.ACCEPTOR, status=Status.ACTIVE,
                               remote_url=initiator_url, shared_secret=invitation.secret,
                               invitation_id=invitation.id, uid=uid)
        connection.remote_uid = invitation.connection_uid
        try:
            store_end(connection)
        except ValidationFailed as exc:  # a concurrent accept took the invitation or the name first
            if self._accepted_here(invitation):
                raise Conflict(ALREADY_ACCEPTED, {"invitation_code": ALREADY_ACCEPTED}) from exc
            # The initiator activated its end for an end that cannot be stored here: it goes again.
            with contextlib.suppress(DomainError):
                self.peers.withdraw(connection)
            raise _name_taken(invitation) from exc
        return connection

    def review(self, *, invitation_code: str | None) -> invitations.Invitation:
        """What this side can tell of a code before its initiator is asked (the Accept wizard's first
        step): readable, well formed, from another instance that can be called, not yet accepted
        here, allowed by the license. Only the initiator can tell a forged signature."""
        invitation, code_error = self._read(invitation_code)
        if code_error:
            raise ValidationFailed.field("invitation_code", code_error)
        self._check_acceptable(invitation)
        return invitation

    def _read(self, invitation_code: str | None) -> tuple[invitations.Invitation | None, str | None]:
        if is_blank(invitation_code):
            return None, "Paste the invitation code you received."
        try:
            invitation = _well_formed(invitations.read(invitation_code.strip()))
            self.peers.check_url(invitation.initiator_url)
        except invitations.InvalidInvitation as exc:
            return None, str(exc)
        except OutboundError as exc:
            return None, f"The invitation refers to an instance that cannot be called: {exc.message}"
        return invitation, None

    def _check_acceptable(self, invitation: invitations.Invitation) -> None:
        # Own code first: the initiator's pending end carries the invitation id too.
        if self.node.is_own_url(invitation.initiator_url):
            raise ValidationFailed.field("invitation_code", "This invitation was issued by this instance: "
                                                            "it must be accepted on the other instance.")
        if self._accepted_here(invitation):
            raise Conflict(ALREADY_ACCEPTED, {"invitation_code": "already accepted"})
        reason = license_reason(invitation.mode, self.licenses.get().state)
        if reason:
            raise ValidationFailed(reason, {"invitation_code": reason})
        if name_errors(invitation.name):
            raise _name_taken(invitation)

    @staticmethod
    def _accepted_here(invitation: invitations.Invitation) -> bool:
        return db.session.scalar(select(Connection.id).where(Connection.invitation_id == invitation.id)) is not None

    def _acceptor_uid(self, invitation: invitations.Invitation) -> str:
        # Derived from the invitation, so a retried accept presents the same identity to the
        # initiator and the handshake stays idempotent per code.
        digest = hmac.new(self.node.secret_key().encode(), invitation.id.encode(), hashlib.sha256)
        return digest.hexdigest()[:32]

    def complete(self, *, invitation_code: str | None, acceptor_url: str | None,
                 acceptor_uid: str | None) -> Handshake:
        """The initiator's side: verify the code and activate the pending end, exactly once.
        A retry from the same acceptor succeeds again; any other acceptor gets a conflict."""
        errors = {}
        if not is_uid(acceptor_uid):
            errors["acceptor.connection_uid"] = "A 32-digit hexadecimal connection id is required."
        try:
            acceptor_url = self.peers.check_url(acceptor_url)
        except OutboundError as exc:
            errors["acceptor.url"] = exc.message
        try:
            invitation = invitations.verify(invitation_code or "", self.node.secret_key())
        except invitations.InvalidInvitation as exc:
            errors["invitation_code"] = str(exc)
        if errors:
            raise ValidationFailed(field_errors=errors)
        own_url = self.node.own_url()  # read before the commit expires the instance row
        # Pending, or put in ERROR by a check while this acceptor's first answer was lost: the
        # acceptor's end exists from now on, so this end is active again.
        waiting = or_(Connection.status == Status.PENDING,
                      and_(Connection.status == Status.ERROR, Connection.remote_uid == acceptor_uid))
        with transaction():
            activated = db.session.execute(
                update(Connection)
                .where(Connection.uid == invitation.connection_uid, Connection.invitation_id == invitation.id,
                       waiting)
                .values(status=Status.ACTIVE, remote_url=acceptor_url, remote_uid=acceptor_uid,
                        invitation_code=None, error_message=None, updated=utcnow())
            ).rowcount
        connection = db.session.scalar(select(Connection).where(Connection.uid == invitation.connection_uid))
        if connection is None:
            raise NotFound(f"Connection {invitation.name} not found. Seems like it was removed on the "
                           "Destination side.")
        if connection.invitation_id != invitation.id:
            raise ValidationFailed.field("invitation_code", REPLACED)
        if not activated and connection.remote_uid != acceptor_uid:
            raise Conflict(ALREADY_ACCEPTED)
        return Handshake(own_url, connection.uid, connection.name)


def _name_taken(invitation: invitations.Invitation) -> Conflict:
    message = f"A connection named '{invitation.name}' already exists on this instance."
    return Conflict(message, {"invitation_code": message})


def _well_formed(invitation: invitations.Invitation) -> invitations.Invitation:
    """The invitation if its contents could have come from an Exalate node. A code is read before
    its initiator vouches for it, and an initiator signs whatever it likes: what it carries is
    checked like typed input before any of it is used or stored."""
    texts = {"name": (invitation.name, NAME_MAX), "description": (invitation.description, DESCRIPTION_MAX),
             "secret": (invitation.secret, SECRET_MAX), "initiator_url": (invitation.initiator_url, URL_MAX)}
    if (
        not all(is_uid(value) for value in (invitation.id, invitation.connection_uid))
        or invitation.mode not in Mode.__members__
        or invitation.type not in (ConnectionType.PUBLIC.value, ConnectionType.PRIVATE.value)
        or not all(is_short_name(n) for n in (invitation.local_short_name, invitation.remote_short_name))
        or any(text_errors({key: value}, required=(key,) if key != "description" else (), max_length=limit)
               for key, (value, limit) in texts.items())
    ):
        raise invitations.InvalidInvitation("The invitation code is not valid.")
    return invitation
