"""Content from a USB stick, for a kiosk with no network (issue 19).

The system mounts each stick read-only (nosuid, nodev, noexec, nosymfollow) under STICK_ROOT
(deploy/raspberrypi: a udev rule and `echo-kiosk-usb@.service`); the kiosk itself never mounts.
This watcher looks there every few seconds for `ECHO-KIOSK/content.yaml`, reads that file and
only the pictures it names (plain names in the same folder, never through a link), and hands
them to the content keeper: the same checks as a version from the centre. Nothing else on the
stick is read, run or trusted. Each result goes to `on_result` for the staff member standing at
the kiosk (the UI shows and speaks it in both languages).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.config.content_file import attached_files, load_content
from kiosk.config.content_keys import CONTENT_FILE, MAX_FILE_BYTES
from kiosk.config.errors import ConfigInvalid, ConfigUnreadable, errors_of
from kiosk.config.textfile import read_config_text
from kiosk.core.content import ContentKeeper

log = logging.getLogger("kiosk.content")
STICK_ROOT = Path("/run/echo-kiosk/usb")
STICK_FOLDER = "ECHO-KIOSK"  # the folder on the stick, as the README tells staff
SHOWN_AS = Path(STICK_FOLDER) / CONTENT_FILE


@dataclass(frozen=True)
class StickResult:
    problem: str = ""  # "": the stick's content is on the screen
    notices: int = 0


class StickWatcher:
    def __init__(
        self,
        keeper: ContentKeeper,
        *,
        on_result: Callable[[StickResult], None],
        root: Path = STICK_ROOT,
        interval: float = 2.0,
    ) -> None:
        self._keeper = keeper
        self._on_result = on_result
        self._root = root
        self._interval = interval
        self._seen: dict[str, tuple[int, int, int]] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="kiosk-stick", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5.0)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.check_now()
            except Exception:  # a stick pulled mid-read, a bug: logged, the kiosk runs on
                log.exception("reading a USB stick failed")
            self._stop.wait(self._interval)

    def check_now(self) -> list[StickResult]:
        """Look at every mounted stick once; the results of those newly plugged in (or changed)."""
        results = []
        present = set()
        for mount in _mounts(self._root):
            path = mount / SHOWN_AS
            try:
                info = path.lstat()
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                continue
            present.add(mount.name)
            signature = (info.st_ino, info.st_size, info.st_mtime_ns)
            if self._seen.get(mount.name) == signature:
                continue
            self._seen[mount.name] = signature
            result = self._apply(path)
            if result.problem:
                log.warning("content on the USB stick not used: %s", result.problem)
            else:
                log.info("content from the USB stick in use")
            self._on_result(result)
            results.append(result)
        for gone in set(self._seen) - present:
            del self._seen[gone]  # plugged in again later: read again
        return results

    def _apply(self, path: Path) -> StickResult:
        try:
            text = read_config_text(path)
            config = load_content(path, text=text)
            named = attached_files(config, path, text)
        except (ConfigInvalid, ConfigUnreadable) as failure:
            first = errors_of(failure)[0]
            return StickResult(problem=str(dataclasses.replace(first, file=SHOWN_AS)))
        files = {}
        for name, file in named.items():
            data = _read_plain(file)
            if data is None:
                return StickResult(problem=f"{STICK_FOLDER}/{name}: not a plain file, or too big")
            files[name] = data
        problem = self._keeper.offer_stick(text, files)
        return StickResult(problem=problem, notices=0 if problem else len(config.content.notices))


def _mounts(root: Path) -> list[Path]:
    try:
        return sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink())
    except OSError:
        return []  # no stick was ever plugged in: the folder is not there


def _read_plain(path: Path) -> bytes | None:
    """The file's bytes, never through a symbolic link, at most MAX_FILE_BYTES; None otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        data = os.read(fd, MAX_FILE_BYTES + 1)
        chunks = [data]
        while data and sum(len(c) for c in chunks) <= MAX_FILE_BYTES:
            data = os.read(fd, MAX_FILE_BYTES + 1)
            chunks.append(data)
        whole = b"".join(chunks)
        return whole if len(whole) <= MAX_FILE_BYTES else None
    finally:
        os.close(fd)
