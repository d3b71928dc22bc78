"""Following the published content (issue 19): one conditional read a sync round.

`GET kiosk/content.json` with the last ETag seen: an idle round is one 304. A new version's files
are fetched by SHA-256, each checked against its digest and kept as it arrives (a cut download
goes on next round), then the whole is handed to the kiosk's content keeper, which checks it and
puts it on the screen or keeps the last good one. A 404 means nothing is published for this
kiosk: it runs on its own file. A garbled answer is the centre's fault, never the kiosk's: it
is logged, nothing changes, and the next round asks again.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from kiosk.config.content_keys import MAX_FILE_BYTES, MAX_TOTAL_BYTES, plain_name
from kiosk.config.textfile import MAX_BYTES
from kiosk.sync.errors import BadAnswerError

if TYPE_CHECKING:  # the client brings `requests`: see kiosk.sync.reply
    from kiosk.sync.client import Open311Client

log = logging.getLogger("kiosk.sync")
CONTENT = "kiosk/content.json"
FILES = "kiosk/content/files/"
_MAX_MANIFEST = 4 * MAX_BYTES  # the text JSON-escaped, with its file list


class ContentSink(Protocol):
    """What the sync worker hands content to (kiosk.core.content.ContentKeeper)."""

    def etag(self) -> str | None: ...
    def cached(self, sha256: str) -> bytes | None: ...
    def cache(self, data: bytes) -> None: ...
    def offer_published(
        self, *, version: int, sha256: str, published: str, text: str, files: Mapping[str, bytes]
    ) -> str: ...


@dataclass(frozen=True)
class Manifest:
    version: int
    sha256: str
    published: str
    text: str
    files: tuple[tuple[str, str, int], ...]  # (name, sha256, size)


def pull_content(client: Open311Client, sink: ContentSink) -> bool:
    """One look at the content in force; True when a new version was offered (used or not).
    Raises SyncError when the centre cannot be asked or answers nonsense."""
    reply = client.get(CONTENT, etag=sink.etag(), max_body=_MAX_MANIFEST)
    if reply.status in (304, 404):
        return False
    if reply.status != 200:
        raise BadAnswerError(f"GET {CONTENT}: HTTP {reply.status}", status=reply.status)
    try:
        manifest = _manifest(reply.json())
    except (ValueError, UnicodeDecodeError):
        manifest = None
    if manifest is None:
        raise BadAnswerError(f"GET {CONTENT}: not a content manifest", status=reply.status)
    files = {}
    for name, sha256, size in manifest.files:
        data = sink.cached(sha256)
        if data is None:
            data = _fetch(client, sha256, size)
            sink.cache(data)
        files[name] = data
    problem = sink.offer_published(
        version=manifest.version,
        sha256=manifest.sha256,
        published=manifest.published,
        text=manifest.text,
        files=files,
    )
    if problem:
        log.warning("content version %d not used: %s", manifest.version, problem)
    return True


def _fetch(client: Open311Client, sha256: str, size: int) -> bytes:
    reply = client.get(FILES + sha256, max_body=MAX_FILE_BYTES)
    if reply.status != 200:
        raise BadAnswerError(f"GET {FILES}{sha256[:12]}…: HTTP {reply.status}", status=reply.status)
    if len(reply.body) != size or hashlib.sha256(reply.body).hexdigest() != sha256:
        raise BadAnswerError(
            f"GET {FILES}{sha256[:12]}…: the file differs from its digest", status=200
        )
    return reply.body


def _manifest(data: object) -> Manifest | None:
    """The answer's fields, every one checked; None when anything is off."""
    if not isinstance(data, dict):
        return None
    version, sha256, published = (
        data.get("version"),
        data.get("sha256"),
        data.get("published_datetime"),
    )
    text, files = data.get("text"), data.get("files")
    if not (
        isinstance(version, int)
        and not isinstance(version, bool)
        and version > 0
        and _digest(sha256)
        and isinstance(published, str)
        and isinstance(text, str)
        and len(text) <= MAX_BYTES
        and isinstance(files, list)
    ):
        return None
    listed = []
    for item in files:
        if not isinstance(item, dict):
            return None
        name, digest, size = item.get("name"), item.get("sha256"), item.get("size")
        if not (
            isinstance(name, str)
            and plain_name(name)
            and _digest(digest)
            and isinstance(size, int)
            and 0 <= size <= MAX_FILE_BYTES
        ):
            return None
        listed.append((name, str(digest), size))
    if sum(size for _, _, size in listed) > MAX_TOTAL_BYTES:
        return None
    return Manifest(version, str(sha256), published, text, tuple(listed))


def _digest(value: object) -> bool:
    return (
        isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
    )
