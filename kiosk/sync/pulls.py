"""Reads from the centre, stored for offline use: the services list and the changes feed.

The changes feed is `GET /requests.json?updated_after=CURSOR&after=TOKEN` (the reference server's
extensions: changes oldest first; TOKEN is the last page's `Feed-After` header, the exact place of
its last item, so the next page starts strictly after it). One feed
serves both needs: the status and answer of this kiosk's own tickets (ticket look-up offline) and
the community's solved tickets (the Echo Wall). A page may be short (the centre pages by bytes as
well as count), so only a page that brings nothing new ends the pull; a generic server without
`Feed-After` repeats the items at the cursor's instant, which is idempotent. A page
over the kiosk's size cap is asked for again with `page_size` halved, down to one item; past that
the pull fails with the reason, and the cursor stays. Both reads send the last ETag, so an idle
round costs two 304s.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import quote

from kiosk.domain.rating import Rating
from kiosk.domain.text import Languages
from kiosk.domain.tickets import TicketStatus
from kiosk.store.remote import (
    REQUESTS_AFTER,
    REQUESTS_CURSOR,
    REQUESTS_ETAG,
    SERVICES_ETAG,
    RemoteRequest,
    RemoteService,
    RemoteStore,
)
from kiosk.sync.backoff import parse_retry_after
from kiosk.sync.classify import CONFIG, open311_errors
from kiosk.sync.errors import AnswerTooLargeError, BadAnswerError
from kiosk.sync.reply import Reply
from kiosk.wire import fields as f

if TYPE_CHECKING:  # the client brings `requests`: see kiosk.sync.reply
    from kiosk.sync.client import Open311Client

log = logging.getLogger("kiosk.sync")
EPOCH = "1970-01-01T00:00:00+00:00"  # the first pull's cursor: everything, oldest first
PAGE_SIZE = 1000  # GeoReport v2 servers return at most this many
MAX_PAGES = 20  # per background round; the rest comes in the next round, at once
MAX_PAGES_ONCE = 5000  # `kiosk sync --once`: to the end (the cursor moves every page)
AFTER_PARAM = "after"  # the reference server's keyset extension: its Feed-After header, back
FEED_AFTER = "Feed-After"
_RATINGS = frozenset(r.value for r in Rating)
LANGUAGES = Languages().available  # the language codes an answer map may carry
MAX_ANSWER = 4000  # characters of one answer or summary kept; the centre takes no longer


def _list(reply: Reply, what: str) -> list[object]:
    if reply.status != 200:
        why = open311_errors(reply)
        if reply.status in CONFIG:  # the kiosk's reads carry its key since issue 17
            why = f"{why or 'refused'} (check the API key and the kiosk number)"
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


def _per_language(value: object) -> dict[str, str]:
    """`extended_attributes.answers` or `.summaries`: {lang: text}. Only the kiosk's language
    codes and non-empty strings are kept, each cut to MAX_ANSWER characters; anything else (a
    list, a number, a garbled map) counts as no text, never as a failed pull."""
    if not isinstance(value, dict):
        return {}
    return {
        lang: text.strip()[:MAX_ANSWER]
        for lang, text in value.items()
        if lang in LANGUAGES and isinstance(text, str) and text.strip()
    }


def pull_services(client: Open311Client, remote: RemoteStore) -> frozenset[str]:
    """Refresh the services cache; returns the service codes the centre knows."""
    cached = remote.services()
    etag = remote.state(SERVICES_ETAG) if cached else None
    reply = client.get("services.json", etag=etag)
    if reply.status == 304 and cached:
        return frozenset(s.code for s in cached)
    services = [
        RemoteService(
            code=_text(item, f.SERVICE_CODE),
            name=_text(item, f.SERVICE_NAME),
            description=_text(item, f.DESCRIPTION),
            keywords=_text(item, f.KEYWORDS),
            group=_text(item, f.GROUP),
        )
        for item in _list(reply, "GET services.json")
        if isinstance(item, dict) and _text(item, f.SERVICE_CODE)
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
    code = _text(item, f.SERVICE_REQUEST_ID)
    requested = _instant(item.get(f.REQUESTED_DATETIME))
    updated = _instant(item.get(f.UPDATED_DATETIME)) or requested
    if not code or requested is None or updated is None:
        return None
    extended = item.get(f.EXTENDED_ATTRIBUTES)
    extra: Mapping[str, object] = extended if isinstance(extended, dict) else {}
    detailed = _text(extra, f.DETAILED_STATUS) or _text(item, f.STATUS)
    try:
        status = TicketStatus(detailed)
    except ValueError:
        return None
    residents = extra.get(f.RESIDENTS)
    rating_text = _text(extra, f.RATING)
    return RemoteRequest(
        code=code,
        status=status,
        status_notes=_text(item, f.STATUS_NOTES),
        service_code=_text(item, f.SERVICE_CODE),
        service_name=_text(item, f.SERVICE_NAME),
        description=_text(item, f.DESCRIPTION),
        address=_text(item, f.ADDRESS),
        agency_responsible=_text(item, f.AGENCY_RESPONSIBLE),
        device_id=_text(extra, f.DEVICE_ID) or None,
        residents=residents if isinstance(residents, int) and residents >= 1 else 1,
        requested=requested,
        expected=_instant(item.get(f.EXPECTED_DATETIME)),
        updated=updated,
        closed=_instant(extra.get(f.CLOSED_DATETIME)) if status is TicketStatus.CLOSED else None,
        rating=Rating(rating_text) if rating_text in _RATINGS else None,
        answers=_per_language(extra.get(f.ANSWERS)),
        summaries=_per_language(extra.get(f.SUMMARIES)),
    )


def look_up(client: Open311Client, code: str) -> RemoteRequest | None:
    """GET /requests/{code}.json: the ticket, or None when the centre answers 404 for it."""
    reply = client.get(f"requests/{quote(code, safe='')}.json")
    if reply.status == 404 and open311_errors(reply) is not None:
        return None
    items = [p for p in map(parse_request, _list(reply, "GET requests/{code}.json")) if p]
    return next((p for p in items if p.code == code), None)


@dataclass(frozen=True)
class Pull:
    """What one pull of the changes feed did."""

    changed: int  # this kiosk's own tickets whose status or answer changed
    items: int  # feed items stored
    current: bool  # read to its end; False: the per-round bound stopped it, more next round


@dataclass(frozen=True)
class _Newest:
    updated: datetime
    text: str  # `updated_datetime` exactly as the centre wrote it (its own precision)


def pull_changes(client: Open311Client, remote: RemoteStore, *, max_pages: int = MAX_PAGES) -> Pull:
    """Apply every change since the stored cursor, page by page while the cursor moves."""
    changed = stored = 0
    size = PAGE_SIZE
    for _ in range(max_pages):
        cursor = remote.state(REQUESTS_CURSOR)
        after = remote.state(REQUESTS_AFTER) if cursor else None
        params = [(f.UPDATED_AFTER, cursor or EPOCH)]
        if after:
            params.append((AFTER_PARAM, after))
        etag = remote.state(REQUESTS_ETAG) if cursor else None
        reply, size = _fetch(client, params, etag=etag, size=size)
        if reply.status == 304:
            return Pull(changed=changed, items=stored, current=True)
        raw = _list(reply, "GET requests.json")
        parsed = [parse_request(item) for item in raw]
        items = [p for p in parsed if p is not None]
        if len(items) < len(raw):
            log.warning("skipped %d unreadable items in the changes feed", len(raw) - len(items))
        last = _newest(raw)
        token = reply.header(FEED_AFTER) if raw else None
        before = _instant(cursor)
        if token:
            moved = token != after
        else:
            moved = last is not None and (before is None or last.updated > before)
        changed += remote.apply_requests(
            items,
            cursor=last.text if moved and last else cursor,
            after=token if moved else after,
            etag=None if moved else reply.header("ETag"),
        )
        stored += len(items)
        if not moved:  # an empty page, or only what was stored already: up to date
            return Pull(changed=changed, items=stored, current=True)
        size = min(size * 2, PAGE_SIZE)
    return Pull(changed=changed, items=stored, current=False)


def _fetch(
    client: Open311Client, params: list[tuple[str, str]], *, etag: str | None, size: int
) -> tuple[Reply, int]:
    """One page, asking for fewer items each time an answer passes the size cap (a generic
    server or a proxy that pages by count alone); the page size that got through comes back."""
    while True:
        asked = params + ([(f.PAGE_SIZE, str(size))] if size < PAGE_SIZE else [])
        try:
            return client.get("requests.json", asked, etag=etag), size
        except AnswerTooLargeError as error:
            if size == 1:
                raise BadAnswerError(
                    f"the changes feed is stuck at {params[0][1]}: even one item is over the "
                    f"{client.settings.max_body}-byte cap ({error})",
                    status=200,  # the centre answered; its answer could not be taken
                ) from None
            size = max(1, min(size, PAGE_SIZE) // 2)
            log.warning("a changes feed page was over the size cap; asking for %d items", size)


def _newest(raw: list[object]) -> _Newest | None:
    """The page's newest `updated_datetime`, from the raw items, so a page the kiosk cannot
    parse (a status it does not know) still moves the cursor."""
    found: _Newest | None = None
    for item in raw:
        if not isinstance(item, dict) or not _text(item, f.SERVICE_REQUEST_ID):
            continue
        text = _text(item, f.UPDATED_DATETIME)
        updated = _instant(text)
        if updated is not None and (found is None or updated >= found.updated):
            found = _Newest(updated=updated, text=text)
    return found
