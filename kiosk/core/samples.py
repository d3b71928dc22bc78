"""Sample data for `kiosk screenshot`: the Echo Wall's pages need solved problems to show.

A kiosk that has never received the centre's feed gets a sample one in a throwaway store, never
in its own (its wall must keep saying "not received yet" until the real feed comes).
"""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import UTC, timedelta
from pathlib import Path

from kiosk.core.lookup import TicketLookUp
from kiosk.core.office import Later, Office
from kiosk.core.services import Services
from kiosk.domain.ticket_code import make_code
from kiosk.domain.tickets import TicketStatus
from kiosk.store.remote import RemoteRequest, RemoteStore


def with_sample_feed(services: Services, *, answer: str, summary: str) -> Services:
    """`services` as they are once the kiosk has a feed; else with a sample one in a temporary
    store, so the wall's pages show what they are for rather than "not received yet"."""
    if services.remote.feed_received() or not services.config().content.categories:
        return services
    remote = RemoteStore.open(Path(tempfile.mkdtemp(prefix="kiosk-sample-feed-")) / "feed.db")
    remote.apply_requests(
        sample_feed(services, answer=answer, summary=summary), cursor=None, etag=None
    )
    lookup = TicketLookUp(
        book=services.book,
        remote=remote,
        categories=lambda: services.config().content.categories,
        zone=lambda: services.now().tzinfo or UTC,
    )
    office = Office(
        book=services.book, sync=services.sync, desk=services.desk, remote=remote, lookup=lookup
    )
    return dataclasses.replace(services, office=Later.ready(office))


def sample_feed(services: Services, *, answer: str, summary: str) -> list[RemoteRequest]:
    """A year of solved problems, a few a month, one of them late (never stored for real);
    `answer` and `summary` stand in for what staff and residents write."""
    categories = services.config().content.categories
    now = services.now()
    feed = []
    for n in range(40):
        requested = now - timedelta(days=3 + n * 9)
        days = 5 if n == 1 else 1 + n % 3
        category = categories[n % len(categories)]
        feed.append(
            RemoteRequest(
                code=make_code(900, n + 1),
                status=TicketStatus.CLOSED if n % 5 else TicketStatus.OPEN,
                service_code=category.code,
                requested=requested,
                updated=requested + timedelta(days=days),
                closed=requested + timedelta(days=days) if n % 5 else None,
                expected=requested + timedelta(days=category.deadline_days),
                status_notes=answer if n % 5 else "",
                description=summary,
            )
        )
    return feed
