"""The ticket look-up has one name in each language, on the kiosk and on the status web page.

The copy review of 2026-12-05 found two names for it (查询回音 on the kiosk, 回音查询 on the page;
جاۋابنى تەكشۈرۈش and ئىنكاس سۈرۈشتۈرۈش): a resident told to press one cannot find the other.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from kiosk.domain.messages import MESSAGES, message
from kiosk.domain.ticket_code import make_code
from tests.central.helpers import Server
from tests.fixtures.open311_payloads import kiosk_payload

ROOT = Path(__file__).resolve().parents[2]
NAME = {"zh": "查询回音", "ug": "جاۋابنى تەكشۈرۈش"}
OTHER_NAMES = {"zh": ("回音查询",), "ug": ("ئىنكاس سۈرۈشتۈرۈش",)}
CODE = make_code(1, 1)


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_the_catalogue_names_the_look_up_once(lang: str) -> None:
    assert message("lookup", lang) == NAME[lang]
    for key, text in MESSAGES.items():
        for other in OTHER_NAMES[lang]:
            assert other not in text.get(lang), (key, text.get(lang))


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_the_spoken_look_up_starts_with_its_name(lang: str) -> None:
    assert message("say_lookup", lang).startswith(NAME[lang])


def test_the_chinese_receipt_sends_residents_to_the_look_up_by_its_name() -> None:
    assert f"“{NAME['zh']}”" in message("receipt_how_to_check", "zh")


@pytest.mark.parametrize(
    "kv", ["home.kv", "lookup.kv", "lookup_result.kv"], ids=["home", "lookup", "lookup_result"]
)
def test_the_kiosk_screens_show_the_catalogues_name(kv: str) -> None:
    """The home button and both look-up screens' titles take the one key, no word of their own."""
    source = (ROOT / "kiosk" / "ui" / "screens" / kv).read_text(encoding="utf-8")
    assert re.search(r"app\.t\('lookup', app\.lang\)", source), kv


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_the_status_page_calls_the_look_up_what_the_kiosk_calls_it(
    server: Server, lang: str
) -> None:
    server.post_request(kiosk_payload(1))
    page = html.unescape(server.client.get(f"/status/{CODE}", params={"lang": lang}).text)

    assert f"<title>{NAME[lang]} · " in page
    assert f"<strong>{NAME[lang]}</strong>" in page
    for other in OTHER_NAMES[lang]:
        assert other not in page
