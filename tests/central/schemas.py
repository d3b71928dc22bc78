"""Validators for the GeoReport v2 JSON schemas (draft-04), with real date-time and uri checks.

jsonschema checks `format: date-time` only when an optional package is installed; here it is
always checked, and stricter than RFC 3339 demands: the offset must be present, since Open311
clients cannot guess the server's time zone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

HERE = Path(__file__).resolve().parent / "schemas"
NAMES = (
    "request.json",
    "requests.json",
    "service.json",
    "services.json",
    "service-definition.json",
)

checker = FormatChecker(formats=())


@checker.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return "T" in value and datetime.fromisoformat(value).utcoffset() is not None


@checker.checks("uri")
def _uri(value: object) -> bool:
    return not isinstance(value, str) or bool(urlparse(value).scheme)


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HERE / name).read_text(encoding="utf-8"))
    return data


@cache
def registry() -> Registry[bool | Mapping[str, Any]]:
    """The copies by file name, which is how they refer to each other (`"$ref": "request.json"`)."""
    return Registry().with_resources(
        (n, Resource.from_contents(_load(n), default_specification=DRAFT4)) for n in NAMES
    )


@cache
def validator(name: str) -> Draft4Validator:
    return Draft4Validator(_load(name), registry=registry(), format_checker=checker)


def validate(name: str, instance: object) -> None:
    """Raise jsonschema.ValidationError (listing the first problem) unless `instance` fits."""
    validator(name).validate(instance)
