"""Kiosk heartbeats (extension): `POST /kiosks/{device_id}/heartbeat.json`, the latest one kept.

A kiosk reports every few minutes how it is (version, uptime, queue, printer, config, disk), so
staff learn that it is offline or out of paper before residents do. The answer carries the
highest ordinary ticket sequence the centre holds for the kiosk: a kiosk on a fresh SD card
issues provisional codes until it hears this, then counts above it (kiosk.domain.ticket_code).

No Idempotency-Key: a heartbeat is a snapshot that replaces the previous one, so a repeat does no
harm, and keys are kept for good (one a kiosk every five minutes would grow that table forever).
A key sent anyway is ignored.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection, delete, func, insert, select

from kiosk.central import accounts, db, times
from kiosk.central.errors import Open311Error
from kiosk.central.fleet import PRINTER_STATES, Heartbeat
from kiosk.central.intake import first, whole_number
from kiosk.central.kiosk_lane import write_work
from kiosk.central.models import EXTENSION, error_responses
from kiosk.central.state import Central, central_of
from kiosk.central.submit import Pairs, check_kiosk, form_pairs
from kiosk.domain.ticket_code import KIOSK_DIGITS, LONGEST_ORDINARY_CODE, is_valid

router = APIRouter(tags=["kiosk health (extension)"])
_STATE = re.compile(r"[a-z_]{1,20}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_INT: dict[str, Any] = {"type": "integer", "minimum": 0}
_FIELDS: dict[str, Any] = {
    "api_key": {"type": "string", "description": "this kiosk's key; must be the path's kiosk"},
    "jurisdiction_id": {"type": "string"},
    "version": {"type": "string", "maxLength": 50, "description": "the kiosk software"},
    "uptime_s": {**_INT, "description": "seconds since the kiosk program started"},
    "waiting": {**_INT, "description": "items in the outbox not yet accepted"},
    "oldest_waiting_s": {**_INT, "description": "age of the oldest waiting item, seconds"},
    "printer": {
        "type": "string",
        "description": "the receipt printer as last seen: " + ", ".join(PRINTER_STATES),
    },
    "config_sha256": {"type": "string", "description": "SHA-256 (hex) of the config in use"},
    "config_errors": {**_INT, "description": "errors in the config file (0: it is in use)"},
    "config_problem": {"type": "string", "maxLength": 300, "description": "the first error"},
    "disk_free_bytes": {**_INT, "description": "free space where the kiosk keeps its data"},
    "content_version": {**_INT, "description": "the published content version it shows"},
    "content_refused": {**_INT, "description": "a published version it could not use"},
    "content_problem": {"type": "string", "maxLength": 300, "description": "why it could not"},
}


class HeartbeatAnswer(BaseModel):
    model_config = ConfigDict(json_schema_extra=EXTENSION)
    device_id: str
    received_datetime: str = Field(description="when the centre stored this heartbeat")
    ticket_sequence: int = Field(
        description="the highest sequence number of this kiosk's tickets at the centre (0: none);"
        " the kiosk numbers its next tickets above it"
    )


def read_heartbeat(pairs: Pairs, received: datetime) -> Heartbeat:
    """The form's fields, checked; Open311Error(400) names the first bad one."""
    printer = (first(pairs, "printer") or "unknown").strip().lower()
    if not _STATE.fullmatch(printer):
        raise Open311Error(400, f"printer must be a state such as ok or paper_out, got {printer!r}")
    sha = (first(pairs, "config_sha256") or "").strip().lower()
    if sha and not _SHA256.fullmatch(sha):
        raise Open311Error(400, "config_sha256 must be 64 hexadecimal digits")
    return Heartbeat(
        received=received,
        version=(first(pairs, "version") or "").strip()[:50],
        uptime_s=whole_number(pairs, "uptime_s"),
        waiting=whole_number(pairs, "waiting"),
        oldest_waiting_s=whole_number(pairs, "oldest_waiting_s"),
        printer=printer,
        config_sha256=sha,
        config_errors=whole_number(pairs, "config_errors") or 0,
        config_problem=(first(pairs, "config_problem") or "").strip()[:300],
        disk_free_bytes=whole_number(pairs, "disk_free_bytes"),
        content_version=whole_number(pairs, "content_version"),
        content_refused=whole_number(pairs, "content_refused"),
        content_problem=(first(pairs, "content_problem") or "").strip()[:300],
    )


def store(conn: Connection, kiosk_id: int, beat: Heartbeat) -> None:
    """Replace the kiosk's last heartbeat (inside the caller's write transaction)."""
    h = db.kiosk_health
    conn.execute(delete(h).where(h.c.kiosk_id == kiosk_id))
    conn.execute(
        insert(h).values(
            kiosk_id=kiosk_id,
            received=times.to_db(beat.received),
            version=beat.version,
            uptime_s=beat.uptime_s,
            waiting=beat.waiting,
            oldest_waiting_s=beat.oldest_waiting_s,
            printer=beat.printer,
            config_sha256=beat.config_sha256,
            config_errors=beat.config_errors,
            config_problem=beat.config_problem,
            disk_free_bytes=beat.disk_free_bytes,
            content_version=beat.content_version,
            content_refused=beat.content_refused,
            content_problem=beat.content_problem,
        )
    )


def latest(conn: Connection) -> dict[int, Heartbeat]:
    """Every kiosk's last heartbeat, by kiosk id."""
    found = {}
    for row in conn.execute(select(db.kiosk_health)):
        values = dict(row._mapping)
        kiosk_id = int(values.pop("kiosk_id"))
        values["received"] = times.from_db(values["received"])
        found[kiosk_id] = Heartbeat(**values)
    return found


def highest_sequence(conn: Connection, device_id: str) -> int:
    """The largest ordinary sequence in this kiosk's ticket codes (kiosk digits, sequence, check
    digit). Codes grow past five sequence digits, so the longest code sorts first; provisional
    codes (longer still) are left out, so the kiosk's ordinary codes stay short."""
    t = db.tickets.c
    code = conn.execute(
        select(t.code)
        .where(
            t.device_id == device_id,
            t.code.like(f"{device_id}%"),
            func.length(t.code) <= LONGEST_ORDINARY_CODE,
        )
        .order_by(func.length(t.code).desc(), t.code.desc())
        .limit(1)
    ).scalar()
    if code is None or not is_valid(code) or len(code) <= KIOSK_DIGITS + 1:
        return 0
    return int(code[KIOSK_DIGITS:-1])


@router.post(
    "/kiosks/{device_id}/heartbeat.json",
    response_model=HeartbeatAnswer,
    responses=error_responses(400, 403, 404, 413),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {"type": "object", "properties": _FIELDS, "required": ["api_key"]}
                }
            },
        },
        **EXTENSION,
    },
    summary="A kiosk reports its health (extension; no Idempotency-Key)",
)
async def heartbeat(request: Request, device_id: str) -> Response:
    """Stores the kiosk's state for the staff page's kiosk list, replacing the last one. The
    `api_key` must belong to the path's kiosk (403 otherwise). The answer's `ticket_sequence` is
    the floor for the kiosk's next ticket codes (a kiosk on a fresh SD card starts again at 1).

    Not idempotency-keyed: each heartbeat is a fresh snapshot and the latest wins, so a repeat
    is harmless, while keys are kept for good. An `Idempotency-Key` header is accepted and
    ignored."""
    central = central_of(request)
    pairs = await form_pairs(request)
    return await write_work(central.engine, lambda: _beat(central, request, device_id, pairs))


def _beat(central: Central, request: Request, device_id: str, pairs: Pairs) -> Response:
    _catalog, kiosk = check_kiosk(central, request, pairs)
    if device_id != kiosk.device_id:
        raise Open311Error(403, f"this api_key belongs to kiosk {kiosk.device_id}, not {device_id}")
    _own_device_field(pairs, kiosk)
    now = central.now()
    beat = read_heartbeat(pairs, now)
    with db.writing(central.engine) as conn:
        store(conn, kiosk.id, beat)
        sequence = highest_sequence(conn, kiosk.device_id)
    return JSONResponse(
        {
            "device_id": kiosk.device_id,
            "received_datetime": times.iso(times.to_db(now), central.catalog.zone),
            "ticket_sequence": sequence,
        }
    )


def _own_device_field(pairs: Pairs, kiosk: accounts.Kiosk) -> None:
    given = (first(pairs, "device_id") or "").strip()
    if given and given != kiosk.device_id:
        raise Open311Error(403, f"this api_key belongs to kiosk {kiosk.device_id}, not {given}")
