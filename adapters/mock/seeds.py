"""Seeds derived only from the request, so the same request gives the same data anywhere.

``hash()`` is salted per process, so seeds come from a keyed BLAKE2 digest of the parts'
text instead. The version tag changes whenever the generator changes on purpose, so a
changed dataset is never mistaken for the old one.
"""

import hashlib
import random

GENERATOR_VERSION = "mock-v1"


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
