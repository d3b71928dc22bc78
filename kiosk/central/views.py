"""A ticket as the wire shows it: the GeoReport v2 request object, with nothing personal in it.

`description` is the resident's preset phrases only: free text may name people, so it and the
phone number stay on the staff page. `status` is Open311's open/closed; the staff page's "in
progress" travels in `extended_attributes.detailed_status` (the GeoReport v2 extension convention)
along with the kiosk and the number of residents who reported the same problem.
"""

from __future__ import annotations

import json

from kiosk.central import i18n, times
from kiosk.central.services import PHRASES, Catalog
from kiosk.central.tickets import TicketRow


def request_json(row: TicketRow, catalog: Catalog) -> dict[str, object]:
    """One item of GET /requests.json and GET /requests/{id}.json."""
    lang = catalog.default_lang
    zone = catalog.zone
    return {
        "service_request_id": row.code,
        "status": "closed" if row.status == "closed" else "open",
        "status_notes": row.status_notes or None,
        "service_name": catalog.category_name(row.service_code, lang, row.service_name),
        "service_code": row.service_code,
        "description": row.public_description or None,
        "agency_responsible": row.agency_responsible or None,
        "service_notice": None,
        "requested_datetime": times.iso(row.requested, zone),
        "updated_datetime": times.iso(row.updated, zone),
        "expected_datetime": times.iso(row.expected, zone),
        "address": catalog.place_name(row.address_id, lang),
        "address_id": row.address_id,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
        "extended_attributes": {
            "detailed_status": row.status,
            "device_id": row.device_id,
            "residents": row.residents,
            "phrases": _phrases(row),
            "closed_datetime": times.iso(row.closed, zone) if row.status == "closed" else None,
            "rating": row.rating,
        },
    }


def _phrases(row: TicketRow) -> list[str]:
    """The preset phrase numbers, so a kiosk can show them in the reader's own language."""
    attributes = json.loads(row.attributes or "{}")
    return [str(number) for number in attributes.get(PHRASES, [])]


def created_json(row: TicketRow, catalog: Catalog) -> list[dict[str, object]]:
    """POST /requests.json's answer: the id at once, and the promise in words."""
    expected = times.iso(row.expected, catalog.zone)
    notice = i18n.text(
        "request_notice",
        catalog.default_lang,
        who=row.agency_responsible,
        date=(expected or "")[:10],
    )
    return [
        {
            "service_request_id": row.code,
            "token": row.token,
            "service_notice": notice,
            "account_id": None,
        }
    ]


def voice_json(row: TicketRow) -> list[dict[str, object]]:
    """POST /requests/{id}/voices.json's answer (extension)."""
    return [{"service_request_id": row.code, "residents": row.residents}]
