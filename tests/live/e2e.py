"""What the end-to-end sync tests between two live instances (the ``live_pair`` fixture) do and read, over
REST: a connection between them, issues, their fields, comments and twins, triggers."""

from __future__ import annotations

from dataclasses import dataclass

from factories import await_value, connect_at, issue_fields

from live.instances import LiveInstance


@dataclass
class Link:
    """One connection between A and B: its id on each side."""

    a: LiveInstance
    b: LiveInstance
    at_a: int
    at_b: int

    def on(self, instance: LiveInstance) -> int:
        """The connection's id on ``instance``."""
        return self.at_a if instance is self.a else self.at_b

    def exalate(self, key: str) -> None:
        answer = self.a.api.post(self.a.rest(f"/issues/{key}/exalate"), json={"connection": self.at_a})
        assert answer.status_code == 202, answer.text

    def unexalate(self, key: str) -> None:
        answer = self.a.api.post(self.a.rest(f"/issues/{key}/unexalate"), json={"connection": self.at_a})
        assert answer.status_code == 204, answer.text

    def exalated(self, **fields) -> tuple[str, str]:
        """A new issue on A (``fields`` over a DEMO Task's), exalated: its key and its twin's, once synchronized."""
        key = create(self.a, **fields)
        self.exalate(key)
        return key, self.twin(key)

    def twin(self, key: str, instance: LiveInstance | None = None) -> str:
        """The key of the issue's twin once it is synchronized (``key`` on A, or on ``instance``)."""
        instance = instance or self.a

        def synchronized() -> str | None:
            twins = instance.api.get(instance.rest(f"/issues/{key}/sync-status")).json()["twins"]
            mine = [twin for twin in twins if twin["connection"]["id"] == self.on(instance)]
            return mine[0]["remoteIssueKey"] if mine and mine[0]["status"] == "SYNCHRONIZED" else None

        return await_value(synchronized)

    def rules(self, instance: LiveInstance, incoming: str) -> str:
        """The connection's incoming rules on ``instance`` replaced; the rules they replace."""
        url = instance.rest(f"/connections/{self.on(instance)}/rules")
        rules = instance.api.get(url).json()
        answer = instance.api.put(url, json={**rules, "incoming": incoming})
        assert answer.status_code == 200, answer.text
        return rules["incoming"]


def connect(pair, name: str, **overrides) -> Link:
    """A new connection from A to B (B takes it into SUP)."""
    a, b = pair
    initiated, accepted = connect_at(a.url, b.url, name=name, **overrides)
    return Link(a, b, initiated["connection"]["id"], accepted["id"])


def create(instance: LiveInstance, **fields) -> str:
    created = instance.api.post(instance.url + "/rest/api/2/issue", json={"fields": issue_fields(**fields)})
    assert created.status_code == 201, created.text
    return created.json()["key"]


def fields_of(instance: LiveInstance, key: str) -> dict:
    answer = instance.api.get(f"{instance.url}/rest/api/2/issue/{key}")
    assert answer.status_code == 200, answer.text
    return answer.json()["fields"]


def edit(instance: LiveInstance, key: str, **fields) -> None:
    answer = instance.api.put(f"{instance.url}/rest/api/2/issue/{key}", json={"fields": fields})
    assert answer.status_code == 204, answer.text


def transition(instance: LiveInstance, key: str, transition_id: str) -> None:
    answer = instance.api.post(f"{instance.url}/rest/api/2/issue/{key}/transitions",
                               json={"transition": {"id": transition_id}})
    assert answer.status_code == 204, answer.text


def arrives(instance: LiveInstance, key: str, read, expected):
    """Wait until ``read(fields)`` of the issue is ``expected``."""
    return await_value(lambda: read(fields_of(instance, key)) == expected)


def shown(fields: dict) -> tuple:
    return (fields["summary"], fields["description"], sorted(fields["labels"]), fields["priority"]["name"],
            fields["status"]["name"])


def comment_bodies(instance: LiveInstance, key: str) -> list[str]:
    return [c["body"] for c in instance.api.get(f"{instance.url}/rest/api/2/issue/{key}/comment").json()["comments"]]


def search(instance: LiveInstance, jql: str, limit: int = 50) -> dict:
    answer = instance.api.get(instance.url + "/rest/api/2/search", params={"jql": jql, "maxResults": limit})
    assert answer.status_code == 200, answer.text
    return answer.json()


def sync_status(instance: LiveInstance, key: str) -> list[dict]:
    return instance.api.get(instance.rest(f"/issues/{key}/sync-status")).json()["twins"]


def add_trigger(link: Link, query: str, instance: LiveInstance | None = None) -> int:
    """A trigger of the connection on A (or on ``instance``): its id."""
    instance = instance or link.a
    answer = instance.api.post(instance.rest(f"/connections/{link.on(instance)}/triggers"), json={"query": query})
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def idle(link: Link) -> bool:
    """Nothing of the connection waits in either side's outgoing or incoming queue."""
    return all(instance.api.get(instance.rest(queue), params={"connection": str(link.on(instance)),
                                                              "limit": 0}).json()["total"] == 0
               for instance in (link.a, link.b) for queue in ("/syncevents", "/syncrequests"))
