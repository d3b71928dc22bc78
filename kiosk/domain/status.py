"""What the home screen's status line says about the link to the central endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class SyncStatus:
    online: bool
    waiting: int = 0
    oldest_waiting: timedelta | None = None
    problem: str = ""  # for staff: why nothing is being sent (e.g. the centre refused our key)
