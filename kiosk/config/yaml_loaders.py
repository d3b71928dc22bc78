"""The two YAML loaders staff's file is read with: libyaml's parser with a Python composer
(fast), and PyYAML's pure-Python one (its messages are the ones kiosk.config.yamlfile explains).

Both keep two exceptions to the safe loader, where YAML 1.1 turns what staff typed into something
they did not mean: `8:30` (a base-60 number, 510, in YAML 1.1) stays the text "8:30" so times read
as written, and an impossible date such as 2024-02-30 stays text so validation can point at it
instead of the parser crashing. Both stop a runaway nesting at MAX_DEPTH.
"""

from __future__ import annotations

from typing import Any

from yaml.composer import Composer, ComposerError
from yaml.constructor import SafeConstructor
from yaml.nodes import Node, ScalarNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
MAX_DEPTH = 50  # the schema nests 5 deep; far below Python's recursion limit
TOO_DEEP = "nested too deeply"


class _Constructors(SafeConstructor):
    """The two exceptions to the safe loader, for the pure-Python and the libyaml loader alike."""

    def _construct_number(self, node: ScalarNode) -> object:
        if ":" in str(node.value):
            return self.construct_scalar(node)
        if node.tag == _INT_TAG:
            return self.construct_yaml_int(node)
        return self.construct_yaml_float(node)

    def _construct_timestamp(self, node: ScalarNode) -> object:
        try:
            return self.construct_yaml_timestamp(node)
        except (ValueError, TypeError, AttributeError, OverflowError):
            return self.construct_scalar(node)


class _Guarded(Composer):
    """The composer in Python for both loaders: it stops a runaway nesting before Python's stack
    runs out, and between two events another thread (the screen's) can take the GIL."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                raise ComposerError(None, None, TOO_DEEP, mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class PureLoader(Reader, Scanner, Parser, _Guarded, _Constructors, Resolver):
    """Pure Python: slower, but its messages are the ones _SYNTAX_HINTS explains."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _Guarded.__init__(self)
        _Constructors.__init__(self)
        Resolver.__init__(self)


def _c_parser() -> type | None:
    try:
        from yaml import _yaml
    except ImportError:  # PyYAML built without libyaml
        return None
    return _yaml.CParser


_CParser: Any = _c_parser()
LOADERS: list[Any] = [PureLoader]
if _CParser is not None:

    class _FastLoader(_Guarded, _CParser, _Constructors, Resolver):  # type: ignore[misc]
        """libyaml scans and parses (issue 18: the sample in a quarter of the pure loader's time;
        libyaml's own composer would hold the GIL for the whole file, a frame's worth and more
        on a big one while the kiosk reloads it). Used only for a file that loads cleanly;
        anything it refuses is parsed again by PureLoader, so staff get the usual message."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _Guarded.__init__(self)
            _Constructors.__init__(self)
            Resolver.__init__(self)

    LOADERS.insert(0, _FastLoader)

for _class in LOADERS:
    _class.add_constructor(_INT_TAG, _Constructors._construct_number)
    _class.add_constructor(_FLOAT_TAG, _Constructors._construct_number)
    _class.add_constructor(_TIMESTAMP_TAG, _Constructors._construct_timestamp)
