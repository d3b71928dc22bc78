"""The staff PIN, kept in the config file only as a salted PBKDF2 hash.

Format: `pbkdf2_sha256$ITERATIONS$SALT$HASH`, salt and hash in unpadded URL-safe base64, so the
value needs no quoting tricks in YAML and can be made with `kiosk hash-pin` on any machine.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

SCHEME = "pbkdf2_sha256"
DEFAULT_ITERATIONS = 200_000
MIN_ITERATIONS = 10_000
MAX_ITERATIONS = 5_000_000  # a typo must not make the staff screen hang for minutes
_HASH_BYTES = 32
_B64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _b64decode(text: str) -> bytes:
    if not text or any(c not in _B64_CHARS for c in text):
        raise ValueError("not base64")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not base64") from exc


def _derive(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def hash_pin(pin: str, *, salt: bytes | None = None, iterations: int = DEFAULT_ITERATIONS) -> str:
    """Hash a staff PIN (4 to 12 digits, as typed on the number pad) for the config file."""
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12):
        raise ValueError("a PIN is 4 to 12 digits")
    if not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"iterations must be {MIN_ITERATIONS} to {MAX_ITERATIONS}")
    salt = secrets.token_bytes(16) if salt is None else salt
    if not salt:
        raise ValueError("the salt must not be empty")
    digest = _derive(pin, salt, iterations)
    return f"{SCHEME}${iterations}${_b64encode(salt)}${_b64encode(digest)}"


def parse_pin_hash(hashed: str) -> tuple[int, bytes, bytes]:
    """Split a stored hash into (iterations, salt, digest); ValueError says what is wrong."""
    parts = hashed.split("$")
    if len(parts) != 4 or parts[0] != SCHEME:
        raise ValueError(
            f"should look like {SCHEME}$200000$SALT$HASH; make one with kiosk hash-pin"
        )
    scheme_iterations, salt_text, digest_text = parts[1:]
    if not (scheme_iterations.isascii() and scheme_iterations.isdigit()):
        raise ValueError(f"the number after {SCHEME}$ should be the iteration count")
    iterations = int(scheme_iterations)
    if not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"the iteration count must be {MIN_ITERATIONS} to {MAX_ITERATIONS}")
    try:
        salt, digest = _b64decode(salt_text), _b64decode(digest_text)
    except ValueError:
        raise ValueError(
            "the salt or hash part is damaged; make a new one with kiosk hash-pin"
        ) from None
    if len(digest) != _HASH_BYTES:
        raise ValueError("the hash part is damaged; make a new one with kiosk hash-pin")
    return iterations, salt, digest


def verify_pin(pin: str, hashed: str) -> bool:
    """True when `pin` matches; a damaged hash never matches and never raises."""
    try:
        iterations, salt, digest = parse_pin_hash(hashed)
    except ValueError:
        return False
    return hmac.compare_digest(_derive(pin, salt, iterations), digest)
