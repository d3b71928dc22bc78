"""The staff ticket list, and the words the staff pages show a ticket in (staff_ticket.py is one
ticket's page).

Server-rendered HTML that works on a phone, no script. The list marks a resident who chose a
language other than the community's default (Uyghur) and has no answer in it yet, in words, with
a filter for them, so nobody is left with an answer they cannot read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from kiosk.central import db, i18n, sessions, ticket_search, tickets, times
from kiosk.central.models import EXTENSION, HTML_PAGE
from kiosk.central.staff_login import current_staff, to_login
from kiosk.central.state import Central, CentralDep
from kiosk.central.tickets import STATUSES, TicketRow
from kiosk.domain.tickets import TicketStatus

router = APIRouter(prefix="/staff", tags=["staff pages"])
# Staff read a state and a rating in the residents' words, so what they read out on the phone is
# what the resident sees (the domain's catalogue; copy review 2026-12-05, staff.py:25).
# One source for the words: i18n.state, the kiosk's state_words (a plain state, no rating here).
STATUS_LABELS = {
    status: i18n.state(TicketStatus(status).value, None, i18n.STAFF_LANG)
    for status in tickets.STATUSES
}
FIELD_LABELS = {
    "status": i18n.staff_text("office_status"),
    "agency_responsible": i18n.staff_text("office_responsible"),
    "status_notes": i18n.staff_text("answer_label"),  # logged before answers had languages
    "rating": i18n.staff_text("office_rating"),
}
RATING_LABELS = {
    "satisfied": i18n.staff_text("rating_satisfied"),
    "so_so": i18n.staff_text("rating_so_so"),
    "not_satisfied": i18n.staff_text("rating_not_satisfied"),
    "": i18n.staff_text("office_no_rating"),
}
LIST_LIMIT = 500


def _field_label(field: str) -> str:
    """`answers.ug` -> the Uyghur answer's label; the others from FIELD_LABELS."""
    kind, _, lang = field.partition(".")
    if kind in ("answers", "summaries") and lang in ("zh", "ug"):
        return i18n.staff_text(f"office_{'answer' if kind == 'answers' else 'summary'}_{lang}")
    return FIELD_LABELS.get(field, field)


def _local(value: datetime | None, central: Central, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if value is None:
        return ""
    return times.from_db(value).astimezone(central.catalog.zone).strftime(fmt)


def item(row: TicketRow, central: Central, now: datetime) -> dict[str, object]:
    catalog = central.catalog
    return {
        "lang": row.lang,
        "needs_answer": row.lacks_own_answer(catalog.default_lang),
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


def readable(field: str, change: list[str]) -> tuple[str, str, str]:
    """(status label, old state, new state) for a logged change, in the staff's words."""
    old, new = change
    if field == "status":
        old, new = STATUS_LABELS.get(old, old), STATUS_LABELS.get(new, new)
    elif field == "rating":
        old, new = RATING_LABELS.get(old, old), RATING_LABELS.get(new, new)
    return _field_label(field), old, new


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
    lacking: Annotated[str, Query()] = "",
) -> Response:
    session = current_staff(central, request)
    if session is None:
        return to_login(request)
    now = central.now()
    catalog = central.catalog
    others = [lg for lg in catalog.languages if lg != catalog.default_lang]
    flt = ticket_search.Filter(
        statuses=[status] if status in STATUSES else [],
        service_code=category or None,
        device_id=kiosk or None,
        overdue_at=now if overdue else None,
        not_satisfied=bool(unsatisfied),
        lacking_answer=lacking if lacking in others else None,
        limit=LIST_LIMIT,
    )
    with db.reading(central.engine) as conn:
        rows = ticket_search.search(conn, flt)
    return central.templates.TemplateResponse(
        request,
        "tickets.html",
        {
            "session": session,
            "csrf_field": sessions.CSRF_FIELD,
            "items": [item(row, central, now) for row in rows],
            "limit": LIST_LIMIT,
            "statuses": STATUS_LABELS,
            "categories": [
                (c.code, c.name.get(catalog.default_lang)) for c in catalog.categories()
            ],
            "kiosks": _kiosk_choices(central),
            "other_langs": others,
            "chosen": {
                "lacking": lacking,
                "status": status,
                "category": category,
                "kiosk": kiosk,
                "overdue": overdue,
                "unsatisfied": unsatisfied,
            },
        },
    )
