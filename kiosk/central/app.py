"""The application factory: `create_app(settings)` builds one complete, independent server.

Opening the database migrates it; loading the staff YAML fails loudly here (a server without its
categories would reject every ticket), while later bad edits are only logged (services.py).
Nothing happens at import time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import jinja2
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from kiosk.central import (
    access_log,
    content_api,
    content_page,
    db,
    errors,
    figures,
    headers,
    heartbeats,
    i18n,
    kiosks_page,
    open311,
    openapi,
    ratings,
    sessions,
    staff,
    staff_login,
    staff_ticket,
    status_page,
    submit,
)
from kiosk.central.body_limit import BodyLimit
from kiosk.central.content_catalog import ContentInForce
from kiosk.central.kiosk_lane import KioskLane
from kiosk.central.services import LiveCatalog
from kiosk.central.settings import Settings, settings_from_environment
from kiosk.central.state import Central
from kiosk.config.content_keys import MAX_TOTAL_BYTES

TEMPLATES = Path(__file__).resolve().parent / "templates"
TITLE = "Echo Kiosk central server"
VERSION = "0.1.0"
DESCRIPTION = """Open311 GeoReport v2 (JSON) for the Echo Book kiosks of Shengli Community, with an
`Idempotency-Key` header on every POST (IETF httpapi draft; keys are kept for good).

Operations, parameters and fields marked `x-echo-kiosk-extension: true` go beyond GeoReport v2:
adding a resident's voice or rating to a request, the Echo Wall figures, the `updated_after`
cursor, the fields a kiosk sends (`ticket_code`, `phone`, ...), `extended_attributes` on a request,
the kiosks' heartbeat (no `Idempotency-Key`: a heartbeat replaces the last one), the public status
page and the staff pages.

Reads of requests: a kiosk sends its key in the `X-Api-Key` header and sees every ticket with its
kiosk and place; without it the answer is the Echo Wall's public view (closed tickets only, no
`device_id`, `address` or `address_id`; one ticket by code only with the receipt's secret `k`).
`extended_attributes.answers` and `.summaries` carry the staff's answer and the wall's summary per
language."""


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["w"] = i18n.staff_text  # the staff pages' words, from the domain's catalogue
    return Jinja2Templates(env=env)


def create_app(settings: Settings | None = None) -> FastAPI:
    """A server for `settings` (defaults: the sample config and a SQLite file)."""
    settings = settings or Settings()
    engine = db.open_engine(settings.db_url)
    published = ContentInForce(engine, seconds=settings.config_check_seconds)
    try:
        db.migrate(engine)
        live = LiveCatalog(
            settings.config_path,
            check_seconds=settings.config_check_seconds,
            published=published.current,
        )
    except BaseException:
        engine.dispose()
        raise

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        live.start()
        try:
            yield
        finally:
            live.stop()
            published.close()
            engine.dispose()

    app = FastAPI(
        title=TITLE,
        version=VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.central = Central(
        settings=settings,
        engine=engine,
        live=live,
        templates=_templates(),
        published=published,
    )
    app.add_exception_handler(errors.Open311Error, errors.handle_open311_error)
    app.add_exception_handler(RequestValidationError, errors.handle_validation_error)
    app.add_exception_handler(StarletteHTTPException, errors.handle_http_error)
    # added first: innermost, inside the headers and the body limit, before FastAPI's routing
    app.add_middleware(KioskLane, routers=[submit.router, ratings.router, heartbeats.router])
    app.add_middleware(headers.SecurityHeaders)
    # added last: outermost, before any route reads a body; the content upload may be larger
    app.add_middleware(
        BodyLimit,
        uploads={content_page.PAGE: MAX_TOTAL_BYTES + 1024 * 1024},
        cookie=sessions.COOKIE,
    )
    app.include_router(open311.router)
    app.include_router(submit.router)
    app.include_router(ratings.router)
    app.include_router(figures.router)
    app.include_router(content_api.router)
    app.include_router(content_page.router)
    app.include_router(staff_login.router)
    app.include_router(staff.router)
    app.include_router(staff_ticket.router)
    app.include_router(status_page.router)
    app.include_router(heartbeats.router)
    app.include_router(kiosks_page.router)
    app.include_router(headers.router)

    openapi.install(app)

    @app.get("/", include_in_schema=False)
    def root() -> Response:
        return RedirectResponse("/staff/tickets", status_code=303)

    return app


def app_from_environment() -> FastAPI:
    """The app of one worker process of `kiosk central serve --workers N`, built from the settings
    the serving process put in the environment (the factory uvicorn calls in each worker)."""
    access_log.install()  # uvicorn set up this worker's loggers just before
    return create_app(settings_from_environment())
