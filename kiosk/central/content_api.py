"""What a kiosk reads to follow the published content (extension, issue 19).

`GET /kiosk/content.json` answers the publication in force for the kiosk whose key is in the
`X-Api-Key` header: the version's number, the content file's text and its files by SHA-256. Its
ETag is the version's digest, so a kiosk's idle sync round is one 304. `GET
/kiosk/content/files/{sha256}` gives one file; it never changes, so a kiosk fetches it once.
"""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from kiosk.central import accounts, content, db, times
from kiosk.central.errors import Open311Error
from kiosk.central.models import EXTENSION, error_responses
from kiosk.central.read_views import ApiKeyHeader
from kiosk.central.state import Central, CentralDep
from kiosk.wire import fields as f

router = APIRouter(tags=["kiosk content (extension)"])
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _kiosk(central: Central, api_key: str | None) -> accounts.Kiosk:
    with db.reading(central.engine) as conn:
        kiosk = accounts.kiosk_for_key(conn, (api_key or "").strip())
    if kiosk is None:
        raise Open311Error(403, f"the {f.API_KEY_HEADER} header must hold this kiosk's key")
    return kiosk


@router.get(
    "/kiosk/content.json",
    responses=error_responses(403, 404),
    openapi_extra=EXTENSION,
    summary="The content in force for this kiosk (extension)",
)
def content_in_force(
    central: CentralDep, request: Request, api_key: ApiKeyHeader = None
) -> Response:
    """404 while nothing is published for the kiosk (it keeps its own file). Send the last
    ETag as If-None-Match: the answer is then 304 until another version is published."""
    kiosk = _kiosk(central, api_key)
    with db.reading(central.engine) as conn:
        publication = content.in_force(conn, kiosk.device_id)
        found = content.version(conn, publication.version_id) if publication else None
    if publication is None or found is None:
        raise Open311Error(404, "no content is published for this kiosk")
    etag = f'"{found.sha256}"'
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers={"ETag": etag})
    body = {
        "version": found.id,
        "sha256": found.sha256,
        "file_name": found.file_name,
        "published_datetime": times.iso(times.to_db(publication.published), central.catalog.zone),
        "published_by": publication.published_by,
        "text": found.text,
        "files": [{"name": n, "sha256": s, "size": size} for n, s, size in found.files],
    }
    return JSONResponse(body, headers={"ETag": etag})


@router.get(
    "/kiosk/content/files/{sha256}",
    responses=error_responses(403, 404),
    openapi_extra=EXTENSION,
    summary="One file of the published content, by its SHA-256 (extension)",
)
def content_file(central: CentralDep, sha256: str, api_key: ApiKeyHeader = None) -> Response:
    _kiosk(central, api_key)
    if not _SHA256.fullmatch(sha256):
        raise Open311Error(404, "no such file")
    with db.reading(central.engine) as conn:
        data = content.file_data(conn, sha256)
    if data is None:
        raise Open311Error(404, "no such file")
    return Response(
        data,
        media_type="application/octet-stream",
        headers={"Cache-Control": "private, max-age=31536000, immutable"},
    )
