"""The collector is paused for start-up only: frozen and on again once start-up is done."""

import gc
import subprocess
import sys

from trade_analyst.entrypoints.start_up import start_up_done


def test_a_collector_that_is_on_is_left_alone() -> None:
    frozen = gc.get_freeze_count()
    start_up_done()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # this process's garbage stays collectable


def test_what_start_up_built_is_frozen_and_the_collector_resumes() -> None:
    code = (
        "import gc\n"
        "from trade_analyst.entrypoints.start_up import start_up_begins, start_up_done\n"
        "start_up_begins()\n"
        "paused = not gc.isenabled()\n"
        "built = [[] for _ in range(1000)]\n"
        "start_up_done()\n"
        "print(paused, gc.isenabled(), gc.get_freeze_count() >= 1000)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["True", "True", "True"]
