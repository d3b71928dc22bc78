"""One visitor's session: speech on or off, the idle warning, and the reset that clears it all.

A mixin of the app, kept apart so the app module stays about screens, navigation and config.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config.files import asset
from kiosk.config.model import KioskConfig
from kiosk.core.services import Services
from kiosk.domain.prompts import idle_warning_prompt
from kiosk.domain.text import Languages
from kiosk.ui.idle import IdleTimer, IdleWarning
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.tap_guard import TapGuard

# Played through the speaker, so they follow the resident's volume, the speech-off button and
# the touch that stops speech, exactly like the words.
CHIME = asset("sounds", "chime.wav")  # before the idle warning: for someone who turned away
CLICK = asset("sounds", "click.wav")  # a number-pad key was taken


class SessionMixin:
    """Needs from the app what the annotations below name (KioskApp has them all)."""

    services: Services
    kiosk_config: KioskConfig
    screens: Any  # Kivy's ScreenManager, None until build()
    lang: str
    languages: Languages
    speech_on: bool
    idle: IdleTimer | None
    _idle_warning: IdleWarning | None
    _hushed: bool
    _last_touch: float  # monotonic time of the last touch or key (for the signage loop)
    tap_guard: TapGuard  # the warning opening or closing changes what is under the finger

    if TYPE_CHECKING:  # the app's own; declared for the checker only, so nothing shadows them

        @property
        def current_screen(self) -> KioskScreen: ...

        def go(self, name: str) -> None: ...

        def go_home(self) -> None: ...

        def set_language(self, lang: str) -> None: ...

    # --- speech ---------------------------------------------------------------------------------
    def speak_screen(self) -> None:
        """Say the current screen's prompt; a new prompt replaces whatever was playing."""
        if not self.speech_on or self._hushed or self.screens is None:
            return
        screen = self.current_screen
        text = screen.prompt()
        if text:
            self.services.speaker.say_prompt(screen.name, text, lang=self.lang)

    def repeat_prompt(self) -> None:
        if not self.speech_on:
            self.speech_on = True
        self.speak_screen()

    def toggle_speech(self) -> None:
        self.speech_on = not self.speech_on
        if self.speech_on:
            self.speak_screen()
        else:
            self.services.speaker.stop()

    def say(self, text: str) -> None:
        """Something short that is not a screen's prompt (a digit count, a warning)."""
        self._say(text)

    def key_click(self, then_say: str = "") -> None:
        """A number-pad key was taken: a short click, then `then_say` (a digit count, never
        the digits). Like speech it waits for nothing, and the next touch cuts it."""
        self._say(then_say, lead_in=CLICK)

    def _say(self, text: str, *, lead_in: Path | None = None) -> None:
        # Speech off for this visit means silence: no chime or click either.
        if self.speech_on and (text or lead_in is not None):
            self.services.speaker.say(text, lang=self.lang, lead_in=lead_in)

    def activity(self) -> None:
        self._last_touch = self.services.monotonic()
        self._hushed = False
        self.services.speaker.stop()  # any touch cuts speech off at once (Section 508 402)
        if self.idle is not None:
            self.idle.poke()

    def _tick(self, _dt: float) -> None:
        if self.idle is not None:
            self.idle.tick()
        self.attract_tick()

    def attract_tick(self) -> None:
        """Signage after `idle.attract_seconds` untouched at home; the next slide when due."""
        if self.screens is None:
            return
        idle = self.kiosk_config.idle
        now = self.services.monotonic()
        if self.screens.current == "attract":
            self.current_screen.advance(now, idle.attract_slide_seconds)
        elif (
            self.screens.current == "home"
            and idle.attract_seconds > 0
            and not self.idle_warning_open
            and now - self._last_touch >= idle.attract_seconds
        ):
            self.go("attract")

    def _on_key_down(self, *_args: Any) -> None:
        self.activity()

    def anything_to_clear(self) -> bool:
        assert self.screens is not None
        return (
            self.screens.current not in ("home", "attract")
            or self.lang != self.languages.default
            or not self.services.form.is_empty
        )

    def reset_session(self) -> None:
        """Clear what the last person entered, restore the default language, go home."""
        self._hide_idle_warning()
        assert self.screens is not None
        for screen in self.screens.screens:
            screen.reset()
        self.services.speaker.stop()
        self.services.speaker.reset_volume()
        self.speech_on = True
        self._hushed = True  # nobody is there: the home screen waits quietly for the next touch
        self.go_home()
        self.set_language(self.languages.default)

    def keep_going(self) -> None:
        self.activity()

    def _show_idle_warning(self, seconds: int) -> None:
        if self._idle_warning is None:
            self._idle_warning = IdleWarning(tap_guard=self.tap_guard)
            self._idle_warning.bind(
                on_touch_down=lambda *_a: self.activity(),
                on_keep_going=lambda *_a: self.keep_going(),
            )
        self._idle_warning.seconds = seconds
        self._idle_warning.open(animation=False)
        self.tap_guard.changed()
        self._say(idle_warning_prompt(seconds, self.lang), lead_in=CHIME)

    def _update_idle_warning(self, seconds: int) -> None:
        if self._idle_warning is not None:
            self._idle_warning.seconds = seconds

    def _hide_idle_warning(self) -> None:
        if self._idle_warning is not None and self._idle_warning.parent is not None:
            self._idle_warning.dismiss(animation=False)
            self.tap_guard.changed()  # the screen is under the finger again

    @property
    def idle_warning_open(self) -> bool:
        return self._idle_warning is not None and self._idle_warning.parent is not None
