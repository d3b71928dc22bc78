"""The central server under what a year on the open network brings: huge, lying and dripping
bodies, a crowd of password guesses, a key in the address, odd values from a kiosk, one kiosk
reaching for another's ticket. Real server (uvicorn subprocess, SQLite file) over real sockets on
127.0.0.1; after each, the server still answers and a normal ticket is stored exactly once.

The server is this module's own (not the package's `central`): these tests fail log-ins from
127.0.0.1 and read the server's peak memory, which must not be shared with other tests.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import socket
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from kiosk.central import accounts
from kiosk.domain.ticket_code import make_code
from kiosk.domain.ticket_secret import new_secret
from tests.fixtures.central_server import CentralServer, running_central
from tests.fixtures.open311_payloads import form, kiosk_payload

MiB = 1024 * 1024
ANSWER_TIMEOUT = 60.0  # generous on a busy 2-core machine; a hang fails, it does not pass
STAFF = "阿依古丽"
PASSWORD = "zheng-que-mi-ma-2025"
_sequence = itertools.count(1)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    with running_central(tmp_path_factory.mktemp("abuse-central")) as central:
        yield central


@pytest.fixture(scope="module")
def key(server: CentralServer) -> str:
    return server.add_kiosk(1)


def peak_memory(server: CentralServer) -> int:
    """The server process's peak resident memory so far (VmHWM), in bytes."""
    assert server.process is not None
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    assert found, status
    return int(found.group(1)) * 1024


def post(
    server: CentralServer, path: str, fields: Mapping[str, object], **headers: str
) -> requests.Response:
    return requests.post(
        server.url + path,
        data=fields,
        headers={"Idempotency-Key": str(uuid.uuid4()), **headers},
        timeout=ANSWER_TIMEOUT,
    )


def new_ticket(server: CentralServer, key: str) -> str:
    """A kiosk's ordinary ticket; its code."""
    sequence = next(_sequence)
    answer = post(server, "requests.json", form(kiosk_payload(sequence), key))
    assert answer.status_code == 200, answer.text
    return make_code(1, sequence)


def assert_still_serving(server: CentralServer, key: str) -> None:
    """What every test ends with: the server answers, a normal ticket is stored exactly once."""
    assert requests.get(server.url + "services.json", timeout=ANSWER_TIMEOUT).status_code == 200
    code = new_ticket(server, key)
    assert server.tickets("001")[code] == 1


def raw_exchange(server: CentralServer, head: str, body: Iterable[bytes]) -> int | None:
    """Send `head` and then `body` from another thread, while reading the answer here, as a
    client that keeps sending does; the answer's status, or None when none came."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=ANSWER_TIMEOUT) as sock:
        sock.sendall(head.encode("utf-8"))

        def send_body() -> None:
            try:
                for piece in body:
                    sock.sendall(piece)
            except OSError:
                pass  # the server answered and closed: it need not read the rest

        sender = threading.Thread(target=send_body, daemon=True)
        sender.start()
        answer = b""
        try:
            while b"\r\n" not in answer:
                piece = sock.recv(4096)
                if not piece:
                    break
                answer += piece
        except OSError:
            pass
        with contextlib.suppress(OSError):  # the server may have closed its side already
            sock.shutdown(socket.SHUT_RDWR)
        sender.join(timeout=ANSWER_TIMEOUT)
    found = re.match(rb"HTTP/1\.1 (\d{3})", answer)
    return int(found.group(1)) if found else None


def _head(path: str, *lines: str) -> str:
    return "\r\n".join(
        [
            f"POST /{path} HTTP/1.1",
            "Host: 127.0.0.1",
            "Content-Type: application/x-www-form-urlencoded",
            f"Idempotency-Key: {uuid.uuid4()}",
            *lines,
            "",
            "",
        ]
    )


def _chunked(pieces: Iterable[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        yield b"%x\r\n%s\r\n" % (len(piece), piece)
    yield b"0\r\n\r\n"


def test_a_chunked_100_mb_ticket_is_refused_without_the_memory(server, key):
    before = peak_memory(server)
    tickets_before = server.tickets("001")
    field = b"x" * (1000 * 1024)
    fields = (b"&f%d=%s" % (n, field) for n in range(100))
    opening = f"api_key={key}&service_code=sanitation".encode()
    status = raw_exchange(
        server,
        _head("requests.json", "Transfer-Encoding: chunked"),
        _chunked(itertools.chain([opening], fields)),
    )
    assert status == 413
    assert server.tickets("001") == tickets_before
    assert peak_memory(server) - before < 16 * MiB
    assert_still_serving(server, key)


def test_a_body_dripping_in_is_counted_as_it_comes(server, key):
    """No Content-Length, small pieces: over 64 KiB in all is refused like one big body."""
    tickets_before = server.tickets("001")
    drip = threading.Event()

    def pieces() -> Iterator[bytes]:
        yield f"api_key={key}&service_code=sanitation&description=".encode()
        for n in range(80):
            if n == 10:
                drip.set()
            yield b"y" * 1024
            time.sleep(0.005)  # paces the drip; nothing waits on it

    result: list[int | None] = []
    sender = threading.Thread(
        target=lambda: result.append(
            raw_exchange(
                server, _head("requests.json", "Transfer-Encoding: chunked"), _chunked(pieces())
            )
        )
    )
    sender.start()
    assert drip.wait(ANSWER_TIMEOUT)
    # While one kiosk drips, the others are served.
    assert requests.get(server.url + "services.json", timeout=ANSWER_TIMEOUT).status_code == 200
    sender.join(ANSWER_TIMEOUT)
    assert result == [413]
    assert server.tickets("001") == tickets_before
    assert_still_serving(server, key)


def test_a_lying_content_length_reads_no_further_than_declared(server, key):
    before = peak_memory(server)
    tickets_before = server.tickets("001")
    declared = b"description=" + b"z" * 88  # 100 bytes: no api_key among them
    rest = (b"z" * MiB for _ in range(20))
    status = raw_exchange(
        server,
        _head("requests.json", "Content-Length: 100"),
        itertools.chain([declared, f"&api_key={key}&service_code=sanitation".encode()], rest),
    )
    assert status == 403  # the declared 100 bytes carry no key; the rest is not a body
    huge = raw_exchange(server, _head("requests.json", f"Content-Length: {100 * MiB}"), [b"a"])
    assert huge == 413
    assert server.tickets("001") == tickets_before
    assert peak_memory(server) - before < 16 * MiB
    assert_still_serving(server, key)


def _try_log_in(base: str, password: str, ready: threading.Barrier | None = None) -> int:
    session = requests.Session()
    page = session.get(base + "staff/login", timeout=ANSWER_TIMEOUT)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text
    token = found.group(1)
    if ready is not None:
        ready.wait(ANSWER_TIMEOUT)
    answer = session.post(
        base + "staff/login",
        data={"name": STAFF, "password": password, "csrf_token": token},
        allow_redirects=False,
        timeout=ANSWER_TIMEOUT,
    )
    return answer.status_code


def test_forty_parallel_password_guesses_get_five_real_checks(server, key):
    accounts.add_staff(server.engine, STAFF, PASSWORD, now=datetime.now(UTC))
    before = peak_memory(server)
    ready = threading.Barrier(40)
    answers: list[int] = []
    lock = threading.Lock()

    def guess(n: int) -> None:
        status = _try_log_in(server.url, f"wrong-guess-{n:04d}", ready)
        with lock:
            answers.append(status)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(ANSWER_TIMEOUT)
    assert len(answers) == 40
    checked = answers.count(401)  # "wrong name or password": a password was really checked
    assert 1 <= checked <= 5, answers
    assert set(answers) <= {401, 429, 503}, answers
    assert _try_log_in(server.url, PASSWORD) == 429  # locked: the limit held
    assert peak_memory(server) - before < 80 * MiB  # two 16 MiB checks at a time, not forty
    assert_still_serving(server, key)


def test_an_api_key_in_the_address_is_refused_and_never_logged(server, key):
    probe = uuid.uuid4().hex
    answer = post(
        server,
        f"requests.json?api_key={key}&probe={probe}",
        form(kiosk_payload(next(_sequence)), None),
    )
    assert answer.status_code == 400
    assert "form body" in answer.json()[0]["description"]
    read = requests.get(
        server.url + f"services.json?api_key={key}&probe={probe}", timeout=ANSWER_TIMEOUT
    )
    assert read.status_code == 200
    log = (server.folder / "server.log").read_text(encoding="utf-8")
    assert log.count(probe) == 2  # uvicorn logs a request before it answers it
    assert key not in log
    assert_still_serving(server, key)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("requested_datetime", "9999-12-31T23:59:59-12:00"),
        ("requested_datetime", "9999-12-31T23:59:59"),
        ("expected_datetime", "0001-01-01T00:00:00+14:00"),
    ],
)
def test_an_impossible_date_from_a_kiosk_is_400_not_500(server, key, name, value):
    payload = {**kiosk_payload(next(_sequence)), name: value}
    answer = post(server, "requests.json", form(payload, key))
    assert answer.status_code == 400, answer.text
    assert name in answer.json()[0]["description"]
    assert_still_serving(server, key)


def test_odd_values_on_every_kiosk_post_are_400_not_500(server, key):
    code = new_ticket(server, key)
    base = {"api_key": key, "device_id": "001"}
    voice = post(server, f"requests/{code}/voices.json", {**base, "residents": "9" * 400})
    assert voice.status_code == 400, voice.text
    late = post(
        server, f"requests/{code}/voices.json", {**base, "joined_datetime": "9999-12-31T23:59-12"}
    )
    assert late.status_code == 400, late.text
    server.answer(code, status="closed", notes="已修好")
    rating = post(
        server,
        f"requests/{code}/ratings.json",
        {**base, "rating": "satisfied", "rated_datetime": "9999-12-31T23:59:59-12:00"},
    )
    assert rating.status_code == 400, rating.text
    beat = requests.post(
        server.url + "kiosks/001/heartbeat.json",
        data={**base, "uptime_s": "9" * 400, "version": "1.0\x00"},
        timeout=ANSWER_TIMEOUT,
    )
    assert beat.status_code == 400, beat.text
    feed = requests.get(
        server.url + "requests.json",
        params={"updated_after": "9999-12-31T23:59:59-12:00"},
        timeout=ANSWER_TIMEOUT,
    )
    assert feed.status_code == 400, feed.text
    assert server.residents(code) == 1
    assert_still_serving(server, key)


def test_a_kiosk_cannot_add_voices_to_another_kiosks_ticket(server, key):
    other = server.add_kiosk(2)
    sequence = next(_sequence)
    created = post(server, "requests.json", form(kiosk_payload(sequence, kiosk=2), other))
    assert created.status_code == 200, created.text
    code = make_code(2, sequence)
    answer = post(server, f"requests/{code}/voices.json", {"api_key": key, "device_id": "001"})
    assert answer.status_code == 403
    assert server.residents(code) == 1
    assert_still_serving(server, key)


def test_pages_carry_their_protection_headers(server, key):
    secret = new_secret()  # the receipt's: the status page opens only with it
    payload = {**kiosk_payload(next(_sequence)), "ticket_secret": secret}
    created = post(server, "requests.json", form(payload, key))
    code = created.json()[0]["service_request_id"]
    login = requests.get(server.url + "staff/login", timeout=ANSWER_TIMEOUT)
    assert login.headers["Cache-Control"] == "no-store"
    assert "default-src 'none'" in login.headers["Content-Security-Policy"]
    status = requests.get(
        server.url + f"status/{code}", params={"k": secret}, timeout=ANSWER_TIMEOUT
    )
    assert status.status_code == 200
    assert "default-src 'none'" in status.headers["Content-Security-Policy"]
    sheet = requests.get(server.url + "assets/echo.css", timeout=ANSWER_TIMEOUT)
    assert sheet.status_code == 200
    assert_still_serving(server, key)
