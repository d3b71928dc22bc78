"""The sample config re-saved in every broken way a year brings: staff get a FILE:LINE line, the
kiosk keeps drawing on its last good copy, and nothing ever prints a traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.config.live import LAST_GOOD
from tests.field.kiosk_process import (
    kiosk_command,
    kiosk_window,
    run_kiosk_command,
    start_kiosk_window,
)
from tests.fixtures.central_server import REPO

SAMPLE = REPO / "config" / "kiosk.yaml"
TEXT = SAMPLE.read_text(encoding="utf-8")


def _nul(path: Path) -> None:
    path.write_bytes(TEXT.replace("community:", "commu\0nity:", 1).encode())


def _latin1_resave(path: Path) -> None:
    path.write_text(TEXT.encode().decode("latin-1"), encoding="utf-8")


def _huge(path: Path) -> None:
    path.write_text(TEXT + "# pasted by mistake\n" * 100_000, encoding="utf-8")  # 2 MiB


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _no_read_permission(path: Path) -> None:
    shutil.copy(SAMPLE, path)
    path.chmod(0)


BROKEN: dict[str, tuple[Callable[[Path], object], int]] = {
    "nul-byte": (_nul, 1),
    "latin1-resave": (_latin1_resave, 1),
    "gbk-bytes": (lambda p: p.write_bytes(TEXT.encode("gbk", errors="replace")), 1),
    "utf16-without-bom": (lambda p: p.write_bytes(TEXT.encode("utf-16-le")), 1),
    "lone-surrogate": (
        lambda p: p.write_text(TEXT.replace("{zh: 胜利社区,", '{zh: "胜利\\ud800",', 1)),
        1,
    ),
    "deep-nesting": (lambda p: p.write_text(TEXT + "x: " + "[" * 10_000 + "\n"), 1),
    "empty": (lambda p: p.write_bytes(b""), 1),
    "truncated": (lambda p: p.write_bytes(TEXT.encode()[: len(TEXT.encode()) // 3]), 1),
    "huge": (_huge, 2),
    "fifo": (_fifo, 2),
    "folder": (lambda p: p.mkdir(), 2),
    "missing": (lambda p: None, 2),
    "no-read-permission": (_no_read_permission, 2),
}


def _as_without_root_powers(env: dict[str, str] | None = None) -> list[str]:
    """Root reads any file; dropping the capability that allows it makes permissions real."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is needed to test a file root may not read")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}"]


def _line_message(path: Path, output: str) -> bool:
    return re.search(rf"^(kiosk: )?{re.escape(str(path))}:\d+(:\d+)?: \S", output, re.M) is not None


@pytest.mark.parametrize("breakage", list(BROKEN))
def test_check_config_names_the_file_and_line_of_every_broken_save(
    tmp_path: Path, breakage: str
) -> None:
    make, code = BROKEN[breakage]
    path = tmp_path / "kiosk.yaml"
    make(path)
    prefix = _as_without_root_powers() if breakage == "no-read-permission" else []
    done = subprocess.run(
        [*prefix, *kiosk_command("check-config", path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == code, output
    assert _line_message(path, done.stderr), output
    assert "Traceback" not in output, output


@pytest.mark.parametrize("breakage", ["utf8-bom", "utf16-bom"])
def test_check_config_accepts_a_byte_order_mark(tmp_path: Path, breakage: str) -> None:
    path = tmp_path / "kiosk.yaml"
    data = b"\xef\xbb\xbf" + TEXT.encode() if breakage == "utf8-bom" else TEXT.encode("utf-16")
    path.write_bytes(data)
    done = run_kiosk_command("check-config", path)
    assert done.returncode == 0, done.stdout + done.stderr


def _with_last_good(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(SAMPLE, data / LAST_GOOD)
    return data


@pytest.mark.parametrize("breakage", ["nul-byte", "latin1-resave", "huge", "fifo"])
def test_kiosk_run_on_a_broken_save_draws_on_the_last_good_copy(
    tmp_path: Path, breakage: str
) -> None:
    path = tmp_path / "kiosk.yaml"
    BROKEN[breakage][0](path)
    started = start_kiosk_window(path, _with_last_good(tmp_path))
    assert started.ready, started.log
    assert started.exit_code is None, started.log
    assert "Traceback" not in started.log, started.log
    assert "running on the last good copy" in started.log, started.log
    # what kiosk.ui logs when it puts up the home screen's "设置有误" marker for staff
    shown = re.search(rf"config not reloaded: {re.escape(str(path))}:\d+", started.log)
    assert shown is not None, started.log


@pytest.mark.parametrize("breakage", ["nul-byte", "fifo"])
def test_commands_run_on_the_last_good_copy_or_say_why_not_in_one_line(
    tmp_path: Path, breakage: str
) -> None:
    path = tmp_path / "kiosk.yaml"
    BROKEN[breakage][0](path)
    add = ("feedback", "add", "--category", "sanitation", "--text", "路灯不亮", "--config", path)
    alone = run_kiosk_command(*add, "--data-dir", tmp_path / "none")
    assert alone.returncode == BROKEN[breakage][1], alone.stderr
    assert _line_message(path, alone.stderr), alone.stderr
    assert "Traceback" not in alone.stderr, alone.stderr
    data = _with_last_good(tmp_path)
    copy = data / LAST_GOOD  # no central server here: a closed port, so sync only tries
    copy.write_text(TEXT.replace("127.0.0.1:8311", "127.0.0.1:9"), encoding="utf-8")
    for args in (add, ("sync", "--once", "--config", path)):
        done = run_kiosk_command(*args, "--data-dir", data)
        output = done.stdout + done.stderr
        assert "Traceback" not in output, output
        assert "running on the last good copy" in output, output
    assert done.returncode in (0, 1), output  # sync: 1 when the centre cannot be reached


def test_a_broken_live_edit_is_logged_once_and_the_kiosk_keeps_running(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.yaml"
    shutil.copy(SAMPLE, path)
    with kiosk_window(path, tmp_path / "data") as window:
        assert window.ready, window.log()
        wait_for = window.wait_for_log
        _nul(path)
        line = TEXT[: TEXT.index("community:")].count("\n") + 1
        error = f"{path}:{line}:6: a NUL character is here"
        wait_for(error)
        path.write_text(TEXT.replace("kiosk_number: 1", "kiosk_number: 7"), encoding="utf-8")
        log = wait_for("config reloaded from")
        assert window.process.poll() is None, log
    assert "Traceback" not in log, log
    assert log.count(error) == 1, log
    assert "config reloaded from" in log, log
