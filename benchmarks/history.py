"""A kiosk that has run for years, generated: the sample config with many more notices and weekly
events (their first dates years back), and a store holding the community's answered tickets and
this kiosk's own open ones. For benchmark 7 (costs that grow with age and content)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from kiosk.config.yamlfile import parse_yaml
from kiosk.domain.content import Category
from kiosk.domain.rating import Rating
from kiosk.domain.tickets import Draft, TicketStatus
from kiosk.store.remote import RemoteRequest, RemoteStore
from kiosk.store.ticket_book import TicketBook

ZONE = ZoneInfo("Asia/Shanghai")
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


@dataclass(frozen=True)
class Content:
    """How much staff have put in the file, and how long ago the repeating events began."""

    entries: int  # notices and weekly events, each
    years: int

    @property
    def label(self) -> str:
        return f"{self.entries}+{self.entries}, {self.years} y"


def write_config(sample: Path, target: Path, content: Content, today: date) -> Path:
    """The sample with `content.entries` more notices and weekly events, as staff would write
    them; the events began `content.years` years before `today`, the notices were published
    over those years (a quarter of them still current)."""
    _node, data = parse_yaml(sample.read_text(encoding="utf-8"), sample)
    rng = random.Random(content.entries * 31 + content.years)
    span = max(content.years * 365, 1)
    for n in range(content.entries):
        published = today - timedelta(days=rng.randrange(span))
        notice: dict[str, Any] = {
            "id": f"notice-{n}",
            "title": {"zh": f"社区通知第{n}号", "ug": f"مەھەللە ئۇقتۇرۇشى {n}"},
            "body": {"zh": "请居民朋友们互相转告。" * 3, "ug": "ئاھالىلەر يەتكۈزۈڭلار. " * 3},
            "publish": published,
        }
        if n % 4:
            notice["expires"] = published + timedelta(days=rng.randrange(7, 60))
        data["notices"].append(notice)
        first = today - timedelta(days=span - rng.randrange(7))
        hour = 8 + n % 10
        data["schedule"]["events"].append(
            {
                "id": f"event-{n}",
                "title": {"zh": f"活动{n}", "ug": f"پائالىيەت {n}"},
                "organiser": {"zh": "社区居委会", "ug": "مەھەللە ئاھالىلەر كومىتېتى"},
                "room": "activity-room",
                "starts": f"{first.isoformat()}T{hour:02d}:00",
                "ends": f"{first.isoformat()}T{hour:02d}:45",
                "repeat": {"weekly": [DAYS[first.weekday()]]},
            }
        )
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return target


def fill_wall(path: Path, rows: int, now: datetime) -> None:
    """`rows` tickets of the community pulled from the centre over the last years, most of them
    answered (the Echo Wall's and its figures' data)."""
    rng = random.Random(rows)
    store = RemoteStore.open(path)
    try:
        batch: list[RemoteRequest] = []
        for n in range(rows):
            requested = now - timedelta(seconds=rng.uniform(0, 5 * 365 * 86400))
            closed = requested + timedelta(hours=rng.uniform(1, 120)) if n % 10 else None
            batch.append(
                RemoteRequest(
                    code=f"9{n:09d}",
                    status=TicketStatus.CLOSED if closed else TicketStatus.OPEN,
                    service_code="property-repair",
                    service_name="物业维修",
                    requested=requested,
                    updated=closed or requested,
                    expected=requested + timedelta(days=3),
                    closed=closed,
                    status_notes="已修好，谢谢反映。" if closed else "",
                    description="路灯不亮",
                    rating=rng.choice([None, *Rating]) if closed else None,
                    answers={"zh": "已修好。", "ug": "ئوڭشالدى."} if closed else {},
                )
            )
            if len(batch) == 1000:
                store.apply_requests(batch, cursor=batch[-1].updated.isoformat(), etag=None)
                batch = []
        store.apply_requests(batch, cursor=now.isoformat(), etag=None)
    finally:
        store.close()


def fill_book(
    path: Path, tickets: int, category: Category, places: list[str], now: datetime
) -> None:
    """This kiosk's own tickets over the last year, none answered yet (the kiosk was offline)."""
    remote = RemoteStore.open(path)
    remote.raise_sequence_floor(1, 0)  # as after its first heartbeat
    remote.close()
    book = TicketBook.open(path)
    try:
        for n in range(tickets):
            draft = Draft(
                draft_id=f"history-{n}",
                category=category.code,
                phrases=(n % len(category.phrases),),
                place=places[n % len(places)],
            )
            when = now - timedelta(minutes=(tickets - n) * 365 * 24 * 60 // max(tickets, 1))
            book.submit(draft, category=category, kiosk_number=1, now=when)
    finally:
        book.close()
