"""What staff and residents do in the central tests: staff change a ticket on the staff page, a
kiosk posts a rating. The server's clock (the `clock` fixture) dates both."""

from __future__ import annotations

import uuid

from tests.central.helpers import Answer, Server, log_in
from tests.fixtures.staff_pages import csrf_of


def staff_set(server: Server, code: str, status: str, answer: str = "", **texts: str) -> Answer:
    """Set status and the Chinese answer on the staff page, logged in as the fixture's staff
    member; `texts` adds form fields such as answer_ug="..." or summary_zh="..."."""
    page = server.client.get(f"/staff/tickets/{code}", follow_redirects=False)
    if page.status_code == 303:  # to the log-in page
        log_in(server.client)
        page = server.client.get(f"/staff/tickets/{code}")
    data = {
        "csrf_token": csrf_of(page.text),
        "status": status,
        "responsible": "物业公司维修部",
        "answer_zh": answer
        or ("已办结" if status == "closed" and "answer_ug" not in texts else ""),
        **texts,
    }
    done = server.client.post(f"/staff/tickets/{code}", data=data, follow_redirects=False)
    assert done.status_code == 303, done.text
    return done


def rate(
    server: Server,
    code: str,
    rating: str,
    *,
    key: str | None = None,
    api_key: str | None = None,
    **fields: str,
) -> Answer:
    data = {"api_key": api_key or server.key, "rating": rating, **fields}
    return server.client.post(
        f"/requests/{code}/ratings.json",
        data=data,
        headers={"Idempotency-Key": key or str(uuid.uuid4())},
    )
