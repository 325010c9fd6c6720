"""Run the domain's laws against the installed package and print a summary.

``python -m trade_analyst.testing [--examples N] [--seed S] [--profile NAME]`` and
``ta selftest`` call ``run``. Exit 0 when every law holds, 6 when one does not (with its
falsifying example), 2 on a bad argument. A run keeps no example database and prints its
seed, so a failure seen on a server can be replayed anywhere with ``--seed``.
"""

import contextlib
import importlib.metadata
import os
import platform
import random
import sys
import tempfile
import time
import traceback
import zoneinfo
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.errors import InvalidArgument
from hypothesis.reporting import with_reporter

from trade_analyst.testing.laws import Law, all_laws
from trade_analyst.testing.laws.time_zones import exchange_zones
from trade_analyst.testing.profiles import PROFILES, register_profiles

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_LAW_FAILED = 6  # as `ta validate` exits when the data breaks a rule
USAGE = "usage: python -m trade_analyst.testing [--examples N] [--seed S] [--profile NAME]"
TZ_HINT = (
    "the calendars need a time-zone database: install the tzdata package "
    "(pip install tzdata) or set PYTHONTZPATH to a zoneinfo folder such as /usr/share/zoneinfo"
)


def run(
    *,
    examples: int | None = None,
    seed: int | None = None,
    profile: str = "quick",
    out: TextIO | None = None,
    err: TextIO | None = None,
    laws: Sequence[Law] | None = None,
) -> int:
    """Check every law (or ``laws``); print a line a law and a summary to ``out``, errors
    to ``err`` (default: stdout, stderr); return the exit code."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    register_profiles()
    if profile not in PROFILES:
        err.write(f"error: unknown profile {profile!r}; choose one of {', '.join(PROFILES)}\n")
        return EXIT_USAGE
    if examples is not None and examples < 1:
        err.write(f"error: --examples must be at least 1, got {examples}\n")
        return EXIT_USAGE
    base = settings.get_profile(profile)
    run_settings = settings(
        base, max_examples=examples or base.max_examples, database=None, print_blob=False
    )
    run_seed = seed if seed is not None else random.SystemRandom().randrange(2**32)
    out.write(
        f"trade-analyst {_version()} laws on Python {platform.python_version()} "
        f"({platform.system()} {platform.machine()}): profile {profile}, "
        f"{run_settings.max_examples} examples a law, seed {run_seed}\n"
    )
    broken_zones = _missing_zones()
    if broken_zones:
        out.write(f"FAIL  time zones: cannot load {', '.join(broken_zones)}\n")
        err.write(f"error: the time-zone database is missing or broken; {TZ_HINT}\n")
        return EXIT_LAW_FAILED
    started = time.monotonic()
    laws = all_laws() if laws is None else laws
    with _hypothesis_home():
        failed = [law for law in laws if not _holds(law, run_settings, run_seed, out)]
    seconds = time.monotonic() - started
    if failed:
        names = ", ".join(f"{law.area}.{law.name}" for law in failed)
        out.write(f"{len(failed)} of {len(laws)} laws failed ({seconds:.1f} s): {names}\n")
        out.write(f"replay with --seed {run_seed} --profile {profile}\n")
        return EXIT_LAW_FAILED
    out.write(f"all {len(laws)} laws hold ({seconds:.1f} s)\n")
    return EXIT_OK


def _holds(law: Law, run_settings: settings, run_seed: int, out: TextIO) -> bool:
    reports: list[str] = []
    try:
        with with_reporter(lambda value: reports.append(str(value))):
            law.test(run_settings, run_seed)()
    except Exception as error:  # a law's failure, whatever it raised, is the finding
        out.write(f"FAIL  {law.area}.{law.name}\n")
        notes = [str(note) for note in getattr(error, "__notes__", [])]
        for line in dict.fromkeys([*reports, *notes]):  # each once, in order
            out.write(_indent(line))
        out.write(_indent("".join(traceback.format_exception_only(error)).rstrip()))
        if isinstance(error, zoneinfo.ZoneInfoNotFoundError):
            out.write(_indent(f"hint: {TZ_HINT}"))
        return False
    out.write(f"ok    {law.area}.{law.name}\n")
    return True


@contextlib.contextmanager
def _hypothesis_home() -> Iterator[None]:
    """Hypothesis' caches in the user's cache folder, not ./.hypothesis: a check of an
    installation leaves nothing where it was started. The caches matter for speed (the
    table of encodable characters takes ~2 s to build); without a writable cache folder
    they go to a temporary one."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    home = cache / "trade-analyst" / "hypothesis"
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError:
        with tempfile.TemporaryDirectory(prefix="ta-laws-") as scratch:
            set_hypothesis_home_dir(scratch)
            try:
                yield
            finally:
                set_hypothesis_home_dir(None)
        return
    set_hypothesis_home_dir(home)
    try:
        yield
    finally:
        set_hypothesis_home_dir(None)


def _indent(text: str) -> str:
    return "".join(f"      {line}\n" for line in text.splitlines())


def _missing_zones() -> list[str]:
    missing = []
    for key in exchange_zones():
        try:
            zoneinfo.ZoneInfo(key)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            missing.append(key)
    return missing


def _version() -> str:
    try:
        return importlib.metadata.version("trade-analyst")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Parse ``--examples N``, ``--seed S`` and ``--profile NAME``; run the laws."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    words = list(sys.argv[1:] if argv is None else argv)
    options: dict[str, str] = {}
    while words:
        word = words.pop(0)
        name, _, value = word.partition("=")
        if word in ("-h", "--help"):
            out.write(f"{USAGE}\n{__doc__}")
            return EXIT_OK
        if name not in ("--examples", "--seed", "--profile"):
            err.write(f"error: unknown argument {word!r}\n{USAGE}\n")
            return EXIT_USAGE
        if not value:
            if not words:
                err.write(f"error: {name} needs a value\n{USAGE}\n")
                return EXIT_USAGE
            value = words.pop(0)
        options[name] = value
    try:
        examples = int(options["--examples"]) if "--examples" in options else None
        seed = int(options["--seed"]) if "--seed" in options else None
    except ValueError as error:
        err.write(f"error: {error}\n{USAGE}\n")
        return EXIT_USAGE
    try:
        return run(
            examples=examples,
            seed=seed,
            profile=options.get("--profile", "quick"),
            out=out,
            err=err,
        )
    except InvalidArgument as error:
        err.write(f"error: {error}\n")
        return EXIT_USAGE
