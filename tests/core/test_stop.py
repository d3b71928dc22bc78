"""A stop signal is only noted (the UI loop acts on it), and the previous handlers come back."""

from __future__ import annotations

import os
import signal

from kiosk.core.stop import StopRequest


def test_a_sigterm_is_noted_not_acted_on_and_the_old_handler_comes_back():
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    request = StopRequest()
    with request.catching():
        assert not request.requested
        os.kill(os.getpid(), signal.SIGTERM)  # the process would end here without the handler
        signal.raise_signal(signal.SIGINT)  # a second signal does not change the reason
        assert request.requested
        assert request.reason == "SIGTERM"
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before
