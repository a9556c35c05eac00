"""The host Jira composed: ``Jira`` (loaded by ``plugin.jira`` on first use)."""

from __future__ import annotations

from .attachments import Attachments
from .catalog import Catalog
from .comments import Comments
from .events import IssueEvents
from .issues import Issues
from .projects import Projects
from .sessions import Sessions
from .throttling import LOGIN_ATTEMPTS
from .users import Users
from .workflow import load_workflow


class Jira:
    """The host Jira's areas, composed: ``jira.users.authenticate(…)``, ``jira.projects.list()``."""

    def __init__(self, *, password_method: str = "scrypt", login_attempts: int = LOGIN_ATTEMPTS):
        self.users = Users(password_method, login_attempts)
        self.sessions = Sessions()
        self.projects = Projects(self.users)
        self.catalog = Catalog()
        self.events = IssueEvents()
        self.comments = Comments(self.events)
        self.issues = Issues(self.users, self.projects, self.catalog, load_workflow(), self.events, self.comments)
        self.attachments = Attachments(self.events)

    def use_secret(self, key: str) -> None:
        """The instance's secret key, which every node of a cluster shares."""
        self.users.throttle.use_key(key)

    def seed(self, *, admin_password: str = "admin", user_password: str = "user") -> None:
        """What a new instance starts with; the caller commits."""
        self.users.seed(admin_password=admin_password, user_password=user_password)
        self.projects.seed()
