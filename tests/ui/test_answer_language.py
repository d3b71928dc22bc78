"""A staff answer reaches the resident in their own language, tapped on the real window: shown in
it when staff wrote it, else shown in the other with a line saying so and read by that language's
own voice; "say again" repeats the whole mixed utterance.

The loudspeaker is RecordingSpeaker (tests/ui/helpers.py): these tests assert which words went
to which voice. Real espeak-ng playing such an utterance is tested in tests/speech/test_parts.py.
"""

from __future__ import annotations

import re
from datetime import timedelta

from kiosk.domain.tickets import Draft, TicketStatus
from kiosk.store.remote import RemoteRequest
from kiosk.ui.widgets import ENTER
from tests.fixtures.residents import button_on
from tests.ui.helpers import LANDSCAPE, Kiosk, open_screen, page_to_items, wall_cards

ZH_ANSWER = "充电桩已修好"
UG_ANSWER = "توك قاچىلاش ئۈسكۈنىسى ئوڭشالدى"
UG_NOTE = "جاۋاب پەقەت خەنزۇچە يېزىلغان:"
ZH_NOTE = "答复只有维吾尔文："
HAN = re.compile(r"[\u4e00-\u9fff]")
ARABIC = re.compile(r"[\u0600-\u06ff]")


def _answered_at_centre(kiosk: Kiosk, notes: str, answers: dict[str, str] | None = None) -> str:
    """A ticket of this kiosk's, closed at the centre with `notes` as the staff answer (what an
    older centre sends: one text, in whichever language staff wrote it) and `answers` per
    language (what a centre since issue 17 sends beside it)."""
    ticket = kiosk.app.services.desk.submit(
        Draft(draft_id="d1", category="property-repair", phrases=(0,))
    )
    closed = ticket.created + timedelta(days=1)
    remote = RemoteRequest(
        code=ticket.code,
        status=TicketStatus.CLOSED,
        service_code=ticket.category,
        requested=ticket.created,
        updated=closed,
        closed=closed,
        expected=ticket.created + timedelta(days=3),
        status_notes=notes,
        answers=answers or {},
    )
    kiosk.app.services.remote.apply_requests([remote], cursor="c1", etag=None)
    return ticket.code


def _look_up(kiosk: Kiosk, code: str, lang: str) -> None:
    """From home, in `lang` (the language button, as a resident switches), type and ask."""
    home = kiosk.screen("home")
    if kiosk.app.lang != lang:
        kiosk.driver.tap(home.ids["language"])
    assert kiosk.app.lang == lang
    kiosk.driver.tap(home.ids["door_lookup"])
    for digit in code:
        kiosk.driver.tap(button_on(kiosk, "lookup", digit))
    kiosk.driver.tap(button_on(kiosk, "lookup", ENTER))
    assert kiosk.current == "lookup_result"


def _repeat(kiosk: Kiosk, screen: str) -> None:
    repeat = next(w for w in kiosk.screen(screen).walk() if getattr(w, "icon", "") == "repeat")
    kiosk.driver.tap(repeat)


def test_a_uyghur_look_up_of_a_chinese_only_answer_shows_it_with_the_note_in_the_chinese_voice(
    kiosk: Kiosk,
) -> None:
    code = _answered_at_centre(kiosk, ZH_ANSWER)

    _look_up(kiosk, code, "ug")

    result = kiosk.screen("lookup_result")
    assert result.ids["answer_note"].text == UG_NOTE
    assert result.ids["answer"].text == ZH_ANSWER
    assert result.ids["answer"].halign == "left", "Chinese is laid out left to right"
    assert result.ids["answer_note"].halign == "right", "the note is Uyghur"
    assert result.ids["answer_note"].height > 0
    said = kiosk.speaker.utterances[-1]
    assert [lang for _text, lang in said] == ["ug", "zh", "ug"]
    before, answer, after = (text for text, _lang in said)
    assert before.startswith("ھەل قىلىندى.")  # the state first, as on screen
    assert before.endswith(UG_NOTE)  # the note, in Uyghur, just before the answer
    assert answer == ZH_ANSWER + "。"
    assert "نۆل نۆل بىر" in after  # then the code, digit by digit
    assert not HAN.search(before + after), "the Uyghur voice is given no Chinese"

    _repeat(kiosk, "lookup_result")

    assert kiosk.speaker.utterances[-1] == said, "say again repeats all of it"


def test_a_chinese_look_up_of_a_uyghur_only_answer_shows_it_right_to_left_in_the_uyghur_voice(
    kiosk: Kiosk,
) -> None:
    code = _answered_at_centre(kiosk, UG_ANSWER)

    _look_up(kiosk, code, "zh")

    result = kiosk.screen("lookup_result")
    assert result.ids["answer_note"].text == ZH_NOTE
    assert result.ids["answer"].text == UG_ANSWER
    assert result.ids["answer"].halign == "right", "Uyghur is laid out right to left"
    said = kiosk.speaker.utterances[-1]
    assert [lang for _text, lang in said] == ["zh", "ug", "zh"]
    assert said[0][0].startswith("已办结。")
    assert said[0][0].endswith(ZH_NOTE)
    assert said[1][0] == UG_ANSWER + "."
    assert not ARABIC.search(said[0][0] + said[2][0]), "the Chinese voice is given no Uyghur"


def test_an_answer_in_both_languages_is_shown_and_read_in_the_residents_only(
    kiosk: Kiosk,
) -> None:
    code = _answered_at_centre(kiosk, ZH_ANSWER, {"zh": ZH_ANSWER, "ug": UG_ANSWER})
    _look_up(kiosk, code, "ug")
    result = kiosk.screen("lookup_result")

    for lang, own, other in (("ug", UG_ANSWER, ZH_ANSWER), ("zh", ZH_ANSWER, UG_ANSWER)):
        open_screen(kiosk, "lookup_result", LANDSCAPE, lang)
        kiosk.app.repeat_prompt()

        assert result.answer_note == ""
        assert result.ids["answer_note"].height == 0
        assert own in result.ids["answer"].text
        assert other not in result.ids["answer"].text
        name, text, said_lang = kiosk.speaker.said[-1]
        assert (name, said_lang) == ("lookup_result", lang)
        assert own in text
        assert other not in text


def test_the_echo_wall_shows_a_chinese_only_answer_to_a_uyghur_reader_with_the_note(
    kiosk: Kiosk,
) -> None:
    _answered_at_centre(kiosk, ZH_ANSWER)
    open_screen(kiosk, "echo_wall", LANDSCAPE, "ug")
    page_to_items(kiosk)

    card = wall_cards(kiosk.screen("echo_wall"))[0]

    assert card.answer_note == UG_NOTE
    assert card.answer == ZH_ANSWER
    assert not card.answer_rtl
    said = kiosk.speaker.utterances[-1]
    assert (ZH_ANSWER + "。", "zh") in said
    assert said[0][1] == "ug"
    assert all(not HAN.search(text) for text, lang in said if lang == "ug")


def test_switching_language_on_the_result_keeps_the_answer_in_its_own_direction(
    kiosk: Kiosk,
) -> None:
    """The screen's direction flips with the language; a staff text's stays with its own."""
    code = _answered_at_centre(kiosk, ZH_ANSWER)
    _look_up(kiosk, code, "zh")
    result = kiosk.screen("lookup_result")
    assert result.ids["answer"].halign == "left"

    kiosk.app.set_language("ug")
    kiosk.driver.frames(3)

    assert result.ids["answer"].text == ZH_ANSWER
    assert result.ids["answer"].halign == "left"
    assert result.ids["answer_note"].halign == "right"
    kiosk.app.set_language("zh")
    kiosk.driver.frames(3)
    assert result.ids["answer"].text == f"答复：{ZH_ANSWER}"
    assert result.ids["answer"].halign == "left"
