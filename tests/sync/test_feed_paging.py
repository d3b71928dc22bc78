"""The changes feed from a generic Open311 server that pages by count alone: a page over the
kiosk's size cap is asked for again with fewer items, and one item past the cap fails the pull
with the reason instead of stalling it in silence. The server is a tiny http.server on loopback."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from kiosk.store.remote import REQUESTS_CURSOR, RemoteStore
from kiosk.sync.client import Open311Client
from kiosk.sync.errors import BadAnswerError
from kiosk.sync.pulls import pull_changes
from kiosk.sync.settings import SyncSettings

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


class GenericFeed(ThreadingHTTPServer):
    """GET /requests.json?updated_after=…: at-or-after, oldest first, `page_size` (or 1000)
    items at most when `honours_page_size`, else always 1000; no Feed-After header."""

    def __init__(self, *, honours_page_size: bool, notes: str = NOTES) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.items = [_item(n, notes) for n in range(ITEMS)]
        self.honours_page_size = honours_page_size
        self.asked: list[str | None] = []  # the page_size of every request, None when not sent

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class _Handler(BaseHTTPRequestHandler):
    server: GenericFeed

    def do_GET(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        after = datetime.fromisoformat(query["updated_after"][0])
        size = query.get("page_size", [None])[0]
        self.server.asked.append(size)
        count = int(size) if size and self.server.honours_page_size else 1000
        page = [
            i
            for i in self.server.items
            if datetime.fromisoformat(str(i["updated_datetime"])) >= after
        ][:count]
        body = json.dumps(page).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _serve(server: GenericFeed) -> Iterator[GenericFeed]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[RemoteStore]:
    remote = RemoteStore.open(tmp_path / "kiosk.sqlite3")
    yield remote
    remote.close()


def _client(feed: GenericFeed) -> Open311Client:
    return Open311Client(SyncSettings(url=feed.url, api_key="k", device_id="001", deadline=10.0))


def test_an_oversized_page_is_asked_for_again_with_half_as_many_items(store: RemoteStore):
    with _serve(GenericFeed(honours_page_size=True)) as feed:
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
    with _serve(GenericFeed(honours_page_size=False, notes="x" * 1_100_000)) as feed:
        client = _client(feed)
        try:
            with pytest.raises(BadAnswerError, match="even one item is over the 1048576-byte cap"):
                pull_changes(client, store)
        finally:
            client.close()
        assert store.state(REQUESTS_CURSOR) is None
        assert store.wall(100) == []
        assert feed.asked[-1] == "1"
