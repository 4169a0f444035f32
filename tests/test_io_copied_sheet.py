"""A sheet copied from another unit's, its tab renamed and its title not: a problem, never merged.

Offices copy last district's tab, rename it "Hoằng Hóa", change the figures and forget the title
(``BÁO CÁO SỐ LƯỢNG NỮ … HUYỆN NGA SƠN``).  Whichever reader takes the unit from the title (a
counts sheet with bodies down a ``Nội dung`` column, the 9B form, a tidy list, a personnel list)
reports the title cell when the tab names another unit; a tab that is the same unit written
another way (case, tone placement, no diacritics, ``H.``/``TP``, a leading number) is no problem.
In a collection, a report whose file name names one unit and whose figures another is refused.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

import gender_stats as gs
from gender_stats import DataError, read_counts, read_roster
from gender_stats.io._counts import same_unit, tab_unit

STALE = "BÁO CÁO SỐ LƯỢNG NỮ THAM GIA CẤP ỦY HUYỆN NGA SƠN"


def book(path: Path, sheets: dict[str, list[list[Any]]], merges: list[str] = ()) -> Path:  # type: ignore[assignment]
    """Write one workbook: sheet name -> rows (row 1 first); the same merges on every sheet."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for rng in merges:
            ws.merge_cells(rng)
    wb.save(path)
    return path


def quiet(read: Callable[..., pd.DataFrame], path: Path, **kw: Any) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read(path, **kw)


def refused(read: Callable[..., pd.DataFrame], path: Path, **kw: Any) -> list[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(DataError) as info:
            read(path, **kw)
    return list(info.value.problems)


def district(title: str, bch: tuple[int, int], btv: tuple[int, int]) -> list[list[Any]]:
    """One district's sheet: the unit only in the title; bodies down a Nội dung column."""
    return [
        [title],
        ["Nhiệm kỳ 2020 - 2025"],
        [],
        ["TT", "Nội dung", "Tổng số", "Nữ", "Tỷ lệ (%)"],
        [1, "Ban Chấp hành", *bch, None],
        [2, "Ban Thường vụ", *btv, None],
    ]


def records(out: pd.DataFrame) -> list[tuple[Any, ...]]:
    cols = ["unit_name", "body", "total", "female"]
    return sorted(tuple(r) for r in out[cols].astype(object).itertuples(index=False))


# --------------------------------------------------------------------------------------------
# Counts: one sheet per district


@pytest.mark.parametrize(
    "tab", ["Hoằng Hóa", "HOẰNG HÓA", "hoằng hoá", "Hoang Hoa", "2. Hoằng Hóa"]
)
def test_a_copied_sheet_is_a_problem_at_its_title_cell(tmp_path: Path, tab: str) -> None:
    # Nga Sơn's sheet copied for Hoằng Hóa: tab renamed, figures changed, title kept
    path = book(
        tmp_path / "copied.xlsx",
        {"Nga Sơn": district(STALE, (37, 6), (13, 2)), tab: district(STALE, (45, 9), (15, 3))},
    )
    problems = refused(read_counts, path, level="district")
    assert len(problems) == 1  # Nga Sơn's own sheet is fine
    p = problems[0]
    assert (p.file, p.sheet, p.row, p.column, p.value) == ("copied.xlsx", tab, 1, "A", STALE)
    assert f'tiêu đề ghi "Huyện Nga Sơn" nhưng trang tên "{tab}"' in p.expected
    assert "the title names another unit than the sheet name" in p.expected
    assert "pass unit_name=" in p.expected


@pytest.mark.parametrize("tab", ["HOẰNG HÓA", "hoằng hóa", "1. Hoằng Hóa", "Hạ Trung"])
def test_a_copied_sheet_alone_in_its_file_is_not_read_as_the_titles_unit(
    tmp_path: Path, tab: str
) -> None:
    # once silently read as Huyện Nga Sơn: 45 members, 9 women added to the wrong district
    title = STALE if tab != "Hạ Trung" else "HUYỆN ỦY HÀ TRUNG"  # Hà and Hạ: two names
    path = book(tmp_path / "one.xlsx", {tab: district(title, (45, 9), (15, 3))})
    [p] = refused(read_counts, path, level="district")
    assert (p.sheet, p.row, p.column, p.value) == (tab, 1, "A", title)


@pytest.mark.parametrize("first", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "UBND TỈNH THANH HÓA"])
def test_the_title_in_its_second_row_under_a_motto_or_the_province(
    tmp_path: Path, first: str
) -> None:
    # under the province, the sheet's name once chose between the title's two units
    title = "BÁO CÁO SỐ LƯỢNG NỮ THAM GIA CẤP ỦY HUYỆN NGA SƠN NHIỆM KỲ 2020-2025"
    rows = district(first, (45, 9), (15, 3))
    rows[1] = [title]
    [p] = refused(read_counts, book(tmp_path / "row2.xlsx", {"Hoằng Hóa": rows}), level="district")
    assert (p.sheet, p.row, p.column, p.value) == ("Hoằng Hóa", 2, "A", title)
    assert 'tiêu đề ghi "Huyện Nga Sơn" nhưng trang tên "Hoằng Hóa"' in p.expected
    rows[1] = [title.replace("NGA SƠN", "HOẰNG HÓA")]  # the title corrected
    out = quiet(read_counts, book(tmp_path / "ok.xlsx", {"Hoằng Hóa": rows}), level="district")
    assert [r[1:] for r in records(out)] == [
        ("party_committee", 45, 9),
        ("standing_committee", 15, 3),
    ]
    assert set(out["unit_name"]) <= {"Hoằng Hóa", "Huyện Hoằng Hóa"}


@pytest.mark.parametrize(
    ("tab", "title", "unit"),
    [
        ("Nga Sơn", "HUYỆN ỦY NGA SƠN", "Huyện Nga Sơn"),
        ("NGA SƠN", STALE, "Huyện Nga Sơn"),
        ("nga sơn", STALE, "Huyện Nga Sơn"),
        ("Nga Son", STALE, "Huyện Nga Sơn"),  # typed without diacritics
        ("H. Nga Sơn", "HUYỆN ỦY NGA SƠN", "Huyện Nga Sơn"),
        ("H.Nga Sơn", STALE, "Huyện Nga Sơn"),
        ("Huyện Nga Sơn", STALE, "Huyện Nga Sơn"),
        ("01-Nga Sơn", STALE, "Huyện Nga Sơn"),
        ("TP Thanh Hóa", "THÀNH ỦY THANH HÓA", "Thành phố Thanh Hóa"),
        ("TP. Thanh Hoá", "BÁO CÁO SỐ LƯỢNG NỮ THÀNH PHỐ THANH HÓA", "Thành phố Thanh Hóa"),
        ("Quan Hoá", "HUYỆN ỦY QUAN HÓA", "Huyện Quan Hóa"),  # the tone mark on the other vowel
        ("Tinh Gia", "HUYỆN ỦY TĨNH GIA", "Huyện Tĩnh Gia"),  # "Tinh" is not Tỉnh here
        # not unit names: the title's unit is used
        ("Sheet1", STALE, "Huyện Nga Sơn"),
        ("Biểu 01", STALE, "Huyện Nga Sơn"),
        ("BCH", STALE, "Huyện Nga Sơn"),
        ("Nữ", STALE, "Huyện Nga Sơn"),
        ("DANH SÁCH", STALE, "Huyện Nga Sơn"),
        ("CÁN BỘ NỮ", STALE, "Huyện Nga Sơn"),
        ("Kết Quả", STALE, "Huyện Nga Sơn"),
    ],
)
def test_a_tab_naming_the_same_unit_another_way_is_no_problem(
    tmp_path: Path, tab: str, title: str, unit: str
) -> None:
    path = book(tmp_path / "same.xlsx", {tab: district(title, (37, 6), (13, 2))})
    out = quiet(read_counts, path, level="district")
    assert records(out) == [
        (unit, "party_committee", 37, 6),
        (unit, "standing_committee", 13, 2),
    ]


def test_two_sheets_claiming_one_unit_are_never_added_together(tmp_path: Path) -> None:
    # tabs that name no unit, one stale title: the same unit twice, refused (not summed)
    path = book(
        tmp_path / "twice.xlsx",
        {"Sheet1": district(STALE, (37, 6), (13, 2)), "Sheet2": district(STALE, (45, 9), (15, 3))},
    )
    problems = refused(read_counts, path, level="district")
    assert {p.sheet for p in problems} == {"Sheet1", "Sheet2"}
    assert all("given once across sheets" in p.expected for p in problems)


def test_a_units_table_decides_by_ids(tmp_path: Path) -> None:
    units = pd.DataFrame(
        {
            "unit_id": ["D12", "D09"],
            "unit_name": ["Huyện Nga Sơn", "Huyện Hoằng Hóa"],
            "level": ["district", "district"],
            "kind": ["huyen", "huyen"],
            "aliases": ["NS", "HH"],
        }
    )
    # the tab is an alias of the title's unit: no problem
    path = book(tmp_path / "alias.xlsx", {"NS": district(STALE, (37, 6), (13, 2))})
    out = quiet(read_counts, path, units=units)
    assert sorted(zip(out["unit_id"], out["total"], strict=True)) == [("D12", 13), ("D12", 37)]
    # the tab is another unit's alias: the copied title is reported
    path = book(tmp_path / "other.xlsx", {"HH": district(STALE, (45, 9), (15, 3))})
    [p] = refused(read_counts, path, units=units)
    assert (p.sheet, p.row, p.column, p.value) == ("HH", 1, "A", STALE)


def test_unit_name_argument_overrides_the_title(tmp_path: Path) -> None:
    path = book(tmp_path / "arg.xlsx", {"Hoằng Hóa": district(STALE, (45, 9), (15, 3))})
    out = quiet(read_counts, path, level="district", unit_name="Huyện Hoằng Hóa")
    assert records(out) == [
        ("Huyện Hoằng Hóa", "party_committee", 45, 9),
        ("Huyện Hoằng Hóa", "standing_committee", 15, 3),
    ]


# --------------------------------------------------------------------------------------------
# The 9B form (transposed): the unit is named only in its issuing block


def bieu_9b(issuer: str, bch: tuple[int, int]) -> list[list[Any]]:
    return [
        [issuer, None, None, None, None, None, None, "Biểu số 9B-BTCTW"],
        ["BAN TỔ CHỨC"],
        ["THỐNG KÊ CÁN BỘ LÃNH ĐẠO, QUẢN LÝ NĂM 2021"],
        [None, None, None, None, None, None, None, "Đvt: Người"],
        ["Nội dung", "Ban\nchấp\nhành", "Ban\nthường vụ", "Lãnh đạo cấp ủy", None],
        [None, None, None, "Bí thư", "Phó bí thư"],
        ["A", 1, 2, 3, 4],
        ["TỔNG SỐ", bch[0], 13, 1, 2],
        ["*Trong đó:- Nữ", bch[1], 2, 0, 1],
    ]


MERGES_9B = ["A5:A6", "B5:B6", "C5:C6", "D5:E5"]


def test_a_copied_9b_form_is_a_problem(tmp_path: Path) -> None:
    sheets = {"Hoằng Hóa": bieu_9b("HUYỆN ỦY NGA SƠN", (45, 9))}
    path = book(tmp_path / "9b.xlsx", sheets, MERGES_9B)
    [p] = refused(read_counts, path, term="2020-2025")
    assert (p.sheet, p.row, p.column, p.value) == ("Hoằng Hóa", 1, "A", "HUYỆN ỦY NGA SƠN")
    assert 'tiêu đề ghi "Huyện Nga Sơn" nhưng trang tên "Hoằng Hóa"' in p.expected
    # its own tab, however written, reads as before
    path = book(tmp_path / "9b-own.xlsx", {"H. NGA SƠN": sheets["Hoằng Hóa"]}, MERGES_9B)
    out = quiet(read_counts, path, term="2020-2025")
    assert records(out)[1] == ("Huyện Nga Sơn", "party_committee", 45, 9)


# --------------------------------------------------------------------------------------------
# Rosters: a personnel list (trích ngang) and a tidy list


LIST_TITLE = "DANH SÁCH TRÍCH NGANG BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN QUAN HÓA, NHIỆM KỲ 2015 - 2020"
LIST_MERGES = ["A3:A4", "B3:B4", "C3:D3"]


def personnel(title: str, *people: list[Any]) -> list[list[Any]]:
    return [[title], [], ["STT", "Họ và tên", "Năm sinh", None], [None, None, "Nam", "Nữ"], *people]


def tidy(title: str, *people: list[Any]) -> list[list[Any]]:
    return [[title], ["STT", "Họ và tên", "Giới tính", "Năm sinh"], *people]


def test_a_copied_personnel_list_is_not_merged_into_the_titles_unit(tmp_path: Path) -> None:
    sheets = {
        "Quan Hóa": personnel(LIST_TITLE, [1, "Lò Văn Cường", 1968, None]),
        "Hoằng Hóa": personnel(
            LIST_TITLE, [1, "Lê Văn An", 1970, None], [2, "Trần Thị Cúc", None, 1977]
        ),
    }
    path = book(tmp_path / "tn.xlsx", sheets, LIST_MERGES)
    [p] = refused(read_roster, path)
    assert (p.file, p.sheet, p.row, p.column, p.value) == (
        "tn.xlsx",
        "Hoằng Hóa",
        1,
        "A",
        LIST_TITLE,
    )
    assert 'tiêu đề ghi "Huyện Quan Hóa" nhưng trang tên "Hoằng Hóa"' in p.expected
    assert "pass unit=" in p.expected  # read_roster's argument
    out = quiet(read_roster, path, sheet="Quan Hóa")
    assert out[["unit_name", "full_name", "sex"]].astype(object).values.tolist() == [
        ["Huyện Quan Hóa", "Lò Văn Cường", "M"]
    ]


def test_a_copied_tidy_list_is_not_merged_into_the_titles_unit(tmp_path: Path) -> None:
    title = "DANH SÁCH BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN QUAN HÓA NHIỆM KỲ 2015-2020"
    sheets = {
        "QUAN HOÁ": tidy(title, [1, "Lò Văn Cường", "Nam", 1968]),  # its own unit, in capitals
        "hoằng hóa": tidy(title, [1, "Lê Văn An", "Nam", 1970], [2, "Trần Thị Cúc", "Nữ", 1977]),
    }
    [p] = refused(read_roster, book(tmp_path / "tidy.xlsx", sheets))
    assert (p.sheet, p.row, p.column, p.value) == ("hoằng hóa", 1, "A", title)
    sheets["hoằng hóa"][0] = [title.replace("QUAN HÓA", "HOẰNG HÓA")]  # the title corrected
    out = quiet(read_roster, book(tmp_path / "fixed.xlsx", sheets))
    assert sorted(map(tuple, out[["unit_name", "sex"]].astype(object).values.tolist())) == [
        ("Huyện Hoằng Hóa", "F"),
        ("Huyện Hoằng Hóa", "M"),
        ("Huyện Quan Hóa", "M"),
    ]


# --------------------------------------------------------------------------------------------
# Collection: a report whose file name names another unit than its figures


def test_a_collected_report_copied_from_another_unit_is_refused(tmp_path: Path) -> None:
    units = gs.load_units()
    folder = tmp_path / "in"
    folder.mkdir()
    book(folder / "nga_son.xlsx", {"Sheet1": district("HUYỆN ỦY NGA SƠN", (37, 6), (13, 2))})
    # Hoằng Hóa's report on Nga Sơn's file: once used as Nga Sơn's (the later file), and
    # Hoằng Hóa shown as missing
    book(folder / "hoang_hoa.xlsx", {"Sheet1": district("HUYỆN ỦY NGA SƠN", (45, 9), (15, 3))})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = gs.collect(
            folder,
            units=units,
            term="2020-2025",
            received={"nga_son.xlsx": "2020-11-01", "hoang_hoa.xlsx": "2020-11-02"},
        )
    status = c.status.set_index("unit_name")
    assert status.at["Huyện Hoằng Hóa", "status"] == "problems"
    assert status.at["Huyện Hoằng Hóa", "file"] == "hoang_hoa.xlsx"
    assert "TH-H12 Huyện Nga Sơn" in status.at["Huyện Hoằng Hóa", "problems"]
    assert status.at["Huyện Nga Sơn", "status"] == "received"
    assert status.at["Huyện Nga Sơn", "file"] == "nga_son.xlsx"
    mine = c.counts[c.counts["unit_id"].isin(["TH-H09", "TH-H12"])]
    assert sorted(zip(mine["unit_id"], mine["total"], mine["female"], strict=True)) == [
        ("TH-H12", 13, 2),
        ("TH-H12", 37, 6),
    ]


# --------------------------------------------------------------------------------------------
# The helpers


def test_same_unit_and_tab_unit() -> None:
    assert same_unit("hoằng hoá", "Huyện Hoằng Hóa")
    assert same_unit("X. Nga An", "Xã Nga An")
    assert same_unit("Thanh pho Thanh Hoa", "Thành phố Thanh Hóa")
    assert not same_unit("Thị xã Bỉm Sơn", "Thị trấn Bỉm Sơn")  # two kinds: two units
    assert not same_unit("Hà Trung", "Hạ Trung")
    assert not same_unit("Hoằng Hóa", "Huyện Nga Sơn")
    assert [tab_unit(t, None) for t in ("Sheet1", "Tổng hợp", "NK 2015-2020", "BTV")] == [None] * 4
