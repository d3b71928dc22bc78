"""How big a YAML document becomes once its aliases are followed.

An anchor (`&a`) used again by alias (`*a`) is one node in the file but a whole copy in the data
the schema walks: nine lines of nested aliases make a billion entries (the "billion laughs"), and
an alias inside its own anchor makes a loop. Both would hang or exhaust the kiosk before any line
could be reported, so the composed node graph is measured first, each shared node once.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, SequenceNode

# A 1 MiB file written out without aliases has far fewer nodes than this.
MAX_NODES = 1_000_000


class ExpansionError(Exception):
    """The document expands past MAX_NODES, or an alias refers to the node that holds it."""

    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node = node


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def check_expansion(root: Node, limit: int = MAX_NODES) -> None:
    """Raise ExpansionError at the first node whose followed aliases pass `limit` nodes."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: Node) -> int:  # recursion is bounded: the loader refuses deep nesting
        known = sizes.get(id(node))
        if known is not None:
            return known
        if id(node) in open_nodes:
            raise ExpansionError(node, "an alias (*name) here refers to the entry it stands in")
        open_nodes.add(id(node))
        total = 1
        for child in _children(node):
            total += size(child)
            if total > limit:
                raise ExpansionError(
                    node,
                    f"the aliases (*name) here repeat their anchors into more than {limit:,} "
                    "entries; write the entries out instead",
                )
        open_nodes.discard(id(node))
        sizes[id(node)] = total
        return total

    size(root)
