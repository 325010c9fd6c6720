"""One switch for every cache the futures rules keep (tests start each case cold with it)."""

from trade_analyst.domain.calendars import _clear_caches as clear_calendar_caches
from trade_analyst.domain.futures import days, expiry, rolls


def clear_caches() -> None:
    """Forget cached dates and rolls, and the calendars' year tables they were computed from.

    Caches are invisible in normal use; they matter when the rules or calendars they were
    computed from change inside one process (tests, mutation testing, benchmarks).
    """
    expiry.ltd_of.cache_clear()
    expiry.fnd_of.cache_clear()
    rolls._roll_date_of.cache_clear()
    days._session_test.cache_clear()  # holds the calendars clearing theirs replaces
    clear_calendar_caches()
