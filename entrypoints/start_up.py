"""The start-up of a ``ta`` process, as the garbage collector sees it.

Start-up (importing cyclopts, attrs and the classes they build, parsing the command line,
printing help) creates tens of thousands of objects that live as long as the process.
Collecting while they are made frees nothing, and traversing them again in every later
collection and at exit took some 20 ms of a 135 ms ``ta --help``. So the ``ta`` script pauses
the collector for start-up, which ends when a command starts or when the CLI returns
without one (help, version, a usage error): what start-up built is then frozen, so that
no collection looks at it again, and the collector resumes for what the command creates.
"""

import gc


def start_up_begins() -> None:
    """Pause the collector: called by the ``ta`` script before it imports the CLI."""
    gc.disable()


def start_up_done() -> None:
    """Freeze what start-up built and resume the collector, if start-up paused it.

    A collector that is on (the CLI called by tests or another program) is left alone:
    freezing there would keep that program's garbage for good.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
