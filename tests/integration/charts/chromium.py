"""A real headless Chromium for the chart tests, and a small PNG reader to judge its pictures.

The browser is the one ``ta chart --png`` would use (``TA_CHROMIUM`` or PATH). Without one
the tests skip on a developer's machine, but fail under CI (``CI`` set), whose .ci/run
installs Debian's chromium: there the browser test must run, never quietly skip.
"""

import os
import re
import struct
import zlib
from pathlib import Path

import pytest

from trade_analyst.entrypoints.charts.browser import find_chromium, run_headless


def chromium() -> str:
    """The browser's path, or skip (fail under CI) when none is installed."""
    found = find_chromium()
    if found is None:
        message = "no Chromium found (apt-get install chromium, or set TA_CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def page_state(page: Path) -> dict[str, str]:
    """The ``data-*`` attributes the chart page put on ``<body>`` once drawn, read from the
    DOM a real browser built from the file."""
    dom = run_headless(chromium(), "--dump-dom", page.resolve().as_uri())
    body = re.search(r"<body([^>]*)>", dom)
    assert body is not None, dom[:500]
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', body.group(1)))


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the RGB(A) rows of an 8-bit truecolour PNG (what Chromium writes).

    Undoes PNG's per-row filters (none, sub, up, average, Paeth) on the inflated IDAT data.
    """
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, chunks, header = 8, [], b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        offset += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8, f"unexpected PNG bit depth {depth}"
    assert colour in (2, 6), f"unexpected PNG colour type {colour} (not RGB or RGBA)"
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * step
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - step] if x >= step else 0
            up = previous[x]
            up_left = previous[x - step] if x >= step else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                line[x] = (line[x] + _paeth(left, up, up_left)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def colours(path: Path) -> set[bytes]:
    """The distinct pixel colours of a PNG."""
    width, _, rows = png_pixels(path)
    step = len(rows[0]) // width
    return {row[x : x + step] for row in rows for x in range(0, len(row), step)}
