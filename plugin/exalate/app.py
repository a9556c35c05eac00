"""The Exalate app composed: ``Exalate`` (loaded by ``plugin.exalate`` on first use)."""

from __future__ import annotations

from ..jira import Jira
from ..outbound import OutboundClient
from .compatibility import CompatibilityChecker
from .connections import Connections
from .handshake import Handshakes
from .initiation import Initiation
from .node import Node, NodeIdentity
from .partners import Partners
from .peers import PeerClient
from .scripting.testrun import TestRuns
from .settings import Licenses, Settings
from .sync import Sync
from .triggers import Triggers
from .visual import Visual


class Exalate:
    def __init__(self, identity: NodeIdentity, jira: Jira, *, outbound: OutboundClient, rest_prefix: str,
                 invitation_days: float = 7, info_cache_seconds: float = 0, attachment_max_bytes: int):
        self.node = Node(identity)
        self.settings = Settings(self.node)
        self.licenses = Licenses(self.node)
        self.peers = PeerClient(outbound, rest_prefix)
        self.compatibility = CompatibilityChecker(self.node, self.licenses, self.peers, info_cache_seconds)
        self.connections = Connections(self.peers)
        self.initiation = Initiation(self.node, jira.projects, self.compatibility, self.peers, self.connections,
                                     invitation_days)
        self.invitations = Handshakes(self.node, self.licenses, jira.projects, self.peers)
        self.partners = Partners()
        self.test_runs = TestRuns(jira, self.connections)
        self.sync = Sync(jira, self.peers, self.partners, lambda: self.node.identity.base_url,
                         attachment_max_bytes=attachment_max_bytes)
        self.triggers = Triggers(self.connections, self.sync)
        self.sync.outgoing.matching = self.triggers.matching  # issues that change pick up matching triggers
        self.settings.sync_workers_on = self.sync.wake
        self.visual = Visual(jira, self.connections, self.peers, self.partners)

    @property
    def identity(self) -> NodeIdentity:
        return self.node.identity
