"""What the kiosk posts to the centre: a new ticket, one more resident, a rating.

Built from domain values only, so the desk can ask what the centre would refuse before it
prints a code (kiosk.domain.request_limits), and the store keeps exactly what will be sent.
"""

from __future__ import annotations

from datetime import datetime, time

from kiosk.domain.content import Category
from kiosk.domain.rating import Rating
from kiosk.domain.tickets import Draft, promised_date
from kiosk.wire import fields as f
from kiosk.wire.device import device_id


def request_payload(
    draft: Draft,
    *,
    category: Category,
    code: str,
    kiosk_number: int,
    created: datetime,
    secret: str = "",
) -> dict[str, object]:
    """The Open311 POST /requests.json fields for a new ticket, in the config's default language,
    with the resident's language and the status link's `secret` when there are any.

    The phone number and the secret are personal data: they live here and in the ticket row
    only, never in a log.
    """
    parts = [
        category.phrases[i].get(category.phrases[i].default_lang)
        for i in draft.phrases
        if 0 <= i < len(category.phrases)  # a config edit may have removed a phrase since
    ]
    if draft.free_text.strip():
        parts.append(draft.free_text.strip())
    description = "\n".join(p for p in parts if p) or category.name.get(category.name.default_lang)
    promised_by = datetime.combine(
        promised_date(created, category), time(23, 59, 59), created.tzinfo
    )
    payload: dict[str, object] = {
        f.SERVICE_CODE: category.code,
        f.DESCRIPTION: description,
        f.DEVICE_ID: device_id(kiosk_number),
        f.TICKET_CODE: code,
        f.REQUESTED_DATETIME: created.isoformat(),
        f.EXPECTED_DATETIME: promised_by.isoformat(),
        f.AGENCY_RESPONSIBLE: category.responsible.get(category.responsible.default_lang),
        f.ATTRIBUTE: {f.PHRASES: [str(i) for i in draft.phrases]},
    }
    if draft.place:
        payload[f.ADDRESS_ID] = draft.place
    if draft.phone:
        payload[f.PHONE] = draft.phone
    if draft.lang:
        payload[f.LANG] = draft.lang
    if secret:
        payload[f.TICKET_SECRET] = secret
    return payload


def join_payload(
    code: str, *, kiosk_number: int, joined: datetime, residents: int
) -> dict[str, object]:
    """POST /requests/{code}/voices.json: one more resident reported ticket `code`."""
    return {
        f.TICKET_CODE: code,
        f.DEVICE_ID: device_id(kiosk_number),
        f.JOINED_DATETIME: joined.isoformat(),
        f.RESIDENTS: residents,
    }


def rating_payload(
    code: str, rating: Rating, *, kiosk_number: int, rated: datetime
) -> dict[str, object]:
    """POST /requests/{code}/ratings.json: a resident's rating of closed ticket `code`."""
    return {
        f.TICKET_CODE: code,
        f.RATING: rating.value,
        f.DEVICE_ID: device_id(kiosk_number),
        f.RATED_DATETIME: rated.isoformat(),
    }
