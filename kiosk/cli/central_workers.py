"""`kiosk central serve --workers N`: several server processes on one port, and how systemd
hears of them.

uvicorn's supervisor (this process) starts the workers, restarts one that dies or stops answering
its health check, and stops them all on SIGTERM. Each worker builds its app from the settings this
process put in the environment (kiosk.central.app.app_from_environment).

Each worker listens on a socket of its own, all bound to the port with SO_REUSEPORT, so the kernel
hands each new connection to one of them by a hash of its addresses. On uvicorn's one shared
socket, the worker that woke first accepted every connection waiting (asyncio accepts up to the
backlog at a time): 50 kiosks connecting at once were split 5/45, 8/42, even 50/0 between two
workers (issue 18), and a kiosk keeps its connection while it sends its outbox. The socket handed
to uvicorn's supervisor is only a stand-in: it keeps the port bound (a port in use fails here, at
once), and what each worker process unpickles of it is a new listening socket in the same group
(`_ReusePortStandIn`), also for a worker the supervisor starts again. A worker that dies drops
the connections still waiting in its own queue; the kiosks send them again (the outbox).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import urllib.request
from typing import Any, SupportsIndex

from kiosk.central.settings import Settings, environment_of
from kiosk.core.sdnotify import notify, watchdog_interval


def serve_workers(settings: Settings, *, host: str, port: int, workers: int) -> int:
    """Several worker processes on one socket. The database is migrated here, once, before any
    worker opens it; each worker builds its app from the settings in its environment."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from kiosk.central import db

    engine = db.open_engine(settings.db_url)
    try:
        db.migrate(engine)
    finally:
        engine.dispose()
    os.environ.update(environment_of(settings))
    config = uvicorn.Config(
        "kiosk.central.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        server_header=False,
    )
    answering = threading.Event()
    stop = threading.Event()
    pinger = threading.Thread(
        target=_vouch_while_answering,
        args=(f"http://{_loopback(host)}:{port}/services.json", answering, stop),
        name="systemd-pings",
        daemon=True,
    )
    pinger.start()
    try:
        try:
            stand_in = _ReusePortStandIn(host, port)
        except OSError as error:
            logging.getLogger("uvicorn.error").error(
                "cannot listen on %s port %d: %s", host, port, error
            )
            return 3  # uvicorn's own exit status when it cannot start
        with stand_in:
            Multiprocess(config, sockets=[stand_in]).run()
    finally:
        stop.set()
    return 0


def _reuse_port_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


class _ReusePortStandIn(socket.socket):
    """Bound, never listening (so never handed a connection), and pickled for a worker process
    as the recipe for a socket of its own in the port's group, not as a copy of this one (the
    worker listens on it once uvicorn serves)."""

    def __init__(self, host: str, port: int) -> None:
        bound = _reuse_port_socket(host, port)
        super().__init__(bound.family, bound.type, bound.proto, fileno=bound.detach())
        self.address = (host, port)

    def __reduce_ex__(self, _protocol: SupportsIndex) -> tuple[Any, tuple[str, int]]:
        return _reuse_port_socket, self.address


def _loopback(host: str) -> str:
    """Where this machine reaches a server listening on `host`."""
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def _vouch_while_answering(url: str, answering: threading.Event, stop: threading.Event) -> None:
    """READY once a worker answers, then WATCHDOG while one answers. With several processes no
    single event loop can vouch for the server, so the pings come from answers: a server none of
    whose workers answers stops them, and systemd restarts it."""
    interval = watchdog_interval() or 0.0
    while not stop.wait(0.2 if not answering.is_set() else interval or 3600.0):
        if not _answers(url):
            continue
        if not answering.is_set():
            answering.set()
            notify("READY=1")
        if interval:
            notify("WATCHDOG=1")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:  # our own loopback
            return bool(reply.status == 200)
    except (OSError, ValueError):
        return False
