"""libyaml reads staff's file (issue 18: an eighth of the pure loader's time) without changing
what the kiosk makes of it: the same data and the same line and column for every node, which the
error messages point at; what libyaml refuses goes to the pure loader and its usual message."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from yaml.nodes import MappingNode, Node, SequenceNode

from kiosk.config.errors import ConfigInvalid
from kiosk.config.yaml_loaders import MAX_DEPTH
from kiosk.config.yamlfile import parse_yaml
from tests.config.helpers import SAMPLE, edited_sample

FILE = SAMPLE


def _nodes(root: Node | None) -> list[tuple[Any, ...]]:
    found, stack, seen = [], [root], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        value = len(node.value) if isinstance(node.value, list) else node.value
        # Where a node starts is what errors point at; its end is not used (and at a file's end
        # without a newline libyaml ends a mapping on the next line, PyYAML on the last).
        found.append((node.tag, value, node.start_mark.line, node.start_mark.column))
        if isinstance(node, MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return found


def _both(text: str) -> tuple[object, object]:
    def parse(fast: bool) -> object:
        try:
            node, data = parse_yaml(text, FILE, fast=fast)
        except ConfigInvalid as invalid:
            return [str(e) for e in invalid.errors]
        return data, _nodes(node)

    return parse(True), parse(False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_sample())
def test_libyaml_and_the_pure_loader_agree_on_edited_samples(text: str) -> None:
    fast, pure = _both(text)
    assert fast == pure


@pytest.mark.parametrize(
    ("change", "loads"),
    [
        (lambda t: t, True),
        (lambda t: t.replace("\n", "\r\n"), True),  # saved on Windows
        (lambda t: "\ufeff" + t, True),  # Notepad's byte-order mark
        (lambda t: t.replace("胜利社区", "胜利社区 🏠"), True),  # astral characters
        (lambda t: t + "\nextra: [1, {a: 2}, '三', \"ئا\"]\n", True),
        (lambda t: t.replace("胜利社区", "胜利社区\t"), False),  # libyaml would take this tab
        (lambda t: t + "extra: !\n", True),  # libyaml would read "", PyYAML None
    ],
    ids=["sample", "crlf", "bom", "emoji", "flow-styles", "tab", "empty-tag"],
)
def test_libyaml_and_the_pure_loader_agree_on_saved_variants(change: Any, loads: bool) -> None:
    fast, pure = _both(change(SAMPLE.read_text(encoding="utf-8")))
    assert fast == pure
    assert isinstance(fast, tuple) is loads, fast


def test_nesting_libyaml_accepts_is_still_refused_with_the_usual_hint() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    fast, pure = _both(text)
    assert fast == pure
    assert isinstance(fast, list)
    assert "nested more than" in fast[0]
