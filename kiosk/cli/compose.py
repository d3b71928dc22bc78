"""The composition root: builds the services the UI and the commands use, from one config file.

No Kivy here, so commands that need no screen (check-config, sync, receipts) start fast
and headless.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.config.live import LiveConfig
from kiosk.config.paths import default_config_path, default_data_dir
from kiosk.core.content import ContentKeeper
from kiosk.core.office import Later, Office
from kiosk.core.services import Services
from kiosk.domain.feedback_form import FeedbackForm
from kiosk.domain.status import SyncStatus
from kiosk.speech import EspeakSpeaker, Speaker

__all__ = ["compose", "default_config_path", "default_data_dir"]


def keyboard_attached() -> bool:
    """A USB keyboard on the kiosk: then free text is offered in feedback (never required)."""
    return any(Path("/dev/input/by-path").glob("*-event-kbd")) or any(
        Path("/dev/input/by-id").glob("*-event-kbd")
    )


def make_speaker(live: LiveConfig, data_dir: Path) -> Speaker:
    """The real voice; it starts even without espeak-ng or a sound card and reports that instead."""
    return EspeakSpeaker(live.current.speech, cache_dir=data_dir / "speech-cache")


def compose(
    *,
    config_path: Path,
    data_dir: Path,
    lockdown: bool = True,
    clock: Callable[[], datetime] | None = None,
    speaker: Speaker | None = None,
) -> Services:
    """`clock` replaces the wall clock (tests, screenshots of a fixed day); `speaker` the voice
    (screenshots and most tests stay silent)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    live = LiveConfig.open(config_path, data_dir=data_dir)  # a failed copy is logged, not raised

    def now() -> datetime:
        if clock is not None:
            return clock()
        return datetime.now(ZoneInfo(live.current.content.community.timezone))

    content = ContentKeeper(live, data_dir, now=now)

    def make_office() -> Office:
        # Imported here, not above: these modules are what a cold start puts off until its
        # first frame is on the window (kiosk.core.office).
        from kiosk.cli.office import open_office

        return open_office(live=live, content=content, data_dir=data_dir, now=now)

    office = Later(make_office)

    def sync_status() -> SyncStatus:
        return office.get().sync.status()

    return Services(
        live=live,
        config=lambda: live.current,
        data_dir=data_dir,
        now=now,
        sync_status=sync_status,
        office=office,
        form=FeedbackForm(),
        speaker=speaker or make_speaker(live, data_dir),
        lockdown=lockdown,
        keyboard_attached=keyboard_attached(),
        content=content,
    )
