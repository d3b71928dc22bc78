"""Tickets too large for the centre (issue 14, defect 6): `feedback add` refuses them before a
code is printed, and one the store holds anyway (from an older version) is rejected for good,
named to staff, and does not hold back the tickets queued behind it."""

from __future__ import annotations

import sqlite3
import uuid
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.domain.request_limits import MAX_BODY, MAX_DESCRIPTION
from kiosk.domain.tickets import Draft
from kiosk.store.outbox import Outbox
from kiosk.store.ticket_book import TicketBook
from kiosk.wire.device import device_id
from tests.field.kiosk_card import card, description_at_centre, key_for
from tests.fixtures.central_server import CentralServer
from tests.fixtures.kiosk_side import BASE_CONFIG

REPAIR = next(c for c in BASE_CONFIG.content.categories if c.code == "property-repair")


def _stored_by_an_older_version(db_path: Path, number: int, text: str) -> str:
    """A ticket the older `feedback add` took without a length check, straight into the store."""
    book = TicketBook.open(db_path)
    try:
        draft = Draft(draft_id=str(uuid.uuid4()), category=REPAIR.code, free_text=text)
        now = datetime.now(ZoneInfo("Asia/Shanghai"))
        return book.submit(draft, category=REPAIR, kiosk_number=number, now=now).code
    finally:
        book.close()


def test_feedback_add_refuses_a_text_longer_than_the_centre_takes_and_prints_no_code(
    central: CentralServer, tmp_path: Path
):
    desk = card(tmp_path / "card", 441, key_for(central, tmp_path, 441), central.url)
    refused = desk.add("漏" * (MAX_DESCRIPTION + 1))
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert "description" in refused.stderr
    assert str(MAX_DESCRIPTION) in refused.stderr
    if desk.db_path.exists():
        with sqlite3.connect(desk.db_path) as conn:
            assert conn.execute("SELECT COUNT(*) FROM tickets").fetchone() == (0,)
    assert desk.add("漏" * MAX_DESCRIPTION).returncode == 0  # the limit itself is fine


def test_an_oversized_ticket_is_rejected_with_its_reason_and_the_queue_behind_it_still_goes(
    central: CentralServer, tmp_path: Path
):
    desk = card(tmp_path / "card", 442, key_for(central, tmp_path, 442), central.url)
    assert desk.sync().returncode == 0
    huge = _stored_by_an_older_version(desk.db_path, 442, "x" * (MAX_BODY + 1))  # 413
    long = _stored_by_an_older_version(desk.db_path, 442, "y" * (MAX_DESCRIPTION + 1))  # 400
    behind = [desk.code(f"queued behind, report {i}") for i in range(2)]

    synced = desk.sync()

    assert synced.returncode == 1
    lines = synced.stderr.splitlines()
    assert any(huge in line and "413" in line for line in lines), synced.stderr
    assert any(long in line and "400" in line and "description" in line for line in lines), (
        synced.stderr
    )
    assert central.tickets(device_id(442)) == Counter(dict.fromkeys(behind, 1))
    for i, code in enumerate(behind):
        assert description_at_centre(central, code) == f"queued behind, report {i}"
    outbox = Outbox.open(desk.db_path)
    try:
        reasons = {item.ticket_code: item.reason for item in outbox.rejected()}
        assert outbox.counts().waiting == 0
    finally:
        outbox.close()
    assert reasons.keys() == {huge, long}
    assert "413" in reasons[huge]
    assert "400" in reasons[long]
