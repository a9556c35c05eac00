"""The sync workers switch of General Settings: off, nothing is delivered or applied and events keep
queueing; on, they flow, and the worker is woken."""

from __future__ import annotations

from factories import ADMIN, create_issue_at, exalate_at, settle, sync_status


def switch(app, on: bool) -> None:
    with app.app_context():
        app.extensions["exalate"].settings.update(sync_workers=on)


def pending(app) -> tuple[int, int]:
    with app.app_context():
        sync = app.extensions["exalate"].sync
        return sync.pending_events(), sync.pending_requests()


def test_sync_workers_are_on_by_default(app, exalate):
    assert exalate.settings.get().sync_workers is True


def test_with_the_workers_off_an_event_stays_queued(app, app_b, client, sync_connection):
    switch(app, False)
    key = create_issue_at(client)["key"]
    exalate_at(client, key, sync_connection[0]["connection"]["id"])

    settle(app, app_b)

    assert pending(app) == (1, 0)
    assert sync_status(client, key)["twins"][0]["status"] == "WAITING"


def test_with_the_receivers_workers_off_a_request_is_stored_but_not_applied(app, app_b, client, client_b,
                                                                             sync_connection):
    switch(app_b, False)
    exalate_at(client, create_issue_at(client)["key"], sync_connection[0]["connection"]["id"])

    settle(app, app_b)

    assert pending(app_b) == (0, 1)
    assert client_b.get("/rest/api/2/issue/SUP-1", headers=ADMIN).status_code == 404


def test_switched_on_again_the_queued_events_flow(app, app_b, client, sync_connection):
    switch(app, False)
    key = create_issue_at(client)["key"]
    exalate_at(client, key, sync_connection[0]["connection"]["id"])
    settle(app, app_b)

    switch(app, True)
    settle(app, app_b)

    assert pending(app) == (0, 0)
    assert sync_status(client, key)["twins"][0]["status"] == "SYNCHRONIZED"


class Woken:
    def __init__(self):
        self.times = 0

    def wake(self) -> None:
        self.times += 1


def test_switching_the_workers_on_wakes_the_worker(app, monkeypatch):
    woken = Woken()
    monkeypatch.setattr(app.extensions["exalate"].sync, "worker", woken)

    switch(app, False)
    switch(app, True)

    assert woken.times == 1
