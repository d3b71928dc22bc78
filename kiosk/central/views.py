"""A ticket as the wire shows it: the GeoReport v2 request object, with nothing personal in it.

`description` is the resident's preset phrases only: free text may name people, so it and the
phone number stay on the staff page. `status` is Open311's open/closed; the staff page's "in
progress" travels in `extended_attributes.detailed_status` (the GeoReport v2 extension convention)
along with the kiosk and the number of residents who reported the same problem, and (issue 17)
the answer and the Echo Wall summary per language (`answers`, `summaries`: {lang: text}, only the
languages that have one). `status_notes` is the answer in the community's default language, else
the other one; `description` is the staff's summary in that language when they wrote one.

Two views (open311.py chooses): a kiosk, by its key, sees everything above; anyone else sees what
the Echo Wall publishes, without the kiosk (`device_id`) or the place (`address`, `address_id`).
"""

from __future__ import annotations

import json

from kiosk.central import answers, i18n, times
from kiosk.central.services import PHRASES, Catalog
from kiosk.central.tickets import TicketRow
from kiosk.wire import fields as f


def request_json(row: TicketRow, catalog: Catalog, *, public: bool = False) -> dict[str, object]:
    """One item of GET /requests.json and GET /requests/{id}.json; `public`: the Echo Wall's
    view, with no kiosk or place identifier."""
    lang = catalog.default_lang
    zone = catalog.zone
    answer_texts = row.answer_texts(lang)
    summary_texts = row.summary_texts()
    item: dict[str, object] = {
        f.SERVICE_REQUEST_ID: row.code,
        f.STATUS: "closed" if row.status == "closed" else "open",
        f.STATUS_NOTES: answers.one_text(answer_texts, lang) or None,
        f.SERVICE_NAME: catalog.category_name(row.service_code, lang, row.service_name),
        f.SERVICE_CODE: row.service_code,
        f.DESCRIPTION: answers.one_text(summary_texts, lang) or row.public_description or None,
        f.AGENCY_RESPONSIBLE: row.agency_responsible or None,
        f.SERVICE_NOTICE: None,
        f.REQUESTED_DATETIME: times.iso(row.requested, zone),
        f.UPDATED_DATETIME: times.iso(row.updated, zone),
        f.EXPECTED_DATETIME: times.iso(row.expected, zone),
        f.ADDRESS: catalog.place_name(row.address_id, lang),
        f.ADDRESS_ID: row.address_id,
        f.ZIPCODE: None,
        f.LAT: None,
        f.LONG: None,
        f.MEDIA_URL: None,
        f.EXTENDED_ATTRIBUTES: {
            f.DETAILED_STATUS: row.status,
            f.DEVICE_ID: row.device_id,
            f.RESIDENTS: row.residents,
            f.PHRASES: _phrases(row),
            f.CLOSED_DATETIME: times.iso(row.closed, zone) if row.status == "closed" else None,
            f.RATING: row.rating,
            f.ANSWERS: answer_texts,
            f.SUMMARIES: summary_texts,
        },
    }
    if public:
        del item[f.ADDRESS], item[f.ADDRESS_ID]
        extended = item[f.EXTENDED_ATTRIBUTES]
        assert isinstance(extended, dict)
        del extended[f.DEVICE_ID]
    return item


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
            f.SERVICE_REQUEST_ID: row.code,
            f.TOKEN: row.token,
            f.SERVICE_NOTICE: notice,
            f.ACCOUNT_ID: None,
        }
    ]


def voice_json(row: TicketRow) -> list[dict[str, object]]:
    """POST /requests/{id}/voices.json's answer (extension)."""
    return [{f.SERVICE_REQUEST_ID: row.code, f.RESIDENTS: row.residents}]
