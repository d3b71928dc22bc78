"""Kivy's process-wide settings, applied before the first `import kivy` anywhere.

Kivy reads environment variables and its config when first imported and creates the window from
them, so this module imports nothing of Kivy at the top; `prepare_kivy` must run first.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, kw_only=True)
class WindowMode:
    width: int
    height: int
    fullscreen: bool = True
    lockdown: bool = True  # close every way out for a passer-by (DESIGN.md 5, "escape hatches")
    show_cursor: bool = False


def _no_cut_buffer_probe(record: logging.LogRecord) -> bool:
    """Kivy probes for xclip and xsel whenever a text box is first used, whatever the clipboard
    setting, and logs each missing tool with a traceback and a CRITICAL line. A kiosk has neither
    and needs neither: keep that out of the journal, where staff would take it for a crash."""
    message = record.getMessage()
    return not (message.startswith("Cutbuffer:") or "clipboard_x" in message)


def prepare_kivy(mode: WindowMode, *, kivy_home: Path) -> None:
    kivy_home.mkdir(parents=True, exist_ok=True)
    os.environ["KIVY_NO_ARGS"] = "1"  # our own CLI parses argv, not Kivy
    os.environ["KIVY_HOME"] = str(kivy_home)  # our config.ini, not a user's with modules enabled
    os.environ["KIVY_TEXT"] = "pil"  # Pillow + raqm shapes Uyghur; sdl2 draws isolated letters
    os.environ["KIVY_NO_FILELOG"] = "1"  # logs go to stderr / journald, never unbounded SD files
    os.environ["KIVY_LOG_MODE"] = "PYTHON"  # leave the root logger to our own logging set-up
    os.environ.setdefault("KIVY_GL_BACKEND", "sdl2")
    os.environ["KIVY_CLIPBOARD"] = "dummy"  # no copy and paste on a public kiosk (nor xclip/xsel)
    # SDL would turn SIGTERM and SIGINT into a window close request, which kiosk mode refuses
    # (kiosk.ui.lockdown): `systemctl stop` then waited 90 s for the kill. The kiosk handles
    # both signals itself (kiosk.core.stop, kiosk.ui.run), so SDL must keep its hands off them.
    os.environ["SDL_NO_SIGNAL_HANDLERS"] = "1"
    logging.getLogger("kivy").addFilter(_no_cut_buffer_probe)

    from kivy.config import Config

    Config.set("graphics", "width", str(mode.width))
    Config.set("graphics", "height", str(mode.height))
    Config.set("graphics", "resizable", "0" if mode.fullscreen else "1")
    Config.set("graphics", "fullscreen", "auto" if mode.fullscreen else "0")
    Config.set("graphics", "borderless", "1" if mode.fullscreen else "0")
    Config.set("graphics", "show_cursor", "1" if mode.show_cursor or not mode.lockdown else "0")
    Config.set("kivy", "exit_on_escape", "0" if mode.lockdown else "1")
    Config.set("kivy", "keyboard_mode", "system")
    # Right-click would leave red multitouch dots on the screen.
    Config.set("input", "mouse", "mouse,disable_multitouch")
    # Exactly one touch provider: SDL already turns the panel's touches into mouse events (on
    # KMSDRM and under a desktop alike); Kivy's default `%(name)s = probesysfs` would read the same
    # panel again from /dev/input and every tap would arrive twice (kivy/kivy#1903, #3801).
    for option in Config.options("input"):
        if option != "mouse":
            Config.remove_option("input", option)
    if mode.lockdown:
        # Inspector (Ctrl+E), console, keybinding (F11/F12), screenshot, monitor: all modules off.
        for option in Config.options("modules"):
            Config.remove_option("modules", option)
