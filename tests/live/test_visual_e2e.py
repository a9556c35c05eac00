"""Visual connections end to end between two real ``serve`` processes, A (the initiator) and B (``live_pair``,
shared by the module's tests: each makes its own connection, and an Automatic scope selects only its own
label). Published on A, the configuration runs on both sides: a scope filter picks exactly the matching issues,
status and priority mappings apply both ways, a Disabled direction sends nothing, and editing the configuration
on A changes both sides. Every wait polls the REST API with a deadline."""

from __future__ import annotations

from factories import AUTH, await_value, visual_body

from live.e2e import Link, arrives, create, edit, fields_of, idle, sync_status, transition


def visual(pair, name: str) -> Link:
    """A new Visual connection from A (DEMO) to B (SUP), both ends made from A."""
    a, b = pair
    answer = a.api.post(a.rest("/connections"), json={
        "destinationUrl": b.url, "mode": "VISUAL", "localShortName": "JiraA", "remoteShortName": "JiraB",
        "name": name, "projectKey": "DEMO", "destinationProjectKey": "SUP",
        "destinationAdmin": {"username": AUTH[0], "password": AUTH[1]}})
    assert answer.status_code == 201, answer.text
    at_a = answer.json()["connection"]["id"]
    [at_b] = [c["id"] for c in b.api.get(b.rest("/connections"), params={"maxResults": 1000}).json()["results"]
              if c["name"] == name]
    return Link(a, b, at_a, at_b)


def publish(link: Link, **changes) -> dict:
    answer = link.a.api.put(link.a.rest(f"/connections/{link.at_a}/visual"), json=visual_body(**changes))
    assert answer.status_code == 200, answer.text
    return answer.json()


def configuration(link: Link, instance) -> dict:
    return instance.api.get(instance.rest(f"/connections/{link.on(instance)}/visual")).json()


def labelled(label: str) -> dict:
    scope = visual_body()["scope"]
    scope["local"]["labels"] = [label]
    return scope


def outgoing_total(instance, connection_id: int) -> int:
    answer = instance.api.get(instance.rest("/syncevents"), params={"connection": str(connection_id), "limit": 0})
    return answer.json()["total"]


def test_a_scope_filter_picks_exactly_the_matching_issues(live_pair):
    link = visual(live_pair, "Visual_scope")
    publish(link, scope=labelled("visual-scope"), syncMethod={"localToRemote": "AUTOMATIC", "remoteToLocal": "MANUAL"})
    picked = create(link.a, summary="Picked by the scope", labels=["visual-scope"])
    left = [create(link.a, summary="Other label", labels=["visual-other"]),
            create(link.a, summary="No label")]
    twin = link.twin(picked)
    assert fields_of(link.b, twin)["summary"] == "Picked by the scope"
    await_value(lambda: idle(link))
    assert [sync_status(link.a, key) for key in left] == [[], []]


def test_status_and_priority_mappings_apply_both_ways(live_pair):
    link = visual(live_pair, "Visual_mappings")
    publish(link, mappings=[
        {"field": "status", "values": [{"local": "In Progress", "remote": "Done"}], "fallback": None},
        {"field": "priority", "values": [{"local": "High", "remote": "Low"}, {"local": "Lowest", "remote": "Highest"}],
         "fallback": None}])
    key = create(link.a, summary="Mapped", priority={"name": "High"})
    transition(link.a, key, "11")  # Start Progress: In Progress, which the mapping makes Done on B
    link.exalate(key)
    twin = link.twin(key)
    arrives(link.b, twin, lambda f: (f["status"]["name"], f["priority"]["name"]), ("Done", "Low"))
    edit(link.b, twin, priority={"name": "Highest"})
    arrives(link.a, key, lambda f: f["priority"]["name"], "Lowest")
    transition(link.b, twin, "41")  # Reopen: To Do, which has no pair and arrives as it is
    arrives(link.a, key, lambda f: f["status"]["name"], "To Do")
    transition(link.b, twin, "31")  # Done, which the mapping makes In Progress on A
    arrives(link.a, key, lambda f: f["status"]["name"], "In Progress")


def test_a_disabled_direction_sends_nothing(live_pair):
    link = visual(live_pair, "Visual_disabled")
    key = create(link.a, summary="Sent while Manual")
    link.exalate(key)
    twin = link.twin(key)
    publish(link, syncMethod={"localToRemote": "DISABLED", "remoteToLocal": "MANUAL"})
    refused = link.a.api.post(link.a.rest(f"/issues/{create(link.a, summary='Never sent')}/exalate"),
                              json={"connection": link.at_a})
    assert refused.status_code == 409 and "Disabled" in refused.json()["errors"]["connection"]
    edit(link.a, key, summary="Changed on A")
    assert outgoing_total(link.a, link.at_a) == 0
    edit(link.b, twin, summary="Changed on B")  # the other direction still syncs
    arrives(link.a, key, lambda f: f["summary"], "Changed on B")
    assert fields_of(link.b, twin)["summary"] == "Changed on B"


def test_editing_the_configuration_on_the_initiator_changes_both_sides(live_pair):
    link = visual(live_pair, "Visual_edited")
    publish(link)
    key = create(link.a, summary="First", description="Sent")
    link.exalate(key)
    twin = link.twin(key)
    rules = visual_body()["rules"]
    rules[1]["direction"] = "REMOTE_TO_LOCAL"  # description: only from B to A from now on
    published = publish(link, rules=rules, mappings=[
        {"field": "priority", "values": [], "fallback": {"local": "Lowest", "remote": "Highest"}}])
    mirrored = configuration(link, link.b)
    assert mirrored["rules"][1] == {"field": "description", "direction": "LOCAL_TO_REMOTE"}
    assert mirrored["compiled"] == {"local": published["compiled"]["remote"], "remote": published["compiled"]["local"]}
    rules_b = link.b.api.get(link.b.rest(f"/connections/{link.at_b}/rules")).json()
    assert rules_b["incoming"] == published["compiled"]["remote"]["incoming"]
    edit(link.a, key, summary="Second", description="Kept on A")
    arrives(link.b, twin, lambda f: (f["summary"], f["description"], f["priority"]["name"]),
            ("Second", "Sent", "Highest"))
    edit(link.b, twin, description="From B")
    arrives(link.a, key, lambda f: (f["description"], f["priority"]["name"]), ("From B", "Lowest"))
