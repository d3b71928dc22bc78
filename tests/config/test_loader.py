"""Loading a big file leaves the screen alone (issue 18), and the watcher parses a file a second
time only when it may name a calendar file."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml

from kiosk.config.loader import load_config, referenced_files
from kiosk.config.yamlfile import parse_yaml
from tests.config.helpers import SAMPLE

FILE = Path("/srv/echo-kiosk/kiosk.yaml")
CALENDAR = FILE.parent / "activities.ics"


@pytest.mark.parametrize(
    ("schedule", "found"),
    [
        ("schedule:\n  ics_file: activities.ics\n", (CALENDAR,)),
        ("schedule: {ics_file: activities.ics}\n", (CALENDAR,)),
        ("schedule:\n  'ics_file': activities.ics  # the town's calendar\n", (CALENDAR,)),
        ("schedule:\n  # ics_file: activities.ics\n  events: []\n", ()),
        ("schedule:\n  events: []\n", ()),
        ("schedule:\n  ics_file: [not, closed\n", ()),  # the load reports it
    ],
    ids=["block", "flow", "quoted-key", "commented-out", "none", "broken"],
)
def test_the_calendar_file_is_followed_wherever_staff_named_it(
    schedule: str, found: tuple[Path, ...]
):
    assert referenced_files(schedule, FILE) == found


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    """The sample with 300 more notices: hundreds of thousands of objects while it loads."""
    _node, data = parse_yaml(SAMPLE.read_text(encoding="utf-8"), SAMPLE)
    for n in range(300):
        data["notices"].append(
            {
                "id": f"notice-{n}",
                "title": {"zh": f"通知{n}", "ug": f"ئۇقتۇرۇش {n}"},
                "body": {"zh": "请互相转告。" * 5, "ug": "يەتكۈزۈڭلار. " * 5},
                "publish": date(2024, 12, 1),
            }
        )
    path = tmp_path / "kiosk.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


@pytest.fixture
def collections() -> Iterator[list[str]]:
    started: list[str] = []

    def heard(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            started.append(phase)

    gc.callbacks.append(heard)
    yield started
    gc.callbacks.remove(heard)


def test_no_garbage_collection_runs_while_a_big_file_loads(big_file: Path, collections):
    config = load_config(big_file)
    assert len(config.content.notices) > 300
    # Each collection holds the GIL (a frozen frame on the screen); without the pause this load
    # sets off dozens. One may run as the load ends, for what it left.
    assert len(collections) <= 1, collections
    assert gc.isenabled(), "collecting again after the load"


def test_a_collector_paused_by_someone_else_stays_paused(big_file: Path):
    gc.disable()
    try:
        load_config(big_file)
        assert not gc.isenabled()
    finally:
        gc.enable()
