"""A full SD card (issue 14, defect 5): what waits still leaves exactly once, the kiosk still
draws and tells staff, a new report is refused in one plain line, and freeing space recovers.

The data folder is a small tmpfs (or, where tmpfs may not be mounted, a loop-mounted ext4 file),
filled to its last byte by a filler file, as a log or a photo dump would fill a real card.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kiosk.wire.device import device_id
from tests.field.kiosk_process import run_kiosk_command, start_kiosk_window
from tests.fixtures.central_server import REPO, CentralServer
from tests.fixtures.small_disk import fill, free_space


@dataclass(frozen=True)
class Kiosk:
    config: Path
    data: Path
    env: dict[str, str]
    device: str

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        where = ("--config", str(self.config), "--data-dir", str(self.data))
        return run_kiosk_command(*args, *where, env=self.env)

    def add(self, text: str) -> subprocess.CompletedProcess[str]:
        return self.run("feedback", "add", "--category", "sanitation", "--text", text)


def make_kiosk(number: int, central: CentralServer, tmp_path: Path, disk: Path) -> Kiosk:
    text = (REPO / "config" / "kiosk.yaml").read_text(encoding="utf-8")
    text = text.replace("kiosk_number: 1 ", f"kiosk_number: {number} ", 1)
    text = text.replace("url: http://127.0.0.1:8311/", f"url: {central.url}", 1)
    config = tmp_path / "kiosk.yaml"  # the config lives off the card, as /etc does
    config.write_text(text, encoding="utf-8")
    env = {"ECHO_KIOSK_API_KEY": central.add_kiosk(number)}
    return Kiosk(config, disk / "data", env, device_id(number))


def _leftovers(data: Path) -> list[str]:
    return [p.name for p in data.rglob("*") if p.suffix == ".tmp"]


def test_a_full_disk_sends_every_waiting_ticket_once_and_the_kiosk_still_draws(
    central: CentralServer, tmp_path: Path, small_disk: Path
) -> None:
    kiosk = make_kiosk(501, central, tmp_path, small_disk)
    codes = []
    for n in range(3):
        added = kiosk.add(f"bins not emptied, report {n}")
        assert added.returncode == 0, added.stderr
        codes.append(added.stdout.strip())
    fill(small_disk)

    synced = kiosk.run("sync", "--once")
    again = kiosk.run("sync", "--once")
    started = start_kiosk_window(kiosk.config, kiosk.data, env=kiosk.env)

    assert synced.returncode == 0, synced.stderr
    assert "Traceback" not in synced.stderr, synced.stderr
    assert again.returncode == 0, again.stderr
    assert central.tickets(kiosk.device) == {code: 1 for code in codes}
    assert started.ready, started.log
    assert started.exit_code is None, started.log
    assert "Traceback" not in started.log, started.log
    assert "Storage full" in started.log, started.log
    assert _leftovers(kiosk.data) == []


def test_a_full_disk_refuses_a_new_report_in_one_line_and_recovers_when_freed(
    central: CentralServer, tmp_path: Path, small_disk: Path
) -> None:
    kiosk = make_kiosk(502, central, tmp_path, small_disk)
    first = kiosk.add("the stairwell light is out")
    assert first.returncode == 0, first.stderr
    fill(small_disk)
    kiosk.run("sync", "--once")  # spends the reserve on what waited
    fill(small_disk)  # and the card fills up again

    refused = kiosk.add("a report the kiosk cannot keep")

    assert refused.returncode != 0
    assert refused.stdout == ""  # no ticket code: nothing is promised
    last = refused.stderr.strip().splitlines()[-1]
    assert last.startswith("kiosk: Storage full"), refused.stderr
    assert "Traceback" not in refused.stderr, refused.stderr
    assert _leftovers(kiosk.data) == []

    free_space(small_disk)
    stored = kiosk.add("the stairwell light is still out")
    synced = kiosk.run("sync", "--once")

    assert stored.returncode == 0, stored.stderr
    assert synced.returncode == 0, synced.stderr
    assert central.tickets(kiosk.device) == {first.stdout.strip(): 1, stored.stdout.strip(): 1}
    assert (kiosk.data / "space-reserve").is_file()  # set aside again for the next time
    assert shutil.disk_usage(small_disk).free > 0
