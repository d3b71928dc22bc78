"""A kiosk on the wall for years: resident after resident, what it holds must stay the same.

A binding, a texture or a few objects kept for every visit is a kiosk that runs out of memory
one day, long after any test of a single visit has passed (issue 18: Kivy's ScrollView kept a
binding more at almost every layout).
"""

from __future__ import annotations

from tests.fixtures.residents import OTHER_DOORS, a_residents_visit, held_in_memory
from tests.ui.helpers import Kiosk


def test_resident_after_resident_the_kiosk_holds_no_more_bindings_textures_or_objects(
    kiosk: Kiosk,
) -> None:
    warm = 2 * len(OTHER_DOORS)  # every door in both languages: screens made, caches filled
    for n in range(warm):
        a_residents_visit(kiosk, n)
    before = held_in_memory()

    visits = len(OTHER_DOORS) + 1
    for n in range(warm, warm + visits):
        a_residents_visit(kiosk, n)
    after = held_in_memory()

    (ticket,) = kiosk.app.services.book.recent(10)
    assert ticket.residents == warm + visits, "every resident's report was stored"
    # One kept per visit would be `visits` more; a texture or a binding may be in the middle of
    # being replaced when counted.
    for kind in ("bindings", "textures", "canvases"):
        assert after[kind] - before[kind] < visits // 2, (kind, before[kind], after[kind])
    # a few hundred objects come and go with the moment (a Clock event, a row being remade)
    assert after["objects"] - before["objects"] < 500, (before, after)
