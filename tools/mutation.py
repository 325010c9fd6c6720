"""Mutation score of the domain's most computed modules: mutmut, one module at a time.

For each module below, mutmut mutates that module only and runs, against every mutant, that
module's own unit tests (the tests written for it, not the whole suite, so a mutant counts as
caught only when the module's tests notice it). Prints the score per module and exits 1 when
any module is under the threshold.

Score = caught / (mutants - equivalent). Caught means a test failed or timed out. A mutant no
test runs counts as missed. Equivalent mutants (the program's behaviour cannot change) are
listed, each with a one-line reason, in tests/mutation/equivalent.toml, reviewed by hand; an
entry that no longer names a generated mutant is reported so the list cannot go stale quietly.

Why a driver and not mutmut's own configuration: mutmut 3 names each mutant after its file's
path (``src/`` stripped) and its trampolines compare that name with the running module's
``__name__``. Our modules live in domain/ and import as ``trade_analyst.domain`` through the
.package symlinks, so mutmut run in place names the mutants ``domain.…`` and none would ever
be activated. The driver copies the tree into build/mutation/<module>/src/trade_analyst/
(real files), writes mutmut's settings there, and runs mutmut in that copy, where the path
gives the right names. Our own tree is never changed.

Usage: python tools/mutation.py [module ...]   (e.g. domain/options/implied_vol.py)
Environment: MUTATION_THRESHOLD (default 90), MUTATION_JOBS (mutmut's --max-children, 1).
"""

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "mutation"
EQUIVALENT_FILE = ROOT / "tests" / "mutation" / "equivalent.toml"
# The folders linked into the trade_analyst package (tests import all of them).
LAYERS = ("domain", "ports", "adapters", "entrypoints", "testing")

# Each module and its own unit tests.
MODULE_TESTS: dict[str, tuple[str, ...]] = {
    "domain/futures/expiry.py": ("tests/unit/futures",),
    "domain/futures/rules.py": ("tests/unit/futures",),
    "domain/calendars/us_rules.py": ("tests/unit/calendars",),
    "domain/calendars/calendar.py": ("tests/unit/calendars",),
    "domain/analytics/pivots.py": ("tests/unit/analytics/test_pivots.py",),
    "domain/analytics/vwap.py": ("tests/unit/analytics/test_vwap.py",),
    "domain/options/black_scholes.py": (
        "tests/unit/options/test_pricing.py",
        "tests/unit/options/test_parity.py",
    ),
    "domain/options/implied_vol.py": ("tests/unit/options/test_implied_vol.py",),
    "domain/trades/classify.py": ("tests/unit/trades/test_classify.py",),
    "domain/validation/bars.py": ("tests/unit/validation/test_bars.py",),
}

CAUGHT = {"killed", "timeout", "caught by type check", "segfault"}
RESULT_LINE = re.compile(r"^\s+(\S+): (.+)$")


def module_name(path: str) -> str:
    return "trade_analyst." + path.removesuffix(".py").replace("/", ".")


def prepare(path: str, tests: tuple[str, ...]) -> Path:
    """A scratch copy of the tree where mutmut's path-based names match the imports."""
    work = WORK / path.removesuffix(".py").replace("/", "-")
    shutil.rmtree(work, ignore_errors=True)
    package = work / "src" / "trade_analyst"
    package.mkdir(parents=True)
    for name in ("__init__.py", "py.typed"):
        shutil.copy2(ROOT / ".package" / "trade_analyst" / name, package / name)
    for layer in LAYERS:
        shutil.copytree(ROOT / layer, package / layer, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tests", work / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    pytest_options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]
    options = pytest_options["ini_options"]
    settings = f"""\
[tool.mutmut]
source_paths = ["src"]
only_mutate = ["src/trade_analyst/{path}"]
pytest_add_cli_args_test_selection = {list(tests)!r}
# Fixed order and no cache: a mutant's verdict must not depend on the previous run.
pytest_add_cli_args = [
    "-p", "no:randomly", "-p", "no:cacheprovider",
    "-m", "not e2e and not slow and not reference_data",
]
use_git_change_detection = false

[tool.pytest.ini_options]
addopts = {options["addopts"]!r}
testpaths = ["tests"]
pythonpath = ["src"]
xfail_strict = true
filterwarnings = ["error"]
markers = {options["markers"]!r}
"""
    (work / "pyproject.toml").write_text(settings)
    return work


def run_mutmut(work: Path) -> dict[str, str]:
    """Every mutant's name and status."""
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    jobs = os.environ.get("MUTATION_JOBS", "1")
    # Hypothesis's derandomised "ci" profile: the same examples for every mutant.
    env = {**os.environ, "CI": "1"}
    # mutmut's progress display goes to a log; the report below is the output.
    with (work / "mutmut.log").open("w") as log:
        subprocess.run(
            [mutmut, "run", "--max-children", jobs],
            cwd=work,
            env=env,
            check=True,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    listing = subprocess.run(
        [mutmut, "results", "--all", "true"],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    statuses: dict[str, str] = {}
    for line in listing.splitlines():
        match = RESULT_LINE.match(line)
        if match:
            statuses[match.group(1)] = match.group(2).strip()
    return statuses


def equivalent_mutants() -> dict[str, str]:
    """Reviewed equivalent mutants: name -> reason."""
    if not EQUIVALENT_FILE.exists():
        return {}
    table = tomllib.loads(EQUIVALENT_FILE.read_text())
    return {name: str(reason) for module in table.values() for name, reason in module.items()}


def score(path: str, statuses: dict[str, str], equivalent: dict[str, str]) -> float:
    mine = {name for name in equivalent if name.startswith(module_name(path) + ".")}
    stale = sorted(mine - statuses.keys())
    for name in stale:
        print(f"  stale entry in {EQUIVALENT_FILE.name} (no such mutant): {name}")
    counted = {name: status for name, status in statuses.items() if name not in mine}
    caught = sum(status in CAUGHT for status in counted.values())
    for name, status in sorted(counted.items()):
        if status not in CAUGHT:
            print(f"  {status}: {name}")
    total = len(counted)
    value = 100.0 * caught / total if total else 100.0
    print(
        f"{path}: {value:.1f} % ({caught}/{total} caught, "
        f"{len(mine & statuses.keys())} equivalent excluded)",
        flush=True,
    )
    return value


def main(argv: list[str]) -> int:
    threshold = float(os.environ.get("MUTATION_THRESHOLD", "90"))
    modules = argv or list(MODULE_TESTS)
    unknown = [m for m in modules if m not in MODULE_TESTS]
    if unknown:
        print(f"not a module of the mutation run: {', '.join(unknown)}", file=sys.stderr)
        return 2
    scores: dict[str, float] = {}
    for path in modules:
        print(f"== {path}", flush=True)
        statuses = run_mutmut(prepare(path, MODULE_TESTS[path]))
        scores[path] = score(path, statuses, equivalent_mutants())
    print("\nmutation score per module (equivalent mutants excluded):")
    for path, value in scores.items():
        print(f"  {value:5.1f} %  {path}")
    low = [path for path, value in scores.items() if value < threshold]
    if low:
        print(f"under {threshold:g} %: {', '.join(low)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
