"""Visual connections configured for both sides from the initiator (docs.exalate.com, "Visual mode"): read,
validate against both sides' catalogs, compile into each side's sync rules, publish here and mirror to the
destination over the node resources, with the triggers of Automatic directions. The destination's half
(``Visual.receive``) is read only there."""

from __future__ import annotations

from datetime import datetime

from ...db import db, transaction, utcnow
from ...errors import Conflict, DomainError, RemoteNodeError, ValidationFailed
from ...jira.jql import checked_condition
from ..connections import Connections, check_syntax
from ..models import Connection, ConnectionType, Role, VisualConfiguration
from ..partners import Partners
from ..peers import PeerClient
from .compile import compile_sides
from .model import VisualConfig, from_json, to_json
from .store import apply, automatic_jql, default_config, stored, visual_end
from .validation import Catalog, check, local_catalog

__all__ = ["Catalog", "Visual", "VisualConfig"]


class Visual:
    def __init__(self, jira, connections: Connections, peers: PeerClient, partners: Partners):
        self.jira = jira
        self.connections = connections
        self.peers = peers
        self.partners = partners

    def get(self, connection_id: int) -> VisualConfig:
        connection = visual_end(self.connections.get(connection_id))
        row = db.session.get(VisualConfiguration, connection.id)
        # Never published: what a Visual connection starts with (the default sync rules run meanwhile).
        return stored(row) if row is not None else default_config(connection)

    def catalog(self, connection_id: int) -> dict[str, Catalog]:
        """Both sides' projects, issue types, priorities and statuses; the destination's asked of it."""
        return self._catalogs(_initiator(self.connections.get(connection_id)))

    def catalog_for_choosing(self, connection_id: int) -> tuple[dict[str, Catalog], str | None]:
        """``catalog`` for offering values, and None; or, when the destination cannot be asked, this side's
        catalog alone and why."""
        try:
            return self.catalog(connection_id), None
        except DomainError as error:
            return {"local": local_catalog(self.jira)}, str(error)

    def _catalogs(self, connection: Connection) -> dict[str, Catalog]:
        answer = self.peers.visual_catalog(connection)
        try:
            remote = Catalog.from_json(answer)
        except (KeyError, TypeError) as exc:
            raise RemoteNodeError(f"The destination {connection.remote_url} described its catalog in a form "
                                  "this instance cannot read.") from exc
        return {"local": local_catalog(self.jira), "remote": remote}

    def publish(self, connection_id: int, config: VisualConfig,
                catalogs: dict[str, Catalog] | None = None) -> VisualConfig:
        """Check ``config`` against both sides (``catalogs``, as ``catalog`` gives them, when already read),
        compile it, hand the destination its half, then store this side's: a destination that fails or
        refuses leaves this side as it was."""
        connection = _initiator(self.connections.get(connection_id))
        check(config, catalogs if catalogs is not None else self._catalogs(connection))
        config.local_compiled, config.remote_compiled = compile_sides(
            config, connection.local_short_name, connection.remote_short_name)
        config.published_at = utcnow().replace(microsecond=0)
        mirrored = config.mirrored()
        self.peers.mirror_visual(connection, {"configuration": to_json(mirrored),
                                              "publishedAt": config.published_at.isoformat(),
                                              "triggerJql": automatic_jql(mirrored)})
        with transaction():
            apply(connection, config, automatic_jql(config), configured_from=None)
        return self.get(connection.id)

    # ------------------------------------------------------------ the destination's side (node to node)

    def answer_catalog(self, uid: str, token: str | None) -> Catalog:
        """The initiator asks for this side's catalog, with the connection's token."""
        visual_end(self.partners.authenticate(uid, token))
        return local_catalog(self.jira)

    def receive(self, uid: str, token: str | None, *, configuration: dict, published_at: str,
                trigger_jql: str | None) -> None:
        """The initiator published: this side's half, stored read only (configured from the initiator)."""
        connection, spend = self.partners.verified(uid, token)
        visual_end(connection)
        config = _received(configuration, published_at, trigger_jql)
        with transaction():
            spend()
            apply(connection, config, trigger_jql, configured_from=connection.remote_url)


def _received(configuration: dict, published_at: str, trigger_jql: str | None) -> VisualConfig:
    """The configuration the initiator sent, its rules and trigger checked; refused unless whole."""
    try:
        config = from_json(configuration)
        config.published_at = datetime.fromisoformat(published_at)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise ValidationFailed("The Visual configuration sent is incomplete.") from exc
    compiled = config.local_compiled
    if compiled is None or not (isinstance(compiled.outgoing, str) and isinstance(compiled.incoming, str)):
        raise ValidationFailed("The Visual configuration sent has no rules.")
    check_syntax({"outgoing": compiled.outgoing, "incoming": compiled.incoming})
    if trigger_jql is not None:
        checked_condition(trigger_jql, current_username=None)
    return config


def _initiator(connection: Connection) -> Connection:
    """Only the initiator configures a Visual connection, for both sides."""
    visual_end(connection)
    if connection.role == Role.ACCEPTOR:
        raise Conflict(f"The Visual configuration of connection {connection.name} is configured from "
                       f"{connection.remote_url}.")
    if connection.type == ConnectionType.LOCAL or not connection.has_partner:
        raise Conflict(f"Connection {connection.name} has no destination to configure.")
    return connection
