"""The official wide template: title, two-row merged header, sections, total row, percentages."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from gender_stats.errors import DataError
from gender_stats.io import read_counts
from gender_stats.io._counts import MismatchWarning
from gender_stats.io._levels import InferredLevelWarning

TITLE = [
    ["BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ TỈNH THANH HÓA"],
    ["BÁO CÁO SỐ LIỆU CÁN BỘ NỮ THAM GIA CẤP ỦY, NHIỆM KỲ 2015 - 2020"],
    [],
]
HEADER = [
    ["STT", "Đơn vị", "Ban Chấp hành", None, None, "Ban Thường vụ", None, None],
    [None, None, "Tổng số", "Nữ", "Tỷ lệ (%)", "Tổng số", "Nữ", "Tỷ lệ (%)"],
]
HEADER_MERGES = ["A4:A5", "B4:B5", "C4:E4", "F4:H4"]


def template(**cells: Any) -> list[list[Any]]:
    """Rows 1-11 of a filled template; ``cells`` overrides cells, e.g. ``D7=45``."""
    rows: list[list[Any]] = [
        *TITLE,
        *HEADER,
        ["I", "Khối huyện, thị xã, thành phố"],
        [1, "Huyện Quan Hóa", 39, 5, 12.8, 13, 1, "7,7"],
        [2, "Huyện Cẩm Thủy", 41, 8, 0.195, 13, 2, 15.4],
        ["II", "Khối sở, ban, ngành"],
        [1, "Sở Tư pháp", 9, 3, 33.3, 3, 1, 33.3],
        [None, "Tổng cộng", 89, 16, 18.0, 29, 4, 13.8],
    ]
    rows = [list(r) + [None] * (8 - len(r)) for r in rows]
    for ref, value in cells.items():
        col, row = ord(ref[0]) - ord("A"), int(ref[1:])
        rows[row - 1][col] = value
    return rows


def write(xlsx, rows=None, *, merges=(), **kw):
    return xlsx(
        template() if rows is None else rows,
        merges=[*HEADER_MERGES, "B6:H6", "B9:H9", *merges],
        formats={"E8": "0.0%"},
        **kw,
    )


def test_wide_template_reads_long_counts(xlsx) -> None:
    out = read_counts(write(xlsx))
    got = {(r.unit_id, r.level, r.body, r.total, r.female) for r in out.itertuples(index=False)}
    assert got == {
        ("huyen-quan-hoa", "district", "party_committee", 39, 5),
        ("huyen-cam-thuy", "district", "party_committee", 41, 8),
        ("so-tu-phap", "agency", "party_committee", 9, 3),
        ("huyen-quan-hoa", "district", "standing_committee", 13, 1),
        ("huyen-cam-thuy", "district", "standing_committee", 13, 2),
        ("so-tu-phap", "agency", "standing_committee", 3, 1),
    }
    assert set(out["term"]) == {"2015-2020"}
    assert len(out) == 6


def test_units_table_wins_over_sections(xlsx) -> None:
    units = pd.DataFrame(
        {
            "unit_id": ["TH01", "TH02", "SO01"],
            "unit_name": ["Huyện Quan Hoá", "Huyện Cẩm Thủy", "Sở Tư pháp"],
            "level": ["district", "district", "province"],
            "kind": ["huyện", "huyện", "sở"],
        }
    )
    out = read_counts(write(xlsx), units=units)
    assert dict(zip(out["unit_id"], out["level"], strict=True)) == {
        "TH01": "district",
        "TH02": "district",
        "SO01": "province",
    }


def test_small_variations_tt_blank_column_number_row_and_other_header_row(xlsx) -> None:
    rows = [
        [None, "BÁO CÁO SỐ LIỆU, NHIỆM KỲ 2020 - 2025"],
        [],
        [],
        [None, "TT", "Tên đơn vị", "BTV", None, "HĐND", None],
        [None, None, None, "Tổng số", "Nữ", "Tổng số", "Nữ"],
        [None, "A", "B", 1, 2, 3, 4],
        [None, None, "I. Khối huyện"],
        [None, 1, "Huyện Quan Hóa", 11, 2, 30, 9],
        [],
        [],
    ]
    path = xlsx(rows, merges=["B4:B5", "C4:C5", "D4:E4", "F4:G4"])
    out = read_counts(path)
    assert out[["term", "body", "total", "female"]].to_dict("records") == [
        {"term": "2020-2025", "body": "standing_committee", "total": 11, "female": 2},
        {"term": "2020-2025", "body": "peoples_council", "total": 30, "female": 9},
    ]
    assert out["level"].tolist() == ["district"] * 2


def test_no_section_and_no_units_means_level_from_the_name(xlsx) -> None:
    # issue 10 §4: with no units table and no section, the name gives the level, with a warning
    rows = [*TITLE, *HEADER, [1, "Huyện Quan Hóa", 39, 5, None, 13, 1, None]]
    with pytest.warns(InferredLevelWarning, match="Huyện Quan Hóa → district"):
        out = read_counts(xlsx(rows, merges=HEADER_MERGES))
    assert set(out["level"]) == {"district"}
    # a name that says nothing of its level is still a problem
    rows = [*TITLE, *HEADER, [1, "Quan Hóa", 39, 5, None, 13, 1, None]]
    with pytest.raises(DataError, match=r"I\. Khối huyện") as info:
        read_counts(xlsx(rows, merges=HEADER_MERGES, name="b.xlsx"))
    assert {p.row for p in info.value.problems} == {6}


def test_total_row_mismatch_names_the_cell(xlsx) -> None:
    with pytest.raises(DataError, match="16 = tổng") as info:
        read_counts(write(xlsx, template(D11=15, E11=None)), on_mismatch="raise")
    (p,) = info.value.problems
    assert (p.sheet, p.row, p.column, p.header, p.value) == (
        "Sheet1", 11, "D", "Ban Chấp hành / Nữ", 15,
    )  # fmt: skip
    assert (info.value.rows_read, info.value.rows_used, info.value.rows_reported) == (3, 3, 0)


@pytest.mark.parametrize(
    ("cell", "value", "fmt_ok"),
    [
        ("E7", 12.4, False),  # 5/39 = 12.82 %
        ("E7", "12,8", True),
        ("E7", "12,9", True),
        ("E7", "13,0", False),
        ("H7", "7,7", True),
        ("H7", "7,5", False),  # 1/13 = 7.69 %
        ("E8", 0.196, True),  # 19.6 % with format 0.0 %: 8/41 = 19.51 %
        ("E8", 0.194, False),
    ],
)
def test_percent_cells_checked(xlsx, cell: str, value: Any, fmt_ok: bool) -> None:
    path = write(xlsx, template(**{cell: value}))
    if fmt_ok:
        assert len(read_counts(path)) == 6
    else:
        with pytest.raises(DataError, match="tỷ lệ") as info:
            read_counts(path, on_mismatch="raise")
        (p,) = info.value.problems
        assert f"{p.column}{p.row}" == cell
        with pytest.warns(MismatchWarning, match=f"ô {cell}"):
            assert len(read_counts(path)) == 6


def test_total_row_percent_checked(xlsx) -> None:
    # 16/89 = 17.98 %, reported 19.0
    with pytest.raises(DataError, match="16/89") as info:
        read_counts(write(xlsx, template(E11=19.0)), on_mismatch="raise")
    assert [(p.row, p.column) for p in info.value.problems] == [(11, "E")]


def test_every_bad_cell_at_once(xlsx) -> None:
    rows = template(C7=-1, D8=2.5, F10="nhiều", G7="1", E7=None, E8=None, H10=None, C11=None)
    rows[10] = [None, "Tổng cộng"] + [None] * 6
    with pytest.raises(DataError) as info:
        read_counts(write(xlsx, rows))
    got = {(p.row, p.column): p.expected for p in info.value.problems}
    # G7 = "1" is a number typed as text: read as 1 (with a TableWarning when the file reads)
    assert set(got) == {(7, "C"), (8, "D"), (10, "F")}
    assert "whole number" in got[(7, "C")]
    headers = {(p.row, p.column): p.header for p in info.value.problems}
    assert headers[(10, "F")] == "Ban Thường vụ / Tổng số"
    err = info.value
    assert (err.rows_read, err.rows_used, err.rows_reported) == (3, 0, 3)
    assert err.rows_used + err.rows_reported == err.rows_read


def test_female_above_total(xlsx) -> None:
    rows = template(D7=45, E7=None)
    rows[10] = [None, "Tổng cộng"] + [None] * 6
    with pytest.raises(DataError, match="female ≤ total") as info:
        read_counts(write(xlsx, rows))
    (p,) = info.value.problems
    assert (p.row, p.column, p.header, p.value) == (7, "D", "Ban Chấp hành / Nữ", 45)


def test_merged_cells_in_data_area(xlsx) -> None:
    rows = template(C8=None)
    rows[10] = [None, "Tổng cộng"] + [None] * 6
    with pytest.raises(DataError, match="unmerge C7:C8") as info:
        read_counts(write(xlsx, rows, merges=["C7:C8"]))
    got = [(p.row, p.column) for p in info.value.problems]
    assert got == [(7, "C"), (8, "C")]  # the merge, and the blank total it leaves in row 8


def test_unknown_body_group(xlsx) -> None:
    rows = template(F4="Ủy ban kiểm tra")
    with pytest.raises(DataError, match="tên một cơ quan") as info:
        read_counts(write(xlsx, rows))
    (p,) = info.value.problems
    assert (p.row, p.column, p.value) == (4, "F", "Ủy ban kiểm tra")


def test_term_conflict_and_bad_term(xlsx) -> None:
    with pytest.raises(DataError, match="tham số term") as info:
        read_counts(write(xlsx), term="2020-2025")
    (p,) = info.value.problems
    assert (p.row, p.column) == (2, "A")
    assert info.value.rows_used == 0
    with pytest.raises(DataError, match="a term label"):
        read_counts(write(xlsx), term="2020")


def test_no_term_anywhere_is_a_clear_error(xlsx) -> None:
    rows = template(A2="BÁO CÁO SỐ LIỆU CÁN BỘ NỮ THAM GIA CẤP ỦY")
    with pytest.raises(DataError, match="NHIỆM KỲ 2015 - 2020"):
        read_counts(write(xlsx, rows))
    assert len(read_counts(write(xlsx, rows), term="2015-2020")) == 6


def test_term_from_national_assembly_khoa(xlsx) -> None:
    # issue 10 §4: a khóa is a term only for the National Assembly; for party bodies it is not
    rows = template(A2="ĐẠI BIỂU QUỐC HỘI KHÓA XIV")
    with pytest.raises(DataError, match="term=") as info:
        read_counts(write(xlsx, rows))
    assert "khóa" in str(info.value)
    na = [
        ["SỐ LIỆU ĐẠI BIỂU QUỐC HỘI KHÓA XIV"],
        ["Đơn vị", "Tổng số", "Nữ"],
        ["Đoàn ĐBQH tỉnh Thanh Hóa", 14, 4],
    ]
    out = read_counts(xlsx(na, name="na.xlsx"), level="province")
    assert out[["term", "body", "total", "female"]].to_dict("records") == [
        {"term": "2016-2021", "body": "national_assembly", "total": 14, "female": 4}
    ]


def test_row_blank_except_one_cell(xlsx) -> None:
    rows = template()
    rows.insert(8, [None, "Huyện Mường Lát"] + [None] * 6)
    rows[11] = [None, "Tổng cộng"] + [None] * 6
    with pytest.raises(DataError, match="blank except for one cell") as info:
        read_counts(xlsx(rows, merges=[*HEADER_MERGES, "B6:H6", "B10:H10"], formats={"E8": "0.0%"}))
    assert [p.row for p in info.value.problems] == [9]
    assert (info.value.rows_read, info.value.rows_reported) == (4, 1)


def test_section_that_names_no_level(xlsx) -> None:
    # the section gives no level: each unit's name does (with a warning), or the unit is a problem
    rows = template(B9="Khối doanh nghiệp")
    with pytest.warns(InferredLevelWarning, match="Sở Tư pháp → agency"):
        out = read_counts(write(xlsx, rows))
    assert out.loc[out["unit_id"] == "so-tu-phap", "level"].unique().tolist() == ["agency"]
    rows = template(B9="Khối doanh nghiệp", B10="Công ty Điện lực")
    with pytest.raises(DataError, match="section") as info:
        read_counts(write(xlsx, rows, name="b.xlsx"))
    assert (info.value.problems[0].row, info.value.problems[0].value) == (10, "Công ty Điện lực")


def test_section_subtotals_are_checked(xlsx) -> None:
    # section I sums to 80 members / 13 women; the row says 80 / 12
    rows = template(C6=80, D6=12, E6=None)
    with pytest.raises(DataError, match="section") as info:
        read_counts(xlsx(rows, merges=HEADER_MERGES, formats={"E8": "0.0%"}), on_mismatch="raise")
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(6, "D", 12)]
    assert "13" in info.value.problems[0].expected
    rows = template(C6=80, D6=13, F6=26, G6=3, H6="11,5")  # 3/26 = 11.54 %
    out = read_counts(xlsx(rows, merges=HEADER_MERGES, formats={"E8": "0.0%"}, name="ok.xlsx"))
    assert len(out) == 6


def test_cong_label_and_total_in_stt_column(xlsx) -> None:
    rows = template()
    rows[10] = ["Cộng", None, 89, 16, None, 29, 4, None]
    out = read_counts(write(xlsx, rows, merges=["A11:B11"]))
    assert len(out) == 6


def test_total_row_first_and_footer(xlsx) -> None:
    rows = template()
    total = rows.pop(10)
    rows.insert(5, total)  # the total right under the header, before the sections
    rows.append([None, "Nguồn: báo cáo của các đơn vị"])
    rows.append([None, None, None, None, "Thanh Hóa, ngày 05 tháng 6 năm 2015"])
    rows.append([None, None, None, None, "NGƯỜI LẬP BIỂU"])
    out = read_counts(
        xlsx(rows, merges=[*HEADER_MERGES, "B7:H7", "B10:H10"], formats={"E9": "0.0%"})
    )
    assert len(out) == 6
    rows[5][3] = 17
    with pytest.raises(DataError, match="16 = tổng") as info:
        read_counts(
            xlsx(rows, merges=HEADER_MERGES, formats={"E9": "0.0%"}, name="b.xlsx"),
            on_mismatch="raise",
        )
    assert [(p.row, p.column) for p in info.value.problems] == [(6, "D")]


def test_blank_group_means_no_such_body(xlsx) -> None:
    # the department has no standing committee figures: no row for it; the total sums the rest
    rows = template(F10=None, G10=None, H10=None, F11=26, G11=3, H11="11,5")
    out = read_counts(write(xlsx, rows))
    assert len(out) == 5
    assert set(out.loc[out["unit_id"] == "so-tu-phap", "body"]) == {"party_committee"}
    rows = template(F10=None, H10=None)  # the women are there, the total is not
    with pytest.raises(DataError) as info:
        read_counts(write(xlsx, rows, name="b.xlsx"))
    assert [(p.row, p.column) for p in info.value.problems] == [(10, "F")]
