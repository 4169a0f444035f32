"""The personnel list (danh sách trích ngang): birth year under Nam | Nữ gives the sex."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from gender_stats.errors import DataError
from gender_stats.io import read_roster

TITLE = "DANH SÁCH TRÍCH NGANG BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN QUAN HÓA, NHIỆM KỲ 2015 - 2020"
HEADER = [
    ["STT", "Họ và tên", "Năm sinh", None, "Dân tộc", "Chức vụ"],
    [None, None, "Nam", "Nữ", None, None],
]
MERGES = ["A3:A4", "B3:B4", "C3:D3", "E3:E4", "F3:F4"]


def sheet(*people: list[Any], title: str = TITLE) -> list[list[Any]]:
    return [[title], [], *HEADER, *people]


PEOPLE = [
    [1, "Lò Văn Cường", 1968, None, "Thái", "Bí thư"],
    [2, "Hà Thị Bình", None, 1975, "Thái", "Phó Bí thư"],
    [3, "Nguyễn Thị Hoa", None, 1980, "Kinh", "Ủy viên"],
]


def test_personnel_list(xlsx) -> None:
    path = xlsx(sheet(*PEOPLE), merges=MERGES)
    out = read_roster(path, unit="Huyện Quan Hóa", level="district")
    assert out[["term", "unit_id", "body", "person_id", "sex", "birth_year"]].to_dict(
        "records"
    ) == [
        {"term": "2015-2020", "unit_id": "huyen-quan-hoa", "body": "party_committee",
         "person_id": "huyen-quan-hoa/lo-van-cuong-6872/1968", "sex": "M", "birth_year": 1968},
        {"term": "2015-2020", "unit_id": "huyen-quan-hoa", "body": "party_committee",
         "person_id": "huyen-quan-hoa/ha-thi-binh-9f37/1975", "sex": "F", "birth_year": 1975},
        {"term": "2015-2020", "unit_id": "huyen-quan-hoa", "body": "party_committee",
         "person_id": "huyen-quan-hoa/nguyen-thi-hoa-5ffc/1980", "sex": "F", "birth_year": 1980},
    ]  # fmt: skip
    assert out["full_name"].tolist() == ["Lò Văn Cường", "Hà Thị Bình", "Nguyễn Thị Hoa"]
    assert out["ethnicity"].tolist() == ["Thái", "Thái", "Kinh"]
    assert out["post"].tolist() == ["Bí thư", "Phó Bí thư", "Ủy viên"]


def test_body_from_argument_and_unit_column_and_sections(xlsx) -> None:
    rows = [
        ["DANH SÁCH CÁN BỘ"],
        ["TT", "Họ và tên", "Năm sinh", None, "Đơn vị"],
        [None, None, "Nam", "Nữ", None],
        ["I", "Ban Thường vụ"],
        [1, "Lò Văn Cường", 1968, None, "Huyện Quan Hóa"],
        ["II", "Ban Chấp hành"],
        [1, "Lò Văn Cường", 1968, None, "Huyện Quan Hóa"],
        [2, "Hà Thị Bình", None, 1975, "Huyện Quan Hóa"],
    ]
    units = pd.DataFrame(
        {"unit_id": ["TH01"], "unit_name": ["Huyện Quan Hoá"], "level": ["district"],
         "kind": ["huyện"]}
    )  # fmt: skip
    out = read_roster(
        xlsx(rows, merges=["A2:A3", "B2:B3", "C2:D2", "E2:E3"]), term="2015-2020", units=units
    )
    assert out[["unit_id", "level", "body", "sex"]].to_dict("records") == [
        {"unit_id": "TH01", "level": "district", "body": "standing_committee", "sex": "M"},
        {"unit_id": "TH01", "level": "district", "body": "party_committee", "sex": "M"},
        {"unit_id": "TH01", "level": "district", "body": "party_committee", "sex": "F"},
    ]
    # the same person in two bodies keeps one id
    assert out["person_id"].iloc[0] == out["person_id"].iloc[1] == "TH01/lo-van-cuong-6872/1968"


def test_one_sheet_per_term(xlsx) -> None:
    sheets = {
        "2015-2020": sheet(PEOPLE[0]),
        "2020-2025": sheet(PEOPLE[1], title=TITLE.replace("2015 - 2020", "2020 - 2025")),
    }
    path = xlsx(sheets=sheets)
    out = read_roster(path, unit="Huyện Quan Hóa", level="district")
    assert out[["term", "sex"]].to_dict("records") == [
        {"term": "2015-2020", "sex": "M"},
        {"term": "2020-2025", "sex": "F"},
    ]


def test_year_problems_all_at_once(xlsx) -> None:
    rows = sheet(
        [1, "Lò Văn Cường", 1968, 1968, "Thái", "Bí thư"],  # both
        [2, "Hà Thị Bình", None, None, "Thái", "Phó Bí thư"],  # neither
        [3, "Nguyễn Thị Hoa", None, "1980", "Kinh", "Ủy viên"],  # text in a workbook: 1980
        [4, "Phạm Văn Dũng", "năm 70", None, "Kinh", "Ủy viên"],  # not a year
        [5, "Trần Thị Én", None, 1982, "Kinh", "Ủy viên"],  # fine
    )
    with pytest.raises(DataError) as info:
        read_roster(xlsx(rows, merges=MERGES), unit="Huyện Quan Hóa", level="district")
    got = [(p.row, p.column, p.value) for p in info.value.problems]
    assert got == [(5, "D", 1968), (6, "C", None), (8, "C", "năm 70")]
    assert "exactly one" in info.value.problems[0].expected
    assert info.value.problems[0].header == "Năm sinh / Nữ"
    err = info.value
    assert (err.rows_read, err.rows_used, err.rows_reported) == (5, 2, 3)


def test_duplicated_person(xlsx) -> None:
    rows = sheet(PEOPLE[1], [4, "Hà Thị  Bình", None, 1975, "Thái", "Ủy viên"])
    with pytest.raises(DataError, match="dòng 5 cùng họ tên và năm sinh") as info:
        read_roster(xlsx(rows, merges=MERGES), unit="Huyện Quan Hóa", level="district")
    (p,) = info.value.problems
    assert (p.row, p.column, p.header) == (6, "B", "Họ và tên")


def test_person_id_column_is_used(xlsx) -> None:
    rows = [
        [TITLE],
        ["STT", "Mã cán bộ", "Họ và tên", "Năm sinh", None],
        [None, None, None, "Nam", "Nữ"],
        [1, "CB-001", "Hà Thị Bình", None, 1975],
    ]
    out = read_roster(xlsx(rows), unit="Huyện Quan Hóa", level="district")
    assert out["person_id"].tolist() == ["CB-001"]


def test_no_unit_no_body_are_problems(xlsx) -> None:
    rows = sheet(PEOPLE[0], title="DANH SÁCH, NHIỆM KỲ 2015 - 2020")
    with pytest.raises(DataError) as info:
        read_roster(xlsx(rows, merges=MERGES), level="district")
    expected = " ".join(p.expected for p in info.value.problems)
    assert "body=" in expected and "unit=" in expected
    assert info.value.rows_used == 0


def test_bad_body_argument(xlsx) -> None:
    with pytest.raises(DataError, match="a valid body"):
        read_roster(
            xlsx(sheet(PEOPLE[0]), merges=MERGES), unit="Quan Hóa", level="district", body="Hội X"
        )


def test_merged_cells_in_a_personnel_list(xlsx) -> None:
    rows = sheet(*PEOPLE)
    with pytest.raises(DataError, match="unmerge E5:E6") as info:
        read_roster(xlsx(rows, merges=[*MERGES, "E5:E6"]), unit="Quan Hóa", level="district")
    assert [(p.row, p.column) for p in info.value.problems] == [(5, "E")]


def test_a_note_between_persons_and_the_signature_block(tmp_path) -> None:
    """Issue 10 §1: rows after a "Ghi chú" line are read; every row is in the reading log."""
    import openpyxl

    from gender_stats.io import read_roster

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (
        ["DANH SÁCH TRÍCH NGANG BAN CHẤP HÀNH NHIỆM KỲ 2015-2020"],
        ["STT", "Họ và tên", "Năm sinh", None, "Dân tộc"],
        [None, None, "Nam", "Nữ", None],
        [1, "Lê Văn Hùng", 1970, None, "Kinh"],
        ["Ghi chú: đồng chí Hùng chuyển công tác"],
        [2, "Lê Thị Hoa", None, 1975, "Mường"],
        [None, None, None, "Nga Sơn, ngày 5 tháng 6 năm 2015"],
        [None, None, None, "NGƯỜI LẬP BIỂU"],
    ):
        ws.append(row)
    ws.merge_cells("C2:D2")
    wb.save(tmp_path / "tn.xlsx")
    out = read_roster(tmp_path / "tn.xlsx", unit="Huyện Nga Sơn", level="district")
    assert out["full_name"].tolist() == ["Lê Văn Hùng", "Lê Thị Hoa"]
    log = out.attrs["reading"]
    assert [(e.row, str(e.kind)) for e in log.entries] == [
        (1, "title"), (2, "header"), (3, "header"), (4, "data"), (5, "note"), (6, "data"),
        (7, "signature"), (8, "signature"),
    ]  # fmt: skip
    assert log.rows_read == log.rows_used + log.rows_reported + log.rows_structural == 8
    ws.append([3, "Hà Văn Nam", 1960, None, "Thái"])  # a person below the signature
    wb.save(tmp_path / "tn2.xlsx")
    with pytest.raises(DataError, match="signature") as info:
        read_roster(tmp_path / "tn2.xlsx", unit="Huyện Nga Sơn", level="district")
    assert [p.row for p in info.value.problems] == [9]
