"""The content keeper: takes a published version (from the centre or a USB stick), checks it as
this kiosk can use it, and puts it on the screen, or keeps the last good one and says why.

Runs on the sync thread or the stick watcher's, never on the UI thread (a check loads the file
with the validator and decodes every picture); a lock keeps the two from crossing. What a kiosk
runs, refused and why goes to the centre in the heartbeat (kiosk.core.health).

The rule between a stick and the centre: whichever was published last wins. A stick counts as
published when it is plugged in, so it stays until the centre publishes something newer.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from kiosk.config.content_file import load_content
from kiosk.config.content_folder import version_digest
from kiosk.config.content_keys import CONTENT_FILE
from kiosk.config.content_store import Applied, ContentReport, ContentState, ContentStore
from kiosk.config.errors import ConfigInvalid, ConfigUnreadable, errors_of
from kiosk.config.live import LiveConfig
from kiosk.config.model import KioskConfig
from kiosk.core.pictures import picture_problem

log = logging.getLogger("kiosk.content")
CENTRE, USB = "centre", "usb"


class ContentKeeper:
    def __init__(self, live: LiveConfig, data_dir: Path, *, now: Callable[[], datetime]) -> None:
        self._live = live
        self._store = ContentStore(data_dir)
        self._now = now
        self._lock = threading.Lock()
        in_use = self._store.state().in_use
        # the version on this kiosk's screen (LiveConfig.open loaded it at start)
        self._shown = in_use.sha256 if in_use is not None and live.content is not None else ""

    # --- what the sync worker asks (kiosk.sync.content.ContentSink) ---

    def etag(self) -> str | None:
        """The centre's version last looked at. A version another process put in use meanwhile
        (`kiosk sync --once` beside the running kiosk) is taken up first, so this one's 304
        never hides it from the screen."""
        with self._lock:
            state = self._store.state()
            if state.in_use is not None and state.in_use.sha256 != self._shown:
                config, problem = self._checked(self._store.path_of(state.in_use))
                if config is not None:
                    self._live.use_content(config)
                else:  # said once; the next version published is tried as usual
                    log.warning("content %s put in use elsewhere: %s", state.in_use.label, problem)
                self._shown = state.in_use.sha256
            return f'"{state.seen}"' if state.seen else None

    def cached(self, sha256: str) -> bytes | None:
        return self._store.cached(sha256)

    def cache(self, data: bytes) -> None:
        self._store.cache(data)

    def offer_published(
        self, *, version: int, sha256: str, published: str, text: str, files: Mapping[str, bytes]
    ) -> str:
        """Use the centre's version `version`; '' when it is on the screen, else why not."""
        with self._lock:
            state = self._store.state()
            stick = state.in_use if state.in_use and state.in_use.source == USB else None
            if stick is not None and _older(published, stick.published):
                log.info("content version %d is older than the stick in use: kept", version)
                self._save(dataclasses.replace(state, seen=sha256))
                return ""
            applied = Applied(version, sha256, CENTRE, published, f"v{version}-{sha256[:12]}")
            problem, for_good = self._use(applied, text, dict(files), state)
            if problem:
                # a version this kiosk cannot use is not fetched again (its ETag is kept);
                # one that could not be stored (a full disk) is, next round
                seen = sha256 if for_good else state.seen
                self._save(dataclasses.replace(state, seen=seen, refused=version, problem=problem))
            return problem

    def offer_stick(self, text: str, files: Mapping[str, bytes]) -> str:
        """Use the content on a USB stick; '' when it is on the screen, else why not."""
        with self._lock:
            state = self._store.state()
            sha256 = version_digest(text, files)
            if state.in_use is not None and state.in_use.sha256 == sha256:
                return ""  # the same stick again: nothing to do
            now = self._now().isoformat(timespec="seconds")
            applied = Applied(0, sha256, USB, now, f"usb-{sha256[:12]}")
            return self._use(applied, text, dict(files), state)[0]

    def report(self) -> ContentReport:
        state = self._store.state()
        in_use = state.in_use
        version = in_use.version if in_use is not None and in_use.source == CENTRE else None
        return ContentReport(version, state.refused, state.problem)

    # --- the one way in ---

    def _use(
        self, applied: Applied, text: str, files: dict[str, bytes], state: ContentState
    ) -> tuple[str, bool]:
        """('', True) when it is on the screen; else why not, and whether that is for good."""
        try:
            path = self._store.lay_out(applied.folder, text, files)
        except ValueError as error:
            return f"cannot be stored on this kiosk: {error}", True
        except OSError as error:
            return f"could not be stored on this kiosk: {error}", False
        config, problem = self._checked(path)
        if config is None:
            log.warning("content %s refused: %s", applied.label, problem)
            return problem, True
        self._live.use_content(config)
        self._shown = applied.sha256
        fresh = ContentState(in_use=applied, seen=state.seen, refused=None, problem="")
        if applied.source == CENTRE:
            fresh = dataclasses.replace(fresh, seen=applied.sha256)
        self._save(fresh)
        log.info("content %s in use", applied.label)
        return "", True

    def _checked(self, path: Path) -> tuple[KioskConfig | None, str]:
        try:
            config = load_content(path)
        except (ConfigInvalid, ConfigUnreadable) as failure:
            first = errors_of(failure)[0]
            return None, str(dataclasses.replace(first, file=Path(CONTENT_FILE)))
        limit = self._live.device.display.max_picture_px
        for notice in config.content.notices:
            if notice.image is not None and (problem := picture_problem(notice.image, limit)):
                return None, problem
        return config, ""

    def _save(self, state: ContentState) -> None:
        try:
            self._store.save(state)
        except OSError as error:  # a full disk: what is on the screen stays; said once a round
            log.error("content state not saved: %s", error)


def _older(published: str, than: str) -> bool:
    """Whether the centre's publication time is before the stick's; when either cannot be read,
    it is not (the centre's version is used: a garbled date must not pin a stick for ever)."""
    try:
        return datetime.fromisoformat(published) < datetime.fromisoformat(than)
    except (ValueError, TypeError):
        return False
