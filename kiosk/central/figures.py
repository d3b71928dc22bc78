"""The 12345 rates, per month and per category: `GET /figures.json` (public) and /staff/figures.

The counting rules are kiosk.domain.figures, shared with the kiosks' offline Echo Wall; this
module only turns the tickets table into `TicketFacts`. Public: counts only, nothing personal.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Connection, select

from kiosk.central import db, models, sessions, times
from kiosk.central.errors import Open311Error
from kiosk.central.models import EXTENSION, HTML_PAGE, error_responses
from kiosk.central.open311 import _json
from kiosk.central.services import Catalog
from kiosk.central.staff_login import current_staff, to_login
from kiosk.central.state import Central, CentralDep
from kiosk.domain.figures import (
    DEFAULT_RESPONSE_HOURS,
    MonthFigures,
    TicketFacts,
    month_starts,
    responded_in_time,
    tally,
    tally_by_category,
)
from kiosk.domain.rating import Rating

router = APIRouter(tags=["Echo Wall figures"])
MAX_MONTHS = 36
_RATINGS = {r.value: r for r in Rating}


def ticket_facts(conn: Connection, catalog: Catalog, since: datetime) -> list[TicketFacts]:
    """Every ticket reported at or after `since`, as the counting rules see it."""
    t = db.tickets.c
    rows = conn.execute(
        select(
            t.service_code,
            t.requested,
            t.received,
            t.expected,
            t.status,
            t.closed,
            t.rating,
            t.first_response,
        ).where(t.requested >= times.to_db(since))
    )
    hours = {c.code: c.response_hours for c in catalog.categories()}
    facts = []
    for r in rows:
        first = times.from_db(r.first_response) if r.first_response is not None else None
        closed = r.closed if r.status == "closed" else None
        facts.append(
            TicketFacts(
                requested=times.from_db(r.requested),
                expected=times.from_db(r.expected) if r.expected is not None else None,
                closed=times.from_db(closed) if closed is not None else None,
                rating=_RATINGS.get(r.rating or ""),
                responded_in_time=responded_in_time(
                    times.from_db(r.received),
                    first,
                    hours.get(r.service_code, DEFAULT_RESPONSE_HOURS),
                ),
                category=r.service_code,
            )
        )
    return facts


def compute(
    central: Central, months: int
) -> tuple[datetime, list[MonthFigures], dict[str, list[MonthFigures]]]:
    """(now, the whole community's months, each category's months)."""
    catalog = central.catalog
    now = central.now().astimezone(catalog.zone)
    since = datetime.combine(month_starts(now, months)[0], time(0), catalog.zone)
    with db.reading(central.engine) as conn:
        facts = ticket_facts(conn, catalog, since)
    whole = tally(facts, now=now, months=months, responses=True)
    return now, whole, tally_by_category(facts, now=now, months=months, responses=True)


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def month_json(m: MonthFigures) -> dict[str, object]:
    return {
        "month": m.month.strftime("%Y-%m"),
        "received": m.received,
        "responded": m.responded or 0,
        "solved": m.solved,
        "solved_on_time": m.solved_on_time,
        "rated": m.rated,
        "satisfied": m.satisfied,
        "response_rate": _rate(m.response_rate),
        "solve_rate": _rate(m.solve_rate),
        "on_time_rate": _rate(m.on_time_rate),
        "satisfaction_rate": _rate(m.satisfaction_rate),
    }


def _months(value: int) -> int:
    if not 1 <= value <= MAX_MONTHS:
        raise Open311Error(400, f"months must be 1 to {MAX_MONTHS}")
    return value


@router.get(
    "/figures.json",
    response_model=models.FiguresReport,
    responses=error_responses(400, 404),
    openapi_extra=EXTENSION,
    summary="Received, responded, solved, on time, satisfied: per month and category (extension)",
)
def figures_json(
    central: CentralDep,
    request: Request,
    months: Annotated[int, Query(description=f"1 to {MAX_MONTHS}, the current month last")] = 12,
    jurisdiction_id: str | None = None,
) -> Response:
    catalog = central.catalog
    catalog.check_jurisdiction(jurisdiction_id)
    now, whole, per_category = compute(central, _months(months))
    lang = catalog.default_lang
    return _json(
        request,
        {
            "generated_datetime": now.isoformat(timespec="seconds"),
            "months": [month_json(m) for m in whole],
            "categories": [
                {
                    "service_code": code,
                    "service_name": catalog.category_name(code, lang, code),
                    "months": [month_json(m) for m in found],
                }
                for code, found in per_category.items()
            ],
        },
    )


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _table(found: list[MonthFigures]) -> list[dict[str, object]]:
    return [
        {
            "month": m.month.strftime("%Y-%m"),
            "received": m.received,
            "responded": m.responded or 0,
            "solved": m.solved,
            "on_time": m.solved_on_time,
            "rated": m.rated,
            "satisfied": m.satisfied,
            "response_rate": _percent(m.response_rate),
            "solve_rate": _percent(m.solve_rate),
            "on_time_rate": _percent(m.on_time_rate),
            "satisfaction_rate": _percent(m.satisfaction_rate),
        }
        for m in reversed(found)  # the current month first on the page
    ]


@router.get(
    "/staff/figures",
    response_class=HTMLResponse,
    responses=HTML_PAGE,
    openapi_extra=EXTENSION,
    tags=["staff pages"],
)
def figures_page(
    central: CentralDep,
    request: Request,
    months: Annotated[int, Query()] = 12,
) -> Response:
    session = current_staff(central, request)
    if session is None:
        return to_login(request)
    months = min(max(months, 1), MAX_MONTHS)
    _now, whole, per_category = compute(central, months)
    catalog = central.catalog
    return central.templates.TemplateResponse(
        request,
        "figures.html",
        {
            "session": session,
            "csrf_field": sessions.CSRF_FIELD,
            "whole": _table(whole),
            "categories": [
                (catalog.category_name(code, catalog.default_lang, code), _table(found))
                for code, found in per_category.items()
            ],
        },
    )
