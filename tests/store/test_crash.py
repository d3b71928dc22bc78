"""不漏、不重 under SIGKILL: writers are killed at random moments, hundreds of times, on one file.

Afterwards every acknowledged ticket or join must be there with the code the writer was given,
nothing is doubled (also when a draft whose acknowledgement was lost is retried), sequences run
1..N per kiosk without holes, the outbox has one item per ticket and per join, and SQLite's own
integrity check passes. Reproduce a failure with CRASH_SEED=<seed printed in the output>.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from kiosk.domain.ticket_code import make_code
from kiosk.store.outbox import Outbox
from kiosk.store.ticket_book import TicketBook

WRITER = Path(__file__).with_name("crash_writer.py")
SEED = int(os.environ.get("CRASH_SEED", "20241204"))
ROUNDS = int(os.environ.get("CRASH_ROUNDS", "300"))
FRESH_EVERY = 25  # every 25th round (and the first) kills a whole new interpreter instead


@dataclass
class Ledger:
    """What the writers said: tried (draft -> target) and acknowledged (draft -> code)."""

    tried: dict[str, str] = field(default_factory=dict)
    acked: dict[str, str] = field(default_factory=dict)
    unacked: dict[str, str] = field(default_factory=dict)  # tried, not (yet) acknowledged
    ticket_codes: list[str] = field(default_factory=list)  # acknowledged submits, in order
    kills: int = 0

    def read(self, lines: list[str]) -> None:
        for line in lines:
            word, *rest = line.split()
            if word == "try":
                draft_id, target = rest
                first = self.tried.setdefault(draft_id, target)
                assert first == target, f"seed {SEED}: {draft_id} retried as something else"
                if draft_id not in self.acked:
                    self.unacked[draft_id] = target
            elif word == "ack":
                draft_id, code = rest
                first = self.acked.setdefault(draft_id, code)
                assert first == code, f"seed {SEED}: {draft_id} acknowledged as {first} and {code}"
                if self.unacked.pop(draft_id, None) == "-":
                    self.ticket_codes.append(code)

    def in_flight(self) -> list[tuple[str, str]]:
        return list(self.unacked.items())


def _read_until(stream: IO[str], word: str) -> tuple[list[str], str]:
    lines: list[str] = []
    while line := stream.readline():
        if line.startswith(word + " "):
            return lines, line
        lines.append(line)
    raise AssertionError(f"seed {SEED}: writer server ended before {word!r}")


def _fresh_round(db: Path, rng: random.Random, ledger: Ledger, stderr: IO[str]) -> None:
    """A new interpreter killed while starting, opening (first round: migrating) or writing."""
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(db), "--seed", str(rng.getrandbits(32))],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )
    time.sleep(rng.uniform(0.0, 0.4))
    proc.kill()
    out, _ = proc.communicate()
    ledger.read(out.splitlines())
    assert proc.returncode in (-signal.SIGKILL, 0), f"seed {SEED}: writer failed, see stderr"
    ledger.kills += 1


def _forked_round(server: subprocess.Popen[str], rng: random.Random, ledger: Ledger) -> None:
    """One or two forked writers, each killed after its own random delay."""
    acked = [
        (d, ledger.tried[d]) for d in rng.sample(list(ledger.acked), min(2, len(ledger.acked)))
    ]
    job = {
        "seed": rng.getrandbits(32),
        "writers": rng.choice((1, 2)),
        "retry": ledger.in_flight() + acked,
        "targets": rng.sample(ledger.ticket_codes, min(5, len(ledger.ticket_codes))),
    }
    assert server.stdin is not None
    assert server.stdout is not None
    server.stdin.write(json.dumps(job) + "\n")
    server.stdin.flush()
    before, pids_line = _read_until(server.stdout, "pids")
    delays = sorted(
        (rng.uniform(0.0, 0.05) if rng.random() < 0.8 else rng.uniform(0.05, 0.25), int(pid))
        for pid in pids_line.split()[1:]
    )
    started = time.monotonic()
    for delay, pid in delays:
        time.sleep(max(0.0, started + delay - time.monotonic()))
        os.kill(pid, signal.SIGKILL)
        ledger.kills += 1
    lines, done_line = _read_until(server.stdout, "done")
    ledger.read(before + lines)
    statuses = [int(s) for s in done_line.split()[1:]]
    assert all(os.WIFSIGNALED(s) and os.WTERMSIG(s) == signal.SIGKILL for s in statuses), (
        f"seed {SEED}: a writer ended by itself ({statuses}), see stderr"
    )


def test_acknowledged_tickets_survive_sigkill_at_random_moments_without_doubles(tmp_path: Path):
    print(f"crash test: seed {SEED}, {ROUNDS} rounds (CRASH_SEED / CRASH_ROUNDS to change)")
    rng = random.Random(SEED)
    db = tmp_path / "tickets.sqlite3"
    ledger = Ledger()
    recovered: set[str] = set()  # drafts whose commit landed but whose acknowledgement was killed
    with (tmp_path / "stderr.txt").open("w+") as stderr:
        server = subprocess.Popen(
            [sys.executable, str(WRITER), str(db), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
        try:
            for round_no in range(ROUNDS):
                in_flight = {d for d, _ in ledger.in_flight()}
                if in_flight:  # a draft was tried, so the file exists and is migrated
                    recovered |= in_flight & _stored_drafts(db)
                if round_no % FRESH_EVERY == 0:
                    _fresh_round(db, rng, ledger, stderr)
                else:
                    _forked_round(server, rng, ledger)
        finally:
            if server.stdin is not None:
                server.stdin.close()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            stderr.seek(0)
            print(stderr.read())

    print(
        f"crash test: {ledger.kills} kills, {len(ledger.acked)} acknowledged, "
        f"{len(recovered)} committed-but-unacknowledged drafts retried without doubling"
    )
    assert len(ledger.acked) > ROUNDS // 2, f"seed {SEED}: too few writes to prove anything"
    _check_book(db, ledger)


def _stored_drafts(db: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        rows = conn.execute("SELECT draft_id FROM tickets UNION ALL SELECT draft_id FROM joins")
        return {row[0] for row in rows}


def _check_book(db: Path, ledger: Ledger) -> None:
    book = TicketBook.open(db)  # recovers the WAL after the last kill
    Outbox.open(db).close()
    book.close()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"seed {SEED}"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], f"seed {SEED}"
        tickets = conn.execute(
            "SELECT draft_id, code, kiosk, sequence, key FROM tickets"
        ).fetchall()
        joins = dict(conn.execute("SELECT draft_id, ticket_code FROM joins").fetchall())
        stored = {d: c for d, c, *_ in tickets}
        assert not stored.keys() & joins.keys(), f"seed {SEED}: a draft both submitted and joined"
        recorded = stored | joins
        for draft_id, code in ledger.acked.items():
            assert recorded.get(draft_id) == code, f"seed {SEED}: lost {draft_id}"
        for draft_id in recorded:
            assert draft_id in ledger.tried, f"seed {SEED}: {draft_id} came from nowhere"
        for draft_id, code in joins.items():
            assert ledger.tried[draft_id] == code, f"seed {SEED}: {draft_id} joined the wrong one"
        for draft_id in stored:
            assert ledger.tried[draft_id] == "-", f"seed {SEED}: a join became a ticket"

        assert len({c for _, c, *_ in tickets}) == len(tickets), f"seed {SEED}: a code twice"
        per_kiosk: dict[int, list[int]] = {}
        for _, code, kiosk, sequence, _ in tickets:
            assert code == make_code(kiosk, sequence)
            per_kiosk.setdefault(kiosk, []).append(sequence)
        for kiosk, sequences in per_kiosk.items():
            first = min(sequences)  # a fresh book's provisional block starts anywhere
            assert sorted(sequences) == list(range(first, first + len(sequences))), (
                f"seed {SEED}: kiosk {kiosk} sequences have holes or doubles"
            )

        residents = dict(conn.execute("SELECT code, residents FROM tickets").fetchall())
        voices = Counter(joins.values())
        assert all(residents[c] == 1 + voices[c] for c in residents), f"seed {SEED}: miscounted"

        outbox = conn.execute("SELECT kind, key, ticket_code FROM outbox").fetchall()
        join_keys = {k for (k,) in conn.execute("SELECT key FROM joins")}
        assert sorted(k for kind, k, _ in outbox if kind == "request") == sorted(
            t[4] for t in tickets
        ), f"seed {SEED}: outbox requests do not match tickets one to one"
        assert sorted(k for kind, k, _ in outbox if kind == "join") == sorted(join_keys), (
            f"seed {SEED}: outbox joins do not match joins one to one"
        )
    finally:
        conn.close()
