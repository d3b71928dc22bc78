"""The staff PIN's lock-out: five wrong PINs in a row lock the pad for five minutes.

A kiosk stands in a public hall; a child (or anyone) may try PINs for as long as they like. Five
tries leave a 1-in-2000 chance for a 4-digit PIN before staff notice the lock. The clock is
monotonic and injected, so a changed wall clock cannot unlock it and tests need not wait.
The lock lives in memory: a restart clears it, and a restart needs staff already.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

MAX_WRONG = 5
LOCK_SECONDS = 300.0


@dataclass(frozen=True)
class PinVerdict:
    ok: bool
    tries_left: int = 0  # after a wrong PIN; 0 with `locked_seconds` > 0 when it just locked
    locked_seconds: float = 0.0  # > 0: locked, nothing was checked

    @property
    def locked_minutes(self) -> int:
        return max(1, math.ceil(self.locked_seconds / 60)) if self.locked_seconds > 0 else 0


class PinLock:
    def __init__(
        self,
        now: Callable[[], float],
        *,
        max_wrong: int = MAX_WRONG,
        lock_seconds: float = LOCK_SECONDS,
    ) -> None:
        self._now = now
        self._max_wrong = max_wrong
        self._lock_seconds = lock_seconds
        self._wrong = 0
        self._locked_until: float | None = None

    def locked_seconds(self) -> float:
        """Seconds until PINs are checked again (0: not locked); an expired lock starts afresh."""
        if self._locked_until is None:
            return 0.0
        left = self._locked_until - self._now()
        if left > 0:
            return left
        self._locked_until = None
        self._wrong = 0
        return 0.0

    def attempt(self, correct: Callable[[], bool]) -> PinVerdict:
        """Check a PIN with `correct` unless locked (then it is not even looked at)."""
        locked = self.locked_seconds()
        if locked > 0:
            return PinVerdict(ok=False, locked_seconds=locked)
        if correct():
            self._wrong = 0
            return PinVerdict(ok=True)
        self._wrong += 1
        if self._wrong >= self._max_wrong:
            self._locked_until = self._now() + self._lock_seconds
            return PinVerdict(ok=False, locked_seconds=self._lock_seconds)
        return PinVerdict(ok=False, tries_left=self._max_wrong - self._wrong)
