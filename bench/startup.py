"""Size and start-up time of the zipapp; warm start-up as a ratio against a bare interpreter.

Figures, each beside its target:
  zipapp size                  dist/ta.pyz in MB (10^6 bytes)
  cold first run               extraction plus a first ``--version``, in a fresh SHIV_ROOT
                               (median of --cold-runs, default 3)
  warm --help / python -c pass whole-process wall time, median of --runs (default 15),
                               twice: with this machine's interpreter, and with the same
                               interpreter in a clean virtual environment, whose start runs
                               no .pth file of the machine's site-packages (see clean_python)
The warm cases run after one untimed start, as users see them after the first run; the
table also shows ``futures front /ES``. The interpreter is invoked directly, not through a
pyenv shim, so the figures measure our start-up and not the shim's.

Usage: python bench/startup.py [--runs N] [--cold-runs N]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import Report

ROOT = Path(__file__).resolve().parent.parent
PYZ = ROOT / "dist" / "ta.pyz"

MAX_MEGABYTES = 35.0
MAX_COLD_SECONDS = 1.5
MAX_WARM_HELP_RATIO = 4.0


def base_python() -> str:
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    return str(Path(sys.base_prefix) / "bin" / f"python{version}")


def clean_env(shiv_root: str) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": shiv_root}
    env["SHIV_ROOT"] = shiv_root
    # Keep the user's bytecode setting: the zipapp must start as fast under it.
    if "PYTHONDONTWRITEBYTECODE" in os.environ:
        env["PYTHONDONTWRITEBYTECODE"] = os.environ["PYTHONDONTWRITEBYTECODE"]
    return env


def wall_time(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        samples.append(time.perf_counter() - started)
    return samples


def cold_first_run(python: str, runs: int) -> float:
    """Median seconds of a first run: extraction, then ``ta --version``.

    Each run extracts into an empty folder of its own; all are deleted after the last run,
    not between runs: deleting ~1,300 extracted files keeps the disk busy (on a file
    system mounted with ``discard`` it trims them) well into the next run, which then
    measured the previous run's clean-up too (0.9 s became 1.9 s here).
    """
    samples = []
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(runs):
            shiv_root = str(Path(scratch) / f"run{run}")
            command = [python, str(PYZ), "--version"]
            samples += wall_time(command, clean_env(shiv_root), 1)
    return statistics.median(samples)


def warm_medians(python: str, runs: int) -> dict[str, float]:
    cases = {
        "python -c pass": [python, "-c", "pass"],
        "ta.pyz --help": [python, str(PYZ), "--help"],
        "ta.pyz futures front /ES": [
            python, str(PYZ), "--format", "json", "futures", "front", "/ES",
        ],
    }  # fmt: skip
    with tempfile.TemporaryDirectory() as shiv_root:
        env = clean_env(shiv_root)
        for command in cases.values():  # extract, and write the bytecode these cases use
            wall_time(command, env, 1)
        return {name: statistics.median(wall_time(cmd, env, runs)) for name, cmd in cases.items()}


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 15
    cold_runs = int(argv[argv.index("--cold-runs") + 1]) if "--cold-runs" in argv else 3
    if not PYZ.is_file():
        print(f"{PYZ} is missing: run 'make zipapp' first", file=sys.stderr)
        return 1
    python = base_python()
    report = Report("zipapp size and start-up")
    megabytes = PYZ.stat().st_size / 1e6
    report.add("zipapp size", megabytes, MAX_MEGABYTES, higher_is_better=False, unit=" MB")
    cold = cold_first_run(python, cold_runs)
    report.add(
        "cold first run (extract + --version)",
        cold,
        MAX_COLD_SECONDS,
        higher_is_better=False,
        unit=" s",
    )
    with tempfile.TemporaryDirectory() as scratch:
        interpreters = {"this machine's python": python, "a clean python": clean_python(scratch)}
        ratios = {}
        for label, interpreter in interpreters.items():
            medians = warm_medians(interpreter, runs)
            ratios[label] = show_warm_cases(label, interpreter, medians)
    for label, ratio in ratios.items():
        name = f"warm --help / python -c pass ({label})"
        report.add(name, ratio, MAX_WARM_HELP_RATIO, higher_is_better=False)
    return report.finish()


def clean_python(folder: str) -> str:
    """The same interpreter in a new virtual environment (no pip, no site-packages of its
    own): its start-up runs no ``.pth`` file that the machine's site-packages may hold. On
    the build machine such a file imports certifi on every start (about 20 ms of a 29 ms
    ``python -c pass``), which flatters any ratio against a bare start."""
    venv = Path(folder) / "clean"
    subprocess.run([base_python(), "-m", "venv", "--without-pip", str(venv)], check=True)
    return str(venv / "bin" / "python")


def show_warm_cases(label: str, python: str, medians: dict[str, float]) -> float:
    """Print the warm cases' medians with ``python``; ``--help``'s ratio to a bare start."""
    baseline = medians["python -c pass"]
    print(f"  with {label} ({python}):")
    print(f"  {'warm case':28} {'median ms':>10} {'x python -c pass':>18}")
    for name, median in medians.items():
        print(f"  {name:28} {median * 1000:10.1f} {median / baseline:18.2f}")
    return medians["ta.pyz --help"] / baseline


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
