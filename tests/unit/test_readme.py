"""The README's Python examples are executable documentation: run them as doctests."""

import doctest
import re
from pathlib import Path

from tests.integration.in_process import isolate

README = Path(__file__).resolve().parents[2] / "README.md"


def _run_pycon_blocks(text: str) -> doctest.TestResults:
    """Run every ```pycon block of ``text``, each in fresh globals; the combined result."""
    blocks = re.findall(r"```pycon\n(.*?)```", text, flags=re.DOTALL)
    assert blocks, "no pycon example"
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for number, block in enumerate(blocks):
        test = parser.get_doctest(block, {}, f"README block {number}", str(README), 0)
        runner.run(test)
    return runner.summarize(verbose=False)


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_embedding_example_runs_as_documented(monkeypatch, tmp_path):
    isolate(monkeypatch, home=tmp_path, work=tmp_path)  # the API's examples read settings
    result = _run_pycon_blocks(README.read_text(encoding="utf-8"))
    assert result.attempted > 0
    assert result.failed == 0


def test_python_api_examples_run_as_documented(monkeypatch, tmp_path):
    # The mock provider and dates long past: the answers do not depend on the day it runs,
    # nor (with no config file and no TA_* variable) on the settings of whoever runs it.
    isolate(monkeypatch, home=tmp_path, work=tmp_path)
    result = _run_pycon_blocks(_section("Python API"))
    assert result.attempted >= 20
    assert result.failed == 0
