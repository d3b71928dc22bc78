"""The idle timer's rules on their own, with a hand-moved clock."""

from __future__ import annotations

from kiosk.ui.idle import IdleTimer


class Recorder:
    def __init__(self) -> None:
        self.events: list[str] = []
        self.dirty = True
        self.t = 0.0

    def timer(self) -> IdleTimer:
        return IdleTimer(
            timeout=60,
            warning=20,
            on_warn=lambda s: self.events.append(f"warn {s}"),
            on_countdown=lambda s: self.events.append(f"countdown {s}"),
            on_continue=lambda: self.events.append("continue"),
            on_reset=lambda: self.events.append("reset"),
            anything_to_clear=lambda: self.dirty,
            now=lambda: self.t,
        )


def test_warns_after_the_timeout_counts_down_then_resets():
    r = Recorder()
    timer = r.timer()
    for r.t in (30.0, 59.9, 60.0, 70.0, 79.9, 80.0):
        timer.tick()
    assert r.events == ["warn 20", "countdown 10", "countdown 1", "reset"]
    assert not timer.warning_shown


def test_a_touch_during_the_warning_continues_and_restarts_the_wait():
    r = Recorder()
    timer = r.timer()
    r.t = 61
    timer.tick()
    timer.poke()
    r.t = 100
    timer.tick()
    assert r.events == ["warn 20", "continue"]


def test_nothing_to_clear_means_no_warning():
    r = Recorder()
    r.dirty = False
    timer = r.timer()
    r.t = 500
    timer.tick()
    assert r.events == []
