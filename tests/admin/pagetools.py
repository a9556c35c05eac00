"""Reading admin pages the way a browser does: the forms and the values they would submit, the
error shown beside a field, the invitation code on the page."""

from __future__ import annotations

import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

from plugin.descriptor import load_descriptor

SERVLET = load_descriptor().servlet_mount
_TOKEN = re.compile(r'name="atl_token" value="([^"]*)"')
ROOT = Path(__file__).resolve().parents[2]
# What draws the admin pages: a change here changes what docs/screenshots/ shows.
PAGE_SOURCES = ("plugin/templates", "plugin/static", "plugin/admin")
SCREENSHOTS = ROOT / "docs" / "screenshots"
SCREENSHOT_MANIFEST = SCREENSHOTS / "manifest.json"
_INVITATION = re.compile(r'<textarea[^>]*id="invitation-code"[^>]*>\n?(.*?)</textarea>', re.S)


def page(path: str) -> str:
    """An absolute path, or a page under the Exalate servlet mount."""
    return path if path.startswith("/") else f"{SERVLET}/{path}"


def atl_token(markup: str) -> str:
    return _TOKEN.search(markup).group(1)


def text(markup: str) -> str:
    """The page with entities decoded and runs of white space made one space, to look for
    sentences that contain quotes or wrap across template lines."""
    return re.sub(r"\s+", " ", html.unescape(markup))


def field_error(markup: str, name: str) -> str | None:
    found = re.search(rf'<div class="error" id="{re.escape(name)}-error">(.*?)</div>', markup, re.S)
    return html.unescape(found.group(1)) if found else None


def invitation_code(markup: str) -> str:
    return html.unescape(_INVITATION.search(markup).group(1)).strip()


def form_values(markup: str, action: str) -> dict[str, str]:
    """What a browser would submit from the form posting to ``action``, before the user types."""
    parser = _Forms()
    parser.feed(markup)
    return next(values for form_action, values in parser.forms if form_action == action)


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append((attributes.get("action", ""), {}))
            return
        name = attributes.get("name")
        if not self.forms or "disabled" in attributes:
            return
        values = self.forms[-1][1]
        if tag == "input" and name:
            if attributes.get("type") not in ("checkbox", "radio"):
                values[name] = attributes.get("value", "")
            elif "checked" in attributes:
                values[name] = attributes.get("value", "on")
        elif tag == "textarea" and name:
            self._textarea, values[name] = name, ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and (self._select not in values or "selected" in attributes):
            values[self._select] = attributes.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            values = self.forms[-1][1]
            # Like a browser, drop the newline that directly follows <textarea>.
            values[self._textarea] += data[1:] if not values[self._textarea] and data.startswith("\n") else data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


class Browser:
    """A Flask test client that submits forms as a browser would: the page's current values
    (hidden fields included), the answers typed, the button pressed and the atl_token."""

    def __init__(self, client):
        self.client = client
        self.token = atl_token(client.get(page("connections")).text)

    def get(self, path: str, **kwargs):
        return self.client.get(page(path), **kwargs)

    def post(self, path: str, data: dict | None = None, **kwargs):
        return self.client.post(page(path), data={"atl_token": self.token, **(data or {})}, **kwargs)

    def submit(self, response, path: str, button: str = "next", **answers):
        """Fill in the form of ``response`` that posts to ``path``; an answer of None unticks."""
        values = {**form_values(response.text, page(path)), **answers, "action": button}
        return self.client.post(page(path), data={k: v for k, v in values.items() if v is not None})


def pages_fingerprint() -> str:
    """A digest of every file that draws the admin pages; ``scripts/screenshots.py`` records it."""
    digest = hashlib.sha256()
    for folder in PAGE_SOURCES:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
