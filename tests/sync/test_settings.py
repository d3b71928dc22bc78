"""The worker's settings from the staff config: the API key from a file or the environment, never
in a repr or a message; a missing endpoint or key is a clear configuration problem."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.config.model import Central, Sync
from kiosk.sync.errors import NotConfiguredError
from kiosk.sync.settings import read_api_key, settings_from_config
from tests.fixtures.kiosk_side import BASE_CONFIG

KEY = "s3cret-kiosk-key-0123456789"


def _config(**central: object):
    return replace(BASE_CONFIG, central=Central(**central))  # type: ignore[arg-type]


def test_the_key_comes_from_the_file_and_stays_out_of_the_repr(tmp_path: Path):
    key_file = tmp_path / "api-key"
    key_file.write_text(f"{KEY}\n# a comment line\n")
    key_file.chmod(0o600)
    settings = settings_from_config(
        _config(
            url="https://echo.example/open311", jurisdiction_id="shengli", api_key_file=key_file
        )
    )
    assert settings.api_key == KEY
    assert settings.url == "https://echo.example/open311/"
    assert settings.device_id == "001"
    assert KEY not in repr(settings)


def test_the_key_comes_from_the_named_environment_variable():
    config = _config(url="http://127.0.0.1:8311/", api_key_env="ECHO_TEST_KEY")
    assert settings_from_config(config, environ={"ECHO_TEST_KEY": f" {KEY} "}).api_key == KEY
    with pytest.raises(NotConfiguredError, match="ECHO_TEST_KEY"):
        settings_from_config(config, environ={})


def test_without_the_variable_the_key_comes_from_the_systemd_credential_of_that_name(
    tmp_path: Path,
):
    """The Pi units pass the key with LoadCredential=ECHO_KIOSK_API_KEY:/etc/echo-kiosk/api-key."""
    (tmp_path / "ECHO_TEST_KEY").write_text(f"{KEY}\n")
    credentials = {"CREDENTIALS_DIRECTORY": str(tmp_path)}
    assert read_api_key(key_file=None, key_env="ECHO_TEST_KEY", environ=credentials) == KEY
    both = {**credentials, "ECHO_TEST_KEY": "from-the-variable"}
    assert read_api_key(key_file=None, key_env="ECHO_TEST_KEY", environ=both) == (
        "from-the-variable"
    )
    (tmp_path / "ECHO_TEST_KEY").write_text("\n")
    with pytest.raises(NotConfiguredError, match="nor is a systemd credential") as error:
        read_api_key(key_file=None, key_env="ECHO_TEST_KEY", environ=credentials)
    assert KEY not in str(error.value)


def test_an_unreadable_or_empty_key_file_is_named_but_its_content_never_shown(tmp_path: Path):
    missing = tmp_path / "nope"
    with pytest.raises(NotConfiguredError, match=r"cannot read the API key file .*nope"):
        read_api_key(key_file=missing, key_env=None)
    empty = tmp_path / "empty"
    empty.write_text("\n  \n")
    with pytest.raises(NotConfiguredError, match="is empty"):
        read_api_key(key_file=empty, key_env=None)


def test_a_key_file_others_can_read_is_warned_about_without_the_key(tmp_path: Path, caplog):
    key_file = tmp_path / "api-key"
    key_file.write_text(KEY)
    key_file.chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="kiosk.sync"):
        assert read_api_key(key_file=key_file, key_env=None) == KEY
    assert "chmod 600" in caplog.text
    assert KEY not in caplog.text


@pytest.mark.parametrize(
    ("central", "message"),
    [
        ({}, "central.url is not set"),
        ({"url": "ftp://x/"}, "http:// or https://"),
        ({"url": "http://127.0.0.1:8311/"}, "api_key_file or central.api_key_env"),
    ],
)
def test_a_kiosk_without_an_endpoint_or_a_key_is_not_configured(central, message):
    with pytest.raises(NotConfiguredError, match=message):
        settings_from_config(_config(**central), environ={})


def test_timeouts_follow_the_config_within_the_deadline(tmp_path: Path):
    key_file = tmp_path / "k"
    key_file.write_text(KEY)
    config = replace(
        _config(url="http://127.0.0.1:8311/", api_key_file=key_file),
        sync=Sync(interval_seconds=45, connect_timeout_seconds=8, request_deadline_seconds=6),
    )
    settings = settings_from_config(config)
    assert (settings.connect_timeout, settings.read_timeout, settings.deadline) == (6, 6, 6)
    assert settings.interval == 45
