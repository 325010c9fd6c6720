"""Ctrl-C during a browser login ends the run cleanly: exit 130, no traceback, port freed,
whether SIGINT reaches Python normally or is ignored (a background job, where uvicorn
still stops the server)."""

import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.auth.conftest import child_environment, free_port, read_until_url

pytestmark = pytest.mark.integration

RUN_TA = """
import sys
from trade_analyst.entrypoints.cli import app, main
if "auth" not in app:
    app.command("trade_analyst.entrypoints.cli.auth_commands:auth_app", name="auth")
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("ignored", [False, True])
def test_ctrl_c_while_waiting_for_the_redirect(tmp_path: Path, ignored: bool) -> None:
    port = free_port()
    env = child_environment(
        tmp_path,
        TA_SCHWAB_CLIENT_ID="InterruptApp0123456789abcdef0123",
        TA_SCHWAB_CLIENT_SECRET="InterruptSecret1",
        TA_SCHWAB_REDIRECT_URI=f"https://127.0.0.1:{port}",
        TA_SCHWAB_API_BASE="http://127.0.0.1:9",  # never contacted
        BROWSER="true",  # webbrowser runs `true <url>`: no browser window in a test
    )
    process = subprocess.Popen(
        [sys.executable, "-c", RUN_TA, "--format", "json", "auth", "login", "--timeout", "600"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
        # As a shell does for `ta auth login &`: the child starts with SIGINT ignored.
        preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if ignored else None,
    )
    assert process.stderr is not None
    _, before = read_until_url(process.stderr)  # the server socket is bound by then
    process.send_signal(signal.SIGINT)
    out, rest = process.communicate(timeout=60)
    err = before + rest
    # 130 like Python's own Ctrl-C (cyclopts maps KeyboardInterrupt to it, silently).
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert out == ""
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0
