"""Start-up time of the zipapp, as ratios against a bare interpreter in the same run.

Whole-process wall time (median of several runs) of:
  python -c pass                      (the baseline)
  python dist/ta.pyz --help
  python dist/ta.pyz futures front /ES
The zipapp is extracted once before timing (a warm start is what users see after the
first run). The interpreter is invoked directly, not through a pyenv shim, so the
figures measure our start-up and not the shim's.

Usage: python bench/startup.py [--runs N]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYZ = ROOT / "dist" / "ta.pyz"


def base_python() -> str:
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    return str(Path(sys.base_prefix) / "bin" / f"python{version}")


def wall_time(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        samples.append(time.perf_counter() - started)
    return samples


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 15
    if not PYZ.is_file():
        print(f"{PYZ} is missing: run 'make zipapp' first", file=sys.stderr)
        return 1
    python = base_python()
    with tempfile.TemporaryDirectory() as shiv_root:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": shiv_root,
            "SHIV_ROOT": shiv_root,
        }
        # Keep the user's bytecode setting: --compile-pyc must make it irrelevant.
        if "PYTHONDONTWRITEBYTECODE" in os.environ:
            env["PYTHONDONTWRITEBYTECODE"] = os.environ["PYTHONDONTWRITEBYTECODE"]
        started = time.perf_counter()
        subprocess.run([python, str(PYZ), "--version"], env=env, capture_output=True, check=True)
        print(f"first run (extraction + compile): {time.perf_counter() - started:.2f} s")
        cases = {
            "python -c pass": [python, "-c", "pass"],
            "ta.pyz --help": [python, str(PYZ), "--help"],
            "ta.pyz futures front /ES": [
                python,
                str(PYZ),
                "--format",
                "json",
                "futures",
                "front",
                "/ES",
            ],
        }
        medians = {
            name: statistics.median(wall_time(cmd, env, runs)) for name, cmd in cases.items()
        }
    baseline = medians["python -c pass"]
    print(f"{'case':28} {'median ms':>10} {'x python -c pass':>18}")
    for name, median in medians.items():
        print(f"{name:28} {median * 1000:10.1f} {median / baseline:18.1f}")
    help_ms = medians["ta.pyz --help"] * 1000
    verdict = "meets" if help_ms < 150 else "misses"
    print(f"goal: --help under 150 ms warm: {verdict} ({help_ms:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
