"""A TCP proxy on 127.0.0.1 between the kiosk and the central server that misbehaves on cue.

It understands just enough HTTP/1.1 to cut one request from the stream (head, then a
Content-Length body) and to read the server's answer the same way, so a fault hits one request,
not a whole keep-alive connection. `plan(...)` queues faults for the next requests; afterwards
requests pass. "Forwarding" faults let the server act first and then lose or mangle its answer:
the nastiest case for exactly-once, because the kiosk cannot tell whether the ticket arrived.
`plan(..., only=b"POST ")` aims the faults at requests starting so, letting others pass. `delay`
slows every passing answer (a slow link, so a test can act mid-drain). `refuse()` closes the
listening socket (connection refused) until `listen()`.
"""

from __future__ import annotations

import contextlib
import os
import socket
import struct
import threading
import time
from collections import Counter, deque
from enum import Enum

HOST = "127.0.0.1"
HUGE_BYTES = 10 * 1024 * 1024


class Fault(Enum):
    PASS = "pass"
    BLACKHOLE = "blackhole"  # swallow the request, never answer
    DRIP = "drip"  # forward; answer one byte per gap
    RESET = "reset"  # forward; half the answer, then a TCP reset
    TRUNCATE = "truncate"  # forward; half the answer, then a clean close
    ERROR_500 = "500"  # forward; the answer is replaced by a bare 500
    BUSY_503 = "503"  # not forwarded: 503 with Retry-After
    LIMIT_429 = "429"  # not forwarded: 429 with Retry-After
    GARBAGE = "garbage"  # forward; bytes that are not HTTP
    HUGE = "huge"  # forward; a 10 MB answer without Content-Length


_FORWARDED = frozenset(Fault) - {Fault.BLACKHOLE, Fault.BUSY_503, Fault.LIMIT_429}


class PeerClosedError(Exception):
    """The peer went away."""


def _read_message(sock: socket.socket, buffer: bytearray) -> bytes:
    """One HTTP message (head and Content-Length body) from `sock`; leftovers stay in `buffer`."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise PeerClosedError
        buffer += chunk
    end = buffer.index(b"\r\n\r\n") + 4
    length = 0
    for line in bytes(buffer[:end]).split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(buffer) < end + length:
        chunk = sock.recv(65536)
        if not chunk:
            raise PeerClosedError
        buffer += chunk
    message = bytes(buffer[: end + length])
    del buffer[: end + length]
    return message


def _reset(sock: socket.socket) -> None:
    """Close with RST instead of FIN."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _canned(status: int, reason: str, *, retry_after: int | None = None) -> bytes:
    body = f"{status} {reason}".encode()
    head = [f"HTTP/1.1 {status} {reason}", f"Content-Length: {len(body)}", "Connection: close"]
    head.append("Content-Type: text/plain")
    if retry_after is not None:
        head.append(f"Retry-After: {retry_after}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


class FaultProxy:
    """`with FaultProxy(upstream_port) as proxy:`; point the kiosk at `proxy.url`."""

    def __init__(self, upstream_port: int, *, drip_gap: float = 0.05, retry_after: int = 1) -> None:
        self.upstream_port = upstream_port
        self.drip_gap = drip_gap
        self.retry_after = retry_after
        self.seen: Counter[Fault] = Counter()  # requests handled, by the fault they met
        self.requests: list[bytes] = []  # every request as it came in, head and body
        self._plan: deque[tuple[Fault, bytes]] = deque()
        self.delay = 0.0  # seconds added before each passing answer
        self._lock = threading.Lock()
        self._clients: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._acceptor: threading.Thread | None = None
        self._closed = False
        probe = socket.socket()
        probe.bind((HOST, 0))
        self.port = int(probe.getsockname()[1])
        probe.close()
        self.listen()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def plan(self, *faults: Fault, only: bytes = b"") -> None:
        """The next requests starting with `only` meet these faults, in order."""
        with self._lock:
            self._plan.extend((fault, only) for fault in faults)

    def pending(self) -> int:
        with self._lock:
            return len(self._plan)

    def refuse(self) -> None:
        """Stop listening: new connections are refused (once this returns)."""
        with self._lock:
            listener, self._listener = self._listener, None
            acceptor, self._acceptor = self._acceptor, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        if acceptor is not None:
            acceptor.join(timeout=10)  # its poll() keeps the socket alive until it returns

    def listen(self) -> None:
        """Listen (again) on the same port."""
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        deadline = time.monotonic() + 10
        while True:
            try:
                listener.bind((HOST, self.port))
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        listener.listen(64)
        listener.settimeout(0.05)
        acceptor = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        with self._lock:
            self._listener = listener
            self._acceptor = acceptor
        acceptor.start()

    def close(self) -> None:
        self._closed = True
        self.refuse()
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            with contextlib.suppress(OSError):
                client.close()

    def _accept(self, listener: socket.socket) -> None:
        while not self._closed:
            with self._lock:
                if self._listener is not listener:
                    return
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            with self._lock:
                self._clients.add(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _next_fault(self, request: bytes) -> Fault:
        with self._lock:
            if self._plan and request.startswith(self._plan[0][1]):
                return self._plan.popleft()[0]
            return Fault.PASS

    def _serve(self, client: socket.socket) -> None:
        buffer = bytearray()
        try:
            while not self._closed:
                request = _read_message(client, buffer)
                fault = self._next_fault(request)
                with self._lock:
                    self.seen[fault] += 1
                    self.requests.append(request)
                if not self._handle(client, request, fault):
                    return
        except (PeerClosedError, OSError):
            pass
        finally:
            with self._lock:
                self._clients.discard(client)
            with contextlib.suppress(OSError):
                client.close()

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection((HOST, self.upstream_port), timeout=30) as upstream:
            upstream.sendall(request)
            return _read_message(upstream, bytearray())

    def _handle(self, client: socket.socket, request: bytes, fault: Fault) -> bool:
        """Answer one request; False when the connection is finished."""
        if fault is Fault.BLACKHOLE:
            while client.recv(65536):  # until the kiosk gives up
                pass
            return False
        if fault is Fault.BUSY_503:
            client.sendall(_canned(503, "Service Unavailable", retry_after=self.retry_after))
            return False
        if fault is Fault.LIMIT_429:
            client.sendall(_canned(429, "Too Many Requests", retry_after=self.retry_after))
            return False
        try:
            answer = self._forward(request)
        except (PeerClosedError, OSError):
            _reset(client)  # the server is down: the kiosk sees the connection drop
            return False
        assert fault in _FORWARDED
        if fault is Fault.PASS:
            time.sleep(self.delay)
            client.sendall(answer)
            return True
        if fault is Fault.DRIP:
            for i in range(len(answer)):
                client.sendall(answer[i : i + 1])
                time.sleep(self.drip_gap)
            return False
        if fault is Fault.RESET:
            client.sendall(answer[: len(answer) // 2])
            time.sleep(0.05)
            _reset(client)
            return False
        if fault is Fault.TRUNCATE:
            client.sendall(answer[: len(answer) - max(1, len(answer) // 4)])
            client.shutdown(socket.SHUT_RDWR)
            return False
        if fault is Fault.ERROR_500:
            client.sendall(_canned(500, "Internal Server Error"))
            return False
        if fault is Fault.GARBAGE:
            client.sendall(os.urandom(512).replace(b"HTTP", b"ptth"))
            client.shutdown(socket.SHUT_RDWR)
            return False
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
        client.sendall(head + b"[" + b" " * 65536)
        block = b" " * 65536
        for _ in range(HUGE_BYTES // len(block)):
            client.sendall(block)  # OSError once the kiosk hangs up at its cap
        return False
