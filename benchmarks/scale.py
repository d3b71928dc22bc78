"""Benchmark 7: costs that must not grow with the kiosk's age and content (issue 18).

Scale curves, size -> time: the screens that grow (activities, notices, attract, Echo Wall)
opened in a fresh kiosk process on generated content (0, 100, 1,000 notices and weekly events,
begun 0 or 5 years ago) and a generated store (0, 10k, 50k answered tickets on the wall); a
config reload at each size; the store's look-ups (the wall's page, its monthly figures, "the same
problem" among 10k of the kiosk's own tickets) timed in this process.

The targets are absolute, at the largest size: every screen shown within 100 ms, no frame over
50 ms during a reload. The ratio reported is the largest size's time over the target (<= 1.0x is
met); the whole curve is in the notes.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from benchmarks.child import run_child
from benchmarks.history import ZONE, Content, fill_book, fill_wall, write_config
from benchmarks.results import Result, median
from benchmarks.ui_child import SAMPLE
from kiosk.config.loader import load_config
from kiosk.domain.tickets import Draft
from kiosk.store.db import TICKETS
from kiosk.store.remote import RemoteStore
from kiosk.store.ticket_book import TicketBook

SIZES = (
    (Content(0, 0), 0),
    (Content(100, 5), 10_000),
    (Content(1000, 5), 50_000),
)
QUICK_SIZES = ((Content(0, 0), 0), (Content(20, 5), 200))
SCREEN_LIMIT = 0.100
RELOAD_FRAME_LIMIT = 0.050


def _timed(call: Callable[[], object], reps: int = 20) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return median(times)


def _store_look_ups(folder: Path, tickets: int, now: datetime) -> dict[str, float]:
    config = load_config(SAMPLE)
    category = next(c for c in config.content.categories if c.code == "property-repair")
    places = [p.code for p in config.content.places]
    path = folder / TICKETS
    fill_book(path, tickets, category, places, now)
    remote = RemoteStore.open(path)
    book = TicketBook.open(path)
    draft = Draft(draft_id="new", category=category.code, phrases=(0,), place=places[0])
    try:
        return {
            "wall": _timed(lambda: remote.wall(100)),
            "monthly": _timed(lambda: remote.monthly(now, 12)),
            "same_problem": _timed(
                lambda: book.find_same_problem(draft, category=category, now=now)
            ),
        }
    finally:
        remote.close()
        book.close()


@dataclass(frozen=True)
class Point:
    """One size on the curves: what the kiosk process and the store look-ups measured there."""

    label: str
    screens: dict[str, dict[str, float]]  # name -> shown_s, worst_after_s
    reload: dict[str, float]  # applied_s, worst_frame_s, reloaded
    store: dict[str, float]  # look-up -> seconds


def costs_that_grow(work: Path, *, quick: bool = False) -> list[Result]:
    log = work / "scale.log"
    now = datetime.now(ZONE)
    curve: list[Point] = []
    expected = {"notices": 0, "events": 0, "wall_rows": 0}  # summed over the sizes
    loaded = dict.fromkeys(expected, 0)
    sample = load_config(SAMPLE).content
    for content, rows in QUICK_SIZES if quick else SIZES:
        folder = work / f"{content.entries}-{content.years}-{rows}"
        folder.mkdir(parents=True, exist_ok=True)
        config = write_config(SAMPLE, folder / "kiosk.yaml", content, now.date())
        fill_wall(folder / TICKETS, rows, now)
        _first, payload = run_child(
            [str(folder), str(config)], log=log, module="benchmarks.scale_child"
        )
        look_ups = _store_look_ups(folder, rows // 5, now)  # 10k own tickets at the largest
        label = f"{content.label}, wall {rows}"
        curve.append(Point(label, payload["screens"], payload["reload"], look_ups))
        expected["notices"] += len(sample.notices) + content.entries
        expected["events"] += len(sample.events) + content.entries
        expected["wall_rows"] += rows
        loaded["notices"] += payload["loaded"]["notices"]
        loaded["events"] += payload["loaded"]["events"]
        loaded["wall_rows"] += _rows(folder / TICKETS)
    results = [_screens_result(curve), _reload_result(curve), _store_result(curve)]
    results[0].counts = {**{f"{k}_expected": v for k, v in expected.items()}, **loaded}
    return results


def _rows(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM remote_requests").fetchone()[0])


def _ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def _slowest(screens: dict[str, dict[str, float]]) -> tuple[str, float]:
    """The screen slowest to show, or with the longest frame just after: (name, seconds)."""
    return max(
        ((name, max(s["shown_s"], s["worst_after_s"])) for name, s in screens.items()),
        key=lambda item: item[1],
    )


def _screens_result(curve: list[Point]) -> Result:
    notes = [
        f"{p.label}: "
        + ", ".join(
            f"{name} {_ms(s['shown_s'])} ms (then {_ms(s['worst_after_s'])})"
            for name, s in p.screens.items()
        )
        for p in curve
    ]
    name, slowest = _slowest(curve[-1].screens)
    return _against_limit(
        "7a",
        "Opening the screens that grow, at the largest content and history",
        (f"slowest {name}", slowest, curve[-1].label),
        (SCREEN_LIMIT, f"sample: slowest {_ms(_slowest(curve[0].screens)[1])} ms"),
        notes,
    )


def _reload_result(curve: list[Point]) -> Result:
    notes = [
        f"{p.label}: on the edit after {p.reload['applied_s']:.1f} s (median of "
        f"{p.reload.get('reloads', 1):.0f} edits), worst frame "
        f"{_ms(p.reload['worst_frame_s'])} ms, reloaded {p.reload['reloaded']}"
        for p in curve
    ]
    result = _against_limit(
        "7b",
        "Longest frame while a config edit is reloaded, at the largest content",
        ("worst frame", curve[-1].reload["worst_frame_s"], curve[-1].label),
        (RELOAD_FRAME_LIMIT, "no frame over it"),
        notes,
    )
    result.met = result.met and all(p.reload["reloaded"] for p in curve)
    return result


def _store_result(curve: list[Point]) -> Result:
    notes = [
        f"{p.label}: wall page {_ms(p.store['wall'])} ms, monthly figures "
        f"{_ms(p.store['monthly'])} ms, same problem {_ms(p.store['same_problem'])} ms"
        for p in curve
    ]
    name, slowest = max(curve[-1].store.items(), key=lambda item: item[1])
    return _against_limit(
        "7c",
        "Store look-ups (the wall's page, its monthly figures, the same problem), largest size",
        (f"slowest {name}", slowest, curve[-1].label),
        (SCREEN_LIMIT, "part of a screen's opening"),
        notes,
    )


def _against_limit(
    number: str,
    title: str,
    measured: tuple[str, float, str],
    limit: tuple[float, str],
    notes: list[str],
) -> Result:
    """A figure at the largest size against its absolute limit: ratio = figure / limit."""
    what, seconds, where = measured
    bound, about = limit
    return Result(
        number,
        title,
        seconds / bound,
        f"{what} {_ms(seconds)} ms at {where}",
        f"limit {_ms(bound)} ms ({about})",
        f"<= {_ms(bound)} ms (ratio <= 1.0x)",
        seconds <= bound,
        notes,
    )
