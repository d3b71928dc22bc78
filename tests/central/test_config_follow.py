"""The server follows staff's edits of the YAML; a bad edit keeps the last good categories."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from fastapi.testclient import TestClient

from kiosk.central.app import create_app
from kiosk.central.settings import REPO_CONFIG
from kiosk.config.errors import ConfigInvalid


def _names(client: TestClient) -> dict[str, str]:
    services = client.get("/services.json").json()
    return {s["service_code"]: s["service_name"] for s in services}


def test_an_edit_shows_and_a_broken_edit_is_ignored(settings, tmp_path):
    path = tmp_path / "kiosk.yaml"
    shutil.copy(REPO_CONFIG, path)
    app = create_app(dataclasses.replace(settings, config_path=path, config_check_seconds=60))
    live = app.state.central.live
    with TestClient(app) as client:
        assert _names(client)["sanitation"] == "环境卫生"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("{zh: 环境卫生,", "{zh: 环境卫生与绿化,"), encoding="utf-8")
        live.check_now()
        assert _names(client)["sanitation"] == "环境卫生与绿化"
        path.write_text("categories: [oops", encoding="utf-8")
        live.check_now()
        assert _names(client)["sanitation"] == "环境卫生与绿化"


def test_a_broken_file_at_start_up_stops_the_server_with_its_errors(settings, tmp_path):
    path = tmp_path / "kiosk.yaml"
    path.write_text("community: 3\n", encoding="utf-8")
    with pytest.raises(ConfigInvalid):
        create_app(dataclasses.replace(settings, config_path=path))
