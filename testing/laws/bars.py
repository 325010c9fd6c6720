"""Validation laws over bar tables: clean tables pass, each labelled defect is reported on
its row and alone, and bars inside a calendar's windows are inside its sessions."""

from trade_analyst.domain.models import BarSeries
from trade_analyst.domain.validation import validate_bars
from trade_analyst.testing.laws.law import law
from trade_analyst.testing.strategies.bars import (
    LabelledDefect,
    SessionBars,
    bar_series,
    defective_bar_series,
    session_bar_series,
)


@law(bar_series())
def clean_series_has_no_findings(series: BarSeries) -> None:
    assert validate_bars(series) == []
    assert validate_bars(series, allow_negative=True) == []
    assert validate_bars(series, is_open_at=lambda _ts: True) == []


@law(defective_bar_series())
def a_labelled_defect_is_the_only_finding_on_its_row(defect: LabelledDefect) -> None:
    findings = validate_bars(defect.series)
    assert [(f.rule_id, f.row) for f in findings] == [(defect.rule_id, defect.row)]
    assert findings[0].severity == "error"


@law(session_bar_series(max_sessions=2))
def session_bars_lie_inside_the_calendars_sessions(bars: SessionBars) -> None:
    assert validate_bars(bars.series, is_open_at=bars.calendar.is_open_at) == []
    for timestamp in bars.series.timestamps:
        assert bars.calendar.trade_date_at(timestamp) in bars.sessions
