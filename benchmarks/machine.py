"""The machine a run happened on, printed beside every figure."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def _first(path: str, prefix: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip() if ":" in line else line.split("=", 1)[1]
    except OSError:
        pass
    return "unknown"


def describe() -> str:
    cpu = _first("/proc/cpuinfo", "model name")
    mem_kb = _first("/proc/meminfo", "MemTotal").split()[0]
    mem = f"{int(mem_kb) / 1024 / 1024:.1f} GB" if mem_kb.isdigit() else "unknown"
    system = _first("/etc/os-release", "PRETTY_NAME=").strip('"')
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem} RAM, Python {platform.python_version()}, "
        f"{system} ({platform.system()} {platform.release()})"
    )


def busy_seconds() -> float:
    """CPU time every core of the machine has spent not idle since boot (/proc/stat): with the
    server's own time, how much of a load went elsewhere (the load generator, PostgreSQL)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, idle, iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    del idle, iowait
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
