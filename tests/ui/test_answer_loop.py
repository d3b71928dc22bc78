"""The loop closed in the resident's language (issue 17), through the real kiosk window and the
real central server on loopback: a Uyghur resident reports, hears the receipt, takes the QR link
home; staff answer in Chinese only, then in both; the kiosk and the phone's status page show and
say what a Uyghur reader can use, and the code without its secret opens nothing."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from kiosk.domain.messages import message
from kiosk.domain.prompts import spoken_code, spoken_date
from kiosk.domain.tickets import Ticket
from kiosk.ui.widgets import ENTER
from kiosk.wire import fields as f
from kiosk.wire.device import device_id
from tests.fixtures.central_server import CentralServer, running_central
from tests.fixtures.kiosk_side import config_file_on
from tests.fixtures.qr_decode import qr_texts
from tests.fixtures.residents import button_on, report_a_repair
from tests.ui.helpers import Kiosk

_numbers = itertools.count(640)  # kiosk numbers on the module's central server
ANSWER_ZH = "电梯已经修好，可以正常使用。"
ANSWER_UG = "لىفىت ئوڭشالدى، نورمال ئىشلىتىشكە بولىدۇ."


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    with running_central(tmp_path_factory.mktemp("central")) as server:
        yield server


@pytest.fixture
def public_url(central: CentralServer) -> str:
    """Another name for the centre than the kiosk's sync address, as a phone would use."""
    return f"http://localhost:{central.port}/"


@pytest.fixture
def config_path(tmp_path: Path, central: CentralServer, public_url: str) -> Path:
    return config_file_on(central, tmp_path, next(_numbers), public_url=public_url)


def _report_in_uyghur(kiosk: Kiosk) -> Ticket:
    kiosk.app.set_language("ug")
    kiosk.driver.frames(2)
    report_a_repair(kiosk)
    kiosk.driver.tap(kiosk.screen("feedback_confirm").ids["submit"])
    assert kiosk.current == "feedback_done"
    ticket: Ticket | None = kiosk.screen("feedback_done").ticket
    assert ticket is not None
    return ticket


def _synced(kiosk: Kiosk, central: CentralServer, ticket: Ticket) -> None:
    number = kiosk.app.services.config().content.community.kiosk_number
    assert kiosk.wait_for(
        lambda: ticket.code in central.tickets(device_id(number)),
        seconds=60,
        each=kiosk.app.services.sync.wake,
    ), "the ticket reached the centre"


def _pulled(kiosk: Kiosk, code: str, lang: str) -> None:
    lookup = kiosk.app.services.lookup

    def has_it() -> bool:
        found = lookup.local(code)
        return found is not None and bool(found.answers.get(lang))

    assert kiosk.wait_for(has_it, seconds=60, each=kiosk.app.services.sync.wake), "pulled"


def _look_up(kiosk: Kiosk, code: str):  # -> LookupResultScreen
    """Type `code` on the look-up pad, from home or from a result ("check another")."""
    if kiosk.current == "lookup_result":
        kiosk.driver.let_guard_pass()
        kiosk.driver.tap(next(b for b in kiosk.screen("lookup_result").walk()
                              if getattr(b, "icon", "") == "check-another"))  # fmt: skip
    else:
        kiosk.app.go_home()
        kiosk.driver.let_guard_pass()
        kiosk.driver.tap(kiosk.screen("home").ids["door_lookup"])
    assert kiosk.current == "lookup"
    for digit in code:
        kiosk.driver.tap(button_on(kiosk, "lookup", digit))
    kiosk.driver.tap(button_on(kiosk, "lookup", ENTER))
    assert kiosk.current == "lookup_result"
    return kiosk.screen("lookup_result")


def test_a_uyghur_residents_ticket_answered_in_chinese_then_in_both(
    kiosk: Kiosk, central: CentralServer, public_url: str
):
    ticket = _report_in_uyghur(kiosk)

    # The receipt aloud: the code digit by digit, who answers and by when, in Uyghur.
    name, said, lang = kiosk.speaker.said[-1]
    assert (name, lang) == ("feedback_done", "ug")
    assert spoken_code(ticket.code, "ug") in said
    assert ticket.responsible.get("ug") in said
    assert spoken_date(ticket.promised, "ug") in said

    # The receipt's QR: the public address, the resident's language and the ticket's secret.
    image = kiosk.app.services.desk.receipt_image(ticket, "ug")
    assert image.width == 384
    (link,) = qr_texts(image)
    parts = urlsplit(link)
    assert link.startswith(f"{public_url}status/{ticket.code}?")
    query = parse_qs(parts.query)
    assert query[f.STATUS_LANG] == ["ug"]
    assert query[f.STATUS_SECRET] == [ticket.secret]

    _synced(kiosk, central, ticket)
    waiting = requests.get(link, timeout=(2, 20))
    assert waiting.status_code == 200
    assert 'lang="ug"' in waiting.text
    assert ticket.responsible.get("ug") in waiting.text

    # Staff answer in Chinese only.
    central.answer(ticket.code, status="closed", answers={"zh": ANSWER_ZH})
    _pulled(kiosk, ticket.code, "zh")
    result = _look_up(kiosk, ticket.code)
    assert result.answer_note, "one line says the answer is only in Chinese"
    assert ANSWER_ZH in result.answer_text
    spoken = kiosk.speaker.utterances[-1]
    by_lang = {lang: " ".join(t for t, lg in spoken if lg == lang) for lang in ("ug", "zh")}
    assert ANSWER_ZH.rstrip("。") in by_lang["zh"], "the Chinese answer in the Chinese voice"
    assert result.answer_note.rstrip(":：") in by_lang["ug"]
    assert result.state in by_lang["ug"]
    assert ANSWER_ZH not in by_lang["ug"], "never read by the Uyghur voice"

    page = requests.get(link, timeout=(2, 20))
    assert page.status_code == 200
    assert ANSWER_ZH in page.text
    assert message("status_answer_other_lang", "ug") in page.text
    assert 'lang="zh"' in page.text

    # Staff add the Uyghur answer: the resident sees and hears only Uyghur.
    central.answer(ticket.code, status="closed", answers={"zh": ANSWER_ZH, "ug": ANSWER_UG})
    _pulled(kiosk, ticket.code, "ug")
    result = _look_up(kiosk, ticket.code)
    assert result.answer_note == ""
    assert ANSWER_UG in result.answer_text
    assert ANSWER_ZH not in result.answer_text
    spoken = kiosk.speaker.utterances[-1]
    assert {lg for _t, lg in spoken} == {"ug"}
    assert any(ANSWER_UG.rstrip(".") in t for t, _lg in spoken)

    page = requests.get(link, timeout=(2, 20))
    assert ANSWER_UG in page.text
    assert message("status_answer_other_lang", "ug") not in page.text

    # The same code with a wrong or no secret reveals nothing of the ticket.
    bare = f"{public_url}status/{ticket.code}"
    for guess in (bare, f"{bare}?lang=ug", f"{bare}?lang=ug&k={'A' * 16}"):
        probe = requests.get(guess, timeout=(2, 20))
        assert probe.status_code == 404, guess
        for secret_fact in (ANSWER_ZH, ANSWER_UG, ticket.responsible.get("ug")):
            assert secret_fact not in probe.text, guess
