"""The schema copies the tests use are the shared originals, and the validators really check."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from tests.central.schemas import HERE, NAMES, validate

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "open311-georeport-v2"


@pytest.mark.parametrize("name", NAMES)
def test_copy_matches_the_shared_original(name):
    original = SHARED / name
    if not original.is_file():
        pytest.skip("shared/ is not beside this clone")
    assert (HERE / name).read_bytes() == original.read_bytes()


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
