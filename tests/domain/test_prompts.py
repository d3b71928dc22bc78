"""Spoken prompts: every screen has one in both languages, and nothing private is read aloud."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.config.loader import load_config
from kiosk.config.model import KioskConfig
from kiosk.domain import answer_texts, prompts
from kiosk.domain.figures import MonthFigures
from kiosk.domain.lookup import Answer
from kiosk.domain.messages import MESSAGES
from kiosk.domain.notices import visible_notices
from kiosk.domain.rating import Rating
from kiosk.domain.schedule import upcoming_days
from kiosk.domain.spoken import Prompt, Spoken, as_spoken
from kiosk.domain.tickets import Ticket, TicketStatus, masked_phone

SAMPLE = Path(__file__).resolve().parents[2] / "config" / "kiosk.yaml"
SH = ZoneInfo("Asia/Shanghai")
WEDNESDAY_10_15 = datetime(2024, 12, 4, 10, 15, tzinfo=SH)  # the policy lecture is on
LANGS = ("zh", "ug")
HAN = re.compile(r"[\u4e00-\u9fff]")
ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def config() -> KioskConfig:
    return load_config(SAMPLE)


def _ticket(config: KioskConfig) -> Ticket:
    category = config.content.categories[0]
    return Ticket(
        code="001000017",
        key="key",
        category=category.code,
        responsible=category.responsible,
        created=WEDNESDAY_10_15,
        promised=date(2024, 12, 7),
    )


def every_prompt(config: KioskConfig, lang: str) -> dict[str, Spoken]:
    """Every screen's prompt as parts, (text, lang) each: the language is the voice's."""
    return {name: as_spoken(said, lang) for name, said in _prompts(config, lang).items()}


def _prompts(config: KioskConfig, lang: str) -> dict[str, Prompt]:
    content = config.content
    notices = visible_notices(content.notices, today=WEDNESDAY_10_15.date())
    day = upcoming_days(content.events, tz=SH, now=WEDNESDAY_10_15)[0]
    summary = ["类别：物业维修", "电话：" + masked_phone("13912345678")]
    category = content.categories[0]
    answer = Answer(  # staff answer in Chinese only: the Chinese voice reads it in Uyghur too
        code="001000017",
        status=TicketStatus.CLOSED,
        category=category.code,
        responsible=category.responsible,
        promised=date(2024, 12, 7),
        answer="充电桩已修好",
        received=WEDNESDAY_10_15,
        solved=datetime(2024, 12, 6, 9, 0, tzinfo=SH),
        summary="充电桩不能充电",
    )
    return {
        "home": prompts.home_prompt(content, lang),
        "notices": prompts.notices_prompt(notices[:2], lang, page=1, pages=2),
        "notice_detail": prompts.notice_detail_prompt(notices[0], lang),
        "activities": prompts.activities_prompt(
            prompts.spoken_date(day.date, lang), day.occurrences, content.rooms, lang
        ),
        "red_post": prompts.red_post_prompt(content.red_post, now=WEDNESDAY_10_15, lang=lang),
        "category": prompts.category_prompt(content.categories, lang),
        "phrases": prompts.phrases_prompt(content.categories[0], lang),
        "places": prompts.places_prompt(content.places, lang),
        "phone": prompts.phone_prompt(0, lang),
        "phone_typed": prompts.phone_prompt(4, lang),
        "confirm": prompts.confirm_prompt(summary if lang == "zh" else [], lang),
        "ticket": prompts.ticket_prompt(_ticket(config), lang, category=content.categories[0]),
        "lookup": MESSAGES["say_lookup"].get(lang),
        "answer": answer_texts.answer_prompt(
            answer, lang, category_name=category.name.get(lang), rated=None, can_rate=True
        ),
        "rated": answer_texts.answer_prompt(
            answer, lang, category_name="", rated=Rating.NOT_SATISFIED, can_rate=False
        ),
        "wall_item": answer_texts.wall_item_prompt(
            answer, lang, number=1, category_name=category.name.get(lang)
        ),
        "wall_figures": answer_texts.wall_figures_prompt(
            MonthFigures(date(2024, 12, 1), 3, 2, 1, 1, 1),
            MonthFigures(date(2024, 1, 1), 0, 0, 0, 0, 0),
            lang,
        ),
        "idle": prompts.idle_warning_prompt(20, lang),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_screen_has_a_complete_prompt_in_each_language(
    config: KioskConfig, lang: str
) -> None:
    for name, spoken in every_prompt(config, lang).items():
        assert spoken.parts, name
        for text, _voice in spoken.parts:
            assert text.strip(), name
            assert not re.search(r"[{}]", text), f"{name}: unfilled placeholder in {text!r}"
            assert "\n" not in text, name


@pytest.mark.parametrize("lang", LANGS)
def test_no_voice_is_given_words_of_the_other_script(config: KioskConfig, lang: str) -> None:
    """The Uyghur voice reads no Han characters, the Chinese voice no Arabic script, whichever
    language the screen is in: a staff text in the other language gets that language's voice."""
    for name, spoken in every_prompt(config, lang).items():
        for text, voice in spoken.parts:
            foreign = HAN if voice == "ug" else ARABIC
            assert not foreign.search(text), f"{name}: {voice} voice given {text}"


def test_a_chinese_only_answer_is_read_by_the_chinese_voice_after_the_uyghur_note(
    config: KioskConfig,
) -> None:
    spoken = every_prompt(config, "ug")

    for name in ("answer", "wall_item"):
        assert ("充电桩已修好。", "zh") in spoken[name].parts, name
        before = spoken[name].parts[spoken[name].parts.index(("充电桩已修好。", "zh")) - 1]
        assert before[1] == "ug", name
        assert before[0].endswith("جاۋاب پەقەت خەنزۇچە يېزىلغان:"), name
    assert spoken["ticket"].langs == ("ug",)


def test_every_spoken_message_is_written_in_both_languages() -> None:
    spoken = {key: text for key, text in MESSAGES.items() if key.startswith("say_")}
    assert spoken
    for key, text in spoken.items():
        assert all(text.values.get(lang) for lang in LANGS), key


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", ["1", "139", "1391234", "13912345678"])
def test_the_phone_prompt_says_how_many_digits_never_which(typed: str, lang: str) -> None:
    text = prompts.phone_prompt(len(typed), lang)

    assert not re.search(r"\d", text)
    assert prompts.count_words(len(typed), lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_confirm_prompt_does_not_read_the_masked_phone_number(lang: str) -> None:
    line = "电话：" + masked_phone("13912345678")

    text = prompts.confirm_prompt([line], lang)

    assert "5678" not in text
    assert "•" not in text


def test_the_ticket_prompt_reads_the_code_digit_by_digit_with_person_and_date(
    config: KioskConfig,
) -> None:
    ticket = _ticket(config)

    zh = prompts.ticket_prompt(ticket, "zh", category=config.content.categories[0])
    ug = prompts.ticket_prompt(ticket, "ug")

    assert zh.count("零零幺，零零零，零幺七") == 2  # said twice, 幺 for one
    assert "物业公司维修部" in zh
    assert "物业维修" in zh
    assert "12月7日" in zh
    assert "نۆل نۆل بىر، نۆل نۆل نۆل، نۆل بىر يەتتە" in ug
    assert "مۈلۈك شىركىتى رېمونت بۆلۈمى" in ug
    assert "12-ئاينىڭ 7-كۈنى" in ug


@pytest.mark.parametrize(
    ("n", "zh", "ug"),
    [(0, "零", "نۆل"), (1, "一", "بىر"), (2, "两", "ئىككى"), (10, "十", "ئون"),
     (11, "十一", "ئون بىر"), (20, "二十", "يىگىرمە"), (47, "四十七", "قىرىق يەتتە")],
)  # fmt: skip
def test_counts_are_said_in_words(n: int, zh: str, ug: str) -> None:
    assert prompts.count_words(n, "zh") == zh
    assert prompts.count_words(n, "ug") == ug


def test_times_are_said_as_a_person_would(config: KioskConfig) -> None:
    assert prompts.spoken_clock(datetime(2024, 12, 4, 10, 0), "zh") == "10点"
    assert prompts.spoken_clock(datetime(2024, 12, 4, 8, 30), "zh") == "8点30分"
    assert prompts.spoken_clock(datetime(2024, 12, 4, 8, 5), "ug") == "سائەت 8:05"


def test_the_activities_prompt_says_what_is_on_now(config: KioskConfig) -> None:
    content = config.content
    day = upcoming_days(content.events, tz=SH, now=WEDNESDAY_10_15)[0]

    text = prompts.activities_prompt(
        "今天", day.occurrences, content.rooms, "zh", now=WEDNESDAY_10_15
    )

    assert "正在进行，10点到11点，胜利花园活动室：老年人政策宣讲" in text


def test_an_empty_day_and_an_empty_notice_board_are_said_plainly(config: KioskConfig) -> None:
    assert "这一天没有活动" in prompts.activities_prompt("今天", [], config.content.rooms, "zh")
    assert "现在没有通知" in prompts.notices_prompt([], "zh")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2024, 12, 2, 10, 0, tzinfo=SH), ["现在开放", "20点 关门"]),
        (datetime(2024, 12, 2, 21, 0, tzinfo=SH), ["现在关闭", "周二 8点30分 开门"]),
    ],
)
def test_the_red_post_prompt_says_whether_it_is_open_and_until_when(
    config: KioskConfig, moment: datetime, expected: list[str]
) -> None:
    text = prompts.red_post_prompt(config.content.red_post, now=moment, lang="zh")

    for part in expected:
        assert part in text
    assert "手机充电，维修中，充电线已报修" in text
    assert "周一到周五，8点30分到20点" in text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", ["周一到周五，8点30分到20点", "周六、周日，9点到18点"]),
        (
            "ug",
            [
                "دۈشەنبە بىلەن جۈمە ئارىلىقىدا، سائەت 8:30 بىلەن سائەت 20 ئارىلىقىدا",
                "شەنبە، يەكشەنبە، سائەت 9 بىلەن سائەت 18 ئارىلىقىدا",
            ],
        ),
    ],
)
def test_the_red_post_hours_are_said_without_a_detached_suffix_and_a_weekend_as_a_list(
    config: KioskConfig, lang: str, expected: list[str]
) -> None:
    """Copy review 2026-12-05: "شەنبە دىن يەكشەنبە گىچە" detached its suffixes and made two days
    a range; the span is now said with بىلەن … ئارىلىقىدا, which needs no suffix on the number."""
    text = prompts.red_post_prompt(config.content.red_post, now=WEDNESDAY_10_15, lang=lang)

    for part in expected:
        assert part in text


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2024, 12, 2, 10, 0, tzinfo=SH), "تاقىلىش ۋاقتى: سائەت 20"),
        (datetime(2024, 12, 2, 21, 0, tzinfo=SH), "كېيىنكى ئېچىلىشى: سەيشەنبە سائەت 8:30"),
    ],
)
def test_the_uyghur_red_post_prompt_says_when_it_closes_or_opens(
    config: KioskConfig, moment: datetime, expected: str
) -> None:
    assert expected in prompts.red_post_prompt(config.content.red_post, now=moment, lang="ug")


@pytest.mark.parametrize("lang", LANGS)
def test_the_phone_step_says_staff_call_back_only_if_a_number_is_left(lang: str) -> None:
    said = prompts.phone_prompt(0, lang)
    assert {"zh": "留下号码", "ug": "نومۇرىڭىزنى قالدۇرسىڭىز"}[lang] in said


def test_urgent_notices_are_announced_as_urgent(config: KioskConfig) -> None:
    urgent = next(n for n in config.content.notices if n.urgent)

    assert prompts.notices_prompt([urgent], "zh").startswith("政策宣传：紧急，")
    assert prompts.notice_detail_prompt(urgent, "ug").startswith("جىددىي، ")


@pytest.mark.parametrize("lang", LANGS)
def test_the_idle_warning_says_the_seconds_left(lang: str) -> None:
    assert "20" in prompts.idle_warning_prompt(20, lang)


Choices = Callable[[KioskConfig, str], tuple[str, list[str]]]


def _categories(c: KioskConfig, lang: str) -> tuple[str, list[str]]:
    cats = c.content.categories
    return prompts.category_prompt(cats, lang), [k.name.get(lang) for k in cats]


def _phrases(c: KioskConfig, lang: str) -> tuple[str, list[str]]:
    category = c.content.categories[1]
    names = [category.name.get(lang), *(p.get(lang) for p in category.phrases)]
    return prompts.phrases_prompt(category, lang), names


def _places(c: KioskConfig, lang: str) -> tuple[str, list[str]]:
    places = c.content.places
    return prompts.places_prompt(places, lang), [p.name.get(lang) for p in places]


@pytest.mark.parametrize("choices", [_categories, _phrases, _places])
@pytest.mark.parametrize("lang", LANGS)
def test_choice_prompts_name_every_choice_from_the_config(
    config: KioskConfig, choices: Choices, lang: str
) -> None:
    text, names = choices(config, lang)

    for name in names:
        assert name in text


def test_confirm_reads_back_the_phone_numbers_length_and_last_four_never_the_rest():
    from kiosk.domain.prompts import confirm_prompt

    said = confirm_prompt(["电话：•••••••5678"], "zh")
    assert "共十一位，尾号五六七八" in said
    for digit in "一三九二":  # 1391234: never aloud
        assert digit not in said.split("尾号")[1].split("。")[0]
    said_ug = confirm_prompt(["تېلېفون: •••••••5678"], "ug")
    assert "ئون بىر خانە، ئاخىرى بەش ئالتە يەتتە سەككىز" in said_ug


def test_the_ticket_prompt_says_when_it_was_submitted_and_the_office_phone_digit_by_digit(
    config: KioskConfig,
) -> None:
    ticket = _ticket(config)

    zh = prompts.ticket_prompt(ticket, "zh", phone="0996-7102345")
    ug = prompts.ticket_prompt(ticket, "ug", phone="0996-7102345")
    without = prompts.ticket_prompt(ticket, "zh")

    assert "提交时间：12月4日 周三 10点15分" in zh
    assert "社区电话：零九九六，七幺零二三四五" in zh
    assert "يوللانغان: 12-ئاينىڭ 4-كۈنى چارشەنبە سائەت 10:15" in ug
    assert "نۆل توققۇز توققۇز ئالتە، يەتتە بىر نۆل ئىككى ئۈچ تۆت بەش" in ug
    assert "社区电话" not in without


def test_the_submission_time_on_screen_keeps_the_clock_left_to_right_in_uyghur() -> None:
    created = datetime(2024, 12, 4, 9, 5, tzinfo=SH)

    assert prompts.submitted_text(created, "zh") == "12月4日 09:05"
    assert prompts.submitted_text(created, "ug") == "12-ئاينىڭ 4-كۈنى \u206609:05\u2069"
