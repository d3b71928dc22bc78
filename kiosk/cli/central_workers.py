"""`kiosk central serve --workers N`: several server processes on one port, and how systemd
hears of them.

uvicorn's supervisor (this process) starts the workers on the socket it bound, restarts one that
dies or stops answering its health check, and stops them all on SIGTERM. Each worker builds its app
from the settings this process put in the environment (kiosk.central.app.app_from_environment).
"""

from __future__ import annotations

import os
import threading
import urllib.request

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
        sockets = [config.bind_socket()]
        Multiprocess(config, sockets=sockets).run()
    finally:
        stop.set()
    return 0


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
