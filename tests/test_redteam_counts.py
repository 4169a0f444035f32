"""Red team of the counts readers: files made the way offices make them, read through the public API.

Every workbook is built here with its own numbers, worked out by hand; each test says what a
careful statistician expects of it: the exact counts, or a located problem, or a warning.
"""

from __future__ import annotations

import re
import tempfile
import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gender_stats as gs
from gender_stats.errors import DataError
from gender_stats.io._counts import MismatchWarning
from gender_stats.io._levels import infer_level
from gender_stats.io._rows import sum_kind


def book(
    path: Path,
    sheets: dict[str, list[list[Any]]],
    *,
    start: tuple[int, int] = (1, 1),
    merges: dict[str, list[str]] | None = None,
    hidden_rows: dict[str, list[int]] | None = None,
    formats: dict[str, dict[str, str]] | None = None,
    cached: dict[str, Any] | None = None,
) -> Path:
    """Write a workbook whose tables start at ``start`` (row, column; 1-based) of each sheet.

    ``merges``, ``hidden_rows`` and ``formats`` are in the sheet's own cell addresses.  ``cached``
    gives formula cells of the first sheet a saved value, as Excel would.
    """
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    r0, c0 = start
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if value is not None:
                    ws.cell(r0 + i, c0 + j, value)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
        for r in (hidden_rows or {}).get(name, []):
            ws.row_dimensions[r].hidden = True
        for cell, fmt in (formats or {}).get(name, {}).items():
            ws[cell].number_format = fmt
    wb.save(path)
    if cached:
        with zipfile.ZipFile(path) as zf:
            parts = {n: zf.read(n) for n in zf.namelist()}
        xml = parts["xl/worksheets/sheet1.xml"].decode()
        for ref, value in cached.items():
            xml = re.sub(
                rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/>', rf"\g<1><v>{value}</v>", xml
            )
        parts["xl/worksheets/sheet1.xml"] = xml.encode()
        with zipfile.ZipFile(path, "w") as zf:
            for n, data in parts.items():
                zf.writestr(n, data)
    return path


def records(out: Any, *cols: str) -> list[tuple[Any, ...]]:
    cols = cols or ("unit_name", "level", "body", "total", "female")
    return sorted(tuple(r) for r in out[list(cols)].itertuples(index=False))


def accounted(log: Any) -> None:
    assert log.rows_read == log.rows_used + log.rows_reported + log.rows_structural


def quiet_read(path: Path, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return gs.read_counts(path, **kwargs)


# --------------------------------------------------------------------------------------------
# Totals in other wordings are never units

UNITS_AND_TOTAL = [
    ["NHIỆM KỲ 2020 - 2025"],
    ["STT", "Đơn vị", "Tổng số", "Nữ"],
    ["I", "Khối huyện"],
    [1, "Huyện Nga Sơn", 37, 6],
    [2, "Huyện Hà Trung", 35, 5],
    [None, "cong khoi huyen", 72, 11],
    ["II", "Khối sở, ban, ngành"],
    [1, "Sở Y tế", 15, 6],
    [None, "TOTAL", 87, 17],
]
EXPECTED = [
    ("Huyện Hà Trung", "district", "party_committee", 35, 5),
    ("Huyện Nga Sơn", "district", "party_committee", 37, 6),
    ("Sở Y tế", "agency", "party_committee", 15, 6),
]


@pytest.mark.parametrize(
    "label",
    [
        "Tổng cộng toàn thành phố",
        "Cộng toàn huyện",
        "Toàn Đảng bộ",
        "Cả tỉnh",
        "TỔNG SỐ CHUNG",
        "tong cong toan tinh Thanh Hoa",
        "Toàn huyện Nga Sơn",
    ],
)
def test_a_grand_total_in_another_wording_is_checked_not_counted(
    tmp_path: Path, label: str
) -> None:
    rows = [list(r) for r in UNITS_AND_TOTAL]
    rows[-1][1] = label
    out = quiet_read(book(tmp_path / "t.xlsx", {"BCH": rows}), body="BCH")
    assert records(out) == EXPECTED
    log = out.attrs["reading"]
    assert [(e.row, str(e.kind)) for e in log.entries][-1] == (9, "total")
    accounted(log)
    # the wording is checked like "Tổng cộng": a wrong figure is said at its cell
    rows[-1][3] = 18
    with pytest.warns(MismatchWarning, match=r"ô D9 .*17 = tổng các đơn vị"):
        gs.read_counts(book(tmp_path / "m.xlsx", {"BCH": rows}), body="BCH")


# --------------------------------------------------------------------------------------------
# The issuing block names who sends the report, not the body counted


@pytest.mark.parametrize(
    "issuer",
    [
        "HỘI ĐỒNG NHÂN DÂN TỈNH THANH HÓA",
        "UBND huyện Nga Sơn",
        "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH THANH HÓA",
        "BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ TỈNH THANH HÓA",
    ],
)
def test_the_issuer_line_is_not_the_body(tmp_path: Path, issuer: str) -> None:
    rows = [
        [issuer],
        ["BÁO CÁO SỐ LIỆU CÁN BỘ NỮ NĂM 2021, NHIỆM KỲ 2021-2026"],
        [],
        ["STT", "Đơn vị", "Tổng số", "Nữ"],
        [1, "Sở Y tế", 120, 70],
        [2, "Sở Tư pháp", 40, 12],
    ]
    path = book(tmp_path / "i.xlsx", {"Sheet1": rows})
    with pytest.raises(DataError, match=r"pass body=") as info:
        quiet_read(path)
    assert info.value.reading.rows_used == 0
    accounted(info.value.reading)
    out = quiet_read(path, body="staff")
    assert records(out, "unit_name", "body", "total", "female") == [
        ("Sở Tư pháp", "staff", 40, 12),
        ("Sở Y tế", "staff", 120, 70),
    ]


def test_a_title_line_under_the_issuer_still_names_the_body(tmp_path: Path) -> None:
    rows = [
        ["HUYỆN ỦY NGA SƠN"],
        ["DANH SÁCH BAN THƯỜNG VỤ CÁC ĐẢNG BỘ XÃ, NHIỆM KỲ 2020 - 2025"],
        ["STT", "Đơn vị", "Tổng số", "Nữ"],
        [1, "Xã Nga Yên", 5, 1],
        [2, "Xã Nga Thanh", 7, 2],
    ]
    out = quiet_read(book(tmp_path / "b.xlsx", {"Sheet1": rows}))
    assert records(out) == [
        ("Xã Nga Thanh", "commune", "standing_committee", 7, 2),
        ("Xã Nga Yên", "commune", "standing_committee", 5, 1),
    ]


# --------------------------------------------------------------------------------------------
# A subtotal whose label the reader does not know is never one more unit


@pytest.mark.parametrize(
    ("row", "label", "rows"),
    [(6, "Cộg khối huyện", "4–5"), (6, "Cộn khối huyện:", "4–5"), (9, "Tổg cộg", "4–8")],
)
def test_a_mistyped_subtotal_is_a_problem_not_a_unit(
    tmp_path: Path, row: int, label: str, rows: str
) -> None:
    table = [list(r) for r in UNITS_AND_TOTAL]
    table[-1][1] = "Tổng cộng"
    table[row - 1][1] = label
    if row == 9:
        table[5][1] = "Cộng khối huyện"
    path = book(tmp_path / "s.xlsx", {"BCH": table})
    with pytest.raises(DataError, match=r"sum of the \d rows above") as info:
        quiet_read(path, body="BCH")
    problem = info.value.problems[0]
    assert (problem.row, problem.column, problem.value) == (row, "B", label)
    assert f"dòng {rows}" in problem.expected
    log = info.value.reading
    assert (row, "data", "reported") in [(e.row, str(e.kind), e.outcome) for e in log.entries]
    accounted(log)


def test_units_whose_figures_happen_to_sum_the_rows_above_are_read(tmp_path: Path) -> None:
    rows = [
        ["NHIỆM KỲ 2020-2025"],
        ["STT", "Đơn vị", "Tổng số", "Nữ"],
        [1, "Huyện Nga Sơn", 37, 6],
        [2, "Huyện Hà Trung", 35, 5],
        [3, "Như Xuân", 72, 11],  # numbered: a unit
        [None, "Huyện Như Thanh", 144, 22],  # its name says its kind: a unit
        [None, "Tổng cộng", 288, 44],
    ]
    out = quiet_read(book(tmp_path / "u.xlsx", {"BCH": rows}), body="BCH", level="district")
    assert records(out, "unit_name", "total", "female") == [
        ("Huyện Hà Trung", 35, 5),
        ("Huyện Nga Sơn", 37, 6),
        ("Huyện Như Thanh", 144, 22),
        ("Như Xuân", 72, 11),
    ]
    # a long table: rows of another body are not summed with this one
    long = [
        ["Nhiệm kỳ", "Đơn vị", "Cấp", "Cơ quan", "Tổng số", "Nữ"],
        ["2020-2025", "Nga Sơn", "huyện", "BCH", 37, 6],
        ["2020-2025", "Nga Sơn", "huyện", "BTV", 13, 2],
        ["2020-2025", "Hà Trung", "huyện", "BCH", 50, 8],
    ]
    out = quiet_read(book(tmp_path / "l.xlsx", {"Sheet1": long}))
    assert records(out, "unit_name", "body", "total", "female") == [
        ("Hà Trung", "party_committee", 50, 8),
        ("Nga Sơn", "party_committee", 37, 6),
        ("Nga Sơn", "standing_committee", 13, 2),
    ]


# --------------------------------------------------------------------------------------------
# One sheet per district, the unit only in the sheet name (bodies down a "Nội dung" column)


def district_sheet(title: str, bch: tuple[int, int], btv: tuple[int, int]) -> list[list[Any]]:
    return [
        [title],
        ["SỐ LIỆU NỮ THAM GIA CẤP ỦY\nNHIỆM KỲ 2020 – 2025"],
        [],
        ["TT", "Nội dung", "Tổng số", "Nữ", "Tỷ lệ (%)"],
        [1, "Ban Chấp hành", *bch, None],
        [2, "Ban Thường vụ", *btv, None],
        [],
        [None, None, "ngày 05 tháng 6 năm 2021"],
        [None, None, "NGƯỜI LẬP BIỂU"],
    ]


def test_the_sheet_name_is_the_unit_when_nothing_else_names_it(tmp_path: Path) -> None:
    path = book(
        tmp_path / "d.xlsx",
        {
            "Nga Sơn": district_sheet("", (37, 6), (13, 2)),
            "Hà Trung": district_sheet("", (35, 5), (11, 1)),
            "Sheet3": [],
        },
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = gs.read_counts(path, level="district")
    said = [str(w.message) for w in caught if "the unit is the sheet name" in str(w.message)]
    assert len(said) == 2 and '"Nga Sơn"' in said[0] and '"Hà Trung"' in said[1]
    assert records(out) == [
        ("Hà Trung", "district", "party_committee", 35, 5),
        ("Hà Trung", "district", "standing_committee", 11, 1),
        ("Nga Sơn", "district", "party_committee", 37, 6),
        ("Nga Sơn", "district", "standing_committee", 13, 2),
    ]
    accounted(out.attrs["reading"])
    # a units table finds the district by its short name (an alias)
    units = pd.DataFrame(
        {
            "unit_id": ["D01", "D02"],
            "unit_name": ["Huyện Nga Sơn", "Huyện Hà Trung"],
            "level": ["district", "district"],
            "kind": ["huyen", "huyen"],
            "aliases": ["Nga Sơn", "Hà Trung"],
        }
    )
    out = quiet_read(path, units=units)
    assert sorted(set(zip(out["unit_id"], out["level"], strict=True))) == [
        ("D01", "district"),
        ("D02", "district"),
    ]


@pytest.mark.parametrize("sheet", ["Sheet1", "Biểu 2", "Số liệu", "BCH", "Tổng hợp", "2020-2025"])
def test_a_sheet_name_that_is_not_a_unit_gives_none(tmp_path: Path, sheet: str) -> None:
    path = book(tmp_path / "n.xlsx", {sheet: district_sheet("", (37, 6), (13, 2))})
    with pytest.raises(DataError, match="pass unit_name="):
        quiet_read(path, level="district")


def test_a_title_naming_another_unit_than_the_sheet_is_a_problem(tmp_path: Path) -> None:
    # the title copied from the first sheet and not corrected on the second
    path = book(
        tmp_path / "c.xlsx",
        {
            "Nga Sơn": district_sheet("HUYỆN ỦY NGA SƠN", (37, 6), (13, 2)),
            "Hà Trung": district_sheet("HUYỆN ỦY NGA SƠN", (35, 5), (11, 1)),
        },
    )
    with pytest.raises(DataError, match="the title names another unit") as info:
        quiet_read(path)
    problem = info.value.problems[0]
    assert (problem.sheet, problem.row, problem.column) == ("Hà Trung", 1, "A")
    out = quiet_read(path, sheet="Nga Sơn")
    assert records(out, "unit_name", "body", "total") == [
        ("Huyện Nga Sơn", "party_committee", 37),
        ("Huyện Nga Sơn", "standing_committee", 13),
    ]


# --------------------------------------------------------------------------------------------
# The official wide template placed as offices place it


WIDE = [
    ["HUYỆN ỦY NGA SƠN", None, None, None, None, None, None, None, "Biểu số 01"],
    ["BÁO CÁO SỐ LIỆU CÁN BỘ NỮ THAM GIA CẤP ỦY\nnhiệm kỳ 2020 - 2025"],
    [],
    ["TT", "Tên đơn vị", None, "BCH Đảng bộ", None, None, "BTV Đảng ủy", None, "Ghi chú"],
    [None, None, None, "Tổng\nsố", "Nữ", "Tỷ lệ\n%", "Tổng  số", "nu", None],
    ["I", "cac xa, thi tran"],
    [1, "Xã Nga Yên", None, 15, 3, "20,0", 5, 1, None],
    [2, "Xã Nga Thanh", None, 17, 4, "23,5", 5, 0, "bầu thiếu 1"],
    [None, "cong khoi xa", None, 32, 7, None, 10, 1],
    ["II", "Khoi co quan"],
    [1, "Văn phòng Huyện ủy", None, 9, 5, "55,6", 3, 1],
    [None, "Tổng cộng toàn huyện", None, 41, 12, "29,3", 13, 2],
    ["Ghi chú: số liệu đến 30/6/2021"],
]
# the table starts at C9; "Tên đơn vị" is merged over two columns, in the header and on every row
WIDE_MERGES = ["C12:C13", "D12:E13", "F12:H12", "I12:J12", "K12:K13"] + [
    f"D{r}:E{r}" for r in (15, 16, 19)
]


def test_the_wide_template_at_c9_with_a_name_merged_over_two_columns(tmp_path: Path) -> None:
    path = book(tmp_path / "w.xlsx", {"Sheet1": WIDE}, start=(9, 3), merges={"Sheet1": WIDE_MERGES})
    out = quiet_read(path)
    assert records(out) == [
        ("Văn phòng Huyện ủy", "agency", "party_committee", 9, 5),
        ("Văn phòng Huyện ủy", "agency", "standing_committee", 3, 1),
        ("Xã Nga Thanh", "commune", "party_committee", 17, 4),
        ("Xã Nga Thanh", "commune", "standing_committee", 5, 0),
        ("Xã Nga Yên", "commune", "party_committee", 15, 3),
        ("Xã Nga Yên", "commune", "standing_committee", 5, 1),
    ]
    assert set(out["term"]) == {"2020-2025"}
    log = out.attrs["reading"]
    assert [(e.row, str(e.kind)) for e in log.entries] == [
        (9, "title"),
        (10, "title"),
        (12, "header"),
        (13, "header"),
        (14, "section"),
        (15, "data"),
        (16, "data"),
        (17, "subtotal"),
        (18, "section"),
        (19, "data"),
        (20, "total"),
        (21, "note"),
    ]
    accounted(log)
    # a merged range over a count cell is still a problem: which row would the number belong to?
    bad = book(
        tmp_path / "b.xlsx",
        {"Sheet1": WIDE},
        start=(9, 3),
        merges={"Sheet1": [*WIDE_MERGES, "F15:G15"]},
    )
    with pytest.raises(DataError, match="unmerge F15:G15"):
        quiet_read(bad)


def test_two_count_groups_with_no_body_over_them_are_a_problem(tmp_path: Path) -> None:
    # the group titles were lost (merged away): the second pair is another body, never an extra
    rows = [
        ["NHIỆM KỲ 2020-2025"],
        ["STT", "Đơn vị", "Tổng số", "Nữ", "Tổng số", "Nữ"],
        [1, "Huyện Nga Sơn", 37, 6, 13, 2],
        [2, "Huyện Hà Trung", 35, 5, 11, 1],
    ]
    with pytest.raises(DataError, match='column C is "Tổng số" too') as info:
        quiet_read(book(tmp_path / "g.xlsx", {"Sheet1": rows}), body="BCH")
    assert {(p.row, p.column) for p in info.value.problems} == {(2, "E"), (2, "F")}
    assert info.value.reading.rows_used == 0
    accounted(info.value.reading)


# --------------------------------------------------------------------------------------------
# A second table below the first is never read as more rows of the first

FIRST = [
    ["BIỂU 1: CẤP ỦY NHIỆM KỲ 2020-2025"],
    ["STT", "Đơn vị", "Tổng số", "Nữ"],
    [1, "Huyện Nga Sơn", 37, 6],
    [2, "Huyện Hà Trung", 35, 5],
    [None, "Tổng cộng", 72, 11],
    [],
]


@pytest.mark.parametrize(
    ("between", "header", "row"),
    [
        # its own title in the first cell, or centred over the counts
        (["BIỂU 2: ĐẠI BIỂU HĐND NHIỆM KỲ 2021-2026"], ["STT", "Đơn vị", "Tổng số", "Nữ"], 7),
        ([None, None, "Đại biểu HĐND nhiệm kỳ 2021 – 2026"], ["STT", "Đơn vị", "Tổng số", "Nữ"], 7),
        # no title: the same header again after the grand total
        ([], ["STT", "Đơn vị", "Tổng số", "Nữ"], 8),
        # no title: another header
        ([], ["TT", "Tên đơn vị", "Số đại biểu", "Đại biểu nữ"], 8),
    ],
)
def test_a_second_table_below_the_first_is_a_problem(
    tmp_path: Path, between: list[Any], header: list[Any], row: int
) -> None:
    rows = [
        *FIRST,
        between,
        header,
        [1, "Huyện Như Xuân", 40, 12],
        [2, "Huyện Như Thanh", 38, 10],
    ]
    with pytest.raises(DataError, match=f"a second table starts at row {row}") as info:
        quiet_read(book(tmp_path / "two.xlsx", {"Sheet1": rows}), body="BCH")
    log = info.value.reading
    assert log.rows_used == 0
    assert [e.row for e in log.entries if e.outcome == "reported"] == [3, 4, 9, 10]
    accounted(log)


def test_the_header_repeated_on_a_new_page_and_notes_with_terms_are_not_a_second_table(
    tmp_path: Path,
) -> None:
    rows = [
        ["NHIỆM KỲ 2020-2025"],
        ["STT", "Đơn vị", "Tổng số", "Nữ"],
        [1, "Huyện Nga Sơn", 37, 6],
        ["Ghi chú: nhiệm kỳ 2015-2020 huyện có 35 ủy viên"],
        ["STT", "Đơn vị", "Tổng số", "Nữ"],  # printed page 2
        [2, "Huyện Hà Trung", 35, 5],
        [None, "Tổng cộng", 72, 11],
    ]
    out = quiet_read(book(tmp_path / "p.xlsx", {"Sheet1": rows}), body="BCH")
    assert records(out, "unit_name", "term", "total", "female") == [
        ("Huyện Hà Trung", "2020-2025", 35, 5),
        ("Huyện Nga Sơn", "2020-2025", 37, 6),
    ]
    accounted(out.attrs["reading"])


# --------------------------------------------------------------------------------------------
# A unit that did not report (its counts blank) is a problem, never dropped, never zero

NOT_REPORTED = [
    ["NHIỆM KỲ 2020-2025"],
    ["STT", "Đơn vị", "Ban Chấp hành", None, None, "Ban Thường vụ", None, None, "Ghi chú"],
    [None, None, "Tổng số", "Nữ", "Tỷ lệ (%)", "Tổng số", "Nữ", "Tỷ lệ (%)", None],
    [1, "Huyện Nga Sơn", 37, 6, 16.2, 13, 2, 15.4, None],
    [2, "Huyện Mường Lát", None, None, None, None, None, None, None],
    [3, "Huyện Hà Trung", 35, 5, 14.3, 11, 1, 9.1, None],
]
NOT_REPORTED_MERGES = ["A2:A3", "B2:B3", "C2:E2", "F2:H2", "I2:I3"]


@pytest.mark.parametrize(
    "cells",
    [
        {"E5": 0, "H5": 0},  # the share typed 0
        {"E5": "-", "H5": "-"},
        {"C5": "-", "D5": "–", "F5": "-", "G5": "-"},  # dashes: none, or no figure?
        {"E5": "=IF(N(C5)>0,D5/C5,0)", "H5": "=IF(N(F5)>0,G5/F5,0)"},  # saved without a value
    ],
)
def test_a_unit_without_figures_is_a_problem_not_dropped(
    tmp_path: Path, cells: dict[str, Any]
) -> None:
    path = book(
        tmp_path / "n.xlsx", {"Sheet1": NOT_REPORTED}, merges={"Sheet1": NOT_REPORTED_MERGES}
    )
    wb = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        wb.active[ref] = value
    wb.save(path)
    with pytest.raises(DataError, match="not reported is not zero") as info:
        quiet_read(path)
    problem = info.value.problems[0]
    assert (problem.row, problem.column, problem.value) == (5, "B", "Huyện Mường Lát")
    log = info.value.reading
    assert (5, "data", "reported") in [(e.row, str(e.kind), e.outcome) for e in log.entries]
    accounted(log)


def test_a_unit_whose_remark_says_it_has_no_figures_is_reported_with_a_warning(
    tmp_path: Path,
) -> None:
    # "chưa báo cáo" in the Ghi chú column says why the row is blank: the row is not used, the
    # log says so and a warning names the row (as a summary's unpublished province, forms.md §3)
    path = book(
        tmp_path / "n.xlsx", {"Sheet1": NOT_REPORTED}, merges={"Sheet1": NOT_REPORTED_MERGES}
    )
    wb = openpyxl.load_workbook(path)
    wb.active["I5"] = "chưa báo cáo"
    wb.save(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = gs.read_counts(path)
    assert "Huyện Mường Lát" not in set(out["unit_name"])
    assert any("dòng 5" in str(w.message) for w in caught)
    log = out.attrs["reading"]
    assert (5, "data", "reported") in [(e.row, str(e.kind), e.outcome) for e in log.entries]
    accounted(log)


def test_an_empty_form_sent_back_is_one_problem(tmp_path: Path) -> None:
    rows = [list(r) for r in NOT_REPORTED[:3]]
    rows += [[1, "Huyện Nga Sơn", None, None, 0], [2, "Huyện Hà Trung", None, None, 0]]
    with pytest.raises(DataError, match="the table is empty") as info:
        quiet_read(
            book(tmp_path / "e.xlsx", {"Sheet1": rows}, merges={"Sheet1": NOT_REPORTED_MERGES})
        )
    assert len(info.value.problems) == 1


# --------------------------------------------------------------------------------------------
# A number under no header is lost data: a problem


def test_an_unquoted_decimal_comma_in_a_comma_csv_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "Đơn vị,Cấp,Tổng số,Nữ,Tỷ lệ (%)\nHuyện Nga Sơn,huyện,37,6,16,2\n"
        'Huyện Hà Trung,huyện,35,5,"14,3"\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="no header") as info:
        quiet_read(path, body="BCH", term="2020-2025")
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(2, "F", "2")]
    accounted(info.value.reading)
    # quoted, as Excel writes it, the file reads
    path.write_text(
        'Đơn vị,Cấp,Tổng số,Nữ,Tỷ lệ (%)\nHuyện Nga Sơn,huyện,37,6,"16,2"\n', encoding="utf-8"
    )
    out = quiet_read(path, body="BCH", term="2020-2025")
    assert records(out) == [("Huyện Nga Sơn", "district", "party_committee", 37, 6)]


def test_a_number_in_a_column_with_no_header_is_a_problem(tmp_path: Path) -> None:
    rows = [
        ["NHIỆM KỲ 2020-2025"],
        ["STT", "Đơn vị", "Tổng số", "Nữ", None, "Ghi chú"],
        [1, "Huyện Nga Sơn", 37, 6, 13, "bầu thiếu"],
        [2, "Huyện Hà Trung", 35, 5, None, None],
    ]
    with pytest.raises(DataError, match="no header") as info:
        quiet_read(book(tmp_path / "h.xlsx", {"Sheet1": rows}), body="BCH")
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(3, "E", 13)]
    # a remark there is not a number: read
    rows[2][4] = "x"
    out = quiet_read(book(tmp_path / "r.xlsx", {"Sheet1": rows}), body="BCH")
    assert len(out) == 2


# --------------------------------------------------------------------------------------------
# Generated: what is planted is what is read


@st.composite
def units_and_last_row(draw: st.DrawFn) -> tuple[list[tuple[int, int]], str, bool]:
    units = draw(
        st.lists(
            st.integers(5, 60).flatmap(lambda t: st.tuples(st.just(t), st.integers(0, t))),
            min_size=2,
            max_size=5,
        )
    )
    total = draw(st.booleans())
    if total:
        prefix = draw(st.sampled_from(["Tổng cộng", "TỔNG SỐ", "Tổng hợp", "tong cong", "Cộng"]))
        joint = draw(st.sampled_from([" toàn ", " cả ", " Toàn ", " "]))
        place = draw(st.sampled_from(["tỉnh", "huyện", "thành phố", "thị xã", "Đảng bộ", "ngành"]))
        if prefix == "Cộng" and joint == " ":
            joint = " toàn "  # "Cộng huyện" alone is a sum the figures place
        name = draw(st.sampled_from(["", " Thanh Hóa", " Nga Sơn"]))
        label = f"{prefix}{joint}{place}{name}"
    else:  # a subtotal whose label the reader cannot know: letters, no unit kind, no sum word
        label = draw(st.text("bcdfghklmnpqrtvxyz ", min_size=3, max_size=12).map(str.strip))
        assume(len(label) >= 3 and infer_level(label) is None and sum_kind(label) is None)
    return units, label, total


@settings(max_examples=30, deadline=None)
@given(case=units_and_last_row(), at=st.tuples(st.integers(1, 6), st.integers(1, 4)))
def test_generated_totals_are_checked_and_unknown_sums_reported(
    case: tuple[list[tuple[int, int]], str, bool], at: tuple[int, int]
) -> None:
    units, label, total = case
    rows: list[list[Any]] = [["NHIỆM KỲ 2020-2025"], ["STT", "Đơn vị", "Tổng số", "Nữ"]]
    rows += [[i + 1, f"Xã Số {i + 1}", t, f] for i, (t, f) in enumerate(units)]
    rows.append([None, label, sum(t for t, _ in units), sum(f for _, f in units)])
    with tempfile.TemporaryDirectory() as folder:
        path = book(Path(folder) / "g.xlsx", {"BCH": rows}, start=at)
        last = at[0] + len(rows) - 1
        if total:
            out = quiet_read(path, body="BCH")
            assert records(out, "unit_name", "total", "female") == sorted(
                (f"Xã Số {i + 1}", t, f) for i, (t, f) in enumerate(units)
            )
            log = out.attrs["reading"]
            assert (log.entries[-1].row, str(log.entries[-1].kind)) == (last, "total")
            assert log.rows_used == len(units)
        else:
            with pytest.raises(DataError, match="sum of the") as info:
                quiet_read(path, body="BCH")
            assert {p.row for p in info.value.problems} == {last}  # (its level is unknown too)
            assert any("sum of the" in p.expected for p in info.value.problems)
            log = info.value.reading
        accounted(log)


@pytest.mark.parametrize(
    ("sections", "subtotals", "total"),
    [
        (
            (["A.", "CÁC HUYỆN"], ["B.", "CÁC SỞ, NGÀNH"]),
            ("Cộng (A)", "Cộng (B)"),
            "TỔNG CỘNG (A+B)",
        ),
        ((["I", "Khối huyện"], ["II", "Khối sở"]), ("Cộng I", "Cộng II"), "Tổng I+II"),
        (
            (["", "1. Các huyện, thị xã"], ["", "2. Các sở, ban, ngành"]),
            ("Cộng 1", "Cộng 2"),
            "Tổng 1 + 2",
        ),
        ((["", "KHỐI HUYỆN"], ["", "KHỐI SỞ NGÀNH"]), ("Cộng", "cộng"), "Tổng cộng"),
    ],
)
def test_numbered_sections_with_their_own_subtotal_wordings(
    tmp_path: Path, sections: tuple[list[str], list[str]], subtotals: tuple[str, str], total: str
) -> None:
    rows = [
        ["NHIỆM KỲ 2020-2025"],
        ["STT", "Đơn vị", "Tổng số", "Nữ"],
        sections[0],
        [1, "Nga Sơn", 37, 6],
        [2, "Hà Trung", 35, 5],
        [None, subtotals[0], 72, 11],
        sections[1],
        [1, "Sở Y tế", 15, 6],
        [2, "Sở Tư pháp", 9, 3],
        [None, subtotals[1], 24, 9],
        [None, total, 96, 20],
    ]
    out = quiet_read(book(tmp_path / "s.xlsx", {"BCH": rows}), body="BCH")
    assert records(out, "unit_name", "level", "total", "female") == [
        ("Hà Trung", "district", 35, 5),
        ("Nga Sơn", "district", 37, 6),
        ("Sở Tư pháp", "agency", 9, 3),
        ("Sở Y tế", "agency", 15, 6),
    ]
    kinds = [str(e.kind) for e in out.attrs["reading"].entries]
    assert kinds[5::4] == ["subtotal", "subtotal"] and kinds[-1] == "total"
    accounted(out.attrs["reading"])
    rows[-1][3] = 21
    with pytest.warns(MismatchWarning, match="ô D11"):
        gs.read_counts(book(tmp_path / "m.xlsx", {"BCH": rows}), body="BCH")


# --------------------------------------------------------------------------------------------
# A tidy export: ";" and a BOM, terms written three ways, thousands with a non-breaking space


def test_a_tidy_semicolon_export_with_terms_written_as_offices_write_them(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(
        (
            "Nhiệm kỳ;Đơn vị;Cấp;Cơ quan;Tổng số;Nữ;Tỷ lệ (%)\r\n"
            "NK 2015-2020;Huyện Nga Sơn;huyện;BCH;37;6;16,2\r\n"
            "2015 – 2020;Huyện Hà Trung;huyện;BTV;13;2;15,4\r\n"
            "Nhiệm kỳ 2015-20;Tỉnh Thanh Hóa;tỉnh;CBCCVC;1\u00a0146;452;39,4\r\n"
        ).encode("utf-8-sig")
    )
    out = quiet_read(path)
    assert records(out, "term", "unit_name", "body", "total", "female") == [
        ("2015-2020", "Huyện Hà Trung", "standing_committee", 13, 2),
        ("2015-2020", "Huyện Nga Sơn", "party_committee", 37, 6),
        ("2015-2020", "Tỉnh Thanh Hóa", "staff", 1146, 452),
    ]
    accounted(out.attrs["reading"])
    # two terms in one cell is no term
    path.write_bytes(
        "Nhiệm kỳ;Đơn vị;Cấp;Cơ quan;Tổng số;Nữ\r\n2015-2020 và 2020-2025;Huyện Nga Sơn;huyện;BCH;37;6\r\n".encode()
    )
    with pytest.raises(DataError, match="a term") as info:
        quiet_read(path)
    assert (info.value.problems[0].row, info.value.problems[0].column) == (2, "A")


# --------------------------------------------------------------------------------------------
# Hidden rows: a hidden unit is passed over (and said), a hidden section still gives its level


def test_a_hidden_section_row_still_gives_its_level(tmp_path: Path) -> None:
    rows = [
        ["NHIỆM KỲ 2020-2025"],
        ["STT", "Đơn vị", "Tổng số", "Nữ"],
        ["I", "Khối huyện"],
        [1, "Nga Sơn", 37, 6],
        [2, "Tĩnh Gia (đã nhập vào thị xã Nghi Sơn)", 40, 4],  # hidden: abolished unit
        ["II", "Khối sở, ban, ngành"],  # hidden by mistake with the row above it
        [1, "Văn phòng UBND", 15, 6],
        [2, "Thanh tra", 9, 3],
        [None, "Tổng cộng", "=SUBTOTAL(109,C4:C8)", "=SUBTOTAL(109,D4:D8)"],  # 37+15+9, 6+6+3
    ]
    path = book(
        tmp_path / "h.xlsx",
        {"Sheet1": rows},
        hidden_rows={"Sheet1": [5, 6]},
        cached={"C9": 61, "D9": 15},
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = gs.read_counts(path, body="BCH")
    assert [str(w.message) for w in caught if "hidden rows passed over): 5." in str(w.message)]
    assert records(out, "unit_name", "level", "total", "female") == [
        ("Nga Sơn", "district", 37, 6),
        ("Thanh tra", "agency", 9, 3),
        ("Văn phòng UBND", "agency", 15, 6),
    ]
    log = out.attrs["reading"]
    assert [(e.row, str(e.kind), e.outcome) for e in log.entries if e.row in (5, 6)] == [
        (5, "hidden", "reported"),
        (6, "section", "structural"),
    ]
    accounted(log)
