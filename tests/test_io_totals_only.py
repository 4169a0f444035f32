"""A sheet that gives only total rows ("Cộng khối huyện", "Tổng cộng") has no unit.

Read alone it was read with "Tổng cộng" as a unit (and judged: "Tổng cộng meets the target").
A total is never a unit: without ``unit_name=`` it is a problem naming each total; with it, the
grand total is that unit's figures and the subtotals are structural.  In a workbook whose other
sheets it sums, it is still the summary checked against them (tests/test_io_shapes.py).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl
import pytest

import gender_stats as gs
from gender_stats.cli import main


def _totals(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["BÁO CÁO SỐ LƯỢNG NỮ THAM GIA CẤP ỦY NHIỆM KỲ 2020-2025"])
    ws.append(["STT", "Đơn vị", "Tổng số", "Nữ"])
    ws.append([None, "Cộng khối huyện", 120, 20])
    ws.append([None, "TỔNG CỘNG", 150, 25])
    wb.save(path)
    return path


def test_a_sheet_of_totals_alone_is_a_problem_naming_each_total(tmp_path):
    path = _totals(tmp_path / "tong.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(gs.DataError) as err:
            gs.read_counts(path, body="party_committee", level="province")
    assert [p.value for p in err.value.problems] == ["Cộng khối huyện", "TỔNG CỘNG"]
    assert "a total is no unit; pass unit_name=" in str(err.value)


def test_with_unit_name_the_grand_total_is_that_units_figures(tmp_path):
    path = _totals(tmp_path / "tong.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        counts = gs.read_counts(
            path, body="party_committee", level="province", unit_name="Tỉnh Thanh Hóa"
        )
    assert counts[["unit_name", "total", "female"]].to_numpy().tolist() == [
        ["Tỉnh Thanh Hóa", 150, 25]
    ]
    kinds = [(e.row, str(e.kind), e.outcome) for e in counts.attrs["reading"].entries]
    assert (3, "subtotal", "structural") in kinds and (4, "data", "used") in kinds


def test_the_cli_never_judges_a_total_as_a_unit(tmp_path, capsys):
    path = _totals(tmp_path / "tong.xlsx")
    code = main(["check", str(path), "--lang", "en"])
    captured = capsys.readouterr()
    assert code == 2 and "Traceback" not in captured.err  # problems (no level, no unit), no verdict
    assert "TỔNG CỘNG" in captured.err and captured.out == ""


def test_the_cli_reads_the_total_as_the_unit_given(tmp_path, capsys):
    path = _totals(tmp_path / "tong.xlsx")
    argv = ["check", str(path), "--body", "BCH", "--level", "tỉnh", "--unit", "Tỉnh Thanh Hóa"]
    code = main([*argv, "--lang", "en", "--targets", "35-CT/TW-2019:a"])
    out = capsys.readouterr().out
    # 25 of 150 = 16.7 % ≥ 15 %: the province's committee meets 35-CT/TW (2019) a
    assert code == 0 and "1/1 checks met" in out
    code = main([*argv[:3], "ban gì đó", *argv[4:]])
    captured = capsys.readouterr()
    assert code == 2 and "Traceback" not in captured.err and "ban gì đó" in captured.err
