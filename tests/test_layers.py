"""The layer contract (DESIGN.md §4), read from every import in every file.

Each `import` and `from ... import` counts wherever it stands: at the top, inside a function, or
under `if TYPE_CHECKING:` — a hidden import is still an arrow in the house. A new import that
breaks a rule fails here, in CI, before it becomes a habit.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("kiosk", "benchmarks")
FRAMEWORKS = frozenset({"kivy", "pydantic", "sqlalchemy", "fastapi", "requests", "yaml"})
MAX_FLOORS = 8

# What each package of kiosk/ may import of ours, besides itself (its __init__ docstring says so).
ALLOWED: Mapping[str, frozenset[str]] = {
    "domain": frozenset(),
    "wire": frozenset({"domain"}),
    "config": frozenset({"domain"}),
    "store": frozenset({"domain", "wire", "config"}),
    "receipt": frozenset({"domain", "wire", "config"}),
    "speech": frozenset({"domain", "config"}),
    "sync": frozenset({"domain", "wire", "config", "store"}),
    "core": frozenset({"domain", "wire", "config", "store", "receipt", "speech", "sync"}),
    "ui": frozenset({"domain", "config", "receipt", "speech", "core"}),
    "central": frozenset({"domain", "wire", "config"}),
    "cli": frozenset({"domain", "wire", "config", "store", "receipt", "speech", "sync", "core"})
    | frozenset({"ui", "central"}),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of ours by dotted name (a package by its __init__.py)."""
    found: dict[str, Path] = {}
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*.py")):
            found[_module_name(path)] = path
    return found


def _imported(path: Path, name: str) -> Iterator[tuple[str, int]]:
    """(dotted name, line) of every import in the file, at any depth; relative ones resolved.
    `from package import x` names the submodule package.x when there is one, else the package."""
    known = modules()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                yield (sub if sub in known else base), node.lineno


@cache
def imports() -> dict[str, dict[str, int]]:
    """module -> {imported module of ours, or a third party's top-level name: first line}."""
    known = modules()
    graph: dict[str, dict[str, int]] = {}
    for name, path in known.items():
        edges: dict[str, int] = {}
        for target, line in _imported(path, name):
            key = target if target.partition(".")[0] in SOURCES else target.partition(".")[0]
            if key.partition(".")[0] in SOURCES and key not in known:
                key = key.rpartition(".")[0]  # `import kiosk.x.name`: not ours to resolve
            edges.setdefault(key, line)
        edges.pop(name, None)
        graph[name] = edges
    return graph


def _layer(module: str) -> str:
    """The room a module stands in: kiosk's package (`core`), a top file (`kiosk.__main__`), or
    the benchmarks."""
    parts = module.split(".")
    if parts[0] != "kiosk":
        return parts[0]
    if len(parts) == 1:
        return "kiosk"
    path = modules()[module]
    if len(parts) == 2 and path.name != "__init__.py":
        return module  # a file directly in kiosk/
    return parts[1]


def _ours(module: str) -> bool:
    return module in modules()


def _violations(rule: str) -> list[str]:
    found = []
    for module, edges in sorted(imports().items()):
        if not module.startswith("kiosk."):
            continue
        layer = _layer(module)
        for target, line in sorted(edges.items()):
            where = f"{modules()[module].relative_to(ROOT)}:{line}: imports {target}"
            if rule == "domain" and layer == "domain":
                if _ours(target) and _layer(target) != "domain":
                    found.append(where)
                elif not _ours(target) and target in FRAMEWORKS:
                    found.append(where + " (a framework)")
            elif rule == "kivy" and target == "kivy" and layer != "ui":
                found.append(where)
            elif rule == "cli" and _ours(target) and _layer(target) == "cli":
                if layer not in ("cli", "kiosk.__main__"):
                    found.append(where)
            elif rule == "allowed" and _ours(target) and layer in ALLOWED:
                other = _layer(target)
                if other != layer and other not in ALLOWED[layer]:
                    found.append(f"{where} ({layer} may import only {sorted(ALLOWED[layer])})")
    return found


def test_the_domain_imports_nothing_of_ours_and_no_framework() -> None:
    assert _violations("domain") == []


def test_only_the_ui_imports_kivy() -> None:
    assert _violations("kivy") == []


def test_nothing_below_imports_the_command_line() -> None:
    assert _violations("cli") == []


def test_each_package_imports_only_what_its_docstring_allows() -> None:
    """Among them: kiosk.central imports only kiosk.domain, kiosk.wire and kiosk.config."""
    assert _violations("allowed") == []


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_package_says_what_it_may_import(package: str) -> None:
    init = ROOT / "kiosk" / package / "__init__.py"
    assert "May import:" in (ast.get_docstring(ast.parse(init.read_text("utf-8"))) or "")


def _cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _our_graph() -> dict[str, set[str]]:
    return {m: {t for t in edges if _ours(t)} for m, edges in imports().items()}


def _layer_graph() -> dict[str, set[str]]:
    rooms: dict[str, set[str]] = {}
    for module, targets in _our_graph().items():
        room = rooms.setdefault(_layer(module), set())
        room.update(_layer(t) for t in targets if _layer(t) != _layer(module))
    return rooms


def test_no_import_cycles_between_modules() -> None:
    assert _cycles(_our_graph()) == []


def test_no_import_cycles_between_packages() -> None:
    assert _cycles(_layer_graph()) == []


def floors() -> dict[str, int]:
    """Each room's floor: one above the highest room it imports (a room importing none: 1)."""
    graph = _layer_graph()
    floor: dict[str, int] = {}

    def of(room: str) -> int:
        if room not in floor:
            floor[room] = 0  # a cycle would recurse for ever; the test above reports it
            floor[room] = 1 + max((of(t) for t in graph.get(room, ())), default=0)
        return floor[room]

    for room in graph:
        of(room)
    return floor


def test_the_house_stands_at_most_eight_floors_high() -> None:
    """The longest chain of package-level layers: domain at the bottom, the commands on top."""
    high = floors()
    assert max(high.values()) <= MAX_FLOORS, sorted(high.items(), key=lambda item: item[1])
