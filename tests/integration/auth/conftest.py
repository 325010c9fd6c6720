"""Fixtures for driving ``ta auth`` and ``ta health`` in process against the fake Schwab server."""

import io
import json
import logging
import re
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import attrs
import httpx
import pytest

from tests.fakes.fixtures import fake_schwab, fake_schwab_server  # noqa: F401
from tests.fakes.schwab_server import FakeSchwab
from tests.fakes.schwab_state import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from trade_analyst.entrypoints.cli import app, main

SCRIPTED_BROWSER = Path(__file__).resolve().parents[2] / "fakes" / "scripted_browser.py"


def _register_commands() -> None:
    # Until app.py registers them, the tests add the command groups to the real app.
    for target, name in (
        ("trade_analyst.entrypoints.cli.auth_commands:auth_app", "auth"),
        ("trade_analyst.entrypoints.cli.health_command:health", "health"),
    ):
        if name not in app:
            app.command(target, name=name)


@attrs.define
class Ta:
    """Runs ``ta`` in process and keeps everything it printed."""

    capsys: pytest.CaptureFixture[str]
    home: Path
    outputs: list[str] = attrs.field(factory=list)
    errors: list[str] = attrs.field(factory=list)

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        code = main(["--format", "json", *argv])
        captured = self.capsys.readouterr()
        self.outputs.append(captured.out)
        self.errors.append(captured.err)
        return code, captured.out, captured.err

    @property
    def data_home(self) -> Path:
        return self.home / ".local" / "share" / "trade-analyst"


@pytest.fixture
def ta(
    fake_schwab: FakeSchwab,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Ta:
    _register_commands()
    home = tmp_path / "home"
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("TA_CONFIG", raising=False)
    for name in [n for n in __import__("os").environ if n.startswith("TA_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("TA_SCHWAB_CLIENT_ID", DEFAULT_CLIENT_ID)
    monkeypatch.setenv("TA_SCHWAB_CLIENT_SECRET", DEFAULT_CLIENT_SECRET)
    monkeypatch.setenv("TA_SCHWAB_API_BASE", fake_schwab.base_url)
    monkeypatch.setenv("TA_SCHWAB_REDIRECT_URI", "https://127.0.0.1:8182")
    return Ta(capsys, home)


class ScriptedUser(io.StringIO):
    """stdin for a headless login: when read, 'opens' the URL printed on stderr at the fake
    (which logs the user in at once) and types the address the browser was sent to."""

    def __init__(
        self, fake: FakeSchwab, capsys: pytest.CaptureFixture[str], edit: Callable[[str], str]
    ) -> None:
        super().__init__()
        self.fake = fake
        self.capsys = capsys
        self.edit = edit
        self.stderr_seen = ""
        self.authorization_url = ""

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        captured = self.capsys.readouterr()
        self.stderr_seen += captured.err
        # Put back what was read so the test still sees the whole run's output.
        import sys

        sys.stdout.write(captured.out)
        sys.stderr.write(captured.err)
        urls = re.findall(r"^(https?://\S+)$", captured.err, flags=re.MULTILINE)
        assert len(urls) == 1, captured.err
        self.authorization_url = urls[0]
        return self.edit(follow_authorization(self.authorization_url)) + "\n"


def follow_authorization(url: str) -> str:
    """What a browser does with the authorization URL at the fake: the redirect it gets.

    The browser is not ``ta``: its own HTTP logging (which shows the code in the Location
    header) is switched off so the secrecy tests judge only what ``ta`` logs.
    """
    logging.disable(logging.CRITICAL)
    try:
        response = httpx.get(url, follow_redirects=False)
    finally:
        logging.disable(logging.NOTSET)
    assert response.status_code == 302, response.text
    return response.headers["location"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


@attrs.frozen
class ScriptedBrowser:
    """A browser in its own process (tests/fakes/scripted_browser.py), given to ``ta auth
    login`` through ``--browser-command`` like any browser a user picks; reports what it saw."""

    cert: Path
    report: Path
    forge: bool = False

    @property
    def command(self) -> str:
        forge = " --forge" if self.forge else ""
        return (
            f"{sys.executable} {SCRIPTED_BROWSER} --cert {self.cert} --report {self.report}{forge}"
        )

    def seen(self) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(self.report.read_text(encoding="utf-8"))
        return result
