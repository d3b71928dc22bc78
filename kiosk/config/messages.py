"""Pydantic's errors retold in plain words for staff, each with the place in the file to point at.

Validators in this package raise `invalid(...)`: a pydantic error of type "kiosk" whose context
carries the finished message, an optional sub-path (`at`) below the field being validated, and
which node to point at. Everything else pydantic reports is translated here.
"""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails, PydanticCustomError

from kiosk.config.problem import Loc, Point, Problem

KIOSK_ERROR = "kiosk"

_BOOL_HINT = " (YAML reads yes, no, on, off, true and false as true or false: put text in quotes)"

_SECRET_KEYS = {
    "api_key": "never write the API key itself in this file: put it in a file and give that "
    "file's path as api_key_file, or in an environment variable named by api_key_env",
    "pin": "never write the PIN itself in this file: make a hash with 'kiosk hash-pin' and put "
    "it in pin_hash",
}

_MISSING_HINTS = {
    "responsible": "every category needs a fixed responsible person (定人)",
    "deadline_days": "every category needs a fixed deadline in days (定时)",
    "community": "the file needs a community: section (name, timezone, kiosk_number)",
}


def invalid(message: str, *, at: Loc = (), point: Point = "value") -> PydanticCustomError:
    """The error for a value staff must change, to `raise` in a validator (see module docstring)."""
    return PydanticCustomError(
        KIOSK_ERROR, "{message}", {"message": message, "at": at, "point": point}
    )


def describe(value: object) -> str:
    """A value as staff typed it, short: 'abc', 12, true, nothing, a list."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return ("true" if value else "false") + _BOOL_HINT
    if isinstance(value, datetime):
        return value.isoformat(sep="T", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a group of 'key: value' lines"
    return type(value).__name__


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' — did you mean 'x'?' for a near miss, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def _unwrap(tp: object) -> object:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            rest = [a for a in get_args(tp) if a is not type(None)]
            if len(rest) != 1:
                return tp
            tp = rest[0]
        else:
            return tp


def allowed_keys(model: type[BaseModel], loc: Loc) -> list[str] | None:
    """The keys the schema allows in the mapping at `loc`, following the model's annotations."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = {(f.alias or name): f for name, f in current.model_fields.items()}
            if part not in fields:
                return None
            current = fields[str(part)].annotation
        elif get_origin(current) in (list, tuple) and isinstance(part, int):
            current = get_args(current)[0]
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return None


def _unknown_key(model: type[BaseModel], loc: Loc) -> str:
    key = str(loc[-1])
    allowed = allowed_keys(model, loc[:-1]) or []
    if key in _SECRET_KEYS:
        return _SECRET_KEYS[key]
    hint = did_you_mean(key, allowed)
    if not hint and allowed:
        hint = "; the keys allowed here are: " + ", ".join(allowed)
    return f"unknown key '{key}'{hint}"


def _missing(loc: Loc) -> str:
    key = str(loc[-1])
    hint = _MISSING_HINTS.get(key)
    return f"the key '{key}' is missing" + (f": {hint}" if hint else "")


def _literal(expected: str, value: object) -> str:
    options = re.findall(r"'([^']*)'", expected) or re.findall(r"[\w.-]+", expected)
    hint = did_you_mean(value, options) if isinstance(value, str) else ""
    return f"expected {expected}, got {describe(value)}{hint}"


_SIMPLE: dict[str, str] = {
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "finite_number": "expected a number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "string_type": "expected text",
    "list_type": "expected a list (lines starting with '- ', or [a, b])",
    "tuple_type": "expected a list (lines starting with '- ', or [a, b])",
    "dict_type": "expected a group of 'key: value' lines",
    "model_type": "expected a group of 'key: value' lines",
    "model_attributes_type": "expected a group of 'key: value' lines",
}

_BOUNDS: dict[str, tuple[str, str]] = {
    "greater_than_equal": ("ge", "must be at least"),
    "greater_than": ("gt", "must be more than"),
    "less_than_equal": ("le", "must be at most"),
    "less_than": ("lt", "must be less than"),
}


def _plain(error: ErrorDetails, model: type[BaseModel]) -> Problem:
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    point: Point = "value"
    if loc and loc[-1] == "[key]":
        loc, point = loc[:-1], "key"
    if kind == KIOSK_ERROR:
        return Problem((*loc, *ctx.get("at", ())), str(ctx["message"]), ctx.get("point", point))
    if kind == "extra_forbidden":
        return Problem(loc, _unknown_key(model, loc), "key")
    if kind == "missing":
        return Problem(loc, _missing(loc), "parent")
    if kind == "invalid_key":
        return Problem(loc, f"keys must be text, got {describe(value)}", "key")
    if kind in _SIMPLE:
        return Problem(loc, f"{_SIMPLE[kind]}, got {describe(value)}", point)
    if kind in _BOUNDS:
        name, words = _BOUNDS[kind]
        return Problem(loc, f"{words} {describe(ctx.get(name))}, got {describe(value)}", point)
    if kind == "literal_error":
        return Problem(loc, _literal(str(ctx.get("expected", "")), value), point)
    if kind in ("too_short", "too_long"):
        limit = ctx.get("min_length" if kind == "too_short" else "max_length")
        words = "at least" if kind == "too_short" else "at most"
        return Problem(loc, f"needs {words} {limit} item(s)", point)
    if kind == "recursion_loop":
        return Problem(loc, "this value refers to itself (an &anchor used inside itself)", point)
    text = str(error.get("msg", "this value is not valid")).removeprefix("Value error, ")
    return Problem(loc, text[:1].lower() + text[1:], point)


def plain_problems(errors: Sequence[ErrorDetails], model: type[BaseModel]) -> list[Problem]:
    """Every pydantic error of a `model` validation as a positioned, plain-words Problem.

    A key reported missing next to an unknown key that is a near miss for it ('titel' for
    'title') is left out: "did you mean 'title'?" already says it.
    """
    problems = [_plain(error, model) for error in errors]
    misspelt = {
        (e["loc"][:-1], m[0])
        for e in errors
        if e["type"] == "extra_forbidden"
        and (
            m := difflib.get_close_matches(
                str(e["loc"][-1]), allowed_keys(model, tuple(e["loc"][:-1])) or [], n=1, cutoff=0.6
            )
        )
    }
    return [
        p
        for p, e in zip(problems, errors, strict=True)
        if not (e["type"] == "missing" and (e["loc"][:-1], e["loc"][-1]) in misspelt)
    ]
