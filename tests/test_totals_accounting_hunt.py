"""Totals checked against the rows they total; every sheet and column accounted for (hunt 1).

A tidy table with a body column has one ``Cộng`` per body: it sums that body's rows, not every row
(BCH 39 + 45 = 84, BTV 13 + 15 = 28; the two added together, 112, is no total of anything).  A
summary sheet left out, an instructions sheet and a hidden sheet are in the reading log with their
rows and why; a hidden column the reader takes figures from is said, like hidden rows.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from gender_stats import DataError, read_counts
from gender_stats.io import HiddenDataWarning, MismatchWarning, TableWarning

TITLE = ["BÁO CÁO SỐ LƯỢNG NỮ CẤP ỦY NHIỆM KỲ 2015-2020"]
HEADER = ["STT", "Đơn vị", "Cơ quan", "Tổng số", "Nữ", "Tỷ lệ (%)"]
QH_BCH = [1, "Huyện Quan Hóa", "Ban Chấp hành", 39, 5, 12.8]
NS_BCH = [2, "Huyện Nga Sơn", "Ban Chấp hành", 45, 9, 20]
QH_BTV = [1, "Huyện Quan Hóa", "Ban Thường vụ", 13, 1, 7.7]
NS_BTV = [2, "Huyện Nga Sơn", "Ban Thường vụ", 15, 2, 13.3]
# by hand: BCH 39 + 45 = 84 members, 5 + 9 = 14 women (16.7 %); BTV 13 + 15 = 28, 1 + 2 = 3 (10.7 %)


def _book(path: Path, sheets: dict[str, list[list[Any]]], **how: Any) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in how.get("merges", {}).get(name, ()):
            ws.merge_cells(rng)
        for letter in how.get("hidden_cols", {}).get(name, ()):
            ws.column_dimensions[letter].hidden = True
        if name in how.get("hidden_sheets", ()):
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def _tidy(tmp_path: Path, body_rows: list[list[Any]], **how: Any) -> Path:
    return _book(tmp_path / "bc.xlsx", {"S": [TITLE, [], HEADER, *body_rows]}, **how)


def _read_quietly(path: Path, **kw: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return read_counts(path, level="district", **kw)


# --------------------------------------------------------------------------------------------
# 1. A total row is checked against the rows it totals


def test_the_testers_table_one_cong_per_body_in_the_body_cell(tmp_path: Path) -> None:
    # the reproduction: unit names merged over their two body rows, "Cộng" merged over two
    rows = [
        [1, "Huyện Quan Hóa", "Ban Chấp hành", 39, 5, 12.8],
        [None, None, "Ban Thường vụ", 13, 1, 7.7],
        [2, "Huyện Nga Sơn", "Ban Chấp hành", 45, 9, 20],
        [None, None, "Ban Thường vụ", 15, 2, 13.3],
        [None, "Cộng", "Ban Chấp hành", 84, 14, 16.7],
        [None, None, "Ban Thường vụ", 28, 3, 10.7],
    ]
    merges = {"S": ["A4:A5", "B4:B5", "A6:A7", "B6:B7", "B8:B9"]}
    counts = _read_quietly(_tidy(tmp_path, rows, merges=merges))
    assert len(counts) == 4
    log = counts.attrs["reading"]
    assert (log.rows_read, log.rows_used, log.rows_structural) == (8, 4, 4)


@pytest.mark.parametrize(
    "bch_label, btv_label",
    [
        ("Cộng BCH", "Cộng BTV"),
        ("CỘNG BAN CHẤP HÀNH", "TỔNG CỘNG BAN THƯỜNG VỤ"),
        ("Cong BCH", "Tong cong Ban thuong vu"),
    ],
)
def test_a_total_whose_label_names_the_body(tmp_path: Path, bch_label: str, btv_label: str) -> None:
    rows = [
        QH_BCH,
        QH_BTV,
        NS_BCH,
        NS_BTV,
        [None, bch_label, None, 84, 14, 16.7],
        [None, btv_label, None, 28, 3, 10.7],
    ]
    counts = _read_quietly(_tidy(tmp_path, rows))
    assert sorted(counts["total"]) == [13, 15, 39, 45]  # the totals are no units
    kinds = [e.kind for e in counts.attrs["reading"].entries if e.row in (8, 9)]
    assert [str(k) for k in kinds] == ["total", "total"]


def test_a_total_right_after_one_bodys_rows_is_that_bodys(tmp_path: Path) -> None:
    # stacked: the BCH rows, "Cộng", the BTV rows, "Tổng cộng"; the total rows' body cells blank
    rows = [
        QH_BCH,
        NS_BCH,
        [None, "Cộng", None, 84, 14, 16.7],
        QH_BTV,
        NS_BTV,
        [None, "Tổng cộng", None, 28, 3, 10.7],
        # the grand total below both: 84 + 28 = 112 members, 14 + 3 = 17 women
        [None, "TỔNG CỘNG (I+II)", None, 112, 17, None],
    ]
    counts = _read_quietly(_tidy(tmp_path, rows))
    assert len(counts) == 4


def test_section_subtotals_per_body(tmp_path: Path) -> None:
    rows = [
        ["I", "Khối huyện"],
        QH_BCH,
        QH_BTV,
        NS_BCH,
        NS_BTV,
        [None, "Tổng số khối huyện", "BCH", 84, 14, 16.7],
        [None, "Tổng số khối huyện", "BTV", 28, 3, 10.7],
    ]
    assert len(_read_quietly(_tidy(tmp_path, rows))) == 4


def test_correct_per_body_totals_do_not_raise_with_on_mismatch_raise(tmp_path: Path) -> None:
    rows = [QH_BCH, QH_BTV, NS_BCH, NS_BTV]
    rows += [[None, "Cộng", "BCH", 84, 14, 16.7], [None, "Cộng", "BTV", 28, 3, 10.7]]
    counts = _read_quietly(_tidy(tmp_path, rows), on_mismatch="raise")
    assert len(counts) == 4


# a real mismatch still warns, against the body's rows: BCH women 5 + 9 = 14, written 15


@pytest.mark.parametrize(
    "rows",
    [
        # the body cell names it
        [QH_BCH, QH_BTV, NS_BCH, NS_BTV, [None, "Cộng", "Ban Chấp hành", 84, 15, None]],
        # the label names it
        [QH_BCH, QH_BTV, NS_BCH, NS_BTV, [None, "Cộng BCH", None, 84, 15, None]],
        # it sits after the BCH rows
        [QH_BCH, NS_BCH, [None, "CỘNG", None, 84, 15, None], QH_BTV, NS_BTV],
    ],
    ids=["body cell", "label", "place"],
)
def test_a_wrong_body_total_warns_with_the_bodys_sum(tmp_path: Path, rows: Any) -> None:
    path = _tidy(tmp_path, rows)
    with pytest.warns(MismatchWarning) as caught:
        counts = read_counts(path, level="district")
    messages = [str(w.message) for w in caught if w.category is MismatchWarning]
    assert len(messages) == 1
    assert re.search(r'ô E\d+ \(cột "Nữ"\): giá trị "15" — cần 14 = ', messages[0])
    assert "Ban Chấp hành" in messages[0]
    assert len(counts) == 4  # the counts are kept


def test_a_wrong_body_total_raises_with_on_mismatch_raise(tmp_path: Path) -> None:
    rows = [QH_BCH, QH_BTV, NS_BCH, NS_BTV]
    rows += [[None, "Cộng", "BCH", 84, 14, None], [None, "Cộng", "BTV", 27, 3, None]]
    with pytest.raises(DataError, match=r"ô D9.*cần 28 = ") as err:
        read_counts(_tidy(tmp_path, rows), level="district", on_mismatch="raise")
    assert len(err.value.problems) == 1


def test_a_wrong_section_subtotal_of_one_body_warns(tmp_path: Path) -> None:
    rows = [
        ["I", "Khối huyện"],
        QH_BCH,
        QH_BTV,
        NS_BCH,
        NS_BTV,
        [None, "Tổng số khối huyện", "BCH", 84, 14, None],
        [None, "Tổng số khối huyện", "BTV", 27, 3, None],
    ]
    with pytest.warns(MismatchWarning, match=r"ô D10 .*giá trị \"27\" — cần 28 = "):
        read_counts(_tidy(tmp_path, rows), level="district")


def test_a_total_whose_scope_cannot_be_told_is_said_never_a_mismatch(tmp_path: Path) -> None:
    # interleaved bodies, the total names none and equals neither 112 nor 84 nor 28
    rows = [QH_BCH, QH_BTV, NS_BCH, NS_BTV, [None, "Tổng cộng", None, 100, 17, None]]
    path = _tidy(tmp_path, rows)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        counts = read_counts(path, level="district")
    kinds = [w.category for w in caught]
    assert MismatchWarning not in kinds
    said = [str(w.message) for w in caught if w.category is TableWarning]
    assert len(said) == 1
    assert "dòng 8" in said[0] and "không rõ dòng tổng cộng những dòng nào" in said[0]
    entry = next(e for e in counts.attrs["reading"].entries if e.row == 8)
    assert "không đối chiếu" in entry.detail
    # the same table with a total the figures explain (112, 17: every row) is checked, quietly
    rows[-1] = [None, "Tổng cộng", None, 112, 17, None]
    assert len(_read_quietly(_book(tmp_path / "all.xlsx", {"S": [TITLE, [], HEADER, *rows]}))) == 4


# --------------------------------------------------------------------------------------------
# 2. Every sheet of the workbook accounted for

SHEET_HEADER = ["STT", "Đơn vị", "Tổng số", "Nữ"]
NORTH = [TITLE, [], SHEET_HEADER, [1, "Huyện Quan Hóa", 39, 5], [2, "Huyện Nga Sơn", 45, 9]]
SOUTH = [TITLE, [], SHEET_HEADER, [1, "Huyện Hà Trung", 43, 6], [2, "Huyện Thọ Xuân", 50, 8]]
SUMMARY = [*NORTH, [3, "Huyện Hà Trung", 43, 6], [4, "Huyện Thọ Xuân", 50, 8]]
GUIDE = [["HƯỚNG DẪN"], ["Điền số liệu vào các trang"]]


def test_a_summary_sheet_left_out_is_not_counted_as_used(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "th.xlsx",
        {"Tổng hợp": SUMMARY, "Bắc": NORTH, "Nam": SOUTH, "Hướng dẫn": GUIDE},
    )
    counts = _read_quietly(path, body="BCH")
    log = counts.attrs["reading"]
    # Tổng hợp: title, header, 4 units = 6; Bắc 4; Nam 4; Hướng dẫn 2 -> 16 rows read
    assert len(counts) == 4
    assert (log.rows_read, log.rows_used, log.rows_reported, log.rows_structural) == (16, 4, 0, 12)
    summary_rows = [e for e in log.entries if e.sheet == "Tổng hợp" and str(e.kind) == "data"]
    assert len(summary_rows) == 4
    assert all(e.outcome == "structural" and "tổng hợp" in e.detail for e in summary_rows)
    guide = [e for e in log.entries if e.sheet == "Hướng dẫn"]
    assert [e.row for e in guide] == [1, 2]
    assert all("không có số" in e.detail for e in guide)
    line = log.summary()
    assert "đọc 16 dòng = 4 dùng + 0 báo lỗi/cảnh báo + 12 dòng cấu trúc" in line
    assert '"Tổng hợp" 6 dòng' in line and '"Hướng dẫn" 2 dòng' in line
    assert line in str(log)


def test_a_hidden_sheet_is_in_the_log_with_its_rows(tmp_path: Path) -> None:
    path = _book(tmp_path / "an.xlsx", {"Bắc": NORTH, "Nam": SOUTH}, hidden_sheets=("Nam",))
    with pytest.warns(HiddenDataWarning, match='trang ẩn.*"Nam"'):
        counts = read_counts(path, level="district", body="BCH")
    log = counts.attrs["reading"]
    hidden = [e for e in log.entries if e.sheet == "Nam"]
    assert [e.row for e in hidden] == [1, 3, 4, 5]
    assert {(str(e.kind), e.outcome) for e in hidden} == {("hidden", "reported")}
    assert (log.rows_read, log.rows_used, log.rows_reported, log.rows_structural) == (8, 2, 4, 2)
    assert '"Nam" 4 dòng — trang ẩn' in log.summary()


# --------------------------------------------------------------------------------------------
# 3. Hidden columns


def test_a_hidden_column_the_reader_uses_is_said(tmp_path: Path) -> None:
    rows = [TITLE, [], SHEET_HEADER, [1, "Huyện Quan Hóa", 39, 5], [2, "Huyện Nga Sơn", 45, 9]]
    path = _book(tmp_path / "cot.xlsx", {"S": rows}, hidden_cols={"S": ["D"]})
    with pytest.warns(HiddenDataWarning, match=r'cột ẩn \(hidden columns read\): D \("Nữ"\)'):
        counts = read_counts(path, level="district", body="BCH")
    assert list(counts["female"]) == [5, 9]  # read, and said
    assert any("cột ẩn" in note for note in counts.attrs["reading"].notes)
    # hidden columns the reader takes nothing from (blank ones) are not said
    wider = [[*r, None, None] for r in rows]
    wider[2][5] = "Ghi chú"
    quiet = _book(tmp_path / "cot2.xlsx", {"S": wider}, hidden_cols={"S": ["E", "H"]})
    assert len(_read_quietly(quiet, body="BCH")) == 2
