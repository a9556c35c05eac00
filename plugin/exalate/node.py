"""This node: what it says about itself (platform, versions, URLs) and its one instance row,
which holds the secret key, General Settings and the licence."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from ..db import committed_rows, db, utcnow
from .models import Instance, LicenseType

EVALUATION_DAYS = 30
# The instance row as committed (every column, whatever settings it gains), read with core SQL and
# remembered by the process until the next commit to the database (``plugin.db.CommittedRows``): an ORM
# get of the row was about 40 % of GET /info (issue 14), and every node of a cluster still answers with
# the settings and licence as last committed, by any node.
_SETTINGS_ROW = select(Instance.__table__).where(Instance.__table__.c.id == 1)


@dataclass(frozen=True)
class NodeIdentity:
    """What this process says about itself; set from the configuration (``plugin.config``)."""

    base_url: str
    platform: str
    platform_version: str
    exalate_version: str


@dataclass(frozen=True)
class NodeInfo:
    """How an Exalate node describes itself (``GET /info``)."""

    platform: str
    platform_version: str
    exalate_version: str
    base_url: str
    exalate_url: str
    public: bool


class Node:
    def __init__(self, identity: NodeIdentity):
        self.identity = identity

    def seed(self) -> None:
        """The instance row of a new instance; the caller commits."""
        db.session.add(Instance(
            id=1,
            secret_key=secrets.token_urlsafe(48),
            exalate_url=self.identity.base_url,
            public=True,
            license_type=LicenseType.EVALUATION,
            license_expires_at=utcnow() + timedelta(days=EVALUATION_DAYS),
        ))

    def is_seeded(self) -> bool:
        return db.session.get(Instance, 1) is not None

    def instance(self) -> Instance:
        instance = db.session.get(Instance, 1)
        if instance is None:
            raise RuntimeError("The instance has not been set up: create the app first.")
        # The identity map holds rows weakly, so each call would read the row again; held for
        # the session (one request), it is read once, and again only after a commit expired it.
        db.session.info["instance"] = instance
        return instance

    def secret_key(self) -> str:
        return self.instance().secret_key

    def settings_row(self):
        """The instance row as last committed (read-only: writes go through ``instance()``)."""
        row = committed_rows().row("instance", _SETTINGS_ROW)
        if row is None:
            raise RuntimeError("The instance has not been set up: create the app first.")
        return row

    def info(self) -> NodeInfo:
        instance = self.settings_row()
        return NodeInfo(
            platform=self.identity.platform,
            platform_version=self.identity.platform_version,
            exalate_version=self.identity.exalate_version,
            base_url=self.identity.base_url,
            exalate_url=instance.exalate_url,
            public=instance.public,
        )

    def own_url(self) -> str:
        """The URL other nodes call this one at: the Exalate URL of General Settings."""
        return self.instance().exalate_url or self.identity.base_url

    def is_own_url(self, url: str) -> bool:
        own = {self.identity.base_url.rstrip("/").lower(), self.instance().exalate_url.rstrip("/").lower()}
        return url.rstrip("/").lower() in own

    def is_public(self) -> bool:
        instance = self.instance()
        return bool(instance.public and instance.exalate_url)
