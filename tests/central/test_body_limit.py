"""The body limit at the ASGI level: a body that stalls is answered 408 and never reaches a route;
one under the limit reaches it whole."""

from __future__ import annotations

import anyio
from starlette.types import Message, Receive, Scope, Send

from kiosk.central.body_limit import BodyLimit

SCOPE: Scope = {"type": "http", "method": "POST", "path": "/requests.json", "headers": []}


def _run(pieces: list[bytes], *, stall: bool, seconds: float = 0.2) -> tuple[list[Message], bytes]:
    sent: list[Message] = []
    reached = bytearray()

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            reached.extend(message.get("body", b""))
            if not message.get("more_body", False):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    queue = list(pieces)

    async def receive() -> Message:
        if queue:
            piece = queue.pop(0)
            return {"type": "http.request", "body": piece, "more_body": bool(queue) or stall}
        await anyio.sleep_forever()  # a client that stopped sending mid-body
        raise AssertionError("unreachable")

    async def send(message: Message) -> None:
        sent.append(message)

    anyio.run(BodyLimit(app, limit=1024, seconds=seconds), SCOPE, receive, send)
    return sent, bytes(reached)


def test_a_body_that_stops_arriving_is_answered_408_and_never_reaches_the_route():
    sent, reached = _run([b"api_key=k&des"], stall=True)
    assert sent[0]["status"] == 408
    assert b"did not arrive within" in sent[1]["body"]
    assert reached == b""


def test_a_body_under_the_limit_reaches_the_route_whole():
    sent, reached = _run([b"a=1&", b"b=2"], stall=False)
    assert sent[0]["status"] == 200
    assert reached == b"a=1&b=2"


def test_a_body_over_the_limit_in_small_pieces_is_413_and_never_reaches_the_route():
    sent, reached = _run([b"x" * 600, b"x" * 600], stall=False)
    assert sent[0]["status"] == 413
    assert reached == b""
