"""Writes to a ticket book until killed, acknowledging each stored ticket on stdout.

Used by the store tests as a subprocess, with the project's virtual environment:

    crash_writer.py PATH --serve          one JSON job per stdin line; each job forks writers
    crash_writer.py PATH --seed S         write until killed (a fresh process, killed mid-start)
    crash_writer.py PATH --seed S --count N --kiosk K    N submits, then exit

Lines on stdout: `try DRAFT_ID TARGET` before a call (TARGET is `-` for a submit, or the code a
join adds a voice to), `ack DRAFT_ID CODE` once it returned: the acknowledgement the resident
would see. Serving forks writers from an interpreter that has already imported everything, so a
test can kill hundreds of writers in seconds; the server prints `pids ...` after forking and
`done STATUS...` after every writer has ended. Each line is one write(2) under PIPE_BUF bytes, so a
kill never leaves half a line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import traceback
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from kiosk.domain.content import Category
from kiosk.domain.text import Text
from kiosk.domain.tickets import Draft
from kiosk.store.ticket_book import TicketBook

COMMUNITY_TIME = timezone(timedelta(hours=8))
CATEGORY = Category(
    code="property-repair",
    name=Text({"zh": "物业维修"}),
    icon="wrench",
    responsible=Text({"zh": "物业公司维修部"}),
    deadline_days=3,
    phrases=(Text({"zh": "充电桩不能充电"}), Text({"zh": "路灯不亮"}), Text({"zh": "水管漏水"})),
)
KIOSKS = (1, 2)  # two kiosk numbers in one file: sequences must stay unique per kiosk


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def draft_for(draft_id: str, kiosks: tuple[int, ...] = KIOSKS) -> tuple[Draft, int]:
    """The same draft (and kiosk) for the same id, so a retry after a kill repeats it exactly."""
    rng = random.Random(draft_id)
    draft = Draft(
        draft_id=draft_id,
        category=CATEGORY.code,
        phrases=tuple(sorted(rng.sample(range(3), rng.randint(1, 2)))),
        free_text=rng.choice(["", "晚上很黑", "已经三天了"]),
        place=rng.choice([None, "compound-1", "compound-2"]),
        phone=rng.choice(["", "13912345678"]),
    )
    return draft, rng.choice(kiosks)


def attempt(book: TicketBook, draft_id: str, target: str, kiosks: tuple[int, ...]) -> str:
    say(f"try {draft_id} {target}")
    now = datetime.now(COMMUNITY_TIME)
    if target == "-":
        draft, kiosk = draft_for(draft_id, kiosks)
        code = book.submit(draft, category=CATEGORY, kiosk_number=kiosk, now=now).code
    else:
        code = book.join(target, draft_id=draft_id, now=now).code
    say(f"ack {draft_id} {code}")
    return code


def write(
    path: Path,
    *,
    seed: int,
    retry: list[tuple[str, str]],
    targets: list[str],
    count: int | None = None,
    join_share: float = 0.3,
    kiosks: tuple[int, ...] = KIOSKS,
) -> None:
    """Retry the given drafts first (as the kiosk would after a crash), then write new ones."""
    rng = random.Random(seed)
    book = TicketBook.open(path)
    for draft_id, target in retry:
        attempt(book, draft_id, target, kiosks)
    known = list(targets)
    written = 0
    while count is None or written < count:
        draft_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        if known and rng.random() < join_share:
            attempt(book, draft_id, rng.choice(known), kiosks)
        else:
            known.append(attempt(book, draft_id, "-", kiosks))
        written += 1
    book.close()


def serve(path: Path) -> None:
    while line := sys.stdin.readline():
        job = json.loads(line)
        pids = []
        for index in range(job["writers"]):
            pid = os.fork()
            if pid == 0:
                status = 0
                try:
                    write(
                        path,
                        seed=job["seed"] + index,
                        retry=[(d, t) for d, t in job["retry"]] if index == 0 else [],
                        targets=job["targets"],
                    )
                except BaseException:
                    traceback.print_exc()
                    status = 1
                finally:
                    os._exit(status)
            pids.append(pid)
        say("pids " + " ".join(map(str, pids)))
        statuses = [os.waitpid(pid, 0)[1] for pid in pids]
        say("done " + " ".join(map(str, statuses)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int)
    parser.add_argument("--kiosk", type=int)
    args = parser.parse_args()
    if args.serve:
        serve(args.path)
        return
    write(
        args.path,
        seed=args.seed,
        retry=[],
        targets=[],
        count=args.count,
        join_share=0.0,
        kiosks=KIOSKS if args.kiosk is None else (args.kiosk,),
    )


if __name__ == "__main__":
    main()
