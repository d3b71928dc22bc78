"""Every request body is bounded, however it is framed, before any route (or key check) runs.

Content-Length alone is not enough: a chunked body, or one without a length, is read by the
server as it comes, and Starlette's form parser keeps all of it. So the body is read here, counted
byte by byte as it arrives, and handed on only when it is complete and under the limit: over it,
the answer is 413 at once (the rest is never read; the server closes the connection). A body
that trickles in slower than `seconds` allows gets 408, so a slow drip holds neither memory nor a
request for long. Nothing here needs more than a form, except the staff's content upload (a file
and its pictures, issue 19): `uploads` names such paths and their own limit, granted only to a
request that carries a staff session cookie (the route checks the session itself).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import anyio
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.central.errors import error_response
from kiosk.domain.request_limits import MAX_BODY  # the kiosk's desk checks the same number

BODY_SECONDS = 30.0  # a kiosk on a poor line still sends 64 KiB in far less
UPLOAD_SECONDS = 600.0  # 50 MiB of pictures over a slow office line


class TooLargeError(Exception):
    """The body went over the limit while it was being read."""


def refusal(path: str, status: int, description: str) -> Response:
    """Open311's error array on a `.json` path, plain text elsewhere (errors.py's rule)."""
    if path.endswith(".json"):
        return error_response(status, description)
    return PlainTextResponse(description, status_code=status)


def _declared(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


async def read_body(receive: Receive, limit: int) -> list[Message]:
    """The request's body messages, or TooLargeError as soon as more than `limit` bytes came."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages  # the client went away; the route will see it
        size += len(message.get("body", b""))
        if size > limit:
            raise TooLargeError
        if not message.get("more_body", False):
            return messages


class BodyLimit:
    """Pure ASGI middleware: the whole body under `limit` bytes within `seconds`, or 413/408."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        limit: int = MAX_BODY,
        seconds: float = BODY_SECONDS,
        uploads: Mapping[str, int] | None = None,
        cookie: str = "",
    ) -> None:
        self.app = app
        self.limit = limit
        self.seconds = seconds
        self.uploads = dict(uploads or {})
        self.cookie = cookie.encode("ascii") + b"="

    def _limits(self, scope: Scope, path: str) -> tuple[int, float]:
        upload = self.uploads.get(path)
        if upload is not None and scope.get("method") == "POST":
            for name, value in scope.get("headers", ()):
                if name == b"cookie" and self.cookie in value:
                    return upload, UPLOAD_SECONDS
        return self.limit, self.seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        limit, seconds = self._limits(scope, path)
        too_large = refusal(path, 413, f"the body is larger than {limit} bytes")
        declared = _declared(scope)
        if declared is not None and declared > limit:
            await too_large(scope, receive, send)
            return
        try:
            with anyio.fail_after(seconds if seconds > 0 else math.inf):
                messages = await read_body(receive, limit)
        except TooLargeError:
            await too_large(scope, receive, send)
            return
        except TimeoutError:
            slow = f"the body did not arrive within {seconds:g} seconds"
            await refusal(path, 408, slow)(scope, receive, send)
            return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)
