"""Content for the whole fleet (issue 19), end to end: the real central server on loopback, two
kiosks' cards each run by the real `kiosk` command in its own process, and staff publishing with
`kiosk central content publish`. What a kiosk shows is read the way it starts: its own file and
data folder, through LiveConfig."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from kiosk.central import accounts, db, heartbeats
from kiosk.config.live import LiveConfig
from tests.field.kiosk_card import Card, card, closed_url, key_for
from tests.field.kiosk_process import run_kiosk_command
from tests.fixtures.central_server import CentralServer, running_central
from tests.fixtures.content_files import png, sample_content, with_notice, write_content
from tests.fixtures.staff_pages import csrf_of

HALL, GATE = 21, 22  # the hall's kiosk (a Pi 4) and the gate's (a Pi 3: pictures up to 2048)


@pytest.fixture
def centre(tmp_path: Path) -> Iterator[CentralServer]:
    """A centre of the test's own: what it publishes reaches no other test's kiosks."""
    with running_central(tmp_path / "centre") as server:
        yield server


def _kiosks_page(centre: CentralServer) -> str:
    """The staff page's kiosk list, logged in as a staff member would in a browser."""
    accounts.add_staff(centre.engine, "阿依古丽", "hui-yin-bi-2024", now=datetime.now(UTC))
    with requests.Session() as browser:
        page = browser.get(centre.url + "staff/login", timeout=(2, 20))
        data = {"name": "阿依古丽", "password": "hui-yin-bi-2024", "csrf_token": csrf_of(page.text)}
        assert browser.post(centre.url + "staff/login", data=data, timeout=(2, 20)).ok
        return browser.get(centre.url + "staff/kiosks", timeout=(2, 20)).text


def _cards(centre: CentralServer, folder: Path) -> tuple[Card, Card]:
    hall = card(folder / "hall", HALL, key_for(centre, folder, HALL), centre.url)
    gate = card(folder / "gate", GATE, key_for(centre, folder, GATE), centre.url)
    text = gate.config.read_text(encoding="utf-8")
    head, tail = text.split("\ndisplay:", 1)
    first, rest = tail.split("\n", 1)
    gate.config.write_text(f"{head}\ndisplay:{first}\n  max_picture_px: 2048\n{rest}", "utf-8")
    return hall, gate


def _publish(centre: CentralServer, *args: str | Path) -> tuple[int, str, str]:
    done = run_kiosk_command(
        "central", "content", "publish", *args, "--db", centre.db_url, "--by", "阿依古丽"
    )
    return done.returncode, done.stdout, done.stderr


def _shown(kiosk: Card) -> str:
    """The first notice's title as the kiosk, started now, would show it."""
    live = LiveConfig.open(kiosk.config, data_dir=kiosk.data_dir)
    return live.current.content.notices[0].title.get("zh")


def _beat(centre: CentralServer, number: int) -> tuple[int | None, int | None, str]:
    with db.reading(centre.engine) as conn:
        kiosk_id = conn.execute(
            db.kiosks.select()
            .with_only_columns(db.kiosks.c.id)
            .where(db.kiosks.c.device_id == f"{number:03d}")
        ).scalar_one()
        beat = heartbeats.latest(conn)[kiosk_id]
    return beat.content_version, beat.content_refused, beat.content_problem


def _sync(kiosk: Card) -> str:
    done = kiosk.sync()
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_published_file_reaches_both_kiosks_in_one_round_and_staff_see_it(
    centre: CentralServer, tmp_path: Path
) -> None:
    hall, gate = _cards(centre, tmp_path)
    own = _shown(hall)

    first = write_content(tmp_path / "office", with_notice(sample_content(), "water", "周五停水"))
    code, out, err = _publish(centre, first)
    assert code == 0, err
    assert "published to every kiosk" in out
    for kiosk in (hall, gate):
        assert "content: version" in _sync(kiosk)
        assert _shown(kiosk) == "周五停水"
    version = _beat(centre, HALL)[0]
    assert version is not None
    assert _beat(centre, GATE) == (version, None, "")

    # a broken edit is refused at the centre with its line, and nothing changes anywhere
    broken = first.read_text(encoding="utf-8").replace("deadline_days: 3", "deadline_days: soon", 1)
    bad = write_content(tmp_path / "office-bad", broken)
    code, _, err = _publish(centre, bad)
    line = broken.splitlines().index(next(x for x in broken.splitlines() if "soon" in x)) + 1
    assert code == 1
    assert f"{bad}:{line}:" in err
    assert "nothing was published" in err
    _sync(hall)
    assert _shown(hall) == "周五停水"
    assert _beat(centre, HALL)[0] == version

    # rolled back to what the kiosks showed before: the file's own content
    assert own != "周五停水"
    second = write_content(tmp_path / "office2", with_notice(sample_content(), "heat", "供暖开始"))
    assert _publish(centre, second)[0] == 0
    _sync(hall)
    assert _shown(hall) == "供暖开始"
    code, out, err = _publish(centre, "--again", str(version))
    assert code == 0, err
    _sync(hall)
    assert _shown(hall) == "周五停水"
    assert _beat(centre, HALL)[0] == version


def test_a_picture_one_kiosk_cannot_show_leaves_it_on_its_last_good_version(
    centre: CentralServer, tmp_path: Path
) -> None:
    hall, gate = _cards(centre, tmp_path)
    good = write_content(tmp_path / "a", with_notice(sample_content(), "small", "小海报"))
    assert _publish(centre, good)[0] == 0
    for kiosk in (hall, gate):
        _sync(kiosk)
    text = with_notice(sample_content(), "big", "大海报", image="poster.png")
    wide = write_content(tmp_path / "b", text, {"poster.png": png(3000, 400)})
    assert _publish(centre, wide)[0] == 0

    assert _sync(hall)
    assert _shown(hall) == "大海报"
    done = gate.sync()
    assert "not used: poster.png is 3000x400 pixels" in done.stderr
    assert _shown(gate) == "小海报"
    running, refused, problem = _beat(centre, GATE)
    assert running is not None
    assert refused == running + 1
    assert "max_picture_px" in problem

    # and the staff page says so, next to the version the gate still runs
    page = _kiosks_page(centre)
    row = page.split(f'id="kiosk-{GATE:03d}"', 1)[1].split("</tr>", 1)[0]
    assert f"版本 {running}" in row
    assert f"第 {refused} 版用不了：poster.png is 3000x400 pixels" in row
    assert f"用不了内容第 {refused} 版" in row  # counted among the kiosks to see to
    hall_row = page.split(f'id="kiosk-{HALL:03d}"', 1)[1].split("</tr>", 1)[0]
    assert f"版本 {refused}" in hall_row
    assert "用不了" not in hall_row


def test_a_kiosk_offline_during_the_publish_takes_it_when_it_is_back(
    centre: CentralServer, tmp_path: Path
) -> None:
    hall, _gate = _cards(centre, tmp_path)
    hall.point_at(closed_url())
    path = write_content(tmp_path / "c", with_notice(sample_content(), "late", "迟到的通知"))
    assert _publish(centre, path)[0] == 0
    assert hall.sync().returncode != 0
    assert _shown(hall) != "迟到的通知"
    hall.point_at(centre.url)
    _sync(hall)
    assert _shown(hall) == "迟到的通知"
