"""What a sync round and the worker tell their callers: the UI, the staff panel, `kiosk sync`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class RoundResult:
    ok: bool  # everything due was handled and both pulls were done
    sent: int = 0
    rejected: int = 0
    problem: str = ""  # why not ok, for staff (never the API key or personal data)
    retry_after: float | None = None
    pulled: int = 0  # this kiosk's tickets whose status or answer changed
    current: bool = False  # the changes feed was read to its end: the wall is up to date


@dataclass(frozen=True)
class SyncReport:
    """More than the status line: for the staff page and `kiosk sync`."""

    online: bool
    waiting: int
    oldest_waiting: timedelta | None
    rejected: int
    problem: str  # "" when the last round went well
    last_contact: datetime | None  # when the centre last answered usefully
