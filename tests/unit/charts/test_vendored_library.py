"""The charting library ships inside the package with its licence and notice."""

from trade_analyst.entrypoints.charts.page import LIBRARY_FILE, LIBRARY_VERSION, vendored


def test_the_vendored_build_is_the_version_the_code_names():
    header = vendored(LIBRARY_FILE)[:300]
    assert f"TradingView Lightweight Charts™ v{LIBRARY_VERSION}" in header
    assert "Licensed under Apache License 2.0" in header


def test_its_licence_and_notice_travel_with_it():
    assert "Apache License" in vendored("lightweight-charts.LICENSE")
    assert "Version 2.0" in vendored("lightweight-charts.LICENSE")
    notice = vendored("lightweight-charts.NOTICE")
    assert notice.startswith("TradingView Lightweight Charts")
    assert "https://www.tradingview.com/" in notice
