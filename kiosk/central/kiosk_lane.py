"""The kiosks' POSTs run straight to their endpoints, past the framework's per-request machinery.

Every kiosk sends a ticket, a voice, a rating and a heartbeat through the same few routes, and a
prefecture's fleet sends many. Issue 18 measured the central's CPU per POST: about a third went
to FastAPI's routing through every route, its dependency solving, its exception and exit-stack
middlewares and its thread pool hand-off, for routes that need none of it. Those routes are still
declared with FastAPI (their OpenAPI document, and the same function answers if this lane is left
out), but their endpoints take the `Request` alone and do their own reading; this middleware
matches them with the routes' own path patterns and calls them directly. What every answer gets
(the body limit, the security headers) stays outside, and a route's Open311Error becomes the
same error array as elsewhere (errors.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import TypeVar

from fastapi.routing import APIRoute, APIRouter
from sqlalchemy import Engine
from starlette.requests import Request
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from kiosk.central.errors import Open311Error, handle_open311_error

T = TypeVar("T")


async def write_work(engine: Engine, work: Callable[[], T]) -> T:
    """`work`, a kiosk POST's one short write transaction on `engine`, run where it costs least.

    On PostgreSQL, here on the event loop. The transaction is a few round trips that wait only
    for rows other transactions hold briefly (its new ticket, its key, one ticket's count), and
    handing it to a thread cost more than the work: the loop, the executor's threads and the
    GIL passed each POST to and fro ~60 times (context switches), a third of the server's CPU
    in `perf` (issue 18, benchmark 6c). Paired runs of 50 kiosks: 2.95 -> 2.15 ms of server CPU
    a POST (medians of 8), at the same rate. A worker process then answers one kiosk POST at a
    time, as a synchronous worker does; `kiosk central serve --workers N` serves N at once.

    On SQLite, on the loop's executor (anyio's `to_thread`, which FastAPI uses, adds a cancel
    scope and a limiter on every call): a writer may wait up to the busy timeout (30 s) for the
    database's one write lock, and the loop must keep answering everyone else meanwhile.
    """
    if engine.dialect.name == "postgresql":
        return work()
    return await asyncio.get_running_loop().run_in_executor(None, work)


class KioskLane:
    """Pure ASGI middleware: a request that a route of `routers` matches fully is answered by
    its endpoint, called with the request and the path's parameters; anything else passes on."""

    def __init__(self, app: ASGIApp, *, routers: Sequence[APIRouter]) -> None:
        self.app = app
        self.routes: list[APIRoute] = []
        for route in (route for router in routers for route in router.routes):
            if not isinstance(route, APIRoute) or not asyncio.iscoroutinefunction(route.endpoint):
                raise TypeError(f"{route}: a lane route must have an async endpoint")
            self.routes.append(route)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            for route in self.routes:
                match, child = route.matches(scope)
                if match is Match.FULL:
                    await self._answer(route, {**scope, **child}, receive, send)
                    return
        await self.app(scope, receive, send)

    @staticmethod
    async def _answer(route: APIRoute, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            response = await route.endpoint(request, **scope.get("path_params", {}))
        except Open311Error as error:
            response = await handle_open311_error(request, error)
        await response(scope, receive, send)
