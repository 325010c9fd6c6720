"""Session templates: when a trade date's market is open, in the exchange's local time.

A template turns a trade date into its trading windows. Globex templates open the evening
before (17:00 CT, grains 19:00 CT) and close on the trade date; on halt holidays (the
NYSE-holiday Mondays/Thursdays/Fridays that are not CME trade dates) Globex trades from
the prior evening until a 12:00 CT halt, and those minutes belong to the next trade date.

Simplifications (the reference gives no more detail):
- Halt holidays use a 12:00 CT halt for every 17:00 CT template (equity index, energy,
  metals, rates, FX, crypto); the historical 10:30 CT halts (2006/2009) are not modelled.
- Grains and CFE do not trade on halt holidays (no halt window).
- NYSE half days close Globex at 12:15 CT for all 17:00 CT templates (the reference gives
  12:15 CT for equity index only; energy/metals vary by year and are not modelled).
  Grains keep regular hours on half days. CFE closes 12:15 CT the day after Thanksgiving
  only (as exchange_calendars' XCBF).
- Observed New Year / Christmas days and Good Friday are full closures for every template
  (Good Friday abbreviated sessions in some years are not modelled).
- The former 15:15-15:30 CT equity halt (until 2021-06-28) is not modelled.
- CFE extended (overnight) hours are not modelled: only the 08:30-15:15 CT regular session.

NYSE-listed equities also trade outside the session: pre-market from 04:00 ET and
post-market to 20:00 ET, or to 17:00 ET (four hours after the 13:00 close) on a half day.
"""

from datetime import time

import attrs

CHICAGO = "America/Chicago"
NEW_YORK = "America/New_York"


@attrs.frozen
class Segment:
    """One trading window of a trade date; it may open on the previous calendar day."""

    opens_previous_day: bool
    open: time
    close: time


@attrs.frozen
class ExtendedHours:
    """Trading before and after the regular session (pre- and post-market), local times.

    ``early_close``: when post-market ends on a session that closes early.
    """

    open: time
    close: time
    early_close: time


@attrs.frozen
class SessionTemplate:
    """How a product group's trade date maps to trading windows.

    ``halt_end``: the local time Globex halts on halt holidays (None: closed all day).
    ``half_day_close``: the local close on NYSE half days (None: the day table's own time).
    ``honours_half_days``: False when half days keep regular hours.
    ``extended``: pre- and post-market hours (None: the product trades only its segments).
    """

    name: str
    tz: str
    segments: tuple[Segment, ...]
    halt_end: time | None
    half_day_close: time | None
    honours_half_days: bool = True
    extended: ExtendedHours | None = None


def _globex(name: str) -> SessionTemplate:
    return SessionTemplate(
        name=name,
        tz=CHICAGO,
        segments=(Segment(True, time(17), time(16)),),
        halt_end=time(12),
        half_day_close=time(12, 15),
    )


TEMPLATES: dict[str, SessionTemplate] = {
    t.name: t
    for t in (
        _globex("equity_index"),
        _globex("energy"),
        _globex("metals"),
        _globex("rates"),
        _globex("fx"),
        _globex("crypto"),
        SessionTemplate(
            name="grains",
            tz=CHICAGO,
            segments=(
                Segment(True, time(19), time(7, 45)),
                Segment(False, time(8, 30), time(13, 20)),
            ),
            halt_end=None,
            half_day_close=None,
            honours_half_days=False,
        ),
        SessionTemplate(
            name="cfe",
            tz=CHICAGO,
            segments=(Segment(False, time(8, 30), time(15, 15)),),
            halt_end=None,
            half_day_close=None,
        ),
    )
}

NYSE_TEMPLATE = SessionTemplate(
    name="nyse",
    tz=NEW_YORK,
    segments=(Segment(False, time(9, 30), time(16)),),
    halt_end=None,
    half_day_close=None,
    extended=ExtendedHours(open=time(4), close=time(20), early_close=time(17)),
)
