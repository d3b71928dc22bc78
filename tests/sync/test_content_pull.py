"""Following the published content from the sync thread (issue 19): an idle round is one 304, a
new version arrives whole or not at all, and a garbled answer changes nothing on the kiosk."""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kiosk.central import content
from kiosk.config.live import LiveConfig
from kiosk.core.content import ContentKeeper
from kiosk.sync.client import Open311Client
from kiosk.sync.content import CONTENT, pull_content
from kiosk.sync.errors import BadAnswerError
from kiosk.sync.settings import settings_from_config
from tests.fixtures.central_server import CentralServer
from tests.fixtures.content_files import SAMPLE, png, sample_content, with_notice
from tests.fixtures.kiosk_side import KioskSide, kiosk_config


class Answers(ThreadingHTTPServer):
    """A centre on loopback that answers each GET from a table: path -> (status, body)."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.table: dict[str, tuple[int, bytes]] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class _Handler(BaseHTTPRequestHandler):
    server: Answers

    def do_GET(self) -> None:
        status, body = self.server.table.get(self.path.split("?")[0].lstrip("/"), (404, b"{}"))
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def answers() -> Iterator[Answers]:
    server = Answers()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _keeper(folder: Path) -> tuple[LiveConfig, ContentKeeper]:
    shutil.copy(SAMPLE, folder / "kiosk.yaml")
    live = LiveConfig.open(folder / "kiosk.yaml", data_dir=folder / "data")
    return live, ContentKeeper(live, folder / "data", now=lambda: datetime.now(UTC))


def _client(url: str, key_file: Path) -> Open311Client:
    return Open311Client(settings_from_config(kiosk_config(7, url, key_file)))


def _pull(answers: Answers, keeper: ContentKeeper, key_file: Path) -> bool:
    """One content pull from `answers`, as the sync worker makes it."""
    key_file.write_text("k")
    client = _client(answers.url, key_file)
    try:
        return pull_content(client, keeper)
    finally:
        client.close()


def _manifest(text: str, files: dict[str, bytes]) -> dict[str, object]:
    listed = [
        {"name": n, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
        for n, d in files.items()
    ]
    return {
        "version": 9,
        "sha256": "ab" * 32,
        "published_datetime": "2026-12-06T10:00:00+08:00",
        "text": text,
        "files": listed,
    }


def test_an_idle_round_is_one_304_and_a_new_version_is_taken_whole(
    central: CentralServer, kiosk: KioskSide, tmp_path: Path
) -> None:
    live, keeper = _keeper(tmp_path)
    poster = png(120, 90)
    text = with_notice(sample_content(), "pull", "同步来的通知", image="poster.png")
    content.publish(
        central.engine,
        text=text,
        file_name="content.yaml",
        files={"poster.png": poster},
        by="test",
        now=datetime.now(UTC),
        kiosks=[kiosk.device_id],  # this kiosk alone: the shared centre's catalog stays
    )
    client = _client(central.url, kiosk.key_file)
    try:
        assert pull_content(client, keeper) is True
        assert live.current.content.notices[0].title.get("zh") == "同步来的通知"
        assert pull_content(client, keeper) is False
        assert client.get(CONTENT, etag=keeper.etag()).status == 304
    finally:
        client.close()


@pytest.mark.parametrize(
    "garble",
    [
        pytest.param(lambda m: b"<html>502 Bad Gateway</html>", id="not-json"),
        pytest.param(lambda m: json.dumps({**m, "version": "9"}).encode(), id="version-text"),
        pytest.param(
            lambda m: json.dumps(
                {**m, "files": [{**m["files"][0], "name": "../../etc/profile"}]}
            ).encode(),
            id="a-path-for-a-name",
        ),
        pytest.param(lambda m: json.dumps([m]).encode(), id="a-list"),
    ],
)
def test_a_garbled_manifest_changes_nothing(
    answers: Answers, tmp_path: Path, garble: object
) -> None:
    live, keeper = _keeper(tmp_path)
    before = live.current
    poster = png(20, 20)
    manifest = _manifest(with_notice(sample_content(), "x", "乱码"), {"poster.png": poster})
    answers.table[CONTENT] = (200, garble(manifest))  # type: ignore[operator]
    with pytest.raises(BadAnswerError, match="not a content manifest"):
        _pull(answers, keeper, tmp_path / "key")
    assert live.current == before
    assert keeper.etag() is None  # asked again next round


def test_a_file_that_differs_from_its_digest_is_not_used(answers: Answers, tmp_path: Path) -> None:
    live, keeper = _keeper(tmp_path)
    poster = png(20, 20)
    text = with_notice(sample_content(), "x", "被改过的图", image="poster.png")
    manifest = _manifest(text, {"poster.png": poster})
    answers.table[CONTENT] = (200, json.dumps(manifest).encode())
    sha = hashlib.sha256(poster).hexdigest()
    answers.table[f"kiosk/content/files/{sha}"] = (200, png(20, 20, "#000000"))
    with pytest.raises(BadAnswerError, match="differs from its digest"):
        _pull(answers, keeper, tmp_path / "key")
    assert live.current.content.notices[0].title.get("zh") != "被改过的图"


def test_nothing_published_leaves_the_kiosk_on_its_own_file(
    answers: Answers, tmp_path: Path
) -> None:
    live, keeper = _keeper(tmp_path)
    before = live.current
    assert _pull(answers, keeper, tmp_path / "key") is False  # the table answers 404
    assert live.current == before
