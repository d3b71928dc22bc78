"""The OpenAPI document kept in the repository for review: `kiosk/central/openapi.json`.

It is generated, never edited: `kiosk central openapi` rewrites it, and a test fails when it is
out of date. Apart from openapi.py because it builds a whole app, which itself installs openapi.py.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from kiosk.central.app import create_app
from kiosk.central.settings import REPO_CONFIG, Settings

DOCUMENT = Path(__file__).resolve().parent / "openapi.json"


def render() -> str:
    """The document as committed: stable key order, UTF-8, one trailing newline."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            Settings(db_url=f"sqlite:///{folder}/openapi.sqlite3", config_path=REPO_CONFIG)
        )
        text = json.dumps(app.openapi(), ensure_ascii=False, indent=2) + "\n"
        app.state.central.engine.dispose()
    return text


def write(path: Path = DOCUMENT) -> Path:
    path.write_text(render(), encoding="utf-8")
    return path
