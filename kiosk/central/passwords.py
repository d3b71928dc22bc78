"""Secrets at rest: staff passwords as salted scrypt hashes, kiosk keys and cookies as SHA-256.

A staff password is chosen by a person and may be weak, so it gets a slow, memory-hard hash
(stdlib `hashlib.scrypt`, no extra package). API keys and session tokens are 256 random bits made
here: a fast hash is enough to make a stolen database useless, and lets the server find the row by
the hash alone.

Password format: `scrypt$N$r$p$SALT$HASH` (unpadded URL-safe base64), readable by any later
version, which may raise N without breaking old hashes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

SCHEME = "scrypt"
N, R, P = 2**14, 8, 1  # ~16 MiB and ~50 ms per check on a Raspberry Pi 4-class machine
_MAXMEM = 64 * 1024 * 1024
_HASH_BYTES = 32
MIN_PASSWORD_LENGTH = 8


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=_HASH_BYTES
    )


def check_password_rules(password: str) -> None:
    """ValueError in plain words when a new staff password is too weak to accept."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"a staff password needs at least {MIN_PASSWORD_LENGTH} characters")
    if password.strip() != password:
        raise ValueError("a staff password must not start or end with a space")


def hash_password(password: str) -> str:
    check_password_rules(password)
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, N, R, P)
    return f"{SCHEME}${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, hashed: str) -> bool:
    """True when `password` matches; a damaged hash never matches and never raises."""
    try:
        scheme, n, r, p, salt, digest = hashed.split("$")
        if scheme != SCHEME or int(n) > 2**20 or int(r) > 32 or int(p) > 16:
            return False
        expected = _unb64(digest)
        actual = _scrypt(password, _unb64(salt), int(n), int(r), int(p))
    except (ValueError, binascii.Error):
        return False
    return hmac.compare_digest(actual, expected)


# A real hash of a random password: checked against when the name is unknown, so a wrong name
# takes as long as a wrong password and the answer's timing does not tell which names exist.
_DUMMY = f"{SCHEME}${N}${R}${P}${_b64(b'echo-kiosk-dummy')}${_b64(bytes(_HASH_BYTES))}"


def waste_a_check(password: str) -> None:
    verify_password(password, _DUMMY)


def new_secret() -> str:
    """256 random bits as text: an API key, a session cookie, a CSRF token, a ticket token."""
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same_secret(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
