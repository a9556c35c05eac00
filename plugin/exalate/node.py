"""This node: what it says about itself (platform, versions, URLs) and its one instance row,
which holds the secret key, General Settings and the licence."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from ..db import db, read_row, utcnow
from .models import Instance, LicenseType

EVALUATION_DAYS = 30
# What GET /info needs of the instance row, read with core SQL: an ORM get of the whole row was
# about 40 % of the request (issue 14). Read on every call, so every node of a cluster answers
# with the settings as last committed, by any node.
_INFO_COLUMNS = select(Instance.exalate_url, Instance.public).where(Instance.id == 1)


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

    def info(self) -> NodeInfo:
        instance = read_row(_INFO_COLUMNS)
        if instance is None:
            raise RuntimeError("The instance has not been set up: create the app first.")
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
