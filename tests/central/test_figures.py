"""The figures from a known set of tickets, counted by hand, at the centre and on a kiosk.

Eight tickets from kiosk 001 with controlled times (the server's clock and the reported times),
staff actions on the staff page and residents' ratings. Month by month (community time):

| month | ticket | category | first staff action     | closed          | promise   | rating        |
|-------|--------|----------|------------------------|-----------------|-----------|---------------|
| Oct   | T0     | repair   | -                      | -               | Oct 18    | -             |
| Nov   | T1     | repair   | 1 h after receipt      | Dec 4 (late)    | Dec 3     | satisfied     |
| Dec   | T2     | repair   | 1 h                    | Dec 6 (on time) | Dec 7     | satisfied     |
| Dec   | T3     | repair   | 27 h (late)            | re-opened       | Dec 7     | not satisfied |
| Dec   | T4     | sanit.   | 27 h (late), closes it | Dec 5 (on time) | Dec 6     | so-so         |
| Dec   | T5     | sanit.   | -                      | -               | Dec 6     | -             |
| Jan   | T6     | repair   | -                      | -               | Jan 13    | -             |
| Jan   | T7     | repair   | -  (00:30 Jan 1 in Shanghai, still Dec 31 in UTC)                |

Repair answers within 24 h (the sample config), sanitation within the default 24 h.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from kiosk.domain.figures import MonthFigures
from kiosk.domain.ticket_code import make_code
from kiosk.store.remote import RemoteStore
from kiosk.sync.pulls import parse_request
from tests.central.helpers import Server, log_in
from tests.central.staff_actions import rate, staff_set
from tests.fixtures.open311_payloads import SHANGHAI, kiosk_payload

REPAIR, SANITATION = "property-repair", "sanitation"
NOW = datetime(2025, 1, 20, 12, 0, tzinfo=SHANGHAI)


def _at(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2024) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def _known_tickets(server: Server) -> None:
    clock = server.clock
    clock.current = _at(12, 4, 15, 15)
    reported = [
        (REPAIR, _at(10, 15, 10)),  # T0
        (REPAIR, _at(11, 30, 10)),  # T1
        (REPAIR, clock()),  # T2
        (REPAIR, clock()),  # T3
        (SANITATION, clock()),  # T4
        (SANITATION, clock()),  # T5
    ]
    for seq, (category, created) in enumerate(reported, start=1):
        assert server.post_request(kiosk_payload(seq, code=category, created=created)).is_success
    t0, t1, t2, t3, t4, t5, t6, t7 = (make_code(1, n) for n in range(1, 9))
    clock.advance(hours=1)
    staff_set(server, t1, "closed", "路灯已修好")
    staff_set(server, t2, "in_progress")
    clock.advance(hours=26)
    staff_set(server, t3, "in_progress")
    staff_set(server, t4, "closed", "垃圾已清运")
    clock.current = _at(12, 6, 10)
    staff_set(server, t2, "closed", "充电桩已修好")
    clock.current = _at(12, 8, 10)
    staff_set(server, t3, "closed", "水管已修")
    for code, rating in ((t1, "satisfied"), (t2, "satisfied"), (t3, "not_satisfied")):
        assert rate(server, code, rating).status_code == 200
    assert rate(server, t4, "so_so").status_code == 200
    clock.current = _at(1, 10, 9, year=2025)
    for seq, created in ((7, clock()), (8, _at(1, 1, 0, 30, year=2025))):
        assert server.post_request(kiosk_payload(seq, created=created)).is_success
    clock.current = NOW
    assert all((t0, t5, t6, t7))  # reported, never touched


def _month(m: str, *counts: float | None) -> dict[str, object]:
    names = ("received", "responded", "solved", "solved_on_time", "rated", "satisfied")
    rates = ("response_rate", "solve_rate", "on_time_rate", "satisfaction_rate")
    return {
        "month": m,
        **dict(zip(names, counts[:6], strict=True)),
        **dict(zip(rates, counts[6:], strict=True)),
    }


# Hand-counted from the table above.
NOV = _month("2024-11", 1, 1, 1, 0, 1, 1, 1.0, 1.0, 0.0, 1.0)
DEC = _month("2024-12", 4, 1, 2, 2, 3, 1, 0.25, 0.5, 1.0, 0.3333)
JAN = _month("2025-01", 2, 0, 0, 0, 0, 0, 0.0, 0.0, None, None)
EMPTY = (0, 0, 0, 0, 0, 0, None, None, None, None)


def test_the_centres_figures_match_the_hand_count(server):
    _known_tickets(server)
    answer = server.client.get("/figures.json", params={"months": 3})
    assert answer.status_code == 200
    body = answer.json()
    assert body["months"] == [NOV, DEC, JAN]
    categories = {c["service_code"]: c["months"] for c in body["categories"]}
    assert categories[REPAIR] == [
        NOV,
        _month("2024-12", 2, 1, 1, 1, 2, 1, 0.5, 0.5, 1.0, 0.5),
        JAN,
    ]
    assert categories[SANITATION] == [
        _month("2024-11", *EMPTY),
        _month("2024-12", 2, 0, 1, 1, 1, 0, 0.0, 0.5, 1.0, 0.0),
        _month("2025-01", *EMPTY),
    ]
    assert "13899991234" not in answer.text  # public: counts only
    october = server.client.get("/figures.json", params={"months": 4}).json()["months"][0]
    assert (october["month"], october["received"], october["responded"]) == ("2024-10", 1, 0)


def test_months_out_of_range_are_a_clear_400(server):
    for months in ("0", "37", "twelve"):
        answer = server.client.get("/figures.json", params={"months": months})
        assert answer.status_code == 400
        assert answer.json()[0]["code"] == 400


def test_the_staff_page_shows_the_same_figures(server):
    _known_tickets(server)
    log_in(server.client)  # the December session has expired by January
    page = server.client.get("/staff/figures", params={"months": 3})
    assert page.status_code == 200
    text = page.text
    assert "回音壁数据" in text
    december = text[text.index('<td data-label="月份">2024-12</td>') :][:900]
    for cell in ('收到">4<', '按时响应">1<', '办结">2<', '满意">1<', '满意率">33%<'):
        assert cell in december, cell
    assert text.count("<table") == 3  # all categories, repair, sanitation


def test_a_kiosk_counts_the_same_from_its_copy_of_the_feed(server, tmp_path: Path):
    _known_tickets(server)
    feed = server.read("/requests.json").json()
    parsed = [parse_request(item) for item in feed]
    remote = RemoteStore.open(tmp_path / "kiosk.sqlite3")
    try:
        remote.apply_requests([p for p in parsed if p is not None], cursor=None, etag=None)
        kiosk = remote.monthly(NOW, 3)
    finally:
        remote.close()
    centre = server.client.get("/figures.json", params={"months": 3}).json()["months"]
    assert [m.month for m in kiosk] == [date(2024, 11, 1), date(2024, 12, 1), date(2025, 1, 1)]
    for mine, theirs in zip(kiosk, centre, strict=True):
        assert mine.responded is None  # a kiosk does not see staff actions
        assert _counts(mine) == tuple(
            theirs[k] for k in ("received", "solved", "solved_on_time", "rated", "satisfied")
        )


def _counts(m: MonthFigures) -> tuple[int, ...]:
    return (m.received, m.solved, m.solved_on_time, m.rated, m.satisfied)
