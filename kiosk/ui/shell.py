"""`Shell`: what a screen may ask of the app, handed to each screen when it is made.

Screens get their services (`kiosk.core.services.Services`) and this shell injected; none reaches
for `App.get_running_app()`. The app (kiosk.ui.app.KioskApp) is the one implementation; a test
or a benchmark may hand a screen another. Kept to what screens use today: navigation, speech,
the language, the look, and (for the two staff screens) the staff door.

kv rules still bind to `app.theme` (bigger text is `app.theme.bigger_text`), `app.lang`,
`app.rtl`, `app.t`, `app.languages`, `app.speech_on` and `app.volume_level` (this visit's sound,
shown on the home screen's buttons): in kv, `app` is a binding source that re-lays out a rule
when these change, not a service locator. Actions in kv go through `root.shell`
(tests/test_layers_ui.py checks both).
"""

from __future__ import annotations

from typing import Protocol

from kivy.uix.screenmanager import Screen

from kiosk.domain.pin_lock import PinLock
from kiosk.ui.theme import Theme


class Shell(Protocol):
    """Navigation, speech, the language and the look of the running kiosk."""

    @property
    def lang(self) -> str: ...

    @property
    def rtl(self) -> bool: ...

    @property
    def theme(self) -> Theme: ...

    @property
    def config_errors(self) -> list[str]:
        """The last reload's errors (the home screen's small marker for staff)."""
        ...

    @property
    def stopped(self) -> bool:
        """The app has stopped: a late answer from a worker thread must do nothing."""
        ...

    def screen(self, name: str) -> Screen:
        """Another screen, made if need be: a step hands the next one what it shows
        (KioskScreen.other narrows it to the screen's class)."""
        ...

    def go(self, name: str) -> None: ...

    def go_home(self) -> None: ...

    def back(self) -> None: ...

    def set_language(self, lang: str) -> None: ...

    def speak_screen(self) -> None:
        """Say the current screen's prompt again (after a page turn, a new state)."""
        ...

    def repeat_prompt(self) -> None: ...

    def toggle_speech(self) -> None: ...

    def step_volume(self) -> None:
        """The next volume step for this visit (normal, loud, quiet); the session end resets it."""
        ...

    def toggle_bigger_text(self) -> None:
        """Bigger words for this visit (theme.bigger_text); the session end resets it."""
        ...

    def say(self, text: str) -> None:
        """Something short that is not a screen's prompt (a chosen phrase, a digit count)."""
        ...

    def key_click(self, then_say: str = "") -> None:
        """A number-pad key was taken: a short click, then `then_say` if given."""
        ...


class StaffShell(Shell, Protocol):
    """What the PIN pad and the staff panel ask of the app besides: the lock and the exits."""

    staff_unlocked: bool
    pin_lock: PinLock

    def open_staff_panel(self) -> None: ...

    def close_staff_panel(self) -> None: ...

    def leave_kiosk_mode(self) -> None: ...

    def restart_kiosk(self) -> None: ...
