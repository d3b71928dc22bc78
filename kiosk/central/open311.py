"""Open311 GeoReport v2 reads (JSON): discovery, services, requests, tokens.

They are public, as in GeoReport v2, and never show personal data (views.py). Requests have two
views (issue 17): a kiosk sends its key in the `X-Api-Key` header and sees every ticket with its
kiosk and place; anyone else sees what the Echo Wall publishes: closed tickets only, without
`device_id`, `address` or `address_id`, and one ticket by code only with its receipt's secret
(`?k=`), else the same 404 as an unknown code, so codes counted in sequence reveal nothing. A
wrong key is a 403, never a silent downgrade (a kiosk would think its open tickets had gone).
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

from kiosk.central import db, models, read_views, ticket_search, tickets, views
from kiosk.central.errors import Open311Error
from kiosk.central.intake import instant_field
from kiosk.central.models import EXTENSION, error_responses
from kiosk.central.services import Catalog
from kiosk.central.state import CentralDep
from kiosk.domain.ticket_secret import matches
from kiosk.wire import fields as f

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
    rows: Iterable[tickets.TicketRow],
    catalog: Catalog,
    budget: int = PAGE_BYTES,
    *,
    public: bool = False,
) -> tuple[bytes, tickets.TicketRow | None]:
    """A JSON list of the rows, ended before the one that would take it past `budget` bytes;
    and the last row on it."""
    parts: list[bytes] = []
    size = 2  # the brackets
    last = None
    for row in rows:
        part = _encode(views.request_json(row, catalog, public=public))
        if parts and size + 1 + len(part) > budget:
            break
        parts.append(part)
        size += len(part) + (1 if len(parts) > 1 else 0)
        last = row
    return b"[" + b",".join(parts) + b"]", last


def _body(
    request: Request,
    body: bytes,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
    view: str = "",
) -> Response:
    """`view` goes into the ETag: the kiosk's and the public answer never share one, so a cache
    between them cannot hand one view's 304 to the other."""
    etag = '"' + hashlib.sha256(view.encode() + b"\n" + body).hexdigest()[:32] + '"'
    if view:
        headers = {**(headers or {}), "Vary": f.API_KEY_HEADER}
    if status == 200 and etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers={**(headers or {}), "ETag": etag})
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
            le=ticket_search.DEFAULT_LIMIT,
            description="extension: at most this many items (a reader whose cap a page passed "
            f"asks for fewer); every page also stops before {PAGE_BYTES} bytes",
            json_schema_extra=EXTENSION,
        ),
    ] = ticket_search.DEFAULT_LIMIT,
    x_api_key: read_views.ApiKeyHeader = None,
) -> Response:
    catalog = central.catalog
    catalog.check_jurisdiction(jurisdiction_id)
    view = read_views.view_for(central, x_api_key)
    start = instant_field("start_date", start_date, catalog)
    end = instant_field("end_date", end_date, catalog)
    if start is not None and end is not None and end - start > MAX_SPAN:
        raise Open311Error(400, "start_date to end_date may not span more than 90 days")
    flt = ticket_search.Filter(
        codes=[c.strip() for c in (service_request_id or "").split(",") if c.strip()],
        service_code=service_code or None,
        statuses=_statuses(status),
        start=start,
        end=end,
        updated_after=instant_field("updated_after", updated_after, catalog),
        after=_position(after),
        closed_only=view == read_views.PUBLIC,
        limit=page_size,
    )
    with db.reading(central.engine) as conn:
        rows = ticket_search.stream(conn, flt)
        body, last = _page(rows, catalog, public=view == read_views.PUBLIC)
    feed = flt.updated_after is not None or flt.after is not None
    headers = {FEED_AFTER: ticket_search.position(last)} if feed and last is not None else None
    return _body(request, body, headers=headers, view=view)


def _position(token: str | None) -> tuple[datetime, int] | None:
    if not token:
        return None
    try:
        return ticket_search.parse_position(token)
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
    k: Annotated[
        str | None,
        Query(
            alias=f.STATUS_SECRET,
            description="extension: the receipt's secret (as in the status page's link); "
            "without a kiosk key, the only way to read an open ticket",
            json_schema_extra=EXTENSION,
        ),
    ] = None,
    x_api_key: read_views.ApiKeyHeader = None,
) -> Response:
    catalog = central.catalog
    catalog.check_jurisdiction(jurisdiction_id)
    view = read_views.view_for(central, x_api_key)
    with db.reading(central.engine) as conn:
        row = tickets.get(conn, service_request_id)
    if row is None or (view == read_views.PUBLIC and not matches(k, row.secret_digest)):
        raise Open311Error(404, f"service_request_id {service_request_id} not found")
    body = _encode([views.request_json(row, catalog, public=view == read_views.PUBLIC)])
    return _body(request, body, view=view)


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
