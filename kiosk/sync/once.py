"""One full sync round now, for `kiosk sync --once`; the exit code says if all went.

Exit 0 when nothing is left waiting, nothing stands refused and the changes feed (the Echo Wall,
offline look-up) was read to its end; 1 with a one-line reason otherwise, then every refused item
on a line of its own, with its code and the centre's reason (a refused ticket is a resident's
report that did not arrive: never silent). Items still in their back-off are sent too (staff
asked for it now). Safe to run beside the kiosk's own worker: both send an item with the same
Idempotency-Key, and the server counts it once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from kiosk.config.model import KioskConfig
from kiosk.sync.backoff import Backoff
from kiosk.sync.content import ContentSink
from kiosk.sync.heartbeat import Health
from kiosk.sync.worker import SyncWorker


def sync_once(
    *,
    config: KioskConfig,
    db_path: Path,
    now: Callable[[], datetime] | None = None,
    backoff: Backoff | None = None,
    environ: Mapping[str, str] | None = None,
    health: Callable[[], Health] = Health,
    content: ContentSink | None = None,
) -> tuple[int, str]:
    """(exit code, text): 0 when nothing waits or stands refused after the round and the changes
    feed is up to date. The text is one line, then a line for each refused item (its code and the
    centre's reason)."""
    worker = SyncWorker.open(
        db_path,
        config=lambda: config,
        now=now or (lambda: datetime.now(UTC)),
        backoff=backoff,
        environ=environ,
        health=health,
        content=content,
    )
    try:
        result = worker.run_round(everything=True)
        report = worker.report()
        refused = [
            f"rejected {item.kind.value} {item.ticket_code}: {item.reason}"
            for item in worker.rejected_items()
        ]
    finally:
        worker.close()
    done = f"{result.sent} sent, {result.rejected} rejected"
    if report.rejected:
        done += f" ({report.rejected} rejected in all: see the staff page)"
    if report.waiting:
        why = result.problem or "joins wait for tickets the centre has not accepted"
        return 1, "\n".join([f"sync: {report.waiting} still waiting ({done}): {why}", *refused])
    if refused:
        return 1, "\n".join(
            [f"sync: nothing waiting, but the centre refused some ({done})", *refused]
        )
    if not result.current:
        why = result.problem or "more changes wait at the centre: run it again"
        return 1, f"sync: nothing waiting ({done}), but the Echo Wall is not up to date: {why}"
    return 0, f"sync: nothing waiting; {done}" + (
        f"; but {result.problem}" if result.problem else ""
    )
