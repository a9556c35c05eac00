"""docs/screenshots/ is what the pages look like now: the manifest that scripts/screenshots.py
writes names every picture there and the page sources it photographed, and the README points at
each picture and still says the set is complete."""

from __future__ import annotations

import json
import re

from .pagetools import ROOT, SCREENSHOT_MANIFEST, SCREENSHOTS, pages_fingerprint

COMPLETE = "Every page and state of the journey is in [`docs/screenshots/`](docs/screenshots/):"
REGENERATE = "python scripts/screenshots.py"


def manifest() -> dict:
    return json.loads(SCREENSHOT_MANIFEST.read_text(encoding="utf-8"))


def test_the_manifest_names_exactly_the_pictures_there():
    assert sorted(manifest()["screenshots"]) == sorted(path.name for path in SCREENSHOTS.glob("*.png"))


def test_the_screenshots_were_taken_after_the_pages_last_changed():
    assert manifest()["pages_fingerprint"] == pages_fingerprint(), (
        f"The admin pages changed since docs/screenshots/ was taken: run `{REGENERATE}`.")


def test_the_readme_points_at_every_screenshot_and_claims_completeness():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert COMPLETE in readme
    pointed = set(re.findall(r"docs/screenshots/([\w.-]+\.png)", readme))
    assert pointed == set(manifest()["screenshots"])
