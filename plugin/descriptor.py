"""The plugin descriptor (``atlassian-plugin.yml``): read once at start, used to build the
admin menu, the servlet mount point and the REST module's URL prefix."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

DESCRIPTOR_FILE = "atlassian-plugin.yml"
ADMIN_MENU_LOCATION = "admin_plugins_menu"


@dataclass(frozen=True)
class WebItem:
    key: str
    label: str
    link: str
    weight: int


@dataclass(frozen=True)
class WebSection:
    key: str
    label: str
    items: tuple[WebItem, ...]


@dataclass(frozen=True)
class Descriptor:
    key: str
    name: str
    version: str
    vendor: str
    description: str
    configure_url: str
    servlet_mount: str
    rest_prefix: str
    rest_resources: tuple[str, ...]
    admin_sections: tuple[WebSection, ...]

    @property
    def web_items(self) -> tuple[WebItem, ...]:
        return tuple(item for section in self.admin_sections for item in section.items)


def load_descriptor(text: str | None = None) -> Descriptor:
    """Parse the descriptor shipped with the package (or ``text``, for tests)."""
    if text is None:
        return _packaged()
    return _parse(text)


@lru_cache(maxsize=1)
def _packaged() -> Descriptor:
    # Read once per process: every app (and every mocked instance) shares it; it is immutable.
    return _parse(resources.files("plugin").joinpath(DESCRIPTOR_FILE).read_text(encoding="utf-8"))


def _parse(text: str) -> Descriptor:
    raw = yaml.safe_load(text)
    info = raw["plugin-info"]
    servlet = raw["servlets"][0]
    rest = raw["rest"][0]
    return Descriptor(
        key=raw["key"],
        name=raw["name"],
        version=str(info["version"]),
        vendor=info["vendor"]["name"],
        description=info.get("description", ""),
        configure_url=info.get("params", {}).get("configure.url", ""),
        servlet_mount="/plugins/servlet" + servlet["url-pattern"],
        rest_prefix=f"/rest{rest['path']}/{rest['version']}",
        rest_resources=tuple(rest.get("resources", ())),
        admin_sections=_admin_sections(raw),
    )


def _admin_sections(raw: dict) -> tuple[WebSection, ...]:
    sections = [s for s in raw.get("web-sections", ()) if s["location"] == ADMIN_MENU_LOCATION]
    sections.sort(key=lambda s: s.get("weight", 0))
    built = []
    for section in sections:
        qualified = f"{ADMIN_MENU_LOCATION}/{section['key']}"
        items = sorted(
            (
                WebItem(i["key"], i["label"], i["link"], i.get("weight", 0))
                for i in raw.get("web-items", ())
                if i["section"] == qualified
            ),
            key=lambda i: i.weight,
        )
        # Jira hides a web-section that has no web-item.
        if items:
            built.append(WebSection(section["key"], section["label"], tuple(items)))
    return tuple(built)
