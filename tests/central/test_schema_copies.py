"""The GeoReport v2 schema copies in tests/central/schemas/ are test data every clone has: they are
the unchanged originals (pinned by SHA256SUMS, and byte for byte equal to shared/ whenever that is
beside the clone, as in CI), they hang together, and the validators built on them really check."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from jsonschema import Draft4Validator

from tests.central.schemas import HERE, NAMES, registry, validate

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "open311-georeport-v2"


def _pinned() -> dict[str, str]:
    """SHA256SUMS: the digest of each original, as `sha256sum` writes it (`sha256sum -c` checks)."""
    lines = (HERE / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split() for line in lines if line.strip())}


def _refs(schema: object) -> Iterator[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _refs(item)


def test_the_folder_holds_exactly_the_pinned_copies_the_validators_load():
    assert sorted(p.name for p in HERE.glob("*.json")) == sorted(NAMES) == sorted(_pinned())


@pytest.mark.parametrize("name", NAMES)
def test_each_copy_is_the_unchanged_original(name):
    copy = (HERE / name).read_bytes()
    assert hashlib.sha256(copy).hexdigest() == _pinned()[name], f"{name} was edited"
    if SHARED.is_dir():  # shared/ beside the clone (CI): the copy is still its original
        assert (SHARED / name).is_file(), f"shared/ has no {name} any more"
        assert copy == (SHARED / name).read_bytes()


@pytest.mark.parametrize("name", NAMES)
def test_each_copy_is_a_draft_04_schema_whose_references_resolve_among_the_copies(name):
    schema = json.loads((HERE / name).read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    refs = list(_refs(schema))
    assert all(ref.partition("#")[0] in NAMES for ref in refs), refs
    resolver = registry().resolver()
    for ref in refs:
        assert resolver.lookup(ref).contents, ref


def test_a_list_item_is_checked_against_request_schema_through_the_ref():
    with pytest.raises(jsonschema.ValidationError, match="service_code"):
        validate(
            "requests.json",
            [{"service_request_id": "1", "status": "open", "requested_datetime": "x"}],
        )


def test_date_time_without_offset_is_refused():
    item = {
        "service_request_id": "1",
        "status": "open",
        "service_code": "a",
        "requested_datetime": "2024-12-04T15:15:00",
    }
    with pytest.raises(jsonschema.ValidationError, match="date-time"):
        validate("request.json", item)
    validate("request.json", {**item, "requested_datetime": "2024-12-04T15:15:00+08:00"})
