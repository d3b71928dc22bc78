"""The published content a kiosk keeps on its own disk, and what it knows of the centre's.

`<data-dir>/content/` holds one folder per version it received (the content file and its files,
laid out whole by kiosk.config.content_folder), a cache of the files fetched so far by SHA-256 (a
cut download goes on where it stopped), and `state.json`: the version in use, the last one seen
from the centre, and a version it refused with the reason. The state file is replaced atomically,
so after a power cut the kiosk starts on the last good version, never on half of one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kiosk.config.content_folder import lay_out
from kiosk.config.content_keys import CONTENT_FILE
from kiosk.config.lastgood import replace_file

log = logging.getLogger("kiosk.config")
FOLDER = "content"
_STATE = "state.json"
_FILES = "files"


@dataclass(frozen=True)
class Applied:
    """A content version in use: from the centre (`version` its number) or a USB stick (0)."""

    version: int
    sha256: str
    source: str  # "centre" or "usb"
    published: str  # ISO time it was published; a stick's: when it was plugged in
    folder: str  # under the content folder

    @property
    def label(self) -> str:
        return f"{self.version}" if self.source == "centre" else f"USB {self.sha256[:8]}"


@dataclass(frozen=True)
class ContentState:
    in_use: Applied | None = None
    seen: str = ""  # the centre's last version digest looked at: its ETag
    refused: int | None = None  # the centre's version it could not use
    problem: str = ""  # why, for staff (the heartbeat, the kiosks page)


@dataclass(frozen=True)
class ContentReport:
    """For the heartbeat: the centre's version shown, one refused, and why."""

    version: int | None = None
    refused: int | None = None
    problem: str = ""


class ContentStore:
    """`<data-dir>/content`. Only the sync thread and the USB watcher write; both through the
    content keeper, one at a time."""

    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / FOLDER

    def state(self) -> ContentState:
        try:
            data = json.loads((self.root / _STATE).read_text(encoding="utf-8"))
            in_use = data.get("in_use")
            return ContentState(
                in_use=Applied(**in_use) if isinstance(in_use, dict) else None,
                seen=str(data.get("seen") or ""),
                refused=_whole(data.get("refused")),
                problem=str(data.get("problem") or ""),
            )
        except FileNotFoundError:
            return ContentState()
        except (OSError, ValueError, TypeError, AttributeError) as error:
            log.error("content state unreadable, running on the kiosk's own file: %s", error)
            return ContentState()

    def save(self, state: ContentState) -> None:
        """Raises OSError (a full disk): the caller reports it and keeps what it had."""
        self.root.mkdir(parents=True, exist_ok=True)
        data: dict[str, Any] = asdict(state)
        replace_file(self.root / _STATE, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        self._prune(state)

    def path_of(self, applied: Applied) -> Path:
        return self.root / applied.folder / CONTENT_FILE

    # --- files fetched from the centre, kept by digest until a version is laid out ---

    def cached(self, sha256: str) -> bytes | None:
        try:
            data = (self.root / _FILES / sha256).read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == sha256 else None

    def cache(self, data: bytes) -> None:
        folder = self.root / _FILES
        folder.mkdir(parents=True, exist_ok=True)
        replace_file(folder / hashlib.sha256(data).hexdigest(), data)

    def lay_out(self, folder: str, text: str, files: dict[str, bytes]) -> Path:
        """The version's folder (made whole, or found made already); raises OSError."""
        return lay_out(self.root / folder, text, files)

    def _prune(self, state: ContentState) -> None:
        """The folder in use stays, and the one used before it (the screen may still be drawing
        its pictures); older ones and the file cache go."""
        keep = {state.in_use.folder} if state.in_use else set()
        with contextlib.suppress(OSError):
            folders = [e for e in self.root.iterdir() if e.is_dir() and e.name != _FILES]
            older = sorted(
                (e for e in folders if e.name not in keep and not e.name.endswith(".partial")),
                key=lambda e: e.stat().st_mtime,
            )
            for entry in [*older[:-1], self.root / _FILES]:
                shutil.rmtree(entry, ignore_errors=True)


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
