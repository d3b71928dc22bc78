"""The public status page the receipt's QR code points to: `/status/{ticket code}`.

For a resident's phone, in Chinese or Uyghur (`?lang=`, else the browser's Accept-Language;
Uyghur right to left). It shows what the Echo Wall would: category, status, who answers, the
promised date and the answer. Never the phone number or the description: the code is printed on
paper that may be left behind, so whoever holds it must learn nothing personal.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse, Response

from kiosk.central import db, i18n, tickets, times
from kiosk.central.models import EXTENSION
from kiosk.central.state import CentralDep
from kiosk.domain.ticket_code import is_valid, spoken_groups

router = APIRouter(tags=["public status page"])


@router.get(
    "/status/{code}",
    response_class=HTMLResponse,
    responses={200: {"content": {"text/html": {}}}, 404: {"content": {"text/html": {}}}},
    openapi_extra=EXTENSION,
    summary="A ticket's public status page (HTML, zh/ug)",
)
def status_page(
    central: CentralDep,
    request: Request,
    code: str,
    lang: Annotated[str | None, Query(description="zh or ug")] = None,
    accept_language: Annotated[str | None, Header()] = None,
) -> Response:
    catalog = central.catalog
    chosen = i18n.negotiate(lang, accept_language, catalog.languages, catalog.default_lang)
    code = code.strip()
    row = None
    if is_valid(code):
        with db.reading(central.engine) as conn:
            row = tickets.get(conn, code)
    context: dict[str, object] = {
        "lang": chosen,
        "dir": i18n.direction(chosen),
        "t": lambda key, **values: i18n.text(key, chosen, **values),
        "code": code,
        "code_groups": " ".join(spoken_groups(code)) if code.isdigit() else code,
        "other_langs": [lg for lg in catalog.languages if lg != chosen],
        "language_names": i18n.LANGUAGE_NAMES,
        "found": row is not None,
        "problem": ""
        if row is not None
        else ("status_not_found" if is_valid(code) else "status_check_digits"),
    }
    if row is not None:
        zone = catalog.zone
        now = central.now()
        context.update(
            category=catalog.category_name(row.service_code, chosen, row.service_name),
            status=i18n.state(row.status, row.rating, chosen),
            closed=row.status == "closed",
            reported=i18n.date(times.from_db(row.requested).astimezone(zone), chosen),
            responsible=catalog.responsible_name(row.service_code, row.agency_responsible, chosen),
            promised=(
                i18n.date(times.from_db(row.expected).astimezone(zone), chosen)
                if row.expected is not None
                else ""
            ),
            overdue=row.overdue(now),
            answer=row.status_notes,
            residents=row.residents,
        )
    response = central.templates.TemplateResponse(
        request, "status.html", context, status_code=200 if row is not None else 404
    )
    response.headers["Vary"] = "Accept-Language"
    response.headers["Cache-Control"] = "no-cache"
    return response
