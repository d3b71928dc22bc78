"""A throwaway PostgreSQL cluster on 127.0.0.1 for benchmark 6, durable like production (fsync
on, unlike the tests' cluster which turns fsync off for speed). As root it runs as `postgres`."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.central.postgres import why_not
from tests.sync.central import free_port

__all__ = ["cluster", "why_not"]


def _bin_dir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else Path(shutil.which("initdb") or "initdb").parent


@contextmanager
def cluster(max_connections: int = 200) -> Iterator[str]:
    """A SQLAlchemy URL for a fresh database; the cluster is stopped and deleted afterwards."""
    bin_dir = _bin_dir()
    folder = Path(tempfile.mkdtemp(prefix="echo-bench-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", free_port()

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], check=True, capture_output=True, timeout=120)

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
        options = (
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 "
            f"-c max_connections={max_connections}"
        )
        log = str(folder / "server.log")
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", log, "-w", "start")
        try:
            yield f"postgresql+psycopg://echo@127.0.0.1:{port}/postgres"
        finally:
            run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
