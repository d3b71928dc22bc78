"""The back office is made once, by whichever thread asks first (kiosk.core.office)."""

from __future__ import annotations

import threading

from kiosk.core.office import Later


def test_threads_asking_at_once_get_the_one_thing_made_once():
    made: list[object] = []
    release = threading.Event()

    def make() -> object:
        release.wait(5)  # every asker is waiting by now
        thing = object()
        made.append(thing)
        return thing

    later = Later(make)
    got: list[object] = []
    askers = [threading.Thread(target=lambda: got.append(later.get())) for _ in range(8)]
    for asker in askers:
        asker.start()
    release.set()
    for asker in askers:
        asker.join(5)
    assert len(made) == 1
    assert got == made * 8
    assert later.made


def test_a_thing_made_elsewhere_is_handed_out_as_it_is():
    thing = object()
    later = Later.ready(thing)
    assert later.made
    assert later.get() is thing
