"""The staff page for the kiosks' content (issue 19): upload, check, publish, roll back.

A staff member with a browser, not a shell: the content file and the pictures it names are
uploaded together; every error comes back as FILE:LINE on the page and nothing is published until
the file is clean. Every publication is listed with who and when, and any earlier version can be
published again with one button (a rollback). The file in force can be downloaded to edit.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from kiosk.central import content, db, sessions
from kiosk.central.accounts import AccountError, device_id
from kiosk.central.form_text import clean
from kiosk.central.models import EXTENSION, HTML_PAGE
from kiosk.central.staff_login import check_csrf, current_staff, to_login
from kiosk.central.state import Central, CentralDep
from kiosk.config.errors import ConfigInvalid, ConfigUnreadable, errors_of
from kiosk.config.textfile import decode_config

router = APIRouter(prefix="/staff", tags=["staff pages"])
PAGE = "/staff/content"


def _when(central: Central, value: datetime) -> str:
    return value.astimezone(central.catalog.zone).strftime("%Y-%m-%d %H:%M")


def _page(
    central: Central,
    request: Request,
    session: sessions.StaffSession,
    *,
    errors: list[str] | None = None,
    status: int = 200,
    kiosks: str = "",
) -> Response:
    with db.reading(central.engine) as conn:
        history = content.publications(conn, limit=100)
    in_force = content.followed(history, None)
    rows: list[dict[str, Any]] = [
        {
            "version": p.version_id,
            "file": p.file_name,
            "when": _when(central, p.published),
            "by": p.published_by,
            "to": ", ".join(p.kiosks),
        }
        for p in history
    ]
    published = request.query_params.get("published", "")
    return central.templates.TemplateResponse(
        request,
        "content.html",
        {
            "session": session,
            "csrf_field": sessions.CSRF_FIELD,
            "rows": rows,
            "in_force": in_force.version_id if in_force else None,
            "errors": errors or [],
            "published": published if published.isdigit() else "",
            "kiosks": kiosks,
        },
        status_code=status,
    )


@router.get("/content", response_class=HTMLResponse, responses=HTML_PAGE, openapi_extra=EXTENSION)
def content_page(central: CentralDep, request: Request) -> Response:
    session = current_staff(central, request)
    if session is None:
        return to_login(request)
    return _page(central, request, session)


def _kiosk_list(text: str) -> list[str]:
    # NFKC: a full-width comma typed with a Chinese input method is a comma too
    return [device_id(p) for p in unicodedata.normalize("NFKC", text).split(",") if p.strip()]


@router.post("/content", response_class=HTMLResponse, responses=HTML_PAGE, openapi_extra=EXTENSION)
async def upload(central: CentralDep, request: Request) -> Response:
    """Multipart fields: `content` (the file), `files` (its pictures), `kiosks`, the CSRF field."""
    session = current_staff(central, request)
    if session is None:
        return to_login(request)
    form = await request.form(max_files=200)
    fields = {clean(k): clean(v) for k, v in form.multi_items() if isinstance(v, str)}
    check_csrf(session, fields)
    typed = fields.get("kiosks", "")
    upload = form.get("content")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _page(
            central,
            request,
            session,
            errors=["content.yaml: no file was chosen"],
            status=400,
            kiosks=typed,
        )
    name = Path(upload.filename).name
    files = {
        Path(part.filename).name: await part.read()
        for part in form.getlist("files")
        if isinstance(part, UploadFile) and part.filename
    }
    try:
        kiosks = _kiosk_list(typed)
        text = decode_config(await upload.read(), Path(name))
        done = content.publish(
            central.engine,
            text=text,
            file_name=name,
            files=files,
            by=session.name,
            now=central.now(),
            kiosks=kiosks,
        )
    except AccountError as error:
        return _page(central, request, session, errors=[str(error)], status=400, kiosks=typed)
    except (ConfigInvalid, ConfigUnreadable) as failure:
        errors = [str(e) for e in errors_of(failure)]
        return _page(central, request, session, errors=errors, status=400, kiosks=typed)
    except content.ContentRefused as refused:
        return _page(central, request, session, errors=refused.errors, status=400, kiosks=typed)
    central.published.refresh()
    return RedirectResponse(f"{PAGE}?published={done.version_id}", status_code=303)


@router.post(
    "/content/{version_id}/publish",
    response_class=HTMLResponse,
    responses=HTML_PAGE,
    openapi_extra=EXTENSION,
)
async def publish_again(central: CentralDep, request: Request, version_id: int) -> Response:
    """Put an earlier version in force again for every kiosk (a rollback)."""
    session = current_staff(central, request)
    if session is None:
        return to_login(request)
    form = await request.form()
    check_csrf(session, {k: v for k, v in form.multi_items() if isinstance(v, str)})
    try:
        done = content.publish_again(central.engine, version_id, by=session.name, now=central.now())
    except content.ContentRefused as refused:
        return _page(central, request, session, errors=refused.errors, status=404)
    central.published.refresh()
    return RedirectResponse(f"{PAGE}?published={done.version_id}", status_code=303)


@router.get("/content/{version_id}.yaml", responses=HTML_PAGE, openapi_extra=EXTENSION)
def download(central: CentralDep, request: Request, version_id: int) -> Response:
    """The version's content file, to edit and upload again."""
    session = current_staff(central, request)
    if session is None:
        return to_login(request)
    with db.reading(central.engine) as conn:
        found = content.version(conn, version_id)
    if found is None:
        return PlainTextResponse("no such version", status_code=404)
    return PlainTextResponse(
        found.text,
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{found.file_name}"'},
    )
