"""SQLite storage: the kiosk's ticket book and the outbox the sync worker drains.

May import: `kiosk.domain`, `kiosk.wire`, `kiosk.config`, and itself.
"""

from __future__ import annotations

from kiosk.store.db import SCHEMA_VERSION, NewerSchemaError, Pragmas, StoreError
from kiosk.store.outbox import (
    Outbox,
    OutboxCounts,
    OutboxError,
    OutboxItem,
    OutboxKind,
    OutboxState,
)
from kiosk.store.ticket_book import TicketBook, UnknownTicketError

__all__ = [
    "SCHEMA_VERSION",
    "NewerSchemaError",
    "Outbox",
    "OutboxCounts",
    "OutboxError",
    "OutboxItem",
    "OutboxKind",
    "OutboxState",
    "Pragmas",
    "StoreError",
    "TicketBook",
    "UnknownTicketError",
]
