"""Rows numbered as units are units: "H. Hà Trung", a number in the STT column, counts typed as text.

Each workbook is built by hand; the expected counts are its cells, the expected sums worked out
below each table.
"""

from __future__ import annotations

import warnings

import pytest

from gender_stats import DataError, load_units, read_counts
from gender_stats._text import expand_abbreviation
from gender_stats.io import MismatchWarning, TableWarning
from gender_stats.io._levels import infer_level
from gender_stats.io._rows import numbered_section, section_label

TITLE = ["BÁO CÁO SỐ LIỆU NỮ THAM GIA CẤP ỦY NHIỆM KỲ 2020 - 2025"]
HEAD = [
    ["TT", "Đơn vị", "Ban Chấp hành", None, "Ban Thường vụ", None],
    [None, None, "Tổng\nsố", "Trong đó\nnữ", "Tổng số", "Nữ"],
]
MERGES = ["C2:D2", "E2:F2", "A2:A3", "B2:B3"]


def table(*rows):
    return [TITLE, *HEAD, *rows]


def test_a_one_letter_abbreviation_is_a_unit_not_a_letter_section(xlsx) -> None:
    rows = table(
        ["I", "KHỐI HUYỆN"],
        [1, "Huyện Nga Sơn", 45, 7, 13, 2],
        [2, "H. Hà Trung", 43, 6, 13, 1],
        [None, "Ghi chú: số liệu tạm tính"],
        [3, "Thị xã Bỉm Sơn", 41, 9, 13, 3],
        # 45 + 43 + 41 = 129, 7 + 6 + 9 = 22, 13 * 3 = 39, 2 + 1 + 3 = 6
        [None, "Cộng khối huyện", 129, 22, 39, 6],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the sums agree: no MismatchWarning
        counts = read_counts(xlsx(rows, merges=MERGES))
    bch = counts[counts["body"] == "party_committee"].set_index("unit_name")
    assert bch["total"].to_dict() == {"Huyện Nga Sơn": 45, "H. Hà Trung": 43, "Thị xã Bỉm Sơn": 41}
    assert set(counts["level"]) == {"district"}
    log = counts.attrs["reading"]
    assert (log.rows_used, log.rows_reported) == (3, 0)


def test_the_abbreviated_name_matches_the_units_table(xlsx) -> None:
    rows = table([1, "H. Hà Trung", 43, 6, 13, 1], [2, "TX. Bỉm Sơn", 41, 9, 13, 3])
    counts = read_counts(xlsx(rows, merges=MERGES), units=load_units())
    names = dict(zip(counts["unit_id"], counts["unit_name"], strict=True))
    assert names == {"TH-H02": "TX. Bỉm Sơn", "TH-H05": "H. Hà Trung"} or len(names) == 2
    assert set(counts["level"]) == {"district"}


def test_a_row_with_a_number_in_the_stt_column_is_never_a_section(xlsx) -> None:
    # the STT column says "unit 2", whatever the name looks like
    rows = table([1, "Huyện Nga Sơn", 45, 7, 13, 2], ["2", "Hà Trung", 43, 6, 13, 1])
    with pytest.raises(DataError, match="Hà Trung"):
        # "Hà Trung" names no level: reported once for the row, not once per body
        read_counts(xlsx(rows, merges=MERGES))
    try:
        read_counts(xlsx(rows, merges=MERGES))
    except DataError as err:
        assert len(err.problems) == 1
        assert err.problems[0].row == 5  # title, two header rows, Nga Sơn, then Hà Trung
    counts = read_counts(xlsx(rows, merges=MERGES), level="district")
    assert set(counts["unit_name"]) == {"Hà Trung", "Huyện Nga Sơn"}


def test_counts_typed_as_text_are_read_and_their_cells_named(xlsx) -> None:
    rows = table(
        [1, "Huyện Nga Sơn", 45, "7", 13, 2],
        [2, "Huyện Hà Trung", "43", "6 ", 13, "1"],
        # the office's =SUM skipped the text cells: 45 + 41 = 86 women 7 + 9 ... is not what it says
        [3, "Thị xã Bỉm Sơn", 41, 9, 13, 3],
        [None, "Tổng cộng", 129, 22, 39, 6],
    )
    with pytest.warns(TableWarning, match=r"4 ô số gõ dạng chữ.*D4, C5, D5, F5"):
        counts = read_counts(xlsx(rows, merges=MERGES), level="district")
    bch = counts[counts["body"] == "party_committee"].set_index("unit_name")
    assert bch.loc["Huyện Hà Trung", "total"] == 43 and bch.loc["Huyện Hà Trung", "female"] == 6
    assert any("dạng chữ" in note for note in counts.attrs["reading"].notes)


def test_text_counts_that_excel_did_not_sum_show_up_in_the_total_check(xlsx) -> None:
    rows = table(
        [1, "Huyện Nga Sơn", 45, 7, 13, 2],
        [2, "Huyện Hà Trung", "43", 6, 13, 1],
        # an Excel =SUM skipping the text cell C5 gives 45 + 41 = 86, not 129
        [3, "Thị xã Bỉm Sơn", 41, 9, 13, 3],
        [None, "Tổng cộng", 86, 22, 39, 6],
    )
    with pytest.warns(MismatchWarning, match="129"), pytest.warns(TableWarning, match="C5"):
        counts = read_counts(xlsx(rows, merges=MERGES), level="district")
    assert counts.loc[counts["body"] == "party_committee", "total"].sum() == 129


def test_grouped_text_with_no_style_is_still_an_ambiguity(xlsx) -> None:
    rows = table([1, "Huyện Nga Sơn", "2.000", 7, 13, 2])
    with pytest.raises(DataError, match=r"2\.000"):
        read_counts(xlsx(rows, merges=MERGES))


@pytest.mark.parametrize(
    ("stt", "label", "section", "numbered"),
    [
        ("I", "Khối huyện", "Khối huyện", True),
        (None, "A. Các huyện, thị xã", "Các huyện, thị xã", True),
        (None, "X. Khối xã, phường", "Khối xã, phường", True),
        (None, "Khối huyện", "Khối huyện", False),
        (None, "H. Hà Trung", None, False),
        (None, "X.Quảng Phú", None, False),
        (None, "TX. Bỉm Sơn", None, False),
        (2, "Hà Trung", None, False),
        ("3.", "Huyện Nga Sơn", None, False),
        (1.0, "Thị xã Bỉm Sơn", None, False),
        (1, "Khối sở, ban, ngành", "Khối sở, ban, ngành", False),
    ],
)
def test_section_label(stt, label, section, numbered) -> None:
    assert section_label(stt, label) == section
    assert numbered_section(stt, label) is numbered


def test_abbreviations() -> None:
    assert expand_abbreviation("h. Hà Trung") == "Huyện Hà Trung"
    assert expand_abbreviation("P.Ba Đình") == "Phường Ba Đình"
    assert expand_abbreviation("H Hà Trung") == "H Hà Trung"  # no dot: not an abbreviation
    assert [infer_level(n) for n in ("H. Hà Trung", "Q. Ba Đình", "X. Đông Tiến")] == [
        "district",
        "district",
        "commune",
    ]


def test_bullets_footnote_marks_and_spaces_are_not_part_of_a_name(xlsx) -> None:
    rows = [
        ["BÁO CÁO SỐ LIỆU NỮ THAM GIA BAN CHẤP HÀNH NHIỆM KỲ 2020 - 2025"],
        ["STT", "Tên đơn vị", "Số lượng", "Nữ (người)", "Ghi chú"],
        ["1", "- Huyện Nga Sơn (*)", 45, 7, None],
        ["2", "+ Thị xã Bỉm Sơn", 41, 9, "mới sáp nhập"],
        ["3", "Huyện  Hà   Trung", 43, 6, None],
        [None, "(*) Số liệu đến 30/6"],
    ]
    counts = read_counts(xlsx(rows), units=load_units())
    got = dict(zip(counts["unit_id"], counts["unit_name"], strict=True))
    assert got == {
        "TH-H12": "Huyện Nga Sơn",
        "TH-H02": "Thị xã Bỉm Sơn",
        "TH-H07": "Huyện Hà Trung",
    }
    assert counts.set_index("unit_id").loc["TH-H02", "note"] == "mới sáp nhập"
    log = counts.attrs["reading"]
    assert (log.rows_used, log.rows_reported) == (3, 0)


def test_of_which_rows_are_part_of_the_unit_above_never_added(xlsx) -> None:
    rows = [
        ["BÁO CÁO SỐ LIỆU NỮ THAM GIA BAN CHẤP HÀNH NHIỆM KỲ 2020 - 2025"],
        ["STT", "Đơn vị", "Tổng số", "Nữ"],
        [1, "Huyện Nga Sơn", 45, 7],
        [None, "Trong đó: khối xã", 30, 5],
        [2, "Huyện Hà Trung", 43, 6],
        [None, "- trong do nu duoi 40 tuoi", None, 2],
        [3, "Sở Y tế", 20, 8],
        [None, "Tổng số", 108, 21],  # 45 + 43 + 20, 7 + 6 + 8: the "Trong đó" rows not added
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)
        warnings.simplefilter("error", category=MismatchWarning)
        with pytest.warns(TableWarning, match=r"2 dòng \"Trong đó\" \(dòng 4, 6\)"):
            counts = read_counts(xlsx(rows))
    assert counts["total"].tolist() == [45, 43, 20]
    log = counts.attrs["reading"]
    assert (log.rows_used, log.rows_reported) == (3, 2)
    assert log.rows_read == log.rows_used + log.rows_reported + log.rows_structural


def test_a_dash_is_not_a_number_but_a_body_of_dashes_is_absent(xlsx) -> None:
    rows = table(
        [1, "Huyện Nga Sơn", 45, 7, 13, 2],
        [2, "Huyện Hà Trung", 43, 6, "-", "–"],  # no standing committee figures: the body is absent
        [3, "Thị xã Bỉm Sơn", 41, "-", 13, 3],  # one dash among figures: 0 or unknown? reported
    )
    with pytest.raises(DataError) as info:
        read_counts(xlsx(rows, merges=MERGES), level="district")
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.value) == (6, "D", "-")
    assert "0 for none, blank for no figure" in problem.expected
    rows[-1][3] = 0
    counts = read_counts(xlsx(rows, merges=MERGES), level="district")
    got = sorted(zip(counts["unit_name"], counts["body"], strict=True))
    assert ("Huyện Hà Trung", "standing_committee") not in got
    assert len(got) == 5


def _bodies_down(btv_men: int) -> list[list[object]]:
    return [
        ["SỐ LIỆU NỮ THAM GIA CẤP ỦY NHIỆM KỲ 2020 - 2025"],
        ["STT", "Đơn vị", "Cơ quan", "Tổng số", "Nam", "Nữ"],
        [1, "Huyện Nga Sơn", "BCH", 45, 38, 7],
        [None, None, "BTV", 13, 11, 2],
        [2, "Huyện Hà Trung", "BCH", 43, 37, 6],
        [None, None, "BTV", 13, btv_men, 1],
    ]


MERGED_UNITS = ["A3:A4", "B3:B4", "A5:A6", "B5:B6"]


def test_a_unit_merged_down_its_body_rows_names_each_row(xlsx) -> None:
    counts = read_counts(xlsx(_bodies_down(12), merges=MERGED_UNITS), level="district")
    got = {
        (u, b): (n, f)
        for u, b, n, f in counts[["unit_name", "body", "total", "female"]].itertuples(index=False)
    }
    assert got == {
        ("Huyện Nga Sơn", "party_committee"): (45, 7),
        ("Huyện Nga Sơn", "standing_committee"): (13, 2),
        ("Huyện Hà Trung", "party_committee"): (43, 6),
        ("Huyện Hà Trung", "standing_committee"): (13, 1),
    }


def test_a_total_that_is_not_men_plus_women_is_a_problem(xlsx) -> None:
    with pytest.raises(DataError) as info:
        read_counts(xlsx(_bodies_down(13), merges=MERGED_UNITS), level="district")
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.value) == (6, "D", 13)
    assert "13 + 1 = 14" in problem.expected


def test_merged_count_cells_are_still_reported(xlsx) -> None:
    rows = _bodies_down(12)
    with pytest.raises(DataError, match="D5:D6"):
        read_counts(xlsx(rows, merges=[*MERGED_UNITS, "D5:D6"]), level="district")


def test_a_name_typed_without_diacritics_matches_one_unit_only(xlsx) -> None:
    import pandas as pd

    units = pd.DataFrame(
        {
            "unit_id": ["A", "B", "C"],
            "unit_name": ["Huyện Hà Trung", "Xã Quảng Phú", "Xã Quảng Phù"],
            "level": ["district", "commune", "commune"],
            "kind": ["district", "commune", "commune"],
        }
    )
    rows = [
        ["BÁO CÁO SỐ LIỆU NỮ THAM GIA BAN CHẤP HÀNH NHIỆM KỲ 2020 - 2025"],
        ["STT", "Đơn vị", "Tổng số", "Nữ"],
        [1, "Huyen Ha Trung", 43, 6],
        [2, "Xa Quang Phu", 15, 3],  # Quảng Phú or Quảng Phù? not guessed
    ]
    with pytest.raises(DataError) as info:
        read_counts(xlsx(rows), units=units)
    (problem,) = info.value.problems
    assert (problem.row, problem.value) == (4, "Xa Quang Phu")
    counts = read_counts(xlsx(rows[:3]), units=units)
    assert counts["unit_id"].tolist() == ["A"]
