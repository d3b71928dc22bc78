"""A stop asked for from outside the kiosk: systemd's SIGTERM (`systemctl stop`, a shut-down, an
upgrade) or Ctrl+C (SIGINT) on a developer's terminal.

A signal handler may run between any two bytecodes of the main thread, in the middle of a store
write or of Kivy's own bookkeeping, so it only notes the request here; the UI loop polls it and
stops the app cleanly from its own clock (kiosk.ui.run). Kiosk mode still refuses every way out
a resident has (Escape, a window close request): a signal can only come from the system.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
# How the kiosk ends when staff end it (kiosk.ui.staff; the service's unit file relies on both)
EXIT_RESTART = 75  # EX_TEMPFAIL: "start me again"; Restart=always does
EXIT_LEAVE_KIOSK = 3  # staff left kiosk mode: the service must NOT start the kiosk again
EXIT_NO_STORE = 1  # the ticket store cannot be opened (kiosk.core.office): logged in one line


class StopRequest:
    """Notes the first stop signal; `requested` tells the UI loop to stop."""

    def __init__(self) -> None:
        self._signal: int | None = None

    @property
    def requested(self) -> bool:
        return self._signal is not None

    @property
    def reason(self) -> str:
        """The signal's name (e.g. "SIGTERM"), or "" while none came."""
        return "" if self._signal is None else signal.Signals(self._signal).name

    def note(self, signum: int, _frame: FrameType | None = None) -> None:
        """The signal handler: remember the first signal, nothing else (see the module doc)."""
        if self._signal is None:
            self._signal = signum

    @contextmanager
    def catching(self, signals: tuple[signal.Signals, ...] = STOP_SIGNALS) -> Iterator[StopRequest]:
        """Handle `signals` with `note` while the block runs (main thread only), then put the
        previous handlers back."""
        previous: dict[signal.Signals, Any] = {}
        try:
            for signum in signals:
                previous[signum] = signal.signal(signum, self.note)
            yield self
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
