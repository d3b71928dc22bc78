"""Every benchmark at tiny sizes, in one real run: each produces a ratio, the counts add up (no
ticket lost or stored twice anywhere), and RESULTS.md is written. No timing is asserted."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures import postgres

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not os.environ.get("DISPLAY"), reason="the UI benchmarks need an X display (xvfb-run -a)"
)


@pytest.fixture(scope="module")
def run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[str, dict[str, dict[str, object]], Path]:
    folder = tmp_path_factory.mktemp("bench")
    out, data = folder / "RESULTS.md", folder / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--out", str(out), "--json", str(data)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    results = {str(r["number"]): r for r in json.loads(data.read_text())["results"]}
    return out.read_text(encoding="utf-8"), results, data


def test_every_benchmark_gives_a_ratio_and_the_results_file_lists_it(run):
    text, results, _saved = run
    expected = [
        "1",
        "2a",
        "2b",
        "3",
        "4a",
        "4b",
        "5a",
        "5b",
        "6a",
        "6b",
        "6c",
        "7a",
        "7b",
        "7c",
        "8",
        "9",
    ]
    assert sorted(results) == expected
    for number, result in results.items():
        ratio = result["ratio"]
        assert isinstance(ratio, float)
        assert math.isfinite(ratio), number
        assert ratio > 0, number
        assert f"| {number} |" in text
    assert "Machine:" in text
    assert "cores" in text


def test_the_results_file_is_written_again_from_the_saved_run_without_measuring(run, tmp_path):
    text, _results, saved = run
    again = tmp_path / "again.md"
    subprocess.run(
        [sys.executable, "-m", "benchmarks", "--from-json", str(saved), "--out", str(again)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert again.read_text(encoding="utf-8") == text


def test_the_sync_benchmarks_deliver_every_ticket_exactly_once(run):
    _text, results, _saved = run
    frames = results["4a"]["counts"]
    assert frames["drained"] == frames["tickets"]
    assert frames["waiting"] == 0
    assert frames["rows"] == frames["distinct"] == frames["tickets"]
    sync = results["5a"]["counts"]
    assert sync["sent"] == sync["tickets"]
    assert sync["rows_a"] == sync["distinct_a"] == sync["tickets"]
    assert sync["rows_b"] == sync["distinct_b"] == sync["tickets"]
    enqueue = results["5b"]["counts"]
    assert enqueue["stored"] == enqueue["queued"] == enqueue["items"]


def test_the_central_server_under_fifty_kiosks_stores_every_ticket_once(run):
    """On SQLite, and on PostgreSQL (when installed here) with one worker and with two."""
    _text, results, _saved = run
    counts = results["6a"]["counts"]
    runs = {key.rsplit("_", 1)[0] for key in counts}
    assert "sqlite" in runs
    if postgres.why_not() is None:
        assert {"postgresql_1w0", "postgresql_2w0", "postgresql_1w1", "postgresql_2w1"} <= runs
    for name in runs:
        assert counts[f"{name}_rows"] == counts[f"{name}_distinct"] == counts[f"{name}_expected"]
        assert counts[f"{name}_lost"] == 0, name


def test_the_scale_benchmark_ran_on_all_the_generated_content_and_history(run):
    """A generated file the kiosk refused would leave it on less content: that would time
    nothing that grows."""
    _text, results, _saved = run
    counts = results["7a"]["counts"]
    for what in ("notices", "events", "wall_rows"):
        assert counts[what] == counts[f"{what}_expected"] > 0, what
    notes = results["7b"]["notes"]
    assert notes
    assert all("reloaded 1.0" in note for note in notes), notes


def test_the_residents_benchmark_stored_every_residents_report(run):
    """Benchmark 9 counts memory after residents' visits: each must have been a whole visit."""
    _text, results, _saved = run
    counts = results["9"]["counts"]
    assert counts["residents"] == counts["visits"] > 0
