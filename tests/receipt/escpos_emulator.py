"""A small ESC/POS printer for tests: answers real-time status requests like a real printer and
records every byte it takes in, over loopback TCP (port-9100 style) or a pseudo-terminal."""

from __future__ import annotations

import os
import select
import socket
import threading
from dataclasses import dataclass, field

# DLE EOT n answers of a printer in a given condition: n=1 printer, n=2 offline cause, n=4 paper.
FINE = {1: 0x12, 2: 0x12, 4: 0x12}
PAPER_OUT = {1: 0x1A, 2: 0x32, 4: 0x72}
COVER_OPEN = {1: 0x1A, 2: 0x16, 4: 0x12}
OFFLINE = {1: 0x1A, 2: 0x12, 4: 0x12}
PAPER_LOW = {1: 0x12, 2: 0x12, 4: 0x1E}


@dataclass
class Emulator:
    """Parses the stream like a printer: raster images are skipped whole (their data may contain
    bytes that look like commands), DLE EOT n is answered from `answers`."""

    answers: dict[int, int] = field(default_factory=lambda: dict(FINE))
    answer_limit: int | None = None  # stop answering (and reading) after this many answers
    after_image: dict[int, int] | None = None  # answers once an image has printed (roll ran out)
    received: bytearray = field(default_factory=bytearray)
    answered: int = 0
    _pending: bytearray = field(default_factory=bytearray)

    @property
    def stalled(self) -> bool:
        return self.answer_limit is not None and self.answered >= self.answer_limit

    def feed(self, data: bytes) -> bytes:
        self.received += data
        self._pending += data
        out = bytearray()
        while self._pending and not self.stalled:
            buf = self._pending
            if buf.startswith(b"\x1dv0"):
                if len(buf) < 8:
                    break
                size = 8 + (buf[4] + 256 * buf[5]) * (buf[6] + 256 * buf[7])
                if len(buf) < size:
                    break
                del buf[:size]
                self.answers = self.after_image or self.answers
            elif buf.startswith(b"\x10\x04"):
                if len(buf) < 3:
                    break
                if buf[2] in self.answers:
                    out.append(self.answers[buf[2]])
                    self.answered += 1
                del buf[:3]
            else:
                del buf[:1]
        return bytes(out)


class TcpPrinter:
    """A printer on 127.0.0.1:<port>. With `read=False` it accepts connections and then neither
    reads nor answers, like a printer whose firmware hung."""

    def __init__(self, emulator: Emulator | None = None, *, read: bool = True) -> None:
        self.emulator = emulator or Emulator()
        self.read = read
        self.connections = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port: int = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> TcpPrinter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        for conn in self._held:
            conn.close()
        self._listener.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            self._held.append(conn)
            if self.read:
                self._talk(conn)

    def _talk(self, conn: socket.socket) -> None:
        conn.settimeout(0.05)
        while not self._stop.is_set() and not self.emulator.stalled:
            try:
                data = conn.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            if not data:
                return
            reply = self.emulator.feed(data)
            if reply:
                conn.sendall(reply)


class PtyPrinter:
    """A serial printer on a pseudo-terminal: `device` is the path the kiosk opens."""

    def __init__(self, emulator: Emulator | None = None, *, read: bool = True) -> None:
        self.emulator = emulator or Emulator()
        self.read = read
        self._master, self._slave = os.openpty()
        self.device = os.ttyname(self._slave)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> PtyPrinter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        os.close(self._master)
        os.close(self._slave)

    def _serve(self) -> None:
        while self.read and not self._stop.is_set() and not self.emulator.stalled:
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            try:
                reply = self.emulator.feed(os.read(self._master, 65536))
                if reply:
                    os.write(self._master, reply)
            except OSError:
                return
