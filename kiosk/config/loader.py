"""Load staff's YAML file into a `KioskConfig`, or say everything that is wrong with it at once.

The steps: read (kiosk.config.textfile: ConfigUnreadable), parse keeping line numbers (one syntax
error), then validate and build (kiosk.config.validate, imported only here and only when a file is
loaded: it brings pydantic).
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from pathlib import Path

from kiosk.config.errors import ConfigInvalid
from kiosk.config.model import KioskConfig
from kiosk.config.textfile import read_config_text

_ICS_FILE = re.compile(r"^(?![ \t]*#).*\bics_file\b", re.MULTILINE)  # outside a comment line


def load_config(path: Path, *, text: str | None = None, content_only: bool = False) -> KioskConfig:
    """Load and check the config at `path` (or `text` read as if it stood at `path`);
    `content_only`: a content file, refusing device settings (kiosk.config.content_file).

    Raises ConfigUnreadable when the file cannot be opened, ConfigInvalid listing every problem.
    """
    if text is None:
        text = read_config_text(path)
    from kiosk.config.validate import validated  # pydantic: when a file is loaded, not before

    with _collector_paused():
        return validated(text, path, content_only=content_only)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a file is loaded (issue 18): a big file makes hundreds
    of thousands of objects, and each full collection they set off holds the GIL for a frame or
    more (140-190 ms frames on the screen while the watcher reloaded 1,000 notices and events;
    31 ms with this). Nothing loaded here needs collecting before the load ends; reference
    counting still frees what is dropped. Left off if someone else paused it already."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def referenced_files(text: str, path: Path) -> tuple[Path, ...]:
    """Files besides `path` whose content becomes part of the config (the calendar file), so a
    watcher can reload when they change; () when the text cannot be parsed."""
    if _ICS_FILE.search(text) is None:
        return ()  # the watcher asks at every change: no second parse of a file without one
    from kiosk.config.yamlfile import parse_yaml  # PyYAML: when a file is parsed, not at start

    try:
        with _collector_paused():
            _, data = parse_yaml(text, path)
    except ConfigInvalid:
        return ()
    schedule = data.get("schedule") if isinstance(data, dict) else None
    name = schedule.get("ics_file") if isinstance(schedule, dict) else None
    if not isinstance(name, str) or not name.strip():
        return ()
    return (path.absolute().parent / Path(name.strip()).expanduser(),)
