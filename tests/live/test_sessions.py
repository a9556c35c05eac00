"""Logging in against real servers: two instances on one host keep their own session cookies
in one browser, and a race of wrong passwords across worker processes checks at most five (each racer
guesses a password of its own, as a guesser does: racers with the same credentials share one check)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import requests

SESSION = "/rest/auth/1/session"
RACERS = 24


def _log_in(browser: requests.Session, url: str, password: str = "admin") -> requests.Response:
    return browser.post(url + SESSION, json={"username": "admin", "password": password}, timeout=30)


def test_two_instances_on_one_host_keep_their_sessions_in_one_browser(two_instances):
    a, b = two_instances
    browser = requests.Session()  # like a browser, it keeps cookies per host whatever the port
    assert _log_in(browser, a.url).status_code == 200
    assert _log_in(browser, b.url).status_code == 200
    assert browser.get(a.url + SESSION, timeout=30).json()["name"] == "admin"
    assert browser.get(b.url + SESSION, timeout=30).json()["name"] == "admin"


def test_racing_wrong_passwords_across_workers_check_at_most_five(live_instances):
    (instance,) = live_instances(1)  # one worker per CPU, at most 4
    barrier = threading.Barrier(RACERS)

    def attempt(password):
        barrier.wait()
        return _log_in(requests.Session(), instance.url, password)

    with ThreadPoolExecutor(RACERS) as pool:
        responses = list(pool.map(attempt, [f"wrong-{n}" for n in range(RACERS - 1)] + ["admin"]))
    statuses = [response.status_code for response in responses]
    assert set(statuses) <= {200, 401, 429}, [response.text for response in responses]
    assert statuses.count(401) + statuses.count(200) <= 5, statuses
    assert statuses.count(429) >= RACERS - 5, statuses


BURST = 40


def test_a_burst_of_basic_auth_calls_across_workers_is_answered(live_instances):
    (instance,) = live_instances(1)  # nothing proven yet in any worker
    barrier = threading.Barrier(BURST)

    def call(_):
        barrier.wait()
        return requests.get(instance.url + "/rest/api/2/myself", auth=("admin", "admin"), timeout=60).status_code

    with ThreadPoolExecutor(BURST) as pool:
        assert list(pool.map(call, range(BURST))) == [200] * BURST
