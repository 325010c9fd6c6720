"""The file sinks keep the ``DatasetSink`` contract in every format."""

import tempfile
from pathlib import Path

import pytest

from tests.conformance.sink_contract import DatasetSinkContract, MakeSink
from trade_analyst.adapters.export import FileSink, FormatName

pytestmark = pytest.mark.integration


class FileSinkContract(DatasetSinkContract):
    format: FormatName = "parquet"

    @pytest.fixture
    def make_sink(self, tmp_path: Path) -> MakeSink:
        def make() -> FileSink:
            return FileSink(Path(tempfile.mkdtemp(dir=tmp_path)), self.format)

        return make


class TestParquetSink(FileSinkContract):
    format = "parquet"


class TestCsvSink(FileSinkContract):
    format = "csv"


class TestJsonLinesSink(FileSinkContract):
    format = "jsonl"
