"""Open311 sync: the background worker that sends the outbox to the centre exactly once and
pulls what the kiosk shows offline (services, its tickets' answers, the Echo Wall).

Modules, one idea each: settings (config and API key), deadline (a whole-request time limit for
requests), client (one bounded HTTP exchange), classify (what an answer means), backoff, drain
(sending the outbox), pulls (services and the changes feed), worker (the thread), once (one full
round, for `kiosk sync --once`), errors (the exception tree).

May import: `kiosk.domain`, `kiosk.wire`, `kiosk.config`, `kiosk.store`, and itself.
"""

from __future__ import annotations

from kiosk.sync.backoff import Backoff
from kiosk.sync.once import sync_once
from kiosk.sync.results import RoundResult, SyncReport
from kiosk.sync.settings import SyncSettings, settings_from_config
from kiosk.sync.worker import SyncWorker

__all__ = [
    "Backoff",
    "RoundResult",
    "SyncReport",
    "SyncSettings",
    "SyncWorker",
    "settings_from_config",
    "sync_once",
]
