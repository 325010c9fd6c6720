"""The ``Clock`` contract: subclass and define a ``clock`` fixture."""

import datetime as dt
from zoneinfo import ZoneInfo

from trade_analyst.ports import Clock

ZONES = (ZoneInfo("America/New_York"), ZoneInfo("America/Chicago"), ZoneInfo("Asia/Tokyo"), dt.UTC)


class ClockContract:
    def test_now_is_aware_utc(self, clock: Clock) -> None:
        now = clock.now()
        assert now.tzinfo is not None
        assert now.utcoffset() == dt.timedelta(0)

    def test_now_never_goes_back(self, clock: Clock) -> None:
        first = clock.now()
        assert clock.now() >= first

    def test_today_is_the_local_date_of_now(self, clock: Clock) -> None:
        for zone in ZONES:
            before = clock.now()
            today = clock.today(zone)
            after = clock.now()
            # Bracketing allows a real clock to cross midnight between the calls.
            assert today in {before.astimezone(zone).date(), after.astimezone(zone).date()}
            assert type(today) is dt.date
