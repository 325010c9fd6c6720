"""Build levels.v1 documents (the shape ``levels.v1.json`` publishes) from a levels result.

Field names keep the earlier tool's document (``R1``, ``S1``, ``VWAP``, ``quality``,
``provenance.provider_request_id``...) so its readers keep working; what it lacked
(R2/R3, bands, the prior bar, every request made, the contract) is added alongside.
"""

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the job imports ports and the domain; only types are needed here
    from trade_analyst.entrypoints.jobs.levels import LevelsResult

__all__ = ["levels_v1_document", "rfc3339"]


def rfc3339(value: dt.datetime) -> str:
    utc = value.astimezone(dt.UTC)
    text = utc.isoformat(timespec="seconds" if utc.microsecond == 0 else "milliseconds")
    return text.replace("+00:00", "Z")


def levels_v1_document(result: "LevelsResult", generated_at: dt.datetime) -> dict[str, object]:
    request, levels, vwap = result.request, result.levels, result.vwap
    futures = result.contract is not None
    roll = request.roll if futures else None
    from_root = futures and str(request.symbol) != result.symbol
    contract = (
        {
            "root": f"/{result.contract.root}",
            "contract": str(result.contract),
            "resolved_on": request.date.isoformat(),
            "roll_policy": roll if from_root else None,
            "from_root": from_root,
        }
        if result.contract is not None
        else None
    )
    bar = result.prior_bar
    anchor = request.anchor
    # Only an anchored document carries notes, so a session document is as it always was.
    notes: dict[str, object] = {} if anchor is None else {"notes": list(result.notes)}
    return {
        "version": "levels.v1",
        "symbol": result.symbol,
        "date": request.date.isoformat(),
        "session": "eth" if request.session == "extended" else "rth",
        "pivot_kind": levels.kind,
        "vwap_kind": result.vwap_kind,
        "input": {
            "symbol_raw": request.symbol_raw,
            "tz": "America/New_York",
            "anchor": None if anchor is None else anchor.isoformat(),
            "adjust": None if futures else "none",
            "roll": roll if from_root else None,
            "interval": result.interval,
            "precision": None,
        },
        "contract": contract,
        "prior_session": {
            "date": result.prior_date.isoformat(),
            "open": bar.open,
            "high": bar.high,
            "low": bar.low,
            "close": bar.close,
            "volume": bar.volume,
            "calendar": result.calendar,
        },
        "levels": {
            "pivot": levels.pivot,
            "R1": levels.r1,
            "R2": levels.r2,
            "R3": levels.r3,
            "S1": levels.s1,
            "S2": levels.s2,
            "S3": levels.s3,
            "VWAP": None if vwap is None else vwap.vwap,
        },
        "vwap": {
            "value": None if vwap is None else vwap.vwap,
            "stdev": None if vwap is None else vwap.stdev,
            "upper_1sd": None if vwap is None else vwap.upper_1,
            "lower_1sd": None if vwap is None else vwap.lower_1,
            "upper_2sd": None if vwap is None else vwap.upper_2,
            "lower_2sd": None if vwap is None else vwap.lower_2,
            "volume": None if vwap is None else vwap.volume,
            "bar_price": None if vwap is None else vwap.price,
            "unavailable_reason": result.vwap_reason if vwap is None else None,
        },
        "quality": {
            "vwap_method": result.vwap_method,
            "intraday_bar_count": result.bars_received,
            "bars_expected": result.bars_expected,
            "coverage_pct": result.coverage_pct,
        },
        "provenance": {
            "provider": result.provider,
            "provider_request_id": result.requests[0].id,
            "request_ids": [r.id for r in result.requests],
            "requests": [
                {
                    "id": r.id,
                    "purpose": r.purpose,
                    "symbol": r.symbol,
                    "interval": r.interval,
                    "session": r.session,
                    "start": rfc3339(r.start),
                    "end": rfc3339(r.end),
                    "bars": r.bars,
                }
                for r in result.requests
            ],
            "is_synthetic": result.synthetic,
            "session_window": result.span.label,
            "session_start": rfc3339(result.span.start),
            "session_end": rfc3339(result.span.end),
            "roll_mode": roll if from_root else None,
            "timestamp": rfc3339(generated_at),
        },
        **notes,
    }
