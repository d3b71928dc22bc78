"""What start-up made is left out of the collector's later full passes (kiosk.core.long_lived);
run in a fresh interpreter, as freezing this test process's objects would change its collector."""

from __future__ import annotations

import json

from tests.fixtures.fresh_python import output_lines

SCRIPT = """
import gc, json, weakref
from kiosk.core.long_lived import keep

class Node:
    pass

built = [Node() for _ in range(5000)]  # what start-up made, kept for good
for node, nxt in zip(built, built[1:]):
    node.next = nxt
young = Node()
young.self = young  # a cycle of garbage made just before
young_freed = []
weakref.finalize(young, young_freed.append, True)
del young
frozen = keep()
walked = len(gc.get_objects())  # what a full pass walks now
later = Node()
later.self = later  # garbage made after: still collected
later_freed = []
weakref.finalize(later, later_freed.append, True)
del later
gc.collect()
print(json.dumps({"frozen": frozen, "walked": walked, "young_freed": young_freed,
                  "later_freed": later_freed, "built": len(built)}))
"""


def test_what_exists_is_left_out_of_full_passes_but_garbage_before_and_after_is_collected():
    seen = json.loads(output_lines(SCRIPT)[-1])
    assert seen["frozen"] >= 5000  # every node start-up made, and the interpreter's own
    assert seen["walked"] < 100  # a full pass no longer walks them
    assert seen["young_freed"] == [True]  # not kept for good with the rest
    assert seen["later_freed"] == [True]
    assert seen["built"] == 5000  # kept objects are as alive as before
