"""The baseline every field test ends on: the kiosk, started as systemd starts it, draws."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.field.kiosk_process import start_kiosk_window
from tests.fixtures.central_server import REPO


def test_the_sample_config_reaches_its_first_frame_and_keeps_running(tmp_path: Path):
    config = tmp_path / "kiosk.yaml"
    shutil.copy(REPO / "config" / "kiosk.yaml", config)
    started = start_kiosk_window(config, tmp_path / "data")
    assert started.ready, started.log
    assert started.exit_code is None, started.log
    assert "Traceback" not in started.log, started.log
