"""The list of accepted symbol forms, quoted by every InvalidSymbol message."""

VALID_FORMS = (
    "valid forms: equity AAPL, BRK.B (also BRK/B, BRK-B); index $SPX (legacy $SPX.X accepted); "
    "futures root /ES; futures contract /ESZ25 (also ESZ25, /ESZ2025, /ESZ5 and ESZ5 with a "
    "reference date); equity option OCC 'AAPL  251219C00200000' (also AAPL251219C00200000); "
    "futures option ./OZCZ23C565; forex EUR/USD"
)
