"""`kiosk speak`: write what the kiosk would say to a WAV file, for staff to listen to anywhere.

It goes through the same worker, voices, rate and volume as the kiosk itself, so the file is
what a resident hears.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from kiosk.config.model import Speech
from kiosk.speech.api import voice_for
from kiosk.speech.cache import FULL_VOLUME
from kiosk.speech.synth import EngineError, Synthesizer
from kiosk.speech.wavfile import NotPlayableError, check_playable, write_scaled


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
                rate=speech.rate,
                volume=speech.volume,
                out=made,
            )
            made.replace(out)
    finally:
        synth.close()
    return out


def add_speak_arguments(parser: argparse.ArgumentParser) -> None:
    """The `kiosk speak` options, for cli.build_parser to attach to its subparser."""
    parser.add_argument("text", help="what to say")
    parser.add_argument("--lang", choices=("zh", "ug"), default="zh", help="language (zh or ug)")
    parser.add_argument("--out", type=Path, required=True, help="the WAV file to write")
    parser.add_argument(
        "--prompt", default=None, help="a prompt name: use its staff recording if one is set"
    )
    parser.add_argument("--config", type=Path, default=None, help="the staff YAML file")


def cmd_speak(args: argparse.Namespace) -> int:
    """Handler for `kiosk speak`: 0 when the file is written, 1 with a plain message if not."""
    from kiosk.config.loader import load_config
    from kiosk.config.paths import default_config_path

    config = load_config(args.config or default_config_path())  # errors: main() reports them
    speech = config.speech
    recorded = None
    if args.prompt is not None and args.prompt in speech.recorded:
        name = speech.recorded[args.prompt].values.get(args.lang)
        recorded = Path(name) if name else None
    try:
        written = speak_to_file(
            args.text, lang=args.lang, out=args.out, speech=speech, recorded=recorded
        )
    except (EngineError, NotPlayableError, ValueError, OSError) as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {written}")
    return 0
