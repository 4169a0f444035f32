"""Issue 10: the shapes offices really send, read with every row accounted for.

Every file is built here, with numbers chosen by hand; the expected counts are written out.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from gender_stats.errors import DataError
from gender_stats.io import read_counts
from gender_stats.io._counts import HiddenDataWarning, MismatchWarning
from gender_stats.io._levels import InferredLevelWarning
from gender_stats.io._rows import is_note, is_signature, section_label, sum_kind


def build(
    path: Path,
    rows: list[list[Any]] | None = None,
    *,
    sheets: dict[str, list[list[Any]]] | None = None,
    merges: dict[str, list[str]] | list[str] = (),  # type: ignore[assignment]
    hidden_rows: dict[str, list[int]] | list[int] = (),  # type: ignore[assignment]
    hidden_sheets: tuple[str, ...] = (),
    formats: dict[str, str] | None = None,
    cached: dict[str, Any] | None = None,
) -> Path:
    """Write a workbook; ``cached`` gives formula cells a saved value (as Excel would)."""
    sheets = sheets or {"Sheet1": rows or []}
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, data in sheets.items():
        ws = wb.create_sheet(name)
        for row in data:
            ws.append(list(row))
        for rng in merges.get(name, ()) if isinstance(merges, dict) else merges:
            ws.merge_cells(rng)
        for r in hidden_rows.get(name, ()) if isinstance(hidden_rows, dict) else hidden_rows:
            ws.row_dimensions[r].hidden = True
        for cell, fmt in (formats or {}).items():
            ws[cell].number_format = fmt
        if name in hidden_sheets:
            ws.sheet_state = "hidden"
    wb.save(path)
    if cached:
        _cache(path, cached)
    return path


def _cache(path: Path, values: dict[str, Any]) -> None:
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in values.items():
        xml = re.sub(
            rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/>', rf"\g<1><v>{value}</v>", xml
        )
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as zf:
        for n, data in parts.items():
            zf.writestr(n, data)


def kinds(frame_or_err: Any) -> list[tuple[int, str]]:
    log = frame_or_err.attrs["reading"] if hasattr(frame_or_err, "attrs") else frame_or_err.reading
    return [(e.row, str(e.kind)) for e in log.entries]


def records(out: Any, *cols: str) -> set[tuple[Any, ...]]:
    cols = cols or ("unit_id", "level", "body", "total", "female")
    return {tuple(r) for r in out[list(cols)].itertuples(index=False)}


# --------------------------------------------------------------------------------------------
# Words


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Cộng", "sum"),
        ("CỘNG", "sum"),
        ("Cong", "sum"),
        ("Cộng (A)", "sum"),
        ("Cộng khối huyện", "subtotal"),
        ("cộng khối sở, ngành", "subtotal"),
        ("Tổng", "total"),
        ("Tổng cộng", "total"),
        ("TỔNG CỘNG (I+II)", "total"),
        ("Tổng cộng toàn tỉnh", "total"),
        ("Toàn tỉnh", "total"),
        ("TOAN TINH", "total"),
        ("Huyện Cộng Hòa", None),
        ("Sở Tổng hợp", None),
    ],
)
def test_sum_wordings(label: str, kind: str | None) -> None:
    assert sum_kind(label) == kind


def test_note_signature_and_section_words() -> None:
    assert all(is_note(t) for t in ("Ghi chú:", "GHI CHU: tạm tính", "(*) Số liệu", "Nguồn: Sở"))
    assert not is_note("Huyện Nga Sơn")
    assert all(
        is_signature(t)
        for t in ("Nga Sơn, ngày 10 tháng 1 năm 2021", "NGƯỜI LẬP BIỂU", "TM. BAN THƯỜNG VỤ")
    )
    assert section_label("A", "Các huyện, thị xã, thành phố") == "Các huyện, thị xã, thành phố"
    assert section_label(None, "1. Khối huyện") == "Khối huyện"
    assert section_label(None, "Khối sở, ban, ngành") == "Khối sở, ban, ngành"
    assert section_label(3, "Huyện Nga Sơn") is None


# --------------------------------------------------------------------------------------------
# A messy wide workbook, row by row

MESSY = [
    ["BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ TỈNH THANH HÓA"],  # 1 title
    ["BÁO CÁO SỐ LIỆU NỮ THAM GIA CẤP ỦY NHIỆM KỲ 2015 – 2020"],  # 2 title
    [],
    ["STT", "Đơn vị", "Ban Chấp hành", None, None, "Ban Thường vụ", None, None, "Ghi chú"],
    [None, None, "Tổng số", "Nữ", "Tỷ lệ\n(%)", "Tổng\nsố", "Nữ", "Tỷ lệ (%)", None],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],  # 6 column numbers
    ["I.", "Khối huyện, thị xã, thành phố"],  # 7 section
    [1, "Huyện Quan Hóa", 39, 5, 12.8, 13, 1, 7.7, None],  # 8
    ["Ghi chú: huyện Quan Hóa bầu thiếu 2"],  # 9 a note between data rows
    [2, "Huyện Cẩm Thủy", 41, 8, 19.5, 13, 2, 15.4, "bầu thiếu 1"],  # 10
    [None, "Cộng khối huyện", 80, 13, None, 26, 3, None],  # 11 subtotal
    ["II.", "Khối sở, ban, ngành"],  # 12 section
    [1, "Sở Tư pháp", 9, 3, 33.3, 3, 1, 33.3],  # 13
    [None, "Cộng (B)", 9, 3, None, 3, 1, None],  # 14 subtotal
    [None, "TỔNG CỘNG (I+II)", 89, 16, 18.0, 29, 4, 13.8],  # 15 total
    ["(*) Số liệu tạm tính"],  # 16 note
    [None, None, None, None, None, "Thanh Hóa, ngày 05 tháng 6 năm 2015"],  # 17 date line
    [None, None, None, None, None, "NGƯỜI LẬP BIỂU"],  # 18
    [None, None, None, None, None, "Nguyễn Văn A"],  # 19
]
MESSY_MERGES = ["A4:A5", "B4:B5", "C4:E4", "F4:H4", "I4:I5"]


def test_messy_wide_every_row_classified(tmp_path: Path) -> None:
    out = read_counts(build(tmp_path / "a.xlsx", MESSY, merges=MESSY_MERGES))
    assert records(out) == {
        ("huyen-quan-hoa", "district", "party_committee", 39, 5),
        ("huyen-cam-thuy", "district", "party_committee", 41, 8),
        ("so-tu-phap", "agency", "party_committee", 9, 3),
        ("huyen-quan-hoa", "district", "standing_committee", 13, 1),
        ("huyen-cam-thuy", "district", "standing_committee", 13, 2),
        ("so-tu-phap", "agency", "standing_committee", 3, 1),
    }
    assert set(out["term"]) == {"2015-2020"}
    assert out.loc[out["unit_id"] == "huyen-cam-thuy", "note"].tolist() == ["bầu thiếu 1"] * 2
    assert kinds(out) == [
        (1, "title"),
        (2, "title"),
        (4, "header"),
        (5, "header"),
        (6, "column_numbers"),
        (7, "section"),
        (8, "data"),
        (9, "note"),
        (10, "data"),
        (11, "subtotal"),
        (12, "section"),
        (13, "data"),
        (14, "subtotal"),
        (15, "total"),
        (16, "note"),
        (17, "signature"),
        (18, "signature"),
        (19, "signature"),
    ]
    log = out.attrs["reading"]
    assert (log.rows_read, log.rows_used, log.rows_reported, log.rows_structural) == (18, 3, 0, 15)
    assert log.rows_read == log.rows_used + log.rows_reported + log.rows_structural
    frame = log.to_frame()
    assert list(frame.columns) == ["file", "sheet", "row", "kind", "outcome", "label", "detail"]


def test_subtotal_mismatch_warns_with_its_cell_and_keeps_counts(tmp_path: Path) -> None:
    rows = [list(r) for r in MESSY]
    rows[10][3] = 12  # Cộng khối huyện says 12 women; the units sum to 13
    path = build(tmp_path / "a.xlsx", rows, merges=MESSY_MERGES)
    with pytest.warns(MismatchWarning, match=r"ô D11 .*13 = tổng các đơn vị của khối"):
        out = read_counts(path)
    assert out["female"].sum() == 16 + 4
    with pytest.raises(DataError) as info:
        read_counts(path, on_mismatch="raise")
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(11, "D", 12)]


def test_figures_after_the_signature_are_a_problem(tmp_path: Path) -> None:
    rows = [*MESSY, [3, "Huyện Như Xuân", 35, 4, None, 11, 1, None]]
    with pytest.raises(DataError, match="signature") as info:
        read_counts(build(tmp_path / "a.xlsx", rows, merges=MESSY_MERGES))
    assert info.value.problems[0].row == 20
    assert (20, "data") in kinds(info.value)


def test_unit_row_with_no_figures_is_reported(tmp_path: Path) -> None:
    rows = [list(r) for r in MESSY]
    rows.insert(10, [3, "Huyện Mường Lát"])
    with pytest.raises(DataError, match="blank except for one cell") as info:
        read_counts(build(tmp_path / "a.xlsx", rows, merges=MESSY_MERGES))
    assert [p.row for p in info.value.problems] == [11]


# --------------------------------------------------------------------------------------------
# Sections


@pytest.mark.parametrize(
    ("stt", "label", "level"),
    [
        ("I", "Khối huyện", "district"),
        ("A.", "Các huyện, thị xã, thành phố", "district"),
        (None, "1. Khối xã, phường, thị trấn", "commune"),
        (None, "Khối sở, ban, ngành", "agency"),
        (None, "CÁC XÃ, PHƯỜNG, THỊ TRẤN", "commune"),
    ],
)
def test_section_wordings_give_levels(tmp_path: Path, stt: Any, label: str, level: str) -> None:
    rows = [
        ["NHIỆM KỲ 2020-2025"],
        ["STT", "Đơn vị", "Tổng số", "Nữ"],
        [stt, label],
        [1, "Nga Sơn", 37, 6],  # the name says no level: the section does
    ]
    out = read_counts(build(tmp_path / "s.xlsx", rows), body="BCH")
    assert out[["unit_name", "level", "total", "female"]].to_dict("records") == [
        {"unit_name": "Nga Sơn", "level": level, "total": 37, "female": 6}
    ]


# --------------------------------------------------------------------------------------------
# Numbers


def test_vi_numbers_in_a_semicolon_csv(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "Đơn vị;Cấp;Tổng số;Nữ;Tỷ lệ (%)\nTỉnh Thanh Hóa;tỉnh;12.345;2.000;16,20\n"
        "Huyện Nga Sơn;huyện;452.056;170.450;37,71\n",
        encoding="utf-8-sig",
    )
    out = read_counts(path, term="2015-2020", body="staff")
    assert out[["total", "female"]].values.tolist() == [[12345, 2000], [452056, 170450]]


def test_ambiguous_thousands_is_a_problem_quoting_the_value(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text("Đơn vị,Cấp,Tổng số,Nữ\nTỉnh Thanh Hóa,tỉnh,41.360,2.000\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_counts(path, term="2015-2020", body="staff")
    got = {(p.column, p.value) for p in info.value.problems}
    assert got == {("C", "41.360"), ("D", "2.000")}  # quoted as written, never 41.36 or 2
    out = read_counts(path, term="2015-2020", body="staff", thousands=".")
    assert out[["total", "female"]].values.tolist() == [[41360, 2000]]


def test_en_numbers_decided_from_decimal_dots(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text(
        'Unit,Level,Total,Women,Share\nThanh Hoa,province,1,234,"1,234",\n'
        'A,district,"7,552","2,993",39.63\n'.replace('1,234,"1,234"', '"1,234",300'),
        encoding="utf-8",
    )
    out = read_counts(path, term="2016-2021", body="candidates")
    assert out[["total", "female"]].values.tolist() == [[1234, 300], [7552, 2993]]


def test_formula_cells_with_and_without_saved_values(tmp_path: Path) -> None:
    rows = [
        ["NHIỆM KỲ 2015-2020"],
        ["Đơn vị", "Cấp", "Tổng số", "Nữ", "Tỷ lệ (%)"],
        ["Huyện Nga Sơn", "huyện", 37, 6, "=D3/C3"],
        ["Huyện Hà Trung", "huyện", 35, 5, "=D4/C4"],
        ["Tổng cộng", None, "=SUM(C3:C4)", "=SUM(D3:D4)", None],
    ]
    fmts = {"E3": "0.0%", "E4": "0.0%"}
    cached = {"E3": 6 / 37, "E4": 5 / 35, "C5": 72, "D5": 11}
    out = read_counts(build(tmp_path / "c.xlsx", rows, formats=fmts, cached=cached), body="BCH")
    assert out["female"].tolist() == [6, 5]
    # a wrong saved total is checked like a typed one
    bad = {**cached, "D5": 12}
    with pytest.warns(MismatchWarning, match="ô D5"):
        read_counts(build(tmp_path / "b.xlsx", rows, formats=fmts, cached=bad), body="BCH")
    # without saved values: the total is not checked (and said so); a count formula is a problem
    out = read_counts(build(tmp_path / "n.xlsx", rows, formats=fmts), body="BCH")
    assert any("công thức" in n for n in out.attrs["reading"].notes)
    rows[2][3] = "=2+4"
    with pytest.raises(DataError, match="formula") as info:
        read_counts(build(tmp_path / "m.xlsx", rows, formats=fmts), body="BCH")
    assert [(p.row, p.column) for p in info.value.problems] == [(3, "D")]


# --------------------------------------------------------------------------------------------
# What the file does not say


def test_body_level_unit_from_arguments(tmp_path: Path) -> None:
    rows = [["Đơn vị", "Tổng số", "Nữ"], ["Huyện Nga Sơn", 37, 6]]
    path = build(tmp_path / "p.xlsx", rows)
    with pytest.raises(DataError, match="body="):
        read_counts(path, term="2015-2020")
    out = read_counts(path, term="2015-2020", body="Ban Chấp hành", level="district")
    assert records(out) == {("huyen-nga-son", "district", "party_committee", 37, 6)}
    one = [["Nội dung", "Tổng số", "Nữ"], ["Ban Chấp hành", 37, 6], ["Ban Thường vụ", 13, 2]]
    with pytest.warns(InferredLevelWarning, match="Huyện Nga Sơn → district"):
        out = read_counts(
            build(tmp_path / "u.xlsx", one),
            term="2015-2020",
            unit_name="Huyện Nga Sơn",
            unit_id="NS",
        )
    assert records(out) == {
        ("NS", "district", "party_committee", 37, 6),
        ("NS", "district", "standing_committee", 13, 2),
    }


def test_level_inferred_from_names_with_a_warning_units_table_wins(tmp_path: Path) -> None:
    import pandas as pd

    rows = [
        ["NHIỆM KỲ 2020-2025"],
        ["Đơn vị", "Tổng số", "Nữ"],
        ["Thị xã Nghi Sơn", 45, 9],
        ["Xã Đông Tiến", 15, 3],
        ["Sở Y tế", 9, 4],
        ["Tỉnh Thanh Hóa", 65, 11],
    ]
    path = build(tmp_path / "l.xlsx", rows)
    with pytest.warns(InferredLevelWarning, match="Thị xã Nghi Sơn → district"):
        out = read_counts(path, body="BCH")
    assert out["level"].tolist() == ["district", "commune", "agency", "province"]
    units = pd.DataFrame(
        {
            "unit_id": ["NS", "DT", "YT", "TH"],
            "unit_name": ["Thị xã Nghi Sơn", "Xã Đông Tiến", "Sở Y tế", "Tỉnh Thanh Hóa"],
            "level": ["district", "commune", "agency", "region"],
            "kind": ["thị xã", "xã", "sở", "tỉnh"],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = read_counts(path, body="BCH", units=units)
    assert out["level"].tolist() == ["district", "commune", "agency", "region"]


def test_congress_number_is_not_a_term(tmp_path: Path) -> None:
    rows = [
        ["ĐẢNG BỘ HUYỆN NGA SƠN KHÓA XV"],
        ["Đơn vị", "Tổng số", "Nữ"],
        ["Huyện Nga Sơn", 37, 6],
    ]
    path = build(tmp_path / "k.xlsx", rows)
    with pytest.raises(DataError, match=r"khóa XV.*không phải nhiệm kỳ"):
        read_counts(path, body="BCH")
    rows[0] = ["ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ HUYỆN LẦN THỨ XX"]
    with pytest.raises(DataError, match="đại hội lần thứ XX"):
        read_counts(build(tmp_path / "d.xlsx", rows), body="BCH")
    out = read_counts(path, body="BCH", term="2020 – 2025", level="district")
    assert out["term"].tolist() == ["2020-2025"]


def test_two_year_pairs_take_the_one_after_nhiem_ky(tmp_path: Path) -> None:
    rows = [
        ["KẾ HOẠCH 2021 - 2025 THỰC HIỆN CHIẾN LƯỢC, SỐ LIỆU NHIỆM KỲ 2020-2025"],
        ["Đơn vị", "Tổng số", "Nữ"],
        ["Huyện Nga Sơn", 37, 6],
    ]
    out = read_counts(build(tmp_path / "t.xlsx", rows), body="BCH", level="district")
    assert out["term"].tolist() == ["2020-2025"]
    rows[0] = ["GIAI ĐOẠN 2016 - 2020 VÀ 2021 - 2025"]
    with pytest.raises(DataError, match="nhiều nhiệm kỳ"):
        read_counts(build(tmp_path / "u.xlsx", rows), body="BCH")


# --------------------------------------------------------------------------------------------
# Header layouts


def test_women_group_over_count_and_share_with_a_hidden_row(tmp_path: Path) -> None:
    rows = [
        ["SỐ LIỆU CÁN BỘ NỮ THAM GIA BAN CHẤP HÀNH ĐẢNG BỘ, NHIỆM KỲ 2020-2025"],
        ["TT", "Tên đơn vị", "Tổng số", "Nữ", None],
        [None, None, None, "Số lượng", "Tỷ lệ (%)"],
        [1, "Huyện Nga Sơn", 37, 6, "16,2"],
        [2, "Huyện Quảng Xương (cũ)", 40, 5, "12,5"],  # hidden: an abolished unit
        [3, "Thị xã Nghi Sơn", 45, 9, "20,0"],
        [None, "Tổng cộng", 82, 15, None],
    ]
    path = build(
        tmp_path / "n.xlsx", rows, merges=["A2:A3", "B2:B3", "C2:C3", "D2:E2"], hidden_rows=[5]
    )
    with (
        pytest.warns(HiddenDataWarning, match=r"1 dòng ẩn .*: 5"),
        pytest.warns(InferredLevelWarning),
    ):
        out = read_counts(path)
    assert records(out) == {
        ("huyen-nga-son", "district", "party_committee", 37, 6),
        ("thi-xa-nghi-son", "district", "party_committee", 45, 9),
    }
    assert (5, "hidden") in kinds(out)
    with pytest.warns(InferredLevelWarning):  # the total (82) leaves the hidden unit out: it agrees
        both = read_counts(path, include_hidden=True)
    assert len(both) == 3
    assert kinds(both)[4] == (5, "data")


def test_total_and_of_which_women_groups_per_level(tmp_path: Path) -> None:
    rows = [
        ["KẾT QUẢ BẦU CỬ ĐẠI BIỂU HĐND NHIỆM KỲ 2021-2026"],
        ["Đơn vị", "Cấp tỉnh", None, "Cấp huyện", None, "Cấp xã", None],
        [None, "Tổng số", "Trong đó", "Tổng số", "Trong đó", "Tổng số", "Trong đó"],
        [None, None, "Nữ", None, "Nữ", None, "Nữ"],
        ["Tỉnh Thanh Hóa", 85, 25, 900, 270, 9990, 2900],
    ]
    merges = ["A2:A4", "B2:C2", "D2:E2", "F2:G2", "B3:B4", "D3:D4", "F3:F4"]
    out = read_counts(build(tmp_path / "g.xlsx", rows, merges=merges))
    assert records(out) == {
        ("tinh-thanh-hoa", "province", "peoples_council", 85, 25),
        ("tinh-thanh-hoa/district", "district", "peoples_council", 900, 270),
        ("tinh-thanh-hoa/commune", "commune", "peoples_council", 9990, 2900),
    }


def test_men_and_women_without_a_total(tmp_path: Path) -> None:
    rows = [
        ["DANH SÁCH BAN THƯỜNG VỤ ĐẢNG ỦY, NHIỆM KỲ 2020 - 2025"],
        ["STT", "Đơn vị", "Nam", "Nữ"],
        [1, "Xã Đông Tiến", 7, 2],
        [2, "Phường Ba Đình", 8, 1],
    ]
    with pytest.warns(InferredLevelWarning):
        out = read_counts(build(tmp_path / "m.xlsx", rows))
    assert records(out) == {
        ("xa-dong-tien", "commune", "standing_committee", 9, 2),
        ("phuong-ba-dinh", "commune", "standing_committee", 9, 1),
    }


def test_four_row_header_with_line_breaks(tmp_path: Path) -> None:
    rows = [
        ["NHIỆM KỲ 2015-2020"],
        ["Số\nTT", "Tên đơn vị", "Cấp", "Cấp ủy", None, None, None],
        [None, None, None, "Ban\nChấp hành", None, "Ban\nThường vụ", None],
        [None, None, None, "Số\nlượng", "Trong đó", "Số lượng", "Trong đó"],
        [None, None, None, None, "Nữ", None, "Nữ"],
        [1, "Huyện Nga Sơn", "Cấp huyện", 37, 6, 13, 2],
    ]
    merges = ["A2:A5", "B2:B5", "C2:C5", "D2:G2", "D3:E3", "F3:G3", "D4:D5", "F4:F5"]
    out = read_counts(build(tmp_path / "h.xlsx", rows, merges=merges))
    assert records(out) == {
        ("huyen-nga-son", "district", "party_committee", 37, 6),
        ("huyen-nga-son", "district", "standing_committee", 13, 2),
    }
    assert [k for _, k in kinds(out)][:5] == ["title", "header", "header", "header", "header"]


def test_real_form_vocabulary(tmp_path: Path) -> None:
    rows = [
        ["SỐ LIỆU ĐẠI BIỂU HĐND TỈNH NHIỆM KỲ 2016-2021"],
        ["STT", "Tỉnh", "Số đại biểu trúng cử", "Trong đó nữ", "Tỷ lệ (%)", "Nguồn"],
        [1, "Thanh Hóa", 95, 25, "26.3", "Báo Thanh Hóa"],
        [2, "Nghệ An", 95, None, None, None],  # not published: the unit has no figures
    ]
    path = build(tmp_path / "v.xlsx", rows)
    with pytest.raises(DataError):  # a blank women cell next to a total is a problem
        read_counts(path, level="province")
    rows[3] = [2, "Nghệ An", 95, 30, "31,58", None]
    out = read_counts(build(tmp_path / "w.xlsx", rows), level="province")
    assert out[["unit_name", "body", "total", "female", "source"]].values.tolist() == [
        ["Thanh Hóa", "peoples_council", 95, 25, "Báo Thanh Hóa"],
        ["Nghệ An", "peoples_council", 95, 30, None],
    ]


# --------------------------------------------------------------------------------------------
# Official forms: transposed and level rows

BIEU_9B = [
    ["HUYỆN ỦY NGA SƠN", None, None, None, None, None, None, "Biểu số 9B-BTCTW"],
    ["BAN TỔ CHỨC"],
    ["THỐNG KÊ CÁN BỘ LÃNH ĐẠO, QUẢN LÝ NĂM 2021"],
    [None, None, None, None, None, None, None, "Đvt: Người"],
    [
        "Nội dung",
        "Ban\nchấp\nhành",
        "Ban\nthường vụ",
        "Lãnh đạo cấp ủy",
        None,
        "Lãnh đạo HĐND",
        None,
        "Lãnh đạo UBND",
        None,
    ],
    [
        None,
        None,
        None,
        "Bí thư",
        "Phó bí thư",
        "Chủ tịch",
        "Phó chủ tịch",
        "Chủ tịch",
        "Phó chủ tịch",
    ],
    ["A", 1, 2, 3, 4, 5, 6, 7, 8],
    ["TỔNG SỐ", 37, 13, 1, 2, 1, 1, 1, 2],
    ["*Trong đó:- Nữ", 6, 2, 0, 1, 0, 1, 0, 0],
    ["- Dân tộc thiểu số", 3, 1, 0, 0, 0, 0, 0, 1],
    ["1. Tuổi đời"],
    ["- Từ 40 tuổi trở xuống", 5, 1, 0, 0, 0, 0, 0, 1],
    ["- Từ trên 40 tuổi đến 50 tuổi", 20, 6, 1, 1, 0, 1, 1, 1],
    ["- Từ trên 50 tuổi", 12, 6, 0, 1, 1, 0, 0, 0],
    ["2. Trình độ chuyên môn nghiệp vụ"],
    ["- Thạc sĩ", 10, 5, 1, 1, 0, 0, 1, 1],
    [None, None, None, None, None, "Nga Sơn, ngày 10 tháng 1 năm 2021"],
    [None, None, None, None, None, "TRƯỞNG BAN"],
]
BIEU_MERGES = ["A5:A6", "B5:B6", "C5:C6", "D5:E5", "F5:G5", "H5:I5"]


@pytest.mark.parametrize("layout", ["auto", "btctw_9"])
def test_bieu_9b_transposed(tmp_path: Path, layout: str) -> None:
    path = build(tmp_path / "9b.xlsx", BIEU_9B, merges=BIEU_MERGES)
    with pytest.raises(DataError, match="term="):  # "NĂM 2021" is a year, not a term
        read_counts(path, layout=layout)  # type: ignore[arg-type]
    out = read_counts(path, term="2020-2025", layout=layout)  # type: ignore[arg-type]
    cols = ["unit_name", "level", "body", "total", "female", "ethnic_minority", "under_40"]
    assert out[cols].values.tolist() == [
        ["Huyện Nga Sơn", "district", "party_committee", 37, 6, 3, 5],
        ["Huyện Nga Sơn", "district", "standing_committee", 13, 2, 1, 1],
        ["Huyện Nga Sơn", "district", "key_posts", 8, 2, 1, 1],  # 1+2+1+1+1+2 posts, women 1+1
    ]
    log = out.attrs["reading"]
    assert log.rows_read == log.rows_used + log.rows_reported + log.rows_structural == 18
    assert (16, "criterion") in kinds(out)


MAU_30 = [
    ["ỦY BAN BẦU CỬ TỈNH THANH HÓA"],
    [
        "BIỂU THỐNG KÊ SƠ BỘ KẾT QUẢ BẦU CỬ ĐẠI BIỂU QUỐC HỘI KHÓA XV VÀ ĐẠI BIỂU HĐND CÁC CẤP "
        "NHIỆM KỲ 2021-2026"
    ],
    ["II. KẾT QUẢ BẦU CỬ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN CÁC CẤP"],
    [
        "Số TT",
        "Cấp bầu cử",
        "Số đại biểu được bầu",
        "Số đại biểu trúng cử",
        "Nữ",
        None,
        "Dân tộc thiểu số",
        None,
        "Trẻ tuổi (dưới 40 tuổi)",
        None,
    ],
    [
        None,
        None,
        None,
        None,
        "Số người",
        "Tỷ lệ (%)",
        "Số người",
        "Tỷ lệ (%)",
        "Số người",
        "Tỷ lệ (%)",
    ],
    [1, "Cấp tỉnh", 85, 85, 25, 29.41, 10, 11.76, 12, 14.12],
    [2, "Cấp huyện", 900, 898, 270, 30.07, 100, 11.14, 200, 22.27],
    [3, "Cấp xã", 10000, 9990, 2900, 29.03, 1200, 12.01, 2500, 25.03],
    [None, "Tổng cộng", 10985, 10973, 3195, None, 1310, None, 2712, None],
    [None, None, None, None, "NGƯỜI LẬP BIỂU"],
]


@pytest.mark.parametrize("layout", ["auto", "hdbc_30"])
def test_mau_30_rows_are_levels(tmp_path: Path, layout: str) -> None:
    merges = ["A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:F4", "G4:H4", "I4:J4"]
    out = read_counts(build(tmp_path / "m30.xlsx", MAU_30, merges=merges), layout=layout)  # type: ignore[arg-type]
    cols = ["unit_id", "level", "body", "term", "total", "female", "seats", "under_40"]
    assert out[cols].values.tolist() == [
        ["tinh-thanh-hoa", "province", "peoples_council", "2021-2026", 85, 25, 85, 12],
        ["tinh-thanh-hoa/district", "district", "peoples_council", "2021-2026", 898, 270, 900, 200],
        [
            "tinh-thanh-hoa/commune",
            "commune",
            "peoples_council",
            "2021-2026",
            9990,
            2900,
            10000,
            2500,
        ],
    ]


def test_one_sheet_per_unit_with_a_summary_sheet(tmp_path: Path) -> None:
    summary = [
        ["BÁO CÁO TỔNG HỢP NHIỆM KỲ 2015-2020"],
        ["Đơn vị", "Cơ quan", "Tổng số", "Nữ"],
        ["Huyện Nga Sơn", "BCH", 37, 6],
        ["Huyện Nga Sơn", "BTV", 13, 2],
        ["Huyện Hà Trung", "BCH", 35, 5],
        ["Huyện Hà Trung", "BTV", 11, 1],
    ]
    sheets = {"Tổng hợp": summary}
    for name, v in (("Nga Sơn", (37, 6, 13, 2)), ("Hà Trung", (35, 5, 11, 1))):
        sheets[name] = [
            [f"ĐẢNG BỘ HUYỆN {name.upper()}"],
            ["BÁO CÁO NHIỆM KỲ 2015 - 2020"],
            ["STT", "Nội dung", "Tổng số", "Nữ", "Tỷ lệ (%)"],
            [1, "Ban Chấp hành", v[0], v[1], None],
            [2, "Ban Thường vụ", v[2], v[3], None],
        ]
    sheets["Cũ"] = [["Đơn vị", "Cơ quan", "Tổng số", "Nữ"], ["Huyện X", "BCH", 1, 1]]
    path = build(tmp_path / "pu.xlsx", sheets=sheets, hidden_sheets=("Cũ",))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = read_counts(path)
    assert any(issubclass(w.category, HiddenDataWarning) and "Cũ" in str(w.message) for w in caught)
    assert any(issubclass(w.category, InferredLevelWarning) for w in caught)
    assert records(out) == {  # not added twice
        ("huyen-nga-son", "district", "party_committee", 37, 6),
        ("huyen-nga-son", "district", "standing_committee", 13, 2),
        ("huyen-ha-trung", "district", "party_committee", 35, 5),
        ("huyen-ha-trung", "district", "standing_committee", 11, 1),
    }
    assert any("Tổng hợp" in n and "không cộng hai lần" in n for n in out.attrs["reading"].notes)
    summary[2][3] = 7  # the summary disagrees with the unit's own sheet
    path = build(tmp_path / "pv.xlsx", sheets=sheets, hidden_sheets=("Cũ",))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = read_counts(path)
    assert len(out) == 4
    said = [str(w.message) for w in caught if issubclass(w.category, MismatchWarning)]
    assert len(said) == 1 and "huyen-nga-son party_committee female: 7 ≠ 6" in said[0]


def test_a_summary_sheet_that_sums_the_others(tmp_path: Path) -> None:
    head = ["Đơn vị", "Cấp", "Cơ quan", "Tổng số", "Nữ"]
    sheets = {
        "Khối huyện": [
            ["NHIỆM KỲ 2015-2020"],
            head,
            ["Huyện Nga Sơn", "huyện", "BCH", 37, 6],
            ["Huyện Hà Trung", "huyện", "BCH", 35, 5],
        ],
        "Khối sở": [["NHIỆM KỲ 2015-2020"], head, ["Sở Y tế", "sở", "BCH", 9, 4]],
        "TH": [["NHIỆM KỲ 2015-2020"], head, ["Toàn tỉnh", "tỉnh", "BCH", 81, 15]],
    }
    out = read_counts(build(tmp_path / "s.xlsx", sheets=sheets))
    assert sorted(out["unit_id"]) == ["huyen-ha-trung", "huyen-nga-son", "so-y-te"]


# --------------------------------------------------------------------------------------------
# Old and open formats


def _xls(path: Path, rows: list[list[Any]], merges=(), hidden=(), percent=()) -> Path:
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook()
    ws = wb.add_sheet("Sheet1")
    pct = xlwt.easyxf(num_format_str="0.0%")
    merged = {(r0, c0): (r1, c1) for r0, r1, c0, c1 in merges}
    covered = {
        (r, c) for (r0, c0), (r1, c1) in merged.items() for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1) if (r, c) != (r0, c0)
    }  # fmt: skip
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None or (r, c) in covered:
                continue
            if (r, c) in merged:
                r1, c1 = merged[(r, c)]
                ws.write_merge(r, r1, c, c1, v)
            elif (r, c) in percent:
                ws.write(r, c, v, pct)
            else:
                ws.write(r, c, v)
    for r in hidden:
        ws.row(r).hidden = True
    wb.save(str(path))
    return path


def test_xls_reads_like_xlsx(tmp_path: Path) -> None:
    rows = [list(r) for r in MESSY]
    rows[7][4] = 0.128  # a percent cell holding the fraction
    # merges as (first_row, last_row, first_col, last_col), 0-based
    merges = [(3, 4, 0, 0), (3, 4, 1, 1), (3, 3, 2, 4), (3, 3, 5, 7), (3, 4, 8, 8)]
    path = _xls(tmp_path / "a.xls", rows, merges=merges, hidden=[12], percent=[(7, 4)])
    with pytest.warns(HiddenDataWarning, match=": 13"):
        out = read_counts(path)
    assert records(out) == {
        ("huyen-quan-hoa", "district", "party_committee", 39, 5),
        ("huyen-cam-thuy", "district", "party_committee", 41, 8),
        ("huyen-quan-hoa", "district", "standing_committee", 13, 1),
        ("huyen-cam-thuy", "district", "standing_committee", 13, 2),
    } or pytest.fail("hidden row 13 was read")


def _ods(path: Path, rows: list[list[Any]], *, hidden: tuple[int, ...] = ()) -> Path:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableRowProperties
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Sheet1")
    for r, row in enumerate(rows):
        attrs = {"visibility": "collapse"} if r in hidden else {}
        tr = TableRow(**attrs)
        for v in row:
            if v is None:
                tr.addElement(TableCell())
            elif isinstance(v, (int, float)):
                cell = TableCell(valuetype="float", value=v)
                cell.addElement(P(text=str(v)))
                tr.addElement(cell)
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(v)))
                tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    _ = (Style, TableRowProperties)
    doc.save(str(path))
    return path


def test_ods_reads_with_hidden_rows(tmp_path: Path) -> None:
    rows = [
        ["NHIỆM KỲ 2015-2020"],
        ["Đơn vị", "Cấp", "Cơ quan", "Tổng số", "Nữ"],
        ["Huyện Nga Sơn", "huyện", "BCH", 37, 6],
        ["Huyện Cũ", "huyện", "BCH", 30, 1],
        ["Sở Y tế", "sở", "BCH", 9, 4],
        ["Tổng cộng", None, None, 46, 10],
    ]
    path = _ods(tmp_path / "a.ods", rows, hidden=(3,))
    with pytest.warns(HiddenDataWarning, match=": 4"):
        out = read_counts(path)
    assert records(out) == {
        ("huyen-nga-son", "district", "party_committee", 37, 6),
        ("so-y-te", "agency", "party_committee", 9, 4),
    }


def test_a_body_whose_name_ends_in_nu_and_a_trained_column(tmp_path: Path) -> None:
    # "Ban vì sự tiến bộ của phụ nữ" names a body, not the women's column
    rows = [
        ["NHIỆM KỲ 2015-2020"],
        ["Đơn vị", "Ban vì sự tiến bộ của phụ nữ", None, None, "Ban Chấp hành", None],
        [None, "Tổng số", "Nữ", "Đã tập huấn", "Tổng số", "Nữ"],
        ["Huyện Nga Sơn", 12, 7, 10, 37, 6],
    ]
    merges = ["A2:A3", "B2:D2", "E2:F2"]
    with pytest.warns(InferredLevelWarning):
        out = read_counts(build(tmp_path / "w.xlsx", rows, merges=merges))
    assert out[["body", "total", "female"]].values.tolist() == [
        ["women_advancement_committee", 12, 7],
        ["party_committee", 37, 6],
    ]
    assert out["trained"].tolist()[0] == 10


def test_a_body_group_without_a_women_column_is_a_problem_not_dropped(tmp_path: Path) -> None:
    rows = [
        ["NHIỆM KỲ 2015-2020"],
        ["Đơn vị", "Ban Thường vụ", None, "Ban Chấp hành", None],
        [None, "Tổng số", "Ghi chú", "Tổng số", "Nữ"],
        ["Huyện Nga Sơn", 12, "x", 37, 6],
    ]
    with pytest.raises(DataError, match='có cột "Nữ" dưới "Ban Thường vụ"'):
        read_counts(build(tmp_path / "g.xlsx", rows, merges=["A2:A3", "B2:C2", "D2:E2"]))


def test_the_reading_log_is_shared_not_deep_copied() -> None:
    # pandas deep-copies attrs on every operation: a log of thousands of rows must not be copied
    import copy

    import pandas as pd

    from gender_stats.io import ReadingLog

    log = ReadingLog()
    for r in range(3):
        log.add("a.xlsx", "S", r + 1, "data", "used", f"Huyện {r}")  # type: ignore[arg-type]
    frame = pd.DataFrame({"a": [1, 2]})
    frame.attrs["reading"] = log
    assert copy.deepcopy(log) is log
    assert frame[frame["a"] > 1].attrs["reading"] is log


def test_other_counts_that_are_not_whole_numbers_are_problems(tmp_path: Path) -> None:
    # seats "1.146" typed by an en-US Excel (1.146, a decimal) and an under-40 count of -3: never
    # silently blank, each reported at its cell
    rows = [list(r) for r in MAU_30]
    rows[6][2] = 1.146
    rows[7][8] = -3
    merges = ["A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:F4", "G4:H4", "I4:J4"]
    with pytest.raises(DataError) as info:
        read_counts(build(tmp_path / "m30.xlsx", rows, merges=merges))
    got = [(p.row, p.column, p.value) for p in info.value.problems]
    assert (7, "C", 1.146) in got and (8, "I", -3) in got
    assert len(got) == len(set(got))


def test_a_transposed_criterion_that_is_not_a_whole_number_is_a_problem(tmp_path: Path) -> None:
    rows = [list(r) for r in BIEU_9B]
    dtts = next(i for i, r in enumerate(rows) if r and r[0] == "- Dân tộc thiểu số")
    rows[dtts][1] = 2.5
    path = build(tmp_path / "9b.xlsx", rows, merges=BIEU_MERGES)
    with pytest.raises(DataError) as info:
        read_counts(path, term="2020-2025")
    got = [(p.row, p.column, p.value) for p in info.value.problems]
    assert got == [(dtts + 1, "B", 2.5)]


def test_ods_hidden_row_after_repeated_blank_rows_is_the_right_row(tmp_path: Path) -> None:
    # LibreOffice writes a run of blank rows as one <table:table-row number-rows-repeated="3">;
    # the rows after it must keep their numbers (the attribute was read as "repeated" and
    # ignored, so the row hidden below was taken for the row 2 lines above it)
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    def filled(values: list[Any], **attrs: Any) -> Any:
        tr = TableRow(**attrs)
        for v in values:
            if isinstance(v, int):
                cell = TableCell(valuetype="float", value=v)
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(v)))
            tr.addElement(cell)
        return tr

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Sheet1")
    table.addElement(filled(["NHIỆM KỲ 2015-2020"]))
    table.addElement(filled(["Đơn vị", "Cấp", "Cơ quan", "Tổng số", "Nữ"]))
    table.addElement(filled(["Huyện Nga Sơn", "huyện", "BCH", 37, 6]))
    blank = TableRow(numberrowsrepeated=3)
    blank.addElement(TableCell())
    table.addElement(blank)  # rows 4-6
    table.addElement(filled(["Huyện Cũ", "huyện", "BCH", 30, 1], visibility="collapse"))  # row 7
    table.addElement(filled(["Sở Y tế", "sở", "BCH", 9, 4]))  # row 8
    doc.spreadsheet.addElement(table)
    path = tmp_path / "rep.ods"
    doc.save(str(path))
    with pytest.warns(HiddenDataWarning, match=": 7"):
        out = read_counts(path)
    assert records(out) == {
        ("huyen-nga-son", "district", "party_committee", 37, 6),
        ("so-y-te", "agency", "party_committee", 9, 4),
    }


def test_ods_dates_shown_as_month_and_year_give_the_year_only(tmp_path: Path) -> None:
    pytest.importorskip("odf")
    import datetime as dt

    import pandas as pd
    from odf.number import DateStyle, Day, Month, Year
    from odf.number import Text as NumberText
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    from gender_stats import read_roster

    doc = OpenDocumentSpreadsheet()
    month_year = DateStyle(name="MY")
    for part in (Month(style="long"), NumberText(text="/"), Year(style="long")):
        month_year.addElement(part)
    full = DateStyle(name="DMY")
    for part in (Day(style="long"), NumberText(text="/"), Month(style="long")):
        full.addElement(part)
    full.addElement(NumberText(text="/"))
    full.addElement(Year(style="long"))
    for style in (month_year, full):
        doc.automaticstyles.addElement(style)
    by_month = Style(name="cMY", family="table-cell", datastylename="MY")
    by_day = Style(name="cDMY", family="table-cell", datastylename="DMY")
    for style in (by_month, by_day):
        doc.automaticstyles.addElement(style)
    table = Table(name="Sheet1")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    table.addElement(TableColumn(defaultcellstylename=by_month))  # the birth column: mm/yyyy
    table.addElement(TableColumn())

    def row(values: list[Any]) -> Any:
        tr = TableRow()
        for v in values:
            if isinstance(v, tuple):  # (date, own style or None: the column's)
                date, style = v
                kw = {"stylename": style} if style is not None else {}
                cell = TableCell(valuetype="date", datevalue=date.isoformat(), **kw)
            elif isinstance(v, int):
                cell = TableCell(valuetype="float", value=v)
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(v)))
            tr.addElement(cell)
        return tr

    title = "DANH SÁCH TRÍCH NGANG BAN THƯỜNG VỤ HUYỆN ỦY NHƯ THANH, NHIỆM KỲ 2020 - 2025"
    table.addElement(row([title]))
    table.addElement(row(["STT", "Họ và tên", "Ngày sinh", "Giới tính"]))
    table.addElement(row([1, "Lò Văn Cường", (dt.date(1968, 4, 1), None), "Nam"]))
    table.addElement(row([2, "Hà Thị Bình", (dt.date(1975, 11, 1), by_month), "Nữ"]))
    table.addElement(row([3, "Vi Thị Mai", (dt.date(1979, 3, 14), by_day), "Nữ"]))
    doc.spreadsheet.addElement(table)
    path = tmp_path / "ds.ods"
    doc.save(str(path))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = read_roster(path, unit="Huyện Như Thanh", level="district")
    assert out["birth_year"].tolist() == [1968, 1975, 1979]
    dates = out["birth_date"].tolist()
    assert pd.isna(dates[0]) and pd.isna(dates[1])  # shown 04/1968, 11/1975: no day made up
    assert dates[2].date() == dt.date(1979, 3, 14)
