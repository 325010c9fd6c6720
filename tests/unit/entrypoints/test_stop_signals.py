"""SIGINT and SIGTERM stop a run alike: outside the event loop as KeyboardInterrupt, inside
``run_until_stopped`` by cancelling the work (its cleanup runs) and then KeyboardInterrupt;
the signal that came first decides the message and exit code."""

import signal
import time

import anyio
import anyio.lowlevel
import pytest

from trade_analyst.entrypoints.cli.stop_signals import (
    INTERRUPTED,
    TERMINATED,
    Stop,
    run_until_stopped,
    sigterm_stops_like_ctrl_c,
    stop_reason,
)


@pytest.fixture(autouse=True)
def _default_handlers() -> None:
    # A signal these tests raise must reach the handlers under test, never kill pytest.
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_sigterm_outside_the_event_loop_is_a_keyboard_interrupt_reported_as_terminated() -> None:
    with sigterm_stops_like_ctrl_c():
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGTERM)
        assert stop_reason() == TERMINATED
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the default is back


def test_a_new_run_forgets_the_signal_that_stopped_the_last_one() -> None:
    with sigterm_stops_like_ctrl_c(), pytest.raises(KeyboardInterrupt):
        signal.raise_signal(signal.SIGTERM)
    with sigterm_stops_like_ctrl_c():
        assert stop_reason() == INTERRUPTED  # a plain KeyboardInterrupt is Ctrl-C


@pytest.mark.parametrize(
    ("sent", "stop"), [(signal.SIGINT, INTERRUPTED), (signal.SIGTERM, TERMINATED)]
)
def test_a_signal_cancels_the_work_lets_it_clean_up_then_interrupts(
    sent: signal.Signals, stop: Stop
) -> None:
    cleaned_up = []

    async def work() -> None:
        try:
            signal.raise_signal(sent)
            await anyio.sleep(30)
        finally:
            cleaned_up.append(True)

    started = time.monotonic()
    with sigterm_stops_like_ctrl_c():
        with pytest.raises(KeyboardInterrupt):
            run_until_stopped(work)
        assert stop_reason() == stop
    assert time.monotonic() - started < 5  # not the 30 s the work would have slept
    assert cleaned_up == [True]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_later_signals_do_not_cut_the_cleanup_short() -> None:
    cleaned_up = []

    async def work() -> None:
        try:
            signal.raise_signal(signal.SIGTERM)
            await anyio.sleep(30)
        finally:
            with anyio.CancelScope(shield=True):
                signal.raise_signal(signal.SIGINT)  # a second signal while stopping
                await anyio.sleep(0.05)
                cleaned_up.append(True)

    with sigterm_stops_like_ctrl_c():
        with pytest.raises(KeyboardInterrupt):
            run_until_stopped(work)
        assert stop_reason() == TERMINATED  # the first signal decides
    assert cleaned_up == [True]


def test_work_that_is_not_stopped_returns_its_result() -> None:
    async def work() -> int:
        await anyio.lowlevel.checkpoint()
        return 42

    with sigterm_stops_like_ctrl_c():
        assert run_until_stopped(work) == 42
