"""The heartbeat's words for a kiosk's printer: what the kiosk sends and the centre understands.

The receipt package's `PrinterFault` takes its values from here, the kiosk's health maps its
`PrinterStatus` onto them, and the centre's fleet page warns by them, so one word is spelled once.
"""

from __future__ import annotations

from enum import StrEnum


class PrinterWord(StrEnum):
    OK = "ok"
    PAPER_LOW = "paper_low"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    NOT_CONNECTED = "not_connected"
    TIMEOUT = "timeout"
    ERROR = "error"
    NONE = "none"  # no printer configured: nothing to warn about
    UNKNOWN = "unknown"  # nothing printed since the kiosk started, or the connection cannot tell


# The printer needs a person (paper_out is its own warning: the roll, not a fault).
FAULTS = frozenset(
    {
        PrinterWord.COVER_OPEN,
        PrinterWord.OFFLINE,
        PrinterWord.NOT_CONNECTED,
        PrinterWord.TIMEOUT,
        PrinterWord.ERROR,
    }
)
