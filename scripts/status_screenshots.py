"""The public status page as a resident's phone shows it, for docs/screenshots/.

A real central server on loopback gets a real ticket from a kiosk's store (a Uyghur resident's,
with its receipt's secret); staff answer it in Chinese only, then in both languages; headless
Chromium at a phone's size photographs the page the receipt's QR link opens, in each language,
and the page a code without its secret gets.

    .venv/bin/python scripts/status_screenshots.py [--out docs/screenshots]

Needs Debian's chromium (apt-get install chromium); everything stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import requests

from kiosk.central import accounts, db, tickets
from kiosk.config.loader import load_config
from kiosk.config.model import Central
from kiosk.domain.tickets import Draft
from kiosk.receipt.qr import status_url
from kiosk.store.ticket_book import TicketBook
from kiosk.sync.worker import SyncWorker

REPO = Path(__file__).resolve().parents[1]
PHONE = (412, 915)  # CSS pixels of a common Android phone
ANSWER_ZH = "电梯已经修好，可以正常使用。"
ANSWER_UG = "لىفىت ئوڭشالدى، نورمال ئىشلىتىشكە بولىدۇ."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _shoot(chromium: str, url: str, out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        subprocess.run(
            [
                chromium,
                *("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"),
                *("--disable-background-networking", "--disable-component-update"),
                *("--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}"),
                f"--window-size={PHONE[0]},{PHONE[1]}",
                "--force-device-scale-factor=2",
                f"--screenshot={out}",
                url,
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("needs chromium: apt-get install chromium", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="status-shots-") as tmp:
        folder = Path(tmp)
        db_url = f"sqlite:///{folder / 'central.sqlite3'}"
        engine = db.open_engine(db_url)
        db.migrate(engine)
        key = accounts.add_kiosk(engine, 1, now=datetime.now(UTC), name="docs")
        accounts.add_staff(engine, "社区干部", "docs-only-password", now=datetime.now(UTC))
        port = _free_port()
        base = f"http://127.0.0.1:{port}/"
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "kiosk", "central", "serve", "--db", db_url),
                *("--host", "127.0.0.1", "--port", str(port)),
                *("--config", str(REPO / "config" / "kiosk.yaml")),
            ],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            for _ in range(600):
                try:
                    if requests.get(base + "services.json", timeout=(1, 5)).ok:
                        break
                except requests.RequestException:
                    time.sleep(0.1)
            else:
                raise RuntimeError("the central server did not start")
            key_file = folder / "api-key"
            key_file.write_text(key + "\n")
            key_file.chmod(0o600)
            sample = load_config(REPO / "config" / "kiosk.yaml")
            config = replace(
                sample, central=replace(sample.central, url=base, api_key_file=key_file)
            )
            assert isinstance(config.central, Central)
            category = next(c for c in config.content.categories if c.code == "property-repair")
            book = TicketBook.open(folder / "tickets.sqlite3")
            draft = Draft(str(uuid.uuid4()), category.code, phrases=(0,), place=None, lang="ug")
            now = datetime.now(ZoneInfo(config.content.community.timezone))
            ticket = book.submit(draft, category=category, kiosk_number=1, now=now)
            book.close()
            worker = SyncWorker.open(folder / "tickets.sqlite3", config=lambda: config)
            try:
                assert worker.run_round().ok
            finally:
                worker.close()

            def answer(texts: dict[str, str]) -> None:
                with db.writing(engine) as conn:
                    row = tickets.get(conn, ticket.code)
                    assert row is not None
                    staff_id = conn.execute(
                        db.staff.select().with_only_columns(db.staff.c.id)
                    ).scalar_one()
                    tickets.change(
                        conn,
                        row,
                        staff_id=staff_id,
                        status="closed",
                        responsible=row.agency_responsible,
                        answers_by_lang=texts,
                        now=datetime.now(UTC),
                    )

            def link(lang: str) -> str:
                return status_url(base, ticket.code, lang=lang, secret=ticket.secret)

            answer({"zh": ANSWER_ZH})
            _shoot(chromium, link("ug"), args.out / "status-ug-chinese-answer-only.png")
            answer({"zh": ANSWER_ZH, "ug": ANSWER_UG})
            _shoot(chromium, link("zh"), args.out / "status-zh.png")
            _shoot(chromium, link("ug"), args.out / "status-ug.png")
            _shoot(
                chromium, status_url(base, ticket.code, lang="zh"), args.out / "status-no-key.png"
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
            engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
