"""A private connection between two real ``serve`` processes: A initiates it without a destination URL (the
public side), B accepts it (the private side), giving A an address where nothing answers. B's worker fetches
what waits for it on A; a comment made on B is pushed back to A."""

from __future__ import annotations

from factories import accept_at, await_value, created_at, exalate_and_comment_back

from live.instances import free_port


def test_a_private_connection_syncs_an_issue_and_a_comment_back(two_instances):
    a, b = two_instances
    unreachable = f"http://127.0.0.1:{free_port()}"  # what B tells A it is at: A cannot call B
    assert b.api.put(b.rest("/settings"), json={"exalateUrl": unreachable}).status_code == 200
    initiated = created_at(a.url, a.api)
    assert initiated["connection"]["type"] == "PRIVATE"
    assert accept_at(b.url, initiated["invitationCode"], session=b.api).status_code == 201
    connection = a.api.get(a.rest(f"/connections/{initiated['connection']['id']}")).json()
    assert connection["communication"]["remoteUrl"] == unreachable

    exalate_and_comment_back(a, b, initiated["connection"]["id"], "Behind a firewall")

    await_value(lambda: a.api.get(a.rest("/syncevents"), params={"limit": 0}).json()["total"] == 0)  # B took its ack
