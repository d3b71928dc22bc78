"""Sending the outbox: oldest first, each item with its own Idempotency-Key, one answer at a time.

An item's outcome is written to the outbox as soon as its answer is in, so a kill at any moment
loses at most the knowledge of one answer, and the retry (same key) gets the server's replay of it.
An item that fails gets its own back-off and the pass goes on to the next one, so a single item
the server chokes on cannot hold up the rest (not even in `sync --once`, which ignores back-offs).
The pass stops when an answer speaks for the centre as a whole: a configuration problem (the key,
the address), no answer at all, a Retry-After, or a second failure in a row. Then knocking with
the next hundred items helps no one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from kiosk.store.outbox import Outbox, OutboxError, OutboxItem, OutboxKind
from kiosk.sync.backoff import Backoff
from kiosk.sync.classify import Outcome, Verdict, classify_post
from kiosk.sync.errors import TransportError

if TYPE_CHECKING:  # the client brings `requests`: see kiosk.sync.reply
    from kiosk.sync.client import Open311Client

log = logging.getLogger("kiosk.sync")
BATCH = 20


@dataclass(frozen=True)
class DrainResult:
    sent: int = 0
    rejected: int = 0
    stopped_by: Verdict | None = None  # the answer that ended the pass early; None: ran dry
    held: Verdict | None = None  # the last failure the pass went on past (an item in back-off)


def send_item(
    client: Open311Client, item: OutboxItem, *, services: frozenset[str] | None
) -> Verdict:
    """Post one item and judge the answer. `services`: the codes the centre listed this round
    (None if the list could not be read), which tells a 404 for an unknown service apart from a
    404 for a wrong address."""
    fields = item.fields()
    try:
        if item.kind is OutboxKind.JOIN:
            reply = client.post_voice(item.ticket_code, fields, key=item.key)
            reject_404 = services is not None  # the endpoint answered; the ticket is unknown
        elif item.kind is OutboxKind.RATING:
            # 404: the centre does not know the ticket; 409: it is not closed (any more).
            reply = client.post_rating(item.ticket_code, fields, key=item.key)
            reject_404 = services is not None
        else:
            reply = client.post_request(fields, key=item.key)
            reject_404 = services is not None and fields.get("service_code") not in services
    except TransportError as error:
        return Verdict(Outcome.RETRY, str(error), online=False, answered=False)
    return classify_post(reply, reject_404=reject_404)


def drain(
    outbox: Outbox,
    client: Open311Client,
    *,
    now: Callable[[], datetime],
    backoff: Backoff,
    services: frozenset[str] | None,
    everything: bool = False,
    stopping: Callable[[], bool] = lambda: False,
    on_verdict: Callable[[Verdict], None] = lambda _v: None,
) -> DrainResult:
    """Send what is due, oldest first, until the outbox is dry, an answer says stop, or
    `stopping()`. `everything`: also items still in their back-off (a manual `sync --once`)."""
    sent = rejected = 0
    held: Verdict | None = None
    failed_last = False
    tried: set[int] = set()  # items already answered in this pass (still waiting when retried)
    while not stopping():
        horizon = now() + timedelta(days=36500) if everything else now()
        due = [i for i in outbox.due(horizon, BATCH + len(tried)) if i.id not in tried]
        if not due:
            break
        for item in due:
            if stopping():
                break
            tried.add(item.id)
            verdict = send_item(client, item, services=services)
            on_verdict(verdict)
            _record(outbox, item, verdict, now=now(), backoff=backoff)
            if verdict.outcome is Outcome.SENT:
                sent += 1
            elif verdict.outcome is Outcome.REJECTED:
                rejected += 1
            elif failed_last or _speaks_for_the_centre(verdict):
                return DrainResult(sent=sent, rejected=rejected, stopped_by=verdict, held=held)
            else:
                held = verdict
            failed_last = verdict.outcome is Outcome.RETRY
    return DrainResult(sent=sent, rejected=rejected, held=held)


def _speaks_for_the_centre(verdict: Verdict) -> bool:
    """A failure the next item would meet as well (see the module docstring)."""
    return (
        verdict.outcome is Outcome.CONFIG or not verdict.answered or verdict.retry_after is not None
    )


def _record(
    outbox: Outbox, item: OutboxItem, verdict: Verdict, *, now: datetime, backoff: Backoff
) -> None:
    """Write the outcome; an item another process finished meanwhile is left as it is."""
    try:
        if verdict.outcome is Outcome.SENT:
            outbox.mark_sent(item.id, verdict.service_request_id or "", now=now)
            log.info("sent %s %s", item.kind.value, item.ticket_code)
        elif verdict.outcome is Outcome.REJECTED:
            outbox.mark_rejected(item.id, verdict.detail, now=now)
            log.warning("rejected %s %s: %s", item.kind.value, item.ticket_code, verdict.detail)
        else:
            wait = backoff.delay(item.attempts, retry_after=verdict.retry_after)
            outbox.mark_retry(item.id, verdict.detail, now + timedelta(seconds=wait))
            log.info(
                "%s %s waits %.1f s: %s", item.kind.value, item.ticket_code, wait, verdict.detail
            )
    except OutboxError as error:
        log.info("outbox item %d: %s", item.id, error)
