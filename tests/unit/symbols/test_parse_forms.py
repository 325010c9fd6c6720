"""Every accepted spelling maps to the right symbol; everything else is InvalidSymbol."""

import datetime as dt
from decimal import Decimal

import pytest

from trade_analyst.domain.errors import InvalidSymbol
from trade_analyst.domain.symbols import (
    Equity,
    EquityOption,
    ForexPair,
    FuturesContract,
    FuturesOption,
    FuturesRoot,
    Index,
    Symbol,
    parse_symbol,
)

TODAY = dt.date(2025, 6, 15)

AAPL_200C = EquityOption("AAPL", dt.date(2025, 12, 19), "C", Decimal(200))


@pytest.mark.parametrize(
    ("text", "expected", "canonical"),
    [
        ("AAPL", Equity("AAPL"), "AAPL"),
        ("aapl", Equity("AAPL"), "AAPL"),
        ("  msft \n", Equity("MSFT"), "MSFT"),
        ("ES", Equity("ES"), "ES"),
        ("BRK.B", Equity("BRK.B"), "BRK.B"),
        ("BRK/B", Equity("BRK.B"), "BRK.B"),
        ("brk-b", Equity("BRK.B"), "BRK.B"),
        ("$SPX", Index("SPX"), "$SPX"),
        ("$spx.x", Index("SPX"), "$SPX"),
        ("$COMPX", Index("COMPX"), "$COMPX"),
        ("/ES", FuturesRoot("ES"), "/ES"),
        ("/sr3", FuturesRoot("SR3"), "/SR3"),
        ("/6E", FuturesRoot("6E"), "/6E"),
        ("/M2K", FuturesRoot("M2K"), "/M2K"),
        ("/ESZ25", FuturesContract("ES", 12, 2025), "/ESZ25"),
        ("ESZ25", FuturesContract("ES", 12, 2025), "/ESZ25"),
        ("/ESZ2025", FuturesContract("ES", 12, 2025), "/ESZ25"),
        ("ESZ2025", FuturesContract("ES", 12, 2025), "/ESZ25"),
        ("/ESZ5", FuturesContract("ES", 12, 2025), "/ESZ25"),
        ("ESZ5", FuturesContract("ES", 12, 2025), "/ESZ25"),
        ("/esh26", FuturesContract("ES", 3, 2026), "/ESH26"),
        ("/GCG24", FuturesContract("GC", 2, 2024), "/GCG24"),
        ("/SR3H26", FuturesContract("SR3", 3, 2026), "/SR3H26"),
        ("/6EU25", FuturesContract("6E", 9, 2025), "/6EU25"),
        ("/MNQZ25", FuturesContract("MNQ", 12, 2025), "/MNQZ25"),
        ("/ESZ1999", FuturesContract("ES", 12, 1999), "/ESZ1999"),
        ("AAPL  251219C00200000", AAPL_200C, "AAPL  251219C00200000"),
        ("AAPL251219C00200000", AAPL_200C, "AAPL  251219C00200000"),
        ("aapl  251219c00200000", AAPL_200C, "AAPL  251219C00200000"),
        (
            "SPXW  251208C06880000",
            EquityOption("SPXW", dt.date(2025, 12, 8), "C", Decimal(6880)),
            "SPXW  251208C06880000",
        ),
        (
            "DJX   231215P00290500",
            EquityOption("DJX", dt.date(2023, 12, 15), "P", Decimal("290.5")),
            "DJX   231215P00290500",
        ),
        (
            "./OZCZ23C565",
            FuturesOption("OZC", 12, 2023, "C", "565"),
            "./OZCZ23C565",
        ),
        (
            "./ADUF23C0.55",
            FuturesOption("ADU", 1, 2023, "C", "0.55"),
            "./ADUF23C0.55",
        ),
        ("EUR/USD", ForexPair("EUR", "USD"), "EUR/USD"),
        ("usd/jpy", ForexPair("USD", "JPY"), "USD/JPY"),
    ],
)
def test_accepted_forms(text: str, expected: Symbol, canonical: str) -> None:
    parsed = parse_symbol(text, today=TODAY)
    assert parsed == expected
    assert str(parsed) == canonical


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("AAPL", "equity"),
        ("$SPX", "index"),
        ("/ES", "future_root"),
        ("/ESZ25", "future"),
        ("AAPL  251219C00200000", "option"),
        ("./OZCZ23C565", "future_option"),
        ("EUR/USD", "forex"),
    ],
)
def test_kind(text: str, kind: str) -> None:
    assert parse_symbol(text).kind == kind


@pytest.mark.parametrize(
    ("digit", "today", "year"),
    [
        ("5", dt.date(2025, 6, 15), 2025),
        ("4", dt.date(2025, 6, 15), 2024),  # one year back: a just-expired contract
        ("3", dt.date(2025, 6, 15), 2033),  # two years back is too far: next decade
        ("0", dt.date(2029, 1, 2), 2030),
        ("9", dt.date(2030, 1, 2), 2029),
        ("8", dt.date(2030, 1, 2), 2038),
    ],
)
def test_one_digit_year_resolves_within_window(digit: str, today: dt.date, year: int) -> None:
    assert parse_symbol(f"/CLF{digit}", today=today) == FuturesContract("CL", 1, year)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "/",
        "./",
        "$",
        "/ESA25",
        "ESA25",
        "/ES Z25",
        "/ESZ225",
        "/ESZ20251",
        "/25",
        "AAPL  251319C00200000",
        "AAPL  250231C00200000",
        "AAPL  251219X00200000",
        "AAPL  251219C00000000",
        "AAPL  251219C0020000",
        "TOOLONG251219C00200000",
        "./OZCA23C565",
        "./OZCZ23X565",
        "./OZCZ2023C565",
        "EUR/US",
        "EURO/USD",
        "A B",
        "AAPL!",
        "$SPX.Y",
        "ÄPPL",
        "\ufb00",  # the ligature ff, which upper() would turn into ASCII FF
        "1234",
    ],
)
def test_invalid_inputs_raise_with_valid_forms(text: str) -> None:
    with pytest.raises(InvalidSymbol) as raised:
        parse_symbol(text, today=TODAY)
    message = str(raised.value)
    for example in ("AAPL", "$SPX", "/ES", "/ESZ25", "AAPL  251219C00200000", "./OZCZ23C565"):
        assert example in message
    assert "EUR/USD" in message


def test_bad_month_code_is_named() -> None:
    with pytest.raises(InvalidSymbol, match="'A' is not a futures month code"):
        parse_symbol("/ESA25")


@pytest.mark.parametrize("text", ["/ESZ5", "ESZ5"])
def test_one_digit_year_without_reference_date_explains(text: str) -> None:
    with pytest.raises(InvalidSymbol, match="reference date"):
        parse_symbol(text)


def test_invalid_symbol_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="valid forms"):
        parse_symbol("/")
