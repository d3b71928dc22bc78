"""The wall's store knows whether the centre's feed has ever answered (issue 15: zeros before
the first sync looked like a community where nothing was ever reported)."""

from __future__ import annotations

from pathlib import Path

from kiosk.store.remote import RemoteStore


def test_a_fresh_store_has_received_no_feed_and_an_empty_answer_counts(tmp_path: Path):
    remote = RemoteStore.open(tmp_path / "tickets.sqlite3")
    try:
        assert not remote.feed_received()
        remote.apply_requests([], cursor=None, etag=None)  # an empty feed moves no cursor
        assert remote.feed_received()
    finally:
        remote.close()
    reopened = RemoteStore.open(tmp_path / "tickets.sqlite3")
    try:
        assert reopened.feed_received(), "kept across a restart"
    finally:
        reopened.close()
