"""How long to wait before trying again: exponential back-off with full jitter, capped.

Full jitter (a uniform pick between zero and the exponential ceiling) spreads the kiosks of a
town apart after the centre comes back, instead of having them all knock at once. A server's
`Retry-After` is honoured, but only up to a cap: a misconfigured proxy saying "come back in six
hours" must not silence a kiosk for the day (urllib3 would honour up to six hours).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

_MAX_DOUBLINGS = 62  # 2**62 seconds is already past any cap; keeps the float finite


@dataclass(frozen=True, kw_only=True)
class Backoff:
    """`delay(attempt)`: attempt 0 is the first retry. All values in seconds."""

    base: float = 2.0
    cap: float = 300.0
    retry_after_cap: float = 900.0
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not 0 < self.base <= self.cap:
            raise ValueError(f"need 0 < base <= cap, got base={self.base} cap={self.cap}")
        if self.retry_after_cap < 0:
            raise ValueError("retry_after_cap must not be negative")

    def ceiling(self, attempt: int) -> float:
        return min(self.cap, self.base * 2.0 ** min(max(attempt, 0), _MAX_DOUBLINGS))

    def delay(self, attempt: int, *, retry_after: float | None = None) -> float:
        """A random wait up to the ceiling; at least the server's Retry-After (capped)."""
        wait = self.rng.uniform(0.0, self.ceiling(attempt))
        if retry_after is not None:
            wait = max(wait, min(max(retry_after, 0.0), self.retry_after_cap))
        return wait


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header: delay-seconds or an HTTP-date; None if absent
    or unreadable (then our own back-off applies)."""
    text = (value or "").strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return float(text)
    # Imported here: the email package is ~4 ms of every start, and an HTTP-date is rare.
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110: HTTP-dates are GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
