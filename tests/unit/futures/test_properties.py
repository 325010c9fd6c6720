"""Laws of the futures domain, stated as Hypothesis properties over every root.

The laws live in the package (``trade_analyst.testing.laws.futures``) so that
``python -m trade_analyst.testing`` checks them on an installation; here they run under the
project's Hypothesis profile.
"""

from trade_analyst.testing.laws import futures as laws

test_last_trade_date_is_a_trade_date_of_the_exchange = (
    laws.last_trade_date_is_a_trade_date_of_the_exchange.test()
)
test_first_notice_comes_before_the_last_trade_date = (
    laws.first_notice_comes_before_the_last_trade_date.test()
)
test_roll_date_is_a_trade_date_no_later_than_expiry = (
    laws.roll_date_is_a_trade_date_no_later_than_expiry.test()
)
test_front_month_is_never_expired = laws.front_month_is_never_expired.test()
test_auto_front_never_expires_before_the_expiry_front = (
    laws.auto_front_never_expires_before_the_expiry_front.test()
)
test_roll_schedule_is_consistent_with_front_month = (
    laws.roll_schedule_is_consistent_with_front_month.test()
)
test_listed_contracts_are_live_in_cycle_and_sorted = (
    laws.listed_contracts_are_live_in_cycle_and_sorted.test()
)
test_next_contract_expires_later = laws.next_contract_expires_later.test()
