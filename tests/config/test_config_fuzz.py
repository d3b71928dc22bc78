"""Whatever staff do to the file, the loader answers with a config or with errors, never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config.errors import ConfigError, ConfigInvalid
from kiosk.config.loader import load_config
from kiosk.config.model import KioskConfig
from tests.config.helpers import SAMPLE

LINES = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
# Characters staff's edits (and their slips) plausibly introduce.
TYPED = st.sampled_from([*list(":-[]{},'\"#&*!|>% \t\n0123456789abcxyz胜ئ"), "", "yes", "08:30"])


@st.composite
def edited_sample(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "change", "truncate"]))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "change":
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(TYPED) + line[at + 1 :]
        else:
            text = "".join(lines)
            lines = [text[: draw(st.integers(0, len(text)))]]
        if not lines:
            lines = [""]
    return "".join(lines)


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
