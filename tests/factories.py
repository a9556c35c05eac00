"""What tests build, written once: credentials, the app configuration tests use, an initiate body
(REST) and the same as backend arguments, a connection, and two connected instances."""

from __future__ import annotations

import base64
import re

import requests

REST = "/rest/issuehub/4.0"
OWN_URL = "http://jira-a.test:2990"  # the ``app`` fixture's BASE_URL: a destination here is LOCAL
URL_B = "http://jira-b.test:2990"  # the ``app_b`` fixture's
# Every test builds fresh instances; scrypt seeding would cost ~0.15 s each. Real servers started by
# tests (tests/live/instances.py) keep the default.
FAST_PASSWORD_HASH = "pbkdf2:sha256:1000"


def basic(username: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


ADMIN = basic("admin", "admin")
USER = basic("user", "user")
AUTH = ("admin", "admin")  # the same administrator, for ``requests``


def instance_config(**overrides) -> dict:
    """``create_app`` configuration for an instance made by a test: cheap password hashes, short
    outbound timeouts; ``overrides`` win (``SQLALCHEMY_DATABASE_URI`` is the caller's to give)."""
    return {
        "TESTING": True,
        "BASE_URL": OWN_URL,
        "OUTBOUND_CONNECT_TIMEOUT": 1.0,
        "OUTBOUND_READ_TIMEOUT": 2.0,
        "PASSWORD_HASH_METHOD": FAST_PASSWORD_HASH,
        "SYNC_WORKER": False,  # tests step the sync queues themselves (exalate.sync.run_until_idle())
        **overrides,
    }


instance_config.__test__ = False  # a helper, not a test, wherever it is imported


# ------------------------------------------------------------------------ initiate


def initiate_body(**overrides) -> dict:
    """The body of ``POST /connections``: a private Script connection from DEMO, camelCase."""
    body = {
        "destinationUrl": None,
        "mode": "SCRIPT",
        "localShortName": "JiraA",
        "remoteShortName": "JiraB",
        "name": "JiraA_to_JiraB",
        "description": "",
        "projectKey": "DEMO",
    }
    body.update(overrides)
    return body


def initiate_arguments(**overrides) -> dict:
    """The same initiation as keyword arguments of the backend's ``initiate_connection``."""
    arguments = {_snake_case(key): value for key, value in initiate_body().items()}
    arguments.update(overrides)
    return arguments


def _snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def initiate(exalate, **overrides):
    """Initiate through the backend (in an application context); the ``Initiated`` result."""
    return exalate.initiation.initiate(**initiate_arguments(**overrides))


def create_connection(client, **overrides) -> dict:
    """``POST /connections`` through a Flask test client as the administrator; the 201 body."""
    response = client.post(REST + "/connections", json=initiate_body(**overrides), headers=ADMIN)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def accept(client, code: str, project_key: str = "SUP"):
    """``POST /invitations/accept`` through a Flask test client as the administrator."""
    return client.post(REST + "/invitations/accept", json={"invitationCode": code, "projectKey": project_key},
                       headers=ADMIN)


def connect(client_a, client_b, project_key: str = "SUP", **overrides) -> tuple[dict, dict]:
    """Two in-process instances on one routed network (see the ``network`` fixture): initiate on
    A, accept on B. The initiation's 201 body and B's end."""
    initiated = create_connection(client_a, **overrides)
    accepted = accept(client_b, initiated["invitationCode"], project_key)
    assert accepted.status_code == 201, accepted.get_data(as_text=True)
    return initiated, accepted.get_json()["connection"]


def visual_connection(client_a, destination: str = URL_B, project_key: str = "SUP") -> dict:
    """A Visual connection from A (DEMO) to ``destination`` (its project ``project_key``), both ends made from A
    with B's administrator; the 201 body."""
    return create_connection(client_a, destinationUrl=destination, mode="VISUAL", destinationProjectKey=project_key,
                             destinationAdmin={"username": "admin", "password": "admin"})


def visual_body(**overrides) -> dict:
    """A Visual configuration on the wire: DEMO to SUP, both directions Manual, the nine default rules."""
    body = {
        "scope": {side: {"projectKey": key, "issueTypes": [], "priorities": [], "statuses": [], "labels": []}
                  for side, key in (("local", "DEMO"), ("remote", "SUP"))},
        "syncMethod": {"localToRemote": "MANUAL", "remoteToLocal": "MANUAL"},
        "rules": [{"field": name, "direction": "NONE" if name == "assignee" else "BOTH"} for name in VISUAL_FIELDS],
        "mappings": [],
        "scripts": {"localToRemote": "", "remoteToLocal": ""},
    }
    body.update(overrides)
    return body


VISUAL_FIELDS = ("summary", "description", "comments", "attachments", "labels", "priority", "status", "issueType",
                 "assignee")


# ----------------------------------------------------------- over HTTP (mock or live)


def initiate_at(url: str, session=requests, **overrides) -> requests.Response:
    """``POST /connections`` on the instance at ``url`` with ``requests`` (to a ``mock_exalate``
    instance or a live one), as the administrator; the response, whatever it is."""
    return session.post(url + REST + "/connections", auth=AUTH, json=initiate_body(**overrides))


def created_at(url: str, session=requests, **overrides) -> dict:
    """As ``initiate_at``, expecting success; the 201 body."""
    response = initiate_at(url, session, **overrides)
    assert response.status_code == 201, response.text
    return response.json()


def accept_at(url: str, code: str, project_key: str = "SUP", session=requests) -> requests.Response:
    return session.post(url + REST + "/invitations/accept", auth=AUTH,
                        json={"invitationCode": code, "projectKey": project_key})


def connect_at(url_a: str, url_b: str, session=requests, **overrides) -> tuple[dict, dict]:
    """Two instances reached over HTTP (``mock_exalate`` or live processes): initiate on A
    towards B, accept on B. The initiation's 201 body and B's end."""
    initiated = created_at(url_a, session, destinationUrl=url_b, **overrides)
    accepted = accept_at(url_b, initiated["invitationCode"], session=session)
    assert accepted.status_code == 201, accepted.text
    return initiated, accepted.json()["connection"]


# ------------------------------------------------------------------- issues


def add_issue(summary: str = "An issue", *, project: str = "DEMO", issue_type: str = "Task", status: str = "To Do",
              priority: str | None = "Medium", resolution: str | None = None, assignee: str | None = None,
              reporter: str = "admin", labels: tuple[str, ...] = (), description: str | None = None,
              comments: tuple[str, ...] = (), **columns):
    """An issue written straight through the models (no domain rules), named values looked up by
    name; ``columns`` sets any other column (``created=…``). Needs an application context; flushes."""
    from sqlalchemy import select

    from plugin.db import db
    from plugin.jira.models import Comment, Issue, IssueLabel, IssueType, Priority, Project, Resolution, Status, User

    def named(model, name, column="name"):
        return None if name is None else db.session.scalar(select(model).where(getattr(model, column) == name))

    owner = named(Project, project, "key")
    owner.issue_counter += 1
    author = named(User, reporter, "username")
    issue = Issue(project=owner, number=owner.issue_counter, key=f"{project}-{owner.issue_counter}",
                  summary=summary, description=description, issue_type=named(IssueType, issue_type),
                  status=named(Status, status), priority=named(Priority, priority),
                  resolution=named(Resolution, resolution), assignee=named(User, assignee, "username"),
                  reporter=author, label_rows=[IssueLabel(label=label) for label in labels], **columns)
    issue.comments = [Comment(author=author, body=body) for body in comments]
    db.session.add(issue)
    db.session.flush()
    return issue


# ------------------------------------------------------------------- reading back


def committed(sql: str) -> list:
    """Rows as another database connection sees them: only what was committed. Needs an
    application context."""
    from sqlalchemy import text

    from plugin.db import db

    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


# ------------------------------------------------------------------ in-process mock


CHEAP_HASH = {"PASSWORD_HASH_METHOD": FAST_PASSWORD_HASH}


def mock_exalate(*instances, requests_mock=None, sync: bool = False):
    """``plugin.mock.mock_exalate`` with the tests' cheap password hash in every instance's
    configuration (``nodes.add_instance(url, **CHEAP_HASH)`` for instances added later)."""
    from plugin.mock import mock_exalate as real_mock_exalate

    configured = [(item, {}) if isinstance(item, str) else item for item in instances]
    return real_mock_exalate(*[(url, {**CHEAP_HASH, **config}) for url, config in configured],
                             requests_mock=requests_mock, sync=sync)


def issue_fields(**overrides) -> dict:
    """The fields of a new Task in DEMO, as a body's ``fields`` (and the domain) take them."""
    return {"project": {"key": "DEMO"}, "issuetype": {"name": "Task"}, "summary": "Printer on fire", **overrides}


# ------------------------------------------------------------------- issue sync


def settle(*apps, rounds: int = 50) -> None:
    """Step the sync queues of ``apps`` (in-process instances) until none of them has work due."""
    from plugin.mock import settle as settle_apps

    settle_apps(list(apps), rounds)


def create_issue_at(client, **fields) -> dict:
    """``POST /rest/api/2/issue`` through a Flask test client as the administrator; the 201 body."""
    response = client.post("/rest/api/2/issue", json={"fields": issue_fields(**fields)}, headers=ADMIN)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def exalate_at(client, key: str, connection) -> dict:
    """``POST /issues/{key}/exalate`` through a Flask test client as the administrator; the 202 body."""
    response = client.post(f"{REST}/issues/{key}/exalate", json={"connection": connection}, headers=ADMIN)
    assert response.status_code == 202, response.get_data(as_text=True)
    return response.get_json()


def fields_at(client, key: str) -> dict:
    """An issue's ``fields`` as ``GET /rest/api/2/issue/{key}`` answers them."""
    response = client.get(f"/rest/api/2/issue/{key}", headers=ADMIN)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["fields"]


def comment_at(client, key: str, body: str) -> str:
    """A comment added as the administrator; its id."""
    response = client.post(f"/rest/api/2/issue/{key}/comment", json={"body": body}, headers=ADMIN)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["id"]


def sync_status(client, key: str) -> dict:
    response = client.get(f"{REST}/issues/{key}/sync-status", headers=ADMIN)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


# ------------------------------------------------------------------- sync rules


def set_rules(client, connection_id: int, text: str, side: str = "incoming") -> str:
    """A connection's ``side`` rules (incoming or outgoing) replaced through REST; the rules they replace."""
    url = f"{REST}/connections/{connection_id}/rules"
    rules = client.get(url, headers=ADMIN).get_json()
    response = client.put(url, headers=ADMIN, json={**rules, side: text})
    assert response.status_code == 200, response.get_data(as_text=True)
    return rules[side]


def script_issue(**overrides):
    """A realistic local issue as the script world reads it (``IssueSnapshot``): DEMO-7, In Progress, with
    labels, an assignee, two comments and an attachment, over the default catalog's users."""
    from plugin.exalate.scripting import IssueSnapshot, default_catalog
    from plugin.exalate.scripting.snapshot import AttachmentSnapshot, CommentSnapshot

    catalog = default_catalog()
    admin, user = catalog.user_by_username("admin"), catalog.user_by_username("user")
    values = dict(
        id="7", key="DEMO-7", project_key="DEMO", issue_type="Task", summary="Printer on fire", status="In Progress",
        description="Smoke from tray 2", priority="High", labels=("printer", "urgent"), assignee=user, reporter=admin,
        created=1764590400000, updated=1764594000000,
        comments=(CommentSnapshot("101", "Unplugged it", admin, 1764590500000, 1764590500000),
                  CommentSnapshot("102", "Still smoking", user, 1764590600000, 1764590600000)),
        attachments=(AttachmentSnapshot("201", "tray.jpg", "image/jpeg", 2048, user, 1764590700000),))
    return IssueSnapshot(**{**values, **overrides})


# ------------------------------------------------------------------- sync operations


class RecordingSync:
    """Stands for the sync engine's operations (``plugin.exalate.triggers.SyncOperations``): records each call
    as (operation, connection, issue key, actor's name); the issue keys in ``refuse`` are refused as the
    engine refuses an issue it cannot take."""

    def __init__(self, refuse: tuple[str, ...] = ()):
        self.calls: list[tuple[str, object, str, str]] = []
        self.refuse = refuse

    def exalate_issue(self, connection_ref, issue_key: str, actor) -> None:
        self._record("exalate", connection_ref, issue_key, actor)

    def unexalate_issue(self, connection_ref, issue_key: str, actor) -> None:
        self._record("unexalate", connection_ref, issue_key, actor)

    def _record(self, operation: str, connection_ref, issue_key: str, actor) -> None:
        from plugin.errors import Conflict
        from plugin.jira.events import actor_name

        if issue_key in self.refuse:
            raise Conflict(f"The issue {issue_key} is not under sync.")
        self.calls.append((operation, connection_ref, issue_key, actor_name(actor)))


# ------------------------------------------------------------------- waiting on live processes


def await_value(read, deadline: float = 20.0, interval: float = 0.05):
    """The first truthy value ``read()`` gives, polled every ``interval`` seconds until ``deadline`` seconds
    passed (only a bound: the sync workers are woken by new work)."""
    import time

    end = time.monotonic() + deadline
    while True:
        value = read()
        if value or time.monotonic() > end:
            assert value, "nothing arrived before the deadline"
            return value
        time.sleep(interval)


def synchronized_remote_key(instance, key: str) -> str | None:
    """The remote key of the first twin of ``key`` on a live ``instance``, once it is synchronized."""
    twins = instance.api.get(instance.rest(f"/issues/{key}/sync-status")).json()["twins"]
    return twins[0]["remoteIssueKey"] if twins and twins[0]["status"] == "SYNCHRONIZED" else None


def exalate_and_comment_back(a, b, connection, summary: str) -> tuple[str, str]:
    """On live instances: an issue created on ``a`` and exalated over ``connection`` (id or name) gets its twin on
    ``b``; a comment made there comes back to ``a``. The two keys."""
    created = a.api.post(a.url + "/rest/api/2/issue", json={"fields": issue_fields(summary=summary)})
    assert created.status_code == 201, created.text
    key = created.json()["key"]
    answer = a.api.post(a.rest(f"/issues/{key}/exalate"), json={"connection": connection})
    assert answer.status_code == 202, answer.text

    remote_key = await_value(lambda: synchronized_remote_key(a, key))
    assert b.api.get(f"{b.url}/rest/api/2/issue/{remote_key}").json()["fields"]["summary"] == summary
    commented = b.api.post(f"{b.url}/rest/api/2/issue/{remote_key}/comment", json={"body": "Seen on B"})
    assert commented.status_code == 201, commented.text

    def comments_on_a():
        return [c["body"] for c in a.api.get(f"{a.url}/rest/api/2/issue/{key}/comment").json()["comments"]]

    assert await_value(comments_on_a) == ["Administrator commented: Seen on B"]
    return key, remote_key
