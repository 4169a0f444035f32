"""Red team, personnel lists: files shaped as offices send them, read through the public API.

Each test builds its own workbook with its own numbers worked out by hand, reads it with
``gs.read_roster`` (then ``gs.count`` / ``gs.check`` where it matters) and checks either the exact
people read or the located problem.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from workbooks import one_sheet as book

import gender_stats as gs
from gender_stats.errors import DataError

NGA_SON: dict[str, Any] = {"unit": "Huyện Nga Sơn", "level": "district"}


def save_values(path: Path, values: dict[str, Any]) -> Path:
    """Give formula cells of the first sheet a saved value, as Excel does when it saves."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in values.items():
        kind = ' t="str"' if isinstance(value, str) else ""
        xml = re.sub(
            rf'<c r="{ref}"([^>]*)>\s*<f>([^<]*)</f>\s*<v\s*/>',
            rf'<c r="{ref}"\g<1>{kind}><f>\g<2></f><v>{value}</v>',
            xml,
        )
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def quiet(path: Path, **kwargs: Any) -> pd.DataFrame:
    """Read a roster, failing on any warning but the inferred-level one."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", category=gs.io.InferredLevelWarning)
        return gs.read_roster(path, **kwargs)


def people(out: pd.DataFrame) -> list[tuple[str, str, str, int]]:
    """Return ``(body, name, sex, birth year)`` per row."""
    return [
        (str(b), str(n), str(s), int(y))
        for b, n, s, y in zip(
            out["body"], out["full_name"], out["sex"], out["birth_year"], strict=True
        )
    ]


def balanced(out: pd.DataFrame) -> None:
    """Every row of the sheet is in the reading log: read = used + reported + structural."""
    log = out.attrs["reading"]
    assert log.rows_read == log.rows_used + log.rows_reported + log.rows_structural


YEAR_HEADER = [["STT", "Họ và tên", "Năm sinh", None, "Chức vụ"], [None, None, "Nam", "Nữ", None]]


# --- the term in the title: a congress number is not a term ---------------------------------


def test_congress_khoa_in_the_title_is_not_a_national_assembly_term(tmp_path: Path) -> None:
    """``KHÓA XV`` of a district party congress is not the National Assembly's 2021-2026."""
    rows = [
        ["BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN NGA SƠN KHÓA XV"],
        [],
        *YEAR_HEADER,
        [1, "Mai Văn Tùng", 1970, None, "Bí thư"],
        [2, "Lê Thị Hằng", None, 1978, "Ủy viên"],
    ]
    path = book(tmp_path / "khoa.xlsx", rows, merges=["C3:D3"])
    with pytest.raises(DataError, match="khóa XV") as info:
        quiet(path, **NGA_SON)
    (problem,) = info.value.problems  # no stray birth-year problem against a stand-in term
    assert problem.column is None and "congress" in problem.expected
    out = quiet(path, term="2020-2025", **NGA_SON)
    assert out["term"].unique().tolist() == ["2020-2025"]
    assert people(out) == [
        ("party_committee", "Mai Văn Tùng", "M", 1970),
        ("party_committee", "Lê Thị Hằng", "F", 1978),
    ]


@pytest.mark.parametrize(
    "title",
    [
        ["ĐẢNG BỘ HUYỆN NGA SƠN KHÓA XV", "DANH SÁCH BAN CHẤP HÀNH NHIỆM KỲ 2020 - 2025"],
        ["DANH SÁCH BCH ĐẢNG BỘ HUYỆN NGA SƠN KHÓA XXIV, NHIỆM KỲ 2020-2025", ""],
        ["ĐẠI HỘI ĐẢNG BỘ HUYỆN NGA SƠN LẦN THỨ XXIV", "Ban chấp hành nhiệm kỳ 2020–2025"],
    ],
)
def test_term_after_nhiem_ky_wins_over_the_congress_number(
    tmp_path: Path, title: list[str]
) -> None:
    rows = [
        [title[0]],
        [title[1]],
        *YEAR_HEADER,
        [1, "Mai Văn Tùng", 1970, None, "Bí thư"],
        [2, "Lê Thị Hằng", None, 1978, "Ủy viên"],
        [3, "Trịnh Văn Lâm", 1965, None, "Ủy viên"],
    ]
    out = quiet(book(tmp_path / "t.xlsx", rows, merges=["C3:D3"]), **NGA_SON)
    assert out["term"].unique().tolist() == ["2020-2025"]
    assert out["body"].unique().tolist() == ["party_committee"]  # BCH in the title
    assert out["sex"].tolist() == ["M", "F", "M"]


def test_tidy_roster_title_khoa_is_not_a_term(tmp_path: Path) -> None:
    rows = [
        ["DANH SÁCH BAN CHẤP HÀNH ĐẢNG BỘ XÃ NGA AN KHÓA XV"],
        ["Họ và tên", "Giới tính", "Năm sinh", "Cơ quan"],
        ["Mai Văn Tùng", "Nam", 1970, "BCH"],
        ["Lê Thị Hằng", "Nữ", 1978, "BCH"],
    ]
    path = book(tmp_path / "tidy.xlsx", rows)
    with pytest.raises(DataError, match="khóa XV") as info:
        quiet(path, unit="Xã Nga An")
    assert len(info.value.problems) == 1
    out = quiet(path, unit="Xã Nga An", term="2020-2025")
    assert out[["term", "sex"]].to_dict("records") == [
        {"term": "2020-2025", "sex": "M"},
        {"term": "2020-2025", "sex": "F"},
    ]


def test_national_assembly_khoa_is_its_term(tmp_path: Path) -> None:
    rows = [
        ["DANH SÁCH ĐẠI BIỂU QUỐC HỘI KHÓA XV ĐƠN VỊ TỈNH THANH HÓA"],
        ["Họ và tên", "Giới tính", "Năm sinh", "Cơ quan"],
        ["Mai Văn Tùng", "Nam", 1970, "Đại biểu Quốc hội"],
        ["Lê Thị Hằng", "Nữ", 1978, "Đại biểu Quốc hội"],
    ]
    out = quiet(book(tmp_path / "na.xlsx", rows), unit="Tỉnh Thanh Hóa", level="province")
    assert out["term"].unique().tolist() == ["2021-2026"]


# --- section rows: unnumbered, lettered, with counts; never the end of the list ---------------

LIST_TITLE = "DANH SÁCH TRÍCH NGANG CẤP ỦY HUYỆN NGA SƠN, NHIỆM KỲ 2020 - 2025"
TUNG = [1, "Mai Văn Tùng", 1970, None, "Bí thư"]
HANG = [2, "Lê Thị Hằng", None, 1978, "Phó Bí thư"]
LAM = [3, "Trịnh Văn Lâm", 1965, None, "Ủy viên"]


def _list(tmp_path: Path, body_rows: list[list[Any]], **kwargs: Any) -> pd.DataFrame:
    rows = [[LIST_TITLE], [], *YEAR_HEADER, *body_rows]
    return quiet(book(tmp_path / "ds.xlsx", rows, merges=["C3:D3"]), **NGA_SON, **kwargs)


@pytest.mark.parametrize(
    ("btv", "bch"),
    [
        ([None, "Ban Thường vụ"], [None, "Ban chấp hành"]),  # unnumbered
        (["A.", "BAN THƯỜNG VỤ"], ["B.", "BAN CHẤP HÀNH"]),  # lettered, in the STT column
        (["1.", "Ban thường vụ"], ["2.", "Ban chấp hành"]),  # arabic
        ([None, "1. Ban Thường vụ"], [None, "2) Ban Chấp hành"]),  # number inside the label
        (["I. BAN THƯỜNG VỤ HUYỆN ỦY"], ["II. CÁC ĐỒNG CHÍ ỦY VIÊN BCH"]),  # merged from A
        ([None, "Ban Thuong vu (02 dong chi)"], [None, "BAN CHẤP HÀNH: 03 đồng chí, nữ 01"]),
    ],
)
def test_section_rows_split_bodies(tmp_path: Path, btv: list[Any], bch: list[Any]) -> None:
    """Issue of the red team: an unnumbered "Ban Thường vụ" row used to end the list."""
    out = _list(tmp_path, [btv, TUNG, HANG, bch, TUNG, HANG, LAM])
    assert people(out) == [
        ("standing_committee", "Mai Văn Tùng", "M", 1970),
        ("standing_committee", "Lê Thị Hằng", "F", 1978),
        ("party_committee", "Mai Văn Tùng", "M", 1970),
        ("party_committee", "Lê Thị Hằng", "F", 1978),
        ("party_committee", "Trịnh Văn Lâm", "M", 1965),
    ]
    balanced(out)
    kinds = [str(e.kind) for e in out.attrs["reading"].entries]
    assert kinds.count("section") == 2 and kinds.count("data") == 5
    counted = gs.count(out)
    assert counted[["body", "total", "female"]].to_dict("records") == [
        {"body": "party_committee", "total": 3, "female": 1},
        {"body": "standing_committee", "total": 2, "female": 1},
    ]


def test_a_section_stating_more_people_than_listed_is_a_problem(tmp_path: Path) -> None:
    """The label says 3 people and 2 women; the list has 2 and 1: both are located."""
    rows = [["I", "BAN THƯỜNG VỤ (03 đồng chí, trong đó nữ 02)"], TUNG, HANG]
    with pytest.raises(DataError, match="found 2") as info:
        _list(tmp_path, rows)
    got = [(p.row, p.column, p.value) for p in info.value.problems]
    label = "BAN THƯỜNG VỤ (03 đồng chí, trong đó nữ 02)"
    assert got == [(5, "B", label), (5, "B", label)]
    assert "as many women" in info.value.problems[1].expected


def test_a_section_naming_two_bodies_is_a_problem(tmp_path: Path) -> None:
    rows = [["II.", "Ủy viên Ban Chấp hành không tham gia Ban Thường vụ"], LAM]
    with pytest.raises(DataError, match="a body or a level") as info:
        _list(tmp_path, rows)
    assert [(p.row, p.column) for p in info.value.problems] == [(5, "B")]


def test_signature_on_the_left_still_ends_the_list(tmp_path: Path) -> None:
    """``T/M BAN THƯỜNG VỤ`` at column A is a signature, not a section."""
    rows = [TUNG, HANG, ["T/M BAN THƯỜNG VỤ"], ["BÍ THƯ"], [], ["Mai Văn Tùng"]]
    out = _list(tmp_path, rows, body="BCH")
    assert out["full_name"].tolist() == ["Mai Văn Tùng", "Lê Thị Hằng"]
    assert out["body"].unique().tolist() == ["party_committee"]
    balanced(out)
    assert [str(e.kind) for e in out.attrs["reading"].entries][-3:] == ["signature"] * 3


# --- a Giới tính column besides the Nam | Nữ pair --------------------------------------------


def test_a_gioi_tinh_column_is_checked_against_the_year_columns(tmp_path: Path) -> None:
    header = [
        ["STT", "Họ và tên", "Năm sinh", None, "Giới tính", "Dân tộc"],
        [None, None, "Nam", "Nữ", None, None],
    ]
    agree = [
        [1, "Mai Văn Tùng", 1970, None, "Nam", "Kinh"],
        [2, "Lê Thị Hằng", None, 1978, "nữ", "Mường"],
        [3, "Hà Thị Lan", None, 1981, "NU", "Thái"],
        [4, "Trịnh Văn Lâm", 1965, None, None, "Kinh"],  # blank: the pair says it
    ]
    rows = [[LIST_TITLE], *header, *agree]
    out = quiet(book(tmp_path / "ok.xlsx", rows, merges=["C2:D2"]), body="BCH", **NGA_SON)
    assert out["sex"].tolist() == ["M", "F", "F", "M"]
    wrong = [
        [1, "Mai Văn Tùng", 1970, None, "Nam", "Kinh"],
        [2, "Lê Thị Hằng", None, 1978, "Nam", "Mường"],  # the pair says F
        [3, "Hà Thị Lan", None, 1981, 1, "Thái"],  # 1: which sex? not for the reader to guess
    ]
    rows = [[LIST_TITLE], *header, *wrong]
    with pytest.raises(DataError) as info:
        quiet(book(tmp_path / "bad.xlsx", rows, merges=["C2:D2"]), body="BCH", **NGA_SON)
    got = [(p.row, p.column, p.value) for p in info.value.problems]
    assert got == [(5, "E", "Nam"), (6, "E", 1)]
    assert "F" in info.value.problems[0].expected
    assert info.value.rows_used == 1


# --- a standing committee listed apart from the committee ------------------------------------


def test_standing_members_missing_from_the_committee_are_a_problem(tmp_path: Path) -> None:
    """``I. Ban Thường vụ`` then ``II. Ủy viên BCH`` listing only the others: BCH would be short.

    Read as written the committee would count 1 (Lâm) instead of 3; the reader cannot tell
    whether the committee section leaves the standing members out on purpose.
    """
    rows = [["I.", "Ban Thường vụ"], TUNG, HANG, ["II.", "Ủy viên Ban Chấp hành"], LAM]
    with pytest.raises(DataError, match="standing-committee member") as info:
        _list(tmp_path, rows)
    got = [(p.row, p.column, p.value) for p in info.value.problems]
    assert got == [(6, "B", "Mai Văn Tùng"), (7, "B", "Lê Thị Hằng")]


def test_standing_committee_alone_or_repeated_is_fine(tmp_path: Path) -> None:
    only = _list(tmp_path, [["I.", "Ban Thường vụ"], TUNG, HANG])
    assert only["body"].unique().tolist() == ["standing_committee"]
    rows = [["I.", "Ban Thường vụ"], TUNG, ["II.", "Ban Chấp hành"], HANG, TUNG, LAM]
    both = _list(tmp_path, rows)
    assert gs.count(both)[["body", "total", "female"]].to_dict("records") == [
        {"body": "party_committee", "total": 3, "female": 1},
        {"body": "standing_committee", "total": 1, "female": 0},
    ]


def test_tidy_roster_standing_member_missing_from_the_committee(tmp_path: Path) -> None:
    """A tidy roster is checked like every roster (validate_roster, and so its fast path too).

    Hằng sits on Nga An's standing committee but not on its committee, which the list gives:
    read as written the committee would be counted short.  Reported, never guessed.
    """
    rows = [
        ["Họ và tên", "Giới tính", "Năm sinh", "Cơ quan", "Đơn vị"],
        ["Mai Văn Tùng", "Nam", 1970, "BTV", "Xã Nga An"],
        ["Mai Văn Tùng", "Nam", 1970, "BCH", "Xã Nga An"],
        ["Lê Thị Hằng", "Nữ", 1978, "BTV", "Xã Nga An"],
        ["Trịnh Văn Lâm", "Nam", 1965, "BCH", "Xã Nga An"],
    ]
    with pytest.raises(DataError, match="standing-committee member") as info:
        quiet(book(tmp_path / "tidy.xlsx", rows), term="2020-2025")
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(4, "A", "Lê Thị Hằng")]


# --- the unit named only in the title ---------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        (["DANH SÁCH TRÍCH NGANG BAN THƯỜNG VỤ ĐẢNG BỘ HUYỆN NGA SƠN, NHIỆM KỲ 2020 - 2025"], "Huyện Nga Sơn"),
        (["ĐẢNG BỘ TỈNH THANH HÓA", "DANH SACH BTV DANG BO XA NGA AN KHOA XXIV NHIEM KY 2020-2025"], "Xã Nga An"),
        (["HUYỆN ỦY NGA SƠN", "DANH SÁCH BAN THƯỜNG VỤ NHIỆM KỲ 2020-2025"], "Huyện Nga Sơn"),
        (["ĐẢNG ỦY XÃ NGA AN", "Danh sách Ban Thường vụ (nhiệm kỳ 2020-2025)"], "Xã Nga An"),
    ],
)  # fmt: skip
def test_unit_from_the_title(tmp_path: Path, title: list[str], unit: str) -> None:
    rows = [*([t] for t in title), *YEAR_HEADER, TUNG, HANG]
    h = len(title) + 1
    out = quiet(book(tmp_path / "u.xlsx", rows, merges=[f"C{h}:D{h}"]))
    assert out["unit_name"].unique().tolist() == [unit]
    assert out["body"].unique().tolist() == ["standing_committee"]
    assert out["term"].unique().tolist() == ["2020-2025"]
    assert out["level"].unique().tolist() == ["district" if "Huyện" in unit else "commune"]


def test_two_units_in_the_title_are_a_problem(tmp_path: Path) -> None:
    rows = [["ĐẢNG BỘ TỈNH THANH HÓA"], ["HUYỆN ỦY NGA SƠN"], ["DANH SÁCH BAN THƯỜNG VỤ"]]
    rows += [["NHIỆM KỲ 2020-2025"], *YEAR_HEADER, TUNG]
    with pytest.raises(DataError, match="Tỉnh Thanh Hóa, Huyện Nga Sơn"):
        quiet(book(tmp_path / "u.xlsx", rows, merges=["C5:D5"]))


def test_cli_checks_a_list_whose_title_names_the_unit(tmp_path: Path, capsys) -> None:
    """The CLI has no ``--unit``: a one-committee list is read with the unit of its title."""
    from gender_stats.cli import main

    rows = [
        ["DANH SÁCH TRÍCH NGANG BAN THƯỜNG VỤ HUYỆN ỦY NGA SƠN"],
        ["ĐẢNG BỘ HUYỆN NGA SƠN, NHIỆM KỲ 2020 - 2025"],
        *YEAR_HEADER,
        TUNG,
        HANG,
        LAM,
    ]
    path = book(tmp_path / "btv.xlsx", rows, merges=["C3:D3"])
    code = main(["check", "--roster", "--lang", "en", str(path)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert code == 0, captured.err
    # BTV with one woman: 35-CT/TW-2019:b met; born 1970, 1978, 1965, nobody is under 40 in 2020:
    # 35-CT/TW-2019:c (under 40 ≥ 10 %) is below, one member short (the list gives the births)
    assert "Coverage: assessed 2 of 2 rows" in captured.out
    shortfall = next(x for x in captured.out.splitlines() if x.startswith("Huyện Nga Sơn"))
    assert "35-CT/TW-2019:c" in shortfall and shortfall.rstrip().endswith("1")
    assert "1 units below target; 1 checks." in captured.out
    out = quiet(path)
    counted = gs.count(out)
    assert counted[["unit_name", "body", "total", "female"]].to_dict("records") == [
        {"unit_name": "Huyện Nga Sơn", "body": "standing_committee", "total": 3, "female": 1}
    ]


# --- total rows of a list: structural, and checked -------------------------------------------


@pytest.mark.parametrize(
    "total",
    [
        [None, "Cộng", 2, 1],  # counts under Nam | Nữ
        [None, "Tổng số: 03 đồng chí, trong đó nữ: 01"],
        ["TỔNG CỘNG (03 đ/c)"],  # merged from column A
        [None, "tong cong", "2", "1"],  # numbers as text, no diacritics
    ],
)
def test_a_total_row_is_no_person_and_agrees(tmp_path: Path, total: list[Any]) -> None:
    out = _list(tmp_path, [TUNG, HANG, LAM, total], body="BCH")
    assert out["full_name"].tolist() == ["Mai Văn Tùng", "Lê Thị Hằng", "Trịnh Văn Lâm"]
    balanced(out)
    entries = out.attrs["reading"].entries
    assert [(e.row, str(e.kind)) for e in entries][-1] == (8, "total")


@pytest.mark.parametrize(
    ("total", "why"),
    [
        ([None, "Cộng", 3, 1], "as many people as the total row states: 4, found 3"),
        ([None, "Tổng số: 03 đồng chí, trong đó nữ: 02"], "as many women as the total row"),
        ([None, "Cộng", "hai", 1], "a number of people"),
    ],
)
def test_a_total_row_that_disagrees_is_a_problem(
    tmp_path: Path, total: list[Any], why: str
) -> None:
    """A row lost above the total (here: the list has 3 people, 1 woman) is found."""
    with pytest.raises(DataError, match=why) as info:
        _list(tmp_path, [TUNG, HANG, LAM, total], body="BCH")
    assert [p.row for p in info.value.problems] == [8]


def test_totals_per_section_and_grand_total(tmp_path: Path) -> None:
    rows = [
        ["I", "Ban Thường vụ"],
        TUNG,
        HANG,
        [None, "Cộng", 1, 1],
        ["II", "Ban chấp hành"],
        TUNG,
        HANG,
        LAM,
        [None, "Cộng", 2, 1],
        [None, "Tổng cộng (I + II)", 3, 2],
    ]
    out = _list(tmp_path, rows)
    assert gs.count(out)[["body", "total", "female"]].to_dict("records") == [
        {"body": "party_committee", "total": 3, "female": 1},
        {"body": "standing_committee", "total": 2, "female": 1},
    ]
    balanced(out)
    assert [str(e.kind) for e in out.attrs["reading"].entries].count("total") == 3


# --- dates of birth as typed ------------------------------------------------------------------


def test_dates_of_birth_as_typed(tmp_path: Path) -> None:
    """Real dates, text dates, years as text and as numbers read; the rest located, quoted."""
    import datetime as dt

    header = [
        ["TT", "Họ và tên", "Ngày, tháng,\nnăm sinh", None, "Quê quán"],
        [None, None, "Nam", "Nữ", None],
    ]
    fine = [
        [1, "Mai Văn Tùng", "12/5/1970", None, "Nga An"],
        [2, "Lê Thị Hằng", None, dt.datetime(1978, 3, 1), "Nga Bạch"],
        [3, "Trịnh Văn Lâm", " 1965 ", None, "Nga Điền"],
        [4, "Hà Thị Lan", None, 1981.0, "Nga Thủy"],
        [5, "Đỗ Văn Bình", "03-04-1972", None, "Nga Yên"],
    ]
    rows = [[LIST_TITLE], *header, *fine]
    out = quiet(book(tmp_path / "ok.xlsx", rows, merges=["C2:D2"]), body="BCH", **NGA_SON)
    assert out["birth_year"].tolist() == [1970, 1978, 1965, 1981, 1972]
    assert out["sex"].tolist() == ["M", "F", "M", "F", "M"]
    dates = [None if pd.isna(d) else d.date() for d in out["birth_date"]]
    assert dates == [dt.date(1970, 5, 12), dt.date(1978, 3, 1), None, None, dt.date(1972, 4, 3)]
    wrong = [
        [1, "Mai Văn Tùng", "12/5/70", None, "Nga An"],  # two-digit year: which century?
        [2, "Lê Thị Hằng", None, 28550, "Nga Bạch"],  # 1/3/1978 typed as a plain number
        [3, "Trịnh Văn Lâm", "31/11/1965", None, "Nga Điền"],  # no 31 November
    ]
    rows = [[LIST_TITLE], *header, *wrong]
    with pytest.raises(DataError) as info:
        quiet(book(tmp_path / "bad.xlsx", rows, merges=["C2:D2"]), body="BCH", **NGA_SON)
    got = [(p.row, p.column, p.value) for p in info.value.problems]
    assert got == [(4, "C", "12/5/70"), (5, "D", 28550), (6, "C", "31/11/1965")]
    assert "Excel date serial" in info.value.problems[1].expected
    assert "01/03/1978" in info.value.problems[1].expected


# --- formulas with and without their saved value ----------------------------------------------


def test_sex_and_year_formulas_with_saved_values_are_read(tmp_path: Path) -> None:
    rows = [
        [LIST_TITLE],
        ["STT", "Họ và tên", "Giới tính", None, "Năm sinh"],
        [None, None, "Nam", "Nữ", None],
        [1, "Mai Văn Tùng", "x", None, 1970],
        ["=A4+1", "Lê Thị Hằng", None, '=IF(TRUE,"x","")', "=1900+78"],
        ["=A5+1", "Trịnh Văn Lâm", '=IF(TRUE,"x","")', None, 1965],
    ]
    path = book(tmp_path / "f.xlsx", rows, merges=["C2:D2"])
    save_values(path, {"A5": 2, "D5": "x", "E5": 1978, "A6": 3, "C6": "x"})
    out = quiet(path, body="BCH", **NGA_SON)
    assert people(out) == [
        ("party_committee", "Mai Văn Tùng", "M", 1970),
        ("party_committee", "Lê Thị Hằng", "F", 1978),
        ("party_committee", "Trịnh Văn Lâm", "M", 1965),
    ]


def test_formulas_saved_without_values_are_problems_not_men(tmp_path: Path) -> None:
    """A blank-looking ``Nữ`` formula would have read as a man; a blank year as no year."""
    rows = [
        [LIST_TITLE],
        ["STT", "Họ và tên", "Giới tính", None, "Năm sinh"],
        [None, None, "Nam", "Nữ", None],
        [1, "Mai Văn Tùng", "x", None, 1970],
        [2, "Lê Thị Hằng", None, '=IF(TRUE,"x","")', 1978],
        [3, "Trịnh Văn Lâm", "x", None, "=1900+65"],
    ]
    with pytest.raises(DataError, match="saved without its result") as info:
        quiet(book(tmp_path / "f.xlsx", rows, merges=["C2:D2"]), body="BCH", **NGA_SON)
    assert [(p.row, p.column) for p in info.value.problems] == [(5, "D"), (6, "E")]
    tidy = [
        ["Họ và tên", "Nữ", "Năm sinh"],
        ["Mai Văn Tùng", None, 1970],
        ["Lê Thị Hằng", '=IF(TRUE,"x","")', 1978],
        ["Trịnh Văn Lâm", None, "=1900+65"],
    ]
    with pytest.raises(DataError, match="saved without its result") as info:
        quiet(book(tmp_path / "t.xlsx", tidy), term="2020-2025", body="BCH", **NGA_SON)
    assert [(p.row, p.column) for p in info.value.problems] == [(3, "B"), (4, "C")]


# --- a second table below the first -----------------------------------------------------------


def test_a_second_table_with_its_own_title_and_header(tmp_path: Path) -> None:
    """BCH, then "DANH SÁCH BAN THƯỜNG VỤ" with the header again: two bodies, no row lost."""
    rows = [
        ["DANH SÁCH BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN NGA SƠN, NHIỆM KỲ 2020 - 2025"],
        *YEAR_HEADER,
        TUNG,
        HANG,
        LAM,
        [],
        ["DANH SÁCH BAN THƯỜNG VỤ"],
        [*YEAR_HEADER[0][:2], "NĂM SINH", None, "Chức vụ"],
        YEAR_HEADER[1],
        TUNG,
        HANG,
    ]
    merges = ["C2:D2", "A2:A3", "B2:B3", "C9:D9", "A9:A10", "B9:B10"]
    out = quiet(book(tmp_path / "two.xlsx", rows, merges=merges), **NGA_SON)
    assert gs.count(out)[["body", "total", "female"]].to_dict("records") == [
        {"body": "party_committee", "total": 3, "female": 1},
        {"body": "standing_committee", "total": 2, "female": 1},
    ]
    balanced(out)
    kinds = [(e.row, str(e.kind)) for e in out.attrs["reading"].entries]
    assert kinds[6:] == [
        (8, "title"), (9, "header"), (10, "header"), (11, "data"), (12, "data"),
    ]  # fmt: skip


def test_a_second_table_of_another_term_or_other_columns_is_a_problem(tmp_path: Path) -> None:
    rows = [
        ["DANH SÁCH BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN NGA SƠN, NHIỆM KỲ 2020 - 2025"],
        *YEAR_HEADER,
        TUNG,
        ["BAN THƯỜNG VỤ NHIỆM KỲ 2015 - 2020"],
        *YEAR_HEADER,
        TUNG,
    ]
    with pytest.raises(DataError, match="term of the sheet's title") as info:
        quiet(book(tmp_path / "term.xlsx", rows), **NGA_SON)
    assert [p.row for p in info.value.problems] == [5]
    rows = [
        ["DANH SÁCH BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN NGA SƠN, NHIỆM KỲ 2020 - 2025"],
        *YEAR_HEADER,
        TUNG,
        [],
        ["STT", "Họ và tên", "Năm sinh", None, "Đơn vị"],  # another fifth column
        [None, None, "Nam", "Nữ", None],
        [1, "Lê Thị Hằng", None, 1978, "Xã Nga An"],
    ]
    with pytest.raises(DataError, match="other columns") as info:
        quiet(book(tmp_path / "cols.xlsx", rows), body="BCH", **NGA_SON)
    assert [p.row for p in info.value.problems] == [6]


# --- generated personnel lists: what is planted is what is read -------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_GIVEN = ["Văn", "Thị", "Đức", "Ngọc", "Minh"]
_FAMILY = ["Nguyễn", "Lê", "Trịnh", "Mai", "Hà", "Đỗ", "Lò"]
_LAST = ["An", "Bình", "Hằng", "Lâm", "Tùng", "Yến", "Hải", "Thủy"]


@st.composite
def personnel_lists(draw: Any) -> dict[str, Any]:
    n = draw(st.integers(1, 8))
    names = draw(
        st.lists(
            st.tuples(st.sampled_from(_FAMILY), st.sampled_from(_GIVEN), st.sampled_from(_LAST)),
            min_size=n,
            max_size=n,
            unique=True,
        )
    )
    people = [
        (" ".join(parts), draw(st.sampled_from("FM")), draw(st.integers(1955, 1990)))
        for parts in names
    ]
    return {
        "people": people,
        "marks": draw(st.booleans()),  # Giới tính over Nam | Nữ, else years under Nam | Nữ
        "female_first": draw(st.booleans()),
        "start": (draw(st.integers(1, 6)), draw(st.integers(1, 3))),
        "sections": draw(st.booleans()),  # I. Ban Thường vụ (the first two) / II. BCH (all)
        "blank_after": draw(st.sets(st.integers(0, n - 1), max_size=2)),
        "total_row": draw(st.booleans()),
        "mark": draw(st.sampled_from(["x", "X", "✓", 1, " x "])),
        "upper": draw(st.booleans()),
        "name_header": draw(
            st.sampled_from(["Họ và tên", "HỌ VÀ TÊN\n(Bí danh)", "Họ tên", "Ho va ten"])
        ),
        "year_header": draw(st.sampled_from(["Năm sinh", "Ngày, tháng, năm sinh", "NĂM\nSINH"])),
        # the unit: unit= given, named by the title, or by a heading row per commune
        "unit_from": draw(st.sampled_from(["argument", "title", "headings"])),
    }


def _planted_rows(spec: dict[str, Any]) -> tuple[list[list[Any]], list[str], list[tuple[Any, ...]]]:
    """Return the sheet's rows, its merges (relative to A1) and the people expected."""
    sexes = ["Nữ", "Nam"] if spec["female_first"] else ["Nam", "Nữ"]
    if spec["upper"]:
        sexes = [s.upper() for s in sexes]
    title = "DANH SÁCH TRÍCH NGANG CẤP ỦY ĐẢNG BỘ HUYỆN NGA SƠN, NHIỆM KỲ 2020 - 2025"
    if spec["unit_from"] == "headings":
        title = "DANH SÁCH TRÍCH NGANG CẤP ỦY CÁC XÃ, NHIỆM KỲ 2020 - 2025"
    name_h, year_h = spec["name_header"], spec["year_header"]
    if spec["marks"]:
        header = [["STT", name_h, "Giới tính", None, year_h], [None, None, *sexes, None]]
    else:
        header = [["STT", name_h, year_h, None, "Dân tộc"], [None, None, *sexes, None]]
    f_col = 2 if sexes[0].lower() == "nữ" else 3

    def person(i: int, name: str, sex: str, year: int) -> list[Any]:
        row: list[Any] = [i, name, None, None, None]
        c = f_col if sex == "F" else 5 - f_col
        if spec["marks"]:
            row[c], row[4] = spec["mark"], year
        else:
            row[c], row[4] = year, "Kinh"
        return row

    body_rows: list[list[Any]] = []
    expected: list[tuple[Any, ...]] = []
    groups = [("party_committee", spec["people"])]
    if spec["sections"]:
        groups = [("standing_committee", spec["people"][:2]), *groups]
    units = ["Xã Nga An", "Xã Nga Bạch"] if spec["unit_from"] == "headings" else ["Huyện Nga Sơn"]
    per_unit = [(unit, body, members) for unit in units for body, members in groups]
    for g, (unit, body, members) in enumerate(per_unit):
        if spec["unit_from"] == "headings" and (g == 0 or per_unit[g - 1][0] != unit):
            body_rows.append([None, unit.upper()])
        if spec["sections"]:
            btv = body == "standing_committee"
            body_rows.append(["I" if btv else "II", "Ban Thường vụ" if btv else "Ban Chấp hành"])
        for i, (name, sex, year) in enumerate(members):
            body_rows.append(person(i + 1, name, sex, year))
            expected.append((unit, body, name, sex, year))
            if i in spec["blank_after"]:
                body_rows.append([])
        if spec["total_row"]:
            women = sum(1 for _, s, _ in members if s == "F")
            counts = [women, len(members) - women] if f_col == 2 else [len(members) - women, women]
            body_rows.append([None, "Cộng", *counts])
    rows = [[title], [], *header, *body_rows, [], [None, None, None, "NGƯỜI LẬP BIỂU"]]
    return rows, ["C3:D3"], expected


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spec=personnel_lists())
def test_generated_personnel_lists_read_as_planted(tmp_path: Path, spec: dict[str, Any]) -> None:
    from openpyxl.utils import get_column_letter

    rows, merges, expected = _planted_rows(spec)
    r0, c0 = spec["start"]

    def shift(ref: str) -> str:
        a, b = ref.split(":")
        out = []
        for cell in (a, b):
            col = ord(cell[0]) - ord("A") + c0
            out.append(f"{get_column_letter(col)}{int(cell[1:]) + r0 - 1}")
        return ":".join(out)

    path = book(tmp_path / "g.xlsx", rows, merges=[shift(m) for m in merges], start=spec["start"])
    args = NGA_SON if spec["unit_from"] == "argument" else {}
    out = quiet(path, **args)
    read = [(str(u), *p) for u, p in zip(out["unit_name"], people(out), strict=True)]
    assert read == expected
    assert out["term"].unique().tolist() == ["2020-2025"]
    balanced(out)


# --- a tidy list with a Giới tính column and a Nữ column -------------------------------------


def test_tidy_gioi_tinh_and_nu_columns_must_agree(tmp_path: Path) -> None:
    rows = [
        ["Họ và tên", "Giới tính", "Nữ", "Năm sinh"],
        ["Mai Văn Tùng", "Nam", None, 1970],
        ["Lê Thị Hằng", "Nữ", "x", 1978],
        ["Hà Thị Lan", "nữ", "Nữ", 1981],
    ]
    out = quiet(book(tmp_path / "ok.xlsx", rows), term="2020-2025", body="BCH", **NGA_SON)
    assert out["sex"].tolist() == ["M", "F", "F"]
    rows[1] = ["Mai Văn Tùng", "Nam", "x", 1970]  # marked as a woman
    rows[2] = ["Lê Thị Hằng", "Nữ", None, 1978]  # not marked
    with pytest.raises(DataError, match="column gives") as info:
        quiet(book(tmp_path / "bad.xlsx", rows), term="2020-2025", body="BCH", **NGA_SON)
    assert [(p.row, p.column) for p in info.value.problems] == [(2, "C"), (3, "C")]


# --- other file kinds: .ods from LibreOffice, a CSV saved by a vi-VN Excel ----------------------


def test_an_ods_personnel_list_with_a_hidden_row(tmp_path: Path) -> None:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    rows: list[list[Any]] = [
        ["DANH SÁCH TRÍCH NGANG BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN NGA SƠN, NHIỆM KỲ 2020 - 2025"],
        [],
        ["STT", "Họ và tên", "Giới tính", None, "Ngày sinh"],
        [None, None, "Nam", "Nữ", None],
        ["I", "Ban Thường vụ"],
        [1, "Mai Văn Tùng", "x", None, "12/05/1970"],
        ["II", "Ban Chấp hành"],
        [1, "Mai Văn Tùng", "x", None, "12/05/1970"],
        [2, "Lê Thị Hằng", None, "x", "01/03/1978"],
        [3, "Hà Văn Ẩn", "x", None, "1960"],  # hidden: passed over with a warning
        [None, "Cộng", 2, 1],  # counts the hidden row
    ]
    doc = OpenDocumentSpreadsheet()
    table = Table(name="DS")
    for i, row in enumerate(rows):
        tr = TableRow(visibility="collapse") if i == 9 else TableRow()
        for j, v in enumerate(row):
            if i == 2 and j == 3:
                tr.addElement(CoveredTableCell())
                continue
            span = {"numbercolumnsspanned": 2} if (i, j) == (2, 2) else {}
            if v is None:
                cell = TableCell(**span)
            elif isinstance(v, int):
                cell = TableCell(valuetype="float", value=v, **span)
            else:
                cell = TableCell(valuetype="string", **span)
            if v is not None:
                cell.addElement(P(text=str(v)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(tmp_path / "ds.ods"))
    with pytest.warns(gs.io.HiddenDataWarning, match="10"):
        out = gs.read_roster(tmp_path / "ds.ods", level="district")
    assert people(out) == [
        ("standing_committee", "Mai Văn Tùng", "M", 1970),
        ("party_committee", "Mai Văn Tùng", "M", 1970),
        ("party_committee", "Lê Thị Hằng", "F", 1978),
    ]
    log = out.attrs["reading"]
    assert (log.rows_read, log.rows_used, log.rows_reported) == (10, 3, 1)
    balanced(out)


def test_a_semicolon_csv_personnel_list_with_a_bom(tmp_path: Path) -> None:
    text = (
        "\ufeffDANH SÁCH BAN THƯỜNG VỤ ĐẢNG BỘ XÃ NGA AN, NHIỆM KỲ 2020-2025;;;;\n"
        "STT;Họ và tên;Năm sinh;;Dân tộc\n;;Nam;Nữ;\n"
        "1;Mai Văn Tùng;1970;;Kinh\n2;Lê Thị Hằng;;1978;Kinh\n;Cộng;1;1;\n"
    )
    path = tmp_path / "ds.csv"
    path.write_text(text, encoding="utf-8")
    out = quiet(path)
    assert out[["unit_name", "level", "body", "sex"]].to_dict("records") == [
        {"unit_name": "Xã Nga An", "level": "commune", "body": "standing_committee", "sex": "M"},
        {"unit_name": "Xã Nga An", "level": "commune", "body": "standing_committee", "sex": "F"},
    ]


# --- the body in the sheet's name or the title ------------------------------------------------


def test_one_sheet_per_body_named_by_the_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    title = ["DANH SÁCH TRÍCH NGANG ĐẢNG BỘ HUYỆN NGA SƠN, NHIỆM KỲ 2020 - 2025"]
    for name, members in (("BCH", [TUNG, HANG, LAM]), ("DS BTV", [TUNG])):
        ws = wb.create_sheet(name)
        for row in (title, *YEAR_HEADER, *members):
            ws.append(row)
    wb.save(tmp_path / "ms.xlsx")
    out = quiet(tmp_path / "ms.xlsx", level="district")
    assert gs.count(out)[["unit_name", "body", "total", "female"]].to_dict("records") == [
        {"unit_name": "Huyện Nga Sơn", "body": "party_committee", "total": 3, "female": 1},
        {"unit_name": "Huyện Nga Sơn", "body": "standing_committee", "total": 1, "female": 0},
    ]


def test_tidy_roster_body_from_the_title_and_two_bodies_are_none(tmp_path: Path) -> None:
    rows = [
        ["DANH SÁCH BAN THƯỜNG VỤ ĐẢNG ỦY XÃ NGA AN, NHIỆM KỲ 2020 - 2025"],
        ["Họ và tên", "Giới tính", "Năm sinh"],
        ["Mai Văn Tùng", "Nam", 1970],
        ["Lê Thị Hằng", "Nữ", 1978],
    ]
    out = quiet(book(tmp_path / "t.xlsx", rows))
    assert out[["unit_name", "body", "sex"]].to_dict("records") == [
        {"unit_name": "Xã Nga An", "body": "standing_committee", "sex": "M"},
        {"unit_name": "Xã Nga An", "body": "standing_committee", "sex": "F"},
    ]
    rows[0] = ["DANH SÁCH BAN THƯỜNG VỤ VÀ BAN CHẤP HÀNH ĐẢNG ỦY XÃ NGA AN, NHIỆM KỲ 2020 - 2025"]
    with pytest.raises(DataError, match="body"):
        quiet(book(tmp_path / "two.xlsx", rows))
    tn = [[rows[0][0]], *YEAR_HEADER, TUNG]  # the personnel list too: no guess
    with pytest.raises(DataError, match="body"):
        quiet(book(tmp_path / "tn.xlsx", tn))
    managed = "DANH SÁCH CÁN BỘ DIỆN BAN THƯỜNG VỤ HUYỆN ỦY QUẢN LÝ, NHIỆM KỲ 2020 - 2025"
    with pytest.raises(DataError, match="body"):  # cadres the BTV manages are not its members
        quiet(book(tmp_path / "dien.xlsx", [[managed], *YEAR_HEADER, TUNG]), **NGA_SON)


# --- Nam | Nữ side by side in one header row --------------------------------------------------


def test_nam_nu_columns_in_one_header_row(tmp_path: Path) -> None:
    """Marks or birth years under Nam | Nữ; a row with both or neither is never a man."""
    marks = [
        ["STT", "Họ và tên", "Nam", "Nữ", "Năm sinh"],
        [1, "Mai Văn Tùng", "x", None, 1970],
        [2, "Lê Thị Hằng", None, "X", 1978],
        [3, "Trịnh Văn Lâm", "✓", None, 1965],
    ]
    out = quiet(book(tmp_path / "m.xlsx", marks), term="2020-2025", body="BCH", **NGA_SON)
    assert out["sex"].tolist() == ["M", "F", "M"]
    years = [
        ["TT", "Họ và tên", "NỮ", "NAM", "Chức vụ"],
        [1, "Mai Văn Tùng", None, 1970, "Bí thư"],
        [2, "Lê Thị Hằng", "01/03/1978", None, "Phó Bí thư"],
    ]
    out = quiet(book(tmp_path / "y.xlsx", years), term="2020-2025", body="BCH", **NGA_SON)
    assert people(out) == [
        ("party_committee", "Mai Văn Tùng", "M", 1970),
        ("party_committee", "Lê Thị Hằng", "F", 1978),
    ]
    wrong = [
        *marks[:2],
        [2, "Lê Thị Hằng", "x", "x", 1978],  # both
        [3, "Trịnh Văn Lâm", None, None, 1965],  # neither: it used to read as a man
        [4, "Hà Thị Lan", None, "có", 1981],
    ]
    with pytest.raises(DataError) as info:
        quiet(book(tmp_path / "w.xlsx", wrong), term="2020-2025", body="BCH", **NGA_SON)
    got = [(p.row, p.column, p.value) for p in info.value.problems]
    assert got == [(3, "D", "x"), (4, "C", None), (5, "D", "có")]
    assert info.value.rows_used == 1


def test_the_word_of_its_column_marks_it(tmp_path: Path) -> None:
    """``Nữ`` typed under Nữ (``Nam`` under Nam) marks the row; the other word contradicts it."""
    header = [["STT", "Họ và tên", "Giới tính", None, "Năm sinh"], [None, None, "Nam", "Nữ", None]]
    rows = [
        [LIST_TITLE],
        *header,
        [1, "Mai Văn Tùng", "Nam", None, 1970],
        [2, "Lê Thị Hằng", None, "nữ", 1978],
        [3, "Trịnh Văn Lâm", "x", None, 1965],
    ]
    out = quiet(book(tmp_path / "w.xlsx", rows, merges=["C2:D2"]), body="BCH", **NGA_SON)
    assert out["sex"].tolist() == ["M", "F", "M"]
    rows[4] = [2, "Lê Thị Hằng", None, "Nam", 1978]  # "Nam" under Nữ
    with pytest.raises(DataError, match="a mark") as info:
        quiet(book(tmp_path / "c.xlsx", rows, merges=["C2:D2"]), body="BCH", **NGA_SON)
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(5, "D", "Nam")]


# --- a list of several units, one heading row per unit ---------------------------------------


def test_unit_heading_rows_name_the_unit_below(tmp_path: Path) -> None:
    rows = [
        ["DANH SÁCH BAN THƯỜNG VỤ ĐẢNG ỦY CÁC XÃ, NHIỆM KỲ 2020 - 2025"],
        *YEAR_HEADER,
        ["I", "XÃ NGA AN"],
        TUNG,
        HANG,
        ["II.", "Đảng bộ xã Nga Bạch (02 đồng chí)"],
        [1, "Đỗ Văn Bình", 1972, None, "Bí thư"],
        [2, "Hà Thị Lan", None, 1981, "Phó Bí thư"],
        [None, "Thị trấn Nga Sơn"],
        [1, "Vũ Thị Yến", None, 1983, "Bí thư"],
    ]
    out = quiet(book(tmp_path / "xa.xlsx", rows, merges=["C2:D2"]))
    counted = gs.count(out)
    assert counted[["unit_name", "level", "body", "total", "female"]].to_dict("records") == [
        {"unit_name": "Thị trấn Nga Sơn", "level": "commune", "body": "standing_committee",
         "total": 1, "female": 1},
        {"unit_name": "Xã Nga An", "level": "commune", "body": "standing_committee",
         "total": 2, "female": 1},
        {"unit_name": "Xã Nga Bạch", "level": "commune", "body": "standing_committee",
         "total": 2, "female": 1},
    ]  # fmt: skip
    balanced(out)


def test_a_sentence_starting_with_a_unit_is_no_heading(tmp_path: Path) -> None:
    rows = [[None, "Xã Nga An đề nghị bổ sung 01 đồng chí"], TUNG]
    with pytest.raises(DataError) as info:
        _list(tmp_path, rows, body="BTV")
    assert info.value.problems[0].row == 5  # a row of its own, not a heading


def test_a_year_typed_in_a_date_cell_is_not_1905(tmp_path: Path) -> None:
    """1978 in a dd/mm/yyyy cell is what Excel shows as 31/05/1905: a problem, not a 1905 birth."""
    rows = [[LIST_TITLE], *YEAR_HEADER, TUNG, HANG]
    path = book(tmp_path / "d.xlsx", rows, formats={"D5": "dd/mm/yyyy"})
    with pytest.raises(DataError, match="31/05/1905") as info:
        quiet(path, body="BCH", **NGA_SON)
    assert [(p.row, p.column) for p in info.value.problems] == [(5, "D")]


@pytest.mark.parametrize("name", ["Họ và tên khai sinh", "HỌ VÀ TÊN ĐỒNG CHÍ", "Họ tên khai sinh"])
@pytest.mark.parametrize("sex", ["Nam/Nữ", "Nam, nữ", "Phái"])
def test_more_header_wordings(tmp_path: Path, name: str, sex: str) -> None:
    rows = [[name, sex, "Năm sinh"], ["Mai Văn Tùng", "Nam", 1970], ["Lê Thị Hằng", "Nữ", 1978]]
    out = quiet(book(tmp_path / "h.xlsx", rows), term="2020-2025", body="BCH", **NGA_SON)
    assert out[["full_name", "sex"]].to_dict("records") == [
        {"full_name": "Mai Văn Tùng", "sex": "M"},
        {"full_name": "Lê Thị Hằng", "sex": "F"},
    ]
