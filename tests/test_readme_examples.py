"""The README's first session and its check/report command lines run exactly as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import matplotlib
import pytest

from gender_stats.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def _block(heading: str, language: str) -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index(heading) :]
    match = re.search(rf"```{language}\n(.*?)```", section, flags=re.S)
    assert match, f"no {language} block under {heading!r}"
    return match.group(1)


def test_first_session_runs_as_written(tmp_path, monkeypatch):
    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)
    code = _block("## A first session", "python")
    assert "gs.check(counts)" in code
    namespace: dict[str, object] = {}
    try:
        exec(compile(code, "README.md", "exec"), namespace)
    finally:
        import matplotlib.pyplot as plt

        plt.close("all")
    compliance = namespace["compliance"]
    assert set(compliance["term"]) == {"2015-2020"}


def _commands() -> list[list[str]]:
    lines = _block("## Command line", "sh").splitlines()
    argvs = [shlex.split(line, comments=True) for line in lines]
    return [a[1:] for a in argvs if a[:1] == ["gender-stats"] and a[1] in ("check", "report")]


def test_readme_has_check_and_report_examples():
    kinds = [argv[0] for argv in _commands()]
    assert kinds.count("report") >= 2 and kinds.count("check") >= 2


@pytest.mark.parametrize("argv", _commands(), ids=" ".join)
def test_command_line_examples_run_as_written(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code = main([*argv, "-q"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert code == (1 if "--strict" in argv else 0), captured.err
    assert "Chỉ tiêu đã áp dụng" in captured.out or "Targets used" in captured.out
