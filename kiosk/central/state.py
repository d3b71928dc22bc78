"""What every route is handed: settings, the database, the categories, the templates, the clock.

One object per app (`app.state.central`), passed to routes by FastAPI's dependency injection
rather than read from module globals, so two apps (two tests) never share anything.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine

from kiosk.central.content_catalog import ContentInForce
from kiosk.central.services import Catalog, LiveCatalog
from kiosk.central.settings import Settings

PASSWORD_CHECKS = 2


@dataclass(frozen=True)
class Central:
    settings: Settings
    engine: Engine
    live: LiveCatalog
    templates: Jinja2Templates
    published: ContentInForce  # the content every kiosk is sent; the catalog follows it
    # Each staff password check takes ~16 MiB (scrypt): at most this many run at once.
    password_checks: threading.Semaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(PASSWORD_CHECKS)
    )

    @property
    def catalog(self) -> Catalog:
        return self.live.current

    def now(self) -> datetime:
        return self.settings.now()


def central_of(request: Request) -> Central:
    central = request.app.state.central
    assert isinstance(central, Central)
    return central


async def _central(request: Request) -> Central:
    """async although it awaits nothing: FastAPI runs a plain `def` dependency on its thread
    pool, a hand-off to another thread and back on every request for one attribute read."""
    return central_of(request)


# Routes declare `central: CentralDep`; FastAPI reads the annotation at import time (see app.py).
CentralDep = Annotated[Central, Depends(_central)]
