"""A private connection between two real ``serve`` processes: A initiates it without a destination URL (the
public side), B accepts it (the private side). B's worker fetches what waits for it on A; a comment made on B
is pushed back to A."""

from __future__ import annotations

from factories import accept_at, await_value, created_at, issue_fields


def test_a_private_connection_syncs_an_issue_and_a_comment_back(two_instances):
    a, b = two_instances
    initiated = created_at(a.url, a.api)
    assert initiated["connection"]["type"] == "PRIVATE"
    assert accept_at(b.url, initiated["invitationCode"], session=b.api).status_code == 201
    created = a.api.post(a.url + "/rest/api/2/issue", json={"fields": issue_fields(summary="Behind a firewall")})
    key = created.json()["key"]

    answer = a.api.post(a.rest(f"/issues/{key}/exalate"), json={"connection": initiated["connection"]["id"]})
    assert answer.status_code == 202, answer.text

    def synchronized_twin():
        twins = a.api.get(a.rest(f"/issues/{key}/sync-status")).json()["twins"]
        return twins[0]["remoteIssueKey"] if twins and twins[0]["status"] == "SYNCHRONIZED" else None

    remote_key = await_value(synchronized_twin)
    assert b.api.get(f"{b.url}/rest/api/2/issue/{remote_key}").json()["fields"]["summary"] == "Behind a firewall"

    commented = b.api.post(f"{b.url}/rest/api/2/issue/{remote_key}/comment", json={"body": "Seen on B"})
    assert commented.status_code == 201, commented.text

    def comments_on_a():
        return [c["body"] for c in a.api.get(f"{a.url}/rest/api/2/issue/{key}/comment").json()["comments"]]

    assert await_value(comments_on_a) == ["Administrator commented: Seen on B"]
    await_value(lambda: a.api.get(a.rest("/syncevents"), params={"limit": 0}).json()["total"] == 0)  # B took its ack
