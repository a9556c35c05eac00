"""Hypothesis strategies for hostile input: text a user (or another node) could send that no
form would produce: control characters, NUL, unicode of every plane, strings far past every
limit, JSON of the wrong type, bytes that are not JSON, and invitation codes of any shape."""

from __future__ import annotations

import base64
import string
from urllib.parse import quote

from hypothesis import strategies as st

# Markup and script payloads: what must come back escaped wherever it is shown.
PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'\"&",
    "javascript:alert(1)",
    "</textarea><script>alert(1)</script>",
    "{{ 7*7 }}{% raw %}",
)

CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from("\x7f\x85\u2028\u2029\ufeff\u202e\u200b")
# Every limit the backend checks, and one past it.
LENGTHS = (64, 65, 80, 81, 255, 256, 4000, 4001, 200_000, 200_001, 1_000_000)

# Surrogates are not characters: no client can send them as UTF-8 (but see surrogate_text).
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
control_text = st.text(CONTROL | st.characters(max_codepoint=0x7F), max_size=40)
long_text = st.builds(
    lambda piece, length: (piece * (length // max(len(piece), 1) + 1))[:length],
    st.sampled_from(["a", "\x00", "é", "😀", "<", " ", "A1_", "\u202e"]),
    st.sampled_from(LENGTHS) | st.integers(0, 300_000),
)
edge_text = st.sampled_from([
    "", " ", "\t\n", "\x00", "DEMO\x00", "DEMO\n", " DEMO ", "null", "true", "0", "-1", "1e309", "NaN",
    "SCRIPT\x00", "script", "Script", "EVALUATION\n", "http://", "https://", "http://[::1", "http://:0",
    "http://jira-a.test:2990", "http://jira-a.test:2990/\x00", "http://user:pw@jira-a.test", "ftp://jira-a.test",
    "http://169.254.169.254", "http://metadata.google.internal.", "http://jira-a.test:99999", "//jira-a.test",
    "http://jira-a.test?x=1", "http://jira-a.test#x", "http://\u0130.test", "http://xn--.test", "\\\\server\\share",
    "2030-01-01T00:00:00", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "2030-02-30T00:00:00Z",
    *PAYLOADS,
])
hostile_text = st.one_of(edge_text, unicode_text, control_text, long_text)

huge_int = st.integers(min_value=-(2**1000), max_value=2**1000)
# JSON can escape half a surrogate pair ("\ud800"): not a character, but a client can send it.
surrogate_text = st.tuples(st.text(max_size=5), st.characters(categories=("Cs",)), st.text(max_size=5)).map("".join)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), huge_int, st.floats(allow_nan=False, allow_infinity=False),
    hostile_text, surrogate_text,
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(unicode_text | surrogate_text, children, max_size=4),
    max_leaves=12,
)
# For one field: text gets past the type checks to the rules behind them, so it comes often.
field_values = st.one_of(json_values, hostile_text, surrogate_text)


def field_bodies(valid: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    """Objects with the resource's real field names, each absent, valid or hostile, so that a
    request gets past the first check as often as it fails it."""
    optional = {name: st.one_of(strategy, strategy, field_values) for name, strategy in valid.items()}
    return st.fixed_dictionaries({}, optional=optional)


def spoiled_bodies(valid: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    """A valid object with one or two fields made hostile or left out: these get furthest."""

    @st.composite
    def spoil(draw):
        body = draw(st.fixed_dictionaries(valid))
        for name in draw(st.lists(st.sampled_from(sorted(valid)), min_size=1, max_size=2, unique=True)):
            if draw(st.booleans()):
                body[name] = draw(field_values)
            else:
                del body[name]
        return body

    return spoil()


def json_bodies(valid: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    return st.one_of(spoiled_bodies(valid), field_bodies(valid), json_values)


# --------------------------------------------------------------------------- raw bodies

nested = st.integers(1, 200_000).map(lambda depth: b"[" * depth + b"]" * depth)
raw_bytes = st.one_of(
    st.binary(max_size=300),
    nested,
    st.integers(1, 200_000).map(lambda depth: b'{"a":' * depth),
    st.sampled_from([
        b"", b"null", b"{", b"}", b"[]", b'"text"', b"0", b"1" * 5000, b'{"name": NaN}', b'{"public": Infinity}',
        b'{"expiresAt": -Infinity}', b"\xff\xfe{\x00}", b"\xef\xbb\xbf{}", b'{"name": "\\ud800"}',
        b'{"name": "a\\u0000b"}', b'{"a": 1, "a": 2}', b"{'name': 'x'}", b"<xml/>", b"\x00" * 100,
        b'{"invitationCode": ' + b"9" * 5000 + b"}", b'{"startAt": 1e999}',
    ]),
    json_values.map(lambda value: repr(value).encode("utf-8", "surrogatepass")),
)
content_types = st.one_of(
    st.sampled_from([
        None, "application/json", "application/json; charset=utf-8", "application/json; charset=latin-1",
        "application/json; charset=utf-16", "application/json; charset=x-unknown", "application/vnd.api+json",
        "text/plain", "text/html", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
        "multipart/form-data; boundary=x", "application/octet-stream", "*/*", "application/json;;;",
    ]),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60),
)

# ------------------------------------------------------------------------- path, query

digits = st.integers(min_value=-(2**70), max_value=2**70).map(str)
path_segments = st.one_of(
    digits,
    st.sampled_from([
        str(2**31 - 1), str(2**31), str(2**53 + 1), str(2**63), "0", "00", "01", "-1", "+1", " 1", "1 ", "1.0", "1e3",
        "0x1", "\u0661", "\uff11", "%00", "..", ".", "%2e%2e", "9" * 400, "1%00", "1;x", "NaN", "undefined", "null",
    ]),
    hostile_text.filter(lambda text: len(text) < 5000),
)


def quoted(segment: str) -> str:
    return quote(segment.encode("utf-8", "surrogatepass"), safe="")


query_values = st.one_of(digits, hostile_text.filter(lambda text: len(text) < 5000))

# ----------------------------------------------------------------------- invitation codes

base64ish = st.text(string.ascii_letters + string.digits + "-_=.+/", max_size=2000)
dotted = st.lists(base64ish.filter(lambda s: "." not in s), min_size=1, max_size=6).map(".".join)
encoded_json = json_values.map(
    lambda value: base64.urlsafe_b64encode(repr(value).encode("utf-8", "surrogatepass")).decode().rstrip("=")
)
garbage_codes = st.one_of(
    hostile_text,
    base64ish,
    dotted,
    st.tuples(encoded_json, base64ish).map(".".join),
    st.integers(0, 100_000).map(lambda length: "A" * length),
    st.integers(0, 100_000).map(lambda length: ("eyJ" + "a." * length)[:length]),
)


def mutate(code: str, data: st.DataObject) -> str:
    """A real code with one random edit: a flipped, cut, inserted or repeated piece."""
    if not code:
        return code
    # Drawn independently of the code's length, so the same draws replay whatever code comes.
    position = data.draw(st.integers(0, 2**16), label="position") % len(code)
    edit = data.draw(st.sampled_from(["replace", "delete", "insert", "truncate", "double", "swap-parts"]),
                     label="edit")
    piece = data.draw(st.text(string.ascii_letters + string.digits + "-_.=\x00 ", min_size=1, max_size=5),
                      label="piece")
    if edit == "replace":
        return code[:position] + piece + code[position + len(piece):]
    if edit == "delete":
        return code[:position] + code[position + len(piece):]
    if edit == "insert":
        return code[:position] + piece + code[position:]
    if edit == "truncate":
        return code[:position]
    if edit == "double":
        return code + code[position:]
    head, _, tail = code.partition(".")
    return f"{tail}.{head}"
