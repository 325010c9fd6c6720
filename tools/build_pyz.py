"""Build dist/ta.pyz with shiv, reading its settings from shiv.toml.

Steps: collect wheels for the project and its runtime dependencies into a local
wheelhouse; install them offline (``--no-index``) into a staging site-packages; prune
what is never used at run time; let shiv zip that folder. Prints size and sha256.

Usage: python tools/build_pyz.py [--config shiv.toml]
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_settings(path: Path) -> dict[str, object]:
    with path.open("rb") as handle:
        settings: dict[str, object] = tomllib.load(handle)["zipapp"]
    return settings


def collect_wheels(wheelhouse: Path) -> None:
    shutil.rmtree(wheelhouse, ignore_errors=True)
    # setuptools builds in build/lib and packs whatever it finds there: a module renamed or
    # deleted since the last build would otherwise ship in the wheel.
    shutil.rmtree(ROOT / "build" / "lib", ignore_errors=True)
    wheelhouse.mkdir(parents=True)
    pip = [sys.executable, "-m", "pip"]
    run([*pip, "wheel", "--quiet", "--wheel-dir", str(wheelhouse), f"{ROOT}[all]"])


def stage_site_packages(wheelhouse: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-compile"]
    offline = ["--no-index", "--find-links", str(wheelhouse), "--target", str(target)]
    run([*pip, *offline, "trade-analyst[all]"])


def prune(target: Path, patterns: list[str]) -> int:
    removed = 0
    for pattern in patterns:
        for path in sorted(target.glob(pattern), reverse=True):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
            removed += 1
    return removed


def shiv_command(settings: dict[str, object], site_packages: Path, output: Path) -> list[str]:
    command = [
        sys.executable, "-m", "shiv",
        "--output-file", str(output),
        "--console-script", str(settings["console_script"]),
        "--python", str(settings["python"]),
        "--site-packages", str(site_packages),
    ]  # fmt: skip
    if settings.get("compile_pyc"):
        command.append("--compile-pyc")
    if settings.get("reproducible"):
        command.append("--reproducible")
    command.append("--compressed" if settings.get("compressed", True) else "--uncompressed")
    if settings.get("preamble"):
        command += ["--preamble", str(ROOT / str(settings["preamble"]))]
    return command


def run(command: list[str]) -> None:
    print("+", " ".join(command), file=sys.stderr)
    subprocess.run(command, check=True, cwd=ROOT)


def main(argv: list[str]) -> int:
    config = ROOT / (argv[argv.index("--config") + 1] if "--config" in argv else "shiv.toml")
    settings = load_settings(config)
    wheelhouse = ROOT / str(settings["wheelhouse"])
    site_packages = ROOT / str(settings["site_packages"])
    output = ROOT / str(settings["output"])
    output.parent.mkdir(parents=True, exist_ok=True)
    collect_wheels(wheelhouse)
    stage_site_packages(wheelhouse, site_packages)
    patterns = settings.get("prune", [])
    assert isinstance(patterns, list)
    print(f"pruned {prune(site_packages, [str(p) for p in patterns])} paths", file=sys.stderr)
    # A fixed epoch makes --reproducible builds byte-identical across machines.
    os.environ.setdefault("SOURCE_DATE_EPOCH", "315532800")
    run(shiv_command(settings, site_packages, output))
    digest = hashlib.sha256(output.read_bytes()).hexdigest()
    print(f"built {output.relative_to(ROOT)}: {output.stat().st_size:,} bytes, sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
