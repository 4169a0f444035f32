"""``gender-stats validate --verbose`` prints the reading log: every row, its class, the accounting."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from gender_stats.cli import main


def test_validate_verbose_prints_every_row(tmp_path: Path, capsys) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (
        ["BÁO CÁO NHIỆM KỲ 2015 - 2020"],
        ["Đơn vị", "Cấp", "Cơ quan", "Tổng số", "Nữ"],
        ["Huyện Nga Sơn", "huyện", "BCH", 37, 6],
        ["Ghi chú: tạm tính"],
        ["Sở Y tế", "sở", "BCH", 9, 4],
        ["Tổng cộng", None, None, 46, 10],
    ):
        ws.append(row)
    path = tmp_path / "bc.xlsx"
    wb.save(path)
    assert main(["validate", "--verbose", str(path)]) == 0
    out = capsys.readouterr().out
    assert "đọc 6 dòng = 2 dùng + 0 báo lỗi/cảnh báo + 4 dòng cấu trúc" in out
    for row, kind in ((1, "title"), (2, "header"), (3, "data"), (4, "note"), (6, "total")):
        assert f"dòng {row}: {kind} " in out
    assert main(["validate", str(path)]) == 0
    assert "dòng 4: note" not in capsys.readouterr().out  # only with --verbose
