"""Benchmark 9: what the kiosk holds does not grow with the residents it has served (issue 18).

Benchmark 7 grows the content and the history a kiosk starts with; this one grows the visits a
running kiosk has served: its resident memory after many residents' visits, by real taps in a
fresh process (benchmarks/residents_child.py), against the same process after the first ones.
A binding, a texture or a cache kept for every visit shows here as a curve that does not level
off. The ratio is the resident set after the last visit over the one after the warm-up; the
curve, the live objects, Kivy's bindings and textures and the speech cache are in the notes.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.child import run_child
from benchmarks.results import Result, ratio

LIMIT = 1.05  # a few MB of caches filling on top of ~300 MB; a leak keeps going


def residents_over_time(work: Path, warm: int, visits: int, every: int) -> Result:
    data = work / "kiosk"
    data.mkdir(parents=True, exist_ok=True)
    _first, out = run_child(
        [str(data), str(warm), str(visits), str(every)],
        log=work / "residents.log",
        module="benchmarks.residents_child",
        timeout=3600,
    )
    samples = out["samples"]
    first, last = samples[0], samples[-1]
    grown = ratio(last["rss_kb"], first["rss_kb"])
    curve = ", ".join(f"{s['visits']}: {s['rss_kb'] / 1024:.0f} MB" for s in samples)
    held = ", ".join(
        f"{kind} {first[kind]} -> {last[kind]}"
        for kind in ("objects", "bindings", "textures", "canvases")
    )
    return Result(
        "9",
        "Resident memory after many residents' visits, against after the first",
        grown,
        f"{last['rss_kb'] / 1024:.0f} MB after {last['visits']} visits",
        f"{first['rss_kb'] / 1024:.0f} MB after {first['visits']}",
        f"<= {LIMIT}x",
        grown <= LIMIT,
        notes=[
            f"resident set by visits: {curve}",
            f"held (after a full collection; of what start-up froze, objects only): {held}",
            f"speech cache {out['speech_cache_bytes'] / 2**20:.0f} MiB at the end",
            f"{out['seconds_a_visit']:.1f} s a visit (a report and one more door, by taps)",
        ],
        counts={"visits": last["visits"], "residents": out["residents"]},
    )
