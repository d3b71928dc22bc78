"""The Echo Wall on the real window, fed by a real sync round with the reference central server:
figures first, then the chart, then each solved problem with its answer and timeliness."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.ui.widgets import ENTER
from tests.fixtures.central_server import CentralServer, running_central
from tests.fixtures.kiosk_side import config_file_on, solved_at_another_kiosk
from tests.fixtures.residents import button_on
from tests.ui.helpers import Kiosk, page_to_items, wall_cards

_numbers = itertools.count(600)  # kiosk numbers on the module's central server


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    with running_central(tmp_path_factory.mktemp("central")) as server:
        yield server


@pytest.fixture
def config_path(tmp_path: Path, central: CentralServer) -> Path:
    """The sample config, as a kiosk of the module's central server."""
    return config_file_on(central, tmp_path, next(_numbers))


def test_a_ticket_closed_at_the_centre_reaches_the_wall_after_a_sync_round(
    kiosk: Kiosk, central: CentralServer, tmp_path: Path
):
    code = solved_at_another_kiosk(central, tmp_path, next(_numbers)).code
    remote = kiosk.app.services.remote
    pulled = kiosk.wait_for(
        lambda: any(r.code == code for r in remote.wall(10)),
        seconds=60,
        each=kiosk.app.services.sync.wake,
    )
    assert pulled, "the wall's pull"
    kiosk.driver.tap(kiosk.screen("home").ids["door_echo_wall"])
    wall = kiosk.screen("echo_wall")
    assert kiosk.current == "echo_wall"
    assert wall.kind == "figures"
    page_to_items(kiosk)
    cards = wall_cards(wall)
    assert len(cards) == 1
    assert cards[0].heading.startswith("环境卫生")
    assert cards[0].answer == "答复：垃圾已清运"
    assert "办结" in cards[0].dates
    said = kiosk.speaker.said[-1][1]
    assert "垃圾已清运" in said
    assert "13912345678" not in said


def test_another_kiosks_code_is_asked_of_the_centre_and_answered(
    kiosk: Kiosk, central: CentralServer, tmp_path: Path
):
    code = solved_at_another_kiosk(central, tmp_path, next(_numbers), notes="已清运").code
    assert kiosk.app.services.lookup.local(code) is None, "not pulled yet: only the centre knows"
    kiosk.driver.tap(kiosk.screen("home").ids["door_lookup"])
    lookup = kiosk.screen("lookup")
    for digit in code:
        kiosk.driver.tap(button_on(kiosk, "lookup", digit))
    kiosk.driver.tap(button_on(kiosk, "lookup", ENTER))
    assert kiosk.wait_for(lambda: kiosk.current == "lookup_result", seconds=60), "the answer"
    assert not lookup.asking
    result = kiosk.screen("lookup_result")
    assert result.state == "已办结"
    assert "已清运" in result.answer_text
    assert kiosk.app.services.lookup.local(code) is not None, "kept for the next look-up offline"
