"""Why talking to the central server failed; every one of these leaves the outbox item waiting.

The tree (httpx style)::

    SyncError
    ├── NotConfiguredError       no central.url, or the API key cannot be read: nothing is sent
    ├── BadAnswerError           a read (services, changes) got an answer it cannot use
    └── TransportError           no whole HTTP answer: retry with the same Idempotency-Key
        ├── ConnectError         refused, unreachable, name not found, TLS handshake or verify
        ├── TimedOutError        connect or read time-out, or the overall deadline passed
        ├── ConnectionLostError  reset or closed mid-answer, truncated, or not HTTP at all
        └── AnswerTooLargeError  the body went past the size cap (a broken proxy, not our server)

An HTTP answer, good or bad, is not an exception: `kiosk.sync.classify` turns it into a verdict
(sent, rejected, retry, or a configuration problem such as a refused API key). Messages never
contain the API key: it travels only in POST bodies, and nothing here quotes a body.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base class: the central server could not be reached or used."""


class NotConfiguredError(SyncError):
    """The kiosk has no endpoint or no readable API key; staff must fix the config."""


class BadAnswerError(SyncError):
    """A pull got a whole HTTP answer it cannot use: an unexpected status or a garbled body."""

    def __init__(self, message: str, *, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after  # seconds, when the server said (503, 429)


class TransportError(SyncError):
    """No complete HTTP answer: the request may or may not have been acted on."""


class ConnectError(TransportError):
    """No connection: refused, unreachable, DNS, or TLS failed (check central.ca_bundle)."""


class TimedOutError(TransportError):
    """Connect, read (a gap between bytes) or the request's overall deadline ran out."""


class ConnectionLostError(TransportError):
    """The connection broke mid-answer, or what came back was not a whole HTTP answer."""


class AnswerTooLargeError(TransportError):
    """The answer's body went past the size cap; it was not read to its end."""
