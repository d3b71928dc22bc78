"""A resident taps a rating at the kiosk, twice, in a process of its own that the test kills.

    python -m tests.sync.rate_process DB URL KEY_FILE KIOSK_NUMBER CODE RATING

Prints `rated RATING` once `Desk.rate` has returned (what the screen would thank the resident
for), then waits to be killed with SIGKILL before any sync has run.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kiosk.core.desk import Desk
from kiosk.domain.rating import Rating
from kiosk.store.ticket_book import TicketBook
from tests.fixtures.kiosk_side import kiosk_config, now


def main(argv: list[str]) -> int:
    db, url, key_file, number, code, rating = argv
    config = kiosk_config(int(number), url, Path(key_file))
    desk = Desk(book=TicketBook.open(Path(db)), config=lambda: config, now=now)
    desk.rate(code, Rating(rating))
    desk.rate(code, Rating(rating))  # a double tap
    mine = desk.my_rating(code)
    print(f"rated {mine.value if mine else '-'}", flush=True)
    time.sleep(3600)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
