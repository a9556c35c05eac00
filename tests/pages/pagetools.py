"""Reading and posting Jira's issue pages as a browser would: logged in through the login page,
every form post with the session's atl_token."""

from __future__ import annotations

import html
import re

from admin.pagetools import atl_token, field_error, text

__all__ = ["PageClient", "field_error", "text", "links", "visible"]


class PageClient:
    def __init__(self, client, token: str):
        self.client = client
        self.token = token

    @classmethod
    def logged_in(cls, client, username: str) -> PageClient:
        response = client.post("/login.jsp", data={"os_username": username, "os_password": username})
        assert response.status_code in (302, 303), response.text
        return cls(client, atl_token(client.get("/secure/BrowseProjects.jspa").text))

    def get(self, path: str, **kwargs):
        return self.client.get(path, **kwargs)

    def post(self, path: str, data: dict | None = None, **kwargs):
        return self.client.post(path, data={"atl_token": self.token, **(data or {})}, **kwargs)


def links(markup: str) -> list[str]:
    return [html.unescape(found) for found in re.findall(r'href="([^"]*)"', markup)]


def visible(markup: str) -> str:
    """The page's text without its tags, white space made one space: what a reader sees."""
    return text(re.sub(r"<[^>]*>", " ", markup))
