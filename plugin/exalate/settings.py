"""General Settings (the Exalate URL, whether this instance is public, the sync workers switch) and the
licence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from ..db import transaction, utcnow
from ..errors import ValidationFailed
from ..fields import URL_MAX
from ..outbound import OutboundError, check_url
from .models import Instance, LicenseType
from .node import EVALUATION_DAYS, Node

UNLIMITED = (LicenseType.FREE, LicenseType.NONE)  # types that never expire


class Settings:
    def __init__(self, node: Node):
        self.node = node
        # Called (after the commit) when the sync workers are switched on: the sync engine wakes its worker.
        self.sync_workers_on: Callable[[], None] | None = None

    def get(self) -> Instance:
        return self.node.instance()

    def update(self, *, exalate_url: str | None = None, public: bool | None = None,
               sync_workers: bool | None = None) -> Instance:
        if exalate_url is not None:
            try:
                exalate_url = check_url(exalate_url)
            except OutboundError as exc:
                raise ValidationFailed.field("exalate_url", exc.message) from exc
            if len(exalate_url) > URL_MAX:
                raise ValidationFailed.field("exalate_url", f"The Exalate URL must be at most {URL_MAX} characters.")
        with transaction():
            instance = self.node.instance()
            if exalate_url is not None:
                instance.exalate_url = exalate_url
            if public is not None:
                instance.public = public
            if sync_workers is not None:
                instance.sync_workers = sync_workers
        if sync_workers and self.sync_workers_on is not None:
            self.sync_workers_on()
        return instance


@dataclass(frozen=True)
class LicenseView:
    type: str
    expires_at: datetime | None
    state: str
    days_left: int | None

    @classmethod
    def of(cls, license_type: LicenseType, expires_at: datetime | None) -> LicenseView:
        """The licence with its state derived: EXPIRED once an expiring licence has run out."""
        if license_type not in (LicenseType.EVALUATION, LicenseType.PAID) or (
            expires_at is None and license_type == LicenseType.PAID
        ):
            return cls(license_type.value, expires_at, license_type.value, None)
        remaining = (expires_at - utcnow()).total_seconds() if expires_at else -1
        state = "EXPIRED" if remaining <= 0 else license_type.value
        return cls(license_type.value, expires_at, state, max(0, int(remaining // 86400)))


class Licenses:
    def __init__(self, node: Node):
        self.node = node

    def get(self) -> LicenseView:
        instance = self.node.settings_row()
        return LicenseView.of(instance.license_type, instance.license_expires_at)

    def update(self, *, type: str | None, expires_at: datetime | None = None) -> LicenseView:
        errors = {}
        names = [t.value for t in LicenseType]
        if type not in names:
            errors["type"] = f"The license type must be one of {', '.join(names)}."
        if expires_at is not None and expires_at.tzinfo is not None:
            try:
                expires_at = expires_at.astimezone(timezone.utc).replace(tzinfo=None)
            except OverflowError:  # e.g. 0001-01-01T00:00:00+01:00 is before the year 1 in UTC
                errors["expires_at"] = "The expiry must be a date and time between the years 1 and 9999 in UTC."
        if errors:
            raise ValidationFailed(field_errors=errors)
        license_type = LicenseType(type)
        if expires_at is None and license_type == LicenseType.EVALUATION:
            expires_at = utcnow() + timedelta(days=EVALUATION_DAYS)
        with transaction():
            instance = self.node.instance()
            instance.license_type = license_type
            instance.license_expires_at = None if license_type in UNLIMITED else expires_at
        return self.get()
