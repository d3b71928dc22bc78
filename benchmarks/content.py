"""Benchmark 8 (issue 19): from staff publishing a content file at the centre to both kiosks
showing it. Two kiosk processes follow the reference centre on loopback, each syncing every
INTERVAL seconds; a version is published at a random moment of their round, and the time until
the second kiosk shows it is set against one sync interval: the issue's "within one sync round"
is a ratio at or below 1 plus the round's own work (the fetch, the check, the switch): 1.2."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.central import REPO, Central
from benchmarks.results import Result, median, ratio
from kiosk.central import content
from tests.fixtures.content_files import SAMPLE, sample_content, with_notice

INTERVAL = 5.0  # seconds between a kiosk's sync rounds: the shortest the config allows (sample: 30)
KIOSKS = (81, 82)


def _kiosk_config(folder: Path, number: int, url: str, key: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    key_file = folder / "key"
    key_file.write_text(key + "\n")
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("http://127.0.0.1:8311/", url)
    text = text.replace("api_key_env: ECHO_KIOSK_API_KEY", f"api_key_file: {key_file}")
    text = text.replace("kiosk_number: 1 ", f"kiosk_number: {number} ")
    text = text.replace("  interval_seconds: 30", f"  interval_seconds: {INTERVAL}")
    assert f"interval_seconds: {INTERVAL}" in text, "the sample's sync interval moved"
    config = folder / "kiosk.yaml"
    config.write_text(text, encoding="utf-8")
    return config


def _seen(process: subprocess.Popen[str], wanted: str, deadline: float) -> float:
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        parts = line.split()
        if parts[:2] == ["shown", wanted]:
            return float(parts[2])
    raise RuntimeError(f"a kiosk did not show {wanted}")


def publish_to_screens(work: Path, publishes: int) -> Result:
    latencies: list[float] = []
    shown = 0
    with Central(work / "centre") as centre:
        kiosks = []
        for number in KIOSKS:
            config = _kiosk_config(
                work / f"kiosk-{number}", number, centre.url, centre.add_kiosk(number)
            )
            kiosks.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "benchmarks.content_child",
                        str(config),
                        str(config.parent / "data"),
                    ],
                    cwd=REPO,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    text=True,
                )
            )
        try:
            for process in kiosks:
                assert process.stdout is not None
                if process.stdout.readline().strip() != "ready":
                    raise RuntimeError("a kiosk process did not start")
            rng = random.Random(19)
            for n in range(publishes):
                time.sleep(rng.uniform(0, INTERVAL))  # any moment of the kiosks' rounds
                notice = f"bench-{n}"
                text = with_notice(sample_content(), notice, f"第 {n} 版")
                started = time.time()
                content.publish(
                    centre.engine,
                    text=text,
                    file_name="content.yaml",
                    files={},
                    by="bench",
                    now=datetime.now(UTC),
                )
                deadline = time.monotonic() + 10 * INTERVAL
                seen = [_seen(p, notice, deadline) for p in kiosks]
                shown += len(seen)
                latencies.append(max(seen) - started)
        finally:
            for process in kiosks:
                assert process.stdin is not None
                process.stdin.close()
                process.wait(timeout=30)
    worst, middle = max(latencies), median(latencies)
    return Result(
        "8",
        "Publish at the centre to both kiosks showing it",
        ratio(worst, INTERVAL),
        f"worst of {publishes} publishes {worst:.2f} s (median {middle:.2f} s)",
        f"one sync interval {INTERVAL:g} s",
        "<= 1.2x (one sync round and its work)",
        worst <= 1.2 * INTERVAL,
        notes=[
            "Two kiosk processes (the kiosk's own composition and sync worker), the reference "
            "centre on loopback; published at a random moment of their rounds.",
            "Showing: the kiosk's live config holds the new notice; the screen draws it in "
            "its next frame (7b: a reload's worst frame).",
        ],
        counts={"published": publishes, "shown": shown},
    )
