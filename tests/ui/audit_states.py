"""The states the screen audit draws: each screen with the sample content, then what the field
brings — no data yet, a year of the wall, the longest codes and answers, every note and error a
resident or staff member can meet, a choice made, the idle warning over a half-filled form.

A state is a name and a function that puts the running kiosk into it, through what a resident
does (taps) where that is cheap, else through the screen's own public methods.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import timedelta

from kiosk.domain.lookup import Answer
from kiosk.domain.pin_lock import MAX_WRONG
from kiosk.domain.rating import Rating
from kiosk.domain.ticket_code import PROVISIONAL_FIRST, make_code
from kiosk.domain.tickets import TicketStatus
from kiosk.receipt.status import PrintResult
from kiosk.store.remote import RemoteRequest
from kiosk.ui.app import SCREENS
from kiosk.ui.screens.echo_wall import EchoWallScreen
from kiosk.ui.screens.feedback_done import FeedbackDoneScreen
from kiosk.ui.screens.lookup_result import LookupResultScreen
from kiosk.ui.screenshot import prepare_screen, sample_answer
from kiosk.ui.widgets import ENTER, Pager
from tests.fixtures.residents import button_on
from tests.ui.helpers import ARTICLE_DAY, Kiosk

State = tuple[str, Callable[[Kiosk], None]]

# A staff answer as long as the longest the centre has seen in a year of the sample community.
LONG_ANSWER = (
    "经现场查看，3号楼东侧充电桩的充电模块因雨水进入而损坏，物业公司已联系厂家于12月5日上门"
    "更换模块并加装防雨罩；同时检查了小区其余8个充电桩，均运行正常。如再遇到不能充电的情况，"
    "请拨打物业值班电话或到党群服务中心登记，我们会在当天安排人员处理。"
)
# The same answer as staff write it in Uyghur: longer than the Chinese, and right to left.
LONG_UG_ANSWER = (
    "نەق مەيداندا تەكشۈرۈلگەندىن كېيىن، 3-بىنانىڭ شەرق تەرىپىدىكى توك قاچىلاش ئۈسكۈنىسىنىڭ "
    "مودۇلى يامغۇر سۈيى كىرىپ بۇزۇلغانلىقى ئېنىقلاندى. مۈلۈك شىركىتى زاۋۇت بىلەن ئالاقىلىشىپ، "
    "مودۇلنى ئالماشتۇردى ۋە يامغۇردىن ساقلاش يېپىقى ئورناتتى. يەنە توك قاچىلىيالمىسا، مۈلۈك "
    "شىركىتىگە تېلېفون قىلىڭ ياكى مەھەللە ئىشخانىسىغا كېلىپ خاتىرىلىتىڭ."
)


def _base(screen: str) -> Callable[[Kiosk], None]:
    def enter(kiosk: Kiosk) -> None:
        prepare_screen(kiosk.app, kiosk.app.services, screen)
        kiosk.app.go(screen)

    return enter


def _bigger(screen: str) -> Callable[[Kiosk], None]:
    """`screen` after the resident turned on bigger text on the home screen."""

    def enter(kiosk: Kiosk) -> None:
        kiosk.app.toggle_bigger_text()
        _base(screen)(kiosk)

    return enter


def _pages(screen: str) -> Callable[[Kiosk], None]:
    """The screen's last page, as a resident who pressed Next until it stopped sees it."""

    def enter(kiosk: Kiosk) -> None:
        _base(screen)(kiosk)
        pager = next(w for w in kiosk.screen(screen).walk() if isinstance(w, Pager))
        for _ in range(20):
            kiosk.driver.frames(2)
            if not pager.has_next:
                return
            pager.dispatch("on_next")

    return enter


def _notice_open(kiosk: Kiosk) -> None:
    _base("notices")(kiosk)
    notices = kiosk.screen("notices")
    notices.open_notice(notices.visible()[0])


def _config_errors(kiosk: Kiosk) -> None:
    kiosk.app.go_home()
    kiosk.app.config_errors = ["kiosk.yaml line 12: 'open' is not a time"]


def _phone_empty(kiosk: Kiosk) -> None:
    _base("feedback_phone")(kiosk)
    for _ in range(12):
        kiosk.screen("feedback_phone").ids["pad"].dispatch("on_key", "delete")


def _done(code: str | None) -> Callable[[Kiosk], None]:
    def enter(kiosk: Kiosk) -> None:
        services = kiosk.app.services
        ticket = services.desk.sample_ticket()
        if code is not None:
            ticket = dataclasses.replace(ticket, code=code)
        done = kiosk.screen("feedback_done")
        assert isinstance(done, FeedbackDoneScreen)
        done.show(ticket)
        kiosk.app.go("feedback_done")
        assert kiosk.wait_for(lambda: done.result is not None), "the receipt's outcome"

    return enter


def _lookup_typed(digits: str) -> Callable[[Kiosk], None]:
    """The look-up pad after typing `digits` and pressing 查询: each note it can show."""

    def enter(kiosk: Kiosk) -> None:
        kiosk.app.go("lookup")
        screen = kiosk.screen("lookup")
        screen.reset()
        for digit in digits:
            screen.key(digit)
        screen.key(ENTER)
        kiosk.wait_for(lambda: "…" not in screen.note and "..." not in screen.note, seconds=10)

    return enter


def _answer(change: Callable[[Answer], Answer]) -> Callable[[Kiosk], None]:
    def enter(kiosk: Kiosk) -> None:
        result = kiosk.screen("lookup_result")
        assert isinstance(result, LookupResultScreen)
        result.answer = change(sample_answer(kiosk.app.services))
        kiosk.app.go("lookup_result")

    return enter


def _in_uyghur_only(answer: Answer) -> Answer:
    """Staff answered in Uyghur only: the Chinese screen shows it with the note, right to left."""
    return dataclasses.replace(answer, answer="", answers={"ug": LONG_UG_ANSWER})


def _in_both(answer: Answer) -> Answer:
    return dataclasses.replace(
        answer,
        answers={"zh": LONG_ANSWER, "ug": LONG_UG_ANSWER},
        summaries={"zh": "充电桩不能充电"},
    )


def _not_solved(answer: Answer) -> Answer:
    return dataclasses.replace(answer, status=TicketStatus.OPEN, solved=None, answer="")


def a_year_of_the_wall() -> list[RemoteRequest]:
    """Two tickets a week for a year, most solved on time, a few late, one still open a week."""
    feed = []
    day = timedelta(days=1)
    for n in range(104):
        requested = ARTICLE_DAY - (n * 3.5 + 1) * day
        closed = None if n % 7 == 0 else (n % 5 + 1) * day
        feed.append(
            RemoteRequest(
                code=make_code(7, n + 1),
                status=TicketStatus.CLOSED if closed else TicketStatus.OPEN,
                service_code="property-repair" if n % 2 else "sanitation",
                service_name="物业维修" if n % 2 else "环境卫生",
                description="充电桩不能充电" if n % 2 else "垃圾没有及时清运",
                requested=requested,
                updated=requested + (closed or timedelta(0)),
                closed=requested + closed if closed else None,
                expected=requested + 3 * day,
                status_notes=LONG_ANSWER if n % 11 == 1 else ("已修好" if closed else ""),
                rating=Rating.SATISFIED if n % 3 else Rating.SO_SO,
            )
        )
    return feed


def an_answer_in_uyghur() -> list[RemoteRequest]:
    """The newest solved ticket answered in Uyghur (an older centre's one text), its summary in
    Chinese: each screen shows one of them with the note, laid out in its own language."""
    requested = ARTICLE_DAY - timedelta(hours=2)
    return [
        RemoteRequest(
            code=make_code(7, 500),
            status=TicketStatus.CLOSED,
            service_code="property-repair",
            service_name="物业维修",
            description="充电桩不能充电",
            requested=requested,
            updated=requested + timedelta(hours=1),
            closed=requested + timedelta(hours=1),
            expected=requested + timedelta(days=3),
            status_notes=LONG_UG_ANSWER,
        )
    ]


def _wall(
    kind: str, feed: Callable[[], list[RemoteRequest]] = a_year_of_the_wall
) -> Callable[[Kiosk], None]:
    def enter(kiosk: Kiosk) -> None:
        kiosk.app.services.remote.apply_requests(feed(), cursor="c", etag=None)
        kiosk.app.go("echo_wall")
        wall = kiosk.screen("echo_wall")
        assert isinstance(wall, EchoWallScreen)
        for _ in range(4):
            wall.refresh()
            kiosk.driver.frames(2)
            if wall.kind == kind:
                return
            next(w for w in wall.walk() if isinstance(w, Pager)).dispatch("on_next")
        raise AssertionError(f"the wall never showed {kind}")

    return enter


def _at(hour: int, minute: int, screen: str, *, days: int = 0) -> Callable[[Kiosk], None]:
    """`screen` at another time: the Red Post closed at night, the activities of an evening."""

    def enter(kiosk: Kiosk) -> None:
        day = ARTICLE_DAY + timedelta(days=days)
        kiosk.wall_clock.now = day.replace(hour=hour, minute=minute)
        _base(screen)(kiosk)
        kiosk.screen(screen).refresh()

    return enter


def _printed(result: PrintResult) -> Callable[[Kiosk], None]:
    def enter(kiosk: Kiosk) -> None:
        _done(None)(kiosk)
        done = kiosk.screen("feedback_done")
        assert isinstance(done, FeedbackDoneScreen)
        done.result = result
        done.refresh()

    return enter


def _pin_locked(kiosk: Kiosk) -> None:
    for _ in range(MAX_WRONG):
        _pin_wrong(kiosk)


def _pin_wrong(kiosk: Kiosk) -> None:
    kiosk.app.go("staff_pin")
    pin = kiosk.screen("staff_pin")
    for digit in "0000":
        pin.key(digit)
    pin.key(ENTER)
    kiosk.wait_for(lambda: bool(pin.note) and "…" not in pin.note, seconds=10)


def _idle_warning(kiosk: Kiosk) -> None:
    _base("feedback_what")(kiosk)
    kiosk.driver.tap(button_on(kiosk, "feedback_what", 1))
    assert kiosk.app.idle is not None
    kiosk.clock.advance(kiosk.app.kiosk_config.idle.timeout_seconds + 1)
    kiosk.app.idle.tick()
    kiosk.driver.frames(2)
    assert kiosk.app.idle_warning_open, "the idle warning"


def states() -> list[tuple[str, str, Callable[[Kiosk], None]]]:
    """(screen, state, enter) for every screen and every state the audit draws."""
    extra: dict[str, list[State]] = {
        "home": [("config errors", _config_errors)],
        "notices": [("last page", _pages("notices")), ("a notice open", _notice_open)],
        "activities": [
            ("last day", _pages("activities")),
            ("an evening", _at(19, 45, "activities")),
        ],
        "feedback_what": [("idle warning", _idle_warning)],
        "feedback_phone": [("nothing typed", _phone_empty)],
        "red_post": [
            ("closed at night", _at(22, 30, "red_post")),
            ("a Saturday morning", _at(8, 0, "red_post", days=3)),
        ],
        "feedback_done": [
            ("receipt outcome", _done(None)),
            ("12-digit code", _done(make_code(1, PROVISIONAL_FIRST + 4_321_987))),
            ("printed", _printed(PrintResult(printed=True))),
            ("printer failed", _printed(PrintResult(printed=False, reason="paper out"))),
        ],
        "echo_wall": [
            ("a year: figures", _wall("figures")),
            ("a year: chart", _wall("chart")),
            ("a year: solved", _wall("items")),
            ("answered in Uyghur", _wall("items", an_answer_in_uyghur)),
        ],
        "lookup": [
            ("too short", _lookup_typed("123")),
            ("mistyped", _lookup_typed("001000019")),
            ("centre unreachable", _lookup_typed(make_code(1, 99))),
        ],
        "lookup_result": [
            ("long answer", _answer(lambda a: dataclasses.replace(a, answer=LONG_ANSWER))),
            ("not solved yet", _answer(_not_solved)),
            ("answered in Uyghur only", _answer(_in_uyghur_only)),
            ("answered in both", _answer(_in_both)),
        ],
        "staff_pin": [("wrong PIN", _pin_wrong), ("locked", _pin_locked)],
    }
    found = []
    for screen in SCREENS:
        found.append((screen, "sample", _base(screen)))
        found += [(screen, name, enter) for name, enter in extra.get(screen, [])]
        found.append((screen, "bigger text", _bigger(screen)))
    return found
