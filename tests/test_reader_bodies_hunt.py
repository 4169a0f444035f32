"""Wide headers: groups that name another body, two groups of one body, and a section's level.

Found by a tester (/tmp/hunt1): the reader kept the first of two groups read as the same body and
dropped the second silently; committees of mass organisations were read as the party's; and units
whose names say their level took the level of the section above them.  Every expectation here is
worked out by hand from the rows written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import pytest

from gender_stats.errors import DataError
from gender_stats.io import read_counts, read_roster

TITLE = ["BÁO CÁO SỐ LƯỢNG NỮ CẤP ỦY NHIỆM KỲ 2015-2020"]
MERGES_ONE = ["A3:A4", "B3:B4", "C3:D3"]
MERGES_TWO = [*MERGES_ONE, "E3:F3"]


def one_group(xlsx: Any, title: str) -> Any:
    """Write a two-unit table with one column group headed ``title`` over Tổng số | Nữ."""
    rows: list[Sequence[Any]] = [
        TITLE,
        [],
        ["STT", "Đơn vị", title, None],
        [None, None, "Tổng số", "Nữ"],
        [1, "Huyện Quan Hóa", 39, 5],
        [2, "Huyện Nga Sơn", 45, 9],
    ]
    return xlsx(rows, merges=MERGES_ONE)


def two_groups(xlsx: Any, first: str, second: str) -> Any:
    """Write a two-unit table with two column groups (C:D and E:F) over Tổng số | Nữ."""
    rows: list[Sequence[Any]] = [
        TITLE,
        [],
        ["STT", "Đơn vị", first, None, second, None],
        [None, None, "Tổng số", "Nữ", "Tổng số", "Nữ"],
        [1, "Huyện Quan Hóa", 4, 1, 35, 9],
        [2, "Huyện Nga Sơn", 4, 0, 40, 12],
    ]
    return xlsx(rows, merges=MERGES_TWO)


def problems(path: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
    """Return (row, column, value, expected) of each problem reading ``path`` raises."""
    with pytest.raises(DataError) as info:
        read_counts(path, **kwargs)
    return [(p.row, p.column, p.value, p.expected) for p in info.value.problems]


# --------------------------------------------------------------------------------------------
# 2. Bodies the library does not count are never read as its bodies

MASS_ORGANISATIONS = [
    "Ban Chấp hành Hội LHPN",
    "BAN CHẤP HÀNH HỘI LIÊN HIỆP PHỤ NỮ",
    "Ban chap hanh Hoi LHPN",
    "BCH\nĐoàn TN",
    "Ban Chấp hành Đoàn Thanh niên",
    "BCH Công đoàn",
    "bch hoi nong dan",
    "BCH Hội Cựu chiến binh",
    "BCH Hội CCB",
    "Ban Thường vụ Huyện đoàn",
    "BTV Tỉnh Đoàn",
    "ban thuong vu tinh doan",
    "Ban Thường trực UBMTTQ",
]


@pytest.mark.parametrize("title", MASS_ORGANISATIONS)
def test_a_mass_organisations_committee_is_no_party_body(xlsx: Any, title: str) -> None:
    got = problems(one_group(xlsx, title), level="district")
    as_read = title.replace("\n", " ")  # line breaks folded, the words as written
    assert [(r, c, v) for r, c, v, _ in got] == [(3, "C", as_read)]
    assert "tổ chức đoàn thể" in got[0][3] and "mass organisation" in got[0][3]


@pytest.mark.parametrize("title", ["Thường trực HĐND", "THƯỜNG TRỰC\nHỘI ĐỒNG NHÂN DÂN", "TT HĐND"])
def test_the_councils_standing_board_is_not_its_deputies(xlsx: Any, title: str) -> None:
    got = problems(one_group(xlsx, title), level="district")
    assert [(r, c, v) for r, c, v, _ in got] == [(3, "C", title.replace("\n", " "))]
    assert "not all its deputies" in got[0][3]


@pytest.mark.parametrize(
    "title", ["Ban chấp hành nhiệm kỳ trước", "BCH khóa trước", "Ban chap hanh nhiem ky truoc"]
)
def test_the_previous_terms_committee_is_never_the_current_one(xlsx: Any, title: str) -> None:
    got = problems(one_group(xlsx, title), level="district")
    assert [(r, c, v) for r, c, v, _ in got] == [(3, "C", title)]
    assert "never read as the current one" in got[0][3]


def test_another_body_is_a_problem_even_with_body_given(xlsx: Any) -> None:
    # body= names the body of an unknown group; a group naming another body is never it
    got = problems(one_group(xlsx, "BCH Hội LHPN"), level="district", body="party_committee")
    assert [(r, c, v) for r, c, v, _ in got] == [(3, "C", "BCH Hội LHPN")]


def test_another_body_over_a_body_or_with_a_term(xlsx: Any) -> None:
    # "Hội LHPN" over "Ban Chấp hành": the Women's Union's committee, not the party's
    rows: list[Sequence[Any]] = [
        TITLE,
        [],
        ["STT", "Đơn vị", "Hội LHPN", None],
        [None, None, "Ban Chấp hành", None],
        [None, None, "Tổng số", "Nữ"],
        [1, "Huyện Quan Hóa", 25, 25],
    ]
    path = xlsx(rows, merges=["A3:A5", "B3:B5", "C3:D3", "C4:D4"])
    assert [(r, c, v) for r, c, v, _ in problems(path, level="district")] == [(3, "C", "Hội LHPN")]
    # with a term in the group's title: the term was read, the body taken from the title
    path = one_group(xlsx, "BCH Hội LHPN nhiệm kỳ 2015-2020")
    got = problems(path, level="district")
    assert [(r, c, v) for r, c, v, _ in got] == [(3, "C", "BCH Hội LHPN nhiệm kỳ 2015-2020")]


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Ban Chấp hành Đảng bộ", "party_committee"),
        ("BCH Huyện ủy", "party_committee"),
        ("Ban chap hanh Dang bo", "party_committee"),
        ("Tỉnh ủy", "party_committee"),
        ("Đảng ủy", "party_committee"),
        ("HUYỆN UỶ", "party_committee"),
        ("BTV Huyện ủy", "standing_committee"),
        ("Ban Thường vụ Tỉnh ủy", "standing_committee"),
        ("HĐND", "peoples_council"),
        ("Đại biểu\nHĐND", "peoples_council"),
        ("Hội đồng nhân dân huyện", "peoples_council"),
        ("Đoàn ĐBQH", "national_assembly"),
    ],
)
def test_the_bodies_the_library_counts_still_read(xlsx: Any, title: str, body: str) -> None:
    out = read_counts(one_group(xlsx, title), level="district")
    assert out[["unit_name", "body", "total", "female"]].values.tolist() == [
        ["Huyện Quan Hóa", body, 39, 5],
        ["Huyện Nga Sơn", body, 45, 9],
    ]


# --------------------------------------------------------------------------------------------
# 1. Two column groups of one body: never a silent choice


@pytest.mark.parametrize(
    ("first", "second", "label"),
    [
        ("HĐND", "Đại biểu HĐND", "People's Council"),
        ("Ban Chấp hành", "BCH Đảng bộ", "Party committee"),
        ("ban chap hanh", "Ban Chấp hành", "Party committee"),
        ("Ban Thường vụ", "BTV\nHuyện ủy", "Standing committee"),
    ],
)
def test_two_groups_of_one_body_name_both_cells(
    xlsx: Any, first: str, second: str, label: str
) -> None:
    got = problems(two_groups(xlsx, first, second), level="district")
    second_read = second.replace("\n", " ")
    assert [(r, c, v) for r, c, v, _ in got] == [(3, "E", second_read)]
    expected = got[0][3]
    assert f'nhóm "{first}" (ô C3) và nhóm "{second_read}" (ô E3)' in expected
    assert f"the groups at C3 and E3 are both read as {label}" in expected


@pytest.mark.parametrize(
    ("first", "second", "cell"),
    [
        ("Đại biểu HĐND", "Thường trực HĐND", "E"),  # the tester's case, either way round
        ("Thường trực HĐND", "Đại biểu HĐND", "C"),
        ("Ban Chấp hành Đảng bộ", "Ban Chấp hành Hội LHPN", "E"),
        ("Ban Thường vụ Huyện ủy", "Ban Thường vụ Huyện đoàn", "E"),
        ("Ban Chấp hành", "Ban chấp hành nhiệm kỳ trước", "E"),
    ],
)
def test_of_two_groups_the_one_that_is_no_body_is_the_problem(
    xlsx: Any, first: str, second: str, cell: str
) -> None:
    got = problems(two_groups(xlsx, first, second), level="district")
    named = first if cell == "C" else second
    assert [(r, c, v) for r, c, v, _ in got] == [(3, cell, named)]


def test_one_group_with_two_female_columns_names_both(xlsx: Any) -> None:
    rows: list[Sequence[Any]] = [
        TITLE,
        [],
        ["STT", "Đơn vị", "Ban Chấp hành", None, None],
        [None, None, "Tổng số", "Nữ", "Nữ"],
        [1, "Huyện Quan Hóa", 39, 5, 4],
    ]
    path = xlsx(rows, merges=["A3:A4", "B3:B4", "C3:E3"])
    got = problems(path, level="district")
    assert [(r, c, v) for r, c, v, _ in got] == [(4, "E", "Nữ")]
    assert "D4 and E4" in got[0][3]


def test_two_terms_of_one_body_are_two_terms(xlsx: Any) -> None:
    # not a conflict: the groups name two terms
    out = read_counts(
        two_groups(xlsx, "Ban chấp hành nhiệm kỳ 2010-2015", "BCH NK 2015 - 2020"),
        level="district",
    )
    assert out[["term", "unit_name", "total", "female"]].values.tolist() == [
        ["2010-2015", "Huyện Quan Hóa", 4, 1],
        ["2010-2015", "Huyện Nga Sơn", 4, 0],
        ["2015-2020", "Huyện Quan Hóa", 35, 9],
        ["2015-2020", "Huyện Nga Sơn", 40, 12],
    ]


# --------------------------------------------------------------------------------------------
# 3. A unit whose name says another level than its section's


def sectioned(xlsx: Any, section: str, names: Sequence[str]) -> Any:
    rows: list[Sequence[Any]] = [
        TITLE,
        [],
        ["STT", "Đơn vị", "Tổng số", "Nữ"],
        ["I", section],
        *([f"1.{i + 1}", name, 15 + i, 3] for i, name in enumerate(names)),
    ]
    return xlsx(rows)


def test_communes_under_a_district_section_are_a_problem(xlsx: Any) -> None:
    rows: list[Sequence[Any]] = [
        TITLE,
        [],
        ["STT", "Đơn vị", "Tổng số", "Nữ"],
        ["I", "Khối huyện"],
        [1, "Huyện Quan Hóa", 39, 5],
        ["1.1", "Xã Trung Sơn", 15, 3],
        ["1.2", "XÃ PHÚ NGHIÊM", 17, 2],
        [2, "Huyện Nga Sơn", 45, 9],
    ]
    got = problems(xlsx(rows), body="BCH")
    assert [(r, c, v) for r, c, v, _ in got] == [
        (6, "B", "Xã Trung Sơn"),
        (7, "B", "XÃ PHÚ NGHIÊM"),
    ]
    expected = got[0][3]
    assert 'tên "Xã Trung Sơn" cho Cấp xã, dòng khối "I Khối huyện" (dòng 4) cho Cấp huyện' in (
        expected
    )
    assert "the unit's name says commune, the section above it says district" in expected


@pytest.mark.parametrize(
    ("section", "name", "own"),
    [
        ("Khối huyện, thị xã, thành phố", "Thi tran Lam Son", "commune"),
        ("Khối huyện", "Phường Ba Đình", "commune"),
        ("Các huyện, thị xã", "X. Quảng Phú", "commune"),
        ("Khối xã, phường, thị trấn", "Huyện Nga Sơn", "district"),
        ("Khối huyện", "Sở Y tế", "agency"),
        ("Khối sở, ban, ngành", "Thị xã Bỉm Sơn", "district"),
    ],
)
def test_a_name_that_contradicts_its_section(xlsx: Any, section: str, name: str, own: str) -> None:
    got = problems(sectioned(xlsx, section, [name]), body="party_committee")
    assert [(r, c, v) for r, c, v, _ in got] == [(5, "B", name)]
    assert f"the unit's name says {own}" in got[0][3]


def test_names_that_agree_or_say_nothing_keep_the_sections_level(xlsx: Any) -> None:
    path = sectioned(
        xlsx, "Khối xã, phường, thị trấn", ["Xã Trung Sơn", "Thị trấn Lam Sơn", "Hà Long"]
    )
    out = read_counts(path, body="party_committee")
    assert out[["unit_name", "level", "total", "female"]].values.tolist() == [
        ["Xã Trung Sơn", "commune", 15, 3],
        ["Thị trấn Lam Sơn", "commune", 16, 3],
        ["Hà Long", "commune", 17, 3],
    ]


def test_a_units_table_decides_before_the_section(xlsx: Any) -> None:
    units = pd.DataFrame(
        {
            "unit_id": ["QH", "TS"],
            "unit_name": ["Huyện Quan Hóa", "Xã Trung Sơn"],
            "level": ["district", "commune"],
            "kind": ["huyện", "xã"],
        }
    )
    path = sectioned(xlsx, "Khối huyện", ["Huyện Quan Hóa", "Xã Trung Sơn"])
    out = read_counts(path, body="party_committee", units=units)
    assert out[["unit_id", "level"]].values.tolist() == [["QH", "district"], ["TS", "commune"]]


def test_a_level_column_decides_before_the_name(xlsx: Any) -> None:
    rows: list[Sequence[Any]] = [
        TITLE,
        [],
        ["STT", "Đơn vị", "Cấp", "Tổng số", "Nữ"],
        ["I", "Khối huyện"],
        [1, "Xã Trung Sơn", "Cấp xã", 15, 3],
    ]
    out = read_counts(xlsx(rows), body="party_committee")
    assert out[["unit_name", "level"]].values.tolist() == [["Xã Trung Sơn", "commune"]]


# --------------------------------------------------------------------------------------------
# The same names in a personnel list's title (danh sách trích ngang)


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("DANH SÁCH TRÍCH NGANG BAN CHẤP HÀNH HỘI LHPN HUYỆN NGA SƠN", None),
        ("Danh sach trich ngang BCH Huyen doan Nga Son", None),
        ("DANH SÁCH TRÍCH NGANG BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN NGA SƠN", "party_committee"),
    ],
)
def test_a_roster_titled_with_another_body_names_no_body(
    xlsx: Any, title: str, body: str | None
) -> None:
    rows: list[Sequence[Any]] = [
        [f"{title} NHIỆM KỲ 2020-2025"],
        ["STT", "Họ và tên", "Năm sinh", None],
        [None, None, "Nam", "Nữ"],
        [1, "Lê Thị An", None, 1970],
        [2, "Hà Văn Bình", 1985, None],
    ]
    path = xlsx(rows, merges=["A2:A3", "B2:B3", "C2:D2"])
    if body is None:
        with pytest.raises(DataError) as info:
            read_roster(path, unit="Huyện Nga Sơn", level="district")
        assert [p.header for p in info.value.problems] == ["body"]
    else:
        out = read_roster(path, unit="Huyện Nga Sơn", level="district")
        assert out[["body", "sex"]].values.tolist() == [[body, "F"], [body, "M"]]
