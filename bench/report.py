"""How every benchmark reports: each figure beside its target, then one verdict.

A script makes a ``Report``, adds figures as it measures them (each printed at once, so a
long run shows progress), and returns ``report.finish()`` as its exit status: 0 when every
target was met, 1 when any was missed. ``make bench`` runs every script whatever the
previous ones returned, and fails at the end if any missed.
"""

import attrs


@attrs.frozen
class Figure:
    """One measured ratio or rate and the target it must meet."""

    name: str
    value: float
    target: float
    higher_is_better: bool = True
    unit: str = ""

    def met(self) -> bool:
        return self.value >= self.target if self.higher_is_better else self.value <= self.target

    def line(self) -> str:
        sign = ">=" if self.higher_is_better else "<="
        verdict = "met" if self.met() else "MISSED"
        return (
            f"  {self.name:<44} {self.value:>12,.3f}{self.unit}   "
            f"(target {sign} {self.target:,.3f}{self.unit})  {verdict}"
        )


@attrs.define
class Report:
    """The figures of one benchmark script."""

    title: str
    figures: list[Figure] = attrs.field(factory=list)

    def __attrs_post_init__(self) -> None:
        print(f"# {self.title}", flush=True)

    def add(
        self,
        name: str,
        value: float,
        target: float,
        *,
        higher_is_better: bool = True,
        unit: str = "",
    ) -> Figure:
        figure = Figure(name, value, target, higher_is_better, unit)
        self.figures.append(figure)
        print(figure.line(), flush=True)
        return figure

    def finish(self) -> int:
        missed = [figure.name for figure in self.figures if not figure.met()]
        if missed:
            print(f"  -> {len(missed)} of {len(self.figures)} missed: {', '.join(missed)}")
            return 1
        print(f"  -> all {len(self.figures)} targets met")
        return 0
