"""The handshake as the backend runs it: a failure on either side leaves both as they were."""

from __future__ import annotations

import pytest
from factories import committed, initiate

from plugin.db import db
from plugin.errors import RemoteNodeError, ValidationFailed
from plugin.outbound import OutboundError


def test_an_unreachable_initiator_leaves_the_acceptor_unchanged(exalate, make_app, monkeypatch):
    initiator = make_app("jira-c")
    with initiator.app_context():
        code = initiate(initiator.extensions["exalate"]).invitation_code
        db.session.remove()

    def refuse(*args, **kwargs):
        raise OutboundError("CONNECTION_REFUSED", "Could not connect to jira-c.test:2990.")

    monkeypatch.setattr(exalate.peers.outbound, "post_json", refuse)
    with pytest.raises(RemoteNodeError):
        exalate.invitations.accept(invitation_code=code, project_key="SUP")
    assert committed("SELECT count(*) FROM connections") == [(0,)]


def test_a_refused_handshake_leaves_the_pending_end(exalate):
    initiated = initiate(exalate)
    with pytest.raises(ValidationFailed) as caught:
        exalate.invitations.complete(invitation_code=initiated.invitation_code, acceptor_url="ftp://x",
                                   acceptor_uid="a" * 32)
    assert set(caught.value.field_errors) == {"acceptor.url"}
    assert committed("SELECT status, remote_url FROM connections") == [("PENDING", None)]
