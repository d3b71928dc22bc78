"""Open311 POSTs from kiosks: a new service request, and (extension) one more resident's voice.

Both are form-encoded, carry the kiosk's `api_key` (a form field; one in the query is refused,
as addresses end up in logs) and an `Idempotency-Key` header, and run through
idempotency.run_once: the request is read and checked inside the transaction that records the
key, so a replay still answers after a config change. Order of checks: jurisdiction (404),
api_key (400 in the query, 403 wrong), the key header (400), then the fields.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import Response
from sqlalchemy import Connection

from kiosk.central import accounts, db, idempotency, intake, models, tickets, views
from kiosk.central.errors import Open311Error
from kiosk.central.form_text import clean
from kiosk.central.models import EXTENSION, error_responses
from kiosk.central.services import Catalog
from kiosk.central.state import Central, CentralDep

router = APIRouter(tags=["Open311 GeoReport v2"])
Pairs = list[tuple[str, str]]


def _form_body(fields: dict[str, Any], required: list[str]) -> dict[str, Any]:
    schema = {"type": "object", "properties": fields, "required": required}
    return {
        "requestBody": {
            "required": True,
            "content": {"application/x-www-form-urlencoded": {"schema": schema}},
        }
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
    control characters (form_text.py). Its size is bounded before it gets here (body_limit.py)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        raise Open311Error(400, "the body must be form-encoded (application/x-www-form-urlencoded)")
    form = await request.form()
    return [(clean(k), clean(v)) for k, v in form.multi_items() if isinstance(v, str)]


FormPairs = Annotated[Pairs, Depends(form_pairs)]
IdempotencyKey = Annotated[
    str,
    Header(
        alias=idempotency.HEADER,
        description="a UUID made when the item is first stored, the same on every retry",
        max_length=idempotency.MAX_KEY + 2,
    ),
]


def _kiosk(central: CentralDep, pairs: Pairs, request: Request) -> accounts.Kiosk:
    if "api_key" in request.query_params:
        raise Open311Error(
            400,
            "api_key belongs in the form body, never in the address (addresses are logged); "
            "replace this kiosk's key with `kiosk central add-kiosk N --rotate`",
        )
    api_key = intake.first(pairs, "api_key") or ""
    with db.reading(central.engine) as conn:
        kiosk = accounts.kiosk_for_key(conn, api_key)
    if kiosk is None:
        raise Open311Error(403, "api_key is missing or not valid")
    return kiosk


def check_kiosk(
    central: CentralDep, request: Request, pairs: Pairs
) -> tuple[Catalog, accounts.Kiosk]:
    """Who is posting: jurisdiction (404), then API key (400 in the query, 403 wrong). Every
    kiosk POST starts here."""
    catalog = central.catalog
    catalog.check_jurisdiction(intake.first(pairs, "jurisdiction_id"))
    return catalog, _kiosk(central, pairs, request)


def _checked(
    central: CentralDep, request: Request, pairs: Pairs, key_header: str
) -> tuple[Catalog, accounts.Kiosk, str, datetime]:
    """What every kiosk POST that changes tickets checks first: `check_kiosk`, Idempotency-Key."""
    catalog, kiosk = check_kiosk(central, request, pairs)
    return catalog, kiosk, idempotency.parse_key(key_header), central.now()


def _once(
    central: Central,
    kiosk: accounts.Kiosk,
    key: str,
    now: datetime,
    operation: str,
    pairs: Pairs,
    action: Callable[[Connection], idempotency.Answer],
) -> Response:
    """Run `action` once for this kiosk's key; a retry gets the first answer, marked replayed."""
    answer, replayed = idempotency.run_once(
        central.engine,
        kiosk_id=kiosk.id,
        key=key,
        fingerprint=idempotency.fingerprint(operation, pairs),
        now=now,
        action=action,
    )
    headers = {idempotency.REPLAYED_HEADER: "true"} if replayed else {}
    return Response(
        answer.body, status_code=answer.status_code, media_type="application/json", headers=headers
    )


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@router.post(
    "/requests.json",
    response_model=list[models.RequestCreated],
    responses=error_responses(400, 403, 404, 409, 413, 422),
    openapi_extra=_form_body(_REQUEST_FIELDS, ["api_key", "service_code"]),
    summary="Create a service request (idempotent)",
)
def create_request(
    central: CentralDep, request: Request, pairs: FormPairs, key_header: IdempotencyKey
) -> Response:
    """A kiosk's ticket. The same `Idempotency-Key` again replays the first answer exactly."""
    catalog, kiosk, key, now = _checked(central, request, pairs, key_header)

    def action(conn: Connection) -> idempotency.Answer:
        new = intake.new_ticket(pairs, catalog=catalog, kiosk=kiosk, now=now)
        if new.code is not None and tickets.get(conn, new.code) is not None:
            raise idempotency.Conflict(
                Open311Error(409, f"ticket {new.code} exists already under another key")
            )
        row = tickets.insert_ticket(conn, new, now=now)
        return idempotency.Answer(200, _dump(views.created_json(row, catalog)), row.id)

    return _once(central, kiosk, key, now, "POST /requests.json", pairs, action)


@router.post(
    "/requests/{service_request_id}/voices.json",
    response_model=list[models.Voice],
    responses=error_responses(400, 403, 404, 413, 422),
    openapi_extra={**_form_body(_VOICE_FIELDS, ["api_key"]), **EXTENSION},
    summary="Add a resident's voice to a request (extension, idempotent)",
)
def add_voice(
    central: CentralDep,
    request: Request,
    service_request_id: str,
    pairs: FormPairs,
    key_header: IdempotencyKey,
) -> Response:
    """Another resident reported the same problem at a kiosk (不重: one ticket, many voices)."""
    catalog, kiosk, key, now = _checked(central, request, pairs, key_header)

    def action(conn: Connection) -> idempotency.Answer:
        voice = intake.new_voice(pairs, service_request_id, catalog=catalog, kiosk=kiosk, now=now)
        ticket = tickets.existing(conn, voice.code)
        row = tickets.add_voice(conn, ticket, voice, now=now)
        return idempotency.Answer(200, _dump(views.voice_json(row)), row.id)

    return _once(
        central, kiosk, key, now, f"POST /requests/{service_request_id}/voices", pairs, action
    )
