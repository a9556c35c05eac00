"""Field-level rules, each in one place: identifier patterns, length limits and what text the
database can store. The domain validates with them; the tables are sized by them."""

from __future__ import annotations

import re

# \Z, not $: "$" also matches before a trailing newline, which would let "JiraA\n" through.
SHORT_NAME_PATTERN = re.compile(r"[A-Za-z0-9_.\-]{1,64}\Z")
SHORT_NAME_RULE = "Use 1 to 64 letters, digits, underscores, hyphens or dots."
PROJECT_KEY_PATTERN = re.compile(r"[A-Z][A-Z0-9_]{1,9}\Z")
PROJECT_KEY_RULE = ("Project keys must start with an uppercase letter, followed by one or more uppercase "
                    "alphanumeric characters (2 to 10 in all).")
UID_PATTERN = re.compile(r"[0-9a-f]{32}\Z")  # a connection's or an invitation's identity

SHORT_TEXT_MAX = 255  # user names, display names, e-mail addresses
NAME_MAX = 255  # connection names
URL_MAX = 255
DESCRIPTION_MAX = 4000
PROJECT_NAME_MAX = 80
RULES_MAX = 200_000  # one sync script
SECRET_MAX = 128
SUMMARY_MAX = 255  # an issue's summary (Jira's limit)
LABEL_MAX = 255
ISSUE_KEY_MAX = 32  # a project key, a hyphen and the issue number
LONG_TEXT_MAX = 32767  # a description or a comment body (Jira's jira.text.field.character.limit)
MAX_ID = 2**31 - 1  # ids are INTEGER columns: PostgreSQL refuses to compare one with anything larger
MAX_PAGE = 1000

REQUIRED = "This field is required."


def is_uid(value: object) -> bool:
    return isinstance(value, str) and UID_PATTERN.match(value) is not None


def is_short_name(value: object) -> bool:
    return isinstance(value, str) and SHORT_NAME_PATTERN.match(value) is not None


def is_project_key(value: object) -> bool:
    return isinstance(value, str) and PROJECT_KEY_PATTERN.match(value) is not None


def is_blank(value: str | None) -> bool:
    return value is None or not value.strip()


def storable(text: str) -> bool:
    """Text every database can store and compare: PostgreSQL refuses NUL, and no driver can
    encode half a surrogate pair (which JSON can escape: ``"\\ud800"``)."""
    return "\x00" not in text and not any("\ud800" <= char <= "\udfff" for char in text)


def searchable(text: str, max_length: int = SHORT_TEXT_MAX) -> bool:
    """Text that may be looked up in a column of ``max_length``; anything else matches no row."""
    return len(text) <= max_length and storable(text)


def text_errors(values: dict[str, str | None], *, max_length: int, required: tuple[str, ...] = (),
                strip: bool = True) -> dict[str, str]:
    """Each value that is missing but required, too long, or not storable, with its message."""
    errors = {}
    for name, value in values.items():
        if value is None or (strip and not value.strip()):
            if name in required:
                errors[name] = REQUIRED
        elif len(value) > max_length:
            errors[name] = f"This field must be at most {max_length} characters."
        elif not storable(value):
            errors[name] = "This field must not contain NUL characters."
    return errors


def name_key(name: str) -> str:
    """Connection names are unique per instance regardless of case and surrounding space."""
    return name.strip().casefold()


def shorten(value: object, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"
