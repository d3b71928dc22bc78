from __future__ import annotations

from kiosk.domain.corner_hold import CornerHold


class Clock:
    def __init__(self) -> None:
        self.value = 0.0

    def __call__(self) -> float:
        return self.value


def _hold() -> tuple[CornerHold, Clock, list[int]]:
    clock = Clock()
    fired: list[int] = []
    return CornerHold(clock, lambda: fired.append(1)), clock, fired


def test_five_seconds_held_still_fires_once() -> None:
    hold, clock, fired = _hold()
    hold.down("a", 5, 470, in_corner=True)
    clock.value = 4.9
    assert not hold.tick()
    hold.move("a", 7, 468, slop=20)
    clock.value = 5.0
    assert hold.tick()
    clock.value = 20
    assert not hold.tick()
    assert fired == [1]


def test_lifting_moving_or_a_second_finger_cancels() -> None:
    for cancel in ("up", "move", "second"):
        hold, clock, fired = _hold()
        hold.down("a", 5, 470, in_corner=True)
        if cancel == "up":
            hold.up("a")
        elif cancel == "move":
            hold.move("a", 60, 470, slop=20)
        else:
            hold.down("b", 400, 200, in_corner=False)
        clock.value = 10
        assert not hold.tick(), cancel
        assert fired == [], cancel


def test_a_press_outside_the_corner_is_nothing() -> None:
    hold, clock, fired = _hold()
    hold.down("a", 400, 200, in_corner=False)
    clock.value = 10
    assert not hold.tick()
    assert fired == []


def test_the_corner_is_top_left_or_top_right_by_reading_direction() -> None:
    size = dict(width=800, height=480, size=78)
    assert CornerHold.in_corner(10, 470, rtl=False, **size)
    assert not CornerHold.in_corner(790, 470, rtl=False, **size)
    assert CornerHold.in_corner(790, 470, rtl=True, **size)
    assert not CornerHold.in_corner(10, 470, rtl=True, **size)
    assert not CornerHold.in_corner(10, 10, rtl=False, **size), "the bottom corner is not it"
