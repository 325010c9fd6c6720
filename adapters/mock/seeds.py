"""Seeds derived only from the request, so the same request gives the same data anywhere.

``hash()`` is salted per process, so seeds come from a keyed BLAKE2 digest of the parts'
text instead. The version tag changes whenever the generator changes on purpose, so a
changed dataset is never mistaken for the old one.

Price paths draw many numbers at once: ``uniforms`` hashes (seed, counter) pairs with the
SplitMix64 finaliser in unsigned 64-bit integer arithmetic, which wraps identically on every
machine, so each number depends only on its seed and its counter (an instrument, a date, a
slot), never on what was drawn before it or on how many numbers one call draws.
"""

import hashlib
import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

GENERATOR_VERSION = "mock-v2"

_GOLDEN_GAMMA = 0x9E3779B97F4A7C15  # SplitMix64's increment (odd, from the golden ratio)
_MIX_1 = 0xBF58476D1CE4E5B9
_MIX_2 = 0x94D049BB133111EB
_HALF_WORD = 2.0**-32


def seed_of(*parts: object) -> int:
    """A 64-bit seed from the parts' text (``str`` of each, joined unambiguously)."""
    text = "\x1f".join([GENERATOR_VERSION, *(str(part) for part in parts)])
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def rng_for(*parts: object) -> random.Random:
    """A private random stream for the parts (never the shared module-level one)."""
    return random.Random(seed_of(*parts))  # noqa: S311 - synthetic data, not security


def unit_of(*parts: object) -> float:
    """A number in [0, 1) fixed by the parts: a cheap draw when one value is enough."""
    return seed_of(*parts) / 2.0**64


def uniforms(
    seed: int, counters: "npt.NDArray[np.uint64]"
) -> tuple["npt.NDArray[np.float64]", "npt.NDArray[np.float64]"]:
    """Two independent numbers in (0, 1) per counter, fixed by ``seed`` and the counter.

    Each comes from 32 bits of one SplitMix64 output, centred in its bin so neither 0 nor 1
    ever occurs (logarithms of them stay finite).
    """
    import numpy as np

    # Overflow wraps modulo 2**64 for unsigned arrays, without a warning: the algorithm
    # relies on exactly that.
    state = counters * np.uint64(_GOLDEN_GAMMA)
    state += np.uint64(seed)
    state ^= state >> np.uint64(30)
    state *= np.uint64(_MIX_1)
    state ^= state >> np.uint64(27)
    state *= np.uint64(_MIX_2)
    state ^= state >> np.uint64(31)
    high = (state >> np.uint64(32)).astype(np.float64)
    low = (state & np.uint64(0xFFFFFFFF)).astype(np.float64)
    high += 0.5
    high *= _HALF_WORD
    low += 0.5
    low *= _HALF_WORD
    return high, low
