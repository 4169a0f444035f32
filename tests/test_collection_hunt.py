"""The collection cycle, returns that are not what the template sent: found by a tester.

A data sheet renamed or deleted, another unit's name in the unit cell, a row added under the
template's row, whole groups left blank: each is said in the status of its unit, and nothing of
one file stops the other files from being read.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import gender_stats as gs
from gender_stats.cli import main
from gender_stats.io._templates import META_SHEET
from gender_stats.outputs.collection import reminders_sheet, status_table

TERM = "2015-2020"
BODIES = ["party_committee", "standing_committee", "key_posts"]

#: Three units; Sầm Sơn's aliases and Cẩm Thủy's other spelling of its tone, as in the sample.
UNITS = pd.DataFrame(
    {
        "unit_id": ["U1", "U2", "U3"],
        "unit_name": ["Thành phố Sầm Sơn", "Huyện Cẩm Thủy", "Huyện Bá Thước"],
        "level": ["district"] * 3,
        "kind": ["city", "rural_district", "rural_district"],
        "parent_id": [None] * 3,
        "aliases": ["Thị xã Sầm Sơn|TP Sầm Sơn", "Huyện Cẩm Thuỷ", None],
    }
)

#: Row 7 of a template: C7 D7 (party committee), F7 G7 (standing committee), I7 J7 (key posts).
FULL = {"C7": 35, "D7": 5, "F7": 11, "G7": 2, "I7": 5, "J7": 1}


@pytest.fixture
def templates(tmp_path: Path) -> dict[str, Path]:
    paths = gs.make_templates(UNITS, term=TERM, bodies=BODIES, out_dir=tmp_path / "mau")
    return {p.stem.removeprefix("bao_cao_"): p for p in paths}


def fill(template: Path, out: Path, cells: Mapping[str, object], *, sheet: str = "Báo cáo") -> Path:
    """Type values into cells of a template's data sheet and save it as ``out``."""
    wb = openpyxl.load_workbook(template)
    ws = wb[sheet]
    ws.protection.sheet = False  # an office that unprotected the sheet
    for cell, value in cells.items():
        ws[cell] = value
    wb.save(out)
    return out


def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "nhan"
    folder.mkdir()
    return folder


def status_of(c: gs.Collection) -> list[list[object]]:
    got = c.status[["unit_id", "status", "file", "n_problems"]].astype(object)
    return got.where(got.notna(), None).to_numpy().tolist()


# --------------------------------------------------------------------------------------------
# 1. A data sheet renamed or deleted


def test_a_renamed_data_sheet_is_a_problem_of_its_unit_and_the_others_are_read(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    folder = inbox(tmp_path)
    fill(templates["U1"], folder / "bao_cao_U1.xlsx", FULL)
    wb = openpyxl.load_workbook(templates["U2"])
    wb["Báo cáo"].title = "Cẩm Thủy"  # the office renamed its sheet
    wb.save(folder / "bao_cao_U2.xlsx")
    c = gs.collect(folder, units=UNITS, term=TERM)
    assert status_of(c) == [
        ["U1", "received", "bao_cao_U1.xlsx", 0],
        ["U2", "problems", "bao_cao_U2.xlsx", 1],
        ["U3", "missing", "", 0],
    ]
    said = c.status.loc[1, "problems"]
    assert said.startswith('tệp "bao_cao_U2.xlsx", trang "Báo cáo": giá trị "Cẩm Thủy; Hướng dẫn"')
    assert 'cần trang "Báo cáo" của mẫu, cho đơn vị U2 Huyện Cẩm Thủy' in said
    assert c.counts[["unit_id", "body", "total", "female"]].to_numpy().tolist() == [
        ["U1", "key_posts", 5, 1],
        ["U1", "party_committee", 35, 5],
        ["U1", "standing_committee", 11, 2],
    ]


def test_a_deleted_sheet_of_a_one_workbook_template_is_a_problem_of_its_unit(
    tmp_path: Path,
) -> None:
    (path,) = gs.make_templates(
        UNITS, term=TERM, bodies=["party_committee"], out_dir=tmp_path / "mau", one_workbook=True
    )
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["Thành phố Sầm Sơn", "Huyện Cẩm Thủy", "Huyện Bá Thước"]
    wb["Thành phố Sầm Sơn"]["C7"], wb["Thành phố Sầm Sơn"]["D7"] = 30, 6
    wb["Huyện Bá Thước"]["C7"], wb["Huyện Bá Thước"]["D7"] = 25, 5
    del wb["Huyện Cẩm Thủy"]
    folder = inbox(tmp_path)
    wb.save(folder / "mau_bao_cao.xlsx")
    c = gs.collect(folder, units=UNITS, term=TERM)
    assert status_of(c) == [
        ["U1", "received", "mau_bao_cao.xlsx", 0],
        ["U2", "problems", "mau_bao_cao.xlsx", 1],
        ["U3", "received", "mau_bao_cao.xlsx", 0],
    ]
    assert 'trang "Huyện Cẩm Thủy" của mẫu, cho đơn vị U2' in c.status.loc[1, "problems"]
    assert c.counts[["unit_id", "total", "female"]].to_numpy().tolist() == [
        ["U1", 30, 6],
        ["U3", 25, 5],
    ]


def test_a_template_whose_metadata_names_no_unit_is_a_problem_of_the_file(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    folder = inbox(tmp_path)
    wb = openpyxl.load_workbook(templates["U1"])
    wb[META_SHEET].delete_rows(7, 5)  # the sheet | unit_id | unit_name | level rows are gone
    wb.save(folder / "khong ro.xlsx")
    c = gs.collect(folder, units=UNITS, term=TERM)
    assert status_of(c) == [
        ["U1", "missing", "", 0],
        ["U2", "missing", "", 0],
        ["U3", "missing", "", 0],
        [None, "unmatched", "khong ro.xlsx", 1],
    ]
    assert "the template's metadata lists no data sheet and unit" in c.status.loc[3, "problems"]


def test_the_command_reads_every_file_despite_a_renamed_sheet(
    templates: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = inbox(tmp_path)
    fill(templates["U1"], folder / "bao_cao_U1.xlsx", FULL)
    wb = openpyxl.load_workbook(templates["U2"])
    wb["Báo cáo"].title = "Sheet1"
    wb.save(folder / "bao_cao_U2.xlsx")
    units = tmp_path / "don_vi.csv"
    UNITS.to_csv(units, index=False)
    out = tmp_path / "tong_hop.xlsx"
    code = main(["collect", str(folder), "--units", str(units), "--term", TERM, "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "đã nhận: 1; có lỗi: 1; chưa nộp: 1" in printed
    assert gs.read_counts(out, sheet="Tổng hợp", units=UNITS)["total"].sum() == 35 + 11 + 5


# --------------------------------------------------------------------------------------------
# 2a. The unit cell names another unit


def test_another_units_name_in_the_unit_cell_is_a_problem_naming_both(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    folder = inbox(tmp_path)
    # Sầm Sơn's template filled in by Cẩm Thủy ("H. Cẩm Thủy": Huyện Cẩm Thủy abbreviated)
    fill(templates["U1"], folder / "bao_cao_U1.xlsx", {**FULL, "B7": "H. Cẩm Thủy"})
    # the other spelling of a tone, and plain ASCII, are the unit's own name
    fill(templates["U2"], folder / "bao_cao_U2.xlsx", {**FULL, "B7": "Huyện Cẩm Thuỷ"})
    fill(templates["U3"], folder / "bao_cao_U3.xlsx", {**FULL, "B7": "Huyen Ba Thuoc"})
    c = gs.collect(folder, units=UNITS, term=TERM)
    assert status_of(c) == [
        ["U1", "problems", "bao_cao_U1.xlsx", 1],
        ["U2", "received", "bao_cao_U2.xlsx", 0],
        ["U3", "received", "bao_cao_U3.xlsx", 0],
    ]
    said = c.status.loc[0, "problems"]
    assert said.startswith(
        'tệp "bao_cao_U1.xlsx", trang "Báo cáo", ô B7 (cột "Đơn vị"): giá trị "H. Cẩm Thủy" — '
        'cần "Thành phố Sầm Sơn", đơn vị của mẫu U1'
    )
    assert "ô này ghi tên của U2 Huyện Cẩm Thủy" in said
    assert sorted(set(c.counts["unit_id"])) == ["U2", "U3"]
    # the unit the cell names is told where its report may be (here it sent its own too)
    assert c.status.loc[1, "warnings"].startswith(
        "tệp bao_cao_U1.xlsx (mẫu của U1) ghi tên đơn vị này ở ô Báo cáo!B7"
    )
    assert "Báo cáo!B7" not in c.status.loc[0, "warnings"] + c.status.loc[2, "warnings"]


def test_a_missing_unit_whose_name_fills_another_template_is_told_where_it_may_be(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    folder = inbox(tmp_path)
    fill(templates["U1"], folder / "bao_cao_U1.xlsx", {**FULL, "B7": "Huyện Cẩm Thủy"})
    c = gs.collect(folder, units=UNITS, term=TERM)
    missing = c.status.set_index("unit_id").loc["U2"]
    assert missing["status"] == "missing"
    assert (
        "tệp bao_cao_U1.xlsx (mẫu của U1) ghi tên đơn vị này ở ô Báo cáo!B7" in missing["warnings"]
    )
    table = status_table(c, lang="en").set_index("Unit")
    assert table.loc["Huyện Cẩm Thủy", "Notes"].startswith("tệp bao_cao_U1.xlsx (mẫu của U1)")


def test_an_alias_in_the_unit_cell_is_the_unit_and_a_name_of_no_unit_is_a_problem(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    folder = inbox(tmp_path)
    fill(templates["U1"], folder / "bao_cao_U1.xlsx", {**FULL, "B7": "TP Sầm Sơn"})
    fill(templates["U2"], folder / "bao_cao_U2.xlsx", {**FULL, "B7": "Huyện Thạch Thành"})
    c = gs.collect(folder, units=UNITS, term=TERM)
    assert status_of(c)[:2] == [
        ["U1", "received", "bao_cao_U1.xlsx", 0],
        ["U2", "problems", "bao_cao_U2.xlsx", 1],
    ]
    assert "một tên không có trong bảng đơn vị" in c.status.loc[1, "problems"]


# --------------------------------------------------------------------------------------------
# 2b. Whole groups left blank


def test_groups_left_blank_are_shown_and_reminded(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    folder = inbox(tmp_path)
    fill(templates["U1"], folder / "bao_cao_U1.xlsx", {"C7": 35, "D7": 5})
    fill(templates["U2"], folder / "bao_cao_U2.xlsx", FULL)
    c = gs.collect(folder, units=UNITS, term=TERM)
    assert status_of(c) == [
        ["U1", "received", "bao_cao_U1.xlsx", 0],
        ["U2", "received", "bao_cao_U2.xlsx", 0],
        ["U3", "missing", "", 0],
    ]
    assert c.status["blank_bodies"].tolist() == ["standing_committee, key_posts", "", ""]
    files = c.files.set_index("file")
    assert files.at["bao_cao_U1.xlsx", "blank_bodies"] == "standing_committee, key_posts"
    assert files.at["bao_cao_U1.xlsx", "note"].startswith(
        "để trống nhóm (groups left blank): standing_committee, key_posts"
    )
    assert files.at["bao_cao_U2.xlsx", "note"] == ""
    remind = gs.reminders(c)
    assert remind[["unit_id", "reason", "blank_bodies"]].to_numpy().tolist() == [
        ["U1", "blank_bodies", "standing_committee, key_posts"],
        ["U3", "missing", ""],
    ]
    table = status_table(c, lang="en")
    assert table["Bodies left blank"].tolist() == ["Standing committee; Key posts", "", ""]
    sheet = reminders_sheet(c, lang="en")
    assert sheet["Reminder for"].tolist() == ["bodies left blank (confirm none)", "missing"]
    # the counts hold what was typed: the party committee only
    assert c.counts[["unit_id", "body", "total"]].to_numpy().tolist()[0] == [
        "U1",
        "party_committee",
        35,
    ]


# --------------------------------------------------------------------------------------------
# 2c. A row added under the template's row


def test_an_extra_data_row_is_one_clear_problem(templates: dict[str, Path], tmp_path: Path) -> None:
    folder = inbox(tmp_path)
    extra = {"A8": 2, "B8": "Huyện Bá Thước", "C8": 40, "D8": 8, "F8": 13, "G8": 3}
    fill(templates["U1"], folder / "bao_cao_U1.xlsx", {**FULL, **extra, "I8": 5, "J8": 2})
    # a note or a signature under the table is no data row
    fill(
        templates["U2"],
        folder / "bao_cao_U2.xlsx",
        {**FULL, "B9": "Ghi chú: số liệu đến 30/11", "B11": "Người lập biểu"},
    )
    c = gs.collect(folder, units=UNITS, term=TERM)
    assert status_of(c) == [
        ["U1", "problems", "bao_cao_U1.xlsx", 1],
        ["U2", "received", "bao_cao_U2.xlsx", 0],
        ["U3", "missing", "", 0],
    ]
    assert c.status.loc[0, "problems"] == (
        'tệp "bao_cao_U1.xlsx", trang "Báo cáo", dòng 8: giá trị "Huyện Bá Thước" — cần không '
        "có dòng 8: mẫu chỉ có dòng 7 cho U1 Thành phố Sầm Sơn (an extra data row, not part of "
        "the template: the return is not used). Hint: xóa dòng 8; mỗi đơn vị gửi mẫu của mình "
        "(delete the row; each unit sends its own template)."
    )
    assert set(c.counts["unit_id"]) == {"U2"}
