"""Telling systemd we are up (READY=1) and still alive (WATCHDOG=1), without any dependency.

The units in deploy/raspberrypi/ are `Type=notify` with `WatchdogSec=`: systemd restarts a kiosk
whose UI loop stops sending WATCHDOG=1, so the pings must come from the loop that could freeze
(Kivy's Clock, the server's event loop), never from a helper thread. Outside systemd
($NOTIFY_SOCKET unset) every call does nothing, so development runs are unchanged.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Callable, Mapping

log = logging.getLogger("kiosk.sdnotify")


def _address(environ: Mapping[str, str]) -> str | bytes | None:
    path = environ.get("NOTIFY_SOCKET", "")
    if not path:
        return None
    if path.startswith("@"):  # Linux abstract namespace: a leading NUL byte instead of "@"
        return b"\0" + path[1:].encode()
    return path


def notify(state: str, *, environ: Mapping[str, str] | None = None) -> bool:
    """Send `state` (e.g. "READY=1") to systemd; False when not under systemd or it failed."""
    address = _address(os.environ if environ is None else environ)
    if address is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(state.encode())
    except OSError as error:  # a lost ping must never take the kiosk down
        log.warning("could not tell systemd %r: %s", state, error)
        return False
    return True


def watchdog_interval(*, environ: Mapping[str, str] | None = None) -> float | None:
    """Seconds between pings (half of WatchdogSec=), or None when no watchdog watches us."""
    env = os.environ if environ is None else environ
    pid = env.get("WATCHDOG_PID", "")
    if pid and pid != str(os.getpid()):  # meant for another process (e.g. a wrapper shell)
        return None
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    return usec / 2_000_000 if usec > 0 else None


async def keep_alive(
    started: Callable[[], bool], *, environ: Mapping[str, str] | None = None, poll: float = 0.2
) -> None:
    """READY=1 once `started()` is true, then WATCHDOG=1 at half the watchdog period, forever.

    Run it as a task on the event loop it vouches for; cancel it on shut-down.
    """
    while not started():
        await asyncio.sleep(poll)
    notify("READY=1", environ=environ)
    interval = watchdog_interval(environ=environ)
    if interval is None:
        return
    while True:
        notify("WATCHDOG=1", environ=environ)
        await asyncio.sleep(interval)
