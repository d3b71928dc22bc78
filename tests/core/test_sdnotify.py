"""sd_notify over a real AF_UNIX datagram socket, as systemd's NOTIFY_SOCKET is."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core.sdnotify import keep_alive, notify, watchdog_interval


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(10)
    yield sock, str(path)
    sock.close()


def test_ready_reaches_the_notify_socket(listener):
    sock, path = listener
    assert notify("READY=1", environ={"NOTIFY_SOCKET": path})
    assert sock.recv(64) == b"READY=1"


def test_an_abstract_socket_name_starting_with_at_is_reached():
    name = f"echo-kiosk-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(b"\0" + name.encode())
        sock.settimeout(10)
        assert notify("WATCHDOG=1", environ={"NOTIFY_SOCKET": f"@{name}"})
        assert sock.recv(64) == b"WATCHDOG=1"


def test_outside_systemd_or_with_a_dead_socket_nothing_fails(tmp_path: Path):
    assert not notify("READY=1", environ={})
    assert not notify("READY=1", environ={"NOTIFY_SOCKET": str(tmp_path / "gone")})


def test_pings_come_at_half_the_watchdog_period_and_only_for_this_process():
    assert watchdog_interval(environ={"WATCHDOG_USEC": "20000000"}) == 10.0
    mine = {"WATCHDOG_USEC": "4000000", "WATCHDOG_PID": str(os.getpid())}
    assert watchdog_interval(environ=mine) == 2.0
    assert watchdog_interval(environ={**mine, "WATCHDOG_PID": "1"}) is None
    assert watchdog_interval(environ={}) is None
    assert watchdog_interval(environ={"WATCHDOG_USEC": "0"}) is None


def test_keep_alive_says_ready_once_started_then_pings_until_cancelled(listener):
    sock, path = listener
    environ = {"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "20000"}  # a ping every 10 ms
    started = False

    async def scenario() -> None:
        nonlocal started
        task = asyncio.create_task(keep_alive(lambda: started, environ=environ, poll=0.01))
        await asyncio.sleep(0.05)
        with pytest.raises(BlockingIOError):  # nothing said before the server listens
            sock.recv(64)
        started = True
        loop = asyncio.get_running_loop()
        sock.settimeout(10)
        messages = [await loop.run_in_executor(None, sock.recv, 64) for _ in range(3)]
        task.cancel()
        assert messages == [b"READY=1", b"WATCHDOG=1", b"WATCHDOG=1"]

    sock.setblocking(False)
    asyncio.run(scenario())
