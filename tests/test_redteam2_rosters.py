"""Red team, round 2: personnel lists as offices type them, and key posts as they word them.

Each test builds its own workbook (or post texts) with numbers worked out by hand in the comments,
reads it through the public API and checks the exact people read, the key posts found, or the
located problem.
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
TUNG = [2, "Mai Văn Tùng", 1970, None, "Phó Bí thư Huyện ủy,"]


def read(path: Path, **kwargs: Any) -> pd.DataFrame:
    """Read a roster, failing on any warning but the inferred-level one."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", category=gs.io.InferredLevelWarning)
        return gs.read_roster(path, **kwargs)


def balanced(out: pd.DataFrame) -> None:
    log = out.attrs["reading"]
    assert log.rows_read == log.rows_used + log.rows_reported + log.rows_structural


def _list(tmp_path: Path, rows: list[list[Any]]) -> Path:
    return book(tmp_path / "ds.xlsx", [TITLE, *HEADER, *rows], merges=["C2:D2"])


# --- the signature block spread over the columns of the list ----------------------------------


def test_a_signature_block_across_the_year_columns_is_no_person(tmp_path: Path) -> None:
    """``NGƯỜI LẬP BIỂU`` under Họ và tên and ``T/M BAN THƯỜNG VỤ`` under Nữ: a signature.

    It used to be read as two "persons below the signature block" (the name column and a sex
    column both filled), refusing a list shaped as offices sign it.
    """
    rows = [
        HANG,
        [2, "Mai Văn Tùng", 1970, None, "Bí thư Huyện ủy"],
        [],
        [None, None, None, "Nga Sơn, ngày 05 tháng 10 năm 2020"],
        [None, "NGƯỜI LẬP BIỂU", None, "T/M BAN THƯỜNG VỤ"],
        [None, "(Ký, ghi rõ họ tên)", None, "BÍ THƯ"],
        [],
        [None, "Nguyễn Văn Xuân", None, "Mai Văn Tùng"],
    ]
    out = read(_list(tmp_path, rows), **NGA_SON)
    assert out["full_name"].tolist() == ["Lê Thị Hằng", "Mai Văn Tùng"]
    assert out["sex"].tolist() == ["F", "M"]
    balanced(out)
    kinds = [str(e.kind) for e in out.attrs["reading"].entries]
    assert kinds.count("signature") == 4 and kinds.count("data") == 2


def test_a_person_below_the_signature_block_is_still_a_problem(tmp_path: Path) -> None:
    rows = [
        HANG,
        [None, None, None, "Nga Sơn, ngày 05 tháng 10 năm 2020"],
        [None, "NGƯỜI LẬP BIỂU", None, "T/M BAN THƯỜNG VỤ"],
        [2, "Mai Văn Tùng", 1970, None, "Bí thư Huyện ủy"],
    ]
    with pytest.raises(DataError, match="below the signature") as info:
        read(_list(tmp_path, rows), **NGA_SON)
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.value) == (7, "B", "Mai Văn Tùng")


# --- a post continued on the row below ----------------------------------------------------------


@pytest.mark.parametrize("last", [True, False])
def test_a_post_continued_on_the_next_row_is_a_problem_not_a_signature(
    tmp_path: Path, last: bool
) -> None:
    """``Phó Bí thư Huyện ủy,`` then ``Chủ tịch UBND huyện`` alone in the Chức vụ cell below.

    The second line starts like a signer's title, so it used to end the list as a signature
    block: as the last row, the chair's post was lost without a word (the key-post count then
    missed the district's chair); in the middle, the persons below were refused as "below the
    signature".  Which it is, is the office's to say: the row is reported at its cell.
    """
    rows = [HANG, TUNG, [None, None, None, None, "Chủ tịch UBND huyện"]]
    if not last:
        rows.append([3, "Trịnh Văn Lâm", 1965, None, "Ủy viên"])
    with pytest.raises(DataError, match="row above") as info:
        read(_list(tmp_path, rows), **NGA_SON)
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.value) == (6, "E", "Chủ tịch UBND huyện")


def test_a_signature_after_a_blank_row_or_a_tm_line_still_ends_the_list(tmp_path: Path) -> None:
    rows = [
        HANG,
        [2, "Mai Văn Tùng", 1970, None, "Bí thư Huyện ủy"],
        [None, None, None, None, "T/M BAN THƯỜNG VỤ"],
        [None, None, None, None, "BÍ THƯ"],
    ]
    out = read(_list(tmp_path, rows), **NGA_SON)
    assert out["full_name"].tolist() == ["Lê Thị Hằng", "Mai Văn Tùng"]
    rows = [HANG, [2, "Mai Văn Tùng", 1970, None, "Bí thư Huyện ủy"], [], [*[None] * 4, "BÍ THƯ"]]
    out = read(_list(tmp_path, rows), **NGA_SON)
    assert out["full_name"].tolist() == ["Lê Thị Hằng", "Mai Văn Tùng"]
    balanced(out)
