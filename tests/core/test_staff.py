"""The staff panel's facts and its test print, gathered from real parts without a window."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.cli.compose import compose
from kiosk.core.release import kiosk_version
from kiosk.core.services import Services
from kiosk.core.staff import (
    age_text,
    detail_lines,
    facts_lines,
    gather,
    print_test_receipt,
    reload_config,
    retry_rejected,
    size_text,
)
from kiosk.domain.feedback_form import FeedbackForm
from kiosk.speech import SilentSpeaker
from kiosk.store.outbox import Outbox
from tests.fixtures.small_disk import fill, small_disk_at

SAMPLE = Path(__file__).resolve().parents[2] / "config" / "kiosk.yaml"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def wiring(tmp_path: Path, data_dir: Path) -> Iterator[Services]:
    config = tmp_path / "kiosk.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    receipt = tmp_path / "receipt.bin"
    start, end = text.index("printer:\n"), text.index("\ncentral:")
    text = text[:start] + f"printer:\n  type: file\n  file: {{path: {receipt}}}\n" + text[end:]
    config.write_text(text, encoding="utf-8")
    wired = compose(config_path=config, data_dir=data_dir, speaker=SilentSpeaker("test voice off"))
    yield wired
    wired.sync.close()
    wired.book.close()


def _rejected_ticket(wiring: Services) -> str:
    form = FeedbackForm()
    form.choose_category(wiring.config().content.categories[0].code)
    form.toggle_phrase(0)
    ticket = wiring.desk.submit(form.to_draft())
    outbox = Outbox.open(wiring.data_dir / "tickets.sqlite3")
    try:
        [item] = outbox.due(wiring.now() + timedelta(minutes=1), 10)
        outbox.mark_rejected(item.id, "service_code unknown (400)")
    finally:
        outbox.close()
    return ticket.code


def test_the_facts_name_a_rejected_item_with_the_centres_reason(wiring: Services) -> None:
    code = _rejected_ticket(wiring)
    facts = gather(wiring)
    [item] = facts.rejected
    assert (item.ticket_code, item.kind, item.reason) == (
        code,
        "request",
        "service_code unknown (400)",
    )
    assert facts.sync.rejected == 1
    assert facts.sync.waiting == 0
    assert facts.printer_type == "file"
    assert facts.printer is None, "nothing printed yet"
    assert facts.config_errors == ()
    assert facts.speech.status == "off"
    assert facts.version not in ("", "unknown")
    assert 0 < facts.disk_free <= facts.disk_total
    text = "\n".join(facts_lines(facts, "zh"))
    assert f"{code}（反映）" in text
    assert "service_code" not in text, "the centre's English goes to the journal"
    assert "被中心拒收 1 条" in text
    assert "设置文件：正常" in text
    assert "语音：关闭" in text
    assert "test voice off" not in text
    details = "\n".join(detail_lines(facts))
    assert f"rejected {code} (request): service_code unknown (400)" in details
    assert "speech: off: test voice off" in details
    assert "ئاۋاز: تاقاق" in "\n".join(facts_lines(facts, "ug"))


def test_retrying_sends_a_rejected_item_again(wiring: Services) -> None:
    _rejected_ticket(wiring)
    assert retry_rejected(wiring) == 1
    assert gather(wiring).rejected == ()
    assert gather(wiring).sync.rejected == 0


def test_a_bad_config_file_shows_its_errors_after_reload(wiring: Services) -> None:
    path = wiring.live.path
    path.write_text(path.read_text("utf-8").replace("  timezone:", "  timezon:"), "utf-8")
    errors = reload_config(wiring)
    assert any("timezone" in str(e) for e in errors)
    assert wiring.config().content.community.timezone == "Asia/Shanghai", "still the good one"


def test_the_test_receipt_is_printed_and_not_stored(wiring: Services, tmp_path: Path) -> None:
    result = print_test_receipt(wiring, "zh")
    assert result.printed, result.reason
    assert (tmp_path / "receipt.bin").stat().st_size > 1000
    assert wiring.book.recent(10) == []
    assert gather(wiring).printer is not None


def test_ages_and_sizes_read_short() -> None:
    assert age_text(None, "zh") == "-"
    assert age_text(timedelta(minutes=7), "zh") == "7分钟"
    assert age_text(timedelta(hours=5, minutes=12), "zh") == "5小时12分"
    assert age_text(timedelta(days=3, hours=4), "zh") == "3天4小时"
    assert age_text(timedelta(days=3, hours=4), "ug") == "3 كۈن 4 سائەت"
    assert size_text(3 * (1 << 30) // 2) == "1.5 GB"
    assert size_text(5 << 20) == "5.0 MB"
    assert size_text(2048) == "2 KB"


class TestOnAFullCard:
    @pytest.fixture
    def data_dir(self, tmp_path: Path) -> Iterator[Path]:
        with small_disk_at(tmp_path) as disk:
            yield disk / "data"

    def test_a_full_card_says_storage_full_beside_the_free_space(
        self, wiring: Services, data_dir: Path
    ) -> None:
        assert not gather(wiring).storage_full  # 4 MiB with the reserve set aside: room
        assert not any("存储已满" in line for line in facts_lines(gather(wiring), "zh"))
        fill(data_dir.parent)

        facts = gather(wiring)

        assert facts.storage_full
        for lang, words in (("zh", "存储已满"), ("ug", "ساقلاش ئورنى تولدى")):
            lines = facts_lines(facts, lang)
            at = next(i for i, line in enumerate(lines) if words in line)
            assert size_text(facts.disk_free) in lines[at - 1]  # right under the free space


def test_the_panel_warns_that_phones_cannot_open_the_samples_qr_address(
    wiring: Services,
) -> None:
    facts = gather(wiring)
    assert facts.public_url_problem == "local"  # the sample's 127.0.0.1
    zh = [line for line in facts_lines(facts, "zh") if "central.public_url" in line]
    ug = [line for line in facts_lines(facts, "ug") if "central.public_url" in line]
    assert len(zh) == 1
    assert "居民手机打不开" in zh[0]
    assert "设置文件" in zh[0]  # where to change it
    assert len(ug) == 1
    assert "تېلېفونى ئاچالمايدۇ" in ug[0]


@pytest.mark.parametrize(
    ("public_url", "words"),
    [
        ("  public_url: https://echo.ruoqiang.example.cn/\n", None),
        ("", "二维码地址没有设置"),
        ("  public_url: echo.ruoqiang.example.cn\n", "不是以 http:// 或 https:// 开头的网址"),
    ],
    ids=["public", "missing", "not-web"],
)
def test_the_panel_warns_only_when_the_qr_address_will_not_open(
    tmp_path: Path, public_url: str, words: str | None
) -> None:
    config = tmp_path / "kiosk.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    config.write_text(text.replace("  public_url: http://127.0.0.1:8311/\n", public_url), "utf-8")
    wired = compose(config_path=config, data_dir=tmp_path / "data", speaker=SilentSpeaker("off"))
    try:
        assert wired.live.errors == []
        lines = [line for line in facts_lines(gather(wired), "zh") if "public_url" in line]
    finally:
        wired.sync.close()
        wired.book.close()
    if words is None:
        assert lines == []
    else:
        assert len(lines) == 1
        assert words in lines[0]


def test_the_panel_shows_which_release_runs(
    wiring: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = tmp_path / "opt" / "releases" / "20261206-071500"
    release.mkdir(parents=True)
    (release / "RELEASE").write_text("20261206-071500\n", encoding="utf-8")
    (tmp_path / "opt" / "current").symlink_to(release)
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "opt" / "current"))
    kiosk_version.cache_clear()
    try:
        facts = gather(wiring)
    finally:
        kiosk_version.cache_clear()
    assert facts.version.endswith(" (20261206-071500)")
    assert "20261206-071500" in "\n".join(facts_lines(facts, "zh"))
