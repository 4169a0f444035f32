"""One sheet, one table per body: a caption row ("2. Ban Thường vụ") and the header again."""

from __future__ import annotations

import warnings

import pytest

from gender_stats import read_counts
from gender_stats.io import MismatchWarning


def stacked(btv_total: int) -> list[list[object]]:
    return [
        ["SỐ LIỆU NỮ THAM GIA CẤP ỦY NHIỆM KỲ 2020 - 2025"],
        ["I. BAN CHẤP HÀNH"],
        ["STT", "Đơn vị", "Tổng số", "Nữ"],
        [1, "Huyện Nga Sơn", 45, 7],
        [2, "Huyện Hà Trung", 43, 6],
        [None, "Cộng", 88, 13],  # 45 + 43, 7 + 6
        [],
        ["II. Ban thường vụ:"],
        ["STT", "Đơn vị", "Tổng số", "Nữ"],
        [1, "Huyện Nga Sơn", 13, 2],
        [2, "Huyện Hà Trung", 13, 1],
        [None, "Cộng", btv_total, 3],  # 13 + 13 = 26, 2 + 1 = 3
    ]


def test_each_table_takes_the_body_of_its_caption(xlsx) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)
        warnings.simplefilter("error", category=MismatchWarning)
        counts = read_counts(xlsx(stacked(26)), level="district")
    got = {
        (u, b): (n, f)
        for u, b, n, f in counts[["unit_name", "body", "total", "female"]].itertuples(index=False)
    }
    assert got == {
        ("Huyện Nga Sơn", "party_committee"): (45, 7),
        ("Huyện Hà Trung", "party_committee"): (43, 6),
        ("Huyện Nga Sơn", "standing_committee"): (13, 2),
        ("Huyện Hà Trung", "standing_committee"): (13, 1),
    }
    log = counts.attrs["reading"]
    assert log.rows_used == 4
    assert any(e.detail == "cơ quan standing_committee" for e in log.entries)


def test_each_table_total_is_checked_against_its_own_rows(xlsx) -> None:
    with pytest.warns(MismatchWarning, match=r"ô C12 .*\"27\""):
        read_counts(xlsx(stacked(27)), level="district")
