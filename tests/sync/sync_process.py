"""`kiosk sync --once` as its own process, for the tests that kill it with SIGKILL mid-drain.

    python -m tests.sync.sync_process DB URL KEY_FILE KIOSK_NUMBER

Runs `sync_once` with the tests' quick back-off and exits with its code, printing its line.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.sync.once import sync_once
from tests.fixtures.kiosk_side import fast_backoff, kiosk_config, now


def main(argv: list[str]) -> int:
    db, url, key_file, number = argv
    config = kiosk_config(int(number), url, Path(key_file), deadline=2.0)
    code, line = sync_once(config=config, db_path=Path(db), now=now, backoff=fast_backoff())
    print(line, flush=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
