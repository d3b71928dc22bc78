"""The changes feed from a generic Open311 server that pages by count alone: a page over the
kiosk's size cap is asked for again with fewer items, and one item past the cap fails the pull
with the reason instead of stalling it in silence. The server is a tiny http.server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.store.remote import REQUESTS_CURSOR, RemoteStore
from kiosk.sync.client import Open311Client
from kiosk.sync.errors import BadAnswerError
from kiosk.sync.pulls import pull_changes
from kiosk.sync.settings import SyncSettings
from tests.fixtures.generic_feed import GenericFeed, serving

ITEMS = 20
NOTES = "x" * 100_000  # 20 of them: a 2 MB page, twice the kiosk's 1 MiB cap
START = datetime(2024, 12, 1, tzinfo=UTC)


def _item(n: int, notes: str) -> dict[str, object]:
    return {
        "service_request_id": f"req-{n}",
        "status": "closed",
        "status_notes": notes,
        "service_code": "sanitation",
        "requested_datetime": START.isoformat(),
        "updated_datetime": (START + timedelta(minutes=n)).isoformat(),
    }


def _feed(*, honours_page_size: bool, notes: str = NOTES) -> GenericFeed:
    return GenericFeed([_item(n, notes) for n in range(ITEMS)], honours_page_size=honours_page_size)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[RemoteStore]:
    remote = RemoteStore.open(tmp_path / "kiosk.sqlite3")
    yield remote
    remote.close()


def _client(feed: GenericFeed) -> Open311Client:
    return Open311Client(SyncSettings(url=feed.url, api_key="k", device_id="001", deadline=10.0))


def test_an_oversized_page_is_asked_for_again_with_half_as_many_items(store: RemoteStore):
    with serving(_feed(honours_page_size=True)) as feed:
        client = _client(feed)
        try:
            pull = pull_changes(client, store)
        finally:
            client.close()
        assert pull.current
        assert {r.code for r in store.wall(100)} == {f"req-{n}" for n in range(ITEMS)}
        assert store.state(REQUESTS_CURSOR) == feed.items[-1]["updated_datetime"]
        assert feed.asked[:8] == [None, "500", "250", "125", "62", "31", "15", "7"]


def test_one_item_over_the_cap_fails_the_pull_with_the_reason_and_keeps_the_cursor(
    store: RemoteStore,
):
    with serving(_feed(honours_page_size=False, notes="x" * 1_100_000)) as feed:
        client = _client(feed)
        try:
            with pytest.raises(BadAnswerError, match="even one item is over the 1048576-byte cap"):
                pull_changes(client, store)
        finally:
            client.close()
        assert store.state(REQUESTS_CURSOR) is None
        assert store.wall(100) == []
        assert feed.asked[-1] == "1"
