"""The ``DatasetSink`` contract.

Subclass ``DatasetSinkContract`` and define a ``make_sink`` fixture returning a callable
that builds a fresh, empty sink (a new one per Hypothesis example).
"""

import datetime as dt
import math
from collections.abc import Callable

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conformance.tables import AWKWARD_SYMBOLS, bar, bars, chain, ms, quotes
from trade_analyst.domain.models import BarSeries
from trade_analyst.ports import (
    BARS,
    BarColumns,
    DatasetSink,
    InvalidInput,
    Provenance,
    Table,
    bars_table,
)

PROVENANCE = Provenance.of(
    provider="test", synthetic=True, app_version="0.0.0", request={"symbols": ["AAPL"]}
)
MakeSink = Callable[[], DatasetSink]
# Each example builds a fresh sink through the factory, so sharing the (function-scoped)
# factory across examples is safe; every subclass runs the same inherited test with its own
# factory, which is the point of a contract (hence differing_executors).
_FRESH = settings(
    max_examples=30,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.differing_executors],
)

Key = tuple[str, int]
Row = dict[str, object]

# A write: rows of (symbol, timestamp, price); few values so writes overlap often.
_writes = st.lists(
    st.lists(
        st.tuples(
            st.sampled_from(("AAPL", "/ESZ25", "BRK.B")),
            st.sampled_from((ms(2023, 12, 29), ms(2023, 12, 31, 23), ms(2024, 1, 2), ms(2024, 6))),
            st.sampled_from((1.0, 2.0, 3.0)),
        ),
        max_size=6,
    ),
    min_size=1,
    max_size=4,
)


def _keys(table: Table) -> list[tuple[object, ...]]:
    key = table.schema.key
    return [tuple(row[name] for name in key) for row in table.rows()]


class DatasetSinkContract:
    def test_reads_back_what_it_wrote_sorted_by_key(self, make_sink: MakeSink) -> None:
        sink = make_sink()
        table = bars(bar("MSFT", ms(2024, 1, 3)), bar("AAPL", ms(2024, 1, 2)), bar("AAPL", 0))
        report = sink.write("bars_1d", table, PROVENANCE)
        stored = sink.read("bars_1d")
        assert _keys(stored) == [("AAPL", 0), ("AAPL", ms(2024, 1, 2)), ("MSFT", ms(2024, 1, 3))]
        assert sorted(stored.rows(), key=repr) == sorted(table.rows(), key=repr)
        assert (report.rows_received, report.rows_added, report.rows_skipped) == (3, 3, 0)
        # One file per (symbol, year) partition: AAPL 1970 and 2024, MSFT 2024.
        assert len(report.files_written) == 3
        assert report.files_removed == ()

    def test_the_same_write_twice_changes_nothing(self, make_sink: MakeSink) -> None:
        sink = make_sink()
        table = bars(*(bar("AAPL", ms(2024, 1, day)) for day in range(1, 6)))
        sink.write("bars_1d", table, PROVENANCE)
        again = sink.write("bars_1d", table, PROVENANCE)
        assert not again.changed
        assert (again.rows_added, again.rows_skipped) == (0, 5)
        assert len(sink.read("bars_1d")) == 5

    def test_non_finite_prices_are_kept_and_re_runs_stay_idempotent(
        self, make_sink: MakeSink
    ) -> None:
        sink = make_sink()
        odd = [
            {**bar("AAPL", ms(2024, 1, 2)), "close": math.nan},
            {**bar("AAPL", ms(2024, 1, 3)), "high": math.inf, "low": -math.inf},
        ]
        sink.write("bars_1d", bars(*odd), PROVENANCE)
        assert not sink.write("bars_1d", bars(*odd), PROVENANCE).changed
        stored = sink.read("bars_1d")
        assert math.isnan(stored.column("close")[0])  # type: ignore[arg-type]
        assert stored.column("high")[1] == math.inf
        assert stored.column("low")[1] == -math.inf

    def test_a_subset_of_stored_rows_changes_nothing(self, make_sink: MakeSink) -> None:
        sink = make_sink()
        sink.write("bars_1d", bars(*(bar("AAPL", ms(2024, 1, d)) for d in range(1, 9))), PROVENANCE)
        report = sink.write("bars_1d", bars(bar("AAPL", ms(2024, 1, 4))), PROVENANCE)
        assert not report.changed
        assert report.rows_added == 0

    def test_overlapping_writes_keep_one_row_per_key_with_the_newest_values(
        self, make_sink: MakeSink
    ) -> None:
        sink = make_sink()
        sink.write(
            "bars_1d", bars(*(bar("AAPL", ms(2024, 1, d), 1.0) for d in (1, 2, 3))), PROVENANCE
        )
        report = sink.write(
            "bars_1d", bars(*(bar("AAPL", ms(2024, 1, d), 2.0) for d in (3, 4))), PROVENANCE
        )
        stored = sink.read("bars_1d")
        assert _keys(stored) == [("AAPL", ms(2024, 1, d)) for d in (1, 2, 3, 4)]
        assert stored.column("close") == (1.0, 1.0, 2.0, 2.0)
        assert report.rows_added == 1
        assert len(report.files_written) == 1
        assert len(report.files_removed) == 1

    def test_within_one_write_the_last_row_of_a_key_wins(self, make_sink: MakeSink) -> None:
        sink = make_sink()
        sink.write("bars_1d", bars(bar("AAPL", 0, 1.0), bar("AAPL", 0, 5.0)), PROVENANCE)
        assert sink.read("bars_1d").column("close") == (5.0,)

    @_FRESH
    @given(writes=_writes)
    def test_any_sequence_of_writes_matches_a_keyed_model(
        self, make_sink: MakeSink, writes: list[list[tuple[str, int, float]]]
    ) -> None:
        sink = make_sink()
        model: dict[Key, Row] = {}
        for write in writes:
            rows = [bar(symbol, timestamp, price) for symbol, timestamp, price in write]
            before = dict(model)
            model.update({(str(r["symbol"]), int(r["timestamp"])): r for r in rows})  # type: ignore[call-overload]
            report = sink.write("bars_1d", bars(*rows), PROVENANCE)
            assert report.rows_received == len(rows)
            assert report.rows_added == len(model) - len(before)
            assert report.changed == (model != before)
        stored = sink.read("bars_1d")
        assert list(stored.rows()) == [model[key] for key in sorted(model)]

    @_FRESH
    @given(rows=_writes.map(lambda writes: writes[0]))
    def test_writing_any_table_twice_changes_nothing_the_second_time(
        self, make_sink: MakeSink, rows: list[tuple[str, int, float]]
    ) -> None:
        sink = make_sink()
        table = bars(*(bar(symbol, timestamp, price) for symbol, timestamp, price in rows))
        sink.write("bars_1d", table, PROVENANCE)
        stored = list(sink.read("bars_1d").rows())
        again = sink.write("bars_1d", table, PROVENANCE)
        assert not again.changed
        assert (again.rows_added, again.rows_skipped) == (0, len(rows))
        assert list(sink.read("bars_1d").rows()) == stored

    @pytest.mark.parametrize("symbol", AWKWARD_SYMBOLS)
    def test_any_symbol_round_trips(self, make_sink: MakeSink, symbol: str) -> None:
        sink = make_sink()
        sink.write("bars_5m", bars(bar(symbol, ms(2024, 3, 1))), PROVENANCE)
        assert sink.read("bars_5m").column("symbol") == (symbol,)
        assert len(sink.read("bars_5m", symbols=[symbol])) == 1

    def test_read_filters_by_symbol(self, make_sink: MakeSink) -> None:
        sink = make_sink()
        sink.write("bars_1d", bars(bar("AAPL", 0), bar("MSFT", 0), bar("IBM", 0)), PROVENANCE)
        assert sink.read("bars_1d", symbols=["MSFT", "IBM"]).column("symbol") == ("IBM", "MSFT")
        assert len(sink.read("bars_1d", symbols=["NOPE"])) == 0

    def test_datasets_are_separate(self, make_sink: MakeSink) -> None:
        sink = make_sink()
        sink.write("bars_1d", bars(bar("AAPL", 0)), PROVENANCE)
        assert len(sink.read("bars_5m")) == 0
        assert len(sink.read("quotes")) == 0

    def test_an_empty_table_writes_nothing(self, make_sink: MakeSink) -> None:
        report = make_sink().write("bars_1d", Table.empty(BARS), PROVENANCE)
        assert not report.changed
        assert report.rows_received == 0

    def test_quotes_round_trip_with_nulls(self, make_sink: MakeSink) -> None:
        sink = make_sink()
        table = quotes("$SPX", ms(2024, 5, 1, 14), 5000.25)
        sink.write("quotes", table, PROVENANCE)
        assert list(sink.read("quotes").rows()) == list(table.rows())

    def test_option_chains_round_trip_with_dates_bools_and_nulls(self, make_sink: MakeSink) -> None:
        sink = make_sink()
        table = chain("AAPL", ms(2024, 5, 1, 14))
        sink.write("option_chains", table, PROVENANCE)
        stored = sink.read("option_chains")
        assert sorted(stored.rows(), key=repr) == sorted(table.rows(), key=repr)
        assert _keys(stored) == sorted(_keys(table))  # type: ignore[type-var]

    def test_snapshots_at_different_times_are_different_records(self, make_sink: MakeSink) -> None:
        sink = make_sink()
        sink.write("quotes", quotes("AAPL", ms(2024, 5, 1, 14), 1.0), PROVENANCE)
        sink.write("quotes", quotes("AAPL", ms(2024, 5, 1, 15), 2.0), PROVENANCE)
        assert sink.read("quotes").column("last") == (1.0, 2.0)

    @pytest.mark.parametrize("dataset", ["bars", "bars_2d", "trades", "../quotes", ""])
    def test_unknown_datasets_are_refused(self, make_sink: MakeSink, dataset: str) -> None:
        with pytest.raises(InvalidInput, match="unknown dataset"):
            make_sink().write(dataset, bars(bar("AAPL", 0)), PROVENANCE)

    def test_a_table_of_another_schema_is_refused(self, make_sink: MakeSink) -> None:
        sink = make_sink()
        with pytest.raises(InvalidInput):
            sink.write("bars_1d", quotes("AAPL", 0, 1.0), PROVENANCE)
        assert len(sink.read("bars_1d")) == 0

    def test_an_empty_symbol_is_refused_and_nothing_is_written(self, make_sink: MakeSink) -> None:
        sink = make_sink()
        with pytest.raises(InvalidInput, match="empty symbol"):
            sink.write("bars_1d", bars(bar("AAPL", 0), bar("", 0)), PROVENANCE)
        assert len(sink.read("bars_1d")) == 0

    def test_bar_parts_store_what_their_bars_tables_store(self, make_sink: MakeSink) -> None:
        # A continuous series: two contracts' parts written as one symbol's write.
        start = dt.datetime(2023, 12, 28, 23, tzinfo=dt.UTC)
        first = _series("/ES", start, 3, 4800.0)
        second = _series("/ES", start + dt.timedelta(days=3), 2, 4850.5)
        parts = [("/ESH24", first), ("/ESM24", second)]
        by_parts, by_tables = make_sink(), make_sink()
        report = by_parts.write_bars("bars_1d", parts, PROVENANCE)
        for contract, series in parts:
            table = bars_table(series, contract, synthetic=PROVENANCE.synthetic)
            by_tables.write("bars_1d", table, PROVENANCE)
        stored = by_parts.read("bars_1d")
        assert list(stored.rows()) == list(by_tables.read("bars_1d").rows())
        assert stored.column("contract") == ("/ESH24",) * 3 + ("/ESM24",) * 2
        assert (report.rows_received, report.rows_added) == (5, 5)
        assert len(report.files_written) == 2  # 2023 and 2024
        assert not by_parts.write_bars("bars_1d", parts, PROVENANCE).changed

    def test_bar_parts_refuse_fractional_volumes_and_other_datasets(
        self, make_sink: MakeSink
    ) -> None:
        sink = make_sink()
        start = dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
        fractional = attrs.evolve(_series("BTC", start, 2, 1.0), volume=(1.0, 2.5))
        with pytest.raises(InvalidInput, match="fractional volume"):
            sink.write_bars("bars_1d", [(None, fractional)], PROVENANCE)
        with pytest.raises(InvalidInput):
            sink.write_bars("quotes", [(None, _series("AAPL", start, 2, 1.0))], PROVENANCE)
        assert len(sink.read("bars_1d")) == 0
        assert len(sink.read("quotes")) == 0


def _series(symbol: str, start: dt.datetime, days: int, price: float) -> BarColumns:
    times = [start + dt.timedelta(days=day, milliseconds=day) for day in range(days)]
    prices = [price + day for day in range(days)]
    series = BarSeries(symbol, "1d", times, prices, prices, prices, prices, [100.0] * days)
    return BarColumns.from_series(series)
