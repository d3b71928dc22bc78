"""What the kiosk builds to keep for its life, kept out of the garbage collector's full passes.

Start-up builds what the process keeps until it stops: the config, every screen's widgets and
their kv bindings. With the sample config that is ~330,000 objects the cyclic collector tracks,
with 1,000 notices and events ~550,000. A full collection walks all of them: 130-210 ms on the
benchmark machine, several times that on a Pi, at a moment Python picks and on whichever thread
allocates then. Issue 18 caught it on the config watcher's thread during a reload, the GIL held
for ~200 ms: a frozen screen (benchmark 7b's rare 219 and 234 ms frames), and four times on the
UI thread while the other screens were made. `gc.freeze()` moves what exists to a generation the
collector no longer walks; reference counting still frees those objects as before, and later
full passes walk only what came after (3-15 ms in the same probes).

A cycle of garbage frozen is never collected, so the young generations are collected first, and
the kiosk freezes at two moments of its life only (kiosk.ui.run: its first frame and the end of
start-up), never per reload or visit: what it can keep that way is bounded by those two moments.
"""

from __future__ import annotations

import gc


def keep() -> int:
    """Freeze every object tracked now; returns how many are frozen in all."""
    gc.collect(1)  # young garbage (cheap): not frozen with the rest
    gc.freeze()
    return gc.get_freeze_count()
