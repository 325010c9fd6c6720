"""The typed errors every port may raise, each with a hint and the CLI exit code it maps to.

Adapters translate what goes wrong in their world (HTTP statuses, OS errors, bad payloads)
into these types, so the entrypoints map failures to exit codes without knowing
which adapter ran.
"""

from typing import ClassVar


class TradeAnalystError(Exception):
    """Base of every error the product reports to a user: a message, a hint, an exit code."""

    exit_code: ClassVar[int] = 1
    code: ClassVar[str] = "E-INTERNAL"
    default_hint: ClassVar[str] = "run again with -v and report the log if it keeps failing"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint if hint is not None else self.default_hint


class InvalidInput(TradeAnalystError):
    """The request itself is wrong (bad symbol, start after end, unknown interval...)."""

    exit_code = 2
    code = "E-USAGE"
    default_hint = "see --help for the valid forms"


class AuthRequired(TradeAnalystError):
    """No usable token: the user must log in (again)."""

    exit_code = 3
    code = "E-AUTH"
    default_hint = "run 'ta auth login'"


class ProviderError(TradeAnalystError):
    """The provider failed or answered something unusable, after retries."""

    exit_code = 5
    code = "E-PROVIDER"
    default_hint = "try again later; use --provider mock to work offline"

    def __init__(self, message: str, hint: str | None = None, *, status: int | None = None):
        super().__init__(message, hint)
        self.status = status


class RateLimited(ProviderError):
    """The provider throttled us; ``retry_after`` is seconds to wait when it said so."""

    default_hint = "wait a minute, or lower [schwab] requests_per_minute"

    def __init__(
        self, message: str, hint: str | None = None, *, retry_after: float | None = None
    ) -> None:
        super().__init__(message, hint, status=429)
        self.retry_after = retry_after


class ResponseTooLarge(ProviderError):
    """The answer would be too large for the provider to send: asking again cannot help,
    asking for less (a narrower window, fewer strikes) can."""

    default_hint = "ask for less: a narrower date window or fewer strikes"


class NoData(TradeAnalystError):
    """The request was valid but nothing exists for it (a holiday, an expired contract...)."""

    exit_code = 4
    code = "E-NODATA"
    default_hint = "widen the date range or check the symbol trades in it"


class DataValidationFailed(TradeAnalystError):
    """Data arrived but failed validation with error-level findings (``--strict``)."""

    exit_code = 6
    code = "E-VALIDATION"
    default_hint = "run 'ta validate' on the data to see every finding"

    def __init__(self, message: str, hint: str | None = None, *, errors: int = 0) -> None:
        super().__init__(message, hint)
        self.errors = errors


class OutputFailed(TradeAnalystError):
    """Writing a result failed mid-run (disk full, permissions changed, device gone...).

    An output path that is unusable from the start is bad input (exit 2) instead, found
    before anything is fetched.
    """

    exit_code = 7
    code = "E-OUTPUT"
    default_hint = "check free space and permissions of the output path, then run again"

    def __init__(self, message: str, hint: str | None = None, *, path: str) -> None:
        super().__init__(message, hint)
        self.path = path


class DatasetWriteFailed(OutputFailed):
    """A dataset file could not be written; ``path`` says where. Nothing partial is left.

    ``completed`` lists the files (relative to the sink's root) that the same write had
    already committed, so a caller can report what finished; re-running completes the rest.
    """

    default_hint = "check that the output folder exists, is a folder and is writable"

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        path: str,
        completed: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message, hint, path=path)
        self.completed = completed


class DatasetDamaged(OutputFailed):
    """Stored dataset files are damaged and this run's data cannot rebuild them.

    A write repairs a damaged file only when its fresh rows provably hold every row the
    file held; otherwise it refuses before writing anything. ``paths`` names every such file.
    """

    default_hint = (
        "re-run the command that wrote these files (same symbols and dates) to rebuild them, "
        "or move them out of the dataset folder"
    )

    def __init__(self, message: str, hint: str | None = None, *, paths: tuple[str, ...]) -> None:
        super().__init__(message, hint, path=paths[0] if paths else "")
        self.paths = paths


class DatasetUnreadable(TradeAnalystError):
    """A stored dataset file cannot be read back (truncated, foreign, tampered with).

    Writes refuse to merge into a partition holding such a file rather than drop its rows.
    """

    exit_code = 1
    code = "E-INTERNAL"
    default_hint = "move the file named here out of the dataset folder, then run again"

    def __init__(self, message: str, hint: str | None = None, *, path: str) -> None:
        super().__init__(message, hint)
        self.path = path
