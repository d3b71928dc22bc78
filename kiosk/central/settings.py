"""What one central server is started with; every value has a default that works on a laptop.

The config and data folders are the kiosk's own (`kiosk.config.paths`): the installed config in
/etc when there is one, else the sample in the clone; data in /var/lib/echo-kiosk when writable,
else the user's data folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kiosk.config.paths import REPO_CONFIG, default_config_path, default_data_dir

__all__ = ["REPO_CONFIG", "default_config_path", "default_data_dir"]
DB_URL_ENV = "ECHO_CENTRAL_DB"
# What `kiosk central serve --workers N` hands each worker process (kiosk.central.app).
CONFIG_ENV = "ECHO_CENTRAL_CONFIG"
BASE_URL_ENV = "ECHO_CENTRAL_BASE_URL"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8311  # the sample config's central.url


def utc_now() -> datetime:
    return datetime.now(UTC)


def default_db_url() -> str:
    """$ECHO_CENTRAL_DB when set (e.g. postgresql+psycopg://...), else a SQLite file."""
    url = os.environ.get(DB_URL_ENV)
    if url:
        return url
    return f"sqlite:///{default_data_dir() / 'central.sqlite3'}"


@dataclass(frozen=True)
class Settings:
    """Keyword-only in spirit: build with names, e.g. `Settings(db_url=..., config_path=...)`."""

    db_url: str = field(default_factory=default_db_url)
    config_path: Path = field(default_factory=default_config_path)
    # The address residents reach (for discovery.json); None: the address the request came to.
    base_url: str | None = None
    session_hours: float = 12.0
    login_window_seconds: float = 15 * 60.0
    login_max_failures_per_name: int = 5  # a guessed staff name is locked for the window
    login_max_failures_per_client: int = 20  # one address trying many names
    config_check_seconds: float = 2.0  # how often the staff YAML's mtime is looked at
    now: Callable[[], datetime] = utc_now  # aware; tests pass a fixed clock
    # The staff page's kiosk warnings (kiosk/central/fleet.py); kiosks beat every 5 minutes.
    kiosk_offline_minutes: float = 60.0
    kiosk_waiting_hours: float = 24.0
    kiosk_low_disk_mb: float = 500.0


def settings_from_environment(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings a worker process was started with: $ECHO_CENTRAL_DB, $ECHO_CENTRAL_CONFIG and
    $ECHO_CENTRAL_BASE_URL, each with the usual default when unset."""
    env = os.environ if environ is None else environ
    config = env.get(CONFIG_ENV)
    return Settings(
        db_url=env.get(DB_URL_ENV) or default_db_url(),
        config_path=Path(config) if config else default_config_path(),
        base_url=env.get(BASE_URL_ENV) or None,
    )


def environment_of(settings: Settings) -> dict[str, str]:
    """`settings` as the variables settings_from_environment reads."""
    env = {DB_URL_ENV: settings.db_url, CONFIG_ENV: str(settings.config_path)}
    if settings.base_url:
        env[BASE_URL_ENV] = settings.base_url
    return env
