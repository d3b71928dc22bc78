"""Staff edit the YAML while the kiosk runs: a good edit shows within 5 s, a bad one changes nothing
on screen but a small marker."""

from __future__ import annotations

from tests.ui.helpers import Kiosk


def test_a_good_edit_shows_on_screen_without_a_restart(kiosk: Kiosk):
    home = kiosk.screen("home")
    assert home.community_name == "胜利社区"
    text = kiosk.config_path.read_text(encoding="utf-8")
    kiosk.config_path.write_text(text.replace("{zh: 胜利社区,", "{zh: 胜利社区服务中心,"), "utf-8")
    assert kiosk.wait_for(lambda: home.community_name == "胜利社区服务中心")
    assert home.config_marker == ""


def test_a_bad_edit_keeps_the_last_good_config_and_shows_a_staff_marker(kiosk: Kiosk):
    home = kiosk.screen("home")
    text = kiosk.config_path.read_text(encoding="utf-8")
    broken = text.replace("  timezone: Asia/Shanghai", "  timezon: Asia/Shanghai").replace(
        "{zh: 胜利社区,", "{zh: 别的社区,"
    )
    kiosk.config_path.write_text(broken, "utf-8")
    assert kiosk.wait_for(lambda: bool(kiosk.app.config_errors))
    assert any("did you mean 'timezone'" in e for e in kiosk.app.config_errors)
    kiosk.driver.frames(2)
    assert home.community_name == "胜利社区", "the residents still see the last good config"
    assert home.config_marker == "设置有误，请工作人员查看"

    kiosk.config_path.write_text(text, "utf-8")  # staff fix it
    assert kiosk.wait_for(lambda: not kiosk.app.config_errors)
    assert home.config_marker == ""
