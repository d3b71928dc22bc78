"""Benchmarks 1-4: start-up, memory, touch to screen, frame times; each child a fresh process."""

from __future__ import annotations

import compileall
import shutil
from pathlib import Path

from benchmarks.central import Central
from benchmarks.child import run_child
from benchmarks.results import Result, median, percentile, ratio
from benchmarks.ui_child import REPO, SAMPLE


def compiled_like_a_release() -> None:
    """The kiosk's own `.pyc` files, as pip writes them when install.sh installs a release on the
    Pi. This machine sets PYTHONDONTWRITEBYTECODE, so without them every start of this editable
    checkout compiled ~150 modules from source (~0.13 s), while the bare app's Kivy came compiled
    from its wheel: not like for like (runs before 2026-12-06 19:30 timed that)."""
    if not compileall.compile_dir(REPO / "kiosk", quiet=1):
        raise RuntimeError("the kiosk's sources do not compile")


def startup_and_memory(work: Path, reps: int) -> list[Result]:
    """Kiosk and bare app alternately (a warm-up of each first, not counted): seconds to the first
    drawn frame; peak RSS at that frame, and after the kiosk has shown every screen in both
    languages and the bare app as many screens of its own (like for like)."""
    log = work / "ui.log"
    times: dict[str, list[float]] = {"bare": [], "kiosk": []}
    shown: dict[str, list[float]] = {"bare": [], "kiosk": []}
    first_peaks: dict[str, list[float]] = {"bare": [], "kiosk": []}
    peaks: dict[str, list[float]] = {"bare": [], "kiosk": []}
    warm_up = 1 if reps > 1 else 0  # page cache, the kiosk's database file
    compiled_like_a_release()
    visits = 0
    for rep in range(reps + warm_up):
        for kind in ("kiosk", "bare"):
            args = [kind, str(work / f"{kind}-data")] + ([str(visits)] if kind == "bare" else [])
            first, payload = run_child(args, log=log)
            if kind == "kiosk":
                visits = len(payload["visited"])
            if rep < warm_up:
                continue
            assert first is not None, f"{kind} never drew a frame"
            times[kind].append(first - payload["first_swap_s"])  # handed to the window
            shown[kind].append(first)
            first_peaks[kind].append(payload["first_frame_rss_kb"] / 1024)
            peaks[kind].append(payload["peak_rss_kb"] / 1024)
    start_k, start_b = median(times["kiosk"]), median(times["bare"])
    shown_k, shown_b = median(shown["kiosk"]), median(shown["bare"])
    pairs = [kiosk / bare for kiosk, bare in zip(times["kiosk"], times["bare"], strict=True)]
    first_k, first_b = median(first_peaks["kiosk"]), median(first_peaks["bare"])
    mem_k, mem_b = median(peaks["kiosk"]), median(peaks["bare"])
    start_ratio, first_ratio, mem_ratio = (
        ratio(start_k, start_b),
        ratio(first_k, first_b),
        ratio(mem_k, mem_b),
    )
    return [
        Result(
            "1",
            "Start-up to the first drawn home screen",
            start_ratio,
            f"kiosk {start_k:.2f} s",
            f"bare Kivy label app {start_b:.2f} s",
            "<= 1.3x",
            start_ratio <= 1.3,
            [
                f"median of {reps} cold starts each (new process), interleaved; the {reps} pairs' "
                f"own ratios {min(pairs):.2f}-{max(pairs):.2f}x (the machine's noise)",
                f"to the first frame shown, i.e. after the swap in which llvmpipe renders it on "
                f"the CPU: kiosk {shown_k:.2f} s, bare app {shown_b:.2f} s, "
                f"{ratio(shown_k, shown_b):.2f}x",
            ],
        ),
        Result(
            "2a",
            "Peak resident memory at the first drawn frame",
            first_ratio,
            f"kiosk {first_k:.0f} MB",
            f"bare Kivy label app {first_b:.0f} MB",
            "<= 1.3x",
            first_ratio <= 1.3,
            [f"VmHWM once the first frame was shown (after its swap), median of {reps}"],
        ),
        Result(
            "2b",
            f"Peak resident memory after the same walk of {visits} screens",
            mem_ratio,
            f"kiosk {mem_k:.0f} MB (every screen, both languages)",
            f"bare Kivy app {mem_b:.0f} MB (as many label screens)",
            "<= 1.5x",
            mem_ratio <= 1.5,
            [f"VmHWM at the end, median of {reps}"],
        ),
    ]


def touch_to_screen(work: Path, reps: int) -> Result:
    log = work / "ui.log"
    frames: list[float] = []
    frames_shown: list[float] = []
    swaps: list[float] = []  # ms, the new screen's first swap
    worst: dict[str, float] = {}
    languages: list[float] = []  # language taps: the same screen, redrawn in the other language
    for rep in range(reps):
        _first, payload = run_child(
            [str(work / f"touch-{rep}")], log=log, module="benchmarks.touch_child"
        )
        for sample in payload["samples"]:
            if sample.get("kind") == "language":
                languages.append(sample["frames"])
                continue
            frames.append(sample["frames"])
            frames_shown.append(sample["frames_shown"])
            swaps.append(sample["swap_seconds"] * 1000)
            name = f"{sample['from']}->{sample['to']}"
            worst[name] = max(worst.get(name, 0), sample["frames"])
    p95 = percentile(frames, 0.95)
    slowest = sorted(worst.items(), key=lambda kv: -kv[1])[:3]
    return Result(
        "3",
        "Touch to screen (frames at 60 fps from release to the next screen's first frame)",
        p95 / 3,
        f"p95 {p95:.0f} frames over {len(frames)} navigations",
        "limit 3 frames (50 ms)",
        "p95 <= 3 frames (ratio <= 1.0x)",
        p95 <= 3,
        [
            "slowest: " + ", ".join(f"{n} {f:.0f}" for n, f in slowest),
            f"language button (not a navigation, not in the p95): {len(languages)} taps, "
            f"frames {sorted(int(f) for f in languages)}",
            f"to the new screen shown, i.e. after the swap in which llvmpipe renders it on the "
            f"CPU (a Pi's GPU renders beside it): p95 {percentile(frames_shown, 0.95):.0f} "
            f"frames; that swap took {median(swaps):.0f} ms (median), "
            f"{percentile(swaps, 0.95):.0f} ms (p95)",
        ],
    )


def _frames_config(work: Path, url: str) -> Path:
    """The sample config as kiosk 1 of the benchmark server; rounds only when woken."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("http://127.0.0.1:8311/", url).replace(
        "interval_seconds: 30", "interval_seconds: 3600"
    )
    path = work / "frames-config" / "kiosk.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def no_stutter(work: Path, reps: int, seconds: float, tickets: int) -> list[Result]:
    log = work / "ui.log"
    data = work / "frames-data"
    shutil.rmtree(data, ignore_errors=True)
    with Central(work / "frames-central") as central:
        key = central.add_kiosk(1)
        config = _frames_config(work, central.url)
        _first, out = run_child(
            ["frames", str(data), str(config), str(reps), str(seconds), str(tickets)],
            log=log,
            env={"ECHO_KIOSK_API_KEY": key},
        )
        rows, distinct = central.count_tickets()
    idle = percentile(out["idle"], 0.99) * 1000
    results = []
    for kind, what in (("sync", f"sync worker draining {tickets} tickets"), ("speech", "speech")):
        p99 = percentile(out[kind], 0.99) * 1000
        r = ratio(p99, idle)
        notes = [f"{len(out[kind])} frames vs {len(out['idle'])} idle, {reps} interleaved rounds"]
        if kind == "sync":
            notes.append(
                f"drained {out['drained']} in {out['sync_seconds']:.1f} s; still waiting "
                f"{out['waiting']}; server holds {rows} rows, {distinct} distinct"
            )
        else:
            notes.append(f"speech state at the end: {out['speech_state']}")
        results.append(
            Result(
                "4" + ("a" if kind == "sync" else "b"),
                f"Frame-time p99 while {what}, against idle",
                r,
                f"{kind} p99 {p99:.1f} ms",
                f"idle p99 {idle:.1f} ms",
                "<= 1.5x",
                r <= 1.5,
                notes,
                {
                    "tickets": tickets,
                    "drained": out["drained"],
                    "waiting": out["waiting"],
                    "rows": rows,
                    "distinct": distinct,
                }
                if kind == "sync"
                else {},
            )
        )
    return results
