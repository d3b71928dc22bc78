"""A whole HTTP answer from the centre, as the client hands it to the rest of the sync package.

Apart from the client, so that what reads answers (classify, pulls, heartbeat) does not bring in
`requests`: the kiosk starts without it, and the sync thread's first client imports it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reply:
    """A whole HTTP answer. `headers` keys are lower case."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def json(self) -> object:
        """The body as JSON; ValueError when it is not (a garbled answer)."""
        return json.loads(self.body.decode("utf-8"))
