"""Answers and wall summaries in each language, from the centre's feed to the look-up: kept in
the kiosk's store (offline too), read defensively (a garbled map is no text, never a failed
pull), and an older centre's one answer taken as written in the default language. The centre is
a tiny http.server on loopback serving what a centre of each kind sends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.core.lookup import TicketLookUp
from kiosk.domain.tickets import TicketStatus
from kiosk.store.remote import RemoteStore
from kiosk.store.ticket_book import TicketBook
from kiosk.sync.client import Open311Client
from kiosk.sync.pulls import MAX_ANSWER, pull_changes
from kiosk.sync.settings import SyncSettings
from tests.fixtures.generic_feed import GenericFeed, serving
from tests.fixtures.store_samples import ARTICLE_DAY, REPAIR, SANITATION, SHANGHAI, draft

START = datetime(2024, 12, 5, tzinfo=UTC)
ANSWER_ZH = "垃圾已清运"
ANSWER_UG = "ئەخلەت توشۇۋېتىلدى"


def _item(code: str, n: int, extended: object, notes: str = ANSWER_ZH) -> dict[str, object]:
    return {
        "service_request_id": code,
        "status": "closed",
        "status_notes": notes,
        "service_code": "sanitation",
        "requested_datetime": START.isoformat(),
        "updated_datetime": (START + timedelta(minutes=n)).isoformat(),
        "extended_attributes": extended,
    }


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "tickets.sqlite3"


def _pull(path: Path, items: list[dict[str, object]]) -> None:
    remote = RemoteStore.open(path)
    with serving(GenericFeed(items)) as feed:
        client = Open311Client(
            SyncSettings(url=feed.url, api_key="k", device_id="001", deadline=10.0)
        )
        try:
            assert pull_changes(client, remote).current
        finally:
            client.close()
            remote.close()


def _lookup(path: Path) -> tuple[TicketLookUp, TicketBook, RemoteStore]:
    book, remote = TicketBook.open(path), RemoteStore.open(path)
    lookup = TicketLookUp(
        book=book,
        remote=remote,
        categories=lambda: (REPAIR, SANITATION),
        zone=lambda: SHANGHAI,
    )
    return lookup, book, remote


def test_answers_and_summaries_in_both_languages_reach_the_look_up_after_a_reopen(path: Path):
    both = {"zh": ANSWER_ZH, "ug": ANSWER_UG}
    summaries = {"zh": "垃圾没有清运", "ug": "ئەخلەت توشۇلمىدى"}
    _pull(path, [_item("0070000035", 1, {"answers": both, "summaries": summaries})])

    lookup, book, remote = _lookup(path)  # a new connection: what is on disk
    try:
        stored = remote.request("0070000035")
        answer = lookup.local("0070000035")
    finally:
        remote.close()
        book.close()
    assert stored is not None
    assert (dict(stored.answers), dict(stored.summaries)) == (both, summaries)
    assert answer is not None
    assert dict(answer.answers) == both
    assert dict(answer.summaries) == summaries
    assert answer.answer == ANSWER_ZH  # status_notes, as older screens read it


def test_a_uyghur_answer_only_is_kept_as_uyghur(path: Path):
    _pull(path, [_item("0070000036", 1, {"answers": {"ug": ANSWER_UG}}, notes=ANSWER_UG)])
    lookup, book, remote = _lookup(path)
    try:
        answer = lookup.local("0070000036")
    finally:
        remote.close()
        book.close()
    assert answer is not None
    assert dict(answer.answers) == {"ug": ANSWER_UG}  # not also filed under Chinese


@pytest.mark.parametrize(
    ("extended", "kept"),
    [
        ({"answers": "垃圾已清运"}, {}),  # a string, not a map
        ({"answers": ["zh", "垃圾已清运"]}, {}),
        ({"answers": {"zh": 5, "ug": None}}, {}),
        ({"answers": {"en": "done", "ug": "  ", "zh": ANSWER_ZH}}, {"zh": ANSWER_ZH}),
        ({"answers": {"ug": " " + ANSWER_UG + "\n"}}, {"ug": ANSWER_UG}),
        ({"answers": {"zh": "长" * (MAX_ANSWER + 500)}}, {"zh": "长" * MAX_ANSWER}),
        ("not a map at all", {}),
    ],
    ids=["string", "list", "not-text", "unknown-and-blank", "padded", "too-long", "no-map"],
)
def test_a_garbled_answers_map_is_ignored_not_a_failed_pull(path: Path, extended, kept):
    _pull(path, [_item("0070000037", 1, extended, notes="")])
    remote = RemoteStore.open(path)
    try:
        stored = remote.request("0070000037")
    finally:
        remote.close()
    assert stored is not None, "the ticket itself is kept"
    assert stored.status is TicketStatus.CLOSED
    assert dict(stored.answers) == kept


def test_an_older_centre_s_one_answer_counts_as_the_language_it_is_written_in(path: Path):
    _pull(
        path,
        [
            _item("0070000038", 1, {"detailed_status": "closed"}),
            _item("0070000045", 2, {"detailed_status": "closed"}, notes=ANSWER_UG),
        ],
    )
    lookup, book, remote = _lookup(path)
    try:
        chinese, uyghur = lookup.local("0070000038"), lookup.local("0070000045")
    finally:
        remote.close()
        book.close()
    assert chinese is not None
    assert uyghur is not None
    assert dict(chinese.answers) == {"zh": ANSWER_ZH}
    assert dict(uyghur.answers) == {"ug": ANSWER_UG}
    assert dict(chinese.summaries) == {}


def test_an_own_ticket_takes_its_answers_from_the_centre_s_row(path: Path):
    book = TicketBook.open(path)
    try:
        ticket = book.submit(draft(SANITATION, lang="ug"), category=SANITATION,
                             kiosk_number=1, now=ARTICLE_DAY)  # fmt: skip
    finally:
        book.close()
    both = {"zh": ANSWER_ZH, "ug": ANSWER_UG}
    _pull(path, [_item(ticket.code, 1, {"answers": both})])

    lookup, book, remote = _lookup(path)
    try:
        answer = lookup.local(ticket.code)
        own = book.get(ticket.code)
    finally:
        remote.close()
        book.close()
    assert answer is not None
    assert own is not None
    assert dict(answer.answers) == both
    assert answer.promised == own.promised  # still the kiosk's own promise
    assert own.answer == ANSWER_ZH  # the book's copy of status_notes, for offline look-up
