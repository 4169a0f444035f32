"""Issue 15.9: every command takes ``--lang``; English messages are English only."""

from __future__ import annotations

from pathlib import Path

import pytest

from gender_stats.cli import main

HEADER = "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ\n"


@pytest.fixture
def good(tmp_path) -> Path:
    # Quan Hóa: 5/39 = 12,8 %, 1 more woman; Mường Lát standing committee 0/9; Nga Sơn 6/30 met.
    path = tmp_path / "good.csv"
    path.write_text(
        HEADER
        + "2015-2020,Huyện Quan Hóa,Cấp huyện,BCH,39,5\n"
        + "2015-2020,Huyện Mường Lát,Cấp huyện,BTV,9,0\n"
        + "2015-2020,Huyện Nga Sơn,Cấp huyện,BCH,30,6\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "command", ["report", "validate", "check", "targets", "template", "collect"]
)
def test_every_command_takes_lang(command, capsys):
    assert main([command, "--help"]) == 0
    assert "--lang {vi,en}" in capsys.readouterr().out


def test_targets_in_english_writes_rules_in_english(capsys):
    assert main(["targets", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.strip().startswith("11-NQ/TW:c"))
    assert "≥ 1 woman (if staff ≥ 30% women)" in line
    assert "nữ" not in out and "nếu" not in out
    assert "(a target set" not in out  # no Vietnamese sentence with its English in brackets
    assert 'A target set "by year Y" judges the term with start < Y ≤ end.' in out


def test_targets_in_vietnamese_keeps_the_rules_as_written(capsys):
    assert main(["targets"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "36-CT/TW:b" in x)
    assert "≥ 1 nữ" in line


def test_validate_in_english(good, capsys):
    assert main(["validate", str(good), "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip().splitlines() == [
        f"OK: {good}: 3 rows — counts",
        "  4 rows read = 3 used + 0 reported + 1 structural",  # the header row is structural
    ]


def test_validate_problems_count_in_english(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "2015-2020,Huyện Quan Hóa,Cấp huyện,BCH,30,31\n", encoding="utf-8")
    assert main(["validate", str(bad), "--lang", "en"]) == 2
    assert "1 problems in 1 files." in capsys.readouterr().err


def test_check_in_english_has_no_vietnamese_message(good, capsys):
    assert main(["check", str(good), "--targets", "36-CT/TW", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Targets used:" in out and "Term 2015-2020:" in out
    assert "2 units below target; 2 checks." in out
    lines = [x for x in out.splitlines() if not x.startswith("Huyện")]  # unit names are names
    text = "\n".join(lines)
    for word in ("đơn vị", "chưa đạt", "nhiệm kỳ", "lượt", "nữ"):
        assert word not in text.lower(), word
    shortfall = next(x for x in out.splitlines() if x.startswith("Huyện Mường Lát"))
    assert "≥ 1 woman" in shortfall and "Standing committee" in shortfall


def test_a_roster_read_without_flag_is_said_in_english(tmp_path, capsys):
    path = tmp_path / "ds.csv"
    path.write_text(
        "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Họ và tên,Giới tính\n"
        "2015-2020,Huyện Quan Hóa,Cấp huyện,BCH,Nguyễn Thị An,Nữ\n",
        encoding="utf-8",
    )
    assert main(["check", str(path), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert f"{path}: no count columns (total, women): read as a roster and counted" in err
    assert "đọc như danh sách" not in err
    assert main(["validate", str(path), "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip().splitlines() == [
        f"OK: {path}: 1 rows — a roster, counted",
        "  2 rows read = 1 used + 0 reported + 1 structural",
    ]
