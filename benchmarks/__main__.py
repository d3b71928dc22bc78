"""`python -m benchmarks [--quick] [--only 1,5] [--out FILE]`: run the benchmarks, print each
figure with the machine, and write the results (with benchmarks/ANALYSIS.md) to RESULTS.md.

Needs an X display for the UI benchmarks (scripts/bench.sh starts Xvfb when there is none).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import machine
from benchmarks.results import Result

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Sizes:
    # Cold starts of each app. 5 left benchmark 1's median to luck on a noisy machine: the same
    # code gave 1.09-1.36x in five runs within an hour, its pairs 0.87-1.60x (2026-12-07).
    starts: int = 11
    touch_runs: int = 3  # processes tapping every navigation in both languages
    frame_rounds: int = 3  # idle / sync / speech rounds
    frame_seconds: float = 5.0
    frame_tickets: int = 10_000
    sync_tickets: int = 10_000
    sync_batches: int = 10
    enqueue_items: int = 2_000
    enqueue_batches: int = 8
    kiosks: int = 50
    kiosk_tickets: int = 40  # timed, after server.WARM_TICKETS each
    scale_quick: bool = False  # benchmark 7 at two small sizes only
    publishes: int = 6  # content versions published to two kiosks
    warm_visits: int = 10  # residents before benchmark 9 counts (every door, both languages)
    visits: int = 60  # residents after them
    visits_every: int = 20


QUICK = Sizes(
    starts=1,
    touch_runs=1,
    frame_rounds=1,
    frame_seconds=0.5,
    frame_tickets=20,
    sync_tickets=20,
    sync_batches=2,
    enqueue_items=20,
    enqueue_batches=2,
    kiosks=50,
    kiosk_tickets=5,
    scale_quick=True,
    publishes=1,
    warm_visits=2,
    visits=2,
    visits_every=1,
)


def _benchmarks(sizes: Sizes, work: Path) -> dict[str, Callable[[], list[Result]]]:
    from benchmarks import content, residents, scale, server, sync, ui

    def folder(name: str) -> Path:
        path = work / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    return {
        "1": lambda: ui.startup_and_memory(folder("startup"), sizes.starts),
        "3": lambda: [ui.touch_to_screen(folder("touch"), sizes.touch_runs)],
        "4": lambda: ui.no_stutter(
            folder("frames"), sizes.frame_rounds, sizes.frame_seconds, sizes.frame_tickets
        ),
        "5": lambda: [
            sync.throughput(folder("sync"), sizes.sync_tickets, sizes.sync_batches),
            sync.enqueue_rate(folder("enqueue"), sizes.enqueue_items, sizes.enqueue_batches),
        ],
        "6": lambda: server.central_server(folder("server"), sizes.kiosks, sizes.kiosk_tickets),
        "7": lambda: scale.costs_that_grow(folder("scale"), quick=sizes.scale_quick),
        "8": lambda: [content.publish_to_screens(folder("content"), sizes.publishes)],
        "9": lambda: [
            residents.residents_over_time(
                folder("residents"), sizes.warm_visits, sizes.visits, sizes.visits_every
            )
        ],
    }


def render(results: list[Result], *, host: str, started: datetime, seconds: float) -> str:
    lines = [
        "# Echo Kiosk benchmarks",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC, {seconds / 60:.1f} min, with `bash scripts/bench.sh`.",
        f"Machine: {host}.",
        "",
        "| # | benchmark | ratio | target | kiosk | baseline | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        verdict = "met" if r.met else "**falls short**"
        lines.append(
            f"| {r.number} | {r.title} | {r.ratio:.2f}x | {r.target} | {r.subject} | "
            f"{r.baseline} | {verdict} |"
        )
    lines += ["", "## Details", ""]
    for r in results:
        lines.append(f"- **{r.number}**: " + "; ".join(r.notes))
    analysis = HERE / "ANALYSIS.md"
    if analysis.is_file():
        lines += ["", analysis.read_text(encoding="utf-8").rstrip()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes: proves the code runs")
    parser.add_argument("--only", default="1,3,4,5,6,7,8,9", help="which: 1 (with 2),3,...,9")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument(
        "--from-json",
        type=Path,
        help="measure nothing: write RESULTS.md again from a run saved with --json "
        "(after editing ANALYSIS.md)",
    )
    args = parser.parse_args(argv)
    if args.from_json is not None:
        run = json.loads(args.from_json.read_text(encoding="utf-8"))
        results = [Result(**r) for r in run["results"]]
        host, seconds = run["machine"], run["seconds"]
        started = datetime.fromisoformat(run["started"])
    else:
        host = machine.describe()
        started, results, seconds = _measure(args, host)
    args.out.write_text(
        render(results, host=host, started=started, seconds=seconds), encoding="utf-8"
    )
    if args.json is not None:
        run = {
            "machine": host,
            "started": started.isoformat(),
            "seconds": seconds,
            "results": [dataclasses.asdict(r) for r in results],
        }
        args.json.write_text(json.dumps(run, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def _measure(args: argparse.Namespace, host: str) -> tuple[datetime, list[Result], float]:
    sizes = QUICK if args.quick else Sizes()
    print(f"machine: {host}", flush=True)
    started, clock = datetime.now(UTC), time.monotonic()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="echo-bench-") as tmp:
        benchmarks = _benchmarks(sizes, Path(tmp))
        for name in args.only.split(","):
            for result in benchmarks[name.strip()]():
                print(result.line(), f"[{host}]", flush=True)
                results.append(result)
    return started, results, time.monotonic() - clock


if __name__ == "__main__":
    raise SystemExit(main())
