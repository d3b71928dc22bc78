"""Fixtures every test package may ask for by name. Their plain helpers live in tests/fixtures/
(helpers several packages share); a package's own fixtures are in its conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.small_disk import small_disk_at


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A small real file system, freshly mounted under the test's tmp_path, to fill."""
    with small_disk_at(tmp_path) as point:
        yield point
