"""A kiosk's SD card is replaced and the new one starts offline (issue 14, defect 4): every code
it prints reaches the centre once, as its own ticket, and none is refused; later codes, counted
above the floor the centre gives, never meet an old one either."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kiosk.domain.ticket_code import make_code, spoken_groups
from kiosk.wire.device import device_id
from tests.field.kiosk_card import (
    card,
    closed_url,
    description_at_centre,
    key_for,
    status_page,
)
from tests.fixtures.central_server import CentralServer

NUMBER = 431


def test_a_new_card_that_starts_offline_gets_every_ticket_to_the_centre_as_its_own(
    central: CentralServer, tmp_path: Path
):
    key = key_for(central, tmp_path, NUMBER)
    old = card(tmp_path / "old-card", NUMBER, key, central.url)
    assert old.sync().returncode == 0  # as installed: the floor is heard before the first ticket
    said = {old.code(f"old card, report {i}"): f"old card, report {i}" for i in range(3)}
    assert list(said) == [make_code(NUMBER, n) for n in (1, 2, 3)]
    synced = old.sync()
    assert synced.returncode == 0, synced.stderr
    old_codes = set(said)

    new = card(tmp_path / "new-card", NUMBER, key, closed_url())  # the old card's data is gone
    offline = {new.code(f"new card offline, report {i}"): f"new card offline, report {i}"
               for i in range(3)}  # fmt: skip
    assert len(offline) == 3
    assert not offline.keys() & said.keys(), "the new card printed an old card's code"
    said |= offline

    new.point_at(central.url)
    synced = new.sync()
    assert synced.returncode == 0, synced.stderr
    assert "rejected" not in synced.stderr

    after = new.code("new card, after the floor was heard")
    assert after == make_code(NUMBER, 4)
    said[after] = "new card, after the floor was heard"
    synced = new.sync()
    assert synced.returncode == 0, synced.stderr

    assert central.tickets(device_id(NUMBER)) == Counter(dict.fromkeys(said, 1))
    assert set(central.keys(device_id(NUMBER)).values()) == {1}
    for code, text in said.items():
        assert description_at_centre(central, code) == text, code
        page = status_page(central, old if code in old_codes else new, code)
        assert page.status_code == 200, code
        assert " ".join(spoken_groups(code)) in page.text, code
