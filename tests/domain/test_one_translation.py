"""One source for every user-visible word: the domain's catalogue, read by the kiosk and the centre.

A Chinese or Uyghur word typed into a screen, a template or any module outside the domain is a
translation waiting to drift (the ticket states once read بېجىرىلدى on the status page and
ھەل قىلىندى on the kiosk). These tests read the source, so they name the file and line to fix.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from kiosk.domain import messages

ROOT = Path(__file__).resolve().parents[2]
KIOSK = ROOT / "kiosk"

# Han ideographs, CJK and full-width punctuation (、，：（）“”), and the Arabic script Uyghur uses
WORDS = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u0600-\u06ff]")

# (file, text on the line): what may stay outside the domain, and why
EXCEPTIONS = {
    # OpenAPI descriptions for integrators (English, the Chinese term as a gloss), not a page
    ("kiosk/central/models.py", "(定人)"),
    ("kiosk/central/models.py", "(定时)"),
    ("kiosk/central/ratings.py", "满意 / 基本满意 / 不满意"),
    # the receipt's line breaking: tables of characters, not words
    ("kiosk/receipt/layout.py", "_HAN ="),
    ("kiosk/receipt/layout.py", "_OPEN ="),
    ("kiosk/receipt/layout.py", "_PUNCT ="),
    ("kiosk/receipt/layout.py", "_ARABIC ="),
    # staff config errors are English for now; the Chinese is the product's term as a gloss
    ("kiosk/config/messages.py", "(定人)"),
    ("kiosk/config/messages.py", "(定时)"),
    # sample data for the screenshot tool, standing in for what staff write; not the kiosk's words
    ("kiosk/ui/screenshot.py", "已联系充电桩厂家更换模块"),
    ("kiosk/ui/screenshot.py", "充电桩不能充电"),
}


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of string constants that are docstrings or bare string statements (never shown)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            found.add(id(node.value))
    return found


def _python_words(path: Path) -> Iterator[tuple[int, str]]:
    """String literals with words in them (comments and docstrings are for programmers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    lines = path.read_text(encoding="utf-8").splitlines()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        if id(node) not in skip and WORDS.search(node.value):
            yield node.lineno, lines[node.lineno - 1].strip()


def _kv_words(path: Path) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip().startswith("#") and WORDS.search(line):
            yield number, line.strip()


def _template_words(path: Path) -> Iterator[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    # blank out comments but keep the line count
    text = re.sub(r"\{#.*?#\}|<!--.*?-->", lambda m: "\n" * m.group().count("\n"), text, flags=re.S)
    for number, line in enumerate(text.splitlines(), 1):
        if WORDS.search(line):
            yield number, line.strip()


def words_outside_the_domain(root: Path = KIOSK) -> list[str]:
    """'file:line: text' for every user-visible word typed outside kiosk/domain.

    Every package but the domain is read (the centre, the screens, and whatever else may one day
    show or print a word), not only today's central/ and ui/, so a moved module stays guarded.
    """
    found: list[tuple[Path, int, str]] = []
    readers = {".py": _python_words, ".kv": _kv_words, ".html": _template_words}
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if path.suffix in readers and parts[0] != "domain" and path.is_file():
            found += [(path, n, line) for n, line in readers[path.suffix](path)]
    out = []
    for path, number, line in found:
        name = path.relative_to(root.parent).as_posix()
        if not any(name == file and snippet in line for file, snippet in EXCEPTIONS):
            out.append(f"{name}:{number}: {line}")
    return out


def test_no_user_visible_word_is_typed_outside_the_domain() -> None:
    found = words_outside_the_domain()
    assert not found, "put these words in kiosk/domain's catalogue:\n" + "\n".join(found)


def test_every_exception_is_still_needed() -> None:
    """A stale exception would let a new word in on the same line unnoticed."""
    for file, snippet in EXCEPTIONS:
        assert snippet in (ROOT / file).read_text(encoding="utf-8"), (file, snippet)


def test_nothing_redefines_the_domains_text_helper() -> None:
    """One helper builds a two-language text (`kiosk.domain.text.zh_ug`); nobody keeps their own."""
    own = [
        f"{path.relative_to(ROOT).as_posix()}:{number}"
        for path in sorted(KIOSK.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.match(r"\s*def _t\(", line)
    ]
    assert not own, own


def test_the_catalogues_parts_never_share_a_key() -> None:
    """The parts are merged into one dict; a shared key would silently replace a text."""
    seen: dict[str, int] = {}
    for index, part in enumerate(messages.PARTS):
        for key in part:
            assert key not in seen, f"{key!r} is in parts {seen[key]} and {index}"
            seen[key] = index
    assert len(seen) == len(messages.MESSAGES)


def test_the_guard_finds_a_word_typed_into_a_template(tmp_path: Path) -> None:
    """The scan itself works: a template word, a screen string and a kv label are each named."""
    (tmp_path / "central" / "templates").mkdir(parents=True)
    (tmp_path / "ui").mkdir()
    (tmp_path / "central" / "templates" / "page.html").write_text(
        "{# 注释 #}\n<h1>已办结</h1>\n", encoding="utf-8"
    )
    (tmp_path / "ui" / "screen.py").write_text(
        '"""回音壁 docstring."""\n# 注释\nLABEL = "ھەل قىلىندى"\n', encoding="utf-8"
    )
    (tmp_path / "ui" / "screen.kv").write_text("# 注释\n    text: '返回'\n", encoding="utf-8")
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "words.py").write_text('BACK = "返回"\n', encoding="utf-8")
    found = words_outside_the_domain(tmp_path)
    assert sorted(line.split(": ")[0] for line in found) == [
        f"{tmp_path.name}/central/templates/page.html:2",
        f"{tmp_path.name}/ui/screen.kv:2",
        f"{tmp_path.name}/ui/screen.py:3",
    ]
