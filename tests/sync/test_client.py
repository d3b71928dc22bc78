"""One exchange with the centre, bounded in time and size whatever the other end does, over
plain HTTP and verified TLS; the form encoding of an outbox payload."""

from __future__ import annotations

import http.server
import ssl
import subprocess
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.sync.client import Open311Client, form_pairs
from kiosk.sync.errors import (
    AnswerTooLargeError,
    ConnectError,
    ConnectionLostError,
    TimedOutError,
    TransportError,
)
from kiosk.sync.settings import SyncSettings
from tests.sync.fault_proxy import Fault

SECRET = "key-" + uuid.uuid4().hex


def _client(url: str, *, deadline: float = 0.5, ca_bundle: Path | None = None) -> Open311Client:
    return Open311Client(
        SyncSettings(
            url=url,
            api_key=SECRET,
            device_id="011",
            jurisdiction_id="shengli",
            ca_bundle=ca_bundle,
            connect_timeout=1.0,
            read_timeout=min(10.0, deadline),
            deadline=deadline,
        )
    )


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.BLACKHOLE, TimedOutError),
        (Fault.DRIP, TimedOutError),  # ~20 s of dripping, cut at the 0.5 s deadline
        (Fault.RESET, ConnectionLostError),
        (Fault.TRUNCATE, ConnectionLostError),
        (Fault.GARBAGE, ConnectionLostError),
        (Fault.HUGE, AnswerTooLargeError),
    ],
    ids=lambda v: getattr(v, "value", getattr(v, "__name__", "")),
)
def test_each_fault_ends_in_its_own_error_without_the_key(proxy, fault, error):
    proxy.plan(fault)
    client = _client(proxy.url)
    try:
        with pytest.raises(error) as caught:
            client.post_request({"service_code": "sanitation"}, key=str(uuid.uuid4()))
    finally:
        client.close()
    assert SECRET not in str(caught.value)
    assert proxy.seen[fault] == 1


def test_a_refused_connection_is_a_connect_error(proxy):
    proxy.refuse()
    client = _client(proxy.url)
    with pytest.raises(ConnectError, match="cannot connect"):
        client.get("services.json")


def test_the_next_exchange_after_a_fault_works_on_a_fresh_connection(proxy):
    client = _client(proxy.url, deadline=5.0)
    proxy.plan(Fault.RESET)
    with pytest.raises(ConnectionLostError):
        client.get("services.json")
    reply = client.get("services.json")
    assert reply.status == 200
    assert reply.header("ETag")
    again = client.get("services.json", etag=reply.header("ETag"))
    assert again.status == 304


def test_cancel_from_another_thread_cuts_a_hanging_exchange(proxy):
    proxy.plan(Fault.BLACKHOLE)
    client = _client(proxy.url, deadline=300.0)
    timer = threading.Timer(0.3, client.cancel)
    timer.start()
    try:
        with pytest.raises(TimedOutError):
            client.get("services.json")
    finally:
        timer.cancel()


def test_a_payload_becomes_open311_form_fields():
    payload = {
        "service_code": "property-repair",
        "attribute": {"phrases": ["0", "2"], "single": "x"},
        "residents": 2,
        "address_id": None,
    }
    assert form_pairs(payload) == [
        ("service_code", "property-repair"),
        ("attribute[phrases][]", "0"),
        ("attribute[phrases][]", "2"),
        ("attribute[single]", "x"),
        ("residents", "2"),
    ]


# --- TLS: verified always, against the configured CA bundle -------------------------------------


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """An HTTPS server on 127.0.0.1 with a certificate from a throw-away CA (made by openssl)."""
    folder = tmp_path_factory.mktemp("tls")

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    ec = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")
    openssl(
        "req",
        "-x509",
        *ec,
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Echo Kiosk test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign",
    )
    openssl("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    (folder / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\n")
    openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"[]"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "server.pem", folder / "server.key")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}/", folder / "ca.pem"
    server.shutdown()
    server.server_close()


def test_tls_is_verified_against_the_configured_ca_bundle(tls_server):
    url, ca = tls_server
    assert _client(url, deadline=5.0, ca_bundle=ca).get("services.json").status == 200


def test_a_certificate_from_an_unknown_ca_is_refused(tls_server):
    url, _ca = tls_server
    with pytest.raises(ConnectError, match="TLS") as caught:
        _client(url, deadline=5.0).get("services.json")
    assert isinstance(caught.value, TransportError)
