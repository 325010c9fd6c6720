"""``ta options ...``: statistics of an underlying's option chain."""

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from cyclopts import App, Parameter

from trade_analyst.entrypoints.cli.context import CliContext, Context
from trade_analyst.entrypoints.cli.view_options import Columns, TimeZone

if TYPE_CHECKING:
    from trade_analyst.domain.models import OptionChain
    from trade_analyst.domain.options import ConstantMaturityIv, ExpirationStats, IvRank

options_app = App(name="options", help="Options statistics of an underlying's chain.")


@options_app.command
def stats(
    underlying: str,
    *,
    expiration: dt.date | None = None,
    rate: float = 0.04,
    window: int = 252,
    min_history: int = 20,
    record: Annotated[bool, Parameter(negative="--no-record")] = True,
    out: Path | None = None,
    columns: Columns = None,
    tz: TimeZone = None,
    context: Context,
) -> int:
    """Put/call ratios, ATM IV, 25-delta skew, expected move, max pain, IV rank.

    One record per expiration, then a total record. Ratios are puts / calls;
    with no calls the ratio is empty and the notes say so. ATM IV is
    interpolated in strike at the underlying price; the 25-delta skew is the
    25-delta put's IV minus the 25-delta call's; the expected move is the ATM
    straddle (call + put mid at the strike nearest the underlying); max pain
    is the strike at which option holders are paid least.

    Each run records today's 30-day ATM IV (total variance interpolated
    between expirations) in the iv_history dataset under --out DIR, else under
    output.data_dir when a config file or TA_OUTPUT_DATA_DIR sets it (without
    either nothing is recorded): one row per underlying, provider and New York
    date. IV rank and percentile use the last --window observations of the same
    provider once --min-history exist; until then the notes say how many do.
    A failed recording is a warning after the statistics, not a failed run.

    Parameters
    ----------
    underlying
        The underlying symbol, e.g. AAPL or $SPX.
    expiration
        Only this expiration (YYYY-MM-DD); the 30-day IV still uses the ones around it.
    rate
        Risk-free rate (annual fraction) for volatilities and deltas the provider did not
        supply, and for the parity-implied forward.
    window
        IV rank window in observations (252: a trading year).
    min_history
        Observations needed before IV rank and percentile are given.
    record
        Record today's ATM IV in iv_history (--no-record to only read it).
    out
        Data folder holding the iv_history dataset (default: output.data_dir if configured).
    """
    from trade_analyst.domain.symbols import FuturesContract, FuturesRoot
    from trade_analyst.entrypoints.bootstrap import build_clock, build_sink
    from trade_analyst.entrypoints.cli.errors import usage_error
    from trade_analyst.entrypoints.cli.output import emit
    from trade_analyst.entrypoints.cli.runtime import (
        ensure_writable,
        market_today,
        open_market_data,
    )
    from trade_analyst.entrypoints.cli.stop_signals import run_until_stopped
    from trade_analyst.entrypoints.cli.table_view import View
    from trade_analyst.entrypoints.jobs.options_stats import (
        OptionsStatsRequest,
        compute_stats,
        fetch_chain,
        rank_and_record,
    )
    from trade_analyst.entrypoints.jobs.requests import parse_symbols
    from trade_analyst.entrypoints.version import app_version
    from trade_analyst.ports import Provenance

    if window < 2 or min_history < 2:
        raise usage_error(
            f"--window and --min-history must be at least 2 (got {window}, {min_history})",
            "IV rank needs a range of observations; the defaults are 252 and 20",
        )
    if not -0.5 < rate < 1.0:
        raise usage_error(f"--rate {rate} is not an annual rate", "write 5% as --rate 0.05")
    if out is not None and record:
        ensure_writable(out)  # a folder given by hand is checked before fetching (exit 2)
    clock = build_clock()
    today = market_today(clock)
    (symbol,) = parse_symbols([underlying], today)
    on_futures = isinstance(symbol, FuturesRoot | FuturesContract)
    request = OptionsStatsRequest(
        underlying=str(symbol),
        expiration=expiration,
        rate=rate,
        window=window,
        min_history=min_history,
        record=record,
        model="black76" if on_futures else "black_scholes",
    )

    async def fetch() -> "OptionChain":
        async with open_market_data(context, clock) as market:
            return await fetch_chain(market, request, today)

    chain = run_until_stopped(fetch)
    as_of = clock.now()
    _, shown, iv_30d = compute_stats(chain, request, as_of)
    synthetic = context.provider == "mock"
    folder = out if out is not None else _configured_data_dir(context)
    sink = build_sink(folder, "parquet", clock) if folder is not None else None
    provenance = Provenance.of(
        provider=context.provider,
        synthetic=synthetic,
        app_version=app_version(),
        request={"command": "options stats", "underlying": request.underlying},
    )
    ranked = rank_and_record(
        sink,
        request,
        iv_30d,
        symbol=request.underlying,
        provider=context.provider,
        synthetic=synthetic,
        underlying_price=chain.underlying_price,
        as_of=as_of,
        today=today,
        provenance=provenance,
    )
    if ranked.recorded:
        context.detail(f"recorded {request.underlying} ATM IV in {folder}")
    base = {"underlying": request.underlying, "as_of": as_of, "provider": context.provider,
            "synthetic": synthetic, "underlying_price": chain.underlying_price}  # fmt: skip
    records = [_expiration_record(base, s) for s in shown]
    no_folder = NO_DATA_FOLDER if folder is None else None
    total = _total_record(base, shown, iv_30d, ranked.rank, ranked.recorded, no_folder)
    records.append(total)
    # A table shows the notes under it, one a line, not in a cell.
    view = View(TABLE_FIELDS, columns=columns, tz=tz, notes="notes", label=NOTE_LABEL)
    emit(records, context.output_format, view=view)
    if ranked.record_failure is not None:  # the statistics stand: a warning, exit 0
        failure = ranked.record_failure
        context.note(f"warning: iv_history not recorded: {failure.message} ({failure.hint})")
    return 0


NO_DATA_FOLDER = "iv_history not kept: no data folder (give --out DIR or set [output] data_dir)"


def _configured_data_dir(context: CliContext) -> Path | None:
    """The configured data folder; the built-in default is never written to unasked."""
    settings = context.settings
    return settings.data_dir if settings.data_dir_configured else None


# Table columns, most useful first (every field would not fit a terminal).
TABLE_FIELDS = (
    "scope", "expiration", "atm_iv", "expected_move", "put_call_volume_ratio",
    "put_call_oi_ratio", "skew_25d", "max_pain", "iv_30d", "iv_rank", "iv_percentile",
    "days_to_expiration", "iv_history_observations",
)  # fmt: skip
# What names a row in the notes printed under the table.
NOTE_LABEL = ("scope", "expiration")


_EMPTY_TAIL = {
    "iv_30d": None, "iv_30d_method": None, "iv_rank": None, "iv_percentile": None,
    "iv_history_observations": None, "iv_history_used": None, "iv_recorded": None,
}  # fmt: skip


def _round(value: float | None, places: int = 6) -> float | None:
    return None if value is None else round(value, places)


def _expiration_record(base: dict[str, object], s: "ExpirationStats") -> dict[str, object]:
    notes = [n for n in (s.volume_ratio.note, s.oi_ratio.note) if n] + list(s.notes)
    return {
        **base,
        "scope": "expiration",
        "expiration": s.expiration,
        "days_to_expiration": _round(s.days, 3),
        "contracts": s.contracts,
        "call_volume": s.volume_ratio.calls,
        "put_volume": s.volume_ratio.puts,
        "put_call_volume_ratio": _round(s.volume_ratio.value),
        "call_open_interest": s.oi_ratio.calls,
        "put_open_interest": s.oi_ratio.puts,
        "put_call_oi_ratio": _round(s.oi_ratio.value),
        "atm_strike": s.atm_strike,
        "atm_iv": _round(s.atm_iv),
        "put_25d_iv": _round(s.put_25d_iv),
        "call_25d_iv": _round(s.call_25d_iv),
        "skew_25d": _round(s.skew_25d),
        "expected_move": _round(s.straddle, 4),
        "expected_move_pct": _round(s.expected_move_pct, 4),
        "implied_forward": _round(s.implied_forward, 4),
        "max_pain": s.max_pain,
        **_EMPTY_TAIL,
        "notes": "; ".join(notes) or None,
    }


def _total_record(
    base: dict[str, object],
    shown: Sequence["ExpirationStats"],
    iv_30d: "ConstantMaturityIv",
    rank: "IvRank",
    recorded: bool,
    history_note: str | None,
) -> dict[str, object]:
    from trade_analyst.domain.options import put_call_ratio

    volume = put_call_ratio(sum(s.volume_ratio.puts for s in shown),
                            sum(s.volume_ratio.calls for s in shown), "volume")  # fmt: skip
    interest = put_call_ratio(sum(s.oi_ratio.puts for s in shown),
                              sum(s.oi_ratio.calls for s in shown), "open interest")  # fmt: skip
    notes = [n for n in (volume.note, interest.note, iv_30d.note, rank.reason, history_note) if n]
    record = dict.fromkeys(_expiration_record(base, shown[0]) if shown else (), None)
    record.update(base)
    record.update(
        {
            "scope": "total",
            "contracts": sum(s.contracts for s in shown),
            "call_volume": volume.calls,
            "put_volume": volume.puts,
            "put_call_volume_ratio": _round(volume.value),
            "call_open_interest": interest.calls,
            "put_open_interest": interest.puts,
            "put_call_oi_ratio": _round(interest.value),
            "iv_30d": _round(iv_30d.value),
            "iv_30d_method": iv_30d.method,
            "iv_rank": _round(rank.rank, 2),
            "iv_percentile": _round(rank.percentile, 2),
            "iv_history_observations": rank.observations,
            "iv_history_used": rank.used,
            "iv_recorded": recorded,
            "notes": "; ".join(notes) or None,
        }
    )
    return record
