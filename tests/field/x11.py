"""What a resident (or a window manager) can do to a kiosk window on the test run's X display,
through libX11 and libXtst: find a process's window, press a key in it, ask it to close.

Plain ctypes, so no extra package: xvfb pulls in both libraries. Only what the field tests need.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Iterator
from contextlib import contextmanager

CLIENT_MESSAGE = 33  # X.h: ClientMessage
NO_EVENT_MASK = 0
XA_CARDINAL = 6
REVERT_TO_PARENT = 2
CURRENT_TIME = 0


class _ClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class _Event(ctypes.Union):
    _fields_ = [("xclient", _ClientMessage), ("pad", ctypes.c_long * 24)]


def _library(name: str) -> ctypes.CDLL:
    path = ctypes.util.find_library(name)
    if path is None:
        raise OSError(f"lib{name} is missing (apt-get install xvfb brings it)")
    return ctypes.CDLL(path)


class Display:
    """One connection to $DISPLAY."""

    def __init__(self) -> None:
        self._x = _library("X11")
        self._xtst = _library("Xtst")
        x = self._x
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XInternAtom.restype = ctypes.c_ulong
        x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x.XQueryTree.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
            ctypes.POINTER(ctypes.c_uint),
        ]
        x.XGetWindowProperty.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_ulong,
            ctypes.c_long,
            ctypes.c_long,
            ctypes.c_int,
            ctypes.c_ulong,
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_void_p),
        ]
        x.XSendEvent.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_int,
            ctypes.c_long,
            ctypes.POINTER(_Event),
        ]
        x.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
        x.XStringToKeysym.restype = ctypes.c_ulong
        x.XStringToKeysym.argtypes = [ctypes.c_char_p]
        x.XKeysymToKeycode.restype = ctypes.c_ubyte
        x.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._xtst.XTestFakeKeyEvent.argtypes = [
            ctypes.c_void_p,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_ulong,
        ]
        self._dpy = x.XOpenDisplay(None)
        if not self._dpy:
            raise OSError("cannot open $DISPLAY")

    def close(self) -> None:
        self._x.XCloseDisplay(self._dpy)

    def _atom(self, name: str) -> int:
        return int(self._x.XInternAtom(self._dpy, name.encode(), 0))

    def _children(self, window: int) -> list[int]:
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children = ctypes.POINTER(ctypes.c_ulong)()
        count = ctypes.c_uint()
        if not self._x.XQueryTree(
            self._dpy, window, ctypes.byref(root), ctypes.byref(parent), ctypes.byref(children),
            ctypes.byref(count),
        ):  # fmt: skip
            return []
        found = [children[i] for i in range(count.value)]
        if children:
            self._x.XFree(children)
        return found

    def _pid(self, window: int) -> int | None:
        kind, size = ctypes.c_ulong(), ctypes.c_int()
        items, after = ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.c_void_p()
        status = self._x.XGetWindowProperty(
            self._dpy, window, self._atom("_NET_WM_PID"), 0, 1, 0, XA_CARDINAL,
            ctypes.byref(kind), ctypes.byref(size), ctypes.byref(items), ctypes.byref(after),
            ctypes.byref(data),
        )  # fmt: skip
        if status != 0 or not data.value:
            return None
        try:
            pids = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))
            return int(pids[0]) if items.value else None
        finally:
            self._x.XFree(data)

    def windows_of(self, pid: int) -> list[int]:
        """Every window (at any depth) that says it belongs to process `pid`."""

        def walk(window: int) -> Iterator[int]:
            for child in self._children(window):
                yield child
                yield from walk(child)

        root = int(self._x.XDefaultRootWindow(self._dpy))
        return [window for window in walk(root) if self._pid(window) == pid]

    def request_close(self, window: int) -> None:
        """What a window manager sends when someone clicks the close button or presses Alt+F4:
        WM_PROTOCOLS / WM_DELETE_WINDOW (SDL makes a window close request of it)."""
        event = _Event()
        event.xclient.type = CLIENT_MESSAGE
        event.xclient.window = window
        event.xclient.message_type = self._atom("WM_PROTOCOLS")
        event.xclient.format = 32
        event.xclient.data[0] = self._atom("WM_DELETE_WINDOW")
        event.xclient.data[1] = CURRENT_TIME
        self._x.XSendEvent(self._dpy, window, 0, NO_EVENT_MASK, ctypes.byref(event))
        self._x.XSync(self._dpy, 0)

    def press(self, window: int, key: str) -> None:
        """Press and release `key` (an X keysym name such as "Escape") with `window` focused."""
        self._x.XSetInputFocus(self._dpy, window, REVERT_TO_PARENT, CURRENT_TIME)
        code = self._x.XKeysymToKeycode(self._dpy, self._x.XStringToKeysym(key.encode()))
        for down in (1, 0):
            self._xtst.XTestFakeKeyEvent(self._dpy, code, down, 0)
        self._x.XSync(self._dpy, 0)


@contextmanager
def display() -> Iterator[Display]:
    connection = Display()
    try:
        yield connection
    finally:
        connection.close()
