"""A throwaway PostgreSQL server for the tests, when this machine has one installed.

`initdb` makes a cluster in a temporary folder, `pg_ctl` starts it on a free 127.0.0.1 port with
password-less local access, and it is stopped and deleted afterwards. PostgreSQL refuses to run
as root, so as root (CI) it runs as the `postgres` user. Without the binaries or the psycopg
driver the caller skips: SQLite is the default the server must always pass on.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bin_dir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def why_not() -> str | None:
    """None when a server can be started here, else the reason it cannot."""
    if importlib.util.find_spec("psycopg") is None:
        return "the psycopg driver is not installed"
    if _bin_dir() is None:
        return "PostgreSQL (initdb) is not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user"
    return None


class StartFailedError(RuntimeError):
    """initdb or pg_ctl failed here (a sandbox without shared memory, say)."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def postgres_url(settings: str = "-c fsync=off") -> Iterator[str]:
    """A SQLAlchemy URL for a fresh, empty database; the server is gone after the block.
    `settings`: more server options (the tests turn fsync off; the benchmarks keep it on)."""
    bin_dir = _bin_dir()
    assert bin_dir is not None
    folder = Path(tempfile.mkdtemp(prefix="echo-central-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], check=True, capture_output=True, timeout=120)

    try:
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 {settings}"
        log = str(folder / "server.log")
        try:
            run(
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "echo",
                "-E",
                "UTF8",
                "--locale=C",
            )
            run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", log, "-w", "start")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
            detail = getattr(error, "stderr", b"") or b""
            raise StartFailedError(f"{error}: {detail.decode(errors='replace')[-500:]}") from None
        try:
            yield f"postgresql+psycopg://echo@127.0.0.1:{port}/postgres"
        finally:
            run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
