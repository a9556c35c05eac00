"""The Exalate node's behaviour: one method per operation the product exposes.

This is the only module that writes to the database. Each operation is one transaction; it
raises a domain error (``plugin.errors``) and leaves the database as it was when it fails.
REST resources and admin views call these methods and only translate their results."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import re
import secrets
import time
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from . import compat, invitations, nodeauth, rules
from .compat import NodeInfo
from .errors import (
    BASIC_RULES_MESSAGE,
    MODE_TOGGLE_MESSAGE,
    Conflict,
    DomainError,
    NodeNotAuthenticated,
    NotAuthenticated,
    NotFound,
    RemoteNodeError,
    RemoteNodeTimeout,
    TooManyAttempts,
    ValidationFailed,
)
from .models import (
    Connection,
    ConnectionType,
    DestinationInfo,
    Instance,
    LicenseType,
    LoginFailure,
    Mode,
    NodeTokenUse,
    Project,
    Role,
    Status,
    User,
    db,
    utcnow,
)
from .outbound import URL_PROBLEMS, OutboundClient, OutboundError, check_url

log = logging.getLogger(__name__)

# \Z, not $: "$" also matches before a trailing newline, which would let "JiraA\n" through.
SHORT_NAME_PATTERN = re.compile(r"^[A-Za-z0-9_.\-]{1,64}\Z")
PROJECT_KEY_PATTERN = re.compile(r"^[A-Z][A-Z0-9_]{1,9}\Z")
NAME_MAX = 255
DESCRIPTION_MAX = 4000
URL_MAX = 255
MAX_PAGE = 1000
SHORT_TEXT_MAX = 255
WRONG_CREDENTIALS = "Sorry, your username and password are incorrect - please try again."
LOGIN_ATTEMPTS = 5
LOGIN_LOCKOUT = timedelta(minutes=10)
MAX_ID = 2**31 - 1  # the id column is an INTEGER: PostgreSQL refuses to compare it with anything larger
INFO_PATH = "/rest/issuehub/4.0/info"
HANDSHAKE_PATH = "/rest/issuehub/4.0/node/handshake"
ACCEPT_PATH = "/rest/issuehub/4.0/invitations/accept"
MYSELF_PATH = "/rest/api/2/myself"
NODE_CONNECTION_PATH = "/rest/issuehub/4.0/node/connections/"
EVALUATION_DAYS = 30


@dataclass(frozen=True)
class NodeIdentity:
    """What this process says about itself; set from the command line or configuration."""

    base_url: str
    platform: str = "jira-server"
    platform_version: str = "9.12.0"
    exalate_version: str = "5.12.0"


@dataclass(frozen=True)
class LicenseView:
    type: str
    expires_at: datetime | None
    state: str
    days_left: int | None


@dataclass(frozen=True)
class Page:
    results: list
    total: int
    start_at: int
    max_results: int

    @property
    def is_last(self) -> bool:
        return self.start_at + len(self.results) >= self.total


@dataclass(frozen=True)
class ConnectionInfo:
    """The validated answers of the initiate wizard that both ends' records start from."""

    mode: Mode
    local_short_name: str
    remote_short_name: str
    name: str
    description: str
    project_key: str


@dataclass(frozen=True)
class Handshake:
    """What the initiator answers an acceptor whose handshake it accepted."""

    url: str
    connection_uid: str
    name: str


@dataclass(frozen=True)
class Initiated:
    connection: Connection
    invitation_code: str | None


class ExalateBackend:
    def __init__(self, identity: NodeIdentity, outbound: OutboundClient, invitation_days: float = 7,
                 password_method: str = "scrypt", info_cache_seconds: float = 0):
        self.password_method = password_method
        self.info_cache_seconds = info_cache_seconds
        self.identity = identity
        self.outbound = outbound
        self.invitation_seconds = int(invitation_days * 86400)
        self._proof_key = secrets.token_bytes(32)
        self._proven: set[bytes] = set()

    # ----------------------------------------------------------------- set-up

    def ensure_seeded(self, *, admin_password: str = "admin", user_password: str = "user") -> None:
        """First start: create the instance row, the two users, two projects and a licence.
        Later starts keep whatever is there."""
        try:
            self._seed(admin_password, user_password)
        except IntegrityError:
            db.session.rollback()  # another node of the cluster seeded first

    def _seed(self, admin_password: str, user_password: str) -> None:
        with _transaction():
            if db.session.get(Instance, 1) is not None:
                return
            db.session.add(
                Instance(
                    id=1,
                    secret_key=secrets.token_urlsafe(48),
                    exalate_url=self.identity.base_url,
                    public=True,
                    license_type=LicenseType.EVALUATION,
                    license_expires_at=utcnow() + timedelta(days=EVALUATION_DAYS),
                )
            )
            db.session.add_all(
                [
                    User(username="admin", display_name="Administrator", email="admin@example.com",
                         password_hash=self._hash(admin_password), is_admin=True),
                    User(username="user", display_name="Jira User", email="user@example.com",
                         password_hash=self._hash(user_password), is_admin=False),
                    Project(key="DEMO", name="Demo", lead="admin", description="Demonstration project"),
                    Project(key="SUP", name="Support", lead="admin", description="Support desk"),
                ]
            )

    def _hash(self, password: str) -> str:
        return generate_password_hash(password, method=self.password_method)

    def secret_key(self) -> str:
        return self._instance().secret_key

    # ------------------------------------------------------------ users, auth

    def authenticate(self, username: object, password: object) -> User:
        """The user with these credentials. After repeated failures a user name is refused for
        a while (Jira asks for a CAPTCHA), even with the right password."""
        valid = isinstance(username, str) and isinstance(password, str) and len(username) <= SHORT_TEXT_MAX
        if not valid or "\x00" in username:  # no stored name has one, and PostgreSQL cannot compare it
            raise NotAuthenticated(WRONG_CREDENTIALS)
        user = db.session.scalar(select(User).where(User.username == username))
        if user is not None and self._proven_before(user.password_hash, password):
            return user
        self._check_not_throttled(username)
        # Hash even for unknown users so the answer takes as long either way.
        if not self._password_matches(user.password_hash if user else _DUMMY_HASH, password) or user is None:
            self._record_login_failure(username)
            raise NotAuthenticated(WRONG_CREDENTIALS)
        with _transaction():
            db.session.execute(delete(LoginFailure).where(LoginFailure.username == username))
        return user

    def _check_not_throttled(self, username: str) -> None:
        failure = db.session.get(LoginFailure, username)
        if failure is None or failure.failures < LOGIN_ATTEMPTS:
            return
        if utcnow() - failure.first_failed_at < LOGIN_LOCKOUT:
            minutes = int(LOGIN_LOCKOUT.total_seconds() // 60)
            raise TooManyAttempts(f"Too many failed login attempts for this user. Try again in {minutes} minutes.")

    def _record_login_failure(self, username: str) -> None:
        with _transaction():
            failure = db.session.get(LoginFailure, username)
            now = utcnow()
            if failure is None:
                db.session.add(LoginFailure(username=username, failures=1, first_failed_at=now))
            elif now - failure.first_failed_at >= LOGIN_LOCKOUT:
                failure.failures, failure.first_failed_at = 1, now
            else:
                failure.failures += 1

    def _proof(self, stored: str, password: str) -> bytes:
        return hmac.new(self._proof_key, f"{stored}\0{password}".encode(), hashlib.sha256).digest()

    def _proven_before(self, stored: str, password: str) -> bool:
        return self._proof(stored, password) in self._proven

    def _password_matches(self, stored: str, password: str) -> bool:
        """Check a password against its stored hash. HTTP Basic sends the password with every
        request and a slow hash costs ~80 ms, so proven (hash, password) pairs are remembered
        as a keyed digest; a changed password has a new hash and misses the cache."""
        if not check_password_hash(stored, password):
            return False
        if len(self._proven) >= 1024:
            self._proven.clear()
        self._proven.add(self._proof(stored, password))
        return True

    def get_user(self, user_id: int) -> User | None:
        return db.session.get(User, user_id)

    # ---------------------------------------------------------------- projects

    def list_projects(self) -> list[Project]:
        return list(db.session.scalars(select(Project).order_by(Project.key)))

    def create_project(self, *, key: object, name: object, lead: object = None, description: object = "") -> Project:
        errors = {}
        if not isinstance(key, str) or not PROJECT_KEY_PATTERN.match(key):
            errors["key"] = ("Project keys must start with an uppercase letter, followed by one or more "
                             "uppercase alphanumeric characters (2 to 10 in all).")
        elif self._project(key) is not None:
            errors["key"] = f"Project '{key}' uses this project key."
        errors.update(_text_errors({"name": name}, required=("name",), max_length=80))
        if lead is not None and not (isinstance(lead, str) and self._user(lead)):
            errors["lead"] = "The user you have specified as project lead does not exist."
        errors.update(_text_errors({"description": description}, max_length=DESCRIPTION_MAX))
        if errors:
            raise ValidationFailed(field_errors=errors)
        with _transaction():
            project = Project(key=key, name=name.strip(), lead=lead or "admin", description=description or "")
            db.session.add(project)
        return project

    # ------------------------------------------------------- node information

    def node_info(self) -> NodeInfo:
        instance = self._instance()
        return NodeInfo(
            platform=self.identity.platform,
            platform_version=self.identity.platform_version,
            exalate_version=self.identity.exalate_version,
            base_url=self.identity.base_url,
            exalate_url=instance.exalate_url,
            public=instance.public,
        )

    def own_url(self) -> str:
        return self._instance().exalate_url or self.identity.base_url

    # --------------------------------------------------------- general settings

    def get_settings(self) -> Instance:
        return self._instance()

    def update_settings(self, *, exalate_url: object = None, public: object = None) -> Instance:
        errors = {}
        if exalate_url is not None:
            try:
                exalate_url = check_url(exalate_url)
            except OutboundError as exc:
                errors["exalateUrl"] = exc.message
            else:
                if len(exalate_url) > URL_MAX:
                    errors["exalateUrl"] = f"The Exalate URL must be at most {URL_MAX} characters."
        if public is not None and not isinstance(public, bool):
            errors["public"] = "Public must be true or false."
        if errors:
            raise ValidationFailed(field_errors=errors)
        with _transaction():
            instance = self._instance()
            if exalate_url is not None:
                instance.exalate_url = exalate_url
            if public is not None:
                instance.public = public
        return instance

    # ----------------------------------------------------------------- licence

    def get_license(self) -> LicenseView:
        instance = self._instance()
        return _license_view(instance.license_type, instance.license_expires_at)

    def update_license(self, *, type: object, expires_at: object = None) -> LicenseView:
        errors = {}
        names = [t.value for t in LicenseType]
        if type not in names:
            errors["type"] = f"The licence type must be one of {', '.join(names)}."
        if expires_at is not None and not isinstance(expires_at, datetime):
            errors["expiresAt"] = "The expiry must be a date and time."
        elif expires_at is not None and expires_at.tzinfo is not None:
            try:
                expires_at = expires_at.astimezone(timezone.utc).replace(tzinfo=None)
            except OverflowError:  # e.g. 0001-01-01T00:00:00+01:00 is before the year 1 in UTC
                errors["expiresAt"] = "The expiry must be a date and time between the years 1 and 9999 in UTC."
        if errors:
            raise ValidationFailed(field_errors=errors)
        if expires_at is None and type == LicenseType.EVALUATION.value:
            expires_at = utcnow() + timedelta(days=EVALUATION_DAYS)
        with _transaction():
            instance = self._instance()
            instance.license_type = LicenseType(type)
            instance.license_expires_at = None if type in ("FREE", "NONE") else expires_at
        return self.get_license()

    # ---------------------------------------------------- compatibility check

    def check_compatibility(self, destination_url: object) -> compat.CompatibilityReport:
        """Classify the destination and say which modes can be offered, never raising for a
        destination that fails: the failure is the report's ``problem``."""
        instance = self._instance()
        evaluate = {
            "license_state": self.get_license().state,
            "local_public": bool(instance.public and instance.exalate_url),
        }
        if destination_url is None:
            return compat.CompatibilityReport(
                "PRIVATE", False, None, compat.evaluate(connection_type="PRIVATE", destination=None, **evaluate)
            )
        try:
            url = check_url(destination_url, allow_private=self.outbound.allow_private)
        except OutboundError as exc:
            return _failed_report(None, exc.code, exc.message)
        if self._is_own_url(url):
            info = self.node_info()
            return compat.CompatibilityReport(
                "LOCAL", True, info, compat.evaluate(connection_type="LOCAL", destination=info, **evaluate)
            )
        try:
            info = self._node_info_of(url)
        except OutboundError as exc:
            return _failed_report("PUBLIC", exc.code, exc.message)
        return compat.CompatibilityReport(
            "PUBLIC", True, info, compat.evaluate(connection_type="PUBLIC", destination=info, **evaluate)
        )

    def _node_info_of(self, url: str) -> NodeInfo:
        """The destination's node info, from the cache while it is fresh. Failures are not
        cached: a destination that comes back is seen at once."""
        if self.info_cache_seconds > 0:
            cached = db.session.get(DestinationInfo, url)
            if cached is not None and utcnow() - cached.fetched_at < timedelta(seconds=self.info_cache_seconds):
                return NodeInfo(**json.loads(cached.info))
        info = self._fetch_node_info(url)
        if self.info_cache_seconds > 0:
            try:
                with _transaction():
                    db.session.merge(DestinationInfo(url=url, info=json.dumps(asdict(info)), fetched_at=utcnow()))
            except IntegrityError:
                pass  # another request stored the same answer first
        return info

    def _fetch_node_info(self, url: str) -> NodeInfo:
        reply = self.outbound.get_json(url + INFO_PATH)
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
            exalate_url = check_url(body.get("exalateUrl"), allow_private=self.outbound.allow_private)
        except OutboundError:
            exalate_url = url
        return NodeInfo(
            platform=body["platform"],
            platform_version=body["platformVersion"],
            exalate_version=body["exalateVersion"],
            base_url=body["baseUrl"],
            exalate_url=exalate_url if len(exalate_url) <= URL_MAX else url,
            public=body.get("public") is not False,
        )

    def _is_own_url(self, url: str) -> bool:
        own = {self.identity.base_url.rstrip("/").lower(), self._instance().exalate_url.rstrip("/").lower()}
        return url.lower() in own

    # ------------------------------------------------------------- connections

    def list_connections(self, *, start_at: int = 0, max_results: int = 50) -> Page:
        errors = {}
        if not isinstance(start_at, int) or not 0 <= start_at <= MAX_ID:
            errors["startAt"] = "startAt must be a number, 0 or more."
        if not isinstance(max_results, int) or not 0 <= max_results <= MAX_PAGE:
            errors["maxResults"] = f"maxResults must be a number from 0 to {MAX_PAGE}."
        if errors:
            raise ValidationFailed(field_errors=errors)
        total = db.session.scalar(select(func.count()).select_from(Connection))
        # The offset is counted on the ids alone (an index scan), then only the page's rows are read.
        page_ids = select(Connection.id).order_by(Connection.id).offset(start_at).limit(max_results)
        page = select(Connection).where(Connection.id.in_(page_ids)).order_by(Connection.id)
        results = list(db.session.scalars(page))
        return Page(results, total, start_at, max_results)

    def get_connection(self, connection_id: int) -> Connection:
        valid = isinstance(connection_id, int) and 0 < connection_id <= MAX_ID
        connection = db.session.get(Connection, connection_id) if valid else None
        if connection is None:
            raise NotFound(f"Connection {connection_id} does not exist.")
        return connection

    def initiate_connection(
        self,
        *,
        destination_url: object,
        mode: object,
        local_short_name: object,
        remote_short_name: object,
        name: object,
        project_key: object,
        description: object = "",
        destination_project_key: object = None,
        destination_admin: object = None,
    ) -> Initiated:
        errors = self._connection_info_errors(local_short_name, remote_short_name, name, description)
        errors.update(self._project_errors("projectKey", project_key))
        if mode not in Mode.__members__:
            errors["mode"] = "Choose the configuration type: BASIC, VISUAL or SCRIPT."
        if destination_url is not None and not isinstance(destination_url, str):
            errors["destinationUrl"] = "The destination instance URL must be text, or null for 'I don't have a URL'."
        elif destination_url is not None and len(destination_url.strip()) > URL_MAX:  # it becomes the remote URL
            errors["destinationUrl"] = f"The destination instance URL must be at most {URL_MAX} characters."
        if errors:
            raise ValidationFailed(field_errors=errors)
        info = ConnectionInfo(Mode(mode), local_short_name, remote_short_name, name.strip(), description or "",
                              project_key)
        report = self.check_compatibility(destination_url)
        self._check_offered(report, mode)
        if report.connection_type == "LOCAL":
            return self._create_local(info, destination_project_key)
        if info.mode == Mode.VISUAL:
            return self._create_visual(report, info, destination_project_key, destination_admin)
        connection = self._create_invited(report, info)
        return Initiated(connection, connection.invitation_code)

    def _check_offered(self, report: compat.CompatibilityReport, mode: str) -> None:
        if report.problem is not None:
            error_class = RemoteNodeError
            if report.problem.code in URL_PROBLEMS:
                error_class = ValidationFailed
            elif report.problem.code == "TIMEOUT":
                error_class = RemoteNodeTimeout
            raise error_class(field_errors={"destinationUrl": report.problem.message})
        option = report.option(mode)
        if not option.available:
            raise ValidationFailed.field("mode", option.reason)

    def _create_invited(self, report: compat.CompatibilityReport, info: ConnectionInfo) -> Connection:
        """A Pending end and its signed invitation code."""
        invitation_id = uuid.uuid4().hex
        connection = self._new_connection(
            info, type=report.connection_type, role=Role.INITIATOR, status=Status.PENDING,
            remote_url=report.destination.exalate_url if report.destination else None,
            shared_secret=secrets.token_urlsafe(32), invitation_id=invitation_id,
        )
        invitation = invitations.Invitation(
            id=invitation_id,
            initiator_url=self.own_url(),
            connection_uid=connection.uid,
            type=report.connection_type,
            mode=info.mode.value,
            name=connection.name,
            local_short_name=connection.local_short_name,
            remote_short_name=connection.remote_short_name,
            description=connection.description,
            secret=connection.shared_secret,
            expires_at=int(time.time()) + self.invitation_seconds,
        )
        connection.invitation_code = invitations.sign(invitation, self.secret_key())
        self._insert(connection)
        return connection

    def _create_local(self, info: ConnectionInfo, destination_project_key: object) -> Initiated:
        """Two projects of this instance: created Active at once, no invitation."""
        errors = self._project_errors("destinationProjectKey", destination_project_key)
        if errors:
            raise ValidationFailed(field_errors=errors)
        connection = self._new_connection(
            info, type=ConnectionType.LOCAL, role=Role.INITIATOR, status=Status.ACTIVE,
            remote_url=self.own_url(), shared_secret=secrets.token_urlsafe(32), invitation_id=None,
        )
        connection.incoming_rules = rules.local_incoming(info.project_key, destination_project_key)
        connection.remote_uid = connection.uid
        self._insert(connection)
        return Initiated(connection, None)

    def _create_visual(self, report: compat.CompatibilityReport, info: ConnectionInfo,
                       destination_project_key: object, destination_admin: object) -> Initiated:
        """Visual mode configures both sides from here: with the destination administrator's
        credentials this node creates the destination's end itself, so no code changes hands.
        If the destination refuses or fails, this end is removed again: nothing is left."""
        errors = {}
        if not isinstance(destination_project_key, str) or not destination_project_key.strip():
            errors["destinationProjectKey"] = "Select the project on the destination for its incoming sync."
        credentials = destination_admin if isinstance(destination_admin, dict) else {}
        username, password = credentials.get("username"), credentials.get("password")
        if not (isinstance(username, str) and username and isinstance(password, str)):
            errors["destinationAdmin"] = ("Visual mode needs admin access to the destination: give the "
                                          "destination administrator's username and password.")
        if errors:
            raise ValidationFailed(field_errors=errors)
        destination = report.destination.exalate_url
        self._verify_destination_admin(destination, (username, password))
        connection = self._create_invited(report, info)
        try:
            reply = self._call_remote(destination, "POST", ACCEPT_PATH, auth=(username, password), body={
                "invitationCode": connection.invitation_code, "projectKey": destination_project_key})
            if reply.status != 201:
                raise _refusal(reply, f"The destination instance {destination}", field="destinationUrl",
                               renames={"projectKey": "destinationProjectKey"})
        except BaseException:
            self._discard(connection)
            raise
        db.session.refresh(connection)
        return Initiated(connection, None)

    def _verify_destination_admin(self, destination: str, credentials: tuple[str, str]) -> None:
        reply = self._call_remote(destination, "GET", MYSELF_PATH, auth=credentials)
        if reply.status in (401, 403):
            raise ValidationFailed.field("destinationAdmin", "The destination rejected these administrator "
                                                             "credentials.")
        groups = reply.body.get("groups", {}).get("items", []) if isinstance(reply.body, dict) else None
        if reply.status != 200 or not isinstance(groups, list):
            raise RemoteNodeError(f"The destination instance {destination} could not verify admin access "
                                  f"(HTTP {reply.status}).")
        if not any(isinstance(g, dict) and g.get("name") == "jira-administrators" for g in groups):
            raise ValidationFailed.field("destinationAdmin", f"{credentials[0]} is not an administrator of "
                                                             "the destination instance.")

    def _call_remote(self, base_url: str, method: str, path: str, *, body: dict | None = None, auth=None,
                     headers: dict | None = None):
        """One call to another node; transport failures become 502/504 naming that node."""
        try:
            if method == "GET":
                return self.outbound.get_json(base_url + path, auth=auth, headers=headers)
            if method == "DELETE":
                return self.outbound.delete(base_url + path, auth=auth, headers=headers)
            return self.outbound.post_json(base_url + path, body or {}, auth=auth, headers=headers)
        except OutboundError as exc:
            error_class = RemoteNodeTimeout if exc.timed_out else RemoteNodeError
            raise error_class(f"The instance {base_url} could not be reached: {exc.message}") from exc

    def _discard(self, connection: Connection) -> None:
        """Remove an end whose set-up failed. If the other end was made all the same (the answer
        was lost, not the work), ask it to go too; that call may fail as the first one did."""
        db.session.rollback()
        partner = db.session.execute(
            select(Connection.remote_uid, Connection.remote_url).where(Connection.id == connection.id)
        ).first()
        if partner is not None and partner.remote_uid and partner.remote_url:
            token = nodeauth.issue(connection.shared_secret, sender=connection.uid, receiver=partner.remote_uid)
            with contextlib.suppress(DomainError):
                self._call_remote(partner.remote_url, "DELETE", NODE_CONNECTION_PATH + partner.remote_uid,
                                  headers={nodeauth.HEADER: token})
        with _transaction():
            db.session.execute(delete(Connection).where(Connection.id == connection.id))

    def update_connection(self, connection_id: int, *, name: object = None, description: object = None,
                          mode: object = None) -> Connection:
        connection = self.get_connection(connection_id)
        if mode is not None and mode != connection.mode.value:
            raise ValidationFailed("", {"mode": MODE_TOGGLE_MESSAGE})
        errors = {}
        if name is not None:
            errors.update(self._name_errors(name, exclude_id=connection.id))
        errors.update(_text_errors({"description": description}, max_length=DESCRIPTION_MAX))
        if errors:
            raise ValidationFailed(field_errors=errors)
        with _transaction(conflict_field="name"):
            if name is not None:
                connection.name = name.strip()
                connection.name_key = _name_key(name)
            if description is not None:
                connection.description = description
        return connection

    def delete_connection(self, connection_id: int) -> None:
        connection = self.get_connection(connection_id)
        with _transaction():
            db.session.delete(connection)

    def get_invitation(self, connection_id: int) -> str:
        connection = self.get_connection(connection_id)
        if connection.status != Status.PENDING or not connection.invitation_code:
            raise Conflict("The invitation code is only available while the connection is Pending.")
        return connection.invitation_code

    def activate_connection(self, connection_id: int) -> Connection:
        """Resume synchronization; the other end is asked first whether it still exists."""
        connection = self.check_connection(connection_id)
        if connection.status == Status.ERROR:
            raise Conflict(connection.error_message or f"Connection {connection.name} is in error.")
        return self._set_status(connection_id, Status.ACTIVE, allowed_from={Status.DEACTIVATED, Status.ACTIVE})

    def deactivate_connection(self, connection_id: int) -> Connection:
        return self._set_status(connection_id, Status.DEACTIVATED, allowed_from={Status.ACTIVE, Status.DEACTIVATED})

    def _set_status(self, connection_id: int, status: Status, *, allowed_from: set[Status]) -> Connection:
        connection = self.get_connection(connection_id)
        if connection.status not in allowed_from:
            raise Conflict(
                f"Connection {connection.name} is {connection.status.value.capitalize()}: "
                f"it cannot be {'activated' if status == Status.ACTIVE else 'deactivated'}."
            )
        with _transaction():
            connection.status = status
        return connection

    def get_rules(self, connection_id: int) -> Connection:
        return self.get_connection(connection_id)

    def update_rules(self, connection_id: int, *, outgoing: object = None, incoming: object = None) -> Connection:
        connection = self.get_connection(connection_id)
        if connection.mode == Mode.BASIC:
            raise ValidationFailed(BASIC_RULES_MESSAGE)
        errors = _text_errors({"outgoing": outgoing, "incoming": incoming}, max_length=200_000, strip=False)
        if outgoing is None and incoming is None:
            errors["outgoing"] = "Give the outgoing or the incoming sync script."
        if errors:
            raise ValidationFailed(field_errors=errors)
        with _transaction():
            if outgoing is not None:
                connection.outgoing_rules = outgoing
            if incoming is not None:
                connection.incoming_rules = incoming
        return connection

    # ------------------------------------------------------------ invitations

    def accept_invitation(self, *, invitation_code: object, project_key: object) -> Connection:
        """The acceptor's side of the handshake: read the code, ask the initiator to verify and
        activate its end, then store this end. Nothing is stored unless the initiator agreed."""
        errors = self._project_errors("projectKey", project_key)
        invitation = None
        if not isinstance(invitation_code, str) or not invitation_code.strip():
            errors["invitationCode"] = "Paste the invitation code you received."
        else:
            try:
                invitation = _well_formed(invitations.read(invitation_code.strip()))
                check_url(invitation.initiator_url, allow_private=self.outbound.allow_private)
            except invitations.InvalidInvitation as exc:
                errors["invitationCode"] = str(exc)
            except OutboundError as exc:
                errors["invitationCode"] = f"The invitation refers to an instance that cannot be called: {exc.message}"
        if errors:
            raise ValidationFailed(field_errors=errors)
        self._check_acceptable(invitation)
        uid = self._acceptor_uid(invitation)
        initiator_url = self._call_initiator(invitation, invitation_code.strip(), uid)
        info = ConnectionInfo(Mode(invitation.mode), invitation.remote_short_name, invitation.local_short_name,
                              invitation.name, invitation.description, project_key)
        connection = self._new_connection(
            info, type=invitation.type, role=Role.ACCEPTOR, status=Status.ACTIVE,
            remote_url=initiator_url, shared_secret=invitation.secret,
            invitation_id=invitation.id, uid=uid,
        )
        connection.remote_uid = invitation.connection_uid
        self._insert(connection, conflict_message="This invitation has already been accepted.")
        return connection

    def _check_acceptable(self, invitation: invitations.Invitation) -> None:
        # Own code first: the initiator's pending end carries the invitation id too.
        if self._is_own_url(invitation.initiator_url.rstrip("/")):
            raise ValidationFailed.field("invitationCode", "This invitation was issued by this instance: "
                                                           "it must be accepted on the other instance.")
        if db.session.scalar(select(Connection.id).where(Connection.invitation_id == invitation.id)):
            raise Conflict("This invitation has already been accepted.", {"invitationCode": "already accepted"})
        license_reason = compat.license_reason(invitation.mode, self.get_license().state)
        if license_reason:
            raise ValidationFailed(license_reason, {"invitationCode": license_reason})
        errors = self._name_errors(invitation.name)
        if errors:
            message = f"A connection named '{invitation.name}' already exists on this instance."
            raise Conflict(message, {"invitationCode": message})

    def _acceptor_uid(self, invitation: invitations.Invitation) -> str:
        # Derived from the invitation, so a retried accept presents the same identity to the
        # initiator and the handshake stays idempotent per code.
        digest = hmac.new(self.secret_key().encode(), invitation.id.encode(), hashlib.sha256)
        return digest.hexdigest()[:32]

    def _call_initiator(self, invitation: invitations.Invitation, code: str, uid: str) -> str:
        """Ask the initiator to complete the handshake; its URL for this end to call from now on."""
        where = invitation.initiator_url
        body = {"invitationCode": code, "acceptor": {"url": self.own_url(), "connectionUid": uid}}
        reply = self._call_remote(where, "POST", HANDSHAKE_PATH, body=body)
        if reply.status != 200 or not isinstance(reply.body, dict):
            raise _refusal(reply, f"The initiating instance {where}", field="invitationCode")
        try:
            url = check_url(reply.body.get("url") or where, allow_private=self.outbound.allow_private)
        except OutboundError as exc:
            raise RemoteNodeError(f"The initiating instance {where} answered with an unusable URL: "
                                  f"{exc.message}") from exc
        if len(url) > URL_MAX:
            raise RemoteNodeError(f"The initiating instance {where} answered with a URL longer than {URL_MAX} "
                                  "characters.")
        return url

    def complete_handshake(self, *, invitation_code: object, acceptor_url: object,
                           acceptor_uid: object) -> Handshake:
        """The initiator's side: verify the code and activate the pending end, exactly once.
        A retry from the same acceptor succeeds again; any other acceptor gets a conflict."""
        errors = {}
        if not isinstance(acceptor_uid, str) or not re.fullmatch(r"[0-9a-f]{32}", acceptor_uid):
            errors["acceptor.connectionUid"] = "A 32-digit hexadecimal connection id is required."
        try:
            acceptor_url = check_url(acceptor_url)
        except OutboundError as exc:
            errors["acceptor.url"] = exc.message
        try:
            invitation = invitations.verify(invitation_code if isinstance(invitation_code, str) else "",
                                            self.secret_key())
        except invitations.InvalidInvitation as exc:
            errors["invitationCode"] = str(exc)
        if errors:
            raise ValidationFailed(field_errors=errors)
        own_url = self.own_url()  # read before the commit expires the instance row
        with _transaction():
            activated = db.session.execute(
                update(Connection)
                .where(Connection.uid == invitation.connection_uid, Connection.status == Status.PENDING,
                       Connection.invitation_id == invitation.id)
                .values(status=Status.ACTIVE, remote_url=acceptor_url, remote_uid=acceptor_uid,
                        invitation_code=None, updated=utcnow())
            ).rowcount
        connection = db.session.scalar(select(Connection).where(Connection.uid == invitation.connection_uid))
        if connection is None or connection.invitation_id != invitation.id:
            raise NotFound(f"Connection {invitation.name} not found. Seems like it was removed on the "
                           "Destination side.")
        if not activated and connection.remote_uid != acceptor_uid:
            raise Conflict("This invitation has already been accepted.")
        return Handshake(own_url, connection.uid, connection.name)

    # ---------------------------------------------------- between the two ends

    def check_connection(self, connection_id: int) -> Connection:
        """Ask the other end, authenticated with the shared secret, whether it still exists. If it
        was removed there, this end goes to ERROR with the product's message."""
        connection = self.get_connection(connection_id)
        if connection.type == ConnectionType.LOCAL or connection.status == Status.PENDING or not connection.remote_uid:
            return connection
        token = nodeauth.issue(connection.shared_secret, sender=connection.uid, receiver=connection.remote_uid)
        reply = self._call_remote(connection.remote_url, "GET", NODE_CONNECTION_PATH + connection.remote_uid,
                                  headers={nodeauth.HEADER: token})
        if reply.status == 404:
            with _transaction():
                connection.status = Status.ERROR
                connection.error_message = (f"Connection `{connection.name}` not found. Seems like it was removed "
                                            "on the Destination side.")
        elif reply.status == 401:
            raise RemoteNodeError(f"The instance {connection.remote_url} refused this instance's credentials for "
                                  f"connection {connection.name}.")
        elif reply.status != 200:
            raise RemoteNodeError(f"The instance {connection.remote_url} failed to answer for connection "
                                  f"{connection.name} (HTTP {reply.status}).")
        return connection

    def describe_connection_to_node(self, uid: object, token: object) -> Connection:
        """The other end asks about its partner: only with a valid token, never one twice."""
        return self._partner_for_node(uid, token)

    def withdraw_connection_for_node(self, uid: object, token: object) -> None:
        """The other end gave up setting up the connection: this end goes too."""
        connection = self._partner_for_node(uid, token)
        with _transaction():
            db.session.delete(connection)

    def _partner_for_node(self, uid: object, token: object) -> Connection:
        connection = None
        if isinstance(uid, str) and re.fullmatch(r"[0-9a-f]{32}", uid):
            connection = db.session.scalar(select(Connection).where(Connection.uid == uid))
        if connection is None or connection.status == Status.PENDING or connection.type == ConnectionType.LOCAL:
            raise NotFound("Connection not found.")
        try:
            claims = nodeauth.verify(token, connection.shared_secret, sender=connection.remote_uid, receiver=uid)
        except nodeauth.InvalidToken as exc:
            log.warning("Refused a node request for connection %s: %s", connection.name, exc)
            raise NodeNotAuthenticated("The request is not signed for this connection.") from exc
        self._spend_token(claims, connection.name)
        return connection

    def _spend_token(self, claims: dict, connection_name: str) -> None:
        expires = datetime.fromtimestamp(claims["exp"] / 1000, timezone.utc).replace(tzinfo=None)
        try:
            with _transaction():
                db.session.execute(delete(NodeTokenUse).where(NodeTokenUse.expires_at < utcnow()))
                db.session.add(NodeTokenUse(jti=claims["jti"], expires_at=expires))
        except IntegrityError as exc:
            log.warning("Refused a replayed node token for connection %s", connection_name)
            raise NodeNotAuthenticated("This token has been used before.") from exc

    # ---------------------------------------------------------------- helpers

    def _instance(self) -> Instance:
        instance = db.session.get(Instance, 1)
        if instance is None:
            raise RuntimeError("The instance has not been set up: call ensure_seeded() first.")
        # The identity map holds rows weakly, so each call would read the row again; held for
        # the session (one request), it is read once, and again only after a commit expired it.
        db.session.info["instance"] = instance
        return instance

    def _project(self, key: str) -> Project | None:
        if not PROJECT_KEY_PATTERN.match(key):  # cannot exist; and PostgreSQL refuses NUL in a comparison
            return None
        return db.session.scalar(select(Project).where(Project.key == key))

    def _user(self, username: str) -> User | None:
        if "\x00" in username or len(username) > SHORT_TEXT_MAX:  # cannot exist; PostgreSQL refuses NUL
            return None
        return db.session.scalar(select(User).where(User.username == username))

    def _project_errors(self, field_name: str, key: object) -> dict[str, str]:
        if key is None or (isinstance(key, str) and not key.strip()):
            return {field_name: "Select a project."}
        if not isinstance(key, str) or self._project(key) is None:
            return {field_name: f"Project '{_shorten(key)}' does not exist."}
        return {}

    def _connection_info_errors(self, local_short_name, remote_short_name, name, description) -> dict[str, str]:
        errors = {}
        for field_name, value in (("localShortName", local_short_name), ("remoteShortName", remote_short_name)):
            if value is None or (isinstance(value, str) and not value.strip()):
                errors[field_name] = "This field is required."
            elif not isinstance(value, str) or not SHORT_NAME_PATTERN.match(value):
                errors[field_name] = ("Use 1 to 64 letters, digits, underscores, hyphens or dots.")
        errors.update(self._name_errors(name))
        errors.update(_text_errors({"description": description}, max_length=DESCRIPTION_MAX))
        return errors

    def _name_errors(self, name: object, *, exclude_id: int | None = None) -> dict[str, str]:
        errors = _text_errors({"name": name}, required=("name",), max_length=NAME_MAX)
        if errors:
            return errors
        query = select(Connection.id).where(Connection.name_key == _name_key(name))
        if exclude_id is not None:
            query = query.where(Connection.id != exclude_id)
        if db.session.scalar(query) is not None:
            return {"name": f"A connection named '{name.strip()}' already exists."}
        return {}

    def _new_connection(self, info: ConnectionInfo, *, type, role, status, remote_url, shared_secret,
                        invitation_id, uid=None) -> Connection:
        return Connection(
            uid=uid or uuid.uuid4().hex,
            name=info.name.strip(),
            name_key=_name_key(info.name),
            description=info.description or "",
            status=Status(status),
            mode=info.mode,
            type=ConnectionType(type),
            role=role,
            local_short_name=info.local_short_name,
            remote_short_name=info.remote_short_name,
            project_key=info.project_key,
            remote_url=remote_url,
            shared_secret=shared_secret,
            invitation_id=invitation_id,
            outgoing_rules=rules.DEFAULT_OUTGOING,
            incoming_rules=rules.default_incoming(info.project_key),
        )

    def _insert(self, connection: Connection, *, conflict_message: str | None = None) -> None:
        try:
            with _transaction():
                db.session.add(connection)
        except IntegrityError as exc:
            if conflict_message:
                raise Conflict(conflict_message, {"invitationCode": conflict_message}) from exc
            raise ValidationFailed.field("name", f"A connection named '{connection.name}' already exists.") from exc


# ------------------------------------------------------------------ module helpers

_DUMMY_HASH = generate_password_hash("not-a-password")


@contextmanager
def _transaction(conflict_field: str | None = None):
    """Commit what the block did, or roll all of it back."""
    try:
        yield
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        if conflict_field:
            raise ValidationFailed.field(conflict_field, "This value is already in use.") from exc
        raise
    except BaseException:
        db.session.rollback()
        raise


def _name_key(name: str) -> str:
    return name.strip().casefold()


def _text_errors(values: dict, *, required: tuple = (), max_length: int, strip: bool = True) -> dict[str, str]:
    errors = {}
    for field_name, value in values.items():
        if value is None or (isinstance(value, str) and strip and not value.strip()):
            if field_name in required:
                errors[field_name] = "This field is required."
        elif not isinstance(value, str):
            errors[field_name] = "This field must be text."
        elif len(value) > max_length:
            errors[field_name] = f"This field must be at most {max_length} characters."
        elif "\x00" in value:
            errors[field_name] = "This field must not contain NUL characters."
    return errors


def _well_formed(invitation: invitations.Invitation) -> invitations.Invitation:
    """The invitation if its contents could have come from an Exalate node. A code is read before
    its initiator vouches for it, and an initiator signs whatever it likes: what it carries is
    checked like typed input before any of it is used or stored."""
    texts = {"name": (invitation.name, NAME_MAX), "description": (invitation.description, DESCRIPTION_MAX),
             "secret": (invitation.secret, 128), "initiator_url": (invitation.initiator_url, URL_MAX)}
    if (
        not all(re.fullmatch(r"[0-9a-f]{32}", value) for value in (invitation.id, invitation.connection_uid))
        or invitation.mode not in Mode.__members__
        or invitation.type not in (ConnectionType.PUBLIC.value, ConnectionType.PRIVATE.value)
        or not all(SHORT_NAME_PATTERN.match(n) for n in (invitation.local_short_name, invitation.remote_short_name))
        or any(_text_errors({key: value}, required=(key,) if key != "description" else (), max_length=limit)
               for key, (value, limit) in texts.items())
    ):
        raise invitations.InvalidInvitation("The invitation code is not valid.")
    return invitation


def _shorten(value: object, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _license_view(license_type: LicenseType, expires_at: datetime | None) -> LicenseView:
    days_left = None
    state = license_type.value
    if license_type in (LicenseType.EVALUATION, LicenseType.PAID):
        if expires_at is None and license_type == LicenseType.PAID:
            return LicenseView(license_type.value, None, state, None)
        remaining = (expires_at - utcnow()).total_seconds() if expires_at else -1
        days_left = max(0, int(remaining // 86400))
        if remaining <= 0:
            state = "EXPIRED"
    return LicenseView(license_type.value, expires_at, state, days_left)


def _failed_report(connection_type: str | None, code: str, message: str) -> compat.CompatibilityReport:
    return compat.CompatibilityReport(
        connection_type, False, None, compat.unavailable_everywhere(message), compat.Problem(code, message)
    )


def _refusal(reply, who: str, *, field: str, renames: dict[str, str] | None = None) -> DomainError:
    """The domain error for another node's refusal, its messages carried over onto our fields."""
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
