"""Errors that commands raise to end the run with a documented exit code."""

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_NO_DATA = 4
EXIT_PROVIDER = 5
EXIT_VALIDATION = 6
EXIT_OUTPUT = 7

# Stable machine-readable codes for the JSON error envelope, by exit code.
ERROR_CODES = {
    EXIT_INTERNAL: "E-INTERNAL",
    EXIT_USAGE: "E-USAGE",
    EXIT_AUTH: "E-AUTH",
    EXIT_NO_DATA: "E-NODATA",
    EXIT_PROVIDER: "E-PROVIDER",
    EXIT_VALIDATION: "E-VALIDATION",
    EXIT_OUTPUT: "E-OUTPUT",
}


class CliError(Exception):
    """A failure to report as one ``error:`` line, one ``hint:`` line and an exit code."""

    def __init__(self, message: str, hint: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code


def usage_error(message: str, hint: str) -> CliError:
    """Bad input from the user: exit 2."""
    return CliError(message, hint, EXIT_USAGE)
