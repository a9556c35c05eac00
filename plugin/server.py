"""The HTTP server each worker process runs: waitress, with the limits that keep an instance
answering clients that are slow or hostile.

* A request body over the app's limit is refused from its headers, before a byte of it is read:
  the app renders the 413 (a Jira error body under ``/rest/``) from the declared length.
* A request's head must arrive within ``header_timeout`` seconds of the connection falling idle,
  and its body within ``body_timeout`` seconds of the head; a connection that lags is closed.
* At ``connection_limit`` open connections, the connection that has waited longest for its
  request is closed to make room, so clients sending a header line now and then cannot take
  every connection and leave a normal client queueing behind them.
* With several worker processes, a worker accepts a connection only while it holds no more than the
  fewest a live sibling holds (``WorkerShares``: connections, and requests waiting for a thread), so that
  a client's pool of kept-alive connections spreads over every worker instead of going to whichever won
  the race for the shared socket.
"""

from __future__ import annotations

import copy
import functools
import gc
import mmap
import time
from dataclasses import dataclass
from socket import socket

from flask import Flask
from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import TcpWSGIServer
from waitress.task import ErrorTask, WSGITask
from waitress.utilities import RequestEntityTooLarge
from werkzeug.exceptions import HTTPException

from . import UPLOAD_ENDPOINTS

IDENT = "jira-exalate-emulator"
# How often (seconds) the server looks for connections past their deadline.
DEADLINE_CHECK_INTERVAL = 1
# New containers between two collections of the youngest generation (Python's default is 700).
GC_YOUNGEST_THRESHOLD = 5000


@dataclass(frozen=True)
class ServerLimits:
    threads: int
    connection_limit: int
    header_timeout: float
    body_timeout: float


class WorkerShares:
    """How many connections each worker process of one ``serve`` holds, in memory they share (an anonymous
    shared map, made before they are forked; one slot per worker: the count and when it was last written).

    A keep-alive connection stays with the worker that accepted it. Racing for the shared socket, one worker
    could accept all sixteen connections of a client's pool and leave the other cores idle (measured: a
    third of the throughput). A sibling that has not written its slot for ``STALE_AFTER`` seconds, dead or
    stuck, does not count: a live worker never waits on it."""

    STALE_AFTER = 3.0  # seconds; an idle worker's loop writes its slot at least every POLL_INTERVAL
    # A worker that declined looks again this soon (seconds): it is not woken when a sibling's count changes.
    POLL_INTERVAL = 0.05

    def __init__(self, workers: int):
        self.workers = workers
        self._memory = mmap.mmap(-1, workers * 2 * 8)  # MAP_SHARED | MAP_ANONYMOUS: inherited across fork
        self._slots = memoryview(self._memory).cast("d")
        self.index: int | None = None

    def take(self, index: int) -> None:
        """In a new worker: slot ``index`` is this process's. It counts for its siblings from its first
        ``may_accept``, once it serves: a worker still starting, or failing to start again and again, never
        holds the others back."""
        self.index = index
        self._write(index, 0, 0.0)

    def release(self, index: int) -> None:
        """In the supervisor, once the worker of slot ``index`` has ended: it holds nothing."""
        self._write(index, 0, 0.0)

    def may_accept(self, held: int, now: float) -> bool:
        """Record that this worker holds ``held`` connections; whether it may accept one more."""
        self._write(self.index, held, now)
        slots = self._slots
        siblings = [slots[2 * other] for other in range(self.workers)
                    if other != self.index and now - slots[2 * other + 1] < self.STALE_AFTER]
        return not siblings or held <= min(siblings)

    def _write(self, index: int, held: int, now: float) -> None:
        self._slots[2 * index], self._slots[2 * index + 1] = held, now


def create_server(app: Flask, listener: socket, limits: ServerLimits,
                  shares: WorkerShares | None = None) -> LimitedServer:
    adjustments = Adjustments(
        threads=limits.threads,
        connection_limit=limits.connection_limit,
        # waitress refuses a body of this length or more: one byte past the largest the app accepts
        # (attachment uploads have their own limit: see _TimedRequest).
        max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1,
        cleanup_interval=DEADLINE_CHECK_INTERVAL,
        # poll(), unlike select(), has no ceiling on descriptor numbers for a raised connection limit.
        asyncore_use_poll=True,
        ident=IDENT,
    )
    adjustments.upload_body_size = app.config["ATTACHMENT_MAX_BYTES"] + 1
    if shares is not None:
        # A worker sharing the port looks at its siblings' counts this often, not only when one of its own
        # sockets is ready (waitress reads this setting as whole seconds; set here, it may be a fraction).
        adjustments.asyncore_loop_timeout = WorkerShares.POLL_INTERVAL
    # The app's own URL map says which requests are uploads: no second copy of their paths here.
    adjustments.is_upload = functools.partial(_is_upload, app.url_map.bind("localhost"))
    sockinfo = (listener.family, listener.type, listener.proto, listener.getsockname())
    return LimitedServer(app, _sock=listener, adj=adjustments, bind_socket=False, sockinfo=sockinfo,
                         limits=limits, shares=shares)


class _TimedRequest(HTTPRequestParser):
    """A request being read, with when it began and when its head was complete. An attachment
    upload may be as long as ATTACHMENT_MAX_BYTES; every other body, MAX_CONTENT_LENGTH."""

    def __init__(self, adj):
        super().__init__(adj)
        self.started = time.time()
        self.head_received_at: float | None = None

    def parse_header(self, header_plus):
        super().parse_header(header_plus)
        if self.adj.is_upload(self.command, self.path or ""):
            self.adj = copy.copy(self.adj)
            self.adj.max_request_body_size = self.adj.upload_body_size

    def received(self, data):
        consumed = super().received(data)
        if self.headers_finished and self.head_received_at is None:
            self.head_received_at = time.time()
        return consumed


def _is_upload(urls, method: str, path: str) -> bool:
    """Whether the app routes this request to an attachment upload (``plugin.UPLOAD_ENDPOINTS``)."""
    try:
        endpoint, _arguments = urls.match(path, method=method)
    except HTTPException:  # no such route, another method, or a redirect: not an upload
        return False
    return endpoint in UPLOAD_ENDPOINTS


class _RefusedBodyTask(WSGITask):
    """A body over the limit, refused by waitress from the headers: the app answers from the
    declared length (its body stream is empty), and the connection closes, since the unread
    body still follows on it."""

    def execute(self):
        # A chunked body has no declared length: what arrived before the refusal stands for it.
        self.request.headers.setdefault("CONTENT_LENGTH", str(self.request.body_bytes_received))
        super().execute()

    def build_response_header(self):
        self.set_close_on_finish()
        return super().build_response_header()


def _error_task(channel, request):
    if isinstance(request.error, RequestEntityTooLarge):
        return _RefusedBodyTask(channel, request)
    return ErrorTask(channel, request)


class _Channel(HTTPChannel):
    parser_class = _TimedRequest
    error_task_class = staticmethod(_error_task)

    def waiting_since(self) -> float | None:
        """Since when this connection has waited for the client (None: the app is answering)."""
        if self.requests:
            return None
        if self.request is None:
            return self.last_activity
        return self.request.head_received_at or self.request.started

    def deadline(self, limits: ServerLimits) -> float | None:
        since = self.waiting_since()
        if since is None:
            return None
        in_body = self.request is not None and self.request.head_received_at is not None
        return since + (limits.body_timeout if in_body else limits.header_timeout)


class LimitedServer(TcpWSGIServer):
    channel_class = _Channel

    def __init__(self, *args, limits: ServerLimits, shares: WorkerShares | None = None, **kwargs):
        self.limits = limits
        self.shares = shares
        super().__init__(*args, **kwargs)

    def maintenance(self, now):
        super().maintenance(now)
        for channel in list(self.active_channels.values()):
            deadline = channel.deadline(self.limits)
            if deadline is not None and deadline < now:
                channel.will_close = True

    def readable(self):
        now = time.time()
        if now >= self.next_channel_cleanup:
            self.next_channel_cleanup = now + self.adj.cleanup_interval
            self.maintenance(now)
        if not self.accepting:
            return False
        if self.shares is not None and not self.shares.may_accept(self._held(), time.monotonic()):
            return False  # a sibling holds fewer: it accepts
        if len(self._map) < self.adj.connection_limit:
            return True
        self._make_room()
        return False

    def _held(self) -> int:
        """Its connections, and the requests among them waiting for a free thread: a worker whose threads are
        all busy answering slow requests is fuller than its connections say. (At ``connection_limit`` a worker
        makes room among its own connections even if a sibling holds fewer: each worker has its own limit.)"""
        return len(self.active_channels) + len(self.task_dispatcher.queue)

    def _make_room(self) -> None:
        """Close the connection that has waited longest for its client; the next turn of the
        loop, once it is gone, accepts the newcomer."""
        channels = list(self.active_channels.values())
        if any(channel.will_close for channel in channels):
            return  # room is already being made
        waiting = [(channel.waiting_since(), channel) for channel in channels]
        waiting = [(since, channel) for since, channel in waiting if since is not None]
        if waiting:
            min(waiting, key=lambda pair: pair[0])[1].will_close = True

def settle_heap() -> None:
    """What start-up built (modules, the app, its mappers, the rule grammar) lives as long as the process:
    move it out of the cyclic garbage collector's sight, so that a full collection walks only what requests
    made since (about 200,000 objects otherwise, some 70 ms each time, landing on whichever request was
    running), and collect the youngest generation less often than on every 700 new containers."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNGEST_THRESHOLD, *gc.get_threshold()[1:])
