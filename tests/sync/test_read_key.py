"""A kiosk's reads carry its key in the X-Api-Key header, so the centre gives it the whole feed
(its own tickets, not only the Echo Wall's public view): never in a URL, never in a log line.
Through the real central server, with the recording proxy between it and the kiosk."""

from __future__ import annotations

import logging

import pytest

from kiosk.sync.client import Open311Client
from kiosk.sync.errors import BadAnswerError
from kiosk.sync.pulls import pull_services
from kiosk.sync.settings import SyncSettings
from tests.fixtures.kiosk_side import KioskSide
from tests.sync.fault_proxy import Fault, FaultProxy


def _gets(proxy: FaultProxy) -> list[tuple[str, list[str]]]:
    """Each GET as (request line, header lines)."""
    found = []
    for request in proxy.requests:
        if request.startswith(b"GET "):
            line, *headers = request.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
            found.append((line, headers))
    return found


def test_every_read_carries_the_key_in_its_header_and_never_in_the_url(
    kiosk: KioskSide, proxy: FaultProxy, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    key = kiosk.key_file.read_text().strip()
    [ticket] = kiosk.report(1)
    worker = kiosk.worker(proxy.url)
    try:
        assert worker.run_round().ok
        found = worker.look_up(ticket.code)
    finally:
        worker.close()
    assert found is not None
    assert found.code == ticket.code

    gets = _gets(proxy)
    paths = {line.split()[1].split("?")[0] for line, _ in gets}
    assert {"/services.json", "/requests.json", f"/requests/{ticket.code}.json"} <= paths
    for line, headers in gets:
        assert key not in line, line
        assert f"X-Api-Key: {key}" in headers, line
    assert key not in caplog.text


def test_a_failed_read_names_the_address_but_not_the_key(
    kiosk: KioskSide, proxy: FaultProxy, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    key = kiosk.key_file.read_text().strip()
    client = Open311Client(
        SyncSettings(url=proxy.url, api_key=key, device_id=kiosk.device_id, deadline=5.0)
    )
    remote = kiosk.remote()
    proxy.plan(Fault.ERROR_500, only=b"GET ")
    try:
        with pytest.raises(BadAnswerError) as caught:
            pull_services(client, remote)
    finally:
        client.close()
        remote.close()
    assert "services.json: HTTP 500" in str(caught.value)
    assert key not in str(caught.value)
    assert key not in caplog.text


def test_a_kiosk_without_a_key_sends_no_key_header(proxy: FaultProxy) -> None:
    client = Open311Client(SyncSettings(url=proxy.url, api_key="", device_id="001", deadline=5.0))
    try:
        assert client.get("services.json").status == 200
    finally:
        client.close()
    [(_, headers)] = _gets(proxy)
    assert not any(h.lower().startswith("x-api-key:") for h in headers)
