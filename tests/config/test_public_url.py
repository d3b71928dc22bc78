"""Which addresses a resident's phone can open: the receipt's QR code is useless otherwise."""

from __future__ import annotations

import pytest

from kiosk.config.model import Central
from kiosk.config.public_url import is_local_host, public_url_warning, qr_base


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "LOCALHOST.",
        "kiosk.localhost",
        "[::1]",
        "0.0.0.0",
        "10.1.2.3",
        "172.20.0.5",
        "192.168.0.10",
        "169.254.1.1",
        "[fe80::1]",
        "[fd12:3456::1]",
        "centre",
        "echo.local",
        "centre.lan",
        "centre.home.arpa",
    ],
)
def test_addresses_only_this_machine_or_network_reaches_are_local(host: str) -> None:
    assert is_local_host(host)


@pytest.mark.parametrize(
    "host", ["echo.example.org", "121.40.1.2", "[2400:3200::1]", "echo.ruoqiang.gov.cn"]
)
def test_public_names_and_addresses_are_not_local(host: str) -> None:
    assert not is_local_host(host)


def test_a_public_https_address_gives_no_warning_and_is_the_qr_base() -> None:
    central = Central(url="http://127.0.0.1:8311/", public_url="https://echo.example.org/")
    assert public_url_warning(central) is None
    assert qr_base(central) == "https://echo.example.org/"


def test_without_a_public_address_the_qr_uses_the_central_url_and_staff_are_warned() -> None:
    central = Central(url="http://10.0.0.2:8311/")
    warning = public_url_warning(central)
    assert warning is not None
    assert (warning.problem, warning.url) == ("missing", "http://10.0.0.2:8311/")
    assert qr_base(central) == "http://10.0.0.2:8311/"
    assert qr_base(Central()) == "http://127.0.0.1:8311/"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://127.0.0.1:8311/", "local"),
        ("https://192.168.1.5/", "local"),
        ("ftp://echo.example.org/", "not_web"),
        ("echo.example.org", "not_web"),
        ("http://[::1", "not_web"),  # not even a URL
    ],
)
def test_each_problem_is_named(url: str, problem: str) -> None:
    warning = public_url_warning(Central(url="http://127.0.0.1:8311/", public_url=url))
    assert warning is not None
    assert warning.problem == problem
    assert "central.public_url" in warning.sentence()
