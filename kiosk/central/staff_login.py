"""Staff log-in and log-out pages, and the helpers every staff page uses to know who is there.

The log-in form is protected against cross-site posting by a double-submit cookie (there is no
session yet to hold a token); every later form carries its session's CSRF token. Too many failed
log-ins for one name or from one address answer 429 for the rest of the window, even with the
right password, so guessing cannot go on in the background. Each attempt is counted before its
password is checked (sessions.reserve_attempt), and only `PASSWORD_CHECKS` checks run at once.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from kiosk.central import accounts, db, i18n, sessions
from kiosk.central.form_text import clean
from kiosk.central.models import EXTENSION, HTML_PAGE
from kiosk.central.passwords import new_secret, same_secret
from kiosk.central.state import Central, CentralDep

PASSWORD_WAIT_SECONDS = 10.0  # then 503: a crowd of log-ins waits, it does not pile up memory
router = APIRouter(prefix="/staff", tags=["staff pages"], include_in_schema=True)


async def form_fields(request: Request) -> dict[str, str]:
    """A browser form's fields (the last value of a repeated name wins), cleaned of control
    characters (form_text.py); the body's size is bounded before (body_limit.py)."""
    form = await request.form()
    return {clean(k): clean(v) for k, v in form.multi_items() if isinstance(v, str)}


FormFields = Annotated[dict[str, str], Depends(form_fields)]


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def current_staff(central: Central, request: Request) -> sessions.StaffSession | None:
    with db.reading(central.engine) as conn:
        return sessions.find(conn, request.cookies.get(sessions.COOKIE), now=central.now())


def to_login(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/staff/login?next={quote(target)}", status_code=303)


def check_csrf(session: sessions.StaffSession, fields: dict[str, str]) -> None:
    if not same_secret(fields.get(sessions.CSRF_FIELD, ""), session.csrf):
        raise HTTPException(403, "the form has expired or did not come from this site; reload it")


def _safe_next(target: str | None) -> str:
    """Only a path on this site: an open redirect would let a link send staff elsewhere."""
    if target and target.startswith("/staff/") and not target.startswith("//"):
        return target
    return "/staff/tickets"


def _login_page(
    central: Central, request: Request, *, error: str = "", status: int = 200, name: str = ""
) -> Response:
    token = new_secret()
    response = central.templates.TemplateResponse(
        request,
        "login.html",
        {
            "error": error,
            "name": name,
            "csrf": token,
            "next": _safe_next(request.query_params.get("next")),
        },
        status_code=status,
    )
    response.set_cookie(
        sessions.LOGIN_CSRF_COOKIE,
        token,
        max_age=3600,
        path="/staff/login",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )
    return response


@router.get("/", response_class=HTMLResponse, responses=HTML_PAGE, openapi_extra=EXTENSION)
def staff_home() -> Response:
    return RedirectResponse("/staff/tickets", status_code=303)


@router.get("/login", response_class=HTMLResponse, responses=HTML_PAGE, openapi_extra=EXTENSION)
def login_form(central: CentralDep, request: Request) -> Response:
    return _login_page(central, request)


@router.post("/login", response_class=HTMLResponse, responses=HTML_PAGE, openapi_extra=EXTENSION)
def log_in(central: CentralDep, request: Request, fields: FormFields) -> Response:
    cookie = request.cookies.get(sessions.LOGIN_CSRF_COOKIE, "")
    if not cookie or not same_secret(fields.get(sessions.CSRF_FIELD, ""), cookie):
        raise HTTPException(403, "the form has expired or did not come from this site; reload it")
    name = fields.get("name", "").strip()[: accounts.MAX_NAME]
    password = fields.get("password", "")
    client = request.client.host if request.client else "unknown"
    now, settings = central.now(), central.settings
    with db.writing(central.engine) as conn:
        sessions.prune(conn, now=now, settings=settings)
        attempt = sessions.reserve_attempt(conn, name, client, now=now, settings=settings)
    if attempt is None:
        response = _login_page(
            central, request, error=i18n.staff_text("office_too_many_tries"), status=429, name=name
        )
        response.headers["Retry-After"] = str(int(settings.login_window_seconds))
        return response
    # The slow password check runs outside the write lock, and only a few at once.
    if not central.password_checks.acquire(timeout=PASSWORD_WAIT_SECONDS):
        with db.writing(central.engine) as conn:
            sessions.release_attempt(conn, attempt)
        response = _login_page(
            central, request, error=i18n.staff_text("office_busy"), status=503, name=name
        )
        response.headers["Retry-After"] = "60"
        return response
    try:
        with db.reading(central.engine) as conn:
            staff_id = accounts.check_staff(conn, name, password)
    finally:
        central.password_checks.release()
    token = ""
    if staff_id is not None:
        with db.writing(central.engine) as conn:
            sessions.forget_failures(conn, name)
            token = sessions.start(conn, staff_id, now=now, hours=settings.session_hours)
    if staff_id is None:
        return _login_page(
            central, request, error=i18n.staff_text("office_wrong_password"), status=401, name=name
        )
    response = RedirectResponse(_safe_next(fields.get("next")), status_code=303)
    response.set_cookie(
        sessions.COOKIE,
        token,
        max_age=int(settings.session_hours * 3600),
        path="/staff",
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )
    response.delete_cookie(sessions.LOGIN_CSRF_COOKIE, path="/staff/login")
    return response


@router.post("/logout", response_class=HTMLResponse, responses=HTML_PAGE, openapi_extra=EXTENSION)
def log_out(central: CentralDep, request: Request, fields: FormFields) -> Response:
    session = current_staff(central, request)
    if session is not None:
        check_csrf(session, fields)
        with db.writing(central.engine) as conn:
            sessions.end(conn, request.cookies.get(sessions.COOKIE))
    response = RedirectResponse("/staff/login", status_code=303)
    response.delete_cookie(sessions.COOKIE, path="/staff")
    return response
