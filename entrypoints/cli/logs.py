"""Log records of the tool on stderr, as detailed as ``-v``/``-vv``/``-q`` ask.

Default: warnings only (e.g. a truncated option chain, a vault others can read); ``-v`` adds
what the providers do (each request, retry and token refresh); ``-vv`` adds the shapes of
the answers. The adapters never log a token, code or secret, so none can appear here.
"""

import logging
import sys

ROOT_LOGGER = "trade_analyst"


def level_for(verbosity: int) -> int:
    """-1 (``-q``): errors only; 0: warnings; 1 (``-v``): info; 2 or more (``-vv``): debug."""
    if verbosity < 0:
        return logging.ERROR
    return {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the ``sys.stderr`` of the moment, which tests and redirections replace."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


def configure_logging(verbosity: int) -> None:
    """Send the tool's log records to stderr at ``verbosity``; calling it again replaces
    the earlier setting (one process may run several commands, as tests do)."""
    logger = logging.getLogger(ROOT_LOGGER)
    for handler in [h for h in logger.handlers if isinstance(h, _StderrHandler)]:
        logger.removeHandler(handler)
    level = level_for(verbosity)
    handler = _StderrHandler()
    handler.setLevel(level)
    handler.setFormatter(_Formatter())
    logger.addHandler(handler)
    # The handler filters; the logger passes everything on, so one run's -q or -v never
    # changes what another handler (a test's log capture) receives afterwards.
    logger.setLevel(logging.DEBUG)
