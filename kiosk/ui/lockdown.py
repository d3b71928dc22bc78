"""Kiosk mode: no key, click or close request lets a passer-by out of the kiosk.

Kivy's own hatches (Escape, F1 settings, modules, multitouch dots) are closed in `env.prepare_kivy`;
this closes what is left at run time. Staff leave kiosk mode from the staff panel, not a key.
"""

from __future__ import annotations

from typing import Any

from kivy.core.window import Window

ESCAPE, F1, F11, F12 = 27, 282, 292, 293
BLOCKED_KEYS = frozenset({ESCAPE, F1, F11, F12})


def _swallow_key(_window: Any, key: int, *_args: Any) -> bool:
    # True stops the key reaching Kivy's own handlers (exit, settings, rotate, screenshot).
    return key in BLOCKED_KEYS


def _refuse_close(*_args: Any, **_kwargs: Any) -> bool:
    return True


def lock(window: Any = Window) -> None:
    window.bind(on_keyboard=_swallow_key, on_request_close=_refuse_close)


def unlock(window: Any = Window) -> None:
    window.unbind(on_keyboard=_swallow_key, on_request_close=_refuse_close)
