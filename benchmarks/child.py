"""Starting a benchmark child process and reading its markers and figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


class ChildFailedError(RuntimeError):
    pass


def run_child(
    args: list[str],
    *,
    log: Path,
    env: dict[str, str] | None = None,
    timeout: float = 900,
    module: str = "benchmarks.ui_child",
) -> tuple[float | None, dict[str, Any]]:
    """Run `python -m MODULE ARGS`; returns (seconds from just before the process
    was started to its `first-frame` line, or None; the JSON it printed last)."""
    started = time.perf_counter()
    with log.open("ab") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=err,
            env={**os.environ, **(env or {})},
            text=True,
        )
        assert process.stdout is not None
        first: float | None = None
        payload: dict[str, Any] | None = None
        for line in process.stdout:
            if line.startswith("first-frame") and first is None:
                first = time.perf_counter() - started
            elif line.startswith("{"):
                payload = json.loads(line)
        code = process.wait(timeout=timeout)
    if code != 0 or payload is None:
        raise ChildFailedError(f"{module} {args[0]} exited {code}; see {log}")
    return first, payload
