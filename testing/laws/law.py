"""``Law``: a property of the domain, with the strategies that feed it.

A law is kept apart from any Hypothesis settings: ``Law.test`` builds a fresh ``@given``
test each time it is asked, with the settings and seed of that run, so the project's tests
(pytest's profile) and ``python -m trade_analyst.testing`` (``--examples``, ``--seed``) run
the same law without one changing the other.
"""

from collections.abc import Callable, Sequence
from typing import Any

import attrs
from hypothesis import example, given, seed, settings
from hypothesis import strategies as st


@attrs.frozen
class Law:
    """``check`` must hold for every value the strategies draw (or, without strategies,
    it is a plain check that runs once)."""

    name: str
    area: str
    check: Callable[..., None]
    args: tuple[st.SearchStrategy[Any], ...] = ()
    kwargs: dict[str, st.SearchStrategy[Any]] = attrs.field(factory=dict)
    examples: tuple[tuple[Any, ...], ...] = ()

    def test(
        self, run_settings: settings | None = None, run_seed: int | None = None
    ) -> Callable[[], None]:
        """A ready-to-call test of the law (what pytest collects, what the runner calls)."""
        if not self.args and not self.kwargs:
            return self.check
        test: Callable[[], None] = given(*self.args, **self.kwargs)(self.check)
        for values in self.examples:
            test = example(*values)(test)
        if run_settings is not None:
            test = run_settings(test)
        if run_seed is not None:
            test = seed(run_seed)(test)
        return test


def law(
    *args: st.SearchStrategy[Any],
    examples: Sequence[tuple[Any, ...]] = (),
    **kwargs: st.SearchStrategy[Any],
) -> Callable[[Callable[..., None]], Law]:
    """Declare a law over the given strategies (as ``@given`` takes them)."""

    def declare(check: Callable[..., None]) -> Law:
        return Law(
            name=check.__name__,
            area=check.__module__.rsplit(".", 1)[-1],
            check=check,
            args=args,
            kwargs=kwargs,
            examples=tuple(examples),
        )

    return declare


def plain_law(check: Callable[[], None]) -> Law:
    """Declare a law without strategies: one exhaustive check (e.g. a table of history)."""
    return law()(check)
