"""Tables comparing terms side by side: a header group per term ("Nhiệm kỳ 2015 - 2020")."""

from __future__ import annotations

import warnings

import pytest

from gender_stats import read_counts
from gender_stats.io import MismatchWarning

TITLE = ["SO SÁNH TỶ LỆ NỮ THAM GIA BAN CHẤP HÀNH ĐẢNG BỘ CÁC HUYỆN"]


def two_terms(total_row: list[object]) -> list[list[object]]:
    return [
        TITLE,
        ["STT", "Đơn vị", "Nhiệm kỳ 2015 - 2020", None, None, "NHIỆM KỲ 2020-2025", None, None],
        [None, None, "Tổng số", "Nữ", "Tỷ lệ %", "Tổng\nsố", "Trong đó nữ", "Tỷ lệ (%)"],
        [1, "Huyện Nga Sơn", 45, 6, "13,3", 45, 7, "15,6"],
        [2, "Huyện Hà Trung", 43, 5, "11,6", 43, 6, "14,0"],
        total_row,
    ]


MERGES = ["C2:E2", "F2:H2", "A2:A3", "B2:B3"]


def test_each_term_group_is_a_term(xlsx) -> None:
    rows = two_terms([None, "Cộng", 88, 11, None, 88, 13, None])  # 45+43, 6+5 | 45+43, 7+6
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)
        warnings.simplefilter("error", category=MismatchWarning)
        counts = read_counts(xlsx(rows, merges=MERGES), level="district")
    got = {
        (t, u): (n, f)
        for t, u, n, f in counts[["term", "unit_name", "total", "female"]].itertuples(index=False)
    }
    assert got == {
        ("2015-2020", "Huyện Nga Sơn"): (45, 6),
        ("2015-2020", "Huyện Hà Trung"): (43, 5),
        ("2020-2025", "Huyện Nga Sơn"): (45, 7),
        ("2020-2025", "Huyện Hà Trung"): (43, 6),
    }
    assert set(counts["body"]) == {"party_committee"}


def test_the_total_row_is_checked_per_term(xlsx) -> None:
    rows = two_terms([None, "Cộng", 88, 11, None, 88, 14, None])  # women 2020-2025: 7+6 = 13
    with pytest.warns(MismatchWarning, match=r"ô G6.*13"):
        read_counts(xlsx(rows, merges=MERGES), level="district")


def test_bodies_over_terms(xlsx) -> None:
    rows = [
        ["BÁO CÁO SỐ LIỆU NỮ THAM GIA CẤP ỦY"],
        ["TT", "Đơn vị", "Ban Chấp hành", None, None, None, "Ban Thường vụ", None, None, None],
        [None, None, "NK 2015-2020", None, "NK 2020-2025", None] * 1
        + ["NK 2015-2020", None, "NK 2020-2025", None],
        [None, None, "Tổng số", "Nữ", "Tổng số", "Nữ", "Tổng số", "Nữ", "Tổng số", "Nữ"],
        [1, "Huyện Nga Sơn", 45, 6, 45, 7, 13, 1, 13, 2],
    ]
    merges = ["C2:F2", "G2:J2", "C3:D3", "E3:F3", "G3:H3", "I3:J3", "A2:A4", "B2:B4"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)
        counts = read_counts(xlsx(rows, merges=merges), level="district")
    got = {
        (t, b): (n, f)
        for t, b, n, f in counts[["term", "body", "total", "female"]].itertuples(index=False)
    }
    assert got == {
        ("2015-2020", "party_committee"): (45, 6),
        ("2020-2025", "party_committee"): (45, 7),
        ("2015-2020", "standing_committee"): (13, 1),
        ("2020-2025", "standing_committee"): (13, 2),
    }
