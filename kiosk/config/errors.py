"""What can go wrong when staff's config file is read, in words staff can act on.

Exceptions::

    Exception
    ├── ConfigUnreadable   the file cannot be opened at all (check-config exits 2)
    └── ConfigInvalid      the file was read but is wrong; `.errors` lists every problem at once

A `ConfigError` is one problem with its place in the file; `str()` gives the familiar
`FILE:LINE:COLUMN: key.path: message` line editors and staff both understand. A problem with the
whole file (unreadable, empty, too big) points at line 1, so every message has the same shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ConfigError:
    """One problem; `line` and `column` are 1-based, or None when it concerns the whole file."""

    file: Path
    line: int | None
    column: int | None
    key_path: str
    message: str

    def __str__(self) -> str:
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.key_path:
            return f"{where}: {self.key_path}: {self.message}"
        return f"{where}: {self.message}"


class ConfigInvalid(Exception):  # noqa: N818 - the name staff-facing code reads best
    """The file was read but has problems; all of them are in `errors`, sorted by position."""

    def __init__(self, errors: Sequence[ConfigError]) -> None:
        self.errors: list[ConfigError] = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class ConfigUnreadable(Exception):  # noqa: N818
    """The file could not be read at all (missing, no permission, a folder, a pipe, too big)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        self.error = ConfigError(path, 1, None, "", f"cannot read the file: {reason}")
        super().__init__(str(self.error))


def errors_of(failure: ConfigInvalid | ConfigUnreadable) -> list[ConfigError]:
    """The problems of either failure, as the lines staff see."""
    if isinstance(failure, ConfigUnreadable):
        return [failure.error]
    return list(failure.errors)
