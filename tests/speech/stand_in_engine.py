"""A synthesis worker that is dead to its first request, then the real one (kiosk/speech).

Usage: stand_in_engine.py MARKER. Without MARKER it creates it, stops reading its input (as a
worker does in the instant between being killed and being reaped: the request gets a broken
pipe), says it is ready and lingers until killed. With MARKER it becomes the real worker.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

WORKER = Path(__file__).resolve().parents[2] / "kiosk" / "speech" / "engine_worker.py"


def main() -> None:
    marker = Path(sys.argv[1])
    if marker.exists():
        os.execv(sys.executable, [sys.executable, "-P", str(WORKER)])
    marker.touch()
    os.close(0)  # before "ready": the kiosk's request must find no reader
    sys.stdout.write('{"ready": true}\n')
    sys.stdout.flush()
    time.sleep(120)  # bounded: the kiosk kills it long before


if __name__ == "__main__":
    main()
