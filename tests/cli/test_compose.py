"""What a kiosk's start imports before its first frame (issue 18, benchmark 1): on the config it
ran on before, the kiosk is composed without PyYAML, pydantic, importlib.metadata, the email
package or requests; each comes when something first needs it (an edited file, the first
heartbeat, a Retry-After date, the sync thread's first request). The back office (the sync
worker, the desk, the centre's answers, the look-up) is made, and its modules imported, when it
is first used: the kiosk uses it once its first frame is on the window."""

from __future__ import annotations

from pathlib import Path

from tests.fixtures.fresh_python import output_lines

LATE = ("yaml", "pydantic", "importlib.metadata", "email.utils", "requests")
OFFICE = (
    "kiosk.core.desk",
    "kiosk.core.lookup",
    "kiosk.store.remote",
    "kiosk.store.ticket_book",
    "kiosk.sync",
)
START = f"""
import sys
from pathlib import Path
import kiosk.cli.main  # `kiosk run` starts here
from kiosk.cli.compose import compose
from kiosk.config.paths import REPO_CONFIG
services = compose(config_path=REPO_CONFIG, data_dir=Path(sys.argv[1]), lockdown=True)
print("imported:", *sorted(name for name in {LATE!r} if name in sys.modules))
print("office:", services.office.made, *sorted(name for name in {OFFICE!r} if name in sys.modules))
services.desk
print("office:", services.office.made, *sorted(name for name in {OFFICE!r} if name in sys.modules))
"""


def _start(data: Path) -> list[str]:
    line = output_lines(START, data)[-3]
    assert line.startswith("imported:"), line
    return line.split()[1:]


def test_a_start_on_the_config_it_ran_on_imports_none_of_the_late_packages(tmp_path: Path):
    first = _start(tmp_path)
    again = _start(tmp_path)
    assert "yaml" in first, "the first start reads the file"
    assert again == []


def test_the_back_office_is_imported_and_made_when_first_used_not_at_composition(
    tmp_path: Path,
):
    composed, used = output_lines(START, tmp_path)[-2:]
    assert composed == "office: False"
    assert used == "office: True " + " ".join(sorted(OFFICE))
