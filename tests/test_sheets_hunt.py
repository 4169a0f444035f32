"""Which sheets are left out: summaries only when they say so, hidden ODS sheets (hunt 4).

Two districts with committees of the same quota size (45 members, 7 women each) are two units,
not a unit and "the sum of the other sheet".  A sheet whose only evidence of being a summary is
that its figures equal the others' sum is reported, never dropped in silence.  A hidden sheet of an
``.ods`` is passed over with ``HiddenDataWarning`` as it is in ``.xlsx``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gender_stats import DataError, read_counts, read_roster
from gender_stats.io import HiddenDataWarning, InferredLevelWarning
from gender_stats.io._excel import load_grids

TITLE = ("SỐ LIỆU NỮ THAM GIA CẤP ỦY NHIỆM KỲ 2020-2025",)
HEADER = ("STT", "Đơn vị", "Tổng số", "Nữ")


def _counts(*units: tuple[str, int, int]) -> list[tuple[Any, ...]]:
    return [TITLE, (), HEADER, *((i, u, t, f) for i, (u, t, f) in enumerate(units, 1))]


def _ods(path: Path, sheets: dict[str, list[tuple[Any, ...]]], hidden: tuple[str, ...]) -> Path:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableProperties
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    styles = {}
    for name, display in (("taHidden", "false"), ("ta1", "true")):
        style = Style(name=name, family="table")
        style.addElement(TableProperties(display=display))
        doc.automaticstyles.addElement(style)
        styles[display] = style
    for name, rows in sheets.items():
        table = Table(name=name, stylename=styles["false" if name in hidden else "true"])
        for row in rows:
            tr = TableRow()
            for v in row:
                if v is None:
                    tr.addElement(TableCell())
                    continue
                number = isinstance(v, int)
                cell = (
                    TableCell(valuetype="float", value=v)
                    if number
                    else TableCell(valuetype="string")
                )
                cell.addElement(P(text=str(v)))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def _records(frame: Any) -> set[tuple[str, int, int]]:
    return {(r.unit_id, int(r.total), int(r.female)) for r in frame.itertuples()}


def test_two_units_with_equal_figures_are_both_kept(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        name="a.xlsx",
        sheets={
            "Nga Sơn": _counts(("Huyện Nga Sơn", 45, 7)),
            "Hậu Lộc": _counts(("Huyện Hậu Lộc", 45, 7)),
        },
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferredLevelWarning)
        out = read_counts(path, body="BCH")
    # by hand: 45 members, 7 women in each district; 90 and 14 in all
    assert _records(out) == {("huyen-nga-son", 45, 7), ("huyen-hau-loc", 45, 7)}
    assert (int(out["total"].sum()), int(out["female"].sum())) == (90, 14)


def test_figures_only_summary_is_reported_naming_the_sheet(xlsx: Callable[..., Path]) -> None:
    # "Đợt 1" repeats Nga Sơn with 90 / 14 = (45 + 45) / (7 + 7), the sum of the other sheet's
    # rows, without being named or titled as a summary and naming no unit of its own
    path = xlsx(
        name="b.xlsx",
        sheets={
            "Đợt 1": _counts(("Huyện Nga Sơn", 90, 14)),
            "Đợt 2": _counts(("Huyện Nga Sơn", 45, 7), ("Huyện Hậu Lộc", 45, 7)),
        },
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferredLevelWarning)
        with pytest.raises(DataError, match="không nói là tổng hợp") as info:
            read_counts(path, body="BCH")
    assert [p.sheet for p in info.value.problems] == ["Đợt 1"]


def test_named_summary_still_left_out(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        name="c.xlsx",
        sheets={
            "Nga Sơn": _counts(("Huyện Nga Sơn", 45, 7)),
            "Hậu Lộc": _counts(("Huyện Hậu Lộc", 40, 6)),
            "Tổng hợp": _counts(("Tỉnh Thanh Hóa", 85, 13)),
        },
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferredLevelWarning)
        out = read_counts(path, body="BCH")
    # by hand: 45 + 40 = 85, 7 + 6 = 13: the named summary agrees and is not added twice
    assert _records(out) == {("huyen-nga-son", 45, 7), ("huyen-hau-loc", 40, 6)}


def test_ods_hidden_sheet_is_flagged(tmp_path: Path) -> None:
    path = _ods(
        tmp_path / "d.ods",
        {"BCH": _counts(("Huyện Nga Sơn", 40, 6)), "Cũ": _counts(("Huyện Hà Trung", 38, 4))},
        hidden=("Cũ",),
    )
    assert {g.sheet: g.hidden for g in load_grids(path)} == {"BCH": False, "Cũ": True}


def test_ods_hidden_counts_sheet_passed_over_with_warning(tmp_path: Path) -> None:
    path = _ods(
        tmp_path / "e.ods",
        {"BCH": _counts(("Huyện Nga Sơn", 40, 6)), "Cũ": _counts(("Huyện Hà Trung", 38, 4))},
        hidden=("Cũ",),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferredLevelWarning)
        with pytest.warns(HiddenDataWarning, match='"Cũ"'):
            out = read_counts(path, body="BCH")
    assert _records(out) == {("huyen-nga-son", 40, 6)}


def test_ods_hidden_roster_sheet_passed_over_with_warning(tmp_path: Path) -> None:
    header = ("STT", "Họ và tên", "Giới tính", "Năm sinh")
    people = [(1, "Nguyễn Văn An", "Nam", 1970), (2, "Hà Thị Bình", "Nữ", 1975)]
    title = "DANH SÁCH BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN {} NHIỆM KỲ 2020-2025"
    path = _ods(
        tmp_path / "f.ods",
        {
            "Nga Sơn": [(title.format("NGA SƠN"),), (), header, *people],
            "Cũ": [(title.format("HÀ TRUNG"),), (), header, *people],
        },
        hidden=("Cũ",),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferredLevelWarning)
        with pytest.warns(HiddenDataWarning, match='"Cũ"'):
            out = read_roster(path)
    # by hand: only the two people of Nga Sơn; Hà Trung's hidden sheet is not read
    assert len(out) == 2
    assert set(out["unit_id"].astype(str)) == {"huyen-nga-son"}
