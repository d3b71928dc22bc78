"""The speech cache over a long life: prompts said once (a receipt read aloud, a look-up's
answer) must not fill the card between restarts, and what the screens say again and again stays."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.config.model import Speech
from kiosk.speech import wavfile
from kiosk.speech.cache import AudioCache
from tests.speech.helpers import SHORT_ZH, MakeSpeaker, PlayerLog, cached_path, wait_until

SPEECH = Speech()


def _prompts(folder: Path) -> set[str]:
    return {path.name for path in folder.glob("*.wav") if path.name != "silence.wav"}


def _said(player_log: PlayerLog, path: Path, times: int) -> None:
    assert wait_until(lambda: len(player_log.events("start", path)) == times, timeout=30.0)


def test_prompts_said_once_are_let_go_while_the_kiosk_runs_and_the_prompt_said_again_stays(
    make_speaker: MakeSpeaker, player_log: PlayerLog, cache_dir: Path
) -> None:
    speaker = make_speaker(SPEECH, cache_files=3)
    welcome = cached_path(cache_dir, SHORT_ZH, "zh", SPEECH)
    receipts = [f"您的编号是 S L 二六一二〇七〇四{digit}。" for digit in "一二三四"]
    paths = [cached_path(cache_dir, text, "zh", SPEECH) for text in receipts]

    for times, (text, path) in enumerate(zip(receipts, paths, strict=True), start=1):
        speaker.say(SHORT_ZH, lang="zh")  # the home screen's prompt, between two residents
        _said(player_log, welcome, times)
        speaker.stop()
        speaker.say(text, lang="zh")
        _said(player_log, path, 1)
        speaker.stop()
        assert len(_prompts(cache_dir)) <= 3, sorted(_prompts(cache_dir))

    assert _prompts(cache_dir) == {welcome.name, paths[-2].name, paths[-1].name}
    assert len(player_log.events("start", welcome)) == 4


def test_a_full_cache_left_by_a_long_run_is_brought_within_its_limits_at_start_newest_kept(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    second = 0.2 * 44_100  # bytes of a fifth of a second of 22,050 Hz 16-bit mono
    made = []
    for n in range(12):
        path = folder / f"tts-{n:02d}.wav"
        wavfile.write_silence(path, 0.2)
        os.utime(path, (1_000_000 + n, 1_000_000 + n))  # made one after the other
        made.append(path.name)
    wavfile.write_silence(folder / "silence.wav", 0.1)
    (folder / "tts-half.wav.part").write_bytes(b"RIFF")  # a power cut while one was made

    cache = AudioCache(folder, max_files=10, max_bytes=int(5.5 * second) + 5 * 44)
    cache.prepare()

    assert _prompts(folder) == set(made[-5:])  # the bytes allow five; the newest stay
    assert (folder / "silence.wav").exists()
    assert not (folder / "tts-half.wav.part").exists()


def test_a_prompt_made_while_the_cache_is_full_stays_and_the_least_recently_used_goes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cache"
    cache = AudioCache(folder, max_files=3)
    cache.prepare()
    paths = [
        cache.synthesised(text, voice="cmn", rate=150, volume=1.0) for text in ("一", "二", "三")
    ]
    for n, path in enumerate(paths):
        cache.kept(wavfile.write_silence(cache.place(path), 0.1))
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
    cache.prepare()  # as at a start: last used is the files' time
    assert cache.hit(paths[0])  # said again: now the most recently used

    fourth = cache.synthesised("四", voice="cmn", rate=150, volume=1.0)
    cache.kept(wavfile.write_silence(cache.place(fourth), 0.1))

    assert _prompts(folder) == {paths[0].name, paths[2].name, fourth.name}
