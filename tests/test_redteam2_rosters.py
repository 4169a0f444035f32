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


# --- key posts: the wordings lists use ----------------------------------------------------------


def held(posts: list[str], level: str | None = None) -> list[list[str]]:
    levels = None if level is None else pd.Series([level] * len(posts))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = gs.match_posts(pd.Series(posts), levels=levels)
    return [sorted(table.columns[row]) for row in table.to_numpy()]


@pytest.mark.parametrize(
    ("post", "codes"),
    [
        # "P." for Phó, with or without a space after the dot
        ("P.CT UBND huyện", ["committee_vice_chair"]),
        ("P. Chủ tịch HĐND huyện", ["council_vice_chair"]),
        ("P.BT Huyện ủy", ["party_deputy_secretary"]),
        ("P.Bí thư Thường trực Huyện ủy", ["party_deputy_secretary"]),
        # two posts joined by a dash
        ("UV BTV Huyện ủy - Phó Chủ tịch UBND huyện", ["committee_vice_chair"]),
        ("Phó Bí thư Huyện ủy – Chủ tịch UBND huyện", ["committee_chair", "party_deputy_secretary"]),
        # TT for Thường trực after the title
        ("Phó Chủ tịch TT UBND huyện", ["committee_vice_chair"]),
        ("PCT TT HĐND huyện", ["council_vice_chair"]),
        # UB for Ủy ban; BTC, BTG, BDV and "Ban TG/DV" for the party boards
        ("Chủ tịch UB MTTQ huyện", ["fatherland_front_chair"]),
        ("Chủ tịch UB nhân dân huyện", ["committee_chair"]),
        ("Trưởng BTC Huyện ủy", ["organisation_head"]),
        ("Trưởng Ban TG Huyện ủy", ["propaganda_head"]),
        ("Trưởng BDV Huyện ủy", ["mass_mobilisation_head"]),
        ("TRƯỞNG BAN DV HUYỆN ỦY", ["mass_mobilisation_head"]),
        # the secretary of another party organisation is not the unit's secretary
        ("Bí thư Đảng ủy Quân sự huyện", []),
        ("Bí thư Đảng ủy Công an huyện", []),
        ("Phó Bí thư Đảng ủy Khối cơ quan huyện", []),
        ("Bí thư Huyện ủy, Bí thư Đảng ủy Quân sự huyện", ["party_secretary"]),
    ],
)  # fmt: skip
def test_more_post_wordings(post: str, codes: list[str]) -> None:
    assert held([post], "district") == [codes]


@pytest.mark.parametrize(
    "post",
    [
        "Chủ tịch UBND TT Lam Sơn",  # thị trấn abbreviated: a commune-level post
        "Chủ tịch UBND TT. Lam Sơn",
        "Bí thư Đảng ủy X. Nga An",
        "CT UBND P. Đông Sơn",
        "Bí thư Đảng ủy TT Nga Sơn",
    ],
)
def test_abbreviated_lower_places_are_lower_posts(post: str) -> None:
    """In a district committee, the chair of a thị trấn is not a district key post."""
    assert held([post], "district") == [[]]
    assert held([post], "province") == [[]]
    assert held([post], "commune") != [[]]  # at the commune itself, it is one


@pytest.mark.parametrize(
    "post",
    ["Chủ tịch UBND TX Bỉm Sơn", "Chủ tịch UBND H. Nga Sơn", "Bí thư Thị ủy Bỉm Sơn",
     "Bí thư Quận ủy Ba Đình"],
)  # fmt: skip
def test_abbreviated_district_places_are_lower_posts_of_a_province(post: str) -> None:
    assert held([post], "province") == [[]]
    assert held([post], "district") != [[]]


@pytest.mark.parametrize(
    ("post", "codes"),
    [
        ("Bí thư Đảng ủy Khối các cơ quan tỉnh, Phó Chủ tịch UBND tỉnh", ["committee_vice_chair"]),
        ("Phó Chủ tịch UBND tỉnh phụ trách khối cơ quan", ["committee_vice_chair"]),
        ("Phó Chủ tịch UBND tỉnh, Chỉ huy trưởng Ban CHQS tỉnh", ["committee_vice_chair"]),
        ("Phó Chủ tịch UBND tỉnh phụ trách quân sự, quốc phòng", ["committee_vice_chair"]),
    ],
)  # fmt: skip
def test_co_quan_and_quan_su_are_no_urban_district(post: str, codes: list[str]) -> None:
    """Without marks, "cơ quan" and "quân sự" read "quan", as "quận" does: no lower place."""
    assert held([post], "province") == [codes]


@pytest.mark.parametrize(
    "post",
    ["Quyền Chủ tịch UBND huyện", "Q. Chủ tịch UBND huyện", "Phụ trách Chủ tịch UBND huyện",
     "Ủy viên BTV, Quyền Trưởng Ban Tổ chức Huyện ủy"],
)  # fmt: skip
def test_an_acting_holder_is_not_counted_and_is_reported(post: str) -> None:
    """An acting chair is not plainly the chair: not counted, and said so (it was silent)."""
    with pytest.warns(gs.keyposts.UnclearPostWarning, match="acting") as record:
        table = gs.match_posts(pd.Series([post, "Chủ tịch UBND huyện", post]))
    assert len(record) == 1 and post in str(record[0].message)
    assert table.sum(axis=1).tolist() == [0, 1, 0]


def test_a_former_holder_or_a_deputy_warns_nothing() -> None:
    assert held(["Nguyên Chủ tịch UBND huyện", "Phó Trưởng Ban Tổ chức Huyện ủy", "Quản lý"]) == [
        [],
        [],
        [],
    ]
