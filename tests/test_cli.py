"""End-to-end tests of the command line: ``main([...])`` in process and the console script."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gender_stats.cli import main

HEADER = "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ\n"


def _csv(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def good(tmp_path) -> Path:
    # Quan Hóa: 5/39 = 12.8 %, needs ceil(0.15 * 39) = ceil(5.85) = 6, i.e. 1 more woman.
    # Mường Lát standing committee: 0/9, needs 1.  Nga Sơn: 6/30 = 20 %, met.
    return _csv(
        tmp_path / "good.csv",
        [
            "2015-2020,Huyện Quan Hóa,Cấp huyện,BCH,39,5",
            "2015-2020,Huyện Mường Lát,Cấp huyện,BTV,9,0",
            "2015-2020,Huyện Nga Sơn,Cấp huyện,BCH,30,6",
        ],
    )


@pytest.fixture
def all_met(tmp_path) -> Path:
    return _csv(
        tmp_path / "met.csv",
        ["2015-2020,Huyện Nga Sơn,Cấp huyện,BCH,30,6", "2015-2020,Huyện Nga Sơn,Cấp huyện,BTV,9,1"],
    )


@pytest.fixture
def bad(tmp_path) -> Path:
    # Row 3: "abc" is not a number; row 4: 31 women of 30 members.
    return _csv(
        tmp_path / "bad.csv",
        [
            "2015-2020,Huyện Quan Hóa,Cấp huyện,BCH,39,5",
            "2015-2020,Huyện Mường Lát,Cấp huyện,BCH,33,abc",
            "2015-2020,Huyện Nga Sơn,Cấp huyện,BCH,30,31",
        ],
    )


# ---------------------------------------------------------------------------------------------
# validate


def test_validate_good_file_prints_ok_and_row_count(good, capsys):
    assert main(["validate", str(good)]) == 0
    out = capsys.readouterr().out
    assert f"OK: {good}: 3 rows" in out


def test_validate_bad_file_names_every_cell_and_exits_2(bad, capsys):
    assert main(["validate", str(bad)]) == 2
    captured = capsys.readouterr()
    assert "ô F3" in captured.err and '"abc"' in captured.err
    assert "ô F4" in captured.err and '"31"' in captured.err
    assert "Traceback" not in captured.err


def test_validate_reports_all_files(bad, good, tmp_path, capsys):
    other = _csv(tmp_path / "other.csv", ["2015-2020,Huyện Như Xuân,Cấp huyện,XYZ,20,2"])
    assert main(["validate", str(bad), str(good), str(other)]) == 2
    captured = capsys.readouterr()
    assert f"OK: {good}: 3 rows" in captured.out
    assert "bad.csv" in captured.err and "other.csv" in captured.err
    assert "ô D2" in captured.err  # the unknown body of other.csv
    assert "3 lỗi" in captured.err  # 2 in bad.csv + 1 in other.csv


def test_missing_file_is_an_error_not_a_traceback(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.csv")]) == 2
    err = capsys.readouterr().err
    assert "nope.csv" in err
    assert "Traceback" not in err


# ---------------------------------------------------------------------------------------------
# check


def test_check_prints_shortfalls(good, capsys):
    # --targets given: the default is now the targets in force (issue 11), which adds 11-NQ/TW a
    assert main(["check", str(good), "--targets", "36-CT/TW", "--term", "2015-2020"]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[1]: line for line in out.splitlines() if line.startswith("Huyện")}
    assert set(lines) == {"Quan", "Mường"}  # Nga Sơn meets the target
    # 5/39 = 12.82 % -> "12,8%", 1 more woman; 0/9 -> "0,0%", 1 woman.
    assert "12,8%" in lines["Quan"] and lines["Quan"].endswith(" 1")
    assert "0,0%" in lines["Mường"] and lines["Mường"].endswith(" 1")
    header = next(line for line in out.splitlines() if line.startswith("unit"))
    assert header.split() == [
        "unit", "body", "term", "target", "share", "rule", "women_needed"
    ]  # fmt: skip
    assert "2 đơn vị chưa đạt" in out


def test_check_strict_exits_1_on_a_shortfall(good, all_met, capsys):
    assert main(["check", str(good), "--strict"]) == 1
    assert main(["check", str(all_met), "--targets", "36-CT/TW", "--strict"]) == 0
    assert "Mọi đơn vị đạt" in capsys.readouterr().out


def test_check_unknown_target_is_an_error(good, capsys):
    assert main(["check", str(good), "--targets", "no-such-target"]) == 2
    err = capsys.readouterr().err
    assert "no-such-target" in err
    assert "Traceback" not in err


# ---------------------------------------------------------------------------------------------
# targets, help


def test_targets_lists_the_catalogue(capsys):
    assert main(["targets"]) == 0
    out = capsys.readouterr().out
    for text in ("36-CT/TW:a", "36-CT/TW:b", "≥ 15%", "party_committee", "quoted"):
        assert text in out


@pytest.mark.parametrize("argv", [["--help"], ["report", "--help"], ["check", "--help"]])
def test_help_has_examples_in_both_languages(argv, capsys):
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Ví dụ (examples)" in out
    assert "gender-stats report --targets 36-CT/TW --term 2015-2020 --out out/demo" in out


def test_usage_error_exits_2(capsys):
    assert main(["frobnicate"]) == 2
    assert main([]) == 2


# ---------------------------------------------------------------------------------------------
# report


def test_report_on_a_file(good, tmp_path, capsys):
    out_dir = tmp_path / "out"
    argv = ["report", str(good), "--targets", "36-CT/TW", "--term", "2015-2020"]
    assert main([*argv, "--out", str(out_dir), "-q"]) == 0
    out = capsys.readouterr().out
    # Quan Hóa and Mường Lát fall short (1 woman each); Nga Sơn meets: 1/3 units.
    assert "1/3 đơn vị đạt" in out
    assert "còn thiếu 2 nữ" in out
    assert "Huyện Quan Hóa" in out and "Huyện Mường Lát" in out
    assert str(out_dir / "bao_cao.html") in out
    assert (out_dir / "bao_cao.html").exists()
    assert (out_dir / "bao_cao.xlsx").exists()


def test_report_in_english(good, tmp_path, capsys):
    out_dir = tmp_path / "en"
    argv = ["report", str(good), "--targets", "36-CT/TW", "--out", str(out_dir), "--lang", "en"]
    assert main([*argv, "-q"]) == 0
    out = capsys.readouterr().out
    assert "1/3 units meet" in out and "2 more women needed" in out
    assert (out_dir / "report.html").exists()


def test_report_on_a_bad_file_exits_2(bad, tmp_path, capsys):
    assert main(["report", str(bad), "--out", str(tmp_path / "x"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "ô F3" in err and "Traceback" not in err
    assert not (tmp_path / "x" / "bao_cao.html").exists()


@pytest.mark.slow
def test_report_on_the_bundled_sample(tmp_path, capsys):
    out_dir = tmp_path / "demo"
    assert (
        main(["report", "--targets", "36-CT/TW", "--term", "2015-2020", "--out", str(out_dir)]) == 0
    )
    out = capsys.readouterr().out
    assert "đơn vị đạt" in out
    html = (out_dir / "bao_cao.html").read_text(encoding="utf-8")
    assert html.count("<table") >= 3 and html.count("<img") >= 4


# ---------------------------------------------------------------------------------------------
# As a separate process: the console script and ``python -m gender_stats.cli``


def _script() -> list[str]:
    script = Path(sys.executable).with_name("gender-stats")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gender_stats.cli"]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=120, env=env
    )


def test_console_script_validate_bad_file(bad, tmp_path):
    result = _run([*_script(), "validate", str(bad)], tmp_path)
    assert result.returncode == 2
    assert "ô F3" in result.stderr and "ô F4" in result.stderr
    assert "Traceback" not in result.stderr


def test_module_check_strict(good, tmp_path):
    result = _run(
        [sys.executable, "-m", "gender_stats.cli", "check", str(good), "--strict"], tmp_path
    )
    assert result.returncode == 1
    assert "Huyện Quan Hóa" in result.stdout


@pytest.mark.slow
def test_console_script_report_demo(tmp_path):
    result = _run(
        [*_script(), "report", "--targets", "36-CT/TW", "--term", "2015-2020", "--out", "out/demo"],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out" / "demo" / "bao_cao.html").exists()
    assert "bao_cao.html" in result.stdout


# ---------------------------------------------------------------------------------------------
# Rosters (danh sách): read with --roster, or guessed when the file is not a counts table

ROSTER_HEADER = "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Họ và tên,Giới tính\n"
ROSTER_ROWS = [
    "2015-2020,Huyện Quan Hóa,Cấp huyện,BCH,Nguyễn Thị An,Nữ",
    "2015-2020,Huyện Quan Hóa,Cấp huyện,BCH,Lê Văn Bình,Nam",
    "2015-2020,Huyện Quan Hóa,Cấp huyện,BCH,Trần Văn Cường,Nam",
    "2015-2020,Huyện Quan Hóa,Cấp huyện,BTV,Trần Văn Cường,Nam",
]


def _roster(path: Path, rows: list[str]) -> Path:
    path.write_text(ROSTER_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("flag", [[], ["--roster"]])
def test_roster_is_counted(flag, tmp_path, capsys):
    path = _roster(tmp_path / "ds.csv", ROSTER_ROWS)
    assert main(["validate", str(path), *flag]) == 0
    # 4 person-seats -> 2 counts rows (BCH 1/3, BTV 0/1).
    assert f"OK: {path}: 2 rows" in capsys.readouterr().out
    assert main(["check", str(path), *flag, "--strict"]) == 1
    out = capsys.readouterr().out
    # BCH: 1/3 = 33.3 % meets 15 %; BTV: 0/1 needs 1 woman.
    assert "Ban Thường vụ" in out and "Ban Chấp hành" not in out


def test_bad_roster_names_the_cell(tmp_path, capsys):
    rows = [ROSTER_ROWS[0].replace(",Nữ", ",X"), *ROSTER_ROWS[1:]]
    path = _roster(tmp_path / "ds.csv", rows)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert 'ô F2 (cột "Giới tính")' in err and '"X"' in err
    assert "Traceback" not in err


def test_input_term_names_the_term_of_a_file_without_one(tmp_path, capsys):
    path = tmp_path / "no_term.csv"
    path.write_text("Đơn vị,Cấp,Cơ quan,Tổng số,Nữ\nHuyện Quan Hóa,Cấp huyện,BCH,39,5\n", "utf-8")
    assert main(["validate", str(path)]) == 2
    assert "term" in capsys.readouterr().err
    assert main(["validate", str(path), "--input-term", "2015-2020"]) == 0
    assert main(["check", str(path), "--input-term", "2015-2020"]) == 0
    assert "Huyện Quan Hóa" in capsys.readouterr().out  # 5/39 is below 15 %


def test_report_on_a_term_absent_from_the_data_lists_the_terms_present(good, tmp_path, capsys):
    # changed by issue 11: a valid term the data do not hold is an error, not an empty report
    out_dir = tmp_path / "empty"
    code = main(["report", str(good), "--term", "2020-2025", "--out", str(out_dir), "-q"])
    assert code == 2
    captured = capsys.readouterr()
    assert "Nhiệm kỳ 2020-2025 không có trong dữ liệu (term 2020-2025 is not in the data)" in (
        captured.err
    )
    assert "terms present): 2015-2020" in captured.err
    assert "Traceback" not in captured.err
    assert not (out_dir / "bao_cao.html").exists()


# ---------------------------------------------------------------------------------------------
# Issue 11: verdicts a planner can trust


@pytest.fixture
def two_terms(tmp_path) -> Path:
    # 2015-2020: Quan Hóa 5/39 (below 15 % and 25 %); 2020-2025: Sầm Sơn 3/30 = 10 % (needs 2).
    return _csv(
        tmp_path / "two.csv",
        [
            "2015-2020,Huyện Quan Hóa,Cấp huyện,BCH,39,5",
            "2020-2025,Thị xã Sầm Sơn,Cấp huyện,BCH,30,3",
        ],
    )


def test_check_uncovered_term_is_named_and_exits_3(tmp_path, capsys):
    path = _csv(tmp_path / "later.csv", ["2030-2035,Huyện Quan Hóa,Cấp huyện,BCH,39,5"])
    assert main(["check", str(path), "--term", "2030-2035"]) == 3
    captured = capsys.readouterr()
    assert "no target in the catalogue applies to 2030-2035; pass targets= or load a YAML" in (
        captured.err
    )
    assert "Không đánh giá được dòng nào (nothing assessed)" in captured.err
    assert "đánh giá 0/1 dòng" in captured.out
    assert "Mọi đơn vị đạt" not in captured.out
    assert "Traceback" not in captured.err


def test_check_mistyped_term_is_an_error(good, capsys):
    assert main(["check", str(good), "--term", "2015"]) == 2
    err = capsys.readouterr().err
    assert 'Nhiệm kỳ không hợp lệ (invalid term): "2015"' in err
    assert "Traceback" not in err


def test_check_term_absent_from_the_data_lists_the_terms_present(two_terms, capsys):
    assert main(["check", str(two_terms), "--term", "2025-2030"]) == 2
    err = capsys.readouterr().err
    assert "Nhiệm kỳ 2025-2030 không có trong dữ liệu" in err
    assert "terms present): 2020-2025, 2015-2020" in err


def test_check_short_term_and_dashes_are_read(two_terms, capsys):
    assert main(["check", str(two_terms), "--term", "2020 – 25"]) == 0
    out = capsys.readouterr().out
    assert "Thị xã Sầm Sơn" in out and "Huyện Quan Hóa" not in out


def test_check_without_term_assesses_every_term_latest_first(two_terms, capsys):
    assert main(["check", str(two_terms), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "  2020-2025: 35-CT/TW-2019:a" in out
    assert "  2015-2020: 36-CT/TW:a, 11-NQ/TW:a, 2351/QĐ-TTg:1" in out
    assert out.index("Nhiệm kỳ 2020-2025:") < out.index("Nhiệm kỳ 2015-2020:")
    later = out[out.index("Nhiệm kỳ 2020-2025:") : out.index("Nhiệm kỳ 2015-2020:")]
    assert "Thị xã Sầm Sơn" in later and "35-CT/TW-2019:a" in later
    sam_son = next(line for line in later.splitlines() if line.startswith("Thị xã Sầm Sơn"))
    assert "10,0%" in sam_son and sam_son.endswith(" 2")
    assert "Phạm vi (coverage): đánh giá 4/5 dòng" in out  # the under-40 floor has no column


def test_check_strict_with_nothing_assessed_fails_with_3(good, capsys):
    argv = ["check", str(good), "--targets", "35-CT/TW-2019"]
    assert main([*argv, "--strict"]) == 3
    captured = capsys.readouterr()
    assert "the chosen targets do not apply to 2015-2020" in captured.err
    assert "Mọi đơn vị đạt" not in captured.out
    assert main(argv) == 3  # never an all-clear, strict or not


def test_check_above_range_counts_as_meeting(tmp_path, capsys):
    path = _csv(
        tmp_path / "hdnd.csv",
        [
            "2016-2021,Huyện A,Cấp huyện,HĐND,20,6",
            "2016-2021,Huyện B,Cấp huyện,HĐND,20,7",
            "2016-2021,Huyện C,Cấp huyện,HĐND,20,9",
        ],
    )
    assert main(["check", str(path), "--targets", "11-NQ/TW:b", "--strict"]) == 1
    out = capsys.readouterr().out
    assert "1 lượt vượt khoảng (above range), tính là đạt" in out
    assert [line.split()[1] for line in out.splitlines() if line.startswith("Huyện")] == ["A"]


def test_check_and_report_with_no_arguments_give_no_traceback(tmp_path, capsys):
    assert main(["check", "-q"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "Nhiệm kỳ 2021-2026:" in captured.out  # council term: no target in the catalogue
    assert "no target in the catalogue applies to 2021-2026" in captured.out
    assert main(["report", "--out", str(tmp_path / "r"), "-q"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    page = (tmp_path / "r" / "bao_cao.html").read_text(encoding="utf-8")
    assert "<h2>Nhiệm kỳ 2020-2025: Ban Chấp hành (cấp ủy)</h2>" in page
    assert page.index("<h2>Nhiệm kỳ 2020-2025: Ban") < page.index("<h2>Nhiệm kỳ 2015-2020: Ban")


def test_report_with_nothing_assessed_says_why_and_exits_3(good, tmp_path, capsys):
    out_dir = tmp_path / "none"
    argv = ["report", str(good), "--targets", "35-CT/TW-2019", "--out", str(out_dir), "-q"]
    assert main(argv) == 3
    captured = capsys.readouterr()
    assert "Không đánh giá được đơn vị nào (no unit could be assessed)" in captured.err
    page = (out_dir / "bao_cao.html").read_text(encoding="utf-8")
    # 35-CT/TW (2019) a, b, c: 2 committees × (a, c) + 1 standing committee × (b, c) = 6 rows
    assert "Không đánh giá được đơn vị nào: đánh giá 0/6 dòng" in page
    assert "các chỉ tiêu đã chọn không áp dụng cho nhiệm kỳ 2015-2020" in page
    # (the chart images are base64 in the page: look at its text only)
    text = re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", "", page)
    assert "0/0" not in text


def test_targets_command_shows_the_year_rule_and_judged_terms(capsys):
    assert main(["targets"]) == 0
    out = capsys.readouterr().out
    assert "by 2030: the term with start < 2030 ≤ end" in out
    line = next(x for x in out.splitlines() if x.strip().startswith("26-NQ/TW:c"))
    assert "2026-2031" in line
    assert "NA XV (2021-2026)" in out  # the documented example


def test_the_program_exits_with_mains_code_and_frees_nothing_at_exit(monkeypatch):
    """``gender-stats`` is ``run``: main's exit code, every object kept until the process ends."""
    import gc

    import gender_stats.cli as cli

    monkeypatch.setattr(cli, "main", lambda: 3)
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit) as exit_:
            cli.run()
        assert exit_.value.code == 3
        assert gc.get_freeze_count() > 0  # the interpreter's last collection skips them
    finally:
        gc.unfreeze()


def test_the_installed_program_is_run():
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "gender-stats"]
    assert script.value == "gender_stats.cli:run"
