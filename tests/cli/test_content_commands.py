"""The content commands staff and IT run (issue 19): the content part of a kiosk's file, and the
centre's list of what was published."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.central import accounts, db
from kiosk.cli.main import main
from kiosk.config.content_split import content_text
from tests.fixtures.content_files import SAMPLE, sample_content, with_notice, write_content


def test_extract_content_prints_the_content_part_of_a_kiosks_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["extract-content", str(SAMPLE)]) == 0
    printed = capsys.readouterr().out
    assert printed == content_text(SAMPLE.read_text(encoding="utf-8"))
    assert "notices:" in printed
    assert "printer:" not in printed


def test_the_list_says_who_published_which_version_to_which_kiosks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    engine = db.open_engine(url)
    db.migrate(engine)
    accounts.add_kiosk(engine, 3, now=datetime.now(UTC))
    engine.dispose()
    path = write_content(tmp_path / "office", with_notice(sample_content(), "a", "通知"))
    assert main(["central", "content", "publish", str(path), "--db", url, "--by", "玛依努尔"]) == 0
    assert (
        main(
            [
                "central",
                "content",
                "publish",
                "--again",
                "1",
                "--kiosks",
                "3",
                "--db",
                url,
                "--by",
                "阿娜汗",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["central", "content", "list", "--db", url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert "version 1 (content.yaml)  to 003  by 阿娜汗" in lines[0]
    assert "version 1 (content.yaml)  to all kiosks  by 玛依努尔" in lines[1]
