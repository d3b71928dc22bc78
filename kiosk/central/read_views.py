"""Who is reading the requests: a kiosk by the key in its `X-Api-Key` header, or anyone.

A kiosk's view holds every ticket with its kiosk and place; anyone else gets what the Echo Wall
publishes (open311.py and views.py shape both). A wrong key is a 403, never a silent fall back to
the public view: a kiosk with a rotated key must notice, not think its open tickets had gone.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Header

from kiosk.central import accounts, db
from kiosk.central.errors import Open311Error
from kiosk.central.models import EXTENSION
from kiosk.central.state import Central
from kiosk.wire import fields as f

ApiKeyHeader = Annotated[
    str | None,
    Header(
        alias=f.API_KEY_HEADER,
        description="extension: a kiosk's key (`kiosk central add-kiosk`): the kiosk's view, "
        "with open tickets, device_id and the place. Without it: the Echo Wall's public view "
        "(closed tickets only, no kiosk or place). A wrong key is a 403.",
        json_schema_extra=EXTENSION,
    ),
]
KIOSK, PUBLIC = "kiosk", "public"  # also mixed into the ETag (open311._body)


def view_for(central: Central, api_key: str | None) -> str:
    """Which view a read gets: a valid key, the kiosk's; none, the public; a wrong one, 403."""
    key = (api_key or "").strip()
    if not key:
        return PUBLIC
    with db.reading(central.engine) as conn:
        kiosk = accounts.kiosk_for_key(conn, key)
    if kiosk is None:
        raise Open311Error(403, f"the {f.API_KEY_HEADER} header holds no valid kiosk key")
    return KIOSK
