"""What an answer means for an outbox item: sent, rejected for good, retry later, or fix config.

The rules (DESIGN.md §3, issue #6):

- 2xx with a `service_request_id` (or, as GeoReport v2 allows, only a `token`): sent.
- 400, 404, 409, 413, 422 with an Open311 error body: this request is invalid (a 409: its code
  is already another ticket's; a 413: it is too large to ever be taken); rejected and kept with
  the server's reason for staff, never retried. A 404 counts only when `reject_404` says the
  endpoint is known good this round (the services list came back and lacks the service, or it is
  a join): a 404 for a wrong URL or jurisdiction must not reject every ticket.
- 403 (the API key, or a key belonging to another kiosk number), 401, 407, 3xx: a configuration
  problem. Nothing is rejected; the item waits and staff are told.
- 429, 5xx, any other status, a garbled body, and every `TransportError`: retry later with the
  same Idempotency-Key, honouring Retry-After.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kiosk.sync.backoff import parse_retry_after
from kiosk.sync.reply import Reply

REJECTING = frozenset({400, 404, 409, 413, 422})
CONFIG = frozenset({401, 403, 407})
MAX_REASON = 500


class Outcome(Enum):
    SENT = "sent"
    REJECTED = "rejected"
    RETRY = "retry"
    CONFIG = "config"  # a problem only staff can fix; the item waits


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    detail: str = ""  # the reason (rejected), or the error (retry, config); never personal data
    service_request_id: str | None = None
    retry_after: float | None = None  # seconds, from the server's Retry-After
    online: bool = True  # the central server answered usefully (the status line's "online")
    answered: bool = True  # an HTTP answer came back (False: the connection failed)


def open311_errors(reply: Reply) -> str | None:
    """The descriptions of a GeoReport v2 error body `[{code, description}]`, or None."""
    try:
        data = reply.json()
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, list) or not data:
        return None
    texts = [
        str(item.get("description", "")).strip()
        for item in data
        if isinstance(item, dict) and "description" in item
    ]
    if len(texts) != len(data):
        return None
    text = "; ".join(t for t in texts if t) or "no description"
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 3] + "..."


def created_id(reply: Reply) -> str | None:
    """`service_request_id` from a POST's answer `[{"service_request_id": ...}]`; a token-only
    answer (the server numbers it later) gives "token:TOKEN"."""
    try:
        data = reply.json()
    except (ValueError, UnicodeDecodeError):
        return None
    first = data[0] if isinstance(data, list) and data else data
    if not isinstance(first, dict):
        return None
    for name, prefix in (("service_request_id", ""), ("token", "token:")):
        value = first.get(name)
        if isinstance(value, str | int) and str(value).strip():
            return prefix + str(value).strip()
    return None


def classify_post(reply: Reply, *, reject_404: bool) -> Verdict:
    """The verdict on one POST's answer (see the module docstring)."""
    status = reply.status
    retry_after = parse_retry_after(reply.header("Retry-After"))
    if 200 <= status < 300:
        found = created_id(reply)
        if found is None:
            return Verdict(Outcome.RETRY, f"HTTP {status} with a garbled answer", online=False)
        return Verdict(Outcome.SENT, service_request_id=found)
    errors = open311_errors(reply)
    if status in REJECTING and errors is not None and (status != 404 or reject_404):
        return Verdict(Outcome.REJECTED, f"HTTP {status}: {errors}")
    if status in CONFIG:
        why = errors or "refused"
        return Verdict(
            Outcome.CONFIG, f"HTTP {status}: {why} (check the API key and the kiosk number)"
        )
    if 300 <= status < 400:
        where = reply.header("Location") or "elsewhere"
        return Verdict(
            Outcome.CONFIG, f"HTTP {status}: the server moved to {where}; fix central.url"
        )
    if status == 404:
        return Verdict(Outcome.RETRY, f"HTTP 404: {errors or 'not found'} (check central.url)")
    return Verdict(
        Outcome.RETRY,
        f"HTTP {status}: {errors or 'no usable answer'}",
        retry_after=retry_after,
        online=status < 500 and status != 429,
    )
