"""Two rows of one body with the same name and birth year, in a list without an id column.

The reader makes each person's id of the unit, the name and the birth year, so it cannot tell one
person listed twice from two namesakes born the same year.  It must say so at the name cell,
quoting the name as written (not the id it made up), and say how to resolve it; a ``Mã cán bộ``
column resolves it.
"""

from __future__ import annotations

import openpyxl
import pytest

import gender_stats as gs

TITLE = "DANH SÁCH TRÍCH NGANG BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN NGA SƠN NHIỆM KỲ 2020-2025"


def _book(path, rows, *, header, merges=()):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "BCH"
    sheet.append([TITLE])
    for line in header:
        sheet.append(line)
    for row in rows:
        sheet.append(row)
    for span in merges:
        sheet.merge_cells(span)
    book.save(path)
    return path


#: The trích ngang: year of birth under Nam | Nữ (two header rows).
TWO_ROWS = (
    [["STT", "Họ và tên", "Năm sinh", None, "Chức vụ"], [None, None, "Nam", "Nữ", None]],
    ["A2:A3", "B2:B3", "C2:D2", "E2:E3"],
)
#: A plain list: one header row, sex in its own column.
ONE_ROW = ([["STT", "Họ và tên", "Giới tính", "Năm sinh"]], [])


def _rows(layout, people):
    if layout is TWO_ROWS:
        return [
            [i, name, year if sex == "M" else None, year if sex == "F" else None, "UV"]
            for i, (name, sex, year) in enumerate(people, 1)
        ]
    return [
        [i, name, "Nam" if sex == "M" else "Nữ", year]
        for i, (name, sex, year) in enumerate(people, 1)
    ]


@pytest.mark.parametrize("layout", [TWO_ROWS, ONE_ROW], ids=["trich_ngang", "plain_list"])
@pytest.mark.parametrize("second", ["Nguyễn Văn Hùng", "NGUYỄN VĂN  HÙNG"])
def test_namesakes_are_reported_at_the_name_cell_with_the_way_out(tmp_path, layout, second):
    people = [("Nguyễn Văn Hùng", "M", 1975), ("Hà Thị Bình", "F", 1985), (second, "M", 1975)]
    header, merges = layout
    path = _book(tmp_path / "bch.xlsx", _rows(layout, people), header=header, merges=merges)
    with pytest.raises(gs.DataError) as err:
        gs.read_roster(path, level="district")
    text = str(err.value)
    first_row, third_row = len(header) + 2, len(header) + 4  # title, header, then the people
    assert len(err.value.problems) == 1
    written = " ".join(second.split())  # the name as written, its spaces tidied
    assert f'ô B{third_row} (cột "Họ và tên"): giá trị "{written}"' in text
    assert f"dòng {first_row} cùng họ tên và năm sinh" in text
    assert "Mã cán bộ" in text and "nga-son/" not in text  # the made-up id is not quoted


def test_a_ma_can_bo_column_tells_namesakes_apart(tmp_path):
    header = [["STT", "Mã cán bộ", "Họ và tên", "Giới tính", "Năm sinh"]]
    rows = [
        [1, "CB001", "Nguyễn Văn Hùng", "Nam", 1975],
        [2, "CB002", "Hà Thị Bình", "Nữ", 1985],
        [3, "CB003", "Nguyễn Văn Hùng", "Nam", 1975],
    ]
    roster = gs.read_roster(_book(tmp_path / "bch.xlsx", rows, header=header), level="district")
    assert sorted(roster["person_id"].astype(str)) == ["CB001", "CB002", "CB003"]
    counts = gs.count(roster)
    assert (int(counts["total"].iloc[0]), int(counts["female"].iloc[0])) == (3, 1)


def test_two_namesakes_born_in_different_years_are_two_people(tmp_path):
    people = [
        ("Nguyễn Văn Hùng", "M", 1975),
        ("Nguyễn Văn Hùng", "M", 1980),
        ("Hà Thị Bình", "F", 1985),
    ]
    header, merges = TWO_ROWS
    path = _book(tmp_path / "bch.xlsx", _rows(TWO_ROWS, people), header=header, merges=merges)
    counts = gs.count(gs.read_roster(path, level="district"))
    assert (int(counts["total"].iloc[0]), int(counts["female"].iloc[0])) == (3, 1)


def test_the_party_committee_of_a_mass_organisation_is_the_partys(tmp_path):
    # an agency's party organisation: "Đảng bộ Hội Nông dân tỉnh" is the party's committee,
    # where "BCH Hội Nông dân" alone is the union's own (no body of the library)
    header, merges = TWO_ROWS
    people = [("Lê Văn An", "M", 1970), ("Hà Thị Bình", "F", 1985)]
    rows = _rows(TWO_ROWS, people)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["DANH SÁCH TRÍCH NGANG BAN CHẤP HÀNH ĐẢNG BỘ HỘI NÔNG DÂN TỈNH NHIỆM KỲ 2020-2025"]
    )
    for line in [*header, *rows]:
        sheet.append(line)
    for span in merges:
        sheet.merge_cells(span)
    book.save(tmp_path / "hnd.xlsx")
    roster = gs.read_roster(tmp_path / "hnd.xlsx", unit="Hội Nông dân tỉnh", level="agency")
    assert set(roster["body"].astype(str)) == {"party_committee"}
    assert len(roster) == 2
