"""The test suite's own layout, as the team's rules put it: shared helpers live in fixtures, never
in another test module or a conftest.py; a helper one package takes from another is in
tests/fixtures/; and tests/ mirrors the kiosk package. Each failure names the file and line."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
SHARED = "fixtures"  # tests/fixtures/: the helpers more than one test package uses
# Test folders that mirror no kiosk/<package>/: whole-system and deployment checks, the
# benchmarks' own smoke test, and the shared helpers.
NOT_MIRRORED = {"field", "deploy", "benchmarks", SHARED}


@dataclass(frozen=True)
class Import:
    file: Path
    line: int
    module: str  # the absolute dotted name imported from, e.g. "tests.ui.helpers"
    name: str | None  # for `from module import name`: the name (it may be a module too)

    def __str__(self) -> str:
        """`file:line: from module`, the same for every name the statement imports."""
        module = self.module
        if self.name is not None and _is_test_or_conftest(self.name):
            module = f"{module}.{self.name}"  # `from tests.ui import conftest`
        return f"{self.file.relative_to(REPO)}:{self.line}: from {module}"


def _python_files() -> Iterator[Path]:
    for folder in (TESTS, REPO / "benchmarks"):
        yield from sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _package_of(path: Path) -> str:
    """The package a relative import in `path` starts from (a module's, or an __init__'s own)."""
    return ".".join(path.relative_to(REPO).parts[:-1])


def imports_in(path: Path, source: str | None = None) -> Iterator[Import]:
    """Every import in `path` (or in `source`, as if in `path`), relative ones made absolute."""
    text = path.read_text(encoding="utf-8") if source is None else source
    tree = ast.parse(text, filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(path, node.lineno, alias.name, None)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = _package_of(path).split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, module] if module else base)
            for alias in node.names:
                yield Import(path, node.lineno, module, alias.name)


def _is_test_or_conftest(name: str) -> bool:
    return name.startswith("test_") or name == "conftest"


def reaches_into_a_test_module(found: Import) -> bool:
    """`found` imports a test_*.py module or a conftest.py, or something from inside one."""
    parts = found.module.split(".")
    if parts[0] != "tests":
        return False
    return any(map(_is_test_or_conftest, parts)) or (
        found.name is not None and _is_test_or_conftest(found.name)
    )


def _test_package(path: Path) -> str | None:
    """tests/<package>/… → package; a file directly in tests/, or in benchmarks/ → None."""
    parts = path.relative_to(REPO).parts
    return parts[1] if parts[0] == "tests" and len(parts) > 2 else None


def takes_another_packages_helper(found: Import) -> bool:
    """`found` takes a helper from tests/<other>/ rather than from tests/fixtures/."""
    parts = found.module.split(".")
    if parts[0] != "tests":
        return False
    if len(parts) == 1:  # `from tests import x`: x is a package or a module of tests/
        parts = ["tests", found.name or ""]
    return parts[1] not in {SHARED, _test_package(found.file)}


def test_no_test_imports_a_test_module_or_a_conftest():
    """Helpers come from a helper module or a fixture; pytest loads conftest.py files itself."""
    found = (i for p in _python_files() for i in imports_in(p) if reaches_into_a_test_module(i))
    wrong = list(dict.fromkeys(map(str, found)))
    assert not wrong, "move what these take into a helper module or a fixture:\n" + "\n".join(wrong)


def test_a_helper_shared_between_packages_lives_in_tests_fixtures():
    found = (i for p in _python_files() for i in imports_in(p) if takes_another_packages_helper(i))
    wrong = list(dict.fromkeys(map(str, found)))
    assert not wrong, "move these helpers to tests/fixtures/:\n" + "\n".join(wrong)


def test_every_test_package_mirrors_a_kiosk_package():
    """tests/<a>/<b>/ holds the tests of kiosk/<a>/<b>/; NOT_MIRRORED names the exceptions."""
    folders = {p.parent for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts} - {TESTS}
    wrong = [
        f"{folder.relative_to(REPO)}/ has no kiosk/{folder.relative_to(TESTS)}/"
        for folder in sorted(folders)
        if folder.relative_to(TESTS).parts[0] not in NOT_MIRRORED
        and not (REPO / "kiosk" / folder.relative_to(TESTS)).is_dir()
    ]
    assert not wrong, "\n".join(wrong)


def test_the_guards_see_the_imports_they_are_for():
    """The checks above catch a test module, a conftest and a neighbour's helper, however
    spelled."""
    source = """
from .conftest import SAMPLE
from . import conftest
import tests.ui.test_feedback_flow
from tests.ui.test_echo_wall import wall_cards
from tests.sync.helpers import now
from tests import small_disk
from tests.config.helpers import ConfigFolder
from tests.fixtures.raster import raster_images
from kiosk.config.loader import load_config
"""
    found = list(imports_in(TESTS / "config" / "test_probe.py", source))
    assert [(i.line, i.module, i.name) for i in found] == [
        (2, "tests.config.conftest", "SAMPLE"),
        (3, "tests.config", "conftest"),
        (4, "tests.ui.test_feedback_flow", None),
        (5, "tests.ui.test_echo_wall", "wall_cards"),
        (6, "tests.sync.helpers", "now"),
        (7, "tests", "small_disk"),
        (8, "tests.config.helpers", "ConfigFolder"),
        (9, "tests.fixtures.raster", "raster_images"),
        (10, "kiosk.config.loader", "load_config"),
    ]
    assert [reaches_into_a_test_module(i) for i in found] == [True] * 4 + [False] * 5
    assert [takes_another_packages_helper(i) for i in found] == [
        *(False, False, True, True, True, True),
        *(False, False, False),
    ]
    assert [str(i) for i in found[:4]] == [
        "tests/config/test_probe.py:2: from tests.config.conftest",
        "tests/config/test_probe.py:3: from tests.config.conftest",
        "tests/config/test_probe.py:4: from tests.ui.test_feedback_flow",
        "tests/config/test_probe.py:5: from tests.ui.test_echo_wall",
    ]
