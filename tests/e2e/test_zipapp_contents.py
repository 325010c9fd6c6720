"""What the built zipapp holds: small, and nothing the CLI never imports or loads.

Every other e2e test runs the CLI from this same archive, so together they prove that
what is pruned here is not needed; these tests make a regression in size or in pruning
show even when nothing breaks.
"""

import struct
import zipfile

import pytest

from tests.e2e.conftest import PYZ

# bench/startup.py reports the size against the target, 35 MB, which this guards:
# 34.56 MB when numpy came built without BLAS, libarrow_substrait went and pyarrow's three
# largest libraries were packed with LZMA.
MAX_BYTES = 35_000_000


@pytest.fixture(scope="module")
def members() -> list[str]:
    with zipfile.ZipFile(PYZ) as archive:
        return archive.namelist()


def _present(members: list[str], path: str) -> bool:
    """Whether a file or a folder ``path`` under site-packages is in the archive."""
    name = f"site-packages/{path}"
    return any(member == name or member.startswith(f"{name}/") for member in members)


def test_the_zipapp_stays_small():
    assert PYZ.stat().st_size <= MAX_BYTES


@pytest.mark.parametrize(
    "path",
    [
        # pyarrow: Flight, S3, GCS, Azure, HDFS, ORC, Substrait plans, Parquet encryption
        "pyarrow/libarrow_flight.so.2600",
        "pyarrow/libarrow_python_flight.so.2600",
        "pyarrow/_flight.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/libarrow_s3.so.2600",
        "pyarrow/_s3fs.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/_gcsfs.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/_azurefs.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/_hdfs.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/_orc.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/_dataset_orc.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/_substrait.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/_parquet_encryption.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/_feather.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/_pyarrow_cpp_tests.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/libarrow_python.so",  # copies of the library under its link names
        "pyarrow/libarrow_python.so.2600.1.0",
        "pyarrow/include",
        "pyarrow/tests",
        "pyarrow/interchange",
        # help renderers the plain-text help never uses
        "pygments",
        "rich_rst",
        "markdown_it",
        "mdurl",
        # httpx's own CLI, build-time cffi, launchers for the build's interpreter
        "httpx/_main.py",
        "cffi",
        "pycparser",
        "bin/ta",
        # numpy's C headers, test suites and tools; OpenBLAS and the modules never loaded
        "numpy.libs",
        "numpy/linalg/lapack_lite.cpython-311-x86_64-linux-gnu.so",
        "numpy/_core/_simd.cpython-311-x86_64-linux-gnu.so",
        "numpy/_core/_multiarray_tests.cpython-311-x86_64-linux-gnu.so",
        "numpy/fft",
        "numpy/distutils",
        "numpy/random/lib/libnpyrandom.a",
        # linked by every pyarrow module, called by none of those kept
        "pyarrow/libarrow_substrait.so.2600",
        "numpy/_core/include",
        "numpy/_core/tests",
        "numpy/f2py",
        "numpy/testing",
        # Hypothesis' integrations with other libraries and its pytest plugin
        "hypothesis/extra",
        "_hypothesis_pytestplugin.py",
    ],
)
def test_what_nothing_loads_is_pruned(members, path):
    assert not _present(members, path)


@pytest.mark.parametrize(
    "path",
    [
        # every library pyarrow.lib, .compute, .parquet (with .dataset), .csv, .json load
        "pyarrow/libarrow.so.2600",
        "pyarrow/libarrow_compute.so.2600",
        "pyarrow/libarrow_acero.so.2600",
        "pyarrow/libarrow_dataset.so.2600",
        "pyarrow/libparquet.so.2600",
        "pyarrow/libarrow_python.so.2600",
        "pyarrow/_dataset_parquet.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/_acero.cpython-311-x86_64-linux-gnu.so",
        "_cffi_backend.cpython-311-x86_64-linux-gnu.so",  # loaded by cryptography
        "bin/pyz_preamble.py",
        "hypothesis/core.py",  # `ta selftest`
        "trade_analyst/testing/laws/__init__.py",
        # ta chart's charting library, inlined into its pages, with its licence and notice
        "trade_analyst/entrypoints/charts/vendor/lightweight-charts.standalone.production.js",
        "trade_analyst/entrypoints/charts/vendor/lightweight-charts.LICENSE",
        "trade_analyst/entrypoints/charts/vendor/lightweight-charts.NOTICE",
    ],
)
def test_what_the_cli_loads_is_kept(members, path):
    assert _present(members, path)


def test_time_zone_data_is_read_from_the_archive_not_extracted(members):
    # zoneinfo's fallback on hosts without a time zone database (see test_zipapp_startup)
    assert "tzdata/zoneinfo/America/New_York" in members
    assert "tzdata/__init__.py" in members
    assert not _present(members, "tzdata")


def _elf_section_names(image: bytes) -> set[str]:
    """Section names of a 64-bit little-endian ELF file."""
    (section_table,) = struct.unpack_from("<Q", image, 0x28)
    entry_size, count, names_index = struct.unpack_from("<HHH", image, 0x3A)

    def section(index: int) -> tuple[int, int, int]:
        base = section_table + index * entry_size
        (name,) = struct.unpack_from("<I", image, base)
        offset, size = struct.unpack_from("<QQ", image, base + 0x18)
        return name, offset, size

    _, names_offset, names_size = section(names_index)
    names = image[names_offset : names_offset + names_size]
    return {
        names[name : names.index(b"\0", name)].decode() for name, _, _ in map(section, range(count))
    }


@pytest.mark.parametrize(
    "path",
    ["pyarrow/libarrow.so.2600", "cryptography/hazmat/bindings/_rust.abi3.so"],
)
def test_shared_libraries_ship_without_symbol_tables(path):
    with zipfile.ZipFile(PYZ) as archive:
        sections = _elf_section_names(archive.read(f"site-packages/{path}"))
    assert ".dynsym" in sections  # what the dynamic loader resolves symbols with
    assert ".symtab" not in sections


def test_install_records_and_type_markers_are_left_out(members):
    left = [m for m in members if m.endswith(("/INSTALLER", "/REQUESTED", "/py.typed"))]
    assert left == []


def test_the_largest_libraries_are_packed_with_lzma():
    with zipfile.ZipFile(PYZ) as archive:
        methods = {entry.filename: entry.compress_type for entry in archive.infolist()}
    packed = [name for name, method in methods.items() if method == zipfile.ZIP_LZMA]

    assert sorted(packed) == [
        "site-packages/pyarrow/libarrow.so.2600",
        "site-packages/pyarrow/libarrow_compute.so.2600",
        "site-packages/pyarrow/libparquet.so.2600",
    ]
    # What zipimport reads from inside the archive is deflated (it cannot read LZMA).
    assert methods["__main__.py"] == zipfile.ZIP_DEFLATED
    assert methods["_bootstrap/__init__.py"] == zipfile.ZIP_DEFLATED
