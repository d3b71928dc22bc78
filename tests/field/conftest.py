"""What a year in the field brings, driven through the public interfaces: the real central server
on loopback, real SQLite files, the real `kiosk` command in a subprocess, the real Kivy window
(the test run's Xvfb display). Every check ends the way the issue asks: each printed code
resolves to its own ticket once, the kiosk still reaches its first frame, staff are told."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fixtures.central_server import CentralServer, running_central


@pytest.fixture(scope="package")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    """One real central server (uvicorn subprocess, SQLite file) for the whole field suite."""
    with running_central(tmp_path_factory.mktemp("field-central")) as server:
        yield server
