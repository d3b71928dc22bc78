"""The Kivy side of benchmark 9, in a fresh process under X:

    python -m benchmarks.residents_child DATA_DIR WARM VISITS EVERY

The kiosk as `kiosk run` makes it (real store, sync worker, espeak-ng speaker and its cache),
then resident after resident by real taps (tests.fixtures.residents.a_residents_visit: a
report in the other language, one more door): WARM visits first, then VISITS more, counting
what the process holds after the warm-up and every EVERY visits. Prints one JSON line.

The tap guard's and the idle timer's clock is real time plus the guard's waits, skipped
(`ui_child.Hurried`).
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from benchmarks.ui_child import SAMPLE, Hurried, _emit, _kiosk, _prepare, _until_started, status_kb


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*") if p.is_file())


def main(argv: list[str]) -> None:
    data_dir, warm, visits, every = Path(argv[0]), int(argv[1]), int(argv[2]), int(argv[3])
    _prepare(data_dir)
    from tests.fixtures.residents import AtTheKiosk, a_residents_visit, held_in_memory

    config = data_dir / "kiosk.yaml"
    shutil.copy(SAMPLE, config)
    driver = _kiosk(data_dir, config, hurried=Hurried())
    app = driver.app
    _until_started(driver)
    kiosk = AtTheKiosk(app=app, driver=driver)

    def count(done: int) -> dict[str, int]:
        return {"visits": done, "rss_kb": status_kb("VmRSS"), **held_in_memory()}

    for n in range(warm):
        a_residents_visit(kiosk, n)
    samples = [count(warm)]
    started = time.perf_counter()
    for n in range(warm, warm + visits):
        a_residents_visit(kiosk, n)
        if (n + 1 - warm) % every == 0 or n + 1 == warm + visits:
            samples.append(count(n + 1))
    seconds = time.perf_counter() - started
    (ticket,) = app.services.book.recent(10)
    _emit(
        {
            "samples": samples,
            "seconds_a_visit": seconds / max(visits, 1),
            "residents": ticket.residents,
            "speech_cache_bytes": _folder_bytes(data_dir / "speech-cache"),
        }
    )


if __name__ == "__main__":
    main(sys.argv[1:])
