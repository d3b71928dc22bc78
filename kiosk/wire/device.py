"""A kiosk as Open311's `device_id`: "001", the same digits that start its ticket codes."""

from __future__ import annotations

from kiosk.domain.ticket_code import KIOSK_DIGITS


def device_id(kiosk_number: int) -> str:
    """The kiosk's `device_id`; kiosk and centre both spell it here, so they cannot drift."""
    return f"{kiosk_number:0{KIOSK_DIGITS}d}"
