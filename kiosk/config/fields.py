"""Value types of the staff YAML: each accepts what staff naturally write and says plainly why not.

Validators that need more than the value (the config file's folder for relative paths, the
languages for texts, the community's time zone) read a `Context` passed to pydantic.
"""

from __future__ import annotations

import functools
import re
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainValidator,
    ValidationInfo,
)

from kiosk.config.messages import describe, did_you_mean, invalid
from kiosk.domain.pictograms import PICTOGRAMS
from kiosk.domain.text import Languages

T = TypeVar("T")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")


@dataclass(frozen=True)
class Context:
    """What validation needs to know beyond one value; `check_languages` is off when the
    languages section itself is broken, so its errors are not repeated on every text."""

    base_dir: Path = field(default_factory=Path.cwd)
    languages: Languages = field(default_factory=Languages)
    check_languages: bool = True
    timezone: zoneinfo.ZoneInfo = field(default_factory=lambda: zoneinfo.ZoneInfo("Asia/Shanghai"))


class SectionModel(BaseModel):
    """A mapping in the file: unknown keys refused, no type coercion, frozen once read."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def context_of(info: ValidationInfo) -> Context:
    ctx = info.context.get("kiosk") if isinstance(info.context, dict) else None
    return ctx if isinstance(ctx, Context) else Context()


def _none_is_empty_list(value: object) -> object:
    return [] if value is None else value


def _none_is_empty_mapping(value: object) -> object:
    return {} if value is None else value


# A list section left empty (every item commented out) means no items, not an error.
Items = Annotated[list[T], BeforeValidator(_none_is_empty_list)]
# A section left empty means its defaults.
Section = Annotated[T, BeforeValidator(_none_is_empty_mapping)]


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # `room: 101` or `name: 2024` is text staff meant
    raise invalid(f"expected text, got {describe(value)}")


def nonempty_text(value: object) -> str:
    """Text that must say something: a name, a host, a path."""
    text = _text(value).strip()
    if not text:
        raise invalid("this must not be empty")
    return text


Str = Annotated[str, PlainValidator(_text)]
NonEmptyStr = Annotated[str, PlainValidator(nonempty_text)]


def _id(value: object) -> str:
    text = _text(value)
    if not _ID.fullmatch(text):
        raise invalid(
            f"use only letters, digits, '-', '_' and '.' here (no spaces), got {describe(text)}"
        )
    return text


Id = Annotated[str, PlainValidator(_id)]


def _lang_code(value: object) -> str:
    text = _text(value)
    if not _LANG.fullmatch(text):
        raise invalid(f"expected a language code such as zh or ug, got {describe(text)}")
    return text


LangCode = Annotated[str, PlainValidator(_lang_code)]


def _lang_key(value: object, info: ValidationInfo) -> str:
    code = _lang_code(value)
    ctx = context_of(info)
    available = ctx.languages.available
    if ctx.check_languages and code not in available:
        listed = ", ".join(available)
        raise invalid(
            f"'{code}' is not one of the languages (languages.available: {listed})"
            + did_you_mean(code, available)
        )
    return code


LangKey = Annotated[str, PlainValidator(_lang_key)]


def _text_or_per_language(value: object, info: ValidationInfo) -> object:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return {context_of(info).languages.default: str(value)}
    if isinstance(value, dict):
        return value
    raise invalid(
        f"expected a text, or texts per language like {{zh: ..., ug: ...}}, got {describe(value)}"
    )


def _require_default(values: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    langs = context_of(info).languages
    if not values.get(langs.default, "").strip():
        label = langs.labels.get(langs.default, langs.default)
        raise invalid(
            f"the {label} ({langs.default}) text is missing: the default language must always "
            "be filled in"
        )
    return values


TextIn = Annotated[
    dict[LangKey, Str],
    BeforeValidator(_text_or_per_language),
    AfterValidator(_require_default),
]


def _date(value: object) -> date:
    if isinstance(value, datetime):
        raise invalid(f"expected a date like 2024-12-04 without a time, got {describe(value)}")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            if re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*", value):
                raise invalid(f"there is no such day as {describe(value)}") from None
    raise invalid(f"expected a date like 2024-12-04, got {describe(value)}")


DateIn = Annotated[date, PlainValidator(_date)]


def _datetime(value: object, info: ValidationInfo) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise invalid(
                f"expected a date and time like 2024-11-04T10:00, got {describe(value)}"
            ) from None
    if isinstance(value, datetime):
        if value.tzinfo is not None:  # written with +08:00 or Z: convert, then drop the zone
            value = value.astimezone(context_of(info).timezone).replace(tzinfo=None)
        return value
    if isinstance(value, date):
        raise invalid(f"expected a date and time like {value.isoformat()}T10:00, got only a date")
    raise invalid(f"expected a date and time like 2024-11-04T10:00, got {describe(value)}")


DateTimeIn = Annotated[datetime, PlainValidator(_datetime)]


def _time(value: object) -> time:
    match = _TIME.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise invalid(f"expected a time like 09:30, got {describe(value)}")
    hours, minutes = int(match[1]), int(match[2])
    if hours > 23 or minutes > 59:
        raise invalid(
            f"there is no such time as {describe(value)} (hours 00 to 23, minutes 00 to 59)"
        )
    return time(hours, minutes)


TimeIn = Annotated[time, PlainValidator(_time)]


def _weekday(value: object) -> int:
    text = value.strip().lower() if isinstance(value, str) else None
    if text in WEEKDAYS:
        return WEEKDAYS.index(text)
    if text in _FULL_WEEKDAYS:
        return _FULL_WEEKDAYS.index(text)
    hint = did_you_mean(text, WEEKDAYS) if text else ""
    raise invalid(f"expected a weekday: mon tue wed thu fri sat sun, got {describe(value)}{hint}")


Weekday = Annotated[int, PlainValidator(_weekday)]


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _timezone(value: object) -> str:
    name = nonempty_text(value)
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        hint = did_you_mean(name, _zone_names()) or " — for example Asia/Shanghai or Asia/Urumqi"
        raise invalid(f"unknown time zone {describe(name)}{hint}") from None
    return name


TimeZoneName = Annotated[str, PlainValidator(_timezone)]


def _icon(value: object) -> str:
    name = _text(value)
    if name not in PICTOGRAMS:
        hint = did_you_mean(name, PICTOGRAMS) or "; available: " + ", ".join(sorted(PICTOGRAMS))
        raise invalid(f"there is no pictogram {describe(name)}{hint}")
    return name


Icon = Annotated[str, PlainValidator(_icon)]


def _resolve(value: object, info: ValidationInfo) -> Path:
    return context_of(info).base_dir / Path(nonempty_text(value)).expanduser()


def _existing_file(value: object, info: ValidationInfo) -> Path:
    path = _resolve(value, info)
    if not path.is_file():
        what = "is a folder, not a file" if path.is_dir() else "does not exist"
        raise invalid(f"the file {describe(str(value))} {what} (looked for {path})")
    return path


def _file_in_existing_folder(value: object, info: ValidationInfo) -> Path:
    path = _resolve(value, info)
    if not path.parent.is_dir():
        raise invalid(f"the folder {path.parent} does not exist")
    if path.is_dir():
        raise invalid(f"{path} is a folder; give a file name inside it")
    return path


ExistingFile = Annotated[Path, PlainValidator(_existing_file)]
FileInExistingFolder = Annotated[Path, PlainValidator(_file_in_existing_folder)]


_PHONE = re.compile(r"\+?[0-9]+(?:[ -][0-9]+)*")


def _phone(value: str) -> str:
    value = value.strip()
    digits = sum(ch.isdigit() for ch in value)
    if not _PHONE.fullmatch(value) or not 5 <= digits <= 20:
        raise invalid(
            f"'{value}' is not a phone number: write digits, with a space or '-' between groups"
            " if you like, e.g. 0996-7102345"
        )
    return value


# The office's number as it is printed: digits, grouped by spaces or hyphens.
PhoneIn = Annotated[str, AfterValidator(_phone)]
