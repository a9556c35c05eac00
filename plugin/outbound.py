"""The one HTTP client for calls to other nodes: bounded timeouts, a size limit, no redirects,
and a guard that refuses URLs no Exalate node should be asked to call."""

from __future__ import annotations

import functools
import ipaddress
import json
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

DEFAULT_CONNECT_TIMEOUT = 3.0
DEFAULT_READ_TIMEOUT = 5.0
DEFAULT_MAX_BYTES = 1_000_000

# Cloud metadata services answer on these even where link-local is otherwise routed.
METADATA_HOSTS = {"metadata.google.internal", "metadata", "instance-data"}
# ... and at these addresses, some of them private or even global ones: AWS (IPv4, IPv6, ECS),
# Azure's wire server, Alibaba Cloud, Oracle Cloud. Never called, in any mode.
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "fd00:ec2::254", "168.63.129.16", "100.100.100.200", "192.0.0.192",
))
# Special-purpose blocks (IANA, RFC 6890) that not every Python counts out of ``is_global``:
# shared address space (carrier-grade NAT), IETF protocol assignments, benchmarking.
NOT_GLOBAL_NETWORKS = tuple(ipaddress.ip_network(n) for n in ("100.64.0.0/10", "192.0.0.0/24", "198.18.0.0/15"))


# Codes for a URL refused before any call is made (the caller's input is at fault).
URL_PROBLEMS = {"INVALID_URL", "UNSUPPORTED_SCHEME", "CREDENTIALS_IN_URL", "FORBIDDEN_ADDRESS"}


class OutboundError(Exception):
    """A call that could not be made or gave no usable answer; ``code`` names the reason."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def timed_out(self) -> bool:
        return self.code == "TIMEOUT"


@dataclass(frozen=True)
class Reply:
    status: int
    body: object  # the parsed JSON, or None when the answer was empty or not JSON
    is_json: bool


def check_url(url: object, *, allow_private: bool = True) -> str:
    """Return the normalised URL (no trailing slash), or raise OutboundError saying why not."""
    if not isinstance(url, str) or not url.strip():
        raise OutboundError("INVALID_URL", "Enter a URL, for example https://jira.example.com.")
    url = url.strip()
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in url):
        raise OutboundError("INVALID_URL", "The URL must not contain control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise OutboundError("INVALID_URL", f"'{url}' is not a valid URL.") from exc
    if parts.scheme not in ("http", "https"):
        raise OutboundError("UNSUPPORTED_SCHEME", "The URL must start with http:// or https://.")
    if parts.username is not None or parts.password is not None:
        raise OutboundError("CREDENTIALS_IN_URL", "The URL must not contain a user name or password.")
    host = parts.hostname
    if not host:
        raise OutboundError("INVALID_URL", f"'{url}' has no host name.")
    if parts.query or parts.fragment:
        raise OutboundError("INVALID_URL", "The URL must not contain a query or a fragment.")
    _check_host(host, allow_private=allow_private)
    del port  # parsed only to reject invalid ports early
    return url.rstrip("/")


def _check_host(host: str, *, allow_private: bool) -> None:
    if host.lower().rstrip(".") in METADATA_HOSTS:  # "metadata.google.internal." is the same host
        raise OutboundError("FORBIDDEN_ADDRESS", f"Calls to '{host}' are not allowed.")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return  # a host name; its addresses are checked when it is resolved
    _check_address(address, host, allow_private=allow_private)


def _check_address(address, host: str, *, allow_private: bool) -> None:
    """Refuse ``address`` and every IPv4 address it carries (IPv4-mapped, 6to4, Teredo): an
    address that reaches a forbidden one through a tunnel is as forbidden as that one."""
    forms = list(_forms(address))
    if any(_never_called(form) for form in forms):
        raise OutboundError("FORBIDDEN_ADDRESS", f"Calls to '{host}' (a link-local, reserved or cloud "
                                                 "metadata address) are not allowed.")
    if not allow_private and not all(_is_global(form) for form in forms):
        raise OutboundError("FORBIDDEN_ADDRESS", f"Calls to '{host}' (a private address) are not allowed.")


def _never_called(address) -> bool:
    # ::1 lies in the reserved ::/8 block, but it is loopback like 127.0.0.1: judged as private.
    reserved = address.is_reserved and not address.is_loopback
    scoped = address.is_link_local or getattr(address, "is_site_local", False)  # fec0::/10: deprecated, scoped
    return address in METADATA_ADDRESSES or scoped or address.is_multicast or address.is_unspecified or reserved


def _forms(address):
    """``address`` and the IPv4 addresses embedded in it."""
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped:  # ::ffff:a.b.c.d is a.b.c.d, nothing more
        yield mapped
        return
    yield address
    if address.version == 6:
        embedded = (address.sixtofour, *(address.teredo or ()))
        yield from (form for form in embedded if form is not None)


def _is_global(address) -> bool:
    return address.is_global and not any(address in network for network in NOT_GLOBAL_NETWORKS
                                         if network.version == address.version)


def _resolve(host: str, port: int, *, allow_private: bool) -> None:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise OutboundError("DNS_FAILURE", f"The host name '{host}' could not be resolved.") from exc
    for info in infos:
        _check_address(ipaddress.ip_address(info[4][0].split("%")[0]), host, allow_private=allow_private)


class _PeerGuard:
    """Checks the address a connection actually reached, after DNS: a host name that resolved
    to an allowed address for the pre-check cannot switch to a forbidden one for the call."""

    allow_private = True

    def _new_conn(self):
        sock = super()._new_conn()
        address = ipaddress.ip_address(sock.getpeername()[0].split("%")[0])
        try:
            _check_address(address, self.host, allow_private=self.allow_private)
        except OutboundError:
            sock.close()
            raise
        return sock


def _guarded_adapter(allow_private: bool) -> HTTPAdapter:
    guard = type("Guard", (_PeerGuard,), {"allow_private": allow_private})
    pools = {
        "http": type("GuardedHTTPPool", (HTTPConnectionPool,),
                     {"ConnectionCls": type("GuardedHTTP", (guard, HTTPConnection), {})}),
        "https": type("GuardedHTTPSPool", (HTTPSConnectionPool,),
                      {"ConnectionCls": type("GuardedHTTPS", (guard, HTTPSConnection), {})}),
    }

    class GuardedAdapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = pools

    return GuardedAdapter()


class OutboundClient:
    def __init__(
        self,
        *,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        allow_private: bool = True,
        check_dns: bool = True,
    ):
        self.check_dns = check_dns
        self.timeout = (connect_timeout, read_timeout)
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self._adapter_factory = functools.partial(_guarded_adapter, allow_private)

    def _session(self) -> requests.Session:
        # A fresh session per call: no pooled connection to a node that has since restarted.
        session = requests.Session()
        adapter = self._adapter_factory()
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def get_json(self, url: str, *, headers: dict | None = None, auth=None, max_bytes: int | None = None,
                 params: dict | None = None) -> Reply:
        """``max_bytes`` raises the answer's size limit for this call (an attachment's content); ``params``
        is the query string (the URL itself carries none)."""
        return self._call("GET", url, headers=headers, auth=auth, max_bytes=max_bytes, params=params)

    def post_json(self, url: str, body: dict, *, headers: dict | None = None, auth=None) -> Reply:
        return self._call("POST", url, body=body, headers=headers, auth=auth)

    def delete(self, url: str, *, headers: dict | None = None, auth=None) -> Reply:
        return self._call("DELETE", url, headers=headers, auth=auth)

    def _call(self, method: str, url: str, *, body=None, headers=None, auth=None, max_bytes=None,
              params=None) -> Reply:
        url = check_url(url, allow_private=self.allow_private)
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if self.check_dns:
            _resolve(parts.hostname, port, allow_private=self.allow_private)
        try:
            with self._session() as session, session.request(
                method,
                url,
                json=body,
                params=params,
                headers={"Accept": "application/json", **(headers or {})},
                auth=auth,
                timeout=self.timeout,
                allow_redirects=False,
                stream=True,
            ) as response:
                raw = self._read_limited(response, max_bytes or self.max_bytes)
                status = response.status_code
                location = response.headers.get("Location", "")
        except requests.exceptions.SSLError as exc:
            raise OutboundError("TLS_ERROR", f"The TLS handshake with {parts.netloc} failed.") from exc
        except (requests.exceptions.ConnectTimeout, requests.exceptions.ReadTimeout) as exc:
            raise OutboundError("TIMEOUT", f"{parts.netloc} did not answer in time.") from exc
        except requests.exceptions.ConnectionError as exc:
            raise OutboundError("CONNECTION_REFUSED", f"Could not connect to {parts.netloc}.") from exc
        except requests.exceptions.RequestException as exc:
            raise OutboundError("CONNECTION_FAILED", f"The call to {parts.netloc} failed.") from exc
        if 300 <= status < 400:
            raise OutboundError("REDIRECT", f"{parts.netloc} answered with a redirect to '{location}'.")
        return _reply(status, raw)

    def _read_limited(self, response: requests.Response, max_bytes: int) -> bytes:
        # requests' read timeout bounds each read, not the whole answer: keep a deadline too.
        deadline = time.monotonic() + sum(self.timeout)
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise OutboundError("RESPONSE_TOO_LARGE", "The answer is larger than allowed.")
        chunks, size = [], 0
        for chunk in _arrivals(response):
            size += len(chunk)
            if size > max_bytes:
                raise OutboundError("RESPONSE_TOO_LARGE", "The answer is larger than allowed.")
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise requests.exceptions.ReadTimeout("the answer took too long")
        return b"".join(chunks)


def _arrivals(response: requests.Response):
    """The body in pieces as they arrive. ``read1`` returns whatever has come, where
    ``iter_content`` waits for a full chunk: a server trickling bytes would hold it past the
    deadline. urllib3's errors are raised as requests' (a read timeout stays a timeout)."""
    read = getattr(response.raw, "read1", response.raw.read)  # read1: urllib3 2
    try:
        while chunk := read(65536, decode_content=True):
            yield chunk
    except urllib3.exceptions.ReadTimeoutError as exc:
        raise requests.exceptions.ReadTimeout(str(exc)) from exc
    except urllib3.exceptions.SSLError as exc:
        raise requests.exceptions.SSLError(str(exc)) from exc
    except (urllib3.exceptions.HTTPError, OSError) as exc:  # cut short or undecodable: the call failed
        raise requests.exceptions.RequestException(str(exc)) from exc


def _reply(status: int, raw: bytes) -> Reply:
    if not raw:
        return Reply(status, None, False)
    try:
        return Reply(status, json.loads(raw), True)
    except (ValueError, UnicodeDecodeError):
        return Reply(status, None, False)
    except RecursionError as exc:  # nested deeper than the parser goes: no node answers that
        raise OutboundError("MALFORMED_ANSWER", "The answer is nested too deeply to be read.") from exc
