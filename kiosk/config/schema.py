"""The staff YAML file as pydantic models: the content sections and the whole document.

Unknown keys are refused (a typo must not silently fall back to a default) and types are strict
(no "yes" for a number); the value types in `fields` accept what staff naturally write. The
kiosk's own settings sections are in `settings`. Checks that span sections (duplicate ids,
unknown rooms) live in the loader, which runs them even when some items here fail.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from kiosk.config.fields import (
    WEEKDAYS,
    DateIn,
    DateTimeIn,
    ExistingFile,
    Icon,
    Id,
    Items,
    LangCode,
    NonEmptyStr,
    PhoneIn,
    Section,
    SectionModel,
    Str,
    TextIn,
    TimeIn,
    TimeZoneName,
    Weekday,
)
from kiosk.config.messages import invalid
from kiosk.config.settings import (
    CentralIn,
    DisplayIn,
    IdleIn,
    PrinterIn,
    SpeechIn,
    StaffIn,
    SyncIn,
)
from kiosk.domain.schedule import check_rrule

_RRULE_EXAMPLE = "for example FREQ=WEEKLY;BYDAY=MO,TH or FREQ=MONTHLY;BYDAY=2FR"


class CommunityIn(SectionModel):
    name: TextIn
    short_name: TextIn | None = None
    address: TextIn | None = None
    timezone: TimeZoneName = "Asia/Shanghai"
    kiosk_number: Annotated[int, Field(ge=1, le=999)] = 1
    phone: PhoneIn | None = None


class LanguagesIn(SectionModel):
    available: Annotated[list[LangCode], Field(min_length=1)] = Field(
        default_factory=lambda: ["zh", "ug"]
    )
    default: LangCode = "zh"
    labels: dict[LangCode, NonEmptyStr] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> LanguagesIn:
        for index, code in enumerate(self.available):
            if code in self.available[:index]:
                raise invalid(f"'{code}' is listed twice", at=("available", index))
        if self.default not in self.available:
            raise invalid(
                f"the default language '{self.default}' must be one of languages.available "
                f"({', '.join(self.available)})",
                at=("default",),
            )
        return self


class NoticeIn(SectionModel):
    id: Id
    title: TextIn
    body: TextIn
    publish: DateIn
    expires: DateIn | None = None
    pinned: bool = False
    urgent: bool = False
    image: ExistingFile | None = None

    @field_validator("expires")
    @classmethod
    def _after_publish(cls, expires: date | None, info: ValidationInfo) -> date | None:
        publish = info.data.get("publish")
        if expires is not None and isinstance(publish, date) and expires < publish:
            raise invalid(f"expires ({expires}) is before publish ({publish})")
        return expires


class RoomIn(SectionModel):
    id: Id
    name: TextIn
    location: TextIn | None = None


class RepeatIn(SectionModel):
    """Either `weekly: [mon, thu]` or a full RFC 5545 `rrule:`; the kiosk keeps only rrules."""

    weekly: Annotated[list[Weekday], Field(min_length=1)] | None = None
    rrule: Str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> RepeatIn:
        if (self.weekly is None) == (self.rrule is None):
            raise invalid(
                'give either weekly: [mon, thu] or rrule: "FREQ=..." (exactly one of them)'
            )
        return self

    def rule_text(self) -> str:
        """The RRULE body (no DTSTART) this repeat stands for."""
        if self.weekly is not None:
            days = dict.fromkeys(WEEKDAYS[d][:2].upper() for d in self.weekly)
            return "FREQ=WEEKLY;BYDAY=" + ",".join(days)
        text = (self.rrule or "").strip()
        return text[len("RRULE:") :] if text.upper().startswith("RRULE:") else text


class EventIn(SectionModel):
    id: Id
    title: TextIn
    organiser: TextIn | None = None
    room: Id
    starts: DateTimeIn
    ends: DateTimeIn
    repeat: RepeatIn | None = None
    except_: Items[DateIn] = Field(default_factory=list, alias="except")

    @field_validator("ends")
    @classmethod
    def _after_start(cls, ends: datetime, info: ValidationInfo) -> datetime:
        starts = info.data.get("starts")
        if isinstance(starts, datetime) and ends <= starts:
            raise invalid(
                f"ends ({ends:%Y-%m-%d %H:%M}) must be after starts ({starts:%Y-%m-%d %H:%M})"
            )
        return ends

    @field_validator("repeat")
    @classmethod
    def _rule_valid(cls, repeat: RepeatIn | None, info: ValidationInfo) -> RepeatIn | None:
        starts = info.data.get("starts")
        if repeat is None or not isinstance(starts, datetime):
            return repeat
        if repeat.weekly is not None:
            if starts.weekday() not in repeat.weekly:
                raise invalid(
                    f"starts ({starts:%Y-%m-%d}) is a {WEEKDAYS[starts.weekday()]}, which is not "
                    "one of the weekly days; make starts the first real time",
                    at=("weekly",),
                )
            return repeat
        text = repeat.rule_text()
        if "DTSTART" in text.upper() or "\n" in text:
            raise invalid(
                "leave DTSTART out of the rule: starts: already gives the first time", at=("rrule",)
            )
        try:
            reason = check_rrule(text, starts=starts)
        except Exception as exc:  # dateutil raises assorted types on malformed text
            reason = str(exc) or type(exc).__name__
        if reason is not None:
            raise invalid(
                f"this repeat rule cannot be used: {reason}; {_RRULE_EXAMPLE}", at=("rrule",)
            )
        return repeat

    @field_validator("except_")
    @classmethod
    def _except_needs_repeat(cls, days: list[date], info: ValidationInfo) -> list[date]:
        starts, repeat = info.data.get("starts"), info.data.get("repeat")
        if days and "repeat" in info.data and repeat is None:
            raise invalid("except: only makes sense for an event with a repeat:")
        for index, day in enumerate(days):
            if isinstance(starts, datetime) and day < starts.date():
                raise invalid(f"{day} is before the event starts", at=(index,))
            if (
                isinstance(repeat, RepeatIn)
                and repeat.weekly
                and day.weekday() not in repeat.weekly
            ):
                raise invalid(
                    f"{day} is a {WEEKDAYS[day.weekday()]}, a day this event does not happen",
                    at=(index,),
                )
        return days


class ScheduleIn(SectionModel):
    ics_file: ExistingFile | None = None
    events: Items[EventIn] = Field(default_factory=list)


class OpeningHoursIn(SectionModel):
    days: Annotated[list[Weekday], Field(min_length=1)]
    open: TimeIn
    close: TimeIn

    @model_validator(mode="after")
    def _closes_after_opening(self) -> OpeningHoursIn:
        if self.close <= self.open:
            raise invalid(
                f"close ({self.close:%H:%M}) must be after open ({self.open:%H:%M})", at=("close",)
            )
        return self


class AmenityIn(SectionModel):
    code: Id
    name: TextIn
    icon: Icon
    status: Literal["available", "out", "broken"] = "available"
    note: TextIn | None = None


class RedPostIn(SectionModel):
    room: Id
    opening_hours: Items[OpeningHoursIn] = Field(default_factory=list)
    notes: TextIn | None = None
    amenities: Items[AmenityIn] = Field(default_factory=list)


class PlaceIn(SectionModel):
    code: Id
    name: TextIn


class CategoryIn(SectionModel):
    code: Id
    name: TextIn
    icon: Icon
    responsible: TextIn
    deadline_days: Annotated[int, Field(ge=1, le=365)]
    phrases: Items[TextIn] = Field(default_factory=list)
    response_hours: Annotated[int, Field(ge=1, le=24 * 30)] = 24


class ConfigDoc(SectionModel):
    """The whole file. Only `community` is required; every other section has defaults."""

    community: CommunityIn
    languages: Section[LanguagesIn] = LanguagesIn()
    display: Section[DisplayIn] = DisplayIn()
    idle: Section[IdleIn] = IdleIn()
    notices: Items[NoticeIn] = Field(default_factory=list)
    rooms: Items[RoomIn] = Field(default_factory=list)
    schedule: Section[ScheduleIn] = ScheduleIn()
    red_post: RedPostIn | None = None
    places: Items[PlaceIn] = Field(default_factory=list)
    categories: Items[CategoryIn] = Field(default_factory=list)
    printer: Section[PrinterIn] = PrinterIn()
    central: Section[CentralIn] = CentralIn()
    sync: Section[SyncIn] = SyncIn()
    speech: Section[SpeechIn] = SpeechIn()
    staff: Section[StaffIn] = StaffIn()
