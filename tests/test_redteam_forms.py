"""Red team, forms: the official forms (BTCTW 9A/9B/9C, Mẫu 30/HĐBC) and Women's Union summaries.

Every file is built here as an office would send it, with its own numbers worked out by hand; the
public API reads it (``gs.read_counts``, ``gs.check``, the CLI) and the expected counts, problems or
warnings are written out.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

import gender_stats as gs
from gender_stats.errors import DataError

# --------------------------------------------------------------------------------------------
# Helpers


def build(
    path: Path,
    rows: list[list[Any]],
    *,
    merges: tuple[str, ...] | list[str] = (),
    hidden: tuple[int, ...] = (),
    start: tuple[int, int] = (1, 1),
    formats: dict[str, str] | None = None,
) -> Path:
    """Write ``rows`` into a one-sheet workbook, the first cell at ``start`` (row, column)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    r0, c0 = start
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if v is not None:
                ws.cell(r0 + i, c0 + j, v)
    for rng in merges:
        ws.merge_cells(rng)
    for r in hidden:
        ws.row_dimensions[r].hidden = True
    for cell, fmt in (formats or {}).items():
        ws[cell].number_format = fmt
    wb.save(path)
    return path


def read(path: Path, **kwargs: Any) -> Any:
    """Read with ``gs.read_counts``; level inferred from a name is expected and not checked here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gs.InferredLevelWarning)
        return gs.read_counts(path, **kwargs)


def rows_of(out: Any, *cols: str) -> list[list[Any]]:
    """Return the chosen columns of a counts frame as lists (``<NA>`` as ``None``)."""
    cols = cols or ("unit_name", "body", "total", "female")
    return [
        [None if v is pd.NA else v for v in r]
        for r in out[list(cols)].astype(object).values.tolist()
    ]


def accounted(log: Any) -> None:
    """Every row of the reading log is used, reported or structural."""
    assert log.rows_read == log.rows_used + log.rows_reported + log.rows_structural
    assert log.rows_read == len(log.entries)


# --------------------------------------------------------------------------------------------
# The unit named in the title block (an issuing body; the party format puts the superior first)

HEAD = ["Nội dung", "Ban\nchấp\nhành", "Ban\nthường vụ", "Lãnh đạo cấp ủy", None]
POSTS = [None, None, None, "Bí thư", "Phó bí thư"]
BODY_ROWS = [
    ["TỔNG SỐ", 37, 13, 1, 2],
    ["*Trong đó:- Nữ", 6, 2, 0, 1],
]


def _form(title: list[list[Any]]) -> tuple[list[list[Any]], list[str]]:
    n = len(title) + 1
    merges = [f"A{n}:A{n + 1}", f"B{n}:B{n + 1}", f"C{n}:C{n + 1}", f"D{n}:E{n}"]
    return [*title, HEAD, POSTS, *BODY_ROWS], merges


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        # party format: the superior above the issuer (the form is the issuer's)
        ([["ĐẢNG BỘ TỈNH THANH HÓA"], ["HUYỆN ỦY NGA SƠN"]], "Huyện Nga Sơn"),
        ([["ĐẢNG BỘ TỈNH THANH HÓA"], ["ĐẢNG ỦY XÃ NGA AN"]], "Xã Nga An"),
        ([["BAN TỔ CHỨC HUYỆN ỦY NGA SƠN"]], "Huyện Nga Sơn"),
        ([["HUYỆN ỦY NGA SƠN\nBAN TỔ CHỨC"]], "Huyện Nga Sơn"),  # one cell, two lines
        ([["BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN NGA SƠN KHÓA XXV"]], "Huyện Nga Sơn"),  # congress no.
        ([["Huyện uỷ Nga Sơn"], ["Ban Tổ chức"]], "Huyện Nga Sơn"),  # lower case, old tone mark
        ([["THỊ ỦY BỈM SƠN"]], "Thị xã Bỉm Sơn"),
        ([["THỐNG KÊ CÁN BỘ HUYỆN NGA SƠN NĂM 2021"]], "Huyện Nga Sơn"),
    ],
)
def test_the_issuing_unit_of_a_form(tmp_path: Path, title: list[list[Any]], unit: str) -> None:
    rows, merges = _form(title)
    out = read(build(tmp_path / "9b.xlsx", rows, merges=merges), term="2020-2025")
    assert set(out["unit_name"]) == {unit}
    assert rows_of(out, "body", "total", "female") == [
        ["party_committee", 37, 6],
        ["standing_committee", 13, 2],
        ["key_posts", 3, 1],
    ]


@pytest.mark.parametrize(
    ("title", "named"),
    [
        # an issuer whose unit the line does not say: the superior above is not it
        ([["ĐẢNG BỘ TỈNH THANH HÓA"], ["ĐẢNG ỦY KHỐI CƠ QUAN TỈNH"]], "ĐẢNG ỦY KHỐI CƠ QUAN TỈNH"),
        # two different units, neither above the other as superior
        ([["HUYỆN ỦY NGA SƠN"], ["THỐNG KÊ CÁN BỘ HUYỆN HÀ TRUNG"]], "Huyện Hà Trung"),
    ],
)
def test_a_title_naming_two_units_or_an_unnamed_issuer_is_a_problem(
    tmp_path: Path, title: list[list[Any]], named: str
) -> None:
    rows, merges = _form(title)
    path = build(tmp_path / "9b.xlsx", rows, merges=merges)
    with pytest.raises(DataError, match="một đơn vị: tiêu đề nêu") as info:
        read(path, term="2020-2025")
    assert named in str(info.value) and "unit_name=" in str(info.value)
    out = read(path, term="2020-2025", unit_name="Huyện Nga Sơn")
    assert set(out["unit_name"]) == {"Huyện Nga Sơn"}


def test_a_per_level_summary_takes_its_province_from_the_title(tmp_path: Path) -> None:
    # a Women's Union summary: one row per level, the province only in the title
    rows = [
        ["HỘI LIÊN HIỆP PHỤ NỮ TỈNH NGHỆ AN"],
        ["SỐ LIỆU NỮ ĐẠI BIỂU HĐND CÁC CẤP NHIỆM KỲ 2021-2026"],
        [],
        ["STT", "Cấp", "Tổng số đại biểu", "Nữ", "Tỷ lệ (%)"],
        [1, "Cấp tỉnh", 84, 24, "28,57"],  # 24/84 = 28.571 %
        [2, "Cấp huyện", 760, 230, "30.26"],  # 230/760 = 30.263 %
        [3, "Cấp xã", 12000, 3500, "29,16"],  # 3500/12000 = 29.1666 %, truncated
        ["Nguồn: Ủy ban bầu cử tỉnh"],
    ]
    for issuer in ("HỘI LIÊN HIỆP PHỤ NỮ TỈNH NGHỆ AN", "HỘI LHPN TỈNH NGHỆ AN"):
        rows[0] = [issuer]
        out = read(build(tmp_path / "w.xlsx", rows))
        assert rows_of(out, "unit_id", "level", "body", "term", "total", "female") == [
            ["tinh-nghe-an", "province", "peoples_council", "2021-2026", 84, 24],
            ["tinh-nghe-an/district", "district", "peoples_council", "2021-2026", 760, 230],
            ["tinh-nghe-an/commune", "commune", "peoples_council", "2021-2026", 12000, 3500],
        ]
        accounted(out.attrs["reading"])
    rows[0] = ["BÁO CÁO CỦA BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ"]
    rows[1] = ["SỐ LIỆU NỮ ĐẠI BIỂU HĐND CÁC CẤP TỈNH NGHỆ AN NHIỆM KỲ 2021-2026"]
    out = read(build(tmp_path / "w2.xlsx", rows))
    assert set(out["unit_name"]) == {
        "Tỉnh Nghệ An",
        "Tỉnh Nghệ An (cấp huyện)",
        "Tỉnh Nghệ An (cấp xã)",
    }
