"""The content in force for every kiosk, as the centre's own catalog uses it (issue 19).

The centre's categories, places and languages follow the published file, so a category staff
publish is the one the centre accepts and shows: they can no longer differ between the centre and
the kiosks. Each server process looks at the database at most every `seconds` (several worker
processes, or a publish from the command line, are seen within that), and loads a new version
once, laid out in a folder of its own as a kiosk would.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from kiosk.central import content, db
from kiosk.config.content_file import load_content
from kiosk.config.content_folder import lay_out
from kiosk.config.errors import ConfigInvalid, ConfigUnreadable
from kiosk.config.model import KioskConfig

log = logging.getLogger(__name__)


class ContentInForce:
    """`current()`: the content published to every kiosk, or None while there is none."""

    def __init__(
        self,
        engine: Engine,
        *,
        seconds: float = 2.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._engine = engine
        self._seconds = seconds
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._checked: float | None = None
        self._version: int | None = None
        self._config: KioskConfig | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def current(self) -> tuple[int | None, KioskConfig | None]:
        """(version, its content); looks in the database when the last look is old."""
        with self._lock:
            now = self._monotonic()
            if self._checked is None or now - self._checked >= self._seconds:
                self._checked = now
                self._look()
            return self._version, self._config

    def refresh(self) -> None:
        """Look at the next call (this process just published)."""
        with self._lock:
            self._checked = None

    def close(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def _look(self) -> None:
        with db.reading(self._engine) as conn:
            publication = content.in_force(conn, None)
            if publication is None:
                self._version, self._config = None, None
                return
            if publication.version_id == self._version:
                return
            found = content.version(conn, publication.version_id)
            files = (
                {n: content.file_data(conn, s) or b"" for n, s, _ in found.files} if found else {}
            )
        if found is None:
            return
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="echo-central-content-")
        try:
            path = lay_out(Path(self._folder.name) / f"v{found.id}", found.text, files)
            self._config = load_content(path)
        except (ConfigInvalid, ConfigUnreadable, OSError, ValueError) as error:
            log.error("published content version %d cannot be loaded: %s", found.id, error)
            return  # the last one stays in use
        self._version = found.id
