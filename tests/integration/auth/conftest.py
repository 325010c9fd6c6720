"""Fixtures for driving ``ta auth`` and ``ta health`` in process against the fake Schwab server."""

import io
import json
import logging
import os
import re
import socket
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qs, urlsplit

import attrs
import httpx
import pytest

from tests.fakes.fixtures import fake_schwab, fake_schwab_server  # noqa: F401
from tests.fakes.schwab_server import FakeSchwab
from tests.fakes.schwab_state import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from tests.integration.in_process import isolate, run_json
from trade_analyst.entrypoints.cli import app

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
        code, out, err = run_json(self.capsys, *argv)
        self.outputs.append(out)
        self.errors.append(err)
        return code, out, err

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
    isolate(monkeypatch, home=home, work=work)
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


def headless_login(
    ta: Ta,
    fake: FakeSchwab,
    monkeypatch: pytest.MonkeyPatch,
    *args: str,
    edit: Callable[[str], str] = lambda url: url,
) -> tuple[int, str, str, ScriptedUser]:
    """``ta auth login --no-browser *args`` in process, a ``ScriptedUser`` at the keyboard
    typing the redirect (after ``edit``): the run's exit code, stdout, stderr and the user."""
    user = ScriptedUser(fake, ta.capsys, edit)
    monkeypatch.setattr(sys, "stdin", user)
    code, out, err = ta("auth", "login", "--no-browser", *args)
    return code, out, err, user


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


def child_environment(home: Path, **variables: str) -> dict[str, str]:
    """This process's environment for a ``ta`` child process: no TA_* or XDG_* variable,
    HOME at ``home``, then ``variables``."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("TA_", "XDG_"))}
    return inherited | {"HOME": str(home), **variables}


def fake_schwab_variables(fake: FakeSchwab) -> dict[str, str]:
    """The settings that make the fake, with its default app, ``ta``'s provider."""
    return {
        "TA_SCHWAB_CLIENT_ID": DEFAULT_CLIENT_ID,
        "TA_SCHWAB_CLIENT_SECRET": DEFAULT_CLIENT_SECRET,
        "TA_SCHWAB_API_BASE": fake.base_url,
        "TA_GENERAL_PROVIDER": "schwab",
    }


def read_until_url(stderr: IO[str]) -> tuple[str, str]:
    """A login's stderr read up to the authorization URL: the URL, and what came before it."""
    before = []
    for line in stderr:
        if line.startswith(("https://", "http://")):
            return line.rstrip("\n"), "".join(before)
        before.append(line)
    raise AssertionError("no authorization URL on stderr:\n" + "".join(before))


def headless_login_process(
    ta: Sequence[str], env: Mapping[str, str], cwd: Path, timeout: float
) -> dict[str, Any]:
    """``ta auth login --no-browser`` as a process of its own (``ta`` is its command line),
    driven through its pipes only, as a user would: the URL read from stderr, the address the
    browser was sent to typed on stdin. Returns the JSON it printed."""
    with subprocess.Popen(
        [*ta, "--format", "json", "auth", "login", "--no-browser"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,
    ) as login:
        assert login.stderr is not None
        assert login.stdin is not None
        url, before = read_until_url(login.stderr)
        assert " " not in url  # the URL is alone on its line
        login.stdin.write(follow_authorization(url) + "\n")
        login.stdin.flush()
        out, after = login.communicate(timeout=timeout)
    assert login.returncode == 0, before + after
    printed: dict[str, Any] = json.loads(out)
    return printed


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
