"""A "Tổng hợp" sheet that names no unit is passed over with a warning, never an error or a unit."""

from __future__ import annotations

import pytest

from gender_stats import DataError, read_counts
from gender_stats.io import TableWarning


def district(name: str, bch: tuple[int, int], btv: tuple[int, int]) -> list[list[object]]:
    return [
        [f"HUYỆN ỦY {name.upper()}"],
        ["BÁO CÁO KẾT QUẢ ĐẠI HỘI NHIỆM KỲ 2020-2025"],
        [],
        ["STT", "Nội dung", "Tổng số", "Nữ"],
        [1, "Ban Chấp hành Đảng bộ", *bch],
        [2, "Ban Thường vụ", *btv],
    ]


SUMMARY = [
    ["TỔNG HỢP"],
    ["STT", "Nội dung", "Tổng số", "Nữ"],
    [1, "BCH", 88, 13],
    [2, "BTV", 26, 3],
]


def test_summary_sheet_without_units_is_passed_over(xlsx) -> None:
    path = xlsx(
        sheets={
            "Nga Sơn": district("Nga Sơn", (45, 7), (13, 2)),
            "Hà Trung": district("Hà Trung", (43, 6), (13, 1)),
            "Tổng hợp": SUMMARY,
        }
    )
    with pytest.warns(TableWarning, match='trang "Tổng hợp" là trang tổng hợp'):
        counts = read_counts(path, level="district")
    assert sorted(counts["unit_name"].unique()) == ["Huyện Hà Trung", "Huyện Nga Sơn"]
    # 45 + 43 = 88 members, 7 + 6 = 13 women: nothing of the summary is added
    bch = counts[counts["body"] == "party_committee"]
    assert (bch["total"].sum(), bch["female"].sum()) == (88, 13)
    log = counts.attrs["reading"]
    assert log.rows_read == log.rows_used + log.rows_reported + log.rows_structural
    assert (log.rows_used, log.rows_reported) == (4, 2)
    assert any("Tổng hợp" in note for note in log.notes)


def test_a_summary_sheet_alone_still_reports_its_problems(xlsx) -> None:
    path = xlsx(sheets={"Tổng hợp": SUMMARY, "Ghi chú": [["Không có số liệu"]]})
    with pytest.raises(DataError, match="unit_name="):
        read_counts(path)


def test_a_data_sheet_that_fails_is_not_passed_over(xlsx) -> None:
    bad = district("Hà Trung", (43, "nhiều"), (13, 1))
    path = xlsx(sheets={"Nga Sơn": district("Nga Sơn", (45, 7), (13, 2)), "Hà Trung": bad})
    with pytest.raises(DataError, match="nhiều"):
        read_counts(path, level="district")
