"""The address a call actually reaches is checked after DNS, so a host name cannot resolve to
an allowed address for the pre-check and a forbidden one for the call (DNS rebinding)."""

from __future__ import annotations

import pytest

from plugin.outbound import OutboundClient, OutboundError


def test_the_connect_time_check_refuses_a_listening_private_peer(two_instances):
    node, _ = two_instances
    client = OutboundClient(allow_private=False, check_dns=False, connect_timeout=1, read_timeout=1)
    with pytest.raises(OutboundError) as refused:
        client.get_json(node.url.replace("127.0.0.1", "localhost") + "/rest/issuehub/4.0/info")
    assert refused.value.code == "FORBIDDEN_ADDRESS"


def test_the_same_peer_is_allowed_by_default(two_instances):
    node, _ = two_instances
    client = OutboundClient(check_dns=False)
    assert client.get_json(node.url.replace("127.0.0.1", "localhost") + "/rest/issuehub/4.0/info").status == 200
