from __future__ import annotations

from kiosk.domain.pin_lock import LOCK_SECONDS, PinLock


class Clock:
    def __init__(self) -> None:
        self.value = 50.0

    def __call__(self) -> float:
        return self.value


def test_wrong_pins_count_down_the_tries_left_and_the_fifth_locks_for_five_minutes() -> None:
    clock = Clock()
    lock = PinLock(clock)
    assert [lock.attempt(lambda: False).tries_left for _ in range(4)] == [4, 3, 2, 1]
    fifth = lock.attempt(lambda: False)
    assert (fifth.ok, fifth.locked_seconds, fifth.locked_minutes) == (False, LOCK_SECONDS, 5)
    assert lock.locked_seconds() == 300


def test_while_locked_the_pin_is_not_even_checked_then_it_unlocks_after_five_minutes() -> None:
    clock = Clock()
    lock = PinLock(clock)
    for _ in range(5):
        lock.attempt(lambda: False)
    checked: list[bool] = []

    def right() -> bool:
        checked.append(True)
        return True

    clock.value += 299
    verdict = lock.attempt(right)
    assert (verdict.ok, verdict.locked_minutes, checked) == (False, 1, [])
    clock.value += 1
    assert lock.locked_seconds() == 0
    assert lock.attempt(right).ok
    assert checked == [True]


def test_a_right_pin_forgets_earlier_wrong_ones() -> None:
    lock = PinLock(Clock())
    for _ in range(4):
        lock.attempt(lambda: False)
    assert lock.attempt(lambda: True).ok
    assert lock.attempt(lambda: False).tries_left == 4


def test_after_a_lock_expires_there_are_five_fresh_tries() -> None:
    clock = Clock()
    lock = PinLock(clock)
    for _ in range(5):
        lock.attempt(lambda: False)
    clock.value += LOCK_SECONDS
    assert lock.attempt(lambda: False).tries_left == 4
