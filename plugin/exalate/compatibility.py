"""The compatibility check of the Initiate wizard: classify the destination (public, private,
local), ask it what it is, and say which modes the matrix lets this instance offer. A
destination's answer is cached in the database for a while, so every node of a cluster agrees."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from sqlalchemy.exc import IntegrityError

from ..db import db, transaction, utcnow
from ..errors import RemoteNodeError, RemoteNodeTimeout, ValidationFailed
from ..outbound import URL_PROBLEMS, OutboundError
from . import matrix
from .matrix import ModeOption, Problem
from .models import ConnectionType, DestinationInfo
from .node import Node, NodeInfo
from .peers import PeerClient
from .settings import Licenses


@dataclass
class CompatibilityReport:
    connection_type: str | None
    reachable: bool
    destination: NodeInfo | None
    modes: list[ModeOption] = field(default_factory=list)
    problem: Problem | None = None

    def option(self, mode: str) -> ModeOption:
        return next(option for option in self.modes if option.mode == mode)

    def require(self, mode: str) -> None:
        """Refuse ``mode`` unless the report offers it: a destination that failed is the
        destination URL's error, a mode ruled out is the mode's."""
        if self.problem is not None:
            error_class = RemoteNodeError
            if self.problem.code in URL_PROBLEMS:
                error_class = ValidationFailed
            elif self.problem.code == "TIMEOUT":
                error_class = RemoteNodeTimeout
            raise error_class(field_errors={"destination_url": self.problem.message})
        option = self.option(mode)
        if not option.available:
            raise ValidationFailed.field("mode", option.reason)


class CompatibilityChecker:
    def __init__(self, node: Node, licenses: Licenses, peers: PeerClient, cache_seconds: float = 0):
        self.node = node
        self.licenses = licenses
        self.peers = peers
        self.cache_seconds = cache_seconds

    def check(self, destination_url: str | None) -> CompatibilityReport:
        """Which modes can be offered for ``destination_url`` (None: I don't have a URL). Never
        raises for a destination that fails: the failure is the report's ``problem``."""
        if destination_url is None:
            return self._report(ConnectionType.PRIVATE, None)
        try:
            url = self.peers.check_url(destination_url)
        except OutboundError as exc:
            return _failed(None, exc)
        if self.node.is_own_url(url):
            return self._report(ConnectionType.LOCAL, self.node.info())
        try:
            info = self._node_info_of(url)
        except OutboundError as exc:
            return _failed(ConnectionType.PUBLIC, exc)
        return self._report(ConnectionType.PUBLIC, info)

    def _report(self, connection_type: ConnectionType, destination: NodeInfo | None) -> CompatibilityReport:
        modes = matrix.evaluate(connection_type=connection_type.value, destination=destination,
                                license_state=self.licenses.get().state, local_public=self.node.is_public())
        return CompatibilityReport(connection_type.value, connection_type != ConnectionType.PRIVATE, destination,
                                   modes)

    def _node_info_of(self, url: str) -> NodeInfo:
        """The destination's node info, from the cache while it is fresh. Failures are not
        cached: a destination that comes back is seen at once."""
        if self.cache_seconds > 0:
            cached = db.session.get(DestinationInfo, url)
            if cached is not None and utcnow() - cached.fetched_at < timedelta(seconds=self.cache_seconds):
                return NodeInfo(**json.loads(cached.info))
        info = self.peers.node_info(url)
        if self.cache_seconds > 0:
            try:
                with transaction():
                    db.session.merge(DestinationInfo(url=url, info=json.dumps(asdict(info)), fetched_at=utcnow()))
            except IntegrityError:
                pass  # another request stored the same answer first
        return info


def _failed(connection_type: ConnectionType | None, error: OutboundError) -> CompatibilityReport:
    return CompatibilityReport(connection_type and connection_type.value, False, None,
                               matrix.unavailable_everywhere(error.message), Problem(error.code, error.message))
