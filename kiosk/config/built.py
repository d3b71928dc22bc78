"""The config the good file built, kept in the data folder so a start on the same file skips
validation and pydantic's import (~0.15 s of a cold start, issue 18: a resident at a dark screen
after a power cut waits for it).

It is used only when everything it was built from is as it was: the file's bytes, where the file
stands (relative paths resolve there), the calendar file it names, the Python and this very code
(the sizes and times of the package's files, so an update, or an edit of the code, builds anew).
Anything else, or a copy that cannot be read, and the file is loaded as usual. The copy is a
pickle, written only by the kiosk itself and readable by its user only, like the last good copy
beside it (it holds the same staff PIN hash).
"""

from __future__ import annotations

import copyreg
import hashlib
import logging
import os
import pickle
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kiosk.config.lastgood import replace_file
from kiosk.config.loader import referenced_files
from kiosk.config.model import KioskConfig
from kiosk.config.textfile import decode_config

log = logging.getLogger("kiosk.config")
BUILT = "built-config.pickle"
_FORMAT = 1


def read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    """Unpickling's way back to a read-only mapping (the type itself has no importable name)."""
    return MappingProxyType(mapping)


def _proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return read_only, (dict(proxy),)


copyreg.pickle(MappingProxyType, _proxy)  # the config's read-only mappings


@cache
def code_stamp() -> str:
    """This Python and this package's code, as sizes and modification times of its files."""
    digest = hashlib.sha256(f"{_FORMAT} {sys.version} {sys.implementation.name}".encode())
    root = str(Path(__file__).resolve().parents[1])  # the kiosk package
    files: list[str] = []
    # os.walk and plain strings, not Path.rglob: ~220 files at every start, and pathlib's
    # objects took 3-4 ms of it before the first frame (issue 18)
    for folder, dirs, names in os.walk(root):
        dirs[:] = [name for name in dirs if name != "__pycache__"]
        files.extend(os.path.join(folder, name) for name in names if name.endswith(".py"))
    for path in sorted(files):
        stat = os.stat(path)
        digest.update(f"{path[len(root) + 1 :]} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


Digests = tuple[tuple[str, str | None], ...]


def digests_of(paths: Iterable[Path]) -> Digests:
    """Each file's path and a digest of its bytes (None: it cannot be read)."""
    return tuple((str(path), _digest(_read(path))) for path in paths)


class BuiltCopy:
    """`data_dir/built-config.pickle`: what the last good file built, and what it was built from."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / BUILT
        # the files besides the config file (the calendar) that the config last recalled or
        # kept here was built from, with their digests: the watcher compares them at its first
        # look (kiosk.config.reload)
        self.deps: Digests = ()

    def recall(self, as_path: Path, data: bytes) -> KioskConfig | None:
        """The config `data` built when it stood at `as_path`, if nothing it depends on changed."""
        try:
            with self.path.open("rb") as file:
                made_from = pickle.load(file)
                if made_from[:3] != (code_stamp(), str(as_path.absolute()), _digest(data)):
                    return None
                deps = tuple(made_from[3])
                if digests_of(Path(dep) for dep, _ in deps) != deps:
                    return None
                config = pickle.load(file)
        except FileNotFoundError:
            return None
        except Exception as exc:  # a damaged or foreign copy: load the file as usual
            log.info("the kept config %s cannot be used (%s); loading the file", self.path, exc)
            return None
        if not isinstance(config, KioskConfig):
            return None
        self.deps = deps
        return config

    def keep(self, as_path: Path, data: bytes, config: KioskConfig) -> None:
        """Keep `config`, built from `data` standing at `as_path`; a failure only costs the next
        start its speed, so it is logged, not raised."""
        try:
            self.deps = digests_of(referenced_files(decode_config(data, as_path), as_path))
            made_from = (code_stamp(), str(as_path.absolute()), _digest(data), self.deps)
            replace_file(self.path, pickle.dumps(made_from) + pickle.dumps(config))
        except Exception as exc:
            log.info("could not keep the built config in %s: %s", self.path, exc)
