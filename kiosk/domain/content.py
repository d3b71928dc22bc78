"""What staff publish through the config file: community, notices, rooms, schedule, Red Post."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path

from kiosk.domain.text import EMPTY, Text


@dataclass(frozen=True)
class Community:
    name: Text
    short_name: Text
    address: Text
    timezone: str = "Asia/Shanghai"
    kiosk_number: int = 1
    phone: str = ""  # the community office's number, on the receipt and the done screen


@dataclass(frozen=True)
class Notice:
    id: str
    title: Text
    body: Text
    publish: date
    expires: date | None = None
    pinned: bool = False
    urgent: bool = False
    image: Path | None = None


@dataclass(frozen=True)
class Room:
    id: str
    name: Text
    location: Text = EMPTY


@dataclass(frozen=True)
class Event:
    """A possibly recurring event; `starts`/`ends` are its first occurrence in community local time.

    `rrule` is an RFC 5545 RRULE body (without DTSTART); weekly day lists from the config are turned
    into one, so the schedule has a single recurrence mechanism.
    """

    id: str
    title: Text
    room: str
    starts: datetime
    ends: datetime
    organiser: Text = EMPTY
    rrule: str | None = None
    exdates: tuple[date, ...] = ()


class AmenityStatus(Enum):
    AVAILABLE = "available"
    OUT = "out"
    BROKEN = "broken"


@dataclass(frozen=True)
class Amenity:
    code: str
    name: Text
    icon: str
    status: AmenityStatus = AmenityStatus.AVAILABLE
    note: Text = EMPTY


@dataclass(frozen=True)
class OpeningHours:
    """Opening hours on some weekdays (0 = Monday, as `date.weekday()`)."""

    days: frozenset[int]
    open: time
    close: time


@dataclass(frozen=True)
class RedPost:
    room: str
    amenities: tuple[Amenity, ...]
    opening_hours: tuple[OpeningHours, ...]
    notes: Text = EMPTY


@dataclass(frozen=True)
class Place:
    code: str
    name: Text


@dataclass(frozen=True)
class Category:
    """An Echo Book category: the community's fixed person (定人) and fixed deadline (定时)."""

    code: str
    name: Text
    icon: str
    responsible: Text
    deadline_days: int
    phrases: tuple[Text, ...] = ()
    response_hours: int = 24  # first staff action within this (the 12345 response rate)


@dataclass(frozen=True)
class Content:
    """Everything a resident sees, as one immutable value swapped whole on a config reload."""

    community: Community
    notices: tuple[Notice, ...] = ()
    rooms: tuple[Room, ...] = ()
    events: tuple[Event, ...] = ()
    red_post: RedPost | None = None
    places: tuple[Place, ...] = ()
    categories: tuple[Category, ...] = ()

    def room(self, room_id: str) -> Room | None:
        return next((r for r in self.rooms if r.id == room_id), None)
