"""One ticket's staff page: status, responsible person, the answer and the Echo Wall summary per
language, and its history; and the staff's preview of the ticket's public status page.

The answer, and optionally the wall's summary, are written in Chinese and in Uyghur. Closing a
ticket needs an answer in at least one language: the community promises that every case gets one
(件件有落实，事事有回音), and the answer is what the Echo Wall publishes. A refused save keeps
what was typed and saves nothing. Every change is logged with who made it (定责), per language.
Staff hold no receipt secret, so they see the resident's view from their own route.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from kiosk.central import db, i18n, sessions, status_page, tickets
from kiosk.central.models import EXTENSION, HTML_PAGE
from kiosk.central.staff import STATUS_LABELS, item, readable
from kiosk.central.staff_login import FormFields, check_csrf, current_staff, to_login
from kiosk.central.state import Central, CentralDep
from kiosk.central.tickets import STATUSES, TicketRow

router = APIRouter(prefix="/staff", tags=["staff pages"])
MAX_ANSWER = 4000
MAX_SUMMARY = 1000


def _texts(central: Central, row: TicketRow, typed: dict[str, str] | None) -> list[dict[str, str]]:
    """Each language's textarea pair: what was typed (a refused save), else what is stored."""
    catalog = central.catalog
    answers = row.answer_texts(catalog.default_lang)
    summaries = row.summary_texts()
    return [
        {
            "lang": lang,
            "dir": i18n.direction(lang),
            "answer": typed.get(f"answer_{lang}", "") if typed else answers.get(lang, ""),
            "summary": typed.get(f"summary_{lang}", "") if typed else summaries.get(lang, ""),
        }
        for lang in catalog.languages
    ]


def _ticket_page(
    central: Central,
    request: Request,
    session: sessions.StaffSession,
    row: TicketRow,
    *,
    error: str = "",
    status_code: int = 200,
    typed: dict[str, str] | None = None,
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
            "t": item(row, central, central.now()),
            "row": row,
            "place": catalog.place_name(row.address_id, catalog.default_lang) or row.address_id,
            "statuses": STATUS_LABELS,
            "chosen_status": (typed or {}).get("status", row.status),
            "responsible": (typed or {}).get("responsible", row.agency_responsible),
            "texts": _texts(central, row, typed),
            "history": [
                (
                    entry.at.astimezone(catalog.zone).strftime("%Y-%m-%d %H:%M"),
                    entry.staff or i18n.staff_text("office_rated_at_kiosk"),
                    [readable(field, change) for field, change in entry.changes.items()],
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


def _problem(
    status: str, responsible: str, answers: dict[str, str], summaries: dict[str, str]
) -> str:
    """What is wrong with a save, in the staff's words; "" when nothing is."""
    if status not in STATUSES:
        return i18n.staff_text("office_choose_status")
    if not responsible or len(responsible) > 200:
        return i18n.staff_text("office_need_responsible", most=200)
    if any(len(text) > MAX_ANSWER for text in answers.values()):
        return i18n.staff_text("office_answer_too_long", most=MAX_ANSWER)
    if any(len(text) > MAX_SUMMARY for text in summaries.values()):
        return i18n.staff_text("office_summary_too_long", most=MAX_SUMMARY)
    if status == "closed" and not any(answers.values()):
        return i18n.staff_text("office_closing_needs_answer")
    return ""


@router.post(
    "/tickets/{code}", response_class=HTMLResponse, responses=HTML_PAGE, openapi_extra=EXTENSION
)
def update_ticket(central: CentralDep, request: Request, code: str, fields: FormFields) -> Response:
    """Fields: status, responsible, answer_<lang> and summary_<lang> for each language."""
    session = current_staff(central, request)
    if session is None:
        return to_login(request)
    check_csrf(session, fields)
    row = _load(central, code)
    languages = central.catalog.languages
    status = fields.get("status", "")
    responsible = fields.get("responsible", "").strip()
    answers = {lang: fields.get(f"answer_{lang}", "").strip() for lang in languages}
    summaries = {lang: fields.get(f"summary_{lang}", "").strip() for lang in languages}
    error = _problem(status, responsible, answers, summaries)
    if error:
        return _ticket_page(
            central, request, session, row, error=error, status_code=400, typed=dict(fields)
        )
    with db.writing(central.engine) as conn:
        fresh = tickets.get(conn, code)
        assert fresh is not None
        tickets.change(
            conn,
            fresh,
            staff_id=session.staff_id,
            status=status,
            responsible=responsible,
            answers_by_lang=answers,
            summaries_by_lang=summaries,
            default_lang=central.catalog.default_lang,
            now=central.now(),
        )
    return RedirectResponse(f"/staff/tickets/{code}?saved=1", status_code=303)


@router.get(
    "/tickets/{code}/resident-view",
    response_class=HTMLResponse,
    responses=HTML_PAGE,
    openapi_extra=EXTENSION,
)
def resident_view(
    central: CentralDep,
    request: Request,
    code: str,
    lang: Annotated[str | None, Query(description="zh or ug")] = None,
) -> Response:
    """The ticket's public status page as its resident sees it, for logged-in staff only."""
    session = current_staff(central, request)
    if session is None:
        return to_login(request)
    catalog = central.catalog
    chosen = catalog.lang(lang)
    return status_page.render(central, request, code, _load(central, code), chosen)
