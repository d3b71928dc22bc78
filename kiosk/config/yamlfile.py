"""Staff YAML read twice over: as nodes (for line numbers) and as plain data (for validation).

The loaders (kiosk.config.yaml_loaders) are PyYAML's safe loader with two exceptions for what
YAML 1.1 would turn into something staff did not mean (`8:30`, 2024-02-30); libyaml's parser reads
a file first, and what it refuses is read again in pure Python for the usual messages.

What PyYAML would raise without a place (a control character from a mis-encoded save, nesting
deep enough to exhaust the stack, half a UTF-16 surrogate pair from a `\\ud800` escape, which
no JSON answer can carry) is found here and pointed at by line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader

from kiosk.config.errors import ConfigError, ConfigInvalid
from kiosk.config.expansion import ExpansionError, check_expansion
from kiosk.config.problem import Loc, Point, Problem
from kiosk.config.yaml_loaders import LOADERS, MAX_DEPTH, TOO_DEEP, PureLoader

_TAG = re.compile(r"(?:^|[\s,\[{])!")  # a '!' where a YAML tag could begin


_SYNTAX_HINTS = (
    ("mapping values are not allowed", "a ':' is in an unexpected place; check this line's "
     "indentation, or put the text in quotes if it contains ': '"),
    ("could not find expected ':'", "expected 'key: value' here; a ':' seems to be missing"),
    ("cannot start any token", "this character cannot start a value; tabs cannot be used for "
     "indenting (use spaces), and text starting with @ ` % or & needs quotes"),
    ("did not find expected key", "the indentation of this line does not match the lines above"),
    ("expected <block end>", "the indentation of this line does not match the lines above"),
    ("did not find expected '-'", "the indentation of this list does not match the lines above"),
    ("expected ',' or ']'", "this [ list ] is not closed properly; check for a missing ',' or ']'"),
    ("expected ',' or '}'", "this { group } is not closed properly; check for a missing ',' "
     "or '}'"),
    ("unexpected end of stream", "a quote or bracket opened here is never closed"),
    ("expected a single document", "the file holds more than one document (a '---' line); "
     "keep just one"),
    ("unknown escape character", "a backslash inside double quotes starts an escape; use "
     "single quotes instead, or write two backslashes"),
    ("undefined alias", "a '*' refers to an anchor (&name) that does not exist; put text "
     "starting with * in quotes"),
    ("could not determine a constructor", "'!' tags are not supported in this file"),
    (TOO_DEEP, f"lists or groups are nested more than {MAX_DEPTH} deep here; check for "
     "unclosed or repeated [ or {"),
)  # fmt: skip


# Problems found only where something later went wrong; the line to fix is where it began.
_AT_CONTEXT = ("end of stream", "expected ','", "could not find expected ':'")


def _syntax_error(file: Path, exc: yaml.MarkedYAMLError) -> ConfigError:
    problem = exc.problem or exc.context or "the file is not valid YAML"
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and any(n in problem for n in _AT_CONTEXT):
        mark = exc.context_mark  # where the unclosed quote or bracket, or the key, began
    both = f"{exc.context or ''} {problem}"
    message = next((hint for needle, hint in _SYNTAX_HINTS if needle in both), None)
    if message is None:
        message = f"this is not valid YAML: {problem}"
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return ConfigError(file, line, column, "", message)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of `text[index]`, lines as editors count them."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _control_character(text: str, file: Path) -> ConfigError | None:
    """The first character YAML does not allow, with what probably put it there."""
    match = Reader.NON_PRINTABLE.search(text)
    if match is None:
        return None
    code = ord(match.group())
    if code == 0:
        why = (
            "a NUL character is here: the file is damaged, or was saved as UTF-16 without a "
            "byte-order mark; save it again as UTF-8, or go back to a good copy"
        )
    elif 0x80 <= code <= 0x9F:
        why = (
            f"the control character U+{code:04X} is here: the file was probably opened as "
            "Latin-1 (or another Western encoding) and saved again, which garbles Chinese and "
            "Uyghur text; go back to a good copy, or re-type the garbled text"
        )
    else:
        why = f"the control character U+{code:04X} is here and cannot be in the file; delete it"
    return ConfigError(file, *_position(text, match.start()), "", why)


_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPE = re.compile(r"\\[uU]")


def _half_characters(root: Node | None, text: str, file: Path) -> list[ConfigError]:
    """Texts holding a lone UTF-16 surrogate (a `\\ud800` escape): nothing can send them."""
    if _ESCAPE.search(text) is None and _SURROGATE.search(text) is None:
        return []  # only an escape makes one (issue 18: this walk was a fifth of a big reload)
    errors: list[ConfigError] = []
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if _SURROGATE.search(str(node.value)) is not None:
                mark = node.start_mark
                message = (
                    "this text has half a character (a \\ud800-\\udfff escape); write the "
                    "character itself, or escape it whole as \\U followed by 8 hex digits"
                )
                errors.append(ConfigError(file, mark.line + 1, mark.column + 1, "", message))
        elif isinstance(node, MappingNode):
            stack.extend(part for pair in reversed(node.value) for part in reversed(pair))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
    return errors


# What a loader raises on a file it cannot read; each becomes one located ConfigError below.
_REFUSED = (yaml.YAMLError, ExpansionError, ValueError, TypeError, AttributeError, RecursionError)


def _parse_with(
    loader_class: Callable[[str], Any], text: str, file: Path
) -> tuple[Node | None, Any]:
    """(node tree, data) by one loader; its own errors raised as they come."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        half_characters = _half_characters(node, text, file)
        if half_characters:
            raise ConfigInvalid(half_characters)
        if node is not None and "&" in text:  # no anchor, no alias: nothing can expand
            check_expansion(node)
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _fast_enough(text: str) -> bool:
    """libyaml is there, and reads `text` as PyYAML would: it takes tabs PyYAML refuses, and
    reads an empty tagged value as "" where PyYAML reads None (one behaviour with or without it)."""
    return len(LOADERS) > 1 and "\t" not in text and _TAG.search(text) is None


def parse_yaml(text: str, file: Path, *, fast: bool = True) -> tuple[Node | None, Any]:
    """Parse one YAML document into (node tree, data); ConfigInvalid for a syntax error.

    `fast`: try libyaml first; without it (or when libyaml refuses) the pure-Python loader,
    whose messages are the ones staff get."""
    bad_character = _control_character(text, file)
    if bad_character is not None:
        raise ConfigInvalid([bad_character])
    if fast and _fast_enough(text):
        try:
            return _parse_with(LOADERS[0], text, file)
        except (ConfigInvalid, *_REFUSED):
            pass  # read again below, for the usual message
    try:
        return _parse_with(PureLoader, text, file)
    except yaml.MarkedYAMLError as exc:
        raise ConfigInvalid([_syntax_error(file, exc)]) from None
    except ExpansionError as exc:
        mark = exc.node.start_mark
        error = ConfigError(file, mark.line + 1, mark.column + 1, "", str(exc))
        raise ConfigInvalid([error]) from None
    except _REFUSED as exc:
        message = f"this is not valid YAML: {exc}"
        raise ConfigInvalid([ConfigError(file, 1, None, "", message)]) from None


def _child(node: Node, part: str | int) -> tuple[Node | None, Node | None]:
    """The (key node, value node) for `part` under `node`; the last of duplicate keys wins."""
    if isinstance(node, MappingNode):
        found: tuple[Node | None, Node | None] = (None, None)
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == str(part):
                found = (key, value)
        return found
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None, None


def locate(root: Node | None, loc: Loc, point: Point) -> tuple[int, int] | None:
    """1-based (line, column) for a problem at `loc`, as near as the document allows."""
    if root is None:
        return None
    if point == "parent":
        loc = loc[:-1]
    target, key_node = root, None
    for part in loc:
        key_node, child = _child(target, part)
        if child is None:
            key_node = None
            break
        target = child
    mark = (key_node if point == "key" and key_node is not None else target).start_mark
    return mark.line + 1, mark.column + 1


def key_path(loc: Loc) -> str:
    """`schedule.events[2].room`: keys joined by dots, list positions (from 0) in brackets."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def duplicate_keys(root: Node | None) -> list[Problem]:
    """Keys written twice in one mapping; YAML would silently keep only the last one."""
    problems: list[Problem] = []
    seen_nodes: set[int] = set()

    def walk(node: Node, loc: Loc) -> None:
        if id(node) in seen_nodes:  # anchors and aliases may share (even recursive) nodes
            return
        seen_nodes.add(id(node))
        if isinstance(node, MappingNode):
            first_line: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode) and key.value != "<<":
                    name = str(key.value)
                    if name in first_line:
                        problems.append(
                            Problem(
                                (*loc, name),
                                f"the key '{name}' is written twice here (first on line "
                                f"{first_line[name]}); keep only one",
                                "key",
                            )
                        )
                    else:
                        first_line[name] = key.start_mark.line + 1
                    walk(value, (*loc, name))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*loc, index))

    if root is not None:
        walk(root, ())
    return problems
