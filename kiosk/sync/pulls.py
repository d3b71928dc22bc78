"""Reads from the centre, stored for offline use: the services list and the changes feed.

The changes feed is `GET /requests.json?updated_after=CURSOR` (the reference server's extension:
changes at or after the instant, oldest first). One feed serves both needs: the status and answer
of this kiosk's own tickets (ticket look-up offline) and the community's solved tickets (the Echo
Wall). Items at the cursor's instant come again on the next page; storing them is idempotent, and
a page that brings nothing newer ends the pull. Both reads send the last ETag, so an idle round
costs two 304s.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import quote

from kiosk.domain.rating import Rating
from kiosk.domain.tickets import TicketStatus
from kiosk.store.remote import (
    REQUESTS_CURSOR,
    REQUESTS_ETAG,
    SERVICES_ETAG,
    RemoteRequest,
    RemoteService,
    RemoteStore,
)
from kiosk.sync.backoff import parse_retry_after
from kiosk.sync.classify import open311_errors
from kiosk.sync.client import Open311Client, Reply
from kiosk.sync.errors import BadAnswerError

log = logging.getLogger("kiosk.sync")
EPOCH = "1970-01-01T00:00:00+00:00"  # the first pull's cursor: everything, oldest first
PAGE_SIZE = 1000  # GeoReport v2 servers return at most this many; fewer means "no more now"
MAX_PAGES = 20  # per round; the rest comes next round
_RATINGS = frozenset(r.value for r in Rating)


def _list(reply: Reply, what: str) -> list[object]:
    if reply.status != 200:
        why = open311_errors(reply)
        raise BadAnswerError(
            f"{what}: HTTP {reply.status}" + (f": {why}" if why else ""),
            status=reply.status,
            retry_after=parse_retry_after(reply.header("Retry-After")),
        )
    try:
        data = reply.json()
    except (ValueError, UnicodeDecodeError):
        raise BadAnswerError(f"{what}: the answer is not JSON", status=reply.status) from None
    if not isinstance(data, list):
        raise BadAnswerError(f"{what}: the answer is not a JSON list", status=reply.status)
    return data


def _text(item: Mapping[str, object], name: str) -> str:
    value = item.get(name)
    return str(value).strip() if isinstance(value, str | int | float) else ""


def pull_services(client: Open311Client, remote: RemoteStore) -> frozenset[str]:
    """Refresh the services cache; returns the service codes the centre knows."""
    cached = remote.services()
    etag = remote.state(SERVICES_ETAG) if cached else None
    reply = client.get("services.json", etag=etag)
    if reply.status == 304 and cached:
        return frozenset(s.code for s in cached)
    services = [
        RemoteService(
            code=_text(item, "service_code"),
            name=_text(item, "service_name"),
            description=_text(item, "description"),
            keywords=_text(item, "keywords"),
            group=_text(item, "group"),
        )
        for item in _list(reply, "GET services.json")
        if isinstance(item, dict) and _text(item, "service_code")
    ]
    remote.replace_services(services, etag=reply.header("ETag"))
    return frozenset(s.code for s in services)


def _instant(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.utcoffset() is not None else parsed.replace(tzinfo=UTC)


def parse_request(item: object) -> RemoteRequest | None:
    """One GeoReport v2 request object, or None when it lacks what the wall and look-up need."""
    if not isinstance(item, dict):
        return None
    code = _text(item, "service_request_id")
    requested = _instant(item.get("requested_datetime"))
    updated = _instant(item.get("updated_datetime")) or requested
    if not code or requested is None or updated is None:
        return None
    extended = item.get("extended_attributes")
    extra: Mapping[str, object] = extended if isinstance(extended, dict) else {}
    detailed = _text(extra, "detailed_status") or _text(item, "status")
    try:
        status = TicketStatus(detailed)
    except ValueError:
        return None
    residents = extra.get("residents")
    rating_text = _text(extra, "rating")
    return RemoteRequest(
        code=code,
        status=status,
        status_notes=_text(item, "status_notes"),
        service_code=_text(item, "service_code"),
        service_name=_text(item, "service_name"),
        description=_text(item, "description"),
        address=_text(item, "address"),
        agency_responsible=_text(item, "agency_responsible"),
        device_id=_text(extra, "device_id") or None,
        residents=residents if isinstance(residents, int) and residents >= 1 else 1,
        requested=requested,
        expected=_instant(item.get("expected_datetime")),
        updated=updated,
        closed=_instant(extra.get("closed_datetime")) if status is TicketStatus.CLOSED else None,
        rating=Rating(rating_text) if rating_text in _RATINGS else None,
    )


def look_up(client: Open311Client, code: str) -> RemoteRequest | None:
    """GET /requests/{code}.json: the ticket, or None when the centre answers 404 for it."""
    reply = client.get(f"requests/{quote(code, safe='')}.json")
    if reply.status == 404 and open311_errors(reply) is not None:
        return None
    items = [p for p in map(parse_request, _list(reply, "GET requests/{code}.json")) if p]
    return next((p for p in items if p.code == code), None)


def pull_changes(client: Open311Client, remote: RemoteStore, *, max_pages: int = MAX_PAGES) -> int:
    """Apply every change since the stored cursor; returns how many of this kiosk's own tickets
    changed status or answer."""
    changed = 0
    for _ in range(max_pages):
        cursor = remote.state(REQUESTS_CURSOR)
        etag = remote.state(REQUESTS_ETAG) if cursor else None
        reply = client.get("requests.json", [("updated_after", cursor or EPOCH)], etag=etag)
        if reply.status == 304:
            break
        raw = _list(reply, "GET requests.json")
        parsed = [parse_request(item) for item in raw]
        items = [p for p in parsed if p is not None]
        if len(items) < len(raw):
            log.warning("skipped %d unreadable items in the changes feed", len(raw) - len(items))
        newest = max(items, key=lambda r: r.updated, default=None)
        before = _instant(cursor)
        moved = newest is not None and (before is None or newest.updated > before)
        new_cursor = _cursor_text(raw, newest) if moved and newest is not None else cursor
        changed += remote.apply_requests(
            items, cursor=new_cursor, etag=None if moved else reply.header("ETag")
        )
        if not moved or len(raw) < PAGE_SIZE:
            break
    return changed


def _cursor_text(raw: list[object], newest: RemoteRequest) -> str:
    """The newest item's `updated_datetime` exactly as the centre wrote it (its own precision)."""
    for item in raw:
        if isinstance(item, dict) and _text(item, "service_request_id") == newest.code:
            text = _text(item, "updated_datetime")
            if text:
                return text
    return newest.updated.isoformat()
