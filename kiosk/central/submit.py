"""Open311 POSTs from kiosks: a new service request, and (extension) one more resident's voice.

Both are form-encoded, carry the kiosk's `api_key` (a form field; one in the query is refused,
as addresses end up in logs) and an `Idempotency-Key` header, and run through
idempotency.run_once: the request is read and checked inside the transaction that records the
key, so a replay still answers after a config change. Order of checks: jurisdiction (404),
api_key (400 in the query, 403 wrong), the key header (400), then the fields. The endpoints take
the request alone and read it themselves: they run on the kiosk lane (kiosk_lane.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import Connection

from kiosk.central import accounts, db, idempotency, intake, models, tickets, views
from kiosk.central.errors import Open311Error
from kiosk.central.form_text import clean
from kiosk.central.kiosk_lane import write_work
from kiosk.central.models import EXTENSION, error_responses
from kiosk.central.services import Catalog
from kiosk.central.state import Central, central_of

router = APIRouter(tags=["Open311 GeoReport v2"])
Pairs = list[tuple[str, str]]


_KEY_TEXT = "a UUID made when the item is first stored, the same on every retry"
_KEY_HEADER: dict[str, Any] = {
    "name": idempotency.HEADER,
    "in": "header",
    "required": True,
    "schema": {
        "type": "string",
        "maxLength": idempotency.MAX_KEY + 2,  # a structured-field string may be quoted
        "description": _KEY_TEXT,
        "title": idempotency.HEADER,
    },
    "description": _KEY_TEXT,
}


def keyed_post_doc(fields: dict[str, Any], required: list[str]) -> dict[str, Any]:
    """The OpenAPI a keyed kiosk POST adds to its route: its form and the Idempotency-Key
    header (the endpoint reads both itself, kiosk_lane.py)."""
    schema = {"type": "object", "properties": fields, "required": required}
    return {
        "parameters": [_KEY_HEADER],
        "requestBody": {
            "required": True,
            "content": {"application/x-www-form-urlencoded": {"schema": schema}},
        },
    }


_STR: dict[str, Any] = {"type": "string"}
_REQUEST_FIELDS: dict[str, Any] = {
    "api_key": {**_STR, "description": "this kiosk's key (`kiosk central add-kiosk`)"},
    "jurisdiction_id": _STR,
    "service_code": {**_STR, "description": "a category code from /services.json"},
    "description": {**_STR, "maxLength": 4000, "description": "kept for staff only"},
    "attribute[phrases][]": {
        "type": "array",
        "items": _STR,
        "description": "phrase numbers from /services/{code}.json; repeat the field per phrase",
    },
    "address_id": {**_STR, "description": "a place code from the config"},
    "device_id": {**_STR, "description": "the kiosk's 3-digit number"},
    "phone": {**_STR, "description": "for a call back; never published", **EXTENSION},
    "ticket_code": {**_STR, "description": "the code on the receipt; becomes the id", **EXTENSION},
    "requested_datetime": {**_STR, "format": "date-time", **EXTENSION},
    "expected_datetime": {**_STR, "format": "date-time", **EXTENSION},
    "agency_responsible": {**_STR, **EXTENSION},
    "lang": {
        **_STR,
        "enum": ["zh", "ug"],
        "description": "the resident's language at the kiosk; the staff list marks a Uyghur "
        "resident still without a Uyghur answer (optional: older kiosks send none)",
        **EXTENSION,
    },
    "ticket_secret": {
        **_STR,
        "pattern": "^[A-Za-z0-9_-]{16,64}$",
        "description": "the secret in the receipt's QR link; only its SHA-256 is kept, and the "
        "status page /status/{code}?k=<secret> opens only with it (optional: without it the "
        "ticket has no public status page)",
        **EXTENSION,
    },
}
_VOICE_FIELDS: dict[str, Any] = {
    "api_key": _STR,
    "ticket_code": _STR,
    "device_id": _STR,
    "joined_datetime": {**_STR, "format": "date-time"},
    "residents": {"type": "integer", "description": "the kiosk's own count, for checking"},
}


async def form_pairs(request: Request) -> Pairs:
    """Every text field of a form-encoded body, in order (repeated names kept), cleaned of
    control characters (form_text.py). Its size is bounded before it gets here (body_limit.py).
    A kiosk's urlencoded form is split by the standard library's `parse_qsl` (python-multipart's
    parser, byte by byte in Python, took 15 % of the server's time a POST); a multipart form (a
    browser's) goes through Starlette's."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        body = (await request.body()).decode("utf-8", "replace")
        fields = parse_qsl(body, keep_blank_values=True, errors="replace")
    elif kind == "multipart/form-data":
        form = await request.form()
        fields = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
    else:
        raise Open311Error(400, "the body must be form-encoded (application/x-www-form-urlencoded)")
    return [(clean(k), clean(v)) for k, v in fields]


def _addressed(central: Central, request: Request, pairs: Pairs) -> Catalog:
    """What every kiosk POST checks before its key: jurisdiction (404), no api_key in the query
    (400)."""
    catalog = central.catalog
    catalog.check_jurisdiction(intake.first(pairs, "jurisdiction_id"))
    if "api_key" in request.query_params:
        raise Open311Error(
            400,
            "api_key belongs in the form body, never in the address (addresses are logged); "
            "replace this kiosk's key with `kiosk central add-kiosk N --rotate`",
        )
    return catalog


def check_kiosk(central: Central, request: Request, pairs: Pairs) -> tuple[Catalog, accounts.Kiosk]:
    """Who is posting: jurisdiction (404), then API key (400 in the query, 403 wrong)."""
    catalog = _addressed(central, request, pairs)
    with db.reading(central.engine) as conn:
        return catalog, accounts.posting_kiosk(conn, intake.first(pairs, "api_key") or "")


@dataclass(frozen=True)
class Posted:
    """What a kiosk's keyed POST carries, once its kiosk is known."""

    pairs: Pairs
    catalog: Catalog
    kiosk: accounts.Kiosk
    now: datetime


Action = Callable[[Connection, Posted], idempotency.Answer]


async def run_keyed(request: Request, operation: str, action: Action) -> Response:
    """A kiosk POST that changes tickets, run once for its `Idempotency-Key`; a retry gets the
    first answer, marked replayed. Checks in order: jurisdiction (404), api_key (400 in the
    query, 403 wrong), the key header (400), then `action`'s own."""
    central = central_of(request)
    pairs = await form_pairs(request)
    key_header = request.headers.get(idempotency.HEADER)

    def work() -> Response:
        catalog = _addressed(central, request, pairs)
        now = central.now()
        answer, replayed = idempotency.run_once(
            central.engine,
            api_key=intake.first(pairs, "api_key") or "",
            key_header=key_header,
            fingerprint=idempotency.fingerprint(operation, pairs),
            now=now,
            action=lambda conn, kiosk: action(conn, Posted(pairs, catalog, kiosk, now)),
        )
        headers = {idempotency.REPLAYED_HEADER: "true"} if replayed else {}
        return Response(
            answer.body,
            status_code=answer.status_code,
            media_type="application/json",
            headers=headers,
        )

    return await write_work(central.engine, work)


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@router.post(
    "/requests.json",
    response_model=list[models.RequestCreated],
    responses=error_responses(400, 403, 404, 409, 413, 422),
    openapi_extra=keyed_post_doc(_REQUEST_FIELDS, ["api_key", "service_code"]),
    summary="Create a service request (idempotent)",
)
async def create_request(request: Request) -> Response:
    """A kiosk's ticket. The same `Idempotency-Key` again replays the first answer exactly."""
    return await run_keyed(request, "POST /requests.json", _new_ticket)


def _new_ticket(conn: Connection, post: Posted) -> idempotency.Answer:
    new = intake.new_ticket(post.pairs, catalog=post.catalog, kiosk=post.kiosk, now=post.now)
    row = tickets.insert_ticket(conn, new, now=post.now)
    if row is None:
        raise idempotency.Conflict(
            Open311Error(409, f"ticket {new.code} exists already under another key")
        )
    return idempotency.Answer(200, _dump(views.created_json(row, post.catalog)), row.id)


@router.post(
    "/requests/{service_request_id}/voices.json",
    response_model=list[models.Voice],
    responses=error_responses(400, 403, 404, 413, 422),
    openapi_extra={**keyed_post_doc(_VOICE_FIELDS, ["api_key"]), **EXTENSION},
    summary="Add a resident's voice to a request (extension, idempotent)",
)
async def add_voice(request: Request, service_request_id: str) -> Response:
    """Another resident reported the same problem at a kiosk (不重: one ticket, many voices)."""

    def action(conn: Connection, post: Posted) -> idempotency.Answer:
        voice = intake.new_voice(
            post.pairs, service_request_id, catalog=post.catalog, kiosk=post.kiosk, now=post.now
        )
        ticket = tickets.existing(conn, voice.code)
        row = tickets.add_voice(conn, ticket, voice, now=post.now)
        return idempotency.Answer(200, _dump(views.voice_json(row)), row.id)

    return await run_keyed(request, f"POST /requests/{service_request_id}/voices", action)
