"""Reading what a kiosk posts: Open311 form fields in, a checked new ticket or voice out.

The kiosk's payload (kiosk.wire.payloads.request_payload) is trusted for what it printed on
the receipt: its ticket code, its promised date and its responsible person stand, because a
resident holds them on paper. What the kiosk leaves out is filled from the category (定人、定时).
Only an authenticated kiosk gets here, and only for its own device id and its own ticket codes.
Open311 fields for personal details (email, first_name, last_name) are not kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from kiosk.central.accounts import Kiosk
from kiosk.central.errors import Open311Error
from kiosk.central.services import PHRASES, Catalog
from kiosk.central.times import EARLIEST, LATEST, BadInstantError, end_of_day, parse_instant
from kiosk.domain.content import Category
from kiosk.domain.rating import Rating
from kiosk.domain.request_limits import (
    MAX_ADDRESS_ID,
    MAX_DESCRIPTION,
    MAX_PHONE,
    MAX_RESPONSIBLE,
)
from kiosk.domain.ticket_code import KIOSK_DIGITS, is_valid
from kiosk.domain.ticket_secret import digest, is_secret
from kiosk.wire import fields as f

Pairs = Sequence[tuple[str, str]]
_PHONE_CHARS = frozenset("0123456789+- ()")
MAX_WHOLE_DIGITS = 18  # fits a 64-bit column


@dataclass(frozen=True)
class NewTicket:
    code: str | None  # None: the centre numbers it
    device_id: str
    category: Category
    description: str
    public_description: str
    attributes: dict[str, list[str]]
    phone: str
    address_id: str | None
    requested: datetime
    expected: datetime
    agency_responsible: str
    lang: str = ""  # the resident's language; "" from a kiosk older than issue 17
    secret_digest: str | None = None  # digest of the receipt's secret; None: no status link


@dataclass(frozen=True)
class NewVoice:
    code: str
    device_id: str
    joined: datetime
    residents_reported: int | None


@dataclass(frozen=True)
class NewRating:
    code: str
    device_id: str
    rating: Rating
    rated: datetime


def first(pairs: Pairs, name: str) -> str | None:
    return next((value for key, value in pairs if key == name), None)


def attributes(pairs: Pairs) -> dict[str, list[str]]:
    """`attribute[code]=v` and `attribute[code][]=v` (repeated), as {code: [v, ...]}."""
    found: dict[str, list[str]] = {}
    for key, value in pairs:
        if key.startswith("attribute[") and "]" in key:
            code = key[len("attribute[") : key.index("]")]
            if code and key[key.index("]") + 1 :] in ("", "[]"):
                found.setdefault(code, []).append(value)
    return found


def whole_number(pairs: Pairs, name: str) -> int | None:
    """A count or size field: None when absent, a 400 naming it unless 0..MAX_WHOLE digits.
    Without the bound a kiosk's garbled number overflows the database (a 500, retried for ever)."""
    text = (first(pairs, name) or "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_WHOLE_DIGITS:
        shown = text if len(text) <= 40 else text[:40] + "..."
        largest = 10**MAX_WHOLE_DIGITS - 1
        raise Open311Error(400, f"{name} must be a whole number from 0 to {largest}, got {shown!r}")
    return int(text)


def instant_field(name: str, value: str | None, catalog: Catalog) -> datetime | None:
    """A date-time field or query parameter: None when absent, a 400 naming it when garbled."""
    if not value:
        return None
    try:
        return parse_instant(value, catalog.zone)
    except BadInstantError:
        raise Open311Error(
            400,
            f"{name} must be an ISO 8601 date-time between {EARLIEST.year} and "
            f"{LATEST.year - 1}, got {value[:40]!r}",
        ) from None


def _instant(pairs: Pairs, name: str, catalog: Catalog) -> datetime | None:
    return instant_field(name, (first(pairs, name) or "").strip(), catalog)


def _own_device(pairs: Pairs, kiosk: Kiosk) -> str:
    given = (first(pairs, f.DEVICE_ID) or "").strip()
    if given and given != kiosk.device_id:
        raise Open311Error(403, f"this api_key belongs to kiosk {kiosk.device_id}, not {given}")
    return kiosk.device_id


def _own_code(code: str, kiosk: Kiosk) -> str:
    if not is_valid(code):
        raise Open311Error(400, f"ticket_code {code!r} is not a valid ticket code")
    if code[:KIOSK_DIGITS] != kiosk.device_id:
        raise Open311Error(403, f"ticket_code {code} was not issued by kiosk {kiosk.device_id}")
    return code


def _limited(pairs: Pairs, name: str, limit: int) -> str:
    value = (first(pairs, name) or "").strip()
    if len(value) > limit:
        raise Open311Error(400, f"{name} is longer than {limit} characters")
    return value


def _lang(pairs: Pairs, catalog: Catalog) -> str:
    """The resident's language: one of the catalogue's, or "" when an older kiosk sent none."""
    lang = (first(pairs, f.LANG) or "").strip()
    if lang and lang not in catalog.languages:
        shown = lang if len(lang) <= 20 else lang[:20] + "..."
        choices = ", ".join(catalog.languages)
        raise Open311Error(400, f"{f.LANG} must be one of {choices}, got {shown!r}")
    return lang


def _secret_digest(pairs: Pairs) -> str | None:
    """Only the digest is kept; the secret itself is never stored, logged or echoed."""
    secret = (first(pairs, f.TICKET_SECRET) or "").strip()
    if not secret:
        return None
    if not is_secret(secret):
        raise Open311Error(
            400, f"{f.TICKET_SECRET} must be 16 to 64 characters of A-Z, a-z, 0-9, _ and -"
        )
    return digest(secret)


def new_ticket(pairs: Pairs, *, catalog: Catalog, kiosk: Kiosk, now: datetime) -> NewTicket:
    """The ticket a POST /requests.json asks for, or Open311Error (400/403/404) saying why not."""
    service_code = (first(pairs, f.SERVICE_CODE) or "").strip()
    if not service_code:
        raise Open311Error(400, "service_code is required")
    category = catalog.category(service_code)
    if category is None:
        raise Open311Error(404, f"service_code {service_code!r} not found")
    device = _own_device(pairs, kiosk)
    code_text = (first(pairs, f.TICKET_CODE) or "").strip()
    code = _own_code(code_text, kiosk) if code_text else None
    description = _limited(pairs, f.DESCRIPTION, MAX_DESCRIPTION)
    phone = _limited(pairs, f.PHONE, MAX_PHONE)
    if not set(phone) <= _PHONE_CHARS:
        raise Open311Error(400, "phone may hold only digits, spaces and + - ( )")
    attrs = attributes(pairs)
    phrases = catalog.phrase_texts(category, attrs.get(PHRASES, []))
    requested = _instant(pairs, f.REQUESTED_DATETIME, catalog) or now
    expected = _instant(pairs, f.EXPECTED_DATETIME, catalog) or end_of_day(
        requested, category.deadline_days, catalog.zone
    )
    responsible = _limited(
        pairs, f.AGENCY_RESPONSIBLE, MAX_RESPONSIBLE
    ) or category.responsible.get(category.responsible.default_lang)
    return NewTicket(
        code=code,
        device_id=device,
        category=category,
        description=description or "\n".join(phrases),
        public_description="\n".join(phrases),
        attributes=attrs,
        phone=phone,
        address_id=_limited(pairs, f.ADDRESS_ID, MAX_ADDRESS_ID) or None,
        requested=requested,
        expected=expected,
        agency_responsible=responsible,
        lang=_lang(pairs, catalog),
        secret_digest=_secret_digest(pairs),
    )


def _check_path_code(pairs: Pairs, code: str) -> None:
    """The ticket in the path: a valid code, and the same as any `ticket_code` in the body."""
    given = (first(pairs, f.TICKET_CODE) or "").strip()
    if given and given != code:
        raise Open311Error(400, f"ticket_code {given} does not match the path's {code}")
    if not is_valid(code):
        raise Open311Error(400, f"{code!r} is not a valid ticket code")


def new_voice(
    pairs: Pairs, code: str, *, catalog: Catalog, kiosk: Kiosk, now: datetime
) -> NewVoice:
    """One more resident on ticket `code` (POST /requests/{code}/voices.json). Only on the
    kiosk's own ticket (403): a kiosk joins a resident to a ticket in its own book."""
    device = _own_device(pairs, kiosk)
    _check_path_code(pairs, code)
    _own_code(code, kiosk)
    return NewVoice(
        code=code,
        device_id=device,
        joined=_instant(pairs, f.JOINED_DATETIME, catalog) or now,
        residents_reported=whole_number(pairs, f.RESIDENTS),
    )


def new_rating(
    pairs: Pairs, code: str, *, catalog: Catalog, kiosk: Kiosk, now: datetime
) -> NewRating:
    """A resident's rating of ticket `code` (POST /requests/{code}/ratings.json). Any kiosk may
    send it: a resident can look up and rate a ticket reported at another kiosk."""
    device = _own_device(pairs, kiosk)
    _check_path_code(pairs, code)
    value = (first(pairs, f.RATING) or "").strip()
    try:
        rating = Rating(value)
    except ValueError:
        choices = ", ".join(r.value for r in Rating)
        raise Open311Error(400, f"rating must be one of {choices}") from None
    rated = _instant(pairs, f.RATED_DATETIME, catalog) or now
    return NewRating(code=code, device_id=device, rating=rating, rated=rated)
