"""Personnel lists (danh sách trích ngang): follow-ups of the red team's round-2 findings.

A birth given as month and year, bloc-of-work section rows (``Khối Đảng``), and a ``kiêm …`` post
continued alone on the next row.  Each test builds its own workbook; the expected people, years,
posts and located problems are worked out by hand in the comments.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from workbooks import one_sheet as book

import gender_stats as gs
from gender_stats.errors import DataError

NGA_SON: dict[str, Any] = {"unit": "Huyện Nga Sơn", "level": "district"}
TITLE = ["DANH SÁCH TRÍCH NGANG BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN NGA SƠN, NHIỆM KỲ 2020 - 2025"]
HEADER = [["STT", "Họ và tên", "Năm sinh", None, "Chức vụ"], [None, None, "Nam", "Nữ", None]]
HANG = [1, "Lê Thị Hằng", None, 1978, "Ủy viên BTV, Trưởng Ban Dân vận Huyện ủy"]


def read(path: Path, **kwargs: Any) -> pd.DataFrame:
    """Read a roster, failing on any warning but the inferred-level one."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", category=gs.io.InferredLevelWarning)
        return gs.read_roster(path, **kwargs)


def balanced(out: pd.DataFrame) -> None:
    log = out.attrs["reading"]
    assert log.rows_read == log.rows_used + log.rows_reported + log.rows_structural


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
