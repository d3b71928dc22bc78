"""One kiosk process for benchmark 8: the kiosk's own composition (kiosk.cli.compose) with its
sync worker running, printing `shown ID SECONDS` (time.time()) the moment the first notice of the
config it would draw changes, until stdin closes. No window: what the screen draws next frame is
`live.current` (benchmark 7b measures that frame)."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from kiosk.cli.compose import compose
from kiosk.speech import SilentSpeaker


def main() -> None:
    config, data = Path(sys.argv[1]), Path(sys.argv[2])
    services = compose(
        config_path=config, data_dir=data, lockdown=False, speaker=SilentSpeaker("bench")
    )
    closed = threading.Event()

    def until_stdin_closes() -> None:
        sys.stdin.read()
        closed.set()

    threading.Thread(target=until_stdin_closes, daemon=True).start()
    services.sync.start()
    print("ready", flush=True)
    last = services.live.current.content.notices[0].id
    while not closed.is_set():
        shown = services.live.current.content.notices[0].id
        if shown != last:
            print(f"shown {shown} {time.time():.6f}", flush=True)
            last = shown
        time.sleep(0.002)
    services.sync.close()


if __name__ == "__main__":
    main()
