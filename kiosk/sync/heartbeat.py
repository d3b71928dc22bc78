"""The kiosk's heartbeat: every `sync.heartbeat_minutes` it tells the centre how it is.

Sent by the sync worker before the outbox is drained: the centre answers with the highest
ordinary ticket sequence it holds for this kiosk, which becomes the ticket book's floor, and a
fresh SD card issues provisional codes until it has one (kiosk.domain.ticket_code). A failed
heartbeat holds no ticket back for longer than one request's deadline. A refused API key (401/403)
is a problem for staff, found within minutes even when no resident has reported anything; every
other failure is only logged and the heartbeat is tried again next round.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from kiosk.config.content_store import ContentReport
from kiosk.sync.classify import CONFIG, open311_errors
from kiosk.sync.errors import TransportError
from kiosk.sync.reply import Reply

if TYPE_CHECKING:  # the client brings `requests`: see kiosk.sync.reply
    from kiosk.sync.client import Open311Client

log = logging.getLogger("kiosk.sync")


@dataclass(frozen=True)
class Health:
    """What the kiosk knows about itself beyond the outbox (kiosk/core/health.py gathers it)."""

    version: str = ""
    printer: str = "unknown"  # a word of kiosk.wire.printer.PrinterWord
    config_sha256: str = ""  # of the config in use
    config_errors: int = 0  # errors in the config file (the last good one is in use)
    config_problem: str = ""  # the first of them, short
    disk_free_bytes: int | None = None
    content: ContentReport = field(default_factory=ContentReport)  # issue 19: what it shows


@dataclass(frozen=True)
class BeatOutcome:
    sent: bool  # the centre stored it
    problem: str = ""  # for staff: the centre refused our key
    floor: int | None = None  # the highest ticket sequence the centre holds for this kiosk


class Heartbeat:
    """When the next heartbeat is due, what it says, and what its answer means."""

    def __init__(
        self,
        *,
        every_minutes: Callable[[], float],
        health: Callable[[], Health] = Health,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._every = every_minutes
        self._health = health
        self._monotonic = monotonic
        self._started = monotonic()
        self._last: float | None = None  # when the last one was answered for good

    def due(self) -> bool:
        if self._last is None:
            return True
        try:
            every = max(self._every() * 60.0, 1.0)
        except Exception:  # a config being swapped: the default cadence
            every = 300.0
        return self._monotonic() - self._last >= every

    def soon(self) -> None:
        """Send one in this round (the content shown changed: staff see it at once)."""
        self._last = None

    def fields(self, *, waiting: int, oldest: timedelta | None) -> dict[str, object]:
        health = self._health()
        return {
            "version": health.version,
            "uptime_s": int(max(self._monotonic() - self._started, 0)),
            "waiting": waiting,
            "oldest_waiting_s": int(oldest.total_seconds()) if oldest is not None else None,
            "printer": health.printer,
            "config_sha256": health.config_sha256 or None,
            "config_errors": health.config_errors,
            "config_problem": health.config_problem[:300] or None,
            "disk_free_bytes": health.disk_free_bytes,
            "content_version": health.content.version,
            "content_refused": health.content.refused,
            "content_problem": health.content.problem[:300] or None,
        }

    def send(self, client: Open311Client, *, waiting: int, oldest: timedelta | None) -> BeatOutcome:
        """One heartbeat; never raises for the centre's sake (see the module docstring)."""
        try:
            reply = client.post_heartbeat(self.fields(waiting=waiting, oldest=oldest))
        except TransportError as error:
            log.info("heartbeat not sent, trying again next round: %s", error)
            return BeatOutcome(sent=False)
        status = reply.status
        why = open311_errors(reply)
        if status in CONFIG:
            problem = f"heartbeat: HTTP {status}: {why or 'refused'} (check the API key)"
            return BeatOutcome(sent=False, problem=problem)
        if 200 <= status < 300:
            self._last = self._monotonic()
            return BeatOutcome(sent=True, floor=_floor(reply))
        if 400 <= status < 500 and status != 429:  # an older centre, or a field it refuses
            self._last = self._monotonic()
            log.warning("the centre did not take the heartbeat: HTTP %s: %s", status, why or "")
        else:
            log.info("heartbeat: HTTP %s, trying again next round", status)
        return BeatOutcome(sent=False)


def _floor(reply: Reply) -> int | None:
    try:
        data = reply.json()
    except (ValueError, UnicodeDecodeError):
        data = None
    value = data.get("ticket_sequence") if isinstance(data, dict) else None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    log.warning("the centre's heartbeat answer has no usable ticket_sequence")
    return None
