"""Round-trip laws: parse(format(x)) == x, and format(parse(s)) is a fixed point.

The laws live in the package (``trade_analyst.testing.laws.symbols``) so that
``python -m trade_analyst.testing`` checks them on an installation; here they run under the
project's Hypothesis profile.
"""

from trade_analyst.testing.laws import symbols as laws

test_parse_inverts_format_for_every_kind = laws.parse_inverts_format_for_every_kind.test()
test_parse_inverts_format_regardless_of_case_and_outer_whitespace = (
    laws.parse_inverts_format_regardless_of_case_and_outer_whitespace.test()
)
test_kind_survives_round_trip = laws.kind_survives_round_trip.test()
test_format_of_parse_is_idempotent = laws.format_of_parse_is_idempotent.test()
test_parse_raises_only_invalid_symbol = laws.parse_raises_only_invalid_symbol.test()
test_contract_alternate_spellings_parse_to_the_same_contract = (
    laws.contract_alternate_spellings_parse_to_the_same_contract.test()
)
test_one_digit_year_picks_the_year_within_window = (
    laws.one_digit_year_picks_the_year_within_window.test()
)
test_compact_occ_form_parses_to_the_same_option = (
    laws.compact_occ_form_parses_to_the_same_option.test()
)
