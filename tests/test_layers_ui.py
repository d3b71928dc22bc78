"""The UI's half of the layer contract (DESIGN.md §4): screens get Services and a Shell injected.

No module of kiosk/ui/ but the app itself, its runner and the test driver may call
`App.get_running_app()`: a screen or a widget that did would reach the app (and through it every
service) as a global again. In kv, `app` stays a binding source for what redraws a rule (the look
and the language); anything a tap does goes through `root.shell`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "kiosk" / "ui"
# The app is what get_running_app() returns; run.py starts it; the driver steers it in tests.
MAY_FIND_THE_APP = frozenset({"app.py", "run.py", "driver.py"})
# What kv rules may read from `app`: properties and texts that re-lay out a rule when they change.
# volume_level is per visit like speech_on: the home screen's volume button shows the step.
KV_APP_BINDINGS = frozenset({"theme", "lang", "rtl", "t", "languages", "speech_on", "volume_level"})
KV_APP_USE = re.compile(r"\bapp\.(\w+)")


def _where(path: Path, ui: Path, line: int) -> str:
    return f"{path.relative_to(ui.parent.parent)}:{line}"


def running_app_calls(ui: Path = UI) -> list[str]:
    """file:line of every `get_running_app` named in a UI module that must be handed the app."""
    found = []
    for path in sorted(ui.rglob("*.py")):
        if path.parent == ui and path.name in MAY_FIND_THE_APP:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Attribute):
                name = node.attr
            elif isinstance(node, ast.Name):
                name = node.id
            else:
                continue
            if name == "get_running_app":
                found.append(f"{_where(path, ui, node.lineno)}: calls get_running_app")
    return found


def kv_app_actions(ui: Path = UI) -> list[str]:
    """file:line of every `app.<name>` in a kv file that is not a binding source."""
    found = []
    for path in sorted(ui.rglob("*.kv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            for match in KV_APP_USE.finditer(code):
                if match.group(1) not in KV_APP_BINDINGS:
                    found.append(
                        f"{_where(path, ui, number)}: app.{match.group(1)} (use root.shell)"
                    )
            if "get_running_app" in code:
                found.append(f"{_where(path, ui, number)}: calls get_running_app")
    return found


def test_no_ui_module_but_the_app_finds_the_running_app() -> None:
    assert running_app_calls() == []


def test_kv_reads_the_app_only_as_a_binding_source() -> None:
    assert kv_app_actions() == []


def test_the_guards_name_file_and_line(tmp_path: Path) -> None:
    ui = tmp_path / "kiosk" / "ui"
    (ui / "screens").mkdir(parents=True)
    (ui / "app.py").write_text("from kivy.app import App\nApp.get_running_app()\n", "utf-8")
    (ui / "screens" / "x.py").write_text(
        "from kivy.app import App\n\n\ndef f() -> None:\n    App.get_running_app().go_home()\n",
        "utf-8",
    )
    (ui / "screens" / "x.kv").write_text(
        "<X>:\n    text: app.t('home', app.lang)\n    on_release: app.go('home')\n", "utf-8"
    )
    assert running_app_calls(ui) == ["kiosk/ui/screens/x.py:5: calls get_running_app"]
    assert kv_app_actions(ui) == ["kiosk/ui/screens/x.kv:3: app.go (use root.shell)"]
