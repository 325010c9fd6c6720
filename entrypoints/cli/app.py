"""The ``ta`` command line: global options, lazy command registration, error mapping.

Commands live in their own modules and are registered by import path, so ``ta --help``
imports only cyclopts; a command's module (and whatever it needs) loads when it runs.
"""

import errno
import sys
from pathlib import Path
from typing import Annotated, Literal, TextIO

from cyclopts import App, CycloptsError, Parameter

from trade_analyst.entrypoints.cli.errors import EXIT_INTERNAL, EXIT_USAGE, CliError
from trade_analyst.entrypoints.cli.help_text import EXAMPLES, WrappedHelp
from trade_analyst.entrypoints.cli.stop_signals import sigterm_stops_like_ctrl_c, stop_reason
from trade_analyst.entrypoints.start_up import start_up_done
from trade_analyst.entrypoints.version import app_version

app = App(
    name="ta",
    # The examples follow the summary (an epilogue would repeat under every command's help).
    help="Market data for Schwab traders: futures contracts and rolls, NYSE/CME calendars."
    f"\n\n{EXAMPLES}",
    version=app_version,
    # Plain text renders ~35 ms faster than the default Markdown (no markdown-it import);
    # WrappedHelp re-wraps its docstring paragraphs between words.
    help_format="plaintext",
    help_formatter=WrappedHelp(),
    # A list option takes values; an --empty-NAME flag to pass an empty list is noise.
    default_parameter=Parameter(negative_iterable=()),
)
app.command(
    "trade_analyst.entrypoints.cli.market_commands:quotes",
    name="quotes",
    help="Latest quotes of symbols.",
)
app.command(
    "trade_analyst.entrypoints.cli.history_command:history",
    name="history",
    help="Price bars (futures roots as continuous series); datasets with --out.",
)
app.command(
    "trade_analyst.entrypoints.cli.market_commands:chain",
    name="chain",
    help="An option chain with greeks.",
)
app.command(
    "trade_analyst.entrypoints.cli.market_commands:hours",
    name="hours",
    help="Market hours of a date.",
)
app.command(
    "trade_analyst.entrypoints.cli.market_commands:movers",
    name="movers",
    help="Top movers of an index.",
)
app.command(
    "trade_analyst.entrypoints.cli.market_commands:instruments",
    name="instruments",
    help="Search instruments by symbol or description.",
)
app.command(
    "trade_analyst.entrypoints.cli.validate_command:validate",
    name="validate",
    help="Validate stored datasets; exit 6 on error findings.",
)
app.command(
    "trade_analyst.entrypoints.cli.auth_commands:auth_app",
    name="auth",
    help="Schwab login: log in, token status, refresh, log out.",
)
app.command(
    "trade_analyst.entrypoints.cli.health_command:health",
    name="health",
    help="Check config, vault, token, provider and output folder; exit 3/5 on problems.",
)
app.command(
    "trade_analyst.entrypoints.cli.levels_command:levels",
    name="levels",
    help="Pivot levels from the prior session and the session VWAP with bands.",
)
app.command(
    "trade_analyst.entrypoints.cli.chart_command:chart",
    name="chart",
    help="A chart in one HTML file: candles, volume, pivot levels, VWAP bands, moving averages.",
)
app.command(
    "trade_analyst.entrypoints.cli.indicators_command:indicators",
    name="indicators",
    help="Price bars with indicator columns (SMA, EMA, RSI, ATR, Bollinger, MACD, volatility).",
)
app.command(
    "trade_analyst.entrypoints.cli.futures_commands:futures_app",
    name="futures",
    help="Futures contracts: specs, last trade dates, front month, roll schedules.",
)
app.command(
    "trade_analyst.entrypoints.cli.calendar_commands:calendar_app",
    name="calendar",
    help="Exchange calendars (nyse, cme, or a futures root): sessions, holidays, status.",
)
app.command(
    "trade_analyst.entrypoints.cli.options_commands:options_app",
    name="options",
    help="Options statistics: put/call ratios, ATM IV, skew, expected move, max pain, IV rank.",
)
app.command(
    "trade_analyst.entrypoints.cli.trades_commands:trades_app",
    name="trades",
    help="Trade-flow analytics: classify trades as buys or sells against prevailing quotes.",
)
app.command(
    "trade_analyst.entrypoints.cli.selftest_command:selftest",
    name="selftest",
    help="Check the domain's laws on this installation; exit 6 when one fails.",
)

Format = Literal["table", "json", "csv", "jsonl", "parquet"]
Provider = Literal["mock", "schwab"]


@app.meta.default
def launcher(
    *tokens: Annotated[str, Parameter(show=False, allow_leading_hyphen=True)],
    format: Annotated[  # the flag is --format by design
        Format | None,
        Parameter(
            help="Output format (default: table on a terminal, json when piped); jsonl and "
            "parquet also apply to datasets written with --out."
        ),
    ] = None,
    provider: Annotated[
        Provider | None,
        Parameter(help="Market-data provider (default: general.provider from config)."),
    ] = None,
    config: Annotated[Path | None, Parameter(help="Configuration file to read.")] = None,
    verbose: Annotated[
        int, Parameter(name=["--verbose", "-v"], count=True, help="More detail on stderr.")
    ] = 0,
    quiet: Annotated[
        bool, Parameter(name=["--quiet", "-q"], negative="", help="Only errors on stderr.")
    ] = False,
) -> int:
    """Resolve global options, then run the command with a ``CliContext`` injected."""
    # Imported here, not at the top: `ta --help` and `--version` never need them.
    from trade_analyst.entrypoints.cli.context import CliContext
    from trade_analyst.entrypoints.cli.inputs import check_argument_dates
    from trade_analyst.entrypoints.cli.logs import configure_logging
    from trade_analyst.entrypoints.cli.output import resolve_format
    from trade_analyst.entrypoints.config import ConfigError, load_settings

    try:
        settings = load_settings(config)
    except ConfigError as exc:
        raise CliError(str(exc), exc.hint) from exc
    context = CliContext(
        settings=settings,
        output_format=resolve_format(format, settings.output_format, sys.stdout),
        verbosity=-1 if quiet else verbose,
        provider=provider or settings.provider,
    )
    configure_logging(context.verbosity)
    _refuse_empty_out(tokens)
    command, bound, ignored = app.parse_args(tokens, exit_on_error=False, print_error=False)
    check_argument_dates(bound.arguments.values())
    if "context" in ignored:
        bound.arguments["context"] = context
    start_up_done()  # the command starts: collect as usual from here
    result = command(*bound.args, **bound.kwargs)
    return result if isinstance(result, int) else 0


def _refuse_empty_out(tokens: tuple[str, ...]) -> None:
    """``--out ''`` is a mistake (an unset variable), not the current folder it parses as."""
    for index, word in enumerate(tokens):
        value = tokens[index + 1] if word == "--out" and index + 1 < len(tokens) else None
        if word.startswith("--out="):
            value = word.split("=", 1)[1]
        if value is not None and not value.strip():
            raise CliError("--out is empty", "give --out a path, e.g. --out data", EXIT_USAGE)


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: run ``ta`` and return its exit code."""
    tokens = _levels_formats(sys.argv[1:] if argv is None else argv)
    with sigterm_stops_like_ctrl_c():
        return _run(tokens)


def _run(tokens: list[str]) -> int:
    """Run the command line; every failure becomes an ``error:`` line and an exit code."""
    try:
        result = app.meta(
            tokens, exit_on_error=False, print_error=False, result_action="return_value"
        )
    except CliError as exc:
        report_error(exc.message, exc.hint, exc.exit_code, _requested_format(tokens), sys.stderr)
        return exc.exit_code
    except CycloptsError as exc:
        report_error(
            _first_line(exc), _hint_for(exc), EXIT_USAGE, _requested_format(tokens), sys.stderr
        )
        return EXIT_USAGE
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (see stop_signals)
        stop = stop_reason()
        sys.stderr.write(f"error: {stop.word}\n")
        return stop.exit_code
    except BrokenPipeError:
        return 0  # `ta ... | head` closed the pipe: not an error worth a traceback
    except Exception as exc:
        known = _known_failure(exc)
        if known is not None:
            report_error(*known, _requested_format(tokens), sys.stderr)
            return known[2]
        # The last line of defence: a bug gets one line, never a bare traceback.
        report_error(
            f"internal error: {type(exc).__name__}: {exc}",
            "this is a bug in trade-analyst; please report it with the command you ran",
            EXIT_INTERNAL,
            _requested_format(tokens),
            sys.stderr,
        )
        return EXIT_INTERNAL
    return result if isinstance(result, int) else 0


# Formats only `ta levels` prints; the global --format knows the ones every command shares.
_LEVELS_FORMATS = ("levels.v1", "levels-v1", "ai-block")
_GLOBAL_VALUED = ("--format", "--provider", "--config")


def _levels_formats(tokens: list[str]) -> list[str]:
    """``ta levels ... --format levels.v1`` (the documented syntax) as levels' own ``--as``."""
    words = list(tokens)
    index = 0
    while index < len(words) and words[index].startswith("-"):
        index += 2 if words[index] in _GLOBAL_VALUED else 1  # skip global options first
    if index >= len(words) or words[index] != "levels":
        return words
    for position, word in enumerate(words):
        value = words[position + 1] if position + 1 < len(words) else None
        if word == "--format" and value in _LEVELS_FORMATS:
            words[position] = "--as"
        elif word.startswith("--format=") and word.split("=", 1)[1] in _LEVELS_FORMATS:
            words[position] = "--as=" + word.split("=", 1)[1]
    return words


def report_error(message: str, hint: str, exit_code: int, fmt: str | None, err: TextIO) -> None:
    """``error:``/``hint:`` lines (see entrypoints.cli.output), loaded only on failure."""
    from trade_analyst.entrypoints.cli.output import report_error as write_error

    write_error(message, hint, exit_code, fmt, err)


def _known_failure(exc: Exception) -> tuple[str, str, int] | None:
    """Message, hint and exit code for the error types the layers below raise on purpose."""
    # Imported here: the happy path of `ta --help` must not pay for ports or domain.
    from trade_analyst.domain.errors import DomainError
    from trade_analyst.ports import OutputFailed, TradeAnalystError

    if isinstance(exc, TradeAnalystError):
        return exc.message, exc.hint, exc.exit_code
    if isinstance(exc, DomainError):
        return str(exc), "see 'ta --help' and the command's --help for valid input", EXIT_USAGE
    if isinstance(exc, OSError) and exc.errno in _OUTPUT_ERRNOS:
        where = f" {exc.filename}" if exc.filename else ""
        return (
            f"cannot write{where}: {exc.strerror or exc}",
            OutputFailed.default_hint,
            OutputFailed.exit_code,
        )
    return None


# Failures of the storage under a write in progress (stdout included: `ta ... > /dev/full`);
# anything else an OSError says (a missing input file...) is not an output failure.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO})


def _first_line(exc: CycloptsError) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _hint_for(exc: CycloptsError) -> str:
    chain = " ".join(exc.command_chain or ())
    target = f"ta {chain} --help" if chain else "ta --help"
    if "into date" in str(exc):
        return f"dates are written YYYY-MM-DD (e.g. 2025-06-20); see '{target}'"
    return f"see '{target}' for usage"


def _requested_format(tokens: list[str]) -> str | None:
    """The --format value as typed, for error reporting before options are parsed."""
    for index, word in enumerate(tokens):
        if word == "--format" and index + 1 < len(tokens):
            return tokens[index + 1]
        if word.startswith("--format="):
            return word.split("=", 1)[1]
    return None if sys.stdout.isatty() else "json"
