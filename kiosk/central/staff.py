"""The staff page: list tickets, open one, set its status, its responsible person and the answer.

Server-rendered HTML that works on a phone, no script. Closing a ticket needs an answer: the
community promises that every case gets one (件件有落实，事事有回音), and the answer is what the
Echo Wall publishes. Every change is logged with who made it (定责).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.exceptions import HTTPException

from kiosk.central import db, i18n, sessions, tickets, times
from kiosk.central.models import EXTENSION, HTML_PAGE
from kiosk.central.staff_login import FormFields, check_csrf, current_staff, to_login
from kiosk.central.state import Central, CentralDep
from kiosk.central.tickets import STATUSES, TicketRow

router = APIRouter(prefix="/staff", tags=["staff pages"])
# Staff read a state and a rating in the residents' words, so what they read out on the phone is
# what the resident sees (the domain's catalogue; copy review 2026-12-05, staff.py:25).
STATUS_LABELS = {status: i18n.staff_text(f"state_{status}") for status in tickets.STATUSES}
FIELD_LABELS = {
    "status": i18n.staff_text("office_status"),
    "agency_responsible": i18n.staff_text("office_responsible"),
    "status_notes": i18n.staff_text("answer_label"),
    "rating": i18n.staff_text("office_rating"),
}
RATING_LABELS = {
    "satisfied": i18n.staff_text("rating_satisfied"),
    "so_so": i18n.staff_text("rating_so_so"),
    "not_satisfied": i18n.staff_text("rating_not_satisfied"),
    "": i18n.staff_text("office_no_rating"),
}
MAX_ANSWER = 4000
LIST_LIMIT = 500


def _local(value: datetime | None, central: Central, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if value is None:
        return ""
    return times.from_db(value).astimezone(central.catalog.zone).strftime(fmt)


def _item(row: TicketRow, central: Central, now: datetime) -> dict[str, object]:
    catalog = central.catalog
    return {
        "code": row.code,
        "category": catalog.category_name(row.service_code, catalog.default_lang, row.service_name),
        "device_id": row.device_id or i18n.staff_text("office_centre"),
        "requested": _local(row.requested, central),
        "expected": _local(row.expected, central, "%Y-%m-%d"),
        "overdue": row.overdue(now),
        "status": row.status,
        "status_label": i18n.state(row.status, row.rating, i18n.STAFF_LANG),
        "residents": row.residents,
        "responsible": row.agency_responsible,
        "rating_label": RATING_LABELS.get(row.rating or "", ""),
        "not_satisfied": row.not_satisfied,
    }


def _readable(field: str, change: list[str]) -> tuple[str, str, str]:
    """(status label, old state, new state) for a logged change, in the staff's words."""
    old, new = change
    if field == "status":
        old, new = STATUS_LABELS.get(old, old), STATUS_LABELS.get(new, new)
    elif field == "rating":
        old, new = RATING_LABELS.get(old, old), RATING_LABELS.get(new, new)
    return FIELD_LABELS.get(field, field), old, new


def _kiosk_choices(central: Central) -> list[str]:
    with db.reading(central.engine) as conn:
        known = set(conn.execute(select(db.kiosks.c.device_id)).scalars())
        devices = conn.execute(select(db.tickets.c.device_id).distinct()).scalars()
        known |= {d for d in devices if d}
    return sorted(known)


@router.get("/tickets", response_class=HTMLResponse, responses=HTML_PAGE, openapi_extra=EXTENSION)
def ticket_list(
    central: CentralDep,
    request: Request,
    status: Annotated[str, Query()] = "",
    category: Annotated[str, Query()] = "",
    kiosk: Annotated[str, Query()] = "",
    overdue: Annotated[str, Query()] = "",
    unsatisfied: Annotated[str, Query()] = "",
) -> Response:
    session = current_staff(central, request)
    if session is None:
        return to_login(request)
    now = central.now()
    flt = tickets.Filter(
        statuses=[status] if status in STATUSES else [],
        service_code=category or None,
        device_id=kiosk or None,
        overdue_at=now if overdue else None,
        not_satisfied=bool(unsatisfied),
        limit=LIST_LIMIT,
    )
    with db.reading(central.engine) as conn:
        rows = tickets.search(conn, flt)
    catalog = central.catalog
    return central.templates.TemplateResponse(
        request,
        "tickets.html",
        {
            "session": session,
            "csrf_field": sessions.CSRF_FIELD,
            "items": [_item(row, central, now) for row in rows],
            "limit": LIST_LIMIT,
            "statuses": STATUS_LABELS,
            "categories": [
                (c.code, c.name.get(catalog.default_lang)) for c in catalog.categories()
            ],
            "kiosks": _kiosk_choices(central),
            "chosen": {
                "status": status,
                "category": category,
                "kiosk": kiosk,
                "overdue": overdue,
                "unsatisfied": unsatisfied,
            },
        },
    )


def _ticket_page(
    central: Central,
    request: Request,
    session: sessions.StaffSession,
    row: TicketRow,
    *,
    error: str = "",
    status_code: int = 200,
) -> Response:
    with db.reading(central.engine) as conn:
        log = tickets.history(conn, row.id)
    catalog = central.catalog
    return central.templates.TemplateResponse(
        request,
        "ticket.html",
        {
            "session": session,
            "csrf_field": sessions.CSRF_FIELD,
            "t": _item(row, central, central.now()),
            "row": row,
            "place": catalog.place_name(row.address_id, catalog.default_lang) or row.address_id,
            "statuses": STATUS_LABELS,
            "history": [
                (
                    entry.at.astimezone(catalog.zone).strftime("%Y-%m-%d %H:%M"),
                    entry.staff or i18n.staff_text("office_rated_at_kiosk"),
                    [_readable(field, change) for field, change in entry.changes.items()],
                )
                for entry in log
            ],
            "saved": request.query_params.get("saved") == "1",
            "error": error,
        },
        status_code=status_code,
    )


def _load(central: Central, code: str) -> TicketRow:
    with db.reading(central.engine) as conn:
        row = tickets.get(conn, code)
    if row is None:
        raise HTTPException(404, f"no ticket {code}")
    return row


@router.get(
    "/tickets/{code}", response_class=HTMLResponse, responses=HTML_PAGE, openapi_extra=EXTENSION
)
def ticket_page(central: CentralDep, request: Request, code: str) -> Response:
    session = current_staff(central, request)
    if session is None:
        return to_login(request)
    return _ticket_page(central, request, session, _load(central, code))


@router.post(
    "/tickets/{code}", response_class=HTMLResponse, responses=HTML_PAGE, openapi_extra=EXTENSION
)
def update_ticket(central: CentralDep, request: Request, code: str, fields: FormFields) -> Response:
    session = current_staff(central, request)
    if session is None:
        return to_login(request)
    check_csrf(session, fields)
    row = _load(central, code)
    status = fields.get("status", "")
    responsible = fields.get("responsible", "").strip()
    answer = fields.get("answer", "").strip()
    error = ""
    if status not in STATUSES:
        error = i18n.staff_text("office_choose_status")
    elif not responsible or len(responsible) > 200:
        error = i18n.staff_text("office_need_responsible", most=200)
    elif len(answer) > MAX_ANSWER:
        error = i18n.staff_text("office_answer_too_long", most=MAX_ANSWER)
    elif status == "closed" and not answer:
        error = i18n.staff_text("office_closing_needs_answer")
    if error:
        return _ticket_page(central, request, session, row, error=error, status_code=400)
    with db.writing(central.engine) as conn:
        fresh = tickets.get(conn, code)
        assert fresh is not None
        tickets.change(
            conn,
            fresh,
            staff_id=session.staff_id,
            status=status,
            responsible=responsible,
            notes=answer,
            now=central.now(),
        )
    return RedirectResponse(f"/staff/tickets/{code}?saved=1", status_code=303)
