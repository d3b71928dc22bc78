"""Whether the receipt's QR code can open on a resident's phone: `central.public_url`.

The kiosk often reaches its centre on an address no phone can (the sample's 127.0.0.1, a LAN
address, a `.local` name). A wrong public address is not an error — the kiosk works, only the QR
code does not — so it is a warning: in `kiosk check-config`, in the start-up log and on the staff
panel, saying what to set and where.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from kiosk.config.model import Central

FALLBACK_URL = "http://127.0.0.1:8311/"  # the reference centre next to the kiosk
# Names that resolve only on this machine or this network, never from a phone on mobile data.
_LOCAL_SUFFIXES = (".localhost", ".local", ".lan", ".home", ".internal", ".home.arpa", ".intranet")

Problem = Literal["missing", "local", "not_web"]


@dataclass(frozen=True)
class PublicUrlWarning:
    problem: Problem
    url: str  # the address the QR code carries now

    def sentence(self) -> str:
        """The warning in staff's words (English, as the log and check-config are)."""
        where = "set central.public_url in the kiosk's config file to the address residents' "
        where += "phones reach the centre at (e.g. https://echo.example.org/)"
        if self.problem == "missing":
            return (
                f"central.public_url is not set, so the receipt's QR code carries {self.url}, "
                f"which residents' phones may not open: {where}"
            )
        if self.problem == "local":
            return (
                f"central.public_url is {self.url}, an address only this machine or this "
                f"local network reaches, so residents' phones cannot open the receipt's QR "
                f"code: {where}"
            )
        return (
            f"central.public_url is {self.url}, not a web address starting with http:// or "
            f"https://, so the receipt's QR code opens nothing: {where}"
        )


def qr_base(central: Central) -> str:
    """The address the status link starts with: the public one, else the sync endpoint."""
    return central.public_url or central.url or FALLBACK_URL


def is_local_host(host: str) -> bool:
    """Loopback, private, link-local or unspecified addresses, and names like `localhost` or
    `kiosk.local`, that a phone outside the community's network cannot reach."""
    name = host.strip("[]").rstrip(".").lower()
    if not name:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return name == "localhost" or "." not in name or name.endswith(_LOCAL_SUFFIXES)
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_unspecified
        or address.is_reserved
    )


def public_url_warning(central: Central) -> PublicUrlWarning | None:
    """None when the QR code's address should open on a resident's phone."""
    if not central.public_url:
        return PublicUrlWarning("missing", qr_base(central))
    url = central.public_url
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return PublicUrlWarning("not_web", url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return PublicUrlWarning("not_web", url)
    if is_local_host(host):
        return PublicUrlWarning("local", url)
    return None
