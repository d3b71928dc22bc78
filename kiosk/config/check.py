"""`kiosk check-config FILE`: staff check an edited file before it goes live, without a kiosk.

A good file may still get warnings, printed after its OK line as `FILE: warning: ...`: the kiosk
runs as it is, but something residents need does not work yet (a QR code phones cannot open).

Exit codes: 0 the file is good (with or without warnings), 1 it has problems (each on its own
FILE:LINE line), 2 it cannot be read (a folder, a pipe, too big, no permission), 3 the checker
itself failed (a bug; still reported in one line, never as a traceback).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from kiosk.config.errors import ConfigInvalid, ConfigUnreadable
from kiosk.config.loader import load_config
from kiosk.config.model import KioskConfig
from kiosk.config.public_url import public_url_warning

log = logging.getLogger(__name__)

OK, INVALID, UNREADABLE, INTERNAL = 0, 1, 2, 3


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def summary(config: KioskConfig) -> str:
    """'4 notices, 3 rooms, 6 events, 6 categories, 6 amenities'."""
    c = config.content
    amenities = len(c.red_post.amenities) if c.red_post is not None else 0
    return ", ".join(
        [
            _count(len(c.notices), "notice"),
            _count(len(c.rooms), "room"),
            _count(len(c.events), "event"),
            _count(len(c.categories), "category", "categories"),
            _count(amenities, "amenity", "amenities"),
        ]
    )


def warnings(config: KioskConfig) -> list[str]:
    """What works, but not for residents yet: one sentence each, in staff's words."""
    found = public_url_warning(config.central)
    return [found.sentence()] if found is not None else []


def check_config(path: Path, out: TextIO, err: TextIO) -> int:
    """Check the file at `path`; print a one-line summary or every problem; return the exit code."""
    try:
        config = load_config(path)
    except ConfigUnreadable as exc:
        print(exc.error, file=err)
        return UNREADABLE
    except ConfigInvalid as exc:
        for error in exc.errors:
            print(error, file=err)
        print(f"{path}: {_count(len(exc.errors), 'problem')} found", file=err)
        return INVALID
    except Exception as exc:
        log.debug("check-config failed", exc_info=True)
        print(f"{path}: the checker failed ({type(exc).__name__}: {exc}); please report this",
              file=err)  # fmt: skip
        return INTERNAL
    print(f"{path}: OK — {summary(config)}", file=out)
    for warning in warnings(config):
        print(f"{path}: warning: {warning}", file=out)
    return OK


def log_start_warnings(config: KioskConfig) -> list[str]:
    """At start, what works but not for residents yet (a QR code phones cannot open): logged as
    warnings, the same sentences `kiosk check-config` prints; returned for tests."""
    found = warnings(config)
    for warning in found:
        logging.getLogger("kiosk.config").warning("%s", warning)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m kiosk.config.check FILE...`: the worst exit code of all files."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m kiosk.config.check CONFIG.yaml ...", file=sys.stderr)
        return UNREADABLE
    return max(check_config(Path(arg), sys.stdout, sys.stderr) for arg in args)


if __name__ == "__main__":
    raise SystemExit(main())
