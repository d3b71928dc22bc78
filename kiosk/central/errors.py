"""Open311's error answer: a JSON array of `{code, description}` with status 400, 403, 404 (or 422).

Every error on a `.json` path is given in this shape, including FastAPI's own 404 and request
validation errors, so a kiosk's sync worker needs to understand only one kind of error body.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException


class Open311Error(Exception):
    """Raised by a route; becomes `[{"code": status, "description": ...}]` with that status."""

    def __init__(
        self, status: int, description: str, *, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.headers = dict(headers or {})


def error_body(status: int, description: str) -> list[dict[str, object]]:
    return [{"code": status, "description": description}]


def error_response(
    status: int, description: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(status, description), status_code=status, headers=headers)


def _wants_open311(request: Request) -> bool:
    return request.url.path.endswith(".json")


async def handle_open311_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Open311Error)
    return error_response(exc.status, exc.description, exc.headers)


async def handle_validation_error(request: Request, exc: Exception) -> Response:
    """FastAPI says 422 with its own body; Open311 says 400 with the array of errors."""
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in error.get('loc', ())[1:])}: {error.get('msg', 'invalid')}"
        for error in exc.errors()
    )
    if _wants_open311(request):
        return error_response(400, problems or "invalid request")
    return PlainTextResponse(problems or "invalid request", status_code=400)


async def handle_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    description = str(exc.detail) if exc.detail else "error"
    headers = dict(exc.headers or {})
    if _wants_open311(request):
        return error_response(exc.status_code, description, headers)
    return PlainTextResponse(description, status_code=exc.status_code, headers=headers)
