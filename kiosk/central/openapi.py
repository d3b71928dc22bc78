"""The server's OpenAPI document as served at /openapi.json: what FastAPI cannot infer, added.

GeoReport v2 operations are described as the spec has them; ours carry
`x-echo-kiosk-extension: true`. The copy kept in the repository is openapi_file.py's.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from kiosk.central.models import EXTENSION
from kiosk.wire import fields as f

SPEC = "http://wiki.open311.org/GeoReport_v2"
# The reads a kiosk makes with its key in the X-Api-Key header (issue 17); optional: without it,
# the public view.
KEYED_READS = ("/requests.json", "/requests/{service_request_id}.json")


def install(app: FastAPI) -> None:
    """Make `app.openapi()` add what FastAPI cannot infer: the API key and the spec's name."""

    def document() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        schema.setdefault("components", {}).setdefault("securitySchemes", {})["api_key"] = {
            "type": "apiKey",
            "in": "query",
            "name": "api_key",
            "description": "a kiosk's key; also accepted as a form field, as GeoReport v2 posts it",
        }
        schema["components"]["securitySchemes"]["kiosk_key"] = {
            "type": "apiKey",
            "in": "header",
            "name": f.API_KEY_HEADER,
            "description": "a kiosk's key on its reads: the kiosk's view (every ticket, with its "
            "kiosk and place); without it the Echo Wall's public view; a wrong key is a 403",
            **EXTENSION,
        }
        for path, item in schema.get("paths", {}).items():
            for method, operation in item.items():
                _fix_validation_errors(path, operation)
                if method == "post" and path.endswith(".json"):
                    operation["security"] = [{"api_key": []}]
                if method == "get" and path in KEYED_READS:
                    operation["security"] = [{}, {"kiosk_key": []}]
        for unused in ("HTTPValidationError", "ValidationError"):
            schema["components"]["schemas"].pop(unused, None)
        schema["externalDocs"] = {"description": "Open311 GeoReport v2", "url": SPEC}
        app.openapi_schema = schema
        return schema

    app.openapi = document  # type: ignore[method-assign]


def _fix_validation_errors(path: str, operation: dict[str, Any]) -> None:
    """FastAPI documents its own 422 body; this server answers bad parameters with 400."""
    responses = operation.get("responses", {})
    default = responses.get("422", {}).get("content", {}).get("application/json", {})
    if "HTTPValidationError" not in json.dumps(default):
        return
    del responses["422"]
    if path.endswith(".json"):
        errors = {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}
    else:
        errors = {"text/plain": {"schema": {"type": "string"}}}
    responses.setdefault("400", {"description": "a parameter is malformed", "content": errors})
