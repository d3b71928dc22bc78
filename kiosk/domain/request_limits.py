"""How long a new ticket's fields may be: the centre refuses longer ones (400) for good.

One source for both sides: the central server checks posts against these numbers, and the kiosk's
desk checks a report before it stores it and prints a code, so no printed code stands for a
ticket the centre will never take. Within these limits a ticket's form body stays far under the
centre's 64 KiB (4,000 characters of three UTF-8 bytes each, percent-encoded, are 36,000 bytes).
"""

from __future__ import annotations

from collections.abc import Mapping

MAX_BODY = 64 * 1024  # bytes of one form body; a ticket is a few hundred, no photos are taken
MAX_DESCRIPTION = 4000  # the GeoReport v2 schema's limit
MAX_PHONE = 32
MAX_RESPONSIBLE = 200
MAX_ADDRESS_ID = 100
FIELD_LIMITS: Mapping[str, int] = {
    "description": MAX_DESCRIPTION,
    "phone": MAX_PHONE,
    "agency_responsible": MAX_RESPONSIBLE,
    "address_id": MAX_ADDRESS_ID,
}


def too_long(fields: Mapping[str, object]) -> list[str]:
    """What the centre would refuse in these POST /requests.json fields, one phrase a field."""
    found = []
    for name, limit in FIELD_LIMITS.items():
        value = fields.get(name)
        length = len(value.strip()) if isinstance(value, str) else 0
        if length > limit:
            found.append(f"{name} is {length} characters long, more than the {limit} allowed")
    return found
