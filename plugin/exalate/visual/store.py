"""A Visual configuration stored on one end: the JSON row, the end's compiled rules, whether it sends, and
the trigger of its Automatic direction."""

from __future__ import annotations

import json

from sqlalchemy import delete

from ...db import db, transaction
from ...errors import Conflict
from ..models import Connection, Mode, Role, Trigger, VisualConfiguration
from .compile import trigger_jql
from .model import Compiled, SyncMethod, VisualConfig, from_json, to_json
from .model import default_config as model_default


def apply(connection: Connection, config: VisualConfig, jql: str | None, *, configured_from: str | None) -> None:
    """Store ``config`` as ``connection``'s, with its compiled rules and its Automatic trigger (inside the
    caller's transaction)."""
    compiled: Compiled = config.local_compiled
    connection.outgoing_rules, connection.incoming_rules = compiled.outgoing, compiled.incoming
    connection.sends = config.local_to_remote != SyncMethod.DISABLED.value
    row = db.session.get(VisualConfiguration, connection.id) or VisualConfiguration(connection_id=connection.id)
    row.config = json.dumps(to_json(config))
    row.published_at, row.configured_from = config.published_at, configured_from
    db.session.add(row)
    db.session.execute(delete(Trigger).where(Trigger.connection_id == connection.id, Trigger.visual.is_(True)))
    if jql is not None:
        db.session.add(Trigger(connection_id=connection.id, jql=jql, visual=True,
                               notes=f"Visual configuration: the Automatic sync to {connection.remote_short_name}."))


def default_config(connection: Connection, remote_project_key: str | None = None) -> VisualConfig:
    """What a Visual connection starts with (not published: the default sync rules run meanwhile)."""
    config = model_default(connection.project_key, remote_project_key)
    if connection.role == Role.ACCEPTOR:
        config.configured_from = connection.remote_url
    return config


def start(connection: Connection, remote_project_key: str) -> None:
    """A new Visual connection's initiator end: its configuration starts as the default one, with the
    destination's project."""
    config = default_config(connection, remote_project_key)
    with transaction():
        db.session.add(VisualConfiguration(connection_id=connection.id, config=json.dumps(to_json(config))))


def automatic_jql(config: VisualConfig) -> str | None:
    """The trigger of this side's outgoing direction when it is Automatic."""
    return trigger_jql(config.local_scope) if config.local_to_remote == SyncMethod.AUTOMATIC.value else None


def stored(row: VisualConfiguration) -> VisualConfig:
    config = from_json(json.loads(row.config))
    config.published_at, config.configured_from = row.published_at, row.configured_from
    return config


def visual_end(connection: Connection) -> Connection:
    if connection.mode != Mode.VISUAL:
        raise Conflict(f"Connection {connection.name} is not a Visual connection: it has no Visual configuration.")
    return connection
