"""A parsed config file checked against the schema and built into a `KioskConfig`.

The part of loading that needs pydantic (its import and the schema's ~27 model classes take
~0.14 s): kiosk.config.loader imports this module only when a file is actually loaded, so a start
on the config the same file built before (kiosk.config.built) never pays for it (issue 18).
Validation checks each section against the schema and what spans sections (duplicate ids, events
in rooms that do not exist, the calendar file) on the raw data, so these are reported even when
some items fail validation. Every problem becomes a `ConfigError` pointing at the line to fix.
"""

from __future__ import annotations

import contextlib
import logging
import zoneinfo
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError
from yaml.nodes import Node

from kiosk.config.build import build_config
from kiosk.config.content_keys import content_part, device_settings
from kiosk.config.errors import ConfigError, ConfigInvalid
from kiosk.config.fields import Context
from kiosk.config.messages import did_you_mean, plain_problems
from kiosk.config.model import KioskConfig
from kiosk.config.problem import Loc, Problem
from kiosk.config.schema import ConfigDoc, LanguagesIn
from kiosk.config.yamlfile import duplicate_keys, key_path, locate, parse_yaml
from kiosk.domain.content import Event
from kiosk.domain.text import Languages

log = logging.getLogger("kiosk.config.loader")

# (list, key) pairs whose values must be unique within the list.
_UNIQUE: tuple[tuple[Loc, str], ...] = (
    (("notices",), "id"),
    (("rooms",), "id"),
    (("schedule", "events"), "id"),
    (("places",), "code"),
    (("categories",), "code"),
    (("red_post", "amenities"), "code"),
)


def validated(text: str, path: Path, *, content_only: bool = False) -> KioskConfig:
    """The config `text` makes when read as if it stood at `path`; ConfigInvalid otherwise.

    `content_only`: a content file (kiosk.config.content_file), where every device setting is a
    problem at its own line, reported together with the content's own problems."""
    node, data = parse_yaml(text, path)
    if data is None:
        message = "the file is empty (a save may have been cut short); go back to a good copy"
        raise ConfigInvalid([ConfigError(path, 1, None, "", message)])
    if not isinstance(data, dict):
        message = "expected sections of 'key: value' lines such as community:, notices:, rooms:"
        raise ConfigInvalid([ConfigError(path, 1, 1, "", message)])
    context = _context(data, path.absolute().parent)
    problems = duplicate_keys(node)
    if content_only:
        problems += device_settings(data)
        data = content_part(data)
    doc: ConfigDoc | None = None
    try:
        doc = ConfigDoc.model_validate(data, context={"kiosk": context})
    except ValidationError as exc:
        problems += plain_problems(exc.errors(include_url=False), ConfigDoc)
    problems += _duplicates(data, node) + _unknown_rooms(data)
    ics_events = _ics_events(data, context, problems)
    if problems or doc is None:
        raise ConfigInvalid(_positioned(problems, node, path))
    return build_config(doc, ics_events=ics_events, source=path)


def _get(data: object, loc: Loc) -> object:
    for part in loc:
        if isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _items(data: object, loc: Loc) -> list[tuple[int, Mapping[str, Any]]]:
    items = _get(data, loc)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _scalar(value: object) -> str | None:
    ok = isinstance(value, str | int | float) and not isinstance(value, bool)
    return str(value) if ok else None


def _context(data: Mapping[str, Any], base_dir: Path) -> Context:
    """What validation needs from other sections, read before validating the whole file."""
    try:
        langs = LanguagesIn.model_validate(data.get("languages") or {})
        languages = Languages(
            available=tuple(langs.available),
            default=langs.default,
            labels=MappingProxyType({**Languages().labels, **langs.labels}),
        )
        check = True
    except ValidationError:  # reported by the full validation; don't repeat it on every text
        default = _get(data, ("languages", "default"))
        languages, check = Languages(default=default if isinstance(default, str) else "zh"), False
    timezone = zoneinfo.ZoneInfo("Asia/Shanghai")
    name = _get(data, ("community", "timezone"))
    if isinstance(name, str):
        with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            timezone = zoneinfo.ZoneInfo(name)  # a bad name is reported by the validation
    return Context(base_dir=base_dir, languages=languages, check_languages=check, timezone=timezone)


def _duplicates(data: Mapping[str, Any], node: Node | None) -> list[Problem]:
    problems: list[Problem] = []
    for loc, key in _UNIQUE:
        first: dict[str, int] = {}
        for index, item in _items(data, loc):
            value = _scalar(item.get(key))
            if value is None:
                continue
            if value not in first:
                first[value] = index
                continue
            where = locate(node, (*loc, first[value], key), "value")
            line = f" on line {where[0]}" if where else ""
            message = f"'{value}' is already used{line}; every {key} in {key_path(loc)} must differ"
            problems.append(Problem((*loc, index, key), message))
    return problems


def _unknown_rooms(data: Mapping[str, Any]) -> list[Problem]:
    rooms = data.get("rooms")
    if rooms is not None and not isinstance(rooms, list):
        return []  # the rooms section itself is wrong; that error is enough
    known = [r for _, item in _items(data, ("rooms",)) if (r := _scalar(item.get("id")))]
    refs: list[tuple[Loc, Any]] = [
        (("schedule", "events", i, "room"), item.get("room"))
        for i, item in _items(data, ("schedule", "events"))
    ]
    if isinstance(data.get("red_post"), dict):
        refs.append((("red_post", "room"), data["red_post"].get("room")))
    problems = []
    for loc, value in refs:
        room = _scalar(value)
        if room is not None and room not in known:
            hint = did_you_mean(room, known) or (
                f"; the rooms are: {', '.join(known)}" if known else "; no rooms are listed"
            )
            problems.append(Problem(loc, f"there is no room '{room}' in rooms{hint}"))
    return problems


def _ics_events(
    data: Mapping[str, Any], context: Context, problems: list[Problem]
) -> tuple[Event, ...]:
    """Events from `schedule.ics_file`, or () with the problem added to `problems`."""
    name = _get(data, ("schedule", "ics_file"))
    if not isinstance(name, str) or not name.strip():
        return ()
    path = context.base_dir / Path(name.strip()).expanduser()
    if not path.is_file():
        return ()  # the schema reports the missing file
    loc: Loc = ("schedule", "ics_file")
    from kiosk.config.ics_import import IcsImportError, events_from_ics

    try:
        events = events_from_ics(
            path, timezone=context.timezone.key, default_lang=context.languages.default
        )
    except IcsImportError as exc:
        where = f"{name} line {exc.line}: " if exc.line is not None else f"{name}: "
        problems.append(Problem(loc, f"the calendar file cannot be used: {where}{exc.message}"))
        return ()
    except Exception as exc:  # a bug in the import must not take the kiosk down with it
        log.exception("importing %s failed", path)
        problems.append(Problem(loc, f"the calendar file cannot be used: {exc}"))
        return ()
    yaml_ids = {
        i for _, item in _items(data, ("schedule", "events")) if (i := _scalar(item.get("id")))
    }
    for event in events:
        if event.id in yaml_ids:
            problems.append(
                Problem(
                    loc,
                    f"the calendar has an event with id '{event.id}', which "
                    "schedule.events also uses; rename one of them",
                )
            )
    return events


def _positioned(problems: list[Problem], node: Node | None, path: Path) -> list[ConfigError]:
    """ConfigErrors with line and column, in file order, each reported once."""
    errors: dict[ConfigError, None] = {}
    for problem in problems:
        where = locate(node, problem.loc, problem.point)
        line, column = where if where is not None else (None, None)
        errors[ConfigError(path, line, column, key_path(problem.loc), problem.message)] = None
    return sorted(errors, key=lambda e: (e.line or 0, e.column or 0))
