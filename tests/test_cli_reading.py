"""``gender-stats validate --verbose`` prints the reading log: every row, its class, the accounting."""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl
from frames import under_40_counts

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


def _unknown_level_workbook(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (
        ["SỐ LIỆU NỮ THAM GIA BAN CHẤP HÀNH ĐẢNG BỘ NHIỆM KỲ 2015 - 2020"],
        ["TT", "Đơn vị", "Tổng số", "Nữ"],
        [1, "Huyện Nga Sơn", 37, 6],
        [2, "Đảng ủy Khối CCQ tỉnh", 33, 8],  # the name says no level
    ):
        ws.append(row)
    path = tmp_path / "bc.xlsx"
    wb.save(path)
    return path


def test_a_counts_table_with_an_unknown_level_shows_that_problem(tmp_path: Path, capsys) -> None:
    # not re-read as a personnel list (whose 'a mark: x for a woman' problems would be noise)
    path = _unknown_level_workbook(tmp_path)
    assert main(["check", str(path), "--input-term", "2015-2020"]) == 2
    err = capsys.readouterr().err
    assert 'dòng 4, cột "level"' in err and "Đảng ủy Khối CCQ tỉnh" in err
    assert "x for a woman" not in err and "1 lỗi" in err


def test_level_option_gives_the_level(tmp_path: Path, capsys) -> None:
    path = _unknown_level_workbook(tmp_path)
    assert main(["validate", str(path), "--level", "agency"]) == 0
    capsys.readouterr()
    assert main(["check", str(path), "--level", "agency", "--targets", "36-CT/TW"]) == 0
    out = capsys.readouterr().out
    # --level gives the level of every row the file gives none (no column, no section row)
    assert "đánh giá 2/2 dòng" in out


def test_validate_accounts_for_every_row_without_verbose(tmp_path, capsys):
    from gender_stats.cli import main

    path = tmp_path / "bc.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["BÁO CÁO NỮ THAM GIA CẤP ỦY NHIỆM KỲ 2015 - 2020"])  # title
    ws.append(["Đơn vị", "Cấp", "Cơ quan", "Tổng số", "Nữ"])  # header
    ws.append(["Huyện Quan Hóa", "Cấp huyện", "BCH", 30, 5])
    ws.append(["Ghi chú: số liệu tạm tính"])  # note between rows
    ws.append(["Huyện Quan Sơn", "Cấp huyện", "BCH", 29, 31])  # women > total: reported
    ws.append(["Tổng cộng", None, None, 59, 36])  # total
    wb.save(path)
    assert main(["validate", str(path)]) == 2
    # the problem goes to stderr; a read that fails prints its accounting with --verbose only
    assert "female ≤ total" in capsys.readouterr().err
    ws.delete_rows(5)
    ws["D5"], ws["E5"] = 30, 5
    wb.save(path)
    assert main(["validate", str(path), "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # 5 rows read: 1 used, 0 reported, title + header + note + total structural
    assert lines[1] == "  5 rows read = 1 used + 0 reported + 4 structural"


def test_a_roster_with_births_is_judged_on_members_under_40_where_every_birth_is_known(
    tmp_path, capsys
):
    """35-CT/TW (2019) c: members under 40 at the term's start (2020) ≥ 10 %, from birth years."""
    import pandas as pd

    import gender_stats as gs
    from gender_stats.cli import _count_roster, main

    rows = ["Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Họ và tên,Giới tính,Năm sinh"]
    # Huyện A: 20 members, 1 born in 1981 (39 in 2020: under 40): 5 % < 10 %, 1 more needed
    for k in range(20):
        rows.append(f"2020-2025,Huyện A,huyện,BCH,Người A{k},Nam,{1981 if k == 0 else 1970}")
    # Huyện B: 10 members, one birth unknown: no verdict on under 40, never a guess
    for k in range(10):
        rows.append(f"2020-2025,Huyện B,huyện,BCH,Người B{k},Nữ,{'' if k == 0 else 1985}")
    path = tmp_path / "ds.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # levels inferred from the names, said
        counts = _count_roster(gs.read_roster(path))
    got = dict(zip(counts["unit_name"], counts["under_40"], strict=True))
    assert got["Huyện A"] == 1 and got["Huyện B"] is pd.NA
    code = main(["check", str(path), "--roster", "--targets", "35-CT/TW-2019:c", "--lang", "en"])
    out = capsys.readouterr().out
    shortfall = next(line for line in out.splitlines() if line.startswith("Huyện A"))
    assert "5.0%" in shortfall and shortfall.rstrip().endswith("1")
    assert not any(line.startswith("Huyện B") for line in out.splitlines())
    assert "1 no data" in out
    assert code == 0


def test_cli_shortfalls_name_members_under_40_and_do_not_call_them_women():
    import io
    import warnings

    import gender_stats as gs
    from gender_stats.cli import _print_shortfalls

    counts = under_40_counts()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        below = gs.shortfalls(gs.check(counts, "35-CT/TW-2019"))
    out = io.StringIO()
    _print_shortfalls(below, "en", out)
    lines = out.getvalue().splitlines()
    assert lines[0].split()[-1] == "needed" and "women_needed" not in lines[0]
    assert any("≥ 10% [members under 40]" in line for line in lines[1:])
