"""A kiosk's SD card for the field tests: its config file (the sample, as kiosk N of the test's
centre), its data folder, and the `kiosk` commands staff run on it."""

from __future__ import annotations

import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import requests

from kiosk.central import tickets
from kiosk.central.db import reading
from kiosk.receipt.qr import status_url
from tests.field.kiosk_process import run_kiosk_command
from tests.fixtures.central_server import REPO, CentralServer, free_port

SAMPLE = REPO / "config" / "kiosk.yaml"


@dataclass(frozen=True)
class Card:
    """One SD card of kiosk `number`: `config` points at `url` (the centre or a closed port)."""

    number: int
    config: Path
    data_dir: Path

    def add(
        self, text: str, *, category: str = "property-repair"
    ) -> subprocess.CompletedProcess[str]:
        return run_kiosk_command(
            *("feedback", "add", "--category", category, "--text", text),
            *("--config", self.config, "--data-dir", self.data_dir),
        )

    def code(self, text: str, *, category: str = "property-repair") -> str:
        """`feedback add`, which must print one code."""
        done = self.add(text, category=category)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def sync(self) -> subprocess.CompletedProcess[str]:
        return run_kiosk_command(
            "sync", "--once", "--config", self.config, "--data-dir", self.data_dir
        )

    @property
    def db_path(self) -> Path:
        return self.data_dir / "tickets.sqlite3"

    def secret(self, code: str) -> str:
        """The status link's secret this card printed for `code` (in the receipt's QR)."""
        with closing(sqlite3.connect(self.db_path)) as conn:
            row = conn.execute("SELECT secret FROM tickets WHERE code = ?", (code,)).fetchone()
        assert row is not None, code
        return str(row[0])

    def point_at(self, url: str) -> None:
        """Staff bring the card online (or the network comes back): the config names `url`."""
        text = self.config.read_text(encoding="utf-8")
        start = text.index("  url: ") + len("  url: ")
        end = text.index(" ", start)
        self.config.write_text(text[:start] + url + text[end:], encoding="utf-8")


def card(folder: Path, number: int, key_file: Path, url: str) -> Card:
    """A card in `folder` whose config talks to `url` with the key in `key_file`."""
    folder.mkdir(parents=True)
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("http://127.0.0.1:8311/", url)
    text = text.replace("api_key_env: ECHO_KIOSK_API_KEY", f"api_key_file: {key_file}")
    text = text.replace("kiosk_number: 1 ", f"kiosk_number: {number} ")
    config = folder / "kiosk.yaml"
    config.write_text(text, encoding="utf-8")
    return Card(number=number, config=config, data_dir=folder / "data")


def key_for(central: CentralServer, folder: Path, number: int) -> Path:
    key_file = folder / f"kiosk-{number}-key"
    key_file.write_text(central.add_kiosk(number) + "\n")
    key_file.chmod(0o600)
    return key_file


def closed_url() -> str:
    """An address where nothing listens: the card is offline."""
    return f"http://127.0.0.1:{free_port()}/"


def description_at_centre(central: CentralServer, code: str) -> str | None:
    """What the resident said, as the centre stored it under `code` (None: no such ticket)."""
    with reading(central.engine) as conn:
        row = tickets.get(conn, code)
    return None if row is None else row.description


def status_page(central: CentralServer, card: Card, code: str) -> requests.Response:
    """The public status page as the receipt's QR link opens it (with its secret)."""
    link = status_url(central.url, code, secret=card.secret(code))
    return requests.get(link, timeout=(2, 20))
