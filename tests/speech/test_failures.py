"""Engine and sound failures: say() still returns at once, staff see why, a restart recovers."""

from __future__ import annotations

import array
import fcntl
import logging
import os
import shutil
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from kiosk.config.model import Speech
from kiosk.speech import voice_for
from kiosk.speech.synth import Synthesizer
from tests.fixtures.fresh_python import output_lines
from tests.speech.helpers import SHORT_UG, SHORT_ZH, MakeSpeaker, PlayerLog, cached_path, wait_until

STAND_IN_ENGINE = Path(__file__).with_name("stand_in_engine.py")


def _returns_at_once(call: object) -> float:
    started = time.monotonic()
    assert callable(call)
    call()
    return time.monotonic() - started


def _has_sound_card() -> bool:
    listing = subprocess.run(["aplay", "-l"], capture_output=True, text=True, check=False)
    return "card " in listing.stdout


def test_missing_espeak_data_degrades_speech_and_a_restart_recovers(
    make_speaker: MakeSpeaker,
    player_log: PlayerLog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="kiosk.speech")
    empty = tmp_path / "no-espeak-data"
    empty.mkdir()
    monkeypatch.setenv("ESPEAK_DATA_PATH", str(empty))  # espeak-ng exits: it finds no phontab
    speaker = make_speaker()

    for text in (SHORT_ZH, SHORT_UG):
        assert _returns_at_once(lambda t=text: speaker.say(t, lang="zh")) < 0.5
        assert speaker.settle(10.0)
    state = speaker.state()
    assert state.status == "degraded"
    assert "could not start" in state.message
    assert "phontab" in state.message
    assert player_log.events("start") == []
    assert len([r for r in caplog.records if "could not start" in r.getMessage()]) == 1

    monkeypatch.delenv("ESPEAK_DATA_PATH")
    speaker.restart()
    speaker.say(SHORT_ZH, lang="zh")

    player_log.wait_for("start")
    assert speaker.state().status == "ok"


def test_a_hung_engine_is_killed_and_the_next_prompt_recovers(
    make_speaker: MakeSpeaker, player_log: PlayerLog, cache_dir: Path
) -> None:
    speaker = make_speaker(synth_timeout=1.5)
    hung = speaker.engine_pid
    assert hung is not None
    os.kill(hung, signal.SIGSTOP)  # a real hang: the worker never answers

    assert _returns_at_once(lambda: speaker.say(SHORT_ZH, lang="zh")) < 0.5
    assert wait_until(lambda: speaker.state().status == "degraded", timeout=10.0)
    assert "no answer" in speaker.state().message
    assert speaker.engine_pid is None

    speaker.say(SHORT_UG, lang="ug")

    player_log.wait_for("start", cached_path(cache_dir, SHORT_UG, "ug", Speech()))
    state = speaker.state()
    assert state.status == "ok"
    assert state.restarts == 1
    assert speaker.engine_pid not in (None, hung)


def _process_state(pid: int) -> str:
    """The kernel's one-letter state of `pid` ("Z" for a zombie), "" once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return ""
    return stat.rsplit(")", 1)[1].split()[0]


def _bytes_waiting_for(pid: int) -> int:
    """How many bytes sit unread in the pipe that is `pid`'s standard input."""
    fd = os.open(f"/proc/{pid}/fd/0", os.O_RDONLY | os.O_NONBLOCK)
    try:
        waiting = array.array("i", [0])
        fcntl.ioctl(fd, termios.FIONREAD, waiting)
        return waiting[0]
    finally:
        os.close(fd)


@pytest.mark.parametrize("death", ["before the prompt", "holding the prompt"])
def test_a_crashed_engine_is_restarted_for_the_next_prompt(
    make_speaker: MakeSpeaker, player_log: PlayerLog, cache_dir: Path, death: str
) -> None:
    speaker = make_speaker()
    crashed = speaker.engine_pid
    assert crashed is not None
    if death == "before the prompt":  # noticed by its exit code
        os.kill(crashed, signal.SIGKILL)
        assert wait_until(lambda: _process_state(crashed) in ("Z", ""), timeout=10.0)
        assert _returns_at_once(lambda: speaker.say(SHORT_ZH, lang="zh")) < 0.5
    else:  # it has the request in its pipe and dies: noticed as end of file on reading
        os.kill(crashed, signal.SIGSTOP)  # stopped for real before the prompt, or it reads it
        assert wait_until(lambda: _process_state(crashed) == "T", timeout=10.0)
        assert _returns_at_once(lambda: speaker.say(SHORT_ZH, lang="zh")) < 0.5
        assert wait_until(lambda: _bytes_waiting_for(crashed) > 0, timeout=10.0)
        os.kill(crashed, signal.SIGKILL)

    player_log.wait_for("start", cached_path(cache_dir, SHORT_ZH, "zh", Speech()))
    assert speaker.state().restarts == 1
    assert speaker.state().status == "ok"
    assert speaker.engine_pid not in (None, crashed)


def test_an_engine_found_dead_when_the_prompt_is_written_is_replaced_for_that_prompt(
    tmp_path: Path,
) -> None:
    synth = Synthesizer(command=[sys.executable, str(STAND_IN_ENGINE), str(tmp_path / "died")])
    out = tmp_path / "prompt.wav"
    try:
        synth.synthesize(SHORT_ZH, voice=voice_for("zh"), rate=Speech().rate, volume=1.0, out=out)

        assert out.stat().st_size > 44
        assert synth.starts == 2
    finally:
        synth.close()
    synth.close()  # closing twice, or a closed engine, never raises


def test_cached_prompts_still_play_while_the_engine_hangs(
    make_speaker: MakeSpeaker, player_log: PlayerLog
) -> None:
    speaker = make_speaker(synth_timeout=30.0)
    speaker.say(SHORT_ZH, lang="zh")
    first = player_log.wait_for("start")
    pid = speaker.engine_pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    try:
        speaker.say(SHORT_ZH, lang="zh")  # "repeat": served from the cache, no engine needed

        assert wait_until(lambda: len(player_log.events("start")) == 2, timeout=5.0)
        assert player_log.events("start")[-1]["file"] == first["file"]
    finally:
        os.kill(pid, signal.SIGCONT)


def test_a_missing_player_is_reported_once_and_speech_carries_on_silently(
    make_speaker: MakeSpeaker, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="kiosk.speech")
    speaker = make_speaker(player="no-such-audio-player -q")

    for text in (SHORT_ZH, SHORT_UG, SHORT_ZH):
        assert _returns_at_once(lambda t=text: speaker.say(t, lang="zh")) < 0.5
        assert speaker.settle(10.0)

    state = speaker.state()
    assert state.status == "degraded"
    assert "not installed" in state.message
    assert len([r for r in caplog.records if "not installed" in r.getMessage()]) == 1


@pytest.mark.skipif(
    shutil.which("aplay") is None or _has_sound_card(), reason="needs aplay without a sound card"
)
def test_no_audio_device_is_detected_with_the_real_player_and_logged_once(
    make_speaker: MakeSpeaker, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="kiosk.speech")
    speaker = make_speaker(player="aplay -q")

    assert wait_until(lambda: speaker.state().status == "degraded", timeout=5.0)
    for text in (SHORT_ZH, SHORT_UG):
        speaker.say(text, lang="zh")
        assert speaker.settle(10.0)
    time.sleep(0.6)  # the failed playbacks are noticed while idle

    assert "No sound" in speaker.state().message
    assert len([r for r in caplog.records if "No sound" in r.getMessage()]) == 1


ORPHANED_WORKER = """
import os, sys, time
from kiosk.speech.synth import Synthesizer

synth = Synthesizer()
synth.start()  # the real worker: pyttsx3 and espeak-ng, ready for a request
keeper = os.fork()
if keeper == 0:  # holds the worker's stdin open: no end of file reaches it
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    time.sleep(60)
    os._exit(0)
print(synth.pid, keeper, flush=True)
os._exit(0)  # the kiosk dies: no close(), no watchdog
"""


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited


def test_a_worker_whose_kiosk_died_exits_even_when_no_end_of_file_reaches_it() -> None:
    worker, keeper = (int(pid) for pid in output_lines(ORPHANED_WORKER)[-1].split())
    try:
        assert wait_until(lambda: not _running(worker), timeout=10)
    finally:
        os.kill(keeper, signal.SIGKILL)
        if _running(worker):
            os.kill(worker, signal.SIGKILL)
