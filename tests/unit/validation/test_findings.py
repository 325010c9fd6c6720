"""has_errors and summarize."""

from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.validation import Finding, has_errors, summarize

findings = st.builds(
    Finding,
    rule_id=st.sampled_from(["bars.a", "quotes.b"]),
    severity=st.sampled_from(["error", "warning", "info"]),
    row=st.none() | st.integers(0, 100),
    message=st.text(max_size=5),
    field=st.none() | st.just("bid"),
)


def test_summarize_counts_every_severity() -> None:
    items = [
        Finding("bars.x", "error", 0, "m"),
        Finding("bars.y", "warning", 1, "m"),
        Finding("bars.z", "warning", None, "m", "open"),
    ]
    assert summarize(items) == {"error": 1, "warning": 2, "info": 0}
    assert summarize([]) == {"error": 0, "warning": 0, "info": 0}


@given(st.lists(findings))
def test_summary_adds_up_and_agrees_with_has_errors(items: list[Finding]) -> None:
    counts = summarize(items)
    assert sum(counts.values()) == len(items)
    assert has_errors(items) == (counts["error"] > 0)
    assert has_errors(iter(items)) == has_errors(items)
