"""The ``TokenVault`` contract: subclass and define ``make_vault`` (a fresh, empty vault
per call)."""

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trade_analyst.ports import TokenSet, TokenVault

MakeVault = Callable[[], TokenVault]
# Fresh vault per example via the factory; one inherited test per implementation.
_FRESH = settings(
    max_examples=30,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.differing_executors],
)
ISSUED = dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC)


def tokens(n: int) -> TokenSet:
    return TokenSet(
        access_token=f"I0.access-{n}@",
        refresh_token=f"refresh-{n}@",
        access_expires_at=ISSUED + dt.timedelta(minutes=30 + n),
        refresh_issued_at=ISSUED,
        id_token=None if n % 2 else f"jwt-{n}",
    )


class TokenVaultContract:
    def test_a_new_vault_is_empty(self, make_vault: MakeVault) -> None:
        assert make_vault().load() is None

    def test_load_returns_what_was_saved(self, make_vault: MakeVault) -> None:
        vault = make_vault()
        vault.save(tokens(1))
        assert vault.load() == tokens(1)

    def test_save_replaces(self, make_vault: MakeVault) -> None:
        vault = make_vault()
        vault.save(tokens(1))
        vault.save(tokens(2))
        assert vault.load() == tokens(2)

    def test_clear_empties_and_is_idempotent(self, make_vault: MakeVault) -> None:
        vault = make_vault()
        vault.save(tokens(1))
        vault.clear()
        vault.clear()
        assert vault.load() is None

    def test_the_lock_is_released_after_an_error(self, make_vault: MakeVault) -> None:
        vault = make_vault()
        with pytest.raises(RuntimeError), vault.lock():
            raise RuntimeError("refresh failed")
        with vault.lock():  # would block forever if the first holder had kept it
            vault.save(tokens(3))
        assert vault.load() == tokens(3)

    @_FRESH
    @given(ops=st.lists(st.one_of(st.integers(0, 5), st.none()), max_size=8))
    def test_any_sequence_of_saves_and_clears_matches_a_model(
        self, make_vault: MakeVault, ops: list[int | None]
    ) -> None:
        vault = make_vault()
        model: TokenSet | None = None
        for op in ops:
            with vault.lock():
                if op is None:
                    vault.clear()
                    model = None
                else:
                    vault.save(tokens(op))
                    model = tokens(op)
            assert vault.load() == model
