"""Personnel lists (danh sách trích ngang): follow-ups of the red team's round-2 findings.

A birth given as month and year, bloc-of-work section rows (``Khối Đảng``), and a ``kiêm …`` post
continued alone on the next row.  Each test builds its own workbook; the expected people, years,
posts and located problems are worked out by hand in the comments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from test_redteam2_rosters import HANG, HEADER, NGA_SON, TITLE, balanced, read
from workbooks import one_sheet as book

import gender_stats as gs
from gender_stats.errors import DataError


def kinds(out: pd.DataFrame) -> list[tuple[int, str, str]]:
    return [(e.row, str(e.kind), e.outcome) for e in out.attrs["reading"].entries]


def _list(tmp_path: Path, rows: list[list[Any]], merges: tuple[str, ...] = ()) -> Path:
    return book(tmp_path / "ds.xlsx", [TITLE, *HEADER, *rows], merges=["C2:D2", *merges])


# --- 1. a birth given as month and year -----------------------------------------------------------


@pytest.mark.parametrize(
    "born",
    ["05/1970", "5/1970", "05.1970", "05-1970", "tháng 5/1970", "Tháng 05/1970", "THÁNG 5/1970",
     "thang 5/1970", "T5/1970", "t5/1970", "T.5/1970", "tháng 5 năm 1970", " 5 / 1970 "],
)  # fmt: skip
def test_a_birth_as_month_and_year_gives_the_year_alone(tmp_path: Path, born: str) -> None:
    """Mai Văn Tùng, born May 1970 (under Nam): birth year 1970, no date (no day is known).

    It used to be refused as "a birth year or a date of birth".  The day must not be made up (the
    1st of May): the list gives no birth_date, exactly as for a bare ``1970``.
    """
    rows = [HANG, [2, "Mai Văn Tùng", born, None, "Bí thư Huyện ủy"]]
    out = read(_list(tmp_path, rows), **NGA_SON)
    assert out["full_name"].tolist() == ["Lê Thị Hằng", "Mai Văn Tùng"]
    assert out["sex"].tolist() == ["F", "M"]
    assert out["birth_year"].tolist() == [1978, 1970]
    assert "birth_date" not in out.columns  # no full date anywhere on the list
    balanced(out)


def test_month_and_year_beside_a_full_date_gives_no_made_up_date(tmp_path: Path) -> None:
    """A full date on one row, a month and year on another: the second has no birth_date."""
    rows = [
        [1, "Lê Thị Hằng", None, "03/04/1978", "Ủy viên"],
        [2, "Mai Văn Tùng", "tháng 5/1970", None, "Bí thư Huyện ủy"],
    ]
    out = read(_list(tmp_path, rows), **NGA_SON)
    assert out["birth_year"].tolist() == [1978, 1970]
    dates = out["birth_date"].tolist()
    assert dates[0] == pd.Timestamp(1978, 4, 3) and pd.isna(dates[1])


def test_the_age_at_term_start_from_month_and_year_is_that_of_the_bare_year(tmp_path: Path) -> None:
    """Term 2020-2025: born 06/1980 -> 40, as a bare 1980 (the library's rule for a year alone);
    born 1/1981 -> 39, as 1981.  So under 40: only the second."""
    rows = [
        [1, "Lê Thị Hằng", None, "06/1980", "Ủy viên"],
        [2, "Mai Văn Tùng", "1/1981", None, "Ủy viên"],
    ]
    got = gs.counting.age_at_election(read(_list(tmp_path, rows), **NGA_SON))
    bare = [[1, "Lê Thị Hằng", None, 1980, "Ủy viên"], [2, "Mai Văn Tùng", 1981, None, "Ủy viên"]]
    (tmp_path / "bare").mkdir()
    want = gs.counting.age_at_election(read(_list(tmp_path / "bare", bare), **NGA_SON))
    assert got.tolist() == want.tolist() == [40, 39]


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        ("13/1970", "month from 1 to 12"),  # no month 13
        ("00/1970", "month from 1 to 12"),
        ("tháng 13/1970", "month from 1 to 12"),
        ("5/70", "a birth year or a date"),  # two-digit year: no rule defines it
        ("T5/70", "a birth year or a date"),
        ("05/1870", "a birth year or a date"),  # out of 1900..2100, as a bare 1870
    ],
)
def test_a_month_and_year_that_is_none_is_a_problem_at_its_cell(
    tmp_path: Path, born: str, expected: str
) -> None:
    rows = [HANG, [2, "Mai Văn Tùng", born, None, "Bí thư Huyện ủy"]]
    with pytest.raises(DataError, match=expected) as info:
        read(_list(tmp_path, rows), **NGA_SON)
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.value) == (5, "C", born)


def test_a_month_and_year_in_a_birth_column_of_a_long_roster(tmp_path: Path) -> None:
    """A one-row-per-person roster with a ``Năm sinh`` column reads the same way."""
    rows = [
        ["Đơn vị", "Nhiệm kỳ", "Cơ quan", "Họ và tên", "Giới tính", "Năm sinh"],
        ["Huyện Nga Sơn", "2020-2025", "BCH", "Mai Văn Tùng", "Nam", "05/1970"],
        ["Huyện Nga Sơn", "2020-2025", "BCH", "Lê Thị Hằng", "Nữ", "T12/1978"],
        ["Huyện Nga Sơn", "2020-2025", "BCH", "Trịnh Văn Lâm", "Nam", "tháng 13/1965"],
    ]
    with pytest.raises(DataError, match="month from 1 to 12") as info:
        read(book(tmp_path / "ds.xlsx", rows), level="district")
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.value) == (4, "F", "tháng 13/1965")
    out = read(book(tmp_path / "ds.xlsx", rows[:3]), level="district")
    assert out["birth_year"].tolist() == [1970, 1978]
    assert "birth_date" not in out.columns


# --- 2. bloc-of-work section rows -----------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    ["Khối Đảng", "KHỐI ĐẢNG", "Khoi Dang", "Khối chính quyền", "Khối Mặt trận, đoàn thể",
     "Khối MTTQ và các đoàn thể", "Khối lực lượng vũ trang", "Khối Đảng (2 đồng chí)",
     "Khối Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội", "Khối Đảng: 2 đồng chí, nữ 1"],
)  # fmt: skip
@pytest.mark.parametrize("where", ["stt", "name", "merged", "roman"])
def test_a_bloc_row_is_a_section_not_a_person(tmp_path: Path, label: str, where: str) -> None:
    """``Khối Đảng`` over the party's members: a section row (structural), the two people read.

    It used to be refused as a data row without a name or a birth year.  The body stays the
    title's (the Ban Chấp hành): a bloc groups the members by their work.
    """
    merges: tuple[str, ...] = ()
    if where == "stt":
        section: list[Any] = [label]
    elif where == "name":
        section = [None, label]
    elif where == "merged":  # merged across the row, A4:E4
        section, merges = [label], ("A4:E4",)
    else:
        section = ["I", label]
    rows = [section, HANG, [2, "Mai Văn Tùng", 1970, None, "Bí thư Huyện ủy"]]
    out = read(_list(tmp_path, rows, merges), **NGA_SON)
    assert out["full_name"].tolist() == ["Lê Thị Hằng", "Mai Văn Tùng"]
    assert out["body"].tolist() == ["party_committee", "party_committee"]
    assert kinds(out)[3:] == [
        (4, "section", "structural"),
        (5, "data", "used"),
        (6, "data", "used"),
    ]
    balanced(out)


def test_blocs_under_a_body_section_keep_its_body(tmp_path: Path) -> None:
    """``I. Ban Thường vụ`` then ``Khối Đảng`` / ``Khối chính quyền``: three in the standing
    committee; ``II. Ban Chấp hành`` then ``A. Khối Mặt trận, đoàn thể`` / ``B. Khối Đảng``: four
    in the committee.  The stated ``(1 đồng chí)`` and ``(3 đồng chí)`` agree with their rows."""
    tung = [2, "Mai Văn Tùng", 1970, None, "Bí thư Huyện ủy"]
    lam = [3, "Trịnh Văn Lâm", "06/1965", None, "Chủ tịch UBND huyện"]
    rows = [
        ["I.", "Ban Thường vụ"],
        ["Khối Đảng"],
        HANG,
        tung,
        [None, "Khối chính quyền (1 đồng chí)"],
        lam,
        ["II", "Ban Chấp hành"],
        ["A. Khối Mặt trận, đoàn thể"],
        [1, "Mai Thị Lan", None, 1975, "Chủ tịch Ủy ban MTTQ huyện"],
        ["B", "khối đảng (3 đồng chí)"],
        HANG,
        tung,
        lam,
    ]
    out = read(_list(tmp_path, rows), **NGA_SON)
    hang, tung_, lam_ = "Lê Thị Hằng", "Mai Văn Tùng", "Trịnh Văn Lâm"
    assert out["full_name"].tolist() == [hang, tung_, lam_, "Mai Thị Lan", hang, tung_, lam_]
    assert out["body"].tolist() == ["standing_committee"] * 3 + ["party_committee"] * 4
    assert out["birth_year"].tolist() == [1978, 1970, 1965, 1975, 1978, 1970, 1965]
    sections = [r for r, k, _ in kinds(out) if k == "section"]
    assert sections == [4, 5, 8, 10, 11, 13]
    balanced(out)


def test_a_bloc_stating_a_wrong_number_is_reported(tmp_path: Path) -> None:
    """``Khối Đảng (3 đồng chí)`` over two people: the section's count is checked, as any other."""
    rows = [["Khối Đảng (3 đồng chí)"], HANG, [2, "Mai Văn Tùng", 1970, None, "Bí thư"]]
    with pytest.raises(DataError, match="found 2") as info:
        read(_list(tmp_path, rows), **NGA_SON)
    (problem,) = info.value.problems
    assert problem.row == 4


def test_a_row_with_a_name_and_a_year_is_never_a_bloc(tmp_path: Path) -> None:
    """``Khối Đảng`` in the name column with a year under Nam is read as written: a person."""
    rows = [HANG, [2, "Khối Đảng", 1970, None, "Ủy viên"]]
    out = read(_list(tmp_path, rows), **NGA_SON)
    assert out["full_name"].tolist() == ["Lê Thị Hằng", "Khối Đảng"]
    assert out["birth_year"].tolist() == [1978, 1970]


def test_other_section_wordings_still_read(tmp_path: Path) -> None:
    """``I. Ban Thường vụ`` and ``A. Huyện ủy viên`` were sections already (kept so)."""
    rows = [
        ["I. Ban Thường vụ"],
        HANG,
        [None, "A. Huyện ủy viên"],
        [1, "Mai Văn Tùng", 1970, None, "Ủy viên"],
    ]
    out = read(_list(tmp_path, rows), **NGA_SON)
    assert out["body"].tolist() == ["standing_committee", "party_committee"]
    assert [r for r, k, _ in kinds(out) if k == "section"] == [4, 6]


# --- 3. a "kiêm ..." post continued alone on the next row -----------------------------------------


def read_joined(path: Path) -> tuple[pd.DataFrame, str]:
    with pytest.warns(gs.io.TableWarning, match="joined") as record:
        out = gs.read_roster(path, **NGA_SON)
    (warning,) = [w for w in record if issubclass(w.category, gs.io.TableWarning)]
    return out, str(warning.message)


@pytest.mark.parametrize(
    ("above", "below", "post"),
    [
        ("Phó Bí thư Huyện ủy,", "kiêm Chủ tịch HĐND huyện",
         "Phó Bí thư Huyện ủy, kiêm Chủ tịch HĐND huyện"),
        ("Phó Bí thư Huyện ủy", "KIÊM CHỦ TỊCH HĐND HUYỆN",
         "Phó Bí thư Huyện ủy KIÊM CHỦ TỊCH HĐND HUYỆN"),
        ("Phó Bí thư Huyện ủy", "  kiem Chu tich HDND huyen ",
         "Phó Bí thư Huyện ủy kiem Chu tich HDND huyen"),
    ],
)  # fmt: skip
def test_a_kiem_row_is_joined_to_the_post_above_and_said(
    tmp_path: Path, above: str, below: str, post: str
) -> None:
    """Mai Văn Tùng, ``Phó Bí thư Huyện ủy,`` then ``kiêm Chủ tịch HĐND huyện`` alone in E6.

    It used to be refused as a row without a name or year.  "kiêm" continues the row above: the
    post is joined (so the council chair is counted), a warning names E6 → E5, and the row is a
    structural note in the reading log.
    """
    rows = [
        HANG,
        [2, "Mai Văn Tùng", 1970, None, above],
        [None, None, None, None, below],
        [3, "Trịnh Văn Lâm", 1965, None, "Ủy viên"],
    ]
    out, message = read_joined(_list(tmp_path, rows))
    assert out["full_name"].tolist() == ["Lê Thị Hằng", "Mai Văn Tùng", "Trịnh Văn Lâm"]
    assert out["post"].tolist() == [HANG[4], post, "Ủy viên"]
    assert "E6 → E5" in message and "ds.xlsx" in message
    assert kinds(out)[3:] == [
        (4, "data", "used"),
        (5, "data", "used"),
        (6, "note", "structural"),
        (7, "data", "used"),
    ]
    assert message in out.attrs["reading"].notes
    balanced(out)
    held = gs.match_posts(out["post"], levels=out["level"])
    assert held["council_chair"].tolist() == [0, 1, 0]
    assert held["party_deputy_secretary"].tolist() == [0, 1, 0]


def test_two_kiem_rows_join_the_same_person(tmp_path: Path) -> None:
    rows = [
        [1, "Mai Văn Tùng", 1970, None, "Phó Bí thư Huyện ủy"],
        [None, None, None, None, "kiêm Chủ tịch HĐND huyện,"],
        [None, None, None, None, "kiêm Chủ tịch Ủy ban MTTQ huyện"],
    ]
    out, message = read_joined(_list(tmp_path, rows))
    assert out["post"].tolist() == [
        "Phó Bí thư Huyện ủy kiêm Chủ tịch HĐND huyện, kiêm Chủ tịch Ủy ban MTTQ huyện"
    ]
    assert "E5 → E4" in message and "E6 → E4" in message
    balanced(out)


@pytest.mark.parametrize(
    "rows",
    [
        # first row of the list: nobody above
        [[None, None, None, None, "kiêm Chủ tịch HĐND huyện"], HANG],
        # a blank row between: the person above is not right above
        [HANG, [], [None, None, None, None, "kiêm Chủ tịch HĐND huyện"]],
        # a section row above
        [HANG, ["Khối chính quyền"], [None, None, None, None, "kiêm Chủ tịch HĐND huyện"]],
        # the person above has no post to continue
        [[1, "Lê Thị Hằng", None, 1978, None], [None, None, None, None, "kiêm Chủ tịch HĐND huyện"]],
    ],
)  # fmt: skip
def test_a_kiem_row_with_no_person_right_above_is_a_problem(
    tmp_path: Path, rows: list[list[Any]]
) -> None:
    with pytest.raises(DataError, match="right above") as info:
        read(_list(tmp_path, rows), **NGA_SON)
    (problem,) = info.value.problems
    assert problem.column == "E" and problem.value == "kiêm Chủ tịch HĐND huyện"
    assert problem.row == 3 + next(i for i, r in enumerate(rows, 1) if "kiêm" in str(r))
