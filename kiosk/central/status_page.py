"""The public status page the receipt's QR code points to: `/status/{ticket code}?k=<secret>`.

For a resident's phone, in Chinese or Uyghur (`?lang=`, else the browser's Accept-Language;
Uyghur right to left). It shows what the Echo Wall would: category, status, who answers, the
promised date, the staff's summary and the answer, in the page's language; where staff wrote only
the other language, that text with one line saying so, marked with its own `lang` and `dir` so a
phone's screen reader reads it with the right voice. Never the phone number or the description.

Ticket codes run in sequence, so a code alone opens nothing: without the receipt's secret (`k`),
with a wrong one, or for a ticket from before secrets (no digest), the answer is the very page an
unknown code gets, byte for byte apart from the code typed, so a code cannot even be tested for
existence. Staff preview the page from their own route (staff.py), as they hold no secret.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse, Response

from kiosk.central import db, i18n, tickets, times
from kiosk.central.models import EXTENSION
from kiosk.central.state import Central, CentralDep
from kiosk.central.tickets import TicketRow
from kiosk.domain.answer_language import ShownText, in_language
from kiosk.domain.ticket_code import is_valid, spoken_groups
from kiosk.domain.ticket_secret import is_secret, matches
from kiosk.wire import fields as f

router = APIRouter(tags=["public status page"])


def _shown(shown: ShownText | None) -> dict[str, object] | None:
    if shown is None:
        return None
    return {
        "text": shown.text,
        "lang": shown.lang,
        "dir": i18n.direction(shown.lang),
        "other": shown.other,
    }


def _ticket(central: Central, row: TicketRow, chosen: str) -> dict[str, object]:
    """What the page shows of a ticket, in `chosen`."""
    catalog = central.catalog
    zone = catalog.zone
    return {
        "category": catalog.category_name(row.service_code, chosen, row.service_name),
        "status": i18n.state(row.status, row.rating, chosen),
        "closed": row.status == "closed",
        "reported": i18n.date(times.from_db(row.requested).astimezone(zone), chosen),
        "responsible": catalog.responsible_name(row.service_code, row.agency_responsible, chosen),
        "promised": (
            i18n.date(times.from_db(row.expected).astimezone(zone), chosen)
            if row.expected is not None
            else ""
        ),
        "overdue": row.overdue(central.now()),
        "answer": _shown(in_language(row.answer_texts(catalog.default_lang), chosen)),
        "summary": _shown(in_language(row.summary_texts(), chosen)),
        "residents": row.residents,
    }


def render(
    central: Central,
    request: Request,
    code: str,
    row: TicketRow | None,
    chosen: str,
    *,
    secret: str = "",
) -> Response:
    """The status page for `row` in `chosen`, or the one "not found" page when `row` is None."""
    catalog = central.catalog
    kept = {f.STATUS_SECRET: secret} if secret else {}
    context: dict[str, object] = {
        "lang": chosen,
        "dir": i18n.direction(chosen),
        "t": lambda key, **values: i18n.text(key, chosen, **values),
        "code": code,
        "code_groups": " ".join(spoken_groups(code)) if code.isdigit() else code,
        "other_langs": [
            (lg, "?" + urlencode({f.STATUS_LANG: lg, **kept}))
            for lg in catalog.languages
            if lg != chosen
        ],
        "language_names": i18n.LANGUAGE_NAMES,
        "found": row is not None,
        "problem": ""
        if row is not None
        else ("status_not_found" if is_valid(code) else "status_check_digits"),
    }
    if row is not None:
        context.update(_ticket(central, row, chosen))
    response = central.templates.TemplateResponse(
        request, "status.html", context, status_code=200 if row is not None else 404
    )
    response.headers["Vary"] = "Accept-Language"
    response.headers["Cache-Control"] = "no-store"  # the link is the resident's own
    return response


@router.get(
    "/status/{code}",
    response_class=HTMLResponse,
    responses={200: {"content": {"text/html": {}}}, 404: {"content": {"text/html": {}}}},
    openapi_extra=EXTENSION,
    summary="A ticket's public status page (HTML, zh/ug), opened by the receipt's secret",
)
def status_page(
    central: CentralDep,
    request: Request,
    code: str,
    lang: Annotated[str | None, Query(description="zh or ug")] = None,
    k: Annotated[
        str | None,
        Query(description="the receipt's secret; without the right one: the unknown-code page"),
    ] = None,
    accept_language: Annotated[str | None, Header()] = None,
) -> Response:
    catalog = central.catalog
    chosen = i18n.negotiate(lang, accept_language, catalog.languages, catalog.default_lang)
    code = code.strip()
    secret = (k or "").strip()
    row = None
    if is_valid(code):
        with db.reading(central.engine) as conn:
            row = tickets.get(conn, code)
    if row is not None and not matches(secret, row.secret_digest):
        row = None  # exactly as unknown: nothing tells a guessed code from a real one
    return render(central, request, code, row, chosen, secret=secret if is_secret(secret) else "")
