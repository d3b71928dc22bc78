"""The secret that makes a ticket's public status link unguessable.

Ticket codes run in sequence and stay short enough to type at the kiosk, so a code alone must
open nothing on the public status page. The kiosk makes a random secret when it stores a ticket
(offline too), prints it only inside the receipt's QR link, and sends it with the ticket; the
centre keeps its digest and shows the page only to a link carrying the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

SECRET_BYTES = 12  # 96 bits: 16 URL-safe characters, short enough for a small QR code
_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def is_secret(text: str) -> bool:
    """Whether `text` has a secret's shape (a kiosk may only send such)."""
    return bool(_SHAPE.fullmatch(text))


def digest(secret: str) -> str:
    """What the centre stores: sha256 hex, so a leaked database opens no status page."""
    return hashlib.sha256(secret.encode()).hexdigest()


def matches(secret: str | None, stored_digest: str | None) -> bool:
    """Constant-time check of a link's secret against the stored digest; no digest, no match."""
    if not secret or not stored_digest or not is_secret(secret):
        return False
    return hmac.compare_digest(digest(secret), stored_digest)
