"""The kv rule files: the shared ones at start, each screen's own when the screen is first made."""

from __future__ import annotations

import inspect
from pathlib import Path

from kivy.lang import Builder

from kiosk.ui import widgets, wrapping  # noqa: F401 (widgets.kv makes their classes by name)
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.scrolling import KioskScroll  # noqa: F401 (the screens' kv files make it by name)

UI_DIR = Path(__file__).resolve().parent
KV_SHARED = (UI_DIR / "widgets.kv", UI_DIR / "idle.kv")  # each screen's own: kv_file(its class)
_kv_loaded: set[Path] = set()


def load_kv(*paths: Path) -> None:
    """Each rule file once: Kivy applies a file twice if loaded twice (tests build several apps
    in one process). A screen's file is loaded when the screen is first made, so a cold start
    compiles the rules of the home screen only (issue 18: the 19 files took ~0.13 s)."""
    for path in paths:
        if path not in _kv_loaded:
            Builder.load_file(str(path))
            _kv_loaded.add(path)


def kv_file(screen: type[KioskScreen]) -> Path:
    """A screen's rules: the .kv file beside its module (home.py, home.kv)."""
    return Path(inspect.getfile(screen)).with_suffix(".kv")
