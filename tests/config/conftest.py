"""Config test fixtures: the sample file's text and a folder to write edited copies of it in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.config.helpers import SAMPLE, ConfigFolder


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def config(tmp_path: Path, sample_text: str) -> ConfigFolder:
    return ConfigFolder(tmp_path, sample_text)
