"""Whatever staff do to the file, the loader answers with a config or with errors, never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from kiosk.config.errors import ConfigError, ConfigInvalid
from kiosk.config.loader import load_config
from kiosk.config.model import KioskConfig
from tests.config.helpers import edited_sample


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_sample())
def test_random_edits_of_the_sample_never_crash_the_loader(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kiosk.yaml"
        path.write_text(text, encoding="utf-8")
        errors: list[ConfigError] = []
        try:
            assert isinstance(load_config(path), KioskConfig)
        except ConfigInvalid as invalid:
            errors = invalid.errors
            assert errors, "ConfigInvalid without errors"
    for error in errors:
        assert error.message
        assert str(error).startswith(str(path))
        assert error.line is None or 1 <= error.line <= text.count("\n") + 1
