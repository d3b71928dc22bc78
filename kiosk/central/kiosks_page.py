"""The staff page's kiosk list: every registered kiosk, when it last reported, and its warnings.

Read-only and server-rendered like the tickets list. The clock is the server's (`central.now()`),
so a test moves it on and watches a kiosk go offline; the thresholds are in Settings.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from kiosk.central import content, db, fleet, heartbeats, sessions
from kiosk.central.models import EXTENSION, HTML_PAGE
from kiosk.central.staff_login import current_staff, to_login
from kiosk.central.state import Central, CentralDep

router = APIRouter(prefix="/staff", tags=["staff pages"])


def thresholds(central: Central) -> fleet.Thresholds:
    s = central.settings
    return fleet.Thresholds(
        offline=timedelta(minutes=s.kiosk_offline_minutes),
        waiting=timedelta(hours=s.kiosk_waiting_hours),
        low_disk_bytes=int(s.kiosk_low_disk_mb * 1024 * 1024),
    )


def _content(beat: fleet.Heartbeat | None, sent: int | None) -> dict[str, object]:
    """The content column: the version it runs, one waiting for it, one it could not use."""
    running = beat.content_version if beat is not None else None
    refused = beat.content_refused if beat is not None else None
    return {
        "content": running,
        "content_waiting": sent if sent is not None and sent not in (running, refused) else None,
        "content_refused": refused,
        "content_problem": beat.content_problem if beat is not None else "",
    }


def _row(
    device_id: str,
    name: str,
    beat: fleet.Heartbeat | None,
    central: Central,
    now: datetime,
    sent: int | None = None,
) -> dict[str, object]:
    found = fleet.warnings(beat, now, thresholds(central))
    item: dict[str, object] = {
        "device_id": device_id,
        "name": name,
        "seen": beat is not None,
        "warnings": found,
        **_content(beat, sent),
    }
    if beat is None:
        return item
    oldest = fleet.oldest_waiting(beat, now)
    item.update(
        ago=fleet.ago(max(now - beat.received, timedelta(0))),
        seen_at=beat.received.astimezone(central.catalog.zone).strftime("%Y-%m-%d %H:%M"),
        version=beat.version or "?",
        uptime=fleet.duration(timedelta(seconds=beat.uptime_s)) if beat.uptime_s else "",
        waiting=beat.waiting if beat.waiting is not None else "?",
        oldest=fleet.duration(oldest) if oldest is not None else "",
        printer=fleet.PRINTER_LABELS.get(beat.printer, beat.printer),
        disk=fleet.size(beat.disk_free_bytes) if beat.disk_free_bytes is not None else "?",
        config=beat.config_sha256[:12] or "?",
        config_full=beat.config_sha256,
    )
    return item


def _version(publication: content.Publication | None) -> int | None:
    return publication.version_id if publication is not None else None


@router.get("/kiosks", response_class=HTMLResponse, responses=HTML_PAGE, openapi_extra=EXTENSION)
def kiosk_list(central: CentralDep, request: Request) -> Response:
    session = current_staff(central, request)
    if session is None:
        return to_login(request)
    now = central.now()
    k = db.kiosks.c
    with db.reading(central.engine) as conn:
        kiosks = conn.execute(
            select(k.id, k.device_id, k.name).where(k.active).order_by(k.device_id)
        ).all()
        beats = heartbeats.latest(conn)
        recent = content.publications(conn)
    items = [
        _row(
            row.device_id,
            row.name,
            beats.get(row.id),
            central,
            now,
            _version(content.followed(recent, row.device_id)),
        )
        for row in kiosks
    ]
    return central.templates.TemplateResponse(
        request,
        "kiosks.html",
        {
            "session": session,
            "csrf_field": sessions.CSRF_FIELD,
            "items": items,
            "troubled": sum(1 for item in items if item["warnings"]),
            "offline_minutes": f"{central.settings.kiosk_offline_minutes:g}",
        },
    )
