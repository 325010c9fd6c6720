"""``ta levels``: pivot levels from the prior session and the session (or anchored) VWAP
with bands."""

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Annotated, Literal

from cyclopts import Parameter

from trade_analyst.domain.futures import Policy
from trade_analyst.entrypoints.cli.context import CliContext, Context
from trade_analyst.entrypoints.cli.output import emit
from trade_analyst.entrypoints.jobs.levels import levels_record as levels_record
from trade_analyst.ports import TradingSession

if TYPE_CHECKING:
    from trade_analyst.entrypoints.jobs.levels import LevelsResult

Kind = Literal["classic", "fibonacci", "camarilla", "woodie", "demark"]
# levels-v1 is the earlier tool's alias of levels.v1, kept for its scripts.
LevelsFormat = Literal["table", "json", "csv", "levels.v1", "levels-v1", "ai-block"]
# What the global --format may say that levels can honour as one of its own formats.
_FROM_GLOBAL = {"table": "table", "json": "json", "csv": "csv", "jsonl": "jsonl"}


def levels(
    symbol: str,
    *,
    date: dt.date,
    kind: Kind = "classic",
    session: TradingSession = "regular",
    roll: Policy | None = None,
    anchor: dt.date | None = None,
    as_: Annotated[LevelsFormat | None, Parameter(name=["--as", "--output", "-o"])] = None,
    context: Context,
) -> int:
    """Pivot levels from the prior session's daily bar, and the VWAP of DATE with bands.

    Parameters
    ----------
    symbol
        An equity or index (AAPL, $SPX), a futures root (/ES: its front contract on DATE)
        or a contract (/ESZ25).
    date
        The session the levels are for (YYYY-MM-DD); pivots come from the session before.
    kind
        Pivot formula: classic, fibonacci, camarilla, woodie or demark.
    session
        VWAP window: regular (09:30-16:00 ET) or extended (04:00-20:00 ET for equities,
        the whole Globex session for futures).
    roll
        Roll policy picking a futures root's contract (default: futures.roll_policy).
    anchor
        Anchored VWAP: a session on or before DATE (YYYY-MM-DD); the VWAP and its bands
        cover every bar from that session's start through the end of DATE's session
        (a futures root keeps DATE's front contract for the whole window).
    as_
        Output: table, json, csv, levels.v1 (the published JSON document) or ai-block;
        the global --format also accepts levels.v1 and ai-block here.
    """
    from trade_analyst.entrypoints.bootstrap import build_clock
    from trade_analyst.entrypoints.cli.runtime import market_today, open_market_data
    from trade_analyst.entrypoints.cli.stop_signals import run_until_stopped
    from trade_analyst.entrypoints.jobs.levels import LevelsRequest, compute_levels
    from trade_analyst.entrypoints.jobs.requests import parse_symbols

    fmt = _format(as_, context)
    clock = build_clock()
    today = market_today(clock)
    parsed = parse_symbols([symbol], today)[0]
    request = LevelsRequest(
        parsed, symbol, date, kind, session, roll or context.settings.roll_policy, anchor
    )

    async def run() -> "LevelsResult":
        async with open_market_data(context, clock) as market:
            return await compute_levels(
                market, request, today=today, synthetic=context.provider == "mock"
            )

    result = run_until_stopped(run)
    if result.vwap is None:
        context.note(f"warning: VWAP unavailable: {result.vwap_reason}")
    for note in result.notes:
        context.note(f"note: {note}")
    _print(result, fmt, clock.now(), context)
    return 0


def _format(requested: str | None, context: CliContext) -> str:
    from trade_analyst.ports import InvalidInput

    if requested is not None:
        return requested
    chosen = _FROM_GLOBAL.get(context.output_format)
    if chosen is None:
        raise InvalidInput(
            f"levels cannot be written as {context.output_format}",
            "use --format table, json, csv, levels.v1 or ai-block",
        )
    return chosen


def _print(result: "LevelsResult", fmt: str, now: dt.datetime, context: CliContext) -> None:
    from trade_analyst.entrypoints.schemas.levels_v1 import levels_v1_document

    if fmt in ("levels.v1", "levels-v1"):
        sys.stdout.write(
            json.dumps(levels_v1_document(result, now), indent=2, ensure_ascii=False) + "\n"
        )
    elif fmt == "ai-block":
        sys.stdout.write(ai_block(result))
        context.note(provenance_line(result, now))
    elif fmt == "table":
        from trade_analyst.entrypoints.cli.table_view import View

        emit([levels_record(result)], "table", view=View(one_per_line=True))
    else:
        emit([levels_record(result)], fmt, single=True)


def ai_block(result: "LevelsResult") -> str:
    """The earlier tool's block, line for line (scripts parse it): R1, S1 and VWAP with
    four decimals, ``N/A`` for a missing VWAP."""
    vwap = "N/A" if result.vwap is None else f"{result.vwap.vwap:.4f}"
    return (
        "[AI_DATA_BLOCK_START]\n"
        f"R1: {result.levels.r1:.4f}\n"
        f"S1: {result.levels.s1:.4f}\n"
        f"VWAP: {vwap}\n"
        "[AI_DATA_BLOCK_END]\n"
    )


def provenance_line(result: "LevelsResult", now: dt.datetime) -> str:
    """The stderr line that accompanies an ai-block (the prefix and lowercase booleans the
    earlier tool's documents specified)."""
    from trade_analyst.entrypoints.schemas.levels_v1 import rfc3339

    return (
        f"[PROVENANCE] data_source={result.provider} "
        f"is_synthetic={'true' if result.synthetic else 'false'} "
        f"vwap_method={result.vwap_method} provider_request_id={result.requests[0].id} "
        f"source_session={result.span.label} timestamp={rfc3339(now)}"
    )
