"""A stand-in for aplay (there is no sound card here): "plays" a WAV by sleeping for its length.

Usage: stand_in_player.py LOG FILE.wav. Appends one JSON line per event to LOG: "start" (with the
file's duration), then "finished" if it played to the end or "stopped" if it got SIGTERM.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import wave
from types import FrameType


def main() -> None:
    log, path = sys.argv[1], sys.argv[2]

    def write(event: str, **extra: object) -> None:
        line = {"event": event, "pid": os.getpid(), "file": path, "t": time.time(), **extra}
        with open(log, "a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\n")

    def on_term(_signum: int, _frame: FrameType | None) -> None:
        write("stopped")
        os._exit(143)

    signal.signal(signal.SIGTERM, on_term)
    with wave.open(path, "rb") as wav:
        duration = wav.getnframes() / wav.getframerate()
    write("start", duration=duration)
    time.sleep(duration)
    write("finished")


if __name__ == "__main__":
    main()
