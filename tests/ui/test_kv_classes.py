"""Each screen's module is imported only when the screen is first made (kiosk.ui.app
`screen_class`), so a class its kv file names must come with it: from its own module, a module
it imports, or the shared modules kv_rules imports with widgets.kv. Otherwise the screen opens
only if some other screen happened to be made first."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kiosk.ui.app import SCREENS
from kiosk.ui.kv_rules import UI_DIR

KV_NAME = re.compile(r"^\s*<?([A-Z][A-Za-z0-9]*)[>:@]", re.MULTILINE)
SHARED = ("kiosk/ui/kv_rules.py",)


def _kiosk_classes() -> dict[str, str]:
    """Class name -> the kiosk.ui module (as a path) that defines it."""
    found: dict[str, str] = {}
    for path in UI_DIR.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                found[node.name] = str(path.relative_to(UI_DIR.parents[1]))
    return found


def _imported(path: Path) -> set[str]:
    """The kiosk modules `path` imports at its top, as paths."""
    modules: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kiosk"):
            modules.add(node.module.replace(".", "/") + ".py")
            modules.update(f"{node.module.replace('.', '/')}/{a.name}.py" for a in node.names)
    return modules


def _reachable(module: str) -> set[str]:
    root = UI_DIR.parents[1]
    seen: set[str] = set()
    todo = [module, *SHARED]
    while todo:
        current = todo.pop()
        if current in seen or not (root / current).exists():
            continue
        seen.add(current)
        todo.extend(_imported(root / current))
    return seen


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_class_a_screens_kv_names_comes_with_its_module(screen: str):
    kv = UI_DIR / "screens" / f"{screen}.kv"
    classes = _kiosk_classes()
    named = {name for name in KV_NAME.findall(kv.read_text(encoding="utf-8")) if name in classes}
    reachable = _reachable(f"kiosk/ui/screens/{screen}.py")
    assert named, f"{kv.name} names no kiosk class: the pattern no longer reads kv files"
    assert {name: classes[name] for name in named if classes[name] not in reachable} == {}
