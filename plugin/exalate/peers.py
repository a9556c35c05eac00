"""The other node's REST API as Python calls. Paths, status codes and what a refusal means live
here; the domain asks a question and gets an answer or a domain error. Every call goes through
the one guarded outbound client."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Conflict, DomainError, RemoteNodeError, RemoteNodeRefused, RemoteNodeTimeout, ValidationFailed
from ..fields import PROJECT_KEY_PATTERN, PROJECT_NAME_MAX, URL_MAX
from ..outbound import OutboundClient, OutboundError, Reply, check_url
from . import nodeauth
from .models import Connection
from .node import NodeInfo

MYSELF_PATH = "/rest/api/2/myself"  # Jira's own REST API, the same on every Jira
PROJECTS_PATH = "/rest/api/2/project"
ADMINISTRATORS_GROUP = "jira-administrators"
REJECTED_CREDENTIALS = "The destination rejected these administrator credentials."


@dataclass(frozen=True)
class ProjectRef:
    """A project, by key and name: another instance's, as its Jira REST API names it, or this one's."""

    key: str
    name: str


class PeerClient:
    def __init__(self, outbound: OutboundClient, rest_prefix: str):
        self.outbound = outbound
        self.prefix = rest_prefix

    @property
    def allow_private(self) -> bool:
        return self.outbound.allow_private

    def check_url(self, url: str | None) -> str:
        """``url`` normalised if this node may call it and store it (a connection's remote URL,
        the compatibility cache's key: at most ``URL_MAX`` characters on every database);
        OutboundError saying why not otherwise."""
        url = check_url(url, allow_private=self.outbound.allow_private)
        if len(url) > URL_MAX:
            raise OutboundError("INVALID_URL", f"The URL must be at most {URL_MAX} characters.")
        return url

    # ------------------------------------------------------------------ discovery

    def node_info(self, url: str) -> NodeInfo:
        """What the node at ``url`` says it is. Raises OutboundError with a named problem: the
        compatibility check reports it rather than failing."""
        reply = self.outbound.get_json(url + self.prefix + "/info")
        if reply.status != 200:
            if reply.status == 404:
                raise OutboundError("NOT_EXALATE", f"{url} answered, but Exalate is not installed there.")
            raise OutboundError("HTTP_ERROR", f"{url} answered with HTTP {reply.status}.")
        body = reply.body
        if not reply.is_json or not isinstance(body, dict):
            raise OutboundError("NOT_EXALATE", f"{url} answered, but not as an Exalate node.")
        wanted = ("platform", "platformVersion", "exalateVersion", "baseUrl")
        if not all(isinstance(body.get(k), str) and len(body[k]) <= URL_MAX for k in wanted):
            raise OutboundError("MALFORMED_ANSWER", f"{url} gave an incomplete Exalate node description.")
        try:  # the node's own word for its URL, if it is one we could call; else the URL that answered
            exalate_url = self.check_url(body.get("exalateUrl"))
        except OutboundError:
            exalate_url = url
        return NodeInfo(
            platform=body["platform"],
            platform_version=body["platformVersion"],
            exalate_version=body["exalateVersion"],
            base_url=body["baseUrl"],
            exalate_url=exalate_url,
            public=body.get("public") is not False,
        )

    # ------------------------------------------------- setting a connection up

    def verify_admin(self, destination: str, credentials: tuple[str, str]) -> None:
        """Refuse unless ``credentials`` are a Jira administrator's on ``destination``."""
        reply = self._call(destination, "GET", MYSELF_PATH, auth=credentials)
        if reply.status in (401, 403):
            raise ValidationFailed.field("destination_admin", REJECTED_CREDENTIALS)
        groups = reply.body.get("groups", {}).get("items", []) if isinstance(reply.body, dict) else None
        if reply.status != 200 or not isinstance(groups, list):
            raise RemoteNodeError(f"The destination instance {destination} could not verify admin access "
                                  f"(HTTP {reply.status}).")
        if not any(isinstance(g, dict) and g.get("name") == ADMINISTRATORS_GROUP for g in groups):
            raise ValidationFailed.field("destination_admin", f"{credentials[0]} is not an administrator of "
                                                              "the destination instance.")

    def projects(self, destination: str, credentials: tuple[str, str]) -> list[ProjectRef]:
        """The projects ``credentials`` see on ``destination``, as its Jira REST API lists them."""
        reply = self._call(destination, "GET", PROJECTS_PATH, auth=credentials)
        if reply.status in (401, 403):
            raise ValidationFailed.field("destination_admin", REJECTED_CREDENTIALS)
        listed = reply.body if reply.status == 200 and isinstance(reply.body, list) else None
        if listed is None or not all(isinstance(p, dict) and isinstance(p.get("key"), str) for p in listed):
            raise RemoteNodeError(f"The destination instance {destination} did not list its projects "
                                  f"(HTTP {reply.status}).")
        # A key this instance could not store on a connection is one nobody can choose: left out.
        return [ProjectRef(p["key"], str(p.get("name") or p["key"])[:PROJECT_NAME_MAX])
                for p in listed if PROJECT_KEY_PATTERN.match(p["key"])]

    def accept_invitation(self, destination: str, credentials: tuple[str, str], *, invitation_code: str,
                          project_key: str) -> None:
        """Accept an invitation on ``destination`` as its administrator (Visual mode)."""
        reply = self._call(destination, "POST", self.prefix + "/invitations/accept", auth=credentials,
                           body={"invitationCode": invitation_code, "projectKey": project_key})
        if reply.status != 201:
            raise _refusal(reply, f"The destination instance {destination}", field="destination_url",
                           renames={"projectKey": "destination_project_key"})

    def complete_handshake(self, initiator_url: str, *, invitation_code: str, acceptor_url: str,
                           acceptor_uid: str) -> str:
        """Ask the initiator to verify the code and activate its end; the URL to call it at."""
        body = {"invitationCode": invitation_code, "acceptor": {"url": acceptor_url, "connectionUid": acceptor_uid}}
        reply = self._call(initiator_url, "POST", self.prefix + "/node/handshake", body=body)
        who = f"The initiating instance {initiator_url}"
        if reply.status != 200 or not isinstance(reply.body, dict):
            raise _refusal(reply, who, field="invitation_code")
        try:
            url = self.check_url(reply.body.get("url") or initiator_url)
        except OutboundError as exc:
            raise RemoteNodeError(f"{who} answered with an unusable URL: {exc.message}") from exc
        return url

    # ------------------------------------------------- between the two ends

    def partner_exists(self, connection: Connection) -> bool:
        """Whether the other end of ``connection`` is still there, asked with the shared secret."""
        reply = self._call(connection.remote_url, "GET", self._partner_path(connection),
                           headers=_token_for(connection))
        if reply.status == 404:
            return False
        if reply.status == 401:
            raise RemoteNodeError(f"The instance {connection.remote_url} refused this instance's credentials for "
                                  f"connection {connection.name}.")
        if reply.status != 200:
            raise RemoteNodeError(f"The instance {connection.remote_url} failed to answer for connection "
                                  f"{connection.name} (HTTP {reply.status}).")
        return True

    def withdraw(self, connection: Connection) -> None:
        """Ask the other end to go: this end's set-up failed after the other end was made."""
        self._call(connection.remote_url, "DELETE", self._partner_path(connection), headers=_token_for(connection))

    def visual_catalog(self, connection: Connection) -> dict:
        """The other end's projects, issue types, priorities and statuses, for a Visual configuration."""
        _callable(connection)
        reply = self._call(connection.remote_url, "GET", self._partner_path(connection) + "/visual/catalog",
                           headers=_token_for(connection))
        body = reply.body if reply.status == 200 and isinstance(reply.body, dict) else {}
        if not all(isinstance(body.get(k), list) for k in ("projects", "issueTypes", "priorities", "statuses")):
            raise RemoteNodeError(f"The destination {connection.remote_url} did not give its projects, issue types, "
                                  f"priorities and statuses for connection {connection.name} (HTTP {reply.status}).")
        return body

    def mirror_visual(self, connection: Connection, half: dict) -> None:
        """Hand the other end its half of a published Visual configuration."""
        _callable(connection)
        reply = self._call(connection.remote_url, "POST", self._partner_path(connection) + "/visual",
                           body=half, headers=_token_for(connection))
        if reply.status != 204:
            raise RemoteNodeError(f"The destination {connection.remote_url} did not take the Visual configuration "
                                  f"of connection {connection.name} (HTTP {reply.status}): nothing was published.")

    # ------------------------------------------------- issue sync

    def deliver_sync(self, connection: Connection, message: dict) -> None:
        """Hand one sync event to the other end, which stores it (a repeated event is stored once) and
        answers 202. Raises ``RemoteNodeError`` (timeouts: ``RemoteNodeTimeout``) when it did not take it."""
        self._expect(connection, self._partner_path(connection) + "/sync", message, 202)

    def acknowledge_sync(self, connection: Connection, acknowledgement: dict) -> None:
        """Tell the other end that its event was applied here: the key made here and the traces."""
        self._expect(connection, self._partner_path(connection) + "/sync/ack", acknowledgement, 200)

    def pending_sync(self, connection: Connection, limit: int) -> list[dict]:
        """From the private end of a private connection: the events waiting for it on the public end, oldest
        first (at most ``limit``), each with its ``eventId``."""
        reply = self._call(connection.remote_url, "GET", self._partner_path(connection) + "/sync/pending",
                           headers=_token_for(connection), params={"limit": limit})
        results = reply.body.get("results") if reply.status == 200 and isinstance(reply.body, dict) else None
        if not isinstance(results, list) or not all(
                isinstance(item, dict) and isinstance(item.get("eventId"), str) for item in results):
            raise RemoteNodeError(f"The instance {connection.remote_url} did not hand over the sync events of "
                                  f"connection {connection.name} (HTTP {reply.status}).")
        return results

    def took_sync(self, connection: Connection, event_ids: list[str]) -> None:
        """Tell the public end that these fetched events are stored here: they are delivered."""
        self._expect(connection, self._partner_path(connection) + "/sync/taken", {"eventIds": event_ids}, 200)

    def fetch_attachment(self, connection: Connection, attachment_id: str, max_bytes: int) -> dict:
        """An attachment of the other end's issue under sync, of at most ``max_bytes``: ``{"filename",
        "mimeType", "content"}`` (content base64)."""
        _callable(connection)
        encoded = -(-max_bytes // 3) * 4 + 4096  # base64, and the answer's other fields
        reply = self._call(connection.remote_url, "GET",
                           f"{self._partner_path(connection)}/attachments/{attachment_id}",
                           headers=_token_for(connection), max_bytes=encoded)
        body = reply.body if isinstance(reply.body, dict) else {}
        if reply.status != 200 or not isinstance(body.get("content"), str):
            raise RemoteNodeError(f"The instance {connection.remote_url} did not give attachment {attachment_id} "
                                  f"for connection {connection.name} (HTTP {reply.status}).")
        return body

    def _expect(self, connection: Connection, path: str, body: dict, status: int) -> None:
        _callable(connection)
        reply = self._call(connection.remote_url, "POST", path, body=body, headers=_token_for(connection))
        if reply.status != status:
            refused = RemoteNodeRefused if reply.status in (401, 403) else RemoteNodeError
            raise refused(f"The instance {connection.remote_url} refused a sync message for connection "
                          f"{connection.name} (HTTP {reply.status}).")

    def _partner_path(self, connection: Connection) -> str:
        return f"{self.prefix}/node/connections/{connection.remote_uid}"

    def _call(self, base_url: str, method: str, path: str, *, body: dict | None = None, auth=None,
              headers: dict | None = None, max_bytes: int | None = None, params: dict | None = None) -> Reply:
        """One call to another node; transport failures become 502/504 naming that node."""
        try:
            if method == "GET":
                return self.outbound.get_json(base_url + path, auth=auth, headers=headers, max_bytes=max_bytes,
                                              params=params)
            if method == "DELETE":
                return self.outbound.delete(base_url + path, auth=auth, headers=headers)
            return self.outbound.post_json(base_url + path, body or {}, auth=auth, headers=headers)
        except OutboundError as exc:
            error_class = RemoteNodeTimeout if exc.timed_out else RemoteNodeError
            raise error_class(f"The instance {base_url} could not be reached: {exc.message}") from exc


def _callable(connection: Connection) -> None:
    """Sync messages never go to the private end of a private connection: it cannot be reached, and
    fetches them itself."""
    if connection.is_pulled:
        raise RemoteNodeError(f"The other end of connection {connection.name} is private: it is not called, "
                              "it fetches what waits for it.")


def _token_for(connection: Connection) -> dict[str, str]:
    token = nodeauth.issue(connection.shared_secret, sender=connection.uid, receiver=connection.remote_uid)
    return {nodeauth.HEADER: token}


def _refusal(reply: Reply, who: str, *, field: str, renames: dict[str, str] | None = None) -> DomainError:
    """The domain error for another node's refusal: its messages carried over onto our field,
    or onto the field of ours that ``renames`` pairs with one of its wire names."""
    body = reply.body if isinstance(reply.body, dict) else {}
    remote_errors = body.get("errors") if isinstance(body.get("errors"), dict) else {}
    errors = {(renames or {}).get(key, field): message[:500]
              for key, message in remote_errors.items() if isinstance(message, str)}
    remote_messages = body.get("errorMessages") if isinstance(body.get("errorMessages"), list) else []
    messages = [m[:500] for m in remote_messages if isinstance(m, str)][:5]
    if reply.status == 409:
        message = messages[0] if messages else "This invitation has already been accepted."
        return Conflict(message, errors or {field: message})
    if reply.status in (400, 401, 403, 404):
        return ValidationFailed(" ".join(messages), errors or {field: f"{who} refused it (HTTP {reply.status})."})
    return RemoteNodeError(f"{who} failed to complete the request (HTTP {reply.status}).")
