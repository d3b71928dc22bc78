"""`kiosk speak`: write what the kiosk would say to a WAV file, for staff to listen to anywhere."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.config.loader import load_config
from kiosk.config.paths import default_config_path
from kiosk.speech import EngineError, speak_to_file
from kiosk.speech.wavfile import NotPlayableError


def add_speak_arguments(parser: argparse.ArgumentParser) -> None:
    """The `kiosk speak` options, for kiosk.cli.main to attach to its subparser."""
    parser.add_argument("text", help="what to say")
    parser.add_argument("--lang", choices=("zh", "ug"), default="zh", help="language (zh or ug)")
    parser.add_argument("--out", type=Path, required=True, help="the WAV file to write")
    parser.add_argument(
        "--prompt", default=None, help="a prompt name: use its staff recording if one is set"
    )
    parser.add_argument("--config", type=Path, default=None, help="the staff YAML file")


def cmd_speak(args: argparse.Namespace) -> int:
    """Handler for `kiosk speak`: 0 when the file is written, 1 with a plain message if not."""
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
