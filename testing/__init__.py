"""Property-based testing with trade-analyst: Hypothesis strategies and the domain's laws.

Needs the ``[testing]`` extra (``pip install 'trade-analyst[testing]'``), which brings
Hypothesis. Importing this package imports nothing; its modules are:

- ``trade_analyst.testing.strategies``: strategies for every domain type (symbols and their
  text forms, futures roots and listed contracts, calendars, sessions and their windows,
  bar tables, quotes, option chains, trade and quote tapes). Importing it registers them
  with ``st.register_type_strategy``, so ``st.from_type(FuturesContract)`` works.
- ``trade_analyst.testing.profiles``: the Hypothesis profiles quick, dev, ci and deep.
- ``trade_analyst.testing.laws``: the domain's properties, each a ready-to-run test.
- ``python -m trade_analyst.testing`` (``ta selftest``): runs the laws against the installed
  package and prints a summary; exit 0 when all hold, 6 when one fails.
"""
