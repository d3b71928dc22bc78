"""The sync worker's settings, from the staff config plus the API key read from where it says.

The key is never in the YAML: `central.api_key_file` names a file (first line, trimmed) and
`central.api_key_env` an environment variable, or else the systemd credential of that name
(`LoadCredential=ECHO_KIOSK_API_KEY:/etc/echo-kiosk/api-key`, as the Pi units do). It is read
again for every round, so staff can rotate it without restarting the kiosk (a credential: restart
the service), and it is never logged, printed or shown: `SyncSettings`
leaves it out of its repr, and errors name the file or variable, never the value.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.config.model import KioskConfig
from kiosk.sync.errors import NotConfiguredError
from kiosk.wire.device import device_id

log = logging.getLogger("kiosk.sync")
MAX_BODY = 1024 * 1024  # no answer of the centre comes near this; a broken proxy might
MAX_READ_GAP = 10.0  # seconds between two bytes of an answer, within the overall deadline


@dataclass(frozen=True, kw_only=True)
class SyncSettings:
    url: str  # the Open311 base, ending in "/"
    api_key: str = field(repr=False)
    device_id: str  # "001": this kiosk, as in its ticket codes
    jurisdiction_id: str | None = None
    ca_bundle: Path | None = None  # None: the system's trusted CAs; TLS is always verified
    connect_timeout: float = 5.0
    read_timeout: float = MAX_READ_GAP
    deadline: float = 20.0  # for one whole request: connect, send, headers and body
    max_body: int = MAX_BODY
    interval: float = 30.0  # between rounds when all is well


def read_api_key(
    *, key_file: Path | None, key_env: str | None, environ: Mapping[str, str] | None = None
) -> str:
    """The key from the file, else the variable; NotConfiguredError names where it looked."""
    env = os.environ if environ is None else environ
    if key_file is not None:
        try:
            mode = key_file.stat().st_mode
            text = key_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
            raise NotConfiguredError(f"cannot read the API key file {key_file}: {reason}") from None
        if mode & (stat.S_IRGRP | stat.S_IROTH):
            log.warning("the API key file %s is readable by others: chmod 600 it", key_file)
        key = text.strip().splitlines()[0].strip() if text.strip() else ""
        if not key:
            raise NotConfiguredError(f"the API key file {key_file} is empty")
        return key
    if key_env:
        key = env.get(key_env, "").strip() or _credential(key_env, env)
        if not key:
            raise NotConfiguredError(
                f"the environment variable {key_env} (the API key) is not set, nor is a systemd "
                f"credential of that name"
            )
        return key
    raise NotConfiguredError("no API key: set central.api_key_file or central.api_key_env")


def _credential(name: str, env: Mapping[str, str]) -> str:
    """The systemd credential `name` (`LoadCredential=NAME:FILE`), first line, or ""."""
    folder = env.get("CREDENTIALS_DIRECTORY", "")
    if not folder:
        return ""
    try:
        text = (Path(folder) / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    return text.strip().splitlines()[0].strip() if text.strip() else ""


def settings_from_config(
    config: KioskConfig, *, environ: Mapping[str, str] | None = None
) -> SyncSettings:
    """What a round needs from the current config; NotConfiguredError says what is missing."""
    central = config.central
    url = (central.url or "").strip()
    if not url:
        raise NotConfiguredError("no central server: central.url is not set")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise NotConfiguredError(f"central.url must be an http:// or https:// address, got {url!r}")
    if not url.endswith("/"):
        url += "/"
    key = read_api_key(key_file=central.api_key_file, key_env=central.api_key_env, environ=environ)
    sync = config.sync
    deadline = max(sync.request_deadline_seconds, 0.1)
    return SyncSettings(
        url=url,
        api_key=key,
        device_id=device_id(config.content.community.kiosk_number),
        jurisdiction_id=central.jurisdiction_id or None,
        ca_bundle=central.ca_bundle,
        connect_timeout=min(sync.connect_timeout_seconds, deadline),
        read_timeout=min(MAX_READ_GAP, deadline),
        deadline=deadline,
        interval=max(sync.interval_seconds, 0.1),
    )
