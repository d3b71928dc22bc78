"""The headers every answer carries, and the pages' one stylesheet.

The staff pages and the status page have no script and no inline style (the stylesheet is a file,
`/assets/echo.css`), so their Content-Security-Policy can forbid both: text a resident typed can
never run or restyle a page, even if escaping were ever missed. Staff pages show residents' phone
numbers, so no browser or proxy may keep a copy (`no-store`). FastAPI's `/docs` page loads
Swagger UI from a CDN with an inline script; it is left without the policy.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATIC = Path(__file__).resolve().parent / "static"
STYLESHEET = "echo.css"
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
_NO_POLICY = ("/docs",)

router = APIRouter(include_in_schema=False)


@router.get(f"/assets/{STYLESHEET}")
def stylesheet() -> Response:
    return Response(
        (STATIC / STYLESHEET).read_bytes(),
        media_type="text/css",
        headers={"Cache-Control": "public, max-age=3600"},
    )


class SecurityHeaders:
    """Pure ASGI middleware: the headers are added to the answer's start message as it passes.
    (Starlette's `@app.middleware("http")` runs every request through a task group and memory
    streams; issue 18 measured the central's CPU per POST, and this is on every one.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")  # staff forms cannot be framed
                headers.setdefault("Referrer-Policy", "no-referrer")
                is_html = headers.get("content-type", "").startswith("text/html")
                if is_html and not path.startswith(_NO_POLICY):
                    headers.setdefault("Content-Security-Policy", CSP)
                if path == "/staff" or path.startswith("/staff/"):
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
