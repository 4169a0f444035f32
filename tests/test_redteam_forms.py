"""Red team, forms: the official forms (BTCTW 9A/9B/9C, Mẫu 30/HĐBC) and Women's Union summaries.

Every file is built here as an office would send it, with its own numbers worked out by hand; the
public API reads it (``gs.read_counts``, ``gs.check``, the CLI) and the expected counts, problems or
warnings are written out.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbooks import one_sheet as build

import gender_stats as gs
from gender_stats.errors import DataError

# --------------------------------------------------------------------------------------------
# Helpers


def read(path: Path, **kwargs: Any) -> Any:
    """Read with ``gs.read_counts``; level inferred from a name is expected and not checked here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gs.InferredLevelWarning)
        return gs.read_counts(path, **kwargs)


def rows_of(out: Any, *cols: str) -> list[list[Any]]:
    """Return the chosen columns of a counts frame as lists (``<NA>`` as ``None``)."""
    cols = cols or ("unit_name", "body", "total", "female")
    return [
        [None if v is pd.NA else v for v in r]
        for r in out[list(cols)].astype(object).values.tolist()
    ]


def accounted(log: Any) -> None:
    """Every row of the reading log is used, reported or structural."""
    assert log.rows_read == log.rows_used + log.rows_reported + log.rows_structural
    assert log.rows_read == len(log.entries)


# --------------------------------------------------------------------------------------------
# The unit named in the title block (an issuing body; the party format puts the superior first)

HEAD = ["Nội dung", "Ban\nchấp\nhành", "Ban\nthường vụ", "Lãnh đạo cấp ủy", None]
POSTS = [None, None, None, "Bí thư", "Phó bí thư"]
BODY_ROWS = [
    ["TỔNG SỐ", 37, 13, 1, 2],
    ["*Trong đó:- Nữ", 6, 2, 0, 1],
]


def _form(title: list[list[Any]]) -> tuple[list[list[Any]], list[str]]:
    n = len(title) + 1
    merges = [f"A{n}:A{n + 1}", f"B{n}:B{n + 1}", f"C{n}:C{n + 1}", f"D{n}:E{n}"]
    return [*title, HEAD, POSTS, *BODY_ROWS], merges


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        # party format: the superior above the issuer (the form is the issuer's)
        ([["ĐẢNG BỘ TỈNH THANH HÓA"], ["HUYỆN ỦY NGA SƠN"]], "Huyện Nga Sơn"),
        ([["ĐẢNG BỘ TỈNH THANH HÓA"], ["ĐẢNG ỦY XÃ NGA AN"]], "Xã Nga An"),
        ([["BAN TỔ CHỨC HUYỆN ỦY NGA SƠN"]], "Huyện Nga Sơn"),
        ([["HUYỆN ỦY NGA SƠN\nBAN TỔ CHỨC"]], "Huyện Nga Sơn"),  # one cell, two lines
        ([["BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN NGA SƠN KHÓA XXV"]], "Huyện Nga Sơn"),  # congress no.
        ([["Huyện uỷ Nga Sơn"], ["Ban Tổ chức"]], "Huyện Nga Sơn"),  # lower case, old tone mark
        ([["THỊ ỦY BỈM SƠN"]], "Thị xã Bỉm Sơn"),
        ([["BAN THƯỜNG VỤ HUYỆN ỦY NGA SƠN"]], "Huyện Nga Sơn"),
        ([["UBND TỈNH THANH HÓA"], ["SỞ NỘI VỤ"]], "Tỉnh Thanh Hóa"),
        ([["THỐNG KÊ CÁN BỘ HUYỆN NGA SƠN NĂM 2021"]], "Huyện Nga Sơn"),
    ],
)
def test_the_issuing_unit_of_a_form(tmp_path: Path, title: list[list[Any]], unit: str) -> None:
    rows, merges = _form(title)
    out = read(build(tmp_path / "9b.xlsx", rows, merges=merges), term="2020-2025")
    assert set(out["unit_name"]) == {unit}
    assert rows_of(out, "body", "total", "female") == [
        ["party_committee", 37, 6],
        ["standing_committee", 13, 2],
        ["key_posts", 3, 1],
    ]


@pytest.mark.parametrize(
    ("title", "named"),
    [
        # an issuer whose unit the line does not say: the superior above is not it
        ([["ĐẢNG BỘ TỈNH THANH HÓA"], ["ĐẢNG ỦY KHỐI CƠ QUAN TỈNH"]], "ĐẢNG ỦY KHỐI CƠ QUAN TỈNH"),
        # two different units, neither above the other as superior
        ([["HUYỆN ỦY NGA SƠN"], ["THỐNG KÊ CÁN BỘ HUYỆN HÀ TRUNG"]], "Huyện Hà Trung"),
    ],
)
def test_a_title_naming_two_units_or_an_unnamed_issuer_is_a_problem(
    tmp_path: Path, title: list[list[Any]], named: str
) -> None:
    rows, merges = _form(title)
    path = build(tmp_path / "9b.xlsx", rows, merges=merges)
    with pytest.raises(DataError, match="một đơn vị: tiêu đề nêu") as info:
        read(path, term="2020-2025")
    assert named in str(info.value) and "unit_name=" in str(info.value)
    out = read(path, term="2020-2025", unit_name="Huyện Nga Sơn")
    assert set(out["unit_name"]) == {"Huyện Nga Sơn"}


def test_a_per_level_summary_takes_its_province_from_the_title(tmp_path: Path) -> None:
    # a Women's Union summary: one row per level, the province only in the title
    rows = [
        ["HỘI LIÊN HIỆP PHỤ NỮ TỈNH NGHỆ AN"],
        ["SỐ LIỆU NỮ ĐẠI BIỂU HĐND CÁC CẤP NHIỆM KỲ 2021-2026"],
        [],
        ["STT", "Cấp", "Tổng số đại biểu", "Nữ", "Tỷ lệ (%)"],
        [1, "Cấp tỉnh", 84, 24, "28,57"],  # 24/84 = 28.571 %
        [2, "Cấp huyện", 760, 230, "30.26"],  # 230/760 = 30.263 %
        [3, "Cấp xã", 12000, 3500, "29,16"],  # 3500/12000 = 29.1666 %, truncated
        ["Nguồn: Ủy ban bầu cử tỉnh"],
    ]
    for issuer in ("HỘI LIÊN HIỆP PHỤ NỮ TỈNH NGHỆ AN", "HỘI LHPN TỈNH NGHỆ AN"):
        rows[0] = [issuer]
        out = read(build(tmp_path / "w.xlsx", rows))
        assert rows_of(out, "unit_id", "level", "body", "term", "total", "female") == [
            ["tinh-nghe-an", "province", "peoples_council", "2021-2026", 84, 24],
            ["tinh-nghe-an/district", "district", "peoples_council", "2021-2026", 760, 230],
            ["tinh-nghe-an/commune", "commune", "peoples_council", "2021-2026", 12000, 3500],
        ]
        accounted(out.attrs["reading"])
    rows[0] = ["BÁO CÁO CỦA BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ"]
    rows[1] = ["SỐ LIỆU NỮ ĐẠI BIỂU HĐND CÁC CẤP TỈNH NGHỆ AN NHIỆM KỲ 2021-2026"]
    out = read(build(tmp_path / "w2.xlsx", rows))
    assert set(out["unit_name"]) == {
        "Tỉnh Nghệ An",
        "Tỉnh Nghệ An (cấp huyện)",
        "Tỉnh Nghệ An (cấp xã)",
    }


# --------------------------------------------------------------------------------------------
# Biểu 9A/9B/9C-BTCTW: criteria down, bodies and posts across

TITLE_9B = [
    ["HUYỆN ỦY NGA SƠN", None, None, None, None, "Biểu số 9B-BTCTW"],
    ["BAN TỔ CHỨC"],
    ["THỐNG KÊ CÁN BỘ LÃNH ĐẠO, QUẢN LÝ NĂM 2021"],
    [None, None, None, None, None, "Đvt: Người"],
]


def _simple(rows: list[list[Any]], head: list[Any] | None = None) -> list[list[Any]]:
    return [*TITLE_9B, head or ["Nội dung", "Ban chấp hành", "Ban thường vụ"], *rows]


@pytest.mark.parametrize(
    "women",
    ["Trong đó: Nữ", "Nữ", "- Nữ", "trong do nu", "Trong đó\nnữ", "TRONG ĐÓ: NỮ", "+ Nữ",
     "Trong đó:\n- Nữ", "Số nữ", "Nữ (người)", "Trong đó : - Nữ"],
)  # fmt: skip
def test_the_womens_row_in_every_wording(tmp_path: Path, women: str) -> None:
    path = build(tmp_path / "9b.xlsx", _simple([["TỔNG SỐ", 37, 13], [women, 6, 2]]))
    out = read(path, term="2020-2025")
    assert rows_of(out) == [
        ["Huyện Nga Sơn", "party_committee", 37, 6],
        ["Huyện Nga Sơn", "standing_committee", 13, 2],
    ]
    assert set(out["level"]) == {"district"}  # from the form number 9B


@pytest.mark.parametrize(
    "total", ["Tổng số", "TỔNG SỐ:", "Tổng số (người)", "I. TỔNG SỐ", "Tổng\nsố", "Tong so",
              "Tổng số cán bộ"],
)  # fmt: skip
def test_the_total_row_in_every_wording(tmp_path: Path, total: str) -> None:
    path = build(tmp_path / "9b.xlsx", _simple([[total, 37, 13], ["*Trong đó:- Nữ", 6, 2]]))
    assert rows_of(read(path, term="2020-2025"), "body", "total", "female") == [
        ["party_committee", 37, 6],
        ["standing_committee", 13, 2],
    ]


@pytest.mark.parametrize("start", [(9, 3), (12, 4), (3, 6)])
def test_a_form_placed_anywhere_on_the_sheet(tmp_path: Path, start: tuple[int, int]) -> None:
    rows = [
        ["HUYỆN ỦY HÀ TRUNG"],
        [],
        ["THỐNG KÊ NĂM 2021"],
        [],
        ["Nội dung", "Ban chấp hành", "Ban thường vụ"],
        ["(1)", "(2)", "(3)"],
        ["TỔNG SỐ", 35, 11],
        ["Trong đó: Nữ", 5, 1],
    ]
    out = read(build(tmp_path / "9b.xlsx", rows, start=start), term="2020-2025", level="district")
    assert rows_of(out) == [
        ["Huyện Hà Trung", "party_committee", 35, 5],
        ["Huyện Hà Trung", "standing_committee", 11, 1],
    ]
    accounted(out.attrs["reading"])


def test_two_terms_side_by_side_are_two_terms_not_a_sum(tmp_path: Path) -> None:
    head = ["Nội dung", "Nhiệm kỳ 2015-2020", None, "Nhiệm kỳ 2020 - 2025", None]
    sub = [None, "Ban chấp hành", "Ban thường vụ", "Ban chấp hành", "Ban thường vụ"]
    rows = [*TITLE_9B, head, sub, ["TỔNG SỐ", 35, 11, 37, 13], ["Trong đó: Nữ", 5, 1, 6, 2]]
    out = read(build(tmp_path / "t.xlsx", rows, merges=["A5:A6", "B5:C5", "D5:E5"]))
    assert rows_of(out, "term", "body", "total", "female") == [
        ["2015-2020", "party_committee", 35, 5],
        ["2015-2020", "standing_committee", 11, 1],
        ["2020-2025", "party_committee", 37, 6],
        ["2020-2025", "standing_committee", 13, 2],
    ]  # never 72 members with 11 women


def test_a_body_in_two_columns_is_a_problem_not_a_sum(tmp_path: Path) -> None:
    head = ["Nội dung", "Ban chấp hành", "Ban thường vụ", "Ban Chấp hành"]
    path = build(tmp_path / "d.xlsx", _simple([["TỔNG SỐ", 37, 13, 30], ["Nữ", 6, 2, 5]], head))
    with pytest.raises(DataError, match="một cột cho mỗi cơ quan") as info:
        read(path, term="2020-2025")
    assert [(p.row, p.column) for p in info.value.problems] == [(5, "D")]
    assert 'cột B "Ban chấp hành"' in str(info.value)


def test_a_blank_total_over_figures_is_a_problem_a_blank_column_is_not(tmp_path: Path) -> None:
    head = ["Nội dung", "Ban chấp hành", "Ban thường vụ", "Ủy ban kiểm tra", "Ghi chú"]
    rows = [["TỔNG SỐ", 37, None, 7, None], ["Trong đó: Nữ", 6, 2, 1, "tạm tính"]]
    with pytest.raises(DataError, match="dòng TỔNG SỐ") as info:
        read(build(tmp_path / "b.xlsx", _simple(rows, head)), term="2020-2025")
    assert [(p.row, p.column) for p in info.value.problems] == [(6, "C")]
    rows[1][2] = None  # the whole column blank: the body is not in this form
    out = read(build(tmp_path / "c.xlsx", _simple(rows, head)), term="2020-2025")
    assert rows_of(out, "body", "total", "female") == [["party_committee", 37, 6]]
    notes = out.attrs["reading"].notes
    assert any('cột D "Ủy ban kiểm tra" không dùng' in n for n in notes)  # never silently
    assert any('cột E "Ghi chú" không dùng' in n for n in notes)


def test_blank_criteria_are_no_figure_not_zero_and_get_no_verdict(tmp_path: Path) -> None:
    rows = [
        ["TỔNG SỐ", 37, 13],
        ["*Trong đó:- Nữ", 6, 2],
        ["- Dân tộc thiểu số"],  # an empty sub-row
        ["1. Tuổi đời"],
        ["- Từ 40 tuổi trở xuống", 5, None],  # the standing committee's band not filled in
        ["- Từ trên 40 tuổi đến 50 tuổi", 20, 6],
    ]
    out = read(build(tmp_path / "n.xlsx", _simple(rows)), term="2020-2025")
    assert rows_of(out, "body", "ethnic_minority", "under_40", "age_41_50") == [
        ["party_committee", None, 5, 20],
        ["standing_committee", None, None, 6],
    ]
    checked = gs.check(out, targets=["35-CT/TW-2019:c"])  # under 40: at least 10 %
    assert rows_of(checked, "body", "status", "reason") == [
        ["party_committee", "met", ""],  # 5/37 = 13.5 %
        ["standing_committee", "no_data", "no_value"],  # not "below" from an empty cell
    ]


def test_a_share_row_that_disagrees_with_the_counts_is_reported(tmp_path: Path) -> None:
    rows = [["TỔNG SỐ", 37, 13], ["Trong đó: Nữ", 6, 2], ["Tỷ lệ nữ (%)", "16,2", 30]]
    path = build(tmp_path / "p.xlsx", _simple(rows))
    with pytest.warns(gs.MismatchWarning, match=r"ô C8 .*15,38 % = 2/13"):
        out = read(path, term="2020-2025")  # 6/37 = 16.2 % agrees; 30 for 2/13 does not
    assert rows_of(out, "body", "total", "female") == [
        ["party_committee", 37, 6],
        ["standing_committee", 13, 2],
    ]
    assert (8, "criterion") in [(e.row, str(e.kind)) for e in out.attrs["reading"].entries]
    with pytest.raises(DataError) as info:
        read(path, term="2020-2025", on_mismatch="raise")
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(8, "C", 30)]


def test_more_women_than_members_is_reported_at_the_womens_cell(tmp_path: Path) -> None:
    path = build(tmp_path / "f.xlsx", _simple([["TỔNG SỐ", 37, 13], ["Trong đó: Nữ", 6, 14]]))
    with pytest.raises(DataError) as info:
        read(path, term="2020-2025")
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(7, "C", 14)]


def test_members_wording_in_the_header(tmp_path: Path) -> None:
    head = ["Nội dung", "Cấp ủy viên", "Ủy viên BTV", "UBKT"]
    path = build(tmp_path / "u.xlsx", _simple([["TỔNG SỐ", 37, 13, 7], ["Nữ", 6, 2, 1]], head))
    out = read(path, term="2020-2025")
    assert rows_of(out, "body", "total", "female") == [
        ["party_committee", 37, 6],
        ["standing_committee", 13, 2],
    ]
    assert any('cột D "UBKT" không dùng' in n for n in out.attrs["reading"].notes)


_WOMEN = ("*Trong đó:- Nữ", "Trong đó: Nữ", "Nữ", "- Nữ", "trong do nu", "Trong đó\nnữ")
_TOTALS = ("TỔNG SỐ", "Tổng số", "TONG SO", "Tổng số (người)")
_ISSUERS = (
    (["HUYỆN ỦY QUAN HÓA", "BAN TỔ CHỨC"], "Huyện Quan Hóa"),
    (["ĐẢNG BỘ TỈNH THANH HÓA", "HUYỆN ỦY QUAN HÓA"], "Huyện Quan Hóa"),
    (["BAN TỔ CHỨC HUYỆN ỦY QUAN HÓA"], "Huyện Quan Hóa"),
)


@st.composite
def forms(draw: st.DrawFn) -> dict[str, Any]:
    """A 9B form: bodies and posts with planted counts, worded and placed in varied ways."""
    counts = []
    for _ in range(draw(st.integers(2, 4))):  # BCH, BTV, then 0-2 post pairs
        total = draw(st.integers(0, 60))
        counts.append((total, draw(st.integers(0, total))))
    return {
        "counts": counts,
        "women": draw(st.sampled_from(_WOMEN)),
        "total": draw(st.sampled_from(_TOTALS)),
        "issuer": draw(st.sampled_from(_ISSUERS)),
        "start": (draw(st.integers(1, 6)), draw(st.integers(1, 4))),
        "numbers_row": draw(st.booleans()),
        "blank_rows": draw(st.integers(0, 2)),
        "ethnic": [draw(st.integers(0, t)) for t, _ in counts],
    }


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spec=forms())
def test_planted_forms_are_read(tmp_path: Path, spec: dict[str, Any]) -> None:
    counts = spec["counts"]
    heads = ["Ban chấp hành", "Ban thường vụ", "Bí thư", "Phó bí thư"][: len(counts)]
    lines, unit = spec["issuer"]
    rows: list[list[Any]] = [[line] for line in lines]
    rows += [[]] * spec["blank_rows"] + [["THỐNG KÊ CÁN BỘ NĂM 2022"]]
    top = ["Nội dung", "Ban chấp hành", "Ban thường vụ"]
    if len(counts) > 2:
        top += ["Lãnh đạo cấp ủy", None][: len(counts) - 2]
    rows.append(top)
    rows.append([None, None, None, *heads[2:]])
    if spec["numbers_row"]:
        rows.append(["A", *range(1, len(counts) + 1)])
    rows.append([spec["total"], *(t for t, _ in counts)])
    rows.append([spec["women"], *(f for _, f in counts)])
    rows.append(["- Dân tộc thiểu số", *spec["ethnic"]])
    rows.append([None, None, "Quan Hóa, ngày 5 tháng 1 năm 2022"])
    r0, c0 = spec["start"]
    n = r0 + rows.index(top)
    col = openpyxl.utils.get_column_letter
    merges = [f"{col(c0 + i)}{n}:{col(c0 + i)}{n + 1}" for i in range(3)]
    if len(counts) == 4:
        merges.append(f"{col(c0 + 3)}{n}:{col(c0 + 4)}{n}")
    path = build(tmp_path / "gen.xlsx", rows, merges=merges, start=spec["start"])
    out = read(path, term="2020-2025", level="district")
    posts = counts[2:]
    expect = [
        [unit, "party_committee", *counts[0], spec["ethnic"][0]],
        [unit, "standing_committee", *counts[1], spec["ethnic"][1]],
    ]
    if posts:
        expect.append(
            [unit, "key_posts", sum(t for t, _ in posts), sum(f for _, f in posts),
             sum(spec["ethnic"][2:])]
        )  # fmt: skip
    assert rows_of(out, "unit_name", "body", "total", "female", "ethnic_minority") == expect
    accounted(out.attrs["reading"])


# --------------------------------------------------------------------------------------------
# Mẫu số 30/HĐBC: rows are levels, seats beside elected, Số người | Tỷ lệ (%) groups


def mau_30(
    seats: str = "Số đại biểu được bầu",
    elected: str = "Số đại biểu trúng cử",
    levels: tuple[str, str, str] = ("Cấp tỉnh", "Cấp huyện", "Cấp xã"),
    title: str = "ĐẠI BIỂU QUỐC HỘI KHÓA XIV VÀ ĐẠI BIỂU HĐND CÁC CẤP NHIỆM KỲ 2016 - 2021",
) -> tuple[list[list[Any]], list[str]]:
    rows = [
        ["ỦY BAN BẦU CỬ TỈNH THANH HÓA", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        [f"BIỂU THỐNG KÊ SƠ BỘ KẾT QUẢ BẦU CỬ {title}"],
        ["II. KẾT QUẢ BẦU CỬ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN CÁC CẤP"],
        ["Số TT", "Cấp bầu cử", seats, elected, "Nữ", None, "Dân tộc thiểu số", None],
        [None, None, None, None, "Số người", "Tỷ lệ (%)", "Số người", "Tỷ lệ (%)"],
        ["1", "2", "3", "4", "5", "6", "7", "8"],
        [1, levels[0], 95, 94, 25, "26,59", 10, "10,63"],  # 25/94 = 26.595 %, 10/94 = 10.638 %
        [2, levels[1], 900, 898, 270, "30,06", 100, 11.13],  # 270/898 = 30.067 %, truncated
        [3, levels[2], 10000, 9990, 2900, 29.03, 1200, "12,01"],  # 2900/9990 = 29.029 %
        [None, "Tổng cộng", 10995, 10982, 3195, None, 1310, None],
        [None, None, None, "Thanh Hóa, ngày 30 tháng 5 năm 2016"],
        [None, None, None, "TM. ỦY BAN BẦU CỬ"],
    ]
    return rows, ["A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:F4", "G4:H4"]


MAU_30_EXPECT = [
    ["tinh-thanh-hoa", "province", "2016-2021", 94, 25, 95, 10],
    ["tinh-thanh-hoa/district", "district", "2016-2021", 898, 270, 900, 100],
    ["tinh-thanh-hoa/commune", "commune", "2016-2021", 9990, 2900, 10000, 1200],
]
MAU_30_COLS = ("unit_id", "level", "term", "total", "female", "seats", "ethnic_minority")


@pytest.mark.parametrize(
    ("seats", "elected"),
    [
        ("Số đại biểu được bầu", "Số đại biểu trúng cử"),
        ("Tổng số đại biểu được bầu", "Số đại biểu trúng cử"),
        ("Số ĐB được bầu", "Số ĐB trúng cử"),
        ("Số đại biểu\nđược bầu", "Số đại biểu\ntrúng cử"),
        ("SỐ ĐẠI BIỂU ĐƯỢC BẦU", "Tổng số đại biểu trúng cử"),
    ],
)
def test_mau_30_seats_and_elected_in_every_wording(
    tmp_path: Path, seats: str, elected: str
) -> None:
    rows, merges = mau_30(seats, elected)
    out = read(build(tmp_path / "m30.xlsx", rows, merges=merges))
    assert rows_of(out, *MAU_30_COLS) == MAU_30_EXPECT  # elected is the total, seats kept
    assert set(out["body"]) == {"peoples_council"}
    accounted(out.attrs["reading"])


@pytest.mark.parametrize(
    "levels",
    [("HĐND tỉnh", "HĐND cấp huyện", "HĐND cấp xã"), ("Tỉnh", "Huyện", "Xã"),
     ("CẤP TỈNH", "Cấp Huyện", "cấp xã")],
)  # fmt: skip
def test_mau_30_level_rows_in_every_wording(tmp_path: Path, levels: tuple[str, str, str]) -> None:
    rows, merges = mau_30(levels=levels)
    out = read(build(tmp_path / "m30.xlsx", rows, merges=merges))
    assert rows_of(out, *MAU_30_COLS) == MAU_30_EXPECT


def test_mau_30_more_elected_than_seats_is_reported(tmp_path: Path) -> None:
    rows, merges = mau_30()
    rows[6][3], rows[9][3] = 96, 10984  # 96 elected for 95 seats (and the total follows)
    rows[6][5], rows[6][7] = "26,04", "10,41"  # 25/96, 10/96: the shares agree with 96
    path = build(tmp_path / "m30.xlsx", rows, merges=merges)
    with pytest.warns(gs.MismatchWarning, match=r"ô D7 .*không vượt số đại biểu được bầu 95"):
        out = read(path)
    assert out["total"].tolist()[0] == 96  # the counts are kept, the user is told
    with pytest.raises(DataError) as info:
        read(path, on_mismatch="raise")
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(7, "D", 96)]


def test_mau_30_a_share_of_the_seats_is_reported_the_share_uses_elected(tmp_path: Path) -> None:
    rows, merges = mau_30()
    rows[6][5] = "26,32"  # 25/95: the seats, not the 94 elected
    path = build(tmp_path / "m30.xlsx", rows, merges=merges)
    with pytest.warns(gs.MismatchWarning, match=r"ô F7 .*26,60 % = 25/94"):
        out = read(path)
    checked = gs.check(out, targets=["2351/QĐ-TTg:1b-2016"])
    share = checked.loc[checked["level"] == "province", "share"].tolist()
    assert share == [pytest.approx(25 / 94)]


def test_mau_30_the_council_term_not_the_na_khoa(tmp_path: Path) -> None:
    # both in the title: the council rows take the council term (NA XIV is 2016-2021 too, so
    # name a different NA khóa to be sure the khóa is not what is read)
    rows, merges = mau_30(
        title="ĐẠI BIỂU QUỐC HỘI KHÓA XV VÀ ĐẠI BIỂU HĐND CÁC CẤP NHIỆM KỲ 2016-2021"
    )
    out = read(build(tmp_path / "a.xlsx", rows, merges=merges))
    assert set(out["term"]) == {"2016-2021"}
    rows, merges = mau_30(title="ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN TỈNH KHÓA XVIII")  # a council number
    with pytest.raises(DataError, match=r"khóa XVIII.*không phải nhiệm kỳ"):
        read(build(tmp_path / "b.xlsx", rows, merges=merges))


def test_a_summary_with_only_the_deputies_elected_column(tmp_path: Path) -> None:
    rows = [
        ["SỐ LIỆU NỮ ĐẠI BIỂU HĐND TỈNH NHIỆM KỲ 2021-2026"],
        ["STT", "Tỉnh", "Tổng số đại biểu được bầu", "Nữ", "Tỷ lệ (%)"],
        [1, "Tỉnh Thanh Hóa", 84, 24, "28,57"],  # 24/84 = 28.571 %
    ]
    out = read(build(tmp_path / "s.xlsx", rows))
    assert rows_of(out) == [["Tỉnh Thanh Hóa", "peoples_council", 84, 24]]
    assert any("là tổng số" in n for n in out.attrs["reading"].notes)


def test_cli_check_on_a_mau_30_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gender_stats.cli import main

    rows, merges = mau_30()
    path = build(tmp_path / "m30.xlsx", rows, merges=merges)
    code = main(["check", str(path), "--targets", "2351/QĐ-TTg:1b-2016", "--lang", "en"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Traceback" not in captured.err
    assert "assessed 3 of 3 rows" in captured.out


# --------------------------------------------------------------------------------------------
# Women's Union summaries: one row per province, a Nguồn column, blanks, percentages as text

PROVINCES = [
    ["KẾT QUẢ NỮ TRÚNG CỬ ĐẠI BIỂU HĐND CẤP TỈNH NHIỆM KỲ 2021 - 2026"],
    [],
    ["STT", "Tỉnh", "Số đại biểu trúng cử", "Trong đó nữ", "Tỷ lệ (%)", "Nguồn"],
    [1, "Thanh Hóa", 84, 24, "28.57", "Báo Thanh Hóa (*)"],  # 24/84 = 28.571 %
    [2, "Nghệ An", None, None, None, "chưa công bố"],  # not published
    [3, "Hà Tĩnh", 56, 15, "26,7", None],  # 15/56 = 26.785 %, truncated
    ["Ghi chú: (*) số liệu sau xác nhận tư cách đại biểu"],
    [4, "Quảng Bình (*)", 51, 14, "27,45%", "Cổng TTĐT"],  # 14/51 = 27.45 %
    [None, "Bình quân", 64, 18, "27,8", None],  # an average: not a province
    ["(*) Theo nghị quyết xác nhận tư cách"],
]


def test_province_rows_with_sources_blanks_notes_and_an_average(tmp_path: Path) -> None:
    path = build(tmp_path / "p.xlsx", PROVINCES)
    with pytest.warns(gs.TableWarning, match=r"không có số liệu .*dòng 5"):
        out = read(path, level="province")
    assert rows_of(out, "unit_name", "body", "term", "total", "female", "source") == [
        ["Thanh Hóa", "peoples_council", "2021-2026", 84, 24, "Báo Thanh Hóa (*)"],
        ["Hà Tĩnh", "peoples_council", "2021-2026", 56, 15, None],
        ["Quảng Bình", "peoples_council", "2021-2026", 51, 14, "Cổng TTĐT"],
    ]  # never a unit "Bình quân", never a silent Nghệ An
    log = out.attrs["reading"]
    accounted(log)
    kinds = {e.row: (str(e.kind), e.outcome) for e in log.entries}
    assert kinds[5] == ("data", "reported")
    assert kinds[7] == ("note", "structural") and kinds[10] == ("note", "structural")
    assert kinds[9] == ("total", "structural")
    assert (log.rows_read, log.rows_used, log.rows_reported) == (9, 3, 1)


def test_a_province_row_with_nothing_but_its_name_is_still_a_problem(tmp_path: Path) -> None:
    rows = [list(r) for r in PROVINCES]
    rows[4][5] = None  # no figure and no word on why
    with pytest.raises(DataError, match="blank except for one cell") as info:
        read(build(tmp_path / "p.xlsx", rows), level="province")
    assert [p.row for p in info.value.problems] == [5]


@pytest.mark.parametrize(
    ("cell", "fmt", "agrees"),
    [
        ("26,78", None, True),  # 15/56 = 26.785 %: truncated
        ("26.79", None, True),  # rounded, dot
        ("26,8 %", None, True),
        ("27", None, True),
        (0.2678, "0.00%", True),  # a percent cell holding the fraction
        ("26,5", None, False),
        ("25.0", None, False),
        (0.25, "0.0%", False),
    ],
)
def test_percentages_as_offices_type_them(
    tmp_path: Path, cell: Any, fmt: Any, agrees: bool
) -> None:
    rows = [list(r) for r in PROVINCES[:4]] + [[3, "Hà Tĩnh", 56, 15, cell, None]]
    path = build(tmp_path / "p.xlsx", rows, formats={"E5": fmt} if fmt else None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = read(path, level="province")
    said = [str(w.message) for w in caught if issubclass(w.category, gs.MismatchWarning)]
    assert len(said) == (0 if agrees else 1)
    if not agrees:
        assert "ô E5" in said[0] and "26,79 % = 15/56" in said[0]
    assert out["female"].tolist() == [24, 15]  # the counts are kept either way


@st.composite
def shares(draw: st.DrawFn) -> tuple[int, int, str]:
    """A count and a share as an office types it: truncated or rounded, comma or dot, %."""
    total = draw(st.integers(1, 20000))
    female = draw(st.integers(0, total))
    digits = draw(st.integers(0, 2))
    exact = female * 100 * 10**digits
    value = exact // total if draw(st.booleans()) else (2 * exact + total) // (2 * total)
    text = f"{value // 10**digits}" + (f".{value % 10**digits:0{digits}d}" if digits else "")
    if draw(st.booleans()):
        text = text.replace(".", ",")
    return total, female, text + draw(st.sampled_from(["", "%", " %"]))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(planted=st.lists(shares(), min_size=1, max_size=4))
def test_planted_shares_agree_and_counts_are_read(
    tmp_path: Path, planted: list[tuple[int, int, str]]
) -> None:
    rows: list[list[Any]] = [list(PROVINCES[0]), [], list(PROVINCES[2])]
    names = ["Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình"]
    for i, (total, female, text) in enumerate(planted):
        rows.append([i + 1, names[i], total, female, text, None])
    with warnings.catch_warnings():
        warnings.simplefilter("error", gs.MismatchWarning)  # a truncated or rounded share agrees
        out = read(build(tmp_path / "g.xlsx", rows), level="province")
    assert rows_of(out, "unit_name", "total", "female") == [
        [names[i], t, f] for i, (t, f, _) in enumerate(planted)
    ]


@pytest.mark.parametrize("label", ["Bình quân", "TRUNG BÌNH", "Tỷ lệ chung (%)", "binh quan chung"])
def test_an_average_row_is_never_a_unit(tmp_path: Path, label: str) -> None:
    rows = [
        ["SỐ LIỆU NỮ ĐẠI BIỂU HĐND TỈNH NHIỆM KỲ 2021-2026"],
        ["STT", "Tỉnh", "Tổng số", "Nữ"],
        [1, "Tỉnh Thanh Hóa", 84, 24],
        [2, "Tỉnh Nghệ An", 91, 28],
        [None, label, 88, 26],  # (84 + 91) / 2, (24 + 28) / 2: not a province, not a sum
    ]
    out = read(build(tmp_path / "a.xlsx", rows))
    assert rows_of(out) == [
        ["Tỉnh Thanh Hóa", "peoples_council", 84, 24],
        ["Tỉnh Nghệ An", "peoples_council", 91, 28],
    ]
    assert [str(e.kind) for e in out.attrs["reading"].entries][-1] == "total"


def test_a_form_number_whose_level_is_not_the_issuers_is_a_problem(tmp_path: Path) -> None:
    rows = [
        ["TỈNH ỦY THANH HÓA", None, None, "Biểu số 9B-BTCTW"],  # 9B is the district form
        ["THỐNG KÊ CÁN BỘ LÃNH ĐẠO, QUẢN LÝ NĂM 2021"],
        ["Nội dung", "Ban chấp hành", "Ban thường vụ"],
        ["TỔNG SỐ", 65, 17],
        ["Trong đó: Nữ", 11, 3],
    ]
    path = build(tmp_path / "9b.xlsx", rows)
    with pytest.raises(DataError, match=r"biểu 9B \(district\)") as info:
        read(path, term="2020-2025")
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(1, "D", "Tỉnh Thanh Hóa")]
    out = read(path, term="2020-2025", level="province")  # the caller decides
    assert rows_of(out, "unit_name", "level", "total", "female") == [
        ["Tỉnh Thanh Hóa", "province", 65, 11],
        ["Tỉnh Thanh Hóa", "province", 17, 3],
    ]


def test_a_second_form_below_the_first_is_never_passed_over(tmp_path: Path) -> None:
    rows = [
        *TITLE_9B,
        ["Nội dung", "Ban chấp hành", "Ban thường vụ"],
        ["TỔNG SỐ", 37, 13],
        ["Trong đó: Nữ", 6, 2],
        [],
        ["BIỂU SỐ 12B-BTCTW: QUY HOẠCH NHIỆM KỲ 2025-2030"],
        ["Nội dung", "Ban chấp hành", "Ban thường vụ"],
        ["TỔNG SỐ", 60, 20],
        ["Trong đó: Nữ", 15, 5],
    ]
    with pytest.raises(DataError, match="một biểu mỗi trang") as info:
        read(build(tmp_path / "two.xlsx", rows), term="2020-2025")
    assert [(p.row, p.column) for p in info.value.problems] == [(11, "A")]
    accounted(info.value.reading)


BIEU_9B_POSTS = [
    ["HUYỆN ỦY NGA SƠN", None, None, None, None, "Biểu số 9B-BTCTW"],
    ["BAN TỔ CHỨC"],
    ["THỐNG KÊ CÁN BỘ LÃNH ĐẠO, QUẢN LÝ NĂM 2021"],
    [],
    [
        "Nội dung",
        "Ban\nchấp\nhành",
        "Ban\nthường vụ",
        "Lãnh đạo cấp ủy",
        None,
        "Lãnh đạo HĐND",
        None,
    ],
    [None, None, None, "Bí thư", "Phó bí thư", "Chủ tịch", "Phó chủ tịch"],
    ["TỔNG SỐ", 37, 13, 1, 2, 1, None],  # no vice-chair column filled in
    ["*Trong đó:- Nữ", 6, 2, 0, 1, 0, None],
    ["- Dân tộc thiểu số", 3, 1, 0, 0, 0, None],
    ["1. Tuổi đời"],
    ["- Từ 40 tuổi trở xuống", 5, 1, 0, 0, 0, None],
    [None, None, None, "Nga Sơn, ngày 10 tháng 1 năm 2021"],  # in the secretary's column
    [None, None, None, "TRƯỞNG BAN"],
    [None, None, None, "(Ký, đóng dấu, ghi rõ họ và tên)"],
]
POSTS_MERGES = ["A5:A6", "B5:B6", "C5:C6", "D5:E5", "F5:G5"]


def test_the_signature_in_a_body_column_ends_the_form(tmp_path: Path) -> None:
    out = read(build(tmp_path / "9b.xlsx", BIEU_9B_POSTS, merges=POSTS_MERGES), term="2020-2025")
    assert rows_of(out, "body", "total", "female", "under_40") == [
        ["party_committee", 37, 6, 5],
        ["standing_committee", 13, 2, 1],
        ["key_posts", 4, 1, 0],  # 1 + 2 + 1 posts, 0 + 1 + 0 women
    ]
    log = out.attrs["reading"]
    assert [str(e.kind) for e in log.entries][-3:] == ["signature"] * 3
    assert any('cột G "Lãnh đạo HĐND / Phó chủ tịch" trống' in n for n in log.notes)
    rows = [*BIEU_9B_POSTS, ["- Từ trên 50 tuổi", 12, 6, 1, 1, 1, None]]  # below the signature
    with pytest.raises(DataError, match="no figures below the signature") as info:
        read(build(tmp_path / "late.xlsx", rows, merges=POSTS_MERGES), term="2020-2025")
    assert [p.row for p in info.value.problems] == [15]


def test_a_hidden_total_row_and_a_formula_without_value_are_named(tmp_path: Path) -> None:
    path = build(tmp_path / "h.xlsx", BIEU_9B_POSTS, merges=POSTS_MERGES, hidden=(7,))
    with pytest.raises(DataError, match="dòng này đang ẩn") as info:
        read(path, term="2020-2025")
    assert [(p.row, p.column) for p in info.value.problems] == [(7, "A")]
    rows = [list(r) for r in BIEU_9B_POSTS]
    rows[6][2] = "=B7-24"  # saved by a program that does not calculate
    with pytest.raises(DataError, match="formula") as info:
        read(build(tmp_path / "f.xlsx", rows, merges=POSTS_MERGES), term="2020-2025")
    assert [(p.row, p.column) for p in info.value.problems] == [(7, "C")]


def test_cli_check_on_a_9b_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gender_stats.cli import main

    path = build(tmp_path / "9b.xlsx", BIEU_9B_POSTS, merges=POSTS_MERGES)
    assert main(["check", str(path), "--input-term", "2020-2025", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "assessed 5 of 5 rows" in out
    # the one shortfall: 1 of 13 standing-committee members under 40 (7.7 % < 10 %)
    assert "35-CT/TW-2019:c" in out and "7.7%" in out


@pytest.mark.parametrize("key", ["Cấp", "Nội dung"])
def test_level_rows_that_name_their_body(tmp_path: Path, key: str) -> None:
    # a Women's Union summary: the NA delegation and the councils of one province, by row
    rows = [
        ["HỘI LIÊN HIỆP PHỤ NỮ TỈNH NGHỆ AN"],
        ["KẾT QUẢ NỮ TRÚNG CỬ ĐẠI BIỂU QUỐC HỘI KHÓA XV VÀ HĐND CÁC CẤP NHIỆM KỲ 2021-2026"],
        ["STT", key, "Tổng số đại biểu", "Nữ", "Tỷ lệ (%)"],
        [1, "Đại biểu Quốc hội", 13, 4, "30,77"],  # 4/13 = 30.769 %
        [2, "HĐND tỉnh", 84, 24, "28,57"],
        [3, "HĐND cấp huyện", 760, 230, "30.26"],
        [4, "HĐND cấp xã", 12000, 3500, "29,16"],
    ]
    out = read(build(tmp_path / "q.xlsx", rows))
    assert rows_of(out, "unit_id", "level", "body", "term", "total", "female") == [
        ["tinh-nghe-an", "province", "national_assembly", "2021-2026", 13, 4],
        ["tinh-nghe-an", "province", "peoples_council", "2021-2026", 84, 24],
        ["tinh-nghe-an/district", "district", "peoples_council", "2021-2026", 760, 230],
        ["tinh-nghe-an/commune", "commune", "peoples_council", "2021-2026", 12000, 3500],
    ]
    accounted(out.attrs["reading"])


# --------------------------------------------------------------------------------------------
# The same shapes in the other formats offices send (these read already; kept as guards)


def test_a_9b_form_saved_as_xls(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    rows = [
        ["ĐẢNG BỘ TỈNH THANH HÓA", None, None, None, None, "Biểu số 9B-BTCTW"],
        ["HUYỆN ỦY NGA SƠN"],
        ["THỐNG KÊ CÁN BỘ LÃNH ĐẠO, QUẢN LÝ NĂM 2021"],
        [],
        ["Nội dung", "Ban\nchấp\nhành", "Ban\nthường vụ", "Lãnh đạo cấp ủy", None],
        [None, None, None, "Bí thư", "Phó bí thư"],
        ["TỔNG SỐ", 37, 13, 1, 2],
        ["*Trong đó:- Nữ", 6, 2, 0, 1],
        ["- Dân tộc thiểu số", 3, 1, 0, 0],
        [None, None, None, "Nga Sơn, ngày 10 tháng 1 năm 2021"],
    ]
    merges = {(4, 0): (5, 0), (4, 1): (5, 1), (4, 2): (5, 2), (4, 3): (4, 4)}  # 0-based
    covered = {
        (r, c)
        for (r0, c0), (r1, c1) in merges.items()
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
        if (r, c) != (r0, c0)
    }
    wb = xlwt.Workbook()
    ws = wb.add_sheet("9B")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None or (r, c) in covered:
                continue
            if (r, c) in merges:
                ws.write_merge(r, merges[(r, c)][0], c, merges[(r, c)][1], v)
            else:
                ws.write(r, c, v)
    path = tmp_path / "9b.xls"
    wb.save(str(path))
    out = read(path, term="2020-2025")
    assert rows_of(out, "unit_name", "level", "body", "total", "female", "ethnic_minority") == [
        ["Huyện Nga Sơn", "district", "party_committee", 37, 6, 3],
        ["Huyện Nga Sơn", "district", "standing_committee", 13, 2, 1],
        ["Huyện Nga Sơn", "district", "key_posts", 3, 1, 0],
    ]
    accounted(out.attrs["reading"])


def test_a_province_summary_as_a_semicolon_csv(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        "KẾT QUẢ NỮ TRÚNG CỬ ĐẠI BIỂU HĐND CẤP TỈNH NHIỆM KỲ 2021 - 2026;;;;;\n"
        "STT;Tỉnh;Số đại biểu trúng cử;Trong đó nữ;Tỷ lệ (%);Nguồn\n"
        "1;Thanh Hóa;84;24;28,57;Báo Thanh Hóa\n"
        "2;Nghệ An;;;;chưa công bố\n"
        "3;TP. Hồ Chí Minh;1.146;300;26,17;HĐND\n"  # 1.146 is 1146 in a vi-VN file; 26.178 %
        "Bình quân;;615;162;26,3;\n",
        encoding="utf-8-sig",
    )
    with pytest.warns(gs.TableWarning, match="dòng 4"):
        out = read(path, level="province")
    assert rows_of(out, "unit_name", "total", "female", "source") == [
        ["Thanh Hóa", 84, 24, "Báo Thanh Hóa"],
        ["TP. Hồ Chí Minh", 1146, 300, "HĐND"],
    ]
    accounted(out.attrs["reading"])


@pytest.mark.parametrize(
    "title",
    [
        ["HUYỆN ỦY NGA SƠN", None, None, "Biểu số 12B-BTCTW"],
        ["HUYỆN ỦY NGA SƠN", None, None, None],
    ],
)
def test_a_planning_form_is_never_read_as_the_bodies(tmp_path: Path, title: list[Any]) -> None:
    # 12B/12C: the columns are the planning pools for each body, not the bodies themselves
    rows = [
        title,
        ["THỐNG KÊ QUY HOẠCH CẤP ỦY NHIỆM KỲ 2025-2030"],
        [],
        ["Nội dung", "Ban chấp hành", "Ban thường vụ", "Bí thư", "Phó bí thư"],
        ["TỔNG SỐ", 60, 20, 3, 6],
        ["Trong đó: Nữ", 15, 5, 1, 2],
    ]
    path = build(tmp_path / "12b.xlsx", rows)
    with pytest.raises(DataError, match=r"body='planning_pool'.*biểu quy hoạch"):
        read(path, level="district")
    out = read(path, level="district", body="planning_pool")
    assert rows_of(out, "unit_name", "body", "term", "total", "female") == [
        ["Huyện Nga Sơn", "planning_pool", "2025-2030", 60, 15]
    ]
    notes = out.attrs["reading"].notes
    assert sum("quy hoạch cho cơ quan khác" in n for n in notes) == 3  # BTV, Bí thư, Phó bí thư


def test_a_9c_commune_form_with_posts_named_with_their_body(tmp_path: Path) -> None:
    rows = [
        ["ĐẢNG BỘ HUYỆN NGA SƠN", None, None, None, None, "Biểu số 9C-BTCTW"],
        ["ĐẢNG ỦY XÃ NGA AN"],
        ["THỐNG KÊ CÁN BỘ LÃNH ĐẠO, QUẢN LÝ NĂM 2021"],
        [],
        ["Nội dung", "Đảng ủy viên", "Ban Thường vụ Đảng ủy", "Bí thư", "Phó Bí thư",
         "Chủ tịch HĐND", "Chủ tịch UBND", "Chủ tịch UBMTTQ"],
        ["1", "2", "3", "4", "5", "6", "7", "8"],
        ["TỔNG SỐ", 15, 5, 1, 1, 1, 1, 1],
        ["Nữ", 3, 1, 0, 1, 0, 0, 1],
    ]  # fmt: skip
    out = read(build(tmp_path / "9c.xlsx", rows), term="2020-2025")
    assert rows_of(out, "unit_name", "level", "body", "total", "female") == [
        ["Xã Nga An", "commune", "party_committee", 15, 3],
        ["Xã Nga An", "commune", "standing_committee", 5, 1],
        ["Xã Nga An", "commune", "key_posts", 4, 1],  # secretary, deputy, the two chairs
    ]
    # the Fatherland Front chair is not a key post of the core list: named, not counted
    assert any('cột H "Chủ tịch UBMTTQ" không dùng' in n for n in out.attrs["reading"].notes)


def test_vi_numbers_as_text_in_a_form_follow_thousands(tmp_path: Path) -> None:
    rows = _simple([["TỔNG SỐ", "1.146", 13], ["Trong đó: Nữ", "452", 2]])  # staff of 1,146
    path = build(tmp_path / "t.xlsx", rows)
    with pytest.raises(DataError) as info:  # 1.146 could be 1146 or 1.146: never guessed
        read(path, term="2020-2025")
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(6, "B", "1.146")]
    with pytest.warns(gs.TableWarning, match="B6, B7"):  # counts typed as text are named
        out = read(path, term="2020-2025", thousands=".")  # as the error's hint says
    assert rows_of(out, "body", "total", "female") == [
        ["party_committee", 1146, 452],
        ["standing_committee", 13, 2],
    ]


def test_an_of_which_group_over_sl_and_percent_columns(tmp_path: Path) -> None:
    rows = [
        ["ỦY BAN BẦU CỬ TỈNH THANH HÓA"],
        ["KẾT QUẢ BẦU CỬ ĐẠI BIỂU HĐND CÁC CẤP NHIỆM KỲ 2021-2026"],
        [
            "STT",
            "Cấp",
            "Số đại biểu được bầu",
            "Số đại biểu trúng cử",
            "Trong đó",
            None,
            None,
            None,
        ],
        [None, None, None, None, "Nữ", None, "Dưới 40 tuổi", None],
        [None, None, None, None, "SL", "%", "SL", "%"],
        [1, "Cấp tỉnh", 85, 84, 25, 29.41, 12, 14.29],  # 29.41 = 25/85, the seats: reported
        [2, "Cấp huyện", 900, 898, 270, 30.07, 200, 22.27],  # 270/898 = 30.067, 200/898 = 22.27
    ]
    merges = ["A3:A5", "B3:B5", "C3:C5", "D3:D5", "E3:H3", "E4:F4", "G4:H4"]
    path = build(tmp_path / "r.xlsx", rows, merges=merges)
    with pytest.warns(gs.MismatchWarning, match=r"ô F6 .*29,76 % = 25/84") as caught:
        out = read(path)
    assert len([w for w in caught if issubclass(w.category, gs.MismatchWarning)]) == 1
    assert rows_of(out, "level", "total", "female", "seats", "under_40") == [
        ["province", 84, 25, 85, 12],
        ["district", 898, 270, 900, 200],
    ]
    assert not any("không dùng" in n for n in out.attrs["reading"].notes)  # "%" columns read


_SEATS = ("Số đại biểu được bầu", "Tổng số đại biểu được bầu", "Số ĐB được bầu")
_ELECTED = ("Số đại biểu trúng cử", "Số ĐB trúng cử", "Tổng số đại biểu trúng cử")
_LEVEL_WORDS = {
    "province": ("Cấp tỉnh", "HĐND tỉnh", "Tỉnh"),
    "district": ("Cấp huyện", "HĐND cấp huyện", "Huyện"),
    "commune": ("Cấp xã", "HĐND cấp xã", "Xã"),
}


@st.composite
def elections(draw: st.DrawFn) -> dict[str, Any]:
    """A Mẫu 30 sheet: levels with seats ≥ elected ≥ women, worded in varied ways."""
    levels = draw(
        st.lists(st.sampled_from(list(_LEVEL_WORDS)), min_size=1, max_size=3, unique=True)
    )
    figures = []
    for _ in levels:
        seats = draw(st.integers(1, 12000))
        elected = draw(st.integers(max(1, seats - 5), seats))
        figures.append((seats, elected, draw(st.integers(0, elected))))
    return {
        "levels": levels,
        "figures": figures,
        "words": [draw(st.sampled_from(_LEVEL_WORDS[lv])) for lv in levels],
        "seats": draw(st.sampled_from(_SEATS)),
        "elected": draw(st.sampled_from(_ELECTED)),
        "numbers_row": draw(st.booleans()),
        "total_row": draw(st.booleans()),
    }


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spec=elections())
def test_planted_election_results_are_read(tmp_path: Path, spec: dict[str, Any]) -> None:
    rows: list[list[Any]] = [
        ["ỦY BAN BẦU CỬ TỈNH THANH HÓA"],
        ["BIỂU THỐNG KÊ KẾT QUẢ BẦU CỬ ĐẠI BIỂU HĐND CÁC CẤP NHIỆM KỲ 2021 - 2026"],
        ["Số TT", "Cấp bầu cử", spec["seats"], spec["elected"], "Nữ", None],
        [None, None, None, None, "Số người", "Tỷ lệ (%)"],
    ]
    if spec["numbers_row"]:
        rows.append(["1", "2", "3", "4", "5", "6"])
    for i, (word, (seats, elected, female)) in enumerate(
        zip(spec["words"], spec["figures"], strict=True)
    ):
        share = f"{female * 100 // elected},{(female * 10000 // elected) % 100:02d}"  # truncated
        rows.append([i + 1, word, seats, elected, female, share])
    if spec["total_row"]:
        sums = [sum(f[k] for f in spec["figures"]) for k in range(3)]
        rows.append([None, "Tổng cộng", *sums, None])
    rows.append([None, None, None, "NGƯỜI LẬP BIỂU"])
    merges = ["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", gs.MismatchWarning)  # planted shares and totals agree
        out = read(build(tmp_path / "g.xlsx", rows, merges=merges))
    expect = [
        [lv, "peoples_council", "2021-2026", e, f, s]
        for lv, (s, e, f) in zip(spec["levels"], spec["figures"], strict=True)
    ]
    assert rows_of(out, "level", "body", "term", "total", "female", "seats") == expect
    accounted(out.attrs["reading"])


def test_a_post_nobody_holds_has_no_women_and_an_stt_column(tmp_path: Path) -> None:
    rows = [
        ["HUYỆN ỦY NGA SƠN"],
        ["THỐNG KÊ NĂM 2021"],
        ["STT", "Nội dung", "Ban chấp hành", "Ban thường vụ", "Lãnh đạo UBND", None, "Đvt: Người"],
        [None, None, None, None, "Chủ tịch", "Phó chủ tịch", None],
        ["A", "B", 1, 2, 3, 4],
        ["I", "TỔNG SỐ", 37, 13, 1, 0],  # no vice-chair in post
        [None, "Trong đó: Nữ", 6, 2, 0, None],  # blank: of nobody, 0
        [None, "Dân tộc thiểu số", 2, None, 0, None],  # blank for the standing committee: unknown
    ]
    merges = ["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3"]
    out = read(build(tmp_path / "z.xlsx", rows, merges=merges), term="2020-2025", level="district")
    assert rows_of(out, "body", "total", "female", "ethnic_minority") == [
        ["party_committee", 37, 6, 2],
        ["standing_committee", 13, 2, None],
        ["key_posts", 1, 0, 0],
    ]
    rows[5][3] = 0  # a standing committee of 0 with 2 women is still a problem
    with pytest.raises(DataError, match="female ≤ total"):
        read(build(tmp_path / "y.xlsx", rows, merges=merges), term="2020-2025", level="district")


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ("BÁO CÁO SỐ LIỆU CỦA HUYỆN NGA SƠN NHIỆM KỲ 2020-2025", "Huyện Nga Sơn"),
        ("Số liệu nữ tham gia cấp ủy thành phố Hội An nhiệm kỳ 2020 - 2025", "Thành phố Hội An"),
        ("SỐ LIỆU CÁN BỘ NỮ CÁC XÃ THUỘC HUYỆN NGA SƠN NHIỆM KỲ 2020-2025", None),  # its communes
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — NHIỆM KỲ 2020-2025", None),
    ],
)
def test_a_bodies_down_table_takes_its_unit_from_the_title(
    tmp_path: Path, title: str, unit: str | None
) -> None:
    rows = [[title], ["STT", "Nội dung", "Tổng số", "Nữ"], [1, "Ban Chấp hành", 37, 6]]
    path = build(tmp_path / "u.xlsx", rows)
    if unit is None:
        with pytest.raises(DataError, match="unit_name="):
            read(path)
        return
    out = read(path)
    assert rows_of(out) == [[unit, "party_committee", 37, 6]]
    assert any(f"unit from the title): {unit}" in n for n in out.attrs["reading"].notes)


@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN NGA SƠN KHÓA XXV", "khóa XXV"),
        ("ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ HUYỆN NGA SƠN LẦN THỨ XX", "đại hội lần thứ XX"),
    ],
)
def test_a_congress_number_in_a_forms_title_is_not_a_term(
    tmp_path: Path, title: str, said: str
) -> None:
    rows = [
        [title],  # merged over two rows and three columns, as the issuing block often is
        [],
        ["THỐNG KÊ CÁN BỘ"],
        ["Nội dung", "Ban chấp hành", "Ban thường vụ"],
        ["TỔNG SỐ", 37, 13],
        ["Nữ", 6, 2],
        ["Dân tộc thiểu số", 0, 0],
    ]
    path = build(tmp_path / "k.xlsx", rows, merges=["A1:C2"])
    with pytest.raises(DataError, match=rf"{said}.*không phải nhiệm kỳ"):
        read(path)
    out = read(path, term="2020-2025")
    assert rows_of(out) == [
        ["Huyện Nga Sơn", "party_committee", 37, 6],
        ["Huyện Nga Sơn", "standing_committee", 13, 2],
    ]


def test_a_dash_in_a_criteria_row_is_a_problem_at_its_cell(tmp_path: Path) -> None:
    # "-" may mean none or not known: the library's rule for counts, in forms too
    rows = _simple([["TỔNG SỐ", 37, 13], ["Nữ", 6, 2], ["- Dân tộc thiểu số", "-", 1]])
    with pytest.raises(DataError, match="a dash could mean either") as info:
        read(build(tmp_path / "d.xlsx", rows), term="2020-2025")
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(8, "B", "-")]


def test_seats_beside_men_and_women_without_a_total(tmp_path: Path) -> None:
    rows = [
        ["KẾT QUẢ BẦU CỬ ĐẠI BIỂU HĐND CÁC CẤP NHIỆM KỲ 2021-2026"],
        ["STT", "Tỉnh", "Số đại biểu được bầu", "Nam", "Nữ"],
        [1, "Tỉnh Thanh Hóa", 85, 60, 24],  # 84 elected of 85 seats
        [2, "Tỉnh Nghệ An", 90, 62, 29],  # 91 elected for 90 seats: reported at the seats
    ]
    with pytest.warns(gs.MismatchWarning, match=r"ô C4.*được bầu 90"):
        out = read(build(tmp_path / "s.xlsx", rows))
    assert rows_of(out, "unit_name", "total", "female", "seats") == [
        ["Tỉnh Thanh Hóa", 84, 24, 85],
        ["Tỉnh Nghệ An", 91, 29, 90],
    ]
