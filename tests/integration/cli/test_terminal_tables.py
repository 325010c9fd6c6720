"""Every command of the README's CLI tour, run with its output on a pseudo-terminal of 80
and of 120 columns: no line is wider than the terminal. Colour on a terminal only, none
with NO_COLOR or through a pipe; times in the exchange's zone."""

import datetime as dt
import fcntl
import json
import os
import pty
import re
import shlex
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

from tests.integration.in_process import isolate
from trade_analyst.entrypoints.cli import main

pytestmark = pytest.mark.integration

README = Path(__file__).resolve().parents[3] / "README.md"
# The tour names dates up to 2026-11-20 (levels, indicators): the clock stands after them.
TOUR_NOW = "2026-11-23T15:00:00Z"
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Rows of data formats are records for programs, not lines for a terminal: a CSV or JSON
# row is as wide as its values. The levels documents (levels.v1, ai-block) must fit.
DATA_FORMATS = ("json", "csv", "jsonl")

TRADES_CSV = """timestamp,price,size
2025-06-02T14:30:00.100Z,10.03,100
2025-06-02T14:30:00.200Z,10.02,300
2025-06-02T14:30:01.000Z,10.02,50
"""
QUOTES_CSV = """timestamp,bid,ask
2025-06-02T14:30:00.000Z,10.00,10.04
2025-06-02T14:30:00.900Z,10.00,10.02
"""


def tour_commands() -> list[list[str]]:
    """The ``ta ...`` lines of the README's CLI tour, as argument lists."""
    text = README.read_text()
    block = text.split("## CLI tour", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [line for line in block.splitlines() if line.startswith("ta ")]
    return [shlex.split(line, comments=True)[1:] for line in lines]


def pseudo_terminal(columns: int) -> tuple[int, int]:
    """A pseudo-terminal ``columns`` wide: its controlling side and the terminal side."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    return controller, terminal


def read_all(controller: int, into: bytearray) -> None:
    """What the terminal shows, until its last writer closes it."""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the terminal's last writer has gone
            return
        if not chunk:
            return
        into += chunk


def in_terminal(
    args: list[str], *, columns: int, cwd: Path, env: dict[str, str]
) -> tuple[int, str, str]:
    """``ta *args`` in a process whose stdout is a terminal ``columns`` wide: exit code,
    what the terminal showed (escape codes kept) and stderr."""
    controller, terminal = pseudo_terminal(columns)
    process = subprocess.Popen(
        [sys.executable, "-m", "trade_analyst.entrypoints", *args],
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
    )
    os.close(terminal)
    shown = bytearray()
    read_all(controller, shown)
    os.close(controller)
    assert process.stderr is not None
    err = process.stderr.read().decode()
    process.stderr.close()
    return process.wait(timeout=60), shown.decode(), err


def in_process_terminal(
    monkeypatch: pytest.MonkeyPatch, args: list[str], *, columns: int
) -> tuple[int, str]:
    """``ta *args`` run here (no start-up per command) with stdout on a terminal ``columns``
    wide: its exit code and what the terminal showed."""
    controller, terminal = pseudo_terminal(columns)
    shown = bytearray()
    reader = threading.Thread(target=read_all, args=(controller, shown))
    reader.start()
    with open(terminal, "w", encoding="utf-8") as stdout, monkeypatch.context() as patch:
        patch.setattr(sys, "stdout", stdout)
        code = main(args)
    reader.join(timeout=60)
    os.close(controller)
    return code, shown.decode()


def terminal_env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("TA_", "XDG_")) and name not in ("COLUMNS", "LINES", "NO_COLOR")
    }
    env.update(HOME=str(home), TA_NOW=TOUR_NOW, TERM="xterm-256color", **extra)
    return env


def widest(text: str) -> int:
    return max((len(ESCAPE.sub("", line)) for line in text.splitlines()), default=0)


@pytest.fixture
def tour(monkeypatch, tmp_path):
    """In process, as ``isolated``, with the tour's clock."""
    isolate(monkeypatch, home=tmp_path, work=tmp_path)
    monkeypatch.setenv("TA_NOW", TOUR_NOW)
    return tmp_path


@pytest.mark.parametrize("columns", [80, 120])
def test_every_tour_command_fits_the_terminal(monkeypatch, capsys, tour, columns):
    monkeypatch.delenv("NO_COLOR", raising=False)
    (tour / "trades.csv").write_text(TRADES_CSV)
    (tour / "quotes.csv").write_text(QUOTES_CSV)
    too_wide = []
    for args in tour_commands():  # in order: `ta validate data` reads what --out wrote
        code, shown = in_process_terminal(monkeypatch, args, columns=columns)
        assert code == 0, f"ta {shlex.join(args)}: {capsys.readouterr().err}"
        assert shown.strip(), f"ta {shlex.join(args)} printed nothing"
        if any(word in args for word in DATA_FORMATS):
            continue
        if widest(shown) > columns:
            too_wide.append(f"ta {shlex.join(args)}: {widest(shown)} columns")
    assert too_wide == []


def test_a_terminal_gets_colour_and_no_color_turns_it_off(tmp_path):
    args = ["quotes", "AAPL", "/ES", "--columns", "symbol,net_change"]
    code, shown, _ = in_terminal(args, columns=80, cwd=tmp_path, env=terminal_env(tmp_path))
    assert code == 0
    assert re.search(r"\x1b\[3[12]m", shown)  # net change in green or red
    env = terminal_env(tmp_path, NO_COLOR="1")
    code, shown, _ = in_terminal(args, columns=80, cwd=tmp_path, env=env)
    assert code == 0
    assert "\x1b[" not in shown
    assert "net_change" in shown


def test_a_table_piped_has_no_escape_codes(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "trade_analyst.entrypoints", "--format", "table", "quotes", "/ES"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=terminal_env(tmp_path),
        check=True,
    )
    assert "\x1b" not in result.stdout
    assert "/ES" in result.stdout


def test_the_terminal_shows_exchange_time_with_its_offset(tmp_path):
    args = ["quotes", "AAPL", "/ES", "--columns", "symbol,quote_time"]
    code, shown, _ = in_terminal(args, columns=120, cwd=tmp_path, env=terminal_env(tmp_path))
    assert code == 0
    now = dt.datetime.fromisoformat(TOUR_NOW)
    new_york = now.astimezone(dt.timezone(dt.timedelta(hours=-5)))  # November: EST
    chicago = now.astimezone(dt.timezone(dt.timedelta(hours=-6)))  # CST
    lines = ESCAPE.sub("", shown).splitlines()
    (aapl,) = [line for line in lines if "AAPL" in line]
    (es,) = [line for line in lines if "/ES" in line]
    assert new_york.strftime("%Y-%m-%d %H:%M -05:00") in aapl
    assert chicago.strftime("%Y-%m-%d %H:%M -06:00") in es


def table(capsys, *args):
    code = main(["--format", "table", *args])
    out = capsys.readouterr().out
    assert code == 0
    return out


def json_of(capsys, *args):
    code = main(["--format", "json", *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def cells_of(text: str, column: str) -> list[str]:
    """The cells under ``column`` of a table (no free text in it)."""
    lines = text.splitlines()
    names = [name.strip() for name in lines[0].split("┃")]
    at = names.index(column)
    return [line.split("│")[at].strip() for line in lines[2:] if "│" in line]


def test_columns_choose_the_table_and_the_data_fields(capsys, tour):
    out = table(capsys, "quotes", "AAPL", "/ES", "--columns", "last,symbol")
    assert [name.strip() for name in out.splitlines()[0].split("┃")] == ["last", "symbol"]
    assert "provider" in table(capsys, "quotes", "AAPL", "--columns", "all")
    rows = json_of(capsys, "quotes", "AAPL", "--columns", "symbol,last")
    assert [list(row) for row in rows] == [["symbol", "last"]]
    code = main(["quotes", "AAPL", "--columns", "symbol,lats"])
    err = capsys.readouterr().err
    assert code == 2
    assert "error: unknown column(s): lats" in err
    assert "hint: --columns takes 'all' or a comma-separated list of: symbol," in err


def test_numbers_are_rounded_in_tables_only(capsys, tour):
    rows = json_of(capsys, "chain", "SPY", "--strikes", "2", "--type", "call")
    deltas = [row["delta"] for row in rows]
    assert any(len(repr(delta)) > 8 for delta in deltas)  # json keeps every digit
    out = table(capsys, "chain", "SPY", "--strikes", "2", "--type", "call",
                "--columns", "symbol,delta")  # fmt: skip
    shown = cells_of(out, "delta")
    assert len(shown) == len(deltas)
    for text, delta in zip(shown, deltas, strict=True):
        assert len(text.lstrip("-0.").replace(".", "")) == 4  # 4 significant digits
        assert float(text) == pytest.approx(delta, rel=5e-4)

    record = json_of(capsys, "levels", "/ES", "--date", "2026-11-20")
    levels = table(capsys, "levels", "/ES", "--date", "2026-11-20")
    fields = [line.split("│") for line in levels.splitlines()[2:]]
    vwap = float(next(value for name, value in fields if name.strip() == "vwap"))
    assert (vwap * 4).is_integer()  # /ES ticks are quarter points
    assert vwap == pytest.approx(record["vwap"], abs=0.125)


def test_tz_on_tables_csv_and_json(capsys, tour):
    es_now = "2026-11-23 09:00 -06:00"  # TOUR_NOW in Chicago
    assert es_now in table(capsys, "quotes", "/ES", "--columns", "symbol,quote_time")
    utc = table(capsys, "quotes", "/ES", "--columns", "symbol,quote_time", "--tz", "utc")
    assert "2026-11-23 15:00 +00:00" in utc

    (row,) = json_of(capsys, "quotes", "/ES")
    assert row["quote_time"] == TOUR_NOW  # data formats stay UTC
    (row,) = json_of(capsys, "quotes", "/ES", "--tz", "exchange")
    assert row["quote_time"] == "2026-11-23T09:00:00-06:00"

    code = main(["--format", "csv", "calendar", "sessions", "nyse", "--start", "2025-07-01",
                 "--end", "2025-07-01", "--tz", "Asia/Tokyo"])  # fmt: skip
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "date,open,close",
        "2025-07-01,2025-07-01T22:30:00+09:00,2025-07-02T05:00:00+09:00",
    ]
    code = main(["quotes", "/ES", "--tz", "Mars/Base"])
    err = capsys.readouterr().err
    assert code == 2
    assert "error: unknown time zone 'Mars/Base'" in err
    assert "hint: give --tz utc, exchange, local or an IANA zone name" in err
