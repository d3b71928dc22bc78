"""A whole-request deadline for `requests`, which has none of its own.

requests' read time-out is per gap between bytes: a server (or a broken proxy) dripping one byte
every 0.4 s holds a 1 s-timeout request for as long as it likes, headers included, and reading the
body in chunks cannot help while `requests` is still waiting for the status line. So each request
runs under a `Deadline`: a timer that, when it fires, shuts down the socket of the connection the
request is using. The blocked read then ends at once with an error, which the client reports as
`TimedOutError`. Connections register themselves when they connect or send (see `DeadlineAdapter`),
so reused keep-alive connections and TLS connections are covered alike; the TLS handshake itself is
bounded only by the connect time-out.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
from types import TracebackType
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_current = threading.local()  # the Deadline of the request this thread is making, if any


def _cut(conn: HTTPConnection) -> None:
    """Shut the socket down under whoever is reading it (the base class's shutdown, so an
    SSLSocket is not unwrapped while another thread is inside a read)."""
    sock = conn.sock
    if sock is None:
        return
    with contextlib.suppress(OSError):  # already closed: nothing is waiting on it
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class Deadline:
    """One request's time limit; use as `with Deadline(seconds) as deadline:` around it."""

    def __init__(self, seconds: float) -> None:
        self._lock = threading.Lock()
        self._connections: list[HTTPConnection] = []
        self._expired = False
        self._finished = False  # the request ended: the watchdog forgets this deadline
        self._end = time.monotonic() + max(seconds, 0.0)

    @property
    def expired(self) -> bool:
        with self._lock:
            return self._expired

    def remaining(self) -> float:
        return self._end - time.monotonic()

    def attach(self, conn: HTTPConnection) -> None:
        with self._lock:
            if conn not in self._connections:
                self._connections.append(conn)
            expired = self._expired
        if expired:
            _cut(conn)

    def expire(self) -> None:
        """Time is up (or the request is cancelled): cut every connection it used."""
        with self._lock:
            self._expired = True
            connections = list(self._connections)
        for conn in connections:
            _cut(conn)

    def __enter__(self) -> Deadline:
        _current.deadline = self
        _WATCHDOG.watch(self)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        with self._lock:
            self._finished = True
        _current.deadline = None


class _Watchdog:
    """One thread that expires every deadline of the process when its time comes.

    A `threading.Timer` per request started a thread per request: about 1 ms each on a desktop
    core, a tenth of a loopback POST (benchmarks/RESULTS.md, benchmark 5). Finished deadlines stay
    in the heap until they reach its top and are dropped there, unfired.
    """

    def __init__(self) -> None:
        self._wake = threading.Condition()
        self._heap: list[tuple[float, int, Deadline]] = []
        self._order = itertools.count()  # ties in end time never compare two Deadlines
        self._thread: threading.Thread | None = None

    def watch(self, deadline: Deadline) -> None:
        with self._wake:
            heapq.heappush(self._heap, (deadline._end, next(self._order), deadline))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="sync-deadlines", daemon=True
                )
                self._thread.start()
            elif self._heap[0][2] is deadline:  # earlier than what the thread waits for
                self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                due = self._next_due()
            if due is not None:
                due.expire()

    def _next_due(self) -> Deadline | None:
        """Wait (holding the condition) until a deadline runs out; drop finished ones."""
        while True:
            while not self._heap:
                self._wake.wait()
            end, _order, deadline = self._heap[0]
            with deadline._lock:
                finished = deadline._finished
            if finished:
                heapq.heappop(self._heap)
                continue
            left = end - time.monotonic()
            if left <= 0:
                heapq.heappop(self._heap)
                return deadline
            self._wake.wait(left)


_WATCHDOG = _Watchdog()


def _attach(conn: HTTPConnection) -> None:
    deadline: Deadline | None = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline.attach(conn)


class _WatchedHTTPConnection(HTTPConnection):
    """Hands its socket to the current request's deadline on connect and on every request."""

    def connect(self) -> None:
        _attach(self)
        super().connect()

    def request(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 - urllib3's own
        _attach(self)
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(_WatchedHTTPConnection, HTTPSConnection):
    """The same watch on TLS connections (HTTPSConnection is an HTTPConnection)."""


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class DeadlineAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections obey the thread's current `Deadline`.

    Mount it for http:// and https://; no urllib3 retries (the outbox retries, with its key).
    Proxies are not supported through it (the kiosk talks to the centre directly).
    """

    def __init__(self) -> None:
        super().__init__(max_retries=0, pool_connections=1, pool_maxsize=2)

    def init_poolmanager(
        self,
        connections: int,
        maxsize: int,
        block: bool = False,
        **pool_kwargs: Any,  # noqa: ANN401
    ) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _WatchedHTTPPool,
            "https": _WatchedHTTPSPool,
        }
