"""A resident's rating of a closed ticket (extension): the 12345 satisfaction rate (满意率).

`POST /requests/{code}/ratings.json` runs like the other kiosk POSTs (API key, Idempotency-Key,
replay, 422 for a changed payload). Every rating is kept in `ratings` and logged with the ticket;
the latest one is the ticket's `rating`, the one the figures count. Only a closed ticket can be
rated (409 otherwise: there is nothing to judge yet). "Not satisfied" re-opens the ticket, which
leaves the Echo Wall and shows on the staff list as "resident not satisfied" until staff close it
again; a closed ticket's `updated` moves on a rating, so the kiosks' change feed carries it.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import Connection, insert, update

from kiosk.central import db, idempotency, intake, models, tickets, times
from kiosk.central.errors import Open311Error
from kiosk.central.intake import NewRating
from kiosk.central.models import EXTENSION, error_responses
from kiosk.central.submit import Posted, _dump, keyed_post_doc, run_keyed
from kiosk.central.tickets import TicketRow

router = APIRouter(tags=["Open311 GeoReport v2"])
_STR: dict[str, Any] = {"type": "string"}
_RATING_FIELDS: dict[str, Any] = {
    "api_key": _STR,
    "rating": {
        **_STR,
        "enum": ["satisfied", "so_so", "not_satisfied"],
        "description": "满意 / 基本满意 / 不满意; not_satisfied re-opens the ticket",
    },
    "ticket_code": {**_STR, "description": "if given, must equal the path's code"},
    "device_id": {**_STR, "description": "the kiosk's 3-digit number (the key's own)"},
    "rated_datetime": {**_STR, "format": "date-time", "description": "when the resident tapped"},
}
_RESPONSES = error_responses(400, 403, 404, 409, 413, 422)
_RESPONSES[409] = {**_RESPONSES[409], "description": "the ticket is not closed: nothing to rate"}


def record(conn: Connection, ticket: TicketRow, new: NewRating, *, now: datetime) -> TicketRow:
    """Store the rating inside the caller's transaction; "not satisfied" re-opens the ticket."""
    if ticket.status != "closed":
        raise Open311Error(
            409, f"ticket {ticket.code} is not closed; only a closed ticket can be rated"
        )
    stamp = times.to_db(now)
    reopens = new.rating.reopens
    conn.execute(
        insert(db.ratings).values(
            ticket_id=ticket.id,
            device_id=new.device_id,
            rating=new.rating.value,
            rated=times.to_db(new.rated),
            received=stamp,
            reopened=reopens,
        )
    )
    values: dict[str, object] = {"rating": new.rating.value, "updated": stamp}
    changes: dict[str, list[str]] = {"rating": [ticket.rating or "", new.rating.value]}
    if reopens:
        values.update(status="open", closed=None)
        changes["status"] = [ticket.status, "open"]
    conn.execute(update(db.tickets).where(db.tickets.c.id == ticket.id).values(**values))
    conn.execute(
        insert(db.ticket_log).values(
            ticket_id=ticket.id,
            staff_id=None,  # a resident, at kiosk new.device_id: not a staff action
            at=stamp,
            changes=json.dumps(changes, ensure_ascii=False, sort_keys=True),
        )
    )
    found = tickets.get(conn, ticket.code)
    assert found is not None
    return found


def rating_json(row: TicketRow) -> list[dict[str, object]]:
    return [
        {
            "service_request_id": row.code,
            "rating": row.rating,
            "status": "closed" if row.status == "closed" else "open",
        }
    ]


@router.post(
    "/requests/{service_request_id}/ratings.json",
    response_model=list[models.RatingAnswer],
    responses=_RESPONSES,
    openapi_extra={**keyed_post_doc(_RATING_FIELDS, ["api_key", "rating"]), **EXTENSION},
    summary="Rate a closed request (extension, idempotent)",
)
async def rate_request(request: Request, service_request_id: str) -> Response:
    """A resident's verdict from any kiosk; the latest rating counts in /figures.json."""

    def action(conn: Connection, post: Posted) -> idempotency.Answer:
        new = intake.new_rating(
            post.pairs, service_request_id, catalog=post.catalog, kiosk=post.kiosk, now=post.now
        )
        ticket = tickets.existing(conn, new.code)
        row = record(conn, ticket, new, now=post.now)
        return idempotency.Answer(200, _dump(rating_json(row)), row.id)

    return await run_keyed(request, f"POST /requests/{service_request_id}/ratings", action)
