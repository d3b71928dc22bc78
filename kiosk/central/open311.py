"""Open311 GeoReport v2 reads (JSON): discovery, services, requests, tokens.

They are public, as in GeoReport v2, and never show personal data (views.py).
`GET /requests.json?updated_after=...` (extension) pages through changes oldest first, for the
Echo Wall; every answer has an ETag and honours If-None-Match. The POSTs are in submit.py.
A list answer stops at `page_size` items (1,000 at most, as GeoReport v2 says) or when the next
item would take it past `PAGE_BYTES`, so no page nears a kiosk's 1 MiB cap however long the
answers. Such a page names its last item's exact place in the `Feed-After` header; sent back as
`after`, the next page starts strictly after it (a keyset on updated, id), so every page moves on,
even through thousands of tickets closed in the same second, and nothing comes twice.

Route annotations are resolved by FastAPI at import time from this module's globals, which works
with `from __future__ import annotations` as long as every name used in them is imported here at
module level (tests call every route, so a mistake cannot go unnoticed).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from kiosk.central import db, models, tickets, views
from kiosk.central.errors import Open311Error
from kiosk.central.intake import instant_field
from kiosk.central.models import EXTENSION, error_responses
from kiosk.central.services import Catalog
from kiosk.central.state import CentralDep

router = APIRouter(tags=["Open311 GeoReport v2"])
PAGE_BYTES = 256 * 1024  # a list answer's body stays under this (one bigger item goes alone)
FEED_AFTER = "Feed-After"  # the response header with the last item's `after` token
MAX_SPAN = timedelta(days=90)  # GeoReport v2: a start/end range "may not span more than 90 days"


def _encode(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json(request: Request, data: object, status: int = 200) -> Response:
    """JSON with a strong ETag; 304 when the client already has this very answer."""
    return _body(request, _encode(data), status)


def _page(
    rows: Iterable[tickets.TicketRow], catalog: Catalog, budget: int = PAGE_BYTES
) -> tuple[bytes, tickets.TicketRow | None]:
    """A JSON list of the rows, ended before the one that would take it past `budget` bytes;
    and the last row on it."""
    parts: list[bytes] = []
    size = 2  # the brackets
    last = None
    for row in rows:
        part = _encode(views.request_json(row, catalog))
        if parts and size + 1 + len(part) > budget:
            break
        parts.append(part)
        size += len(part) + (1 if len(parts) > 1 else 0)
        last = row
    return b"[" + b",".join(parts) + b"]", last


def _body(
    request: Request, body: bytes, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if status == 200 and etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers={"ETag": etag})
    return Response(
        body,
        status_code=status,
        media_type="application/json",
        headers={**(headers or {}), "ETag": etag},
    )


@router.get("/discovery.json", response_model=models.Discovery, summary="Service discovery")
def discovery(central: CentralDep, request: Request) -> Response:
    base = (central.settings.base_url or str(request.base_url)).rstrip("/") + "/"
    return _json(
        request,
        {
            "changeset": "2024-12-01T00:00:00+08:00",
            "contact": central.catalog.config.content.community.name.get(
                central.catalog.default_lang
            ),
            "key_service": "kiosk central add-kiosk NUMBER",
            "endpoints": [
                {
                    "specification": "http://wiki.open311.org/GeoReport_v2",
                    "url": base,
                    "changeset": "2024-12-01T00:00:00+08:00",
                    "type": "production",
                    "formats": ["application/json"],
                }
            ],
        },
    )


@router.get("/services.json", response_model=list[models.Service], responses=error_responses(404))
def list_services(
    central: CentralDep,
    request: Request,
    jurisdiction_id: str | None = None,
    lang: Annotated[str | None, Query(description="zh or ug (extension)")] = None,
) -> Response:
    catalog = central.catalog
    catalog.check_jurisdiction(jurisdiction_id)
    chosen = catalog.lang(lang)
    return _json(request, [catalog.service(c, chosen) for c in catalog.categories()])


@router.get(
    "/services/{service_code}.json",
    response_model=models.ServiceDefinition,
    responses=error_responses(404),
)
def service_definition(
    central: CentralDep,
    request: Request,
    service_code: str,
    jurisdiction_id: str | None = None,
    lang: Annotated[str | None, Query(description="zh or ug (extension)")] = None,
) -> Response:
    catalog = central.catalog
    catalog.check_jurisdiction(jurisdiction_id)
    category = catalog.category(service_code)
    if category is None:
        raise Open311Error(404, f"service_code {service_code!r} not found")
    return _json(request, catalog.definition(category, catalog.lang(lang)))


def _statuses(value: str | None) -> set[str]:
    wanted = {s.strip() for s in (value or "").split(",") if s.strip()}
    if not wanted <= {"open", "closed"}:
        raise Open311Error(400, "status is open, closed or both (comma separated)")
    statuses = {"closed"} if "closed" in wanted else set()
    return statuses | ({"open", "in_progress"} if "open" in wanted else set())


@router.get(
    "/requests.json",
    response_model=list[models.ServiceRequest],
    responses=error_responses(400, 404),
    summary="Search service requests",
)
def search_requests(
    central: CentralDep,
    request: Request,
    jurisdiction_id: str | None = None,
    service_request_id: Annotated[str | None, Query(description="comma separated")] = None,
    service_code: str | None = None,
    status: Annotated[str | None, Query(description="open, closed, or open,closed")] = None,
    start_date: str | None = None,
    end_date: str | None = None,
    updated_after: Annotated[
        str | None,
        Query(
            description="extension: changes at or after this instant, oldest first; pass the "
            "last item's updated_datetime next time (items at that instant come again)",
            openapi_examples={"cursor": {"value": "2024-12-04T09:30:00+08:00"}},
            json_schema_extra=EXTENSION,
        ),
    ] = None,
    after: Annotated[
        str | None,
        Query(
            description="extension: the previous page's Feed-After header, so this page starts "
            "strictly after its last item (every page moves on; nothing comes twice)",
            json_schema_extra=EXTENSION,
        ),
    ] = None,
    page_size: Annotated[
        int,
        Query(
            ge=1,
            le=tickets.DEFAULT_LIMIT,
            description="extension: at most this many items (a reader whose cap a page passed "
            f"asks for fewer); every page also stops before {PAGE_BYTES} bytes",
            json_schema_extra=EXTENSION,
        ),
    ] = tickets.DEFAULT_LIMIT,
) -> Response:
    catalog = central.catalog
    catalog.check_jurisdiction(jurisdiction_id)
    start = instant_field("start_date", start_date, catalog)
    end = instant_field("end_date", end_date, catalog)
    if start is not None and end is not None and end - start > MAX_SPAN:
        raise Open311Error(400, "start_date to end_date may not span more than 90 days")
    flt = tickets.Filter(
        codes=[c.strip() for c in (service_request_id or "").split(",") if c.strip()],
        service_code=service_code or None,
        statuses=_statuses(status),
        start=start,
        end=end,
        updated_after=instant_field("updated_after", updated_after, catalog),
        after=_position(after),
        limit=page_size,
    )
    with db.reading(central.engine) as conn:
        body, last = _page(tickets.stream(conn, flt), catalog)
    feed = flt.updated_after is not None or flt.after is not None
    headers = {FEED_AFTER: tickets.position(last)} if feed and last is not None else None
    return _body(request, body, headers=headers)


def _position(token: str | None) -> tuple[datetime, int] | None:
    if not token:
        return None
    try:
        return tickets.parse_position(token)
    except ValueError:
        raise Open311Error(400, f"after is not a Feed-After token: {token!r}") from None


@router.get(
    "/requests/{service_request_id}.json",
    response_model=list[models.ServiceRequest],
    responses=error_responses(404),
    summary="One service request",
)
def get_request(
    central: CentralDep,
    request: Request,
    service_request_id: str,
    jurisdiction_id: str | None = None,
) -> Response:
    catalog = central.catalog
    catalog.check_jurisdiction(jurisdiction_id)
    with db.reading(central.engine) as conn:
        row = tickets.get(conn, service_request_id)
    if row is None:
        raise Open311Error(404, f"service_request_id {service_request_id} not found")
    return _json(request, [views.request_json(row, catalog)])


@router.get(
    "/tokens/{token}.json",
    response_model=list[models.Token],
    responses=error_responses(404),
    summary="The request id for a token",
)
def get_token(
    central: CentralDep, request: Request, token: str, jurisdiction_id: str | None = None
) -> Response:
    central.catalog.check_jurisdiction(jurisdiction_id)
    with db.reading(central.engine) as conn:
        row = tickets.by_token(conn, token)
    if row is None:
        raise Open311Error(404, "token not found")
    return _json(request, [{"service_request_id": row.code, "token": row.token}])
