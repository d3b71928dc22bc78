"""Numbers and Latin words inside right-to-left text, kept in their own order.

In a Uyghur line the bidi algorithm orders "79.3 GB / 252.0 GB" as "GB 79.3 / 252.0 GB": the
neutral spaces and slash between the runs take the paragraph's right-to-left direction. Wrapping
each left-to-right run in LRI … PDI (Unicode isolates; raqm honours them, and they draw nothing)
keeps the run whole and in reading order.
"""

from __future__ import annotations

import re

LRI = "\u2066"  # left-to-right isolate
PDI = "\u2069"  # pop directional isolate

# From a letter or digit to a letter, digit or %, across the spaces and marks numbers and units
# are written with: "79.3 GB / 252.0 GB", "2024-12-04 15:15", "0.1.0".
_LTR_RUN = re.compile(r"[0-9A-Za-z](?:[0-9A-Za-z .,:/%_-]*[0-9A-Za-z%])?")


def isolate_ltr_runs(text: str) -> str:
    """`text` with each run of Latin letters and digits wrapped in LRI … PDI."""
    return _LTR_RUN.sub(lambda match: f"{LRI}{match.group(0)}{PDI}", text)
