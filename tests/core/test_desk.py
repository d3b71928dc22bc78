"""The desk's length check: what a resident can enter is always something the centre takes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import pytest

from kiosk.config.loader import load_config
from kiosk.config.paths import REPO_CONFIG
from kiosk.core.desk import Desk
from kiosk.domain.feedback_form import FREE_TEXT_MAX, FeedbackForm
from kiosk.domain.request_limits import MAX_ADDRESS_ID, MAX_BODY, MAX_PHONE
from kiosk.store.outbox import Outbox
from kiosk.store.ticket_book import TicketBook
from kiosk.sync.client import form_pairs
from tests.fixtures.fresh_python import output_lines

CONFIG = load_config(REPO_CONFIG)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    book = TicketBook.open(tmp_path / "tickets.sqlite3")
    yield Desk(book=book, config=lambda: CONFIG, now=lambda: datetime(2026, 12, 6, tzinfo=UTC))
    book.close()


@pytest.mark.parametrize("category", [c.code for c in CONFIG.content.categories])
def test_every_phrase_and_the_most_a_keyboard_may_type_is_a_report_the_centre_takes(
    desk: Desk, category: str
):
    form = FeedbackForm()
    form.choose_category(category)
    phrases = next(c for c in CONFIG.content.categories if c.code == category).phrases
    for index in range(len(phrases)):
        form.toggle_phrase(index)
    form.type_text("ئۇ" * FREE_TEXT_MAX)  # two-byte letters, as long as the box allows
    assert desk.too_long(form.to_draft()) == []


def test_a_report_longer_than_the_centre_takes_is_named_before_it_is_stored(desk: Desk):
    form = FeedbackForm()
    form.choose_category(CONFIG.content.categories[0].code)
    draft = replace(form.to_draft(), free_text="修" * 5000)  # not through the form's box
    assert any("description" in problem for problem in desk.too_long(draft))


def test_the_longest_report_with_its_language_and_secret_fits_the_centres_body_limit(
    desk: Desk, tmp_path: Path
):
    """What the outbox keeps is what is posted: the form body, lang and ticket_secret included."""
    form = FeedbackForm()
    category = CONFIG.content.categories[0]
    form.choose_category(category.code)
    for index in range(len(category.phrases)):
        form.toggle_phrase(index)
    form.type_text("ئۇ" * FREE_TEXT_MAX)
    draft = replace(form.to_draft("ug"), phone="1" * MAX_PHONE, place="p" * MAX_ADDRESS_ID)
    assert desk.too_long(draft) == []
    ticket = desk.submit(draft)
    outbox = Outbox.open(tmp_path / "tickets.sqlite3")  # the desk's book
    try:
        [item] = outbox.due(datetime(2027, 1, 1, tzinfo=UTC), 10)
    finally:
        outbox.close()
    fields = item.fields()
    assert (fields["lang"], fields["ticket_secret"]) == ("ug", ticket.secret)
    body = urlencode(form_pairs(fields)).encode()
    assert len(body) < MAX_BODY


WARM = """
import sys
from kiosk.cli.compose import compose
from kiosk.config.paths import REPO_CONFIG
from pathlib import Path
services = compose(config_path=REPO_CONFIG, data_dir=Path(sys.argv[1]), lockdown=True)
ready = ("qrcode", "kiosk.receipt.layout", "PIL.PngImagePlugin")
print(*(name in sys.modules for name in ready))
services.desk.warm_up()
print(*(name in sys.modules for name in ready))
"""


def test_warming_up_makes_ready_what_the_first_receipt_needs(tmp_path: Path):
    """A kiosk starts without qrcode and the receipt layout (issue 18); once started, they are
    made ready before the first resident's done screen needs them."""
    before, after = output_lines(WARM, tmp_path)[-2:]
    assert before == "False False False"
    assert after == "True True True"
