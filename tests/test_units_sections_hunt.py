"""Found by a hunt: units sharing a name, numbered ``Khối`` sectors, the women a total line states."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from gender_stats import count
from gender_stats.errors import DataError
from gender_stats.io import read_counts, read_roster
from gender_stats.io._common import UnitIndex
from gender_stats.io._trich_ngang import female_unclear, stated_counts

TITLE = "DANH SÁCH TRÍCH NGANG BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN NGA SƠN, NHIỆM KỲ 2020 - 2025"
HEADER = [
    ["STT", "Họ và tên", "Năm sinh", None, "Dân tộc", "Chức vụ"],
    [None, None, "Nam", "Nữ", None, None],
]
MERGES = ["C3:D3"]
UNITS = pd.DataFrame(
    {
        "unit_id": ["X01", "X02", "X03"],
        "unit_name": ["Xã Xuân Phú", "Xã Xuân Phú", "Xã Nga An"],
        "level": ["commune"] * 3,
        "kind": ["xã"] * 3,
        "parent_id": ["H-THOXUAN", "H-QUANGXUONG", "H-NGASON"],
    }
)


def roster(xlsx: Any, *rows: list[Any]) -> pd.DataFrame:
    path = xlsx([[TITLE], [], *HEADER, *rows], merges=MERGES)
    return read_roster(path, unit="Huyện Nga Sơn", level="district")


# -- 1. a name two units share ---------------------------------------------------------------


def test_index_finds_no_unit_for_a_shared_name_and_names_both() -> None:
    index = UnitIndex(UNITS)
    assert index.find("Xã Xuân Phú") is None
    assert index.find("Xa Xuan Phu") is None  # typed without diacritics: still two units
    assert index.sharing("XÃ XUÂN PHÚ") == ["X01", "X02"]
    assert index.find("Xã Nga An") == ("X03", "Xã Nga An", "commune")
    assert index.sharing("Xã Nga An") == []


def test_an_alias_shared_with_another_units_name_is_ambiguous() -> None:
    units = pd.DataFrame(
        {
            "unit_id": ["H1", "H2"],
            "unit_name": ["Thị xã Nghi Sơn", "Huyện Tĩnh Gia"],
            "level": ["district", "district"],
            "aliases": [None, "Thị xã Nghi Sơn"],
        }
    )
    index = UnitIndex(units)
    assert index.find("Thị xã Nghi Sơn") is None
    assert index.sharing("Thị xã Nghi Sơn") == ["H1", "H2"]
    assert index.find("Huyện Tĩnh Gia") == ("H2", "Huyện Tĩnh Gia", "district")


def test_counts_naming_a_shared_name_are_reported_not_given_to_the_first(xlsx) -> None:
    path = xlsx(
        [
            ["SỐ LIỆU NỮ CẤP ỦY XÃ NHIỆM KỲ 2020-2025"],
            [],
            ["STT", "Đơn vị", "Tổng số", "Nữ"],
            [1, "Xã Xuân Phú", 15, 2],
            [2, "Xã Nga An", 13, 4],
        ]
    )
    with pytest.raises(DataError) as err:
        read_counts(path, units=UNITS, body="BCH")
    assert [(p.row, p.column, p.value) for p in err.value.problems] == [(4, "B", "Xã Xuân Phú")]


def test_roster_unit_column_naming_a_shared_name_names_both_ids(xlsx) -> None:
    rows = [
        ["DANH SÁCH BAN CHẤP HÀNH NHIỆM KỲ 2020-2025"],
        ["STT", "Họ và tên", "Năm sinh", None, "Đơn vị"],
        [None, None, "Nam", "Nữ", None],
        [1, "Nguyễn Văn An", 1970, None, "Xã Nga An"],
        [2, "Hà Thị Bình", None, 1975, "Xã Xuân Phú"],
    ]
    with pytest.raises(DataError) as err:
        read_roster(xlsx(rows, merges=["C2:D2"]), units=UNITS)
    [problem] = err.value.problems
    assert (problem.row, problem.column, problem.value) == (5, "E", "Xã Xuân Phú")
    assert "X01, X02" in problem.expected and "Xã Xuân Phú" in problem.expected


def test_roster_unit_id_column_resolves_a_shared_name(xlsx) -> None:
    rows = [
        ["DANH SÁCH BAN CHẤP HÀNH NHIỆM KỲ 2020-2025"],
        ["STT", "Họ và tên", "Năm sinh", None, "Đơn vị", "Mã đơn vị"],
        [None, None, "Nam", "Nữ", None, None],
        [1, "Nguyễn Văn An", 1970, None, "Xã Xuân Phú", "X02"],
        [2, "Hà Thị Bình", None, 1975, "Xã Xuân Phú", "X01"],
    ]
    out = read_roster(xlsx(rows, merges=["C2:D2"]), units=UNITS)
    assert out["unit_id"].tolist() == ["X02", "X01"]


# -- 2. numbered "Khối" rows are sectors --------------------------------------------------------


@pytest.mark.parametrize(
    ("party", "state"),
    [
        ("1. Khối Đảng", "2. Khối UBND"),
        ("I. Khối Đảng", "II. Khối Ủy ban nhân dân"),
        ("A. Khối Đảng", "B. Khối HĐND"),
    ],
)
def test_numbered_sector_rows_keep_one_party_committee(xlsx, party: str, state: str) -> None:
    out = roster(
        xlsx,
        [party],
        [1, "Nguyễn Văn An", 1970, None, "Kinh", "Bí thư"],
        [2, "Hà Thị Bình", None, 1975, "Thái", "Phó Bí thư"],
        [state],
        [3, "Lê Văn Cường", 1972, None, "Kinh", "Chủ tịch UBND"],
        [4, "Trần Thị Dung", None, 1980, "Kinh", "Phó Chủ tịch UBND"],
        [5, "Lò Thị Én", None, 1982, "Thái", "Ủy viên"],
        ["Tổng số: 5 đồng chí, trong đó nữ 3"],
    )
    assert out["body"].tolist() == ["party_committee"] * 5
    counted = count(out)
    assert counted[["body", "total", "female"]].to_dict("records") == [
        {"body": "party_committee", "total": 5, "female": 3}
    ]


# -- 3. the number of women a line states -----------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Tổng số: 5 đồng chí, trong đó có 2 đồng chí nữ, 1 đồng chí dân tộc thiểu số", (5, 2)),
        ("Tổng số 19 đồng chí: 7 nữ; 12 người dân tộc thiểu số", (19, 7)),
        ("Tổng số: 5 đồng chí, 1 đồng chí nữ (20%)", (5, 1)),
        ("Tổng số: 45 đồng chí; nữ: không", (45, 0)),
        ("Tổng cộng 33 người, trong đó nữ 6 đồng chí", (33, 6)),
        ("Ban Chấp hành (13 đ/c, 4 đ/c nữ)", (13, 4)),
        ("Hội Liên hiệp Phụ nữ (3 người)", (3, None)),
    ],
)
def test_stated_counts_takes_the_number_attached_to_nu(
    label: str, expected: tuple[int | None, int | None]
) -> None:
    assert stated_counts(label) == expected
    assert not female_unclear(label)


@pytest.mark.parametrize(
    "label", ["Tổng số: 5 đồng chí, nữ chiếm 40%", "Tổng số: 5 đồng chí nữ 2", "nữ 2; nữ 3"]
)
def test_an_unreadable_number_of_women_is_none_and_unclear(label: str) -> None:
    assert stated_counts(label)[1] is None
    assert female_unclear(label)


PEOPLE = [
    [1, "Nguyễn Văn An", 1970, None, "Kinh", "Bí thư"],
    [2, "Hà Thị Bình", None, 1975, "Thái", "Phó Bí thư"],
    [3, "Lê Văn Cường", 1972, None, "Kinh", "UV"],
    [4, "Trần Thị Dung", 1980, None, "Kinh", "UV"],  # a woman typed under Nam
    [5, "Phạm Văn Em", 1981, None, "Kinh", "UV"],
]


def test_total_line_stating_two_women_where_one_is_marked_is_a_problem(xlsx) -> None:
    total = "Tổng số: 5 đồng chí, trong đó có 2 đồng chí nữ, 1 đồng chí dân tộc thiểu số"
    with pytest.raises(DataError) as err:
        roster(xlsx, *PEOPLE, [total])
    [problem] = err.value.problems
    assert (problem.row, problem.column) == (10, "A")
    assert "2 nữ" in problem.expected and "1 nữ" in problem.expected


@pytest.mark.parametrize(
    "total", ["Tổng số: 5 đồng chí, 1 đồng chí nữ (20%)", "Tổng số 5 người: 1 nữ; 4 người dân tộc"]
)
def test_total_line_agreeing_with_a_percentage_or_another_clause_reads(xlsx, total: str) -> None:
    out = roster(xlsx, *PEOPLE, [total])
    assert out["sex"].tolist() == ["M", "F", "M", "M", "M"]


def test_total_line_saying_no_women_reads_zero(xlsx) -> None:
    men = [[i, f"Nguyễn Văn {n}", 1970 + i, None, "Kinh", "UV"] for i, n in enumerate("ABC", 1)]
    out = roster(xlsx, *men, ["Tổng số: 3 đồng chí; nữ: không"])
    assert len(out) == 3
    with pytest.raises(DataError, match="0 nữ"):
        roster(
            xlsx,
            *men[:2],
            [1, "Hà Thị Bình", None, 1975, "Thái", "UV"],
            ["Tổng số: 3 đồng chí; nữ: không"],
        )


def test_unreadable_women_on_a_total_line_warns_and_is_not_checked(xlsx) -> None:
    with pytest.warns(UserWarning, match="không đọc được số nữ"):
        out = roster(xlsx, *PEOPLE, ["Tổng số: 5 đồng chí, nữ chiếm 40%"])
    assert len(out) == 5


def test_a_counts_table_naming_a_shared_unit_name_says_which_units_share_it(tmp_path) -> None:
    import openpyxl

    units = pd.DataFrame(
        {
            "unit_id": ["X01", "X02"], "unit_name": ["Xã Xuân Phú"] * 2,
            "level": ["commune"] * 2, "kind": ["xã"] * 2,
        }
    )  # fmt: skip
    book = openpyxl.Workbook()
    for row in [
        ["SỐ LIỆU NỮ CẤP ỦY XÃ NHIỆM KỲ 2020-2025"], [], ["STT", "Đơn vị", "Tổng số", "Nữ"],
        [1, "Xã Xuân Phú", 15, 2],
    ]:  # fmt: skip
        book.active.append(row)
    book.save(tmp_path / "xa.xlsx")
    from gender_stats import read_counts

    with pytest.raises(DataError) as err:
        read_counts(tmp_path / "xa.xlsx", units=units, body="BCH")
    text = str(err.value)
    assert 'ô B4 (cột "Đơn vị"): giá trị "Xã Xuân Phú"' in text
    assert 'X01, X02 cùng tên "Xã Xuân Phú"' in text
