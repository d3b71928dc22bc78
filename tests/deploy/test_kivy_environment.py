"""What the kiosk unit and /etc/echo-kiosk/kiosk.env give Kivy, checked in a fresh Kivy process
(Kivy reads its settings once, at first import): the rotation arrives, and touches come from
exactly one provider even though Kivy's own default config adds a second."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.deploy.tools import REPO, install

PROBE = """
import json, sys
from pathlib import Path
from kiosk.ui.env import WindowMode, prepare_kivy
prepare_kivy(WindowMode(width=800, height=480), kivy_home=Path(sys.argv[1]))
from kivy.config import Config
from kivy.logger import Logger
Logger.info("probe: a line that must not land in a file")
print(json.dumps({"rotation": Config.get("graphics", "rotation"),
                  "input": Config.options("input")}))
"""


def _env_file(path: Path) -> dict[str, str]:
    lines = [line for line in path.read_text().splitlines() if "=" in line]
    return dict(line.split("=", 1) for line in lines if not line.startswith("#"))


def test_the_installed_rotation_reaches_kivy_and_only_one_touch_provider_remains(tmp_path: Path):
    root = tmp_path / "root"
    root.mkdir()
    install(root, "--rotation", "90")
    kivy_home = tmp_path / "kivy"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("KCFG_")},
        **_env_file(root / "etc" / "echo-kiosk" / "kiosk.env"),
        "KIVY_NO_ARGS": "1",
        "PYTHONPATH": str(REPO),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(kivy_home)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"rotation": "90", "input": ["mouse"]}
    # Kivy's own config file still lists its default second provider: the kiosk drops it.
    assert "probesysfs" in (kivy_home / "config.ini").read_text()
    # Logs go to stderr (the journal), never to files of Kivy's own on the SD card.
    assert not (kivy_home / "logs").exists()
