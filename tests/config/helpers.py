"""Config test helpers: the sample file, edited copies of it in a temporary folder, their errors.
The fixtures (sample_text, config) are in conftest.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import strategies as st

from kiosk.config.errors import ConfigError, ConfigInvalid
from kiosk.config.loader import load_config

SAMPLE = Path(__file__).resolve().parents[2] / "config" / "kiosk.yaml"


@dataclass
class ConfigFolder:
    """A folder holding a config file, written from the sample with edits."""

    folder: Path
    sample: str

    @property
    def path(self) -> Path:
        return self.folder / "kiosk.yaml"

    def write(self, text: str) -> Path:
        self.path.write_text(text, encoding="utf-8")
        return self.path

    def edited(self, *edits: tuple[str, str]) -> str:
        """The sample with each `old` (found exactly once) replaced by `new`, written to `path`."""
        text = self.sample
        for old, new in edits:
            assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
            text = text.replace(old, new)
        self.write(text)
        return text

    def errors(self) -> list[ConfigError]:
        with pytest.raises(ConfigInvalid) as caught:
            load_config(self.path)
        return caught.value.errors

    def only_error(self) -> ConfigError:
        errors = self.errors()
        assert len(errors) == 1, "\n".join(map(str, errors))
        return errors[0]


def line_of(text: str, needle: str, *, exact: bool = False) -> int:
    """The 1-based line of the only line in `text` containing `needle` (or, `exact`, being it)."""
    lines = enumerate(text.splitlines(), 1)
    found = [n for n, line in lines if (line.strip() == needle if exact else needle in line)]
    assert len(found) == 1, f"{needle!r} is on lines {found}"
    return found[0]


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
