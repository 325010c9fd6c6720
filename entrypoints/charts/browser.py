"""A headless Chromium that renders a chart page to PNG (``ta chart --png``).

The browser is found at run time: ``TA_CHROMIUM`` when set, else the first of the usual
names on ``PATH``. Each run gets a throw-away profile folder and the flags that keep a
headless browser from reaching the network on its own (updates, sync, QUIC), so rendering
works offline and leaves nothing behind.
"""

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "BROWSER_NAMES",
    "INSTALL_HINT",
    "BrowserFailed",
    "find_chromium",
    "headless_command",
    "render_png",
    "run_headless",
]

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "install Chromium (Debian/Ubuntu: apt-get install chromium) or set TA_CHROMIUM to a "
    "Chromium or Chrome executable; the HTML chart (--out) needs no browser"
)
# The page draws itself from inline data; a few seconds of virtual time let every frame
# of its first paint run before the screenshot is taken.
_VIRTUAL_TIME_MS = 3000
_TIMEOUT_S = 90


class BrowserFailed(Exception):
    """The browser did not produce what was asked; the message says what it printed."""


def find_chromium(env: Mapping[str, str] | None = None) -> str | None:
    """The browser to run: ``TA_CHROMIUM`` (a path or a name on PATH), else the first of
    ``BROWSER_NAMES`` found on PATH; None when there is none."""
    env = os.environ if env is None else env
    path = env.get("PATH")
    chosen = env.get("TA_CHROMIUM", "").strip()
    if chosen:
        return shutil.which(chosen, path=path)
    return next((found for name in BROWSER_NAMES if (found := shutil.which(name, path=path))), None)


def headless_command(browser: str, profile: Path, *action: str) -> list[str]:
    """The command line of one headless run with a fresh ``profile`` folder."""
    return [
        browser,
        "--headless",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--virtual-time-budget={_VIRTUAL_TIME_MS}",
        *action,
    ]


def run_headless(browser: str, *action: str) -> str:
    """Run the browser headless once with ``action`` (flags and a URL); its stdout."""
    with tempfile.TemporaryDirectory(prefix="ta-chromium-") as profile:
        try:
            # The browser is the user's (TA_CHROMIUM or PATH); no shell, arguments as a list.
            done = subprocess.run(  # noqa: S603
                headless_command(browser, Path(profile), *action),
                capture_output=True,
                text=True,
                timeout=_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise BrowserFailed(f"{browser} did not finish within {_TIMEOUT_S} s") from None
        except OSError as exc:
            raise BrowserFailed(f"cannot run {browser}: {exc.strerror or exc}") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise BrowserFailed(f"{browser} exited with {done.returncode}: {last}")
    return done.stdout


def render_png(browser: str, page: Path, png: Path, size: tuple[int, int]) -> None:
    """A screenshot of ``page`` (an HTML file) at ``size`` pixels, written to ``png``."""
    png.unlink(missing_ok=True)
    width, height = size
    run_headless(
        browser,
        f"--screenshot={png.resolve()}",
        f"--window-size={width},{height}",
        page.resolve().as_uri(),
    )
    if not png.is_file() or png.stat().st_size == 0:
        raise BrowserFailed(f"{browser} wrote no screenshot to {png}")
