"""What the kiosk would say, as a WAV file, for staff to listen to anywhere (`kiosk speak`).

It goes through the same worker, voices, rate and volume as the kiosk itself, so the file is
what a resident hears.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from kiosk.config.model import Speech
from kiosk.speech.api import rate_for, voice_for
from kiosk.speech.cache import FULL_VOLUME
from kiosk.speech.synth import Synthesizer
from kiosk.speech.wavfile import check_playable, write_scaled


def speak_to_file(
    text: str, *, lang: str, out: Path, speech: Speech, recorded: Path | None = None
) -> Path:
    """Write `text` spoken in `lang` (or the staff `recorded` WAV) at the configured volume.

    Raises EngineError when the engine cannot synthesise, NotPlayableError for a recording that
    is not a PCM WAV file, ValueError for an empty text.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    if recorded is not None:
        check_playable(recorded)
        if speech.volume >= FULL_VOLUME:
            shutil.copyfile(recorded, out)
            return out
        return write_scaled(recorded, out, speech.volume)
    if not text.strip():
        raise ValueError("there is no text to speak")
    synth = Synthesizer()
    try:
        with tempfile.TemporaryDirectory(dir=out.parent) as scratch:
            # The worker renames its file into place: keep that rename on one filesystem.
            made = Path(scratch) / "speech.wav"
            synth.synthesize(
                text.strip(),
                voice=voice_for(lang),
                rate=rate_for(speech, lang),
                volume=speech.volume,
                out=made,
            )
            made.replace(out)
    finally:
        synth.close()
    return out
