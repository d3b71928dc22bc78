"""One visitor's session: speech on or off, the idle warning, and the reset that clears it all.

A mixin of the app, kept apart so the app module stays about screens, navigation and config.
"""

from __future__ import annotations

from typing import Any

from kiosk.domain.prompts import idle_warning_prompt
from kiosk.ui.idle import IdleWarning


class SessionMixin:
    """Needs from the app: wiring, screens, lang, languages, speech_on, idle, go_home,
    set_language and current_screen."""

    _idle_warning: IdleWarning | None
    _hushed: bool
    _last_touch: float  # monotonic time of the last touch or key (for the signage loop)

    # --- speech ---------------------------------------------------------------------------------
    def speak_screen(self) -> None:
        """Say the current screen's prompt; a new prompt replaces whatever was playing."""
        if not self.speech_on or self._hushed or self.screens is None:
            return
        screen = self.current_screen
        text = screen.prompt()
        if text:
            self.wiring.speaker.say_prompt(screen.name, text, lang=self.lang)

    def repeat_prompt(self) -> None:
        if not self.speech_on:
            self.speech_on = True
        self.speak_screen()

    def toggle_speech(self) -> None:
        self.speech_on = not self.speech_on
        if self.speech_on:
            self.speak_screen()
        else:
            self.wiring.speaker.stop()

    def say(self, text: str) -> None:
        """Something short that is not a screen's prompt (a digit count, a warning)."""
        if self.speech_on and text:
            self.wiring.speaker.say(text, lang=self.lang)

    def activity(self) -> None:
        self._last_touch = self.wiring.monotonic()
        self._hushed = False
        self.wiring.speaker.stop()  # any touch cuts speech off at once (Section 508 402)
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
        now = self.wiring.monotonic()
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
            or not self.wiring.form.is_empty
        )

    def reset_session(self) -> None:
        """Clear what the last person entered, restore the default language, go home."""
        self._hide_idle_warning()
        assert self.screens is not None
        for screen in self.screens.screens:
            screen.reset()
        self.wiring.speaker.stop()
        self.wiring.speaker.reset_volume()
        self.speech_on = True
        self._hushed = True  # nobody is there: the home screen waits quietly for the next touch
        self.go_home()
        self.set_language(self.languages.default)

    def keep_going(self) -> None:
        self.activity()

    def _show_idle_warning(self, seconds: int) -> None:
        if self._idle_warning is None:
            self._idle_warning = IdleWarning()
            self._idle_warning.bind(on_touch_down=lambda *_a: self.activity())
        self._idle_warning.seconds = seconds
        self._idle_warning.open(animation=False)
        self.say(idle_warning_prompt(seconds, self.lang))

    def _update_idle_warning(self, seconds: int) -> None:
        if self._idle_warning is not None:
            self._idle_warning.seconds = seconds

    def _hide_idle_warning(self) -> None:
        if self._idle_warning is not None and self._idle_warning.parent is not None:
            self._idle_warning.dismiss(animation=False)

    @property
    def idle_warning_open(self) -> bool:
        return self._idle_warning is not None and self._idle_warning.parent is not None
