"""Session templates: when a trade date's market is open, in the exchange's local time.

A template turns a trade date into its trading windows. Globex templates open the evening
before (17:00 CT, grains 19:00 CT) and close on the trade date. What changes around
holidays (halts, early closes, dated exceptions) is per product group, in ``cme_hours``.

Simplifications:
- Each template has one set of regular hours for 1990-2060: the former 15:15-15:30 CT
  equity halt (until 2021-06-28), the longer grain hours before 2013 and the livestock
  hours before 2016-02-29 (09:05-16:00 CT Monday and so on) are not modelled.
- Livestock (LE, HE, GF) trades 08:30-13:05 CT on Globex, day session only (CME livestock
  hours change of 2016-02-29).
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
    """How a product group's trade date maps to its regular trading windows.

    ``extended``: pre- and post-market hours (None: the product trades only its segments).
    """

    name: str
    tz: str
    segments: tuple[Segment, ...]
    extended: ExtendedHours | None = None


def _globex(name: str) -> SessionTemplate:
    return SessionTemplate(name=name, tz=CHICAGO, segments=(Segment(True, time(17), time(16)),))


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
        ),
        SessionTemplate(
            name="livestock",
            tz=CHICAGO,
            segments=(Segment(False, time(8, 30), time(13, 5)),),
        ),
        SessionTemplate(
            name="cfe",
            tz=CHICAGO,
            segments=(Segment(False, time(8, 30), time(15, 15)),),
        ),
    )
}

NYSE_TEMPLATE = SessionTemplate(
    name="nyse",
    tz=NEW_YORK,
    segments=(Segment(False, time(9, 30), time(16)),),
    extended=ExtendedHours(open=time(4), close=time(20), early_close=time(17)),
)
