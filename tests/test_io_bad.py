"""Bad input: files that cannot be read (FileFormatError) and data that break the rules (DataError)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from gender_stats.errors import DataError, FileFormatError, LegacyEncodingWarning
from gender_stats.io import read_counts, read_roster, read_units

GOOD = [
    ["Nhiệm kỳ", "Đơn vị", "Cấp", "Cơ quan", "Tổng số", "Nữ"],
    ["2015-2020", "Huyện Quan Hóa", "huyện", "BCH", 39, 5],
    ["2015-2020", "Huyện Cẩm Thủy", "huyện", "BCH", 41, 8],
]


# ---- files that cannot be read at all ------------------------------------------------------
def test_empty_files(tmp_path: Path) -> None:
    for name in ("a.csv", "a.xlsx", "a.parquet"):
        (tmp_path / name).write_bytes(b"")
        with pytest.raises(FileFormatError, match="tệp rỗng"):
            read_counts(tmp_path / name)
    (tmp_path / "b.csv").write_text("\n \n", encoding="utf-8")
    with pytest.raises(FileFormatError, match="tệp rỗng"):
        read_counts(tmp_path / "b.csv")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="không tìm thấy"):
        read_counts(tmp_path / "none.xlsx")


def test_wrong_sheet_name_lists_the_sheets(xlsx) -> None:
    path = xlsx(sheets={"2015-2020": GOOD, "2020-2025": GOOD})
    with pytest.raises(
        FileFormatError, match=r"không có trang '2010-2015'.*\['2015-2020', '2020-2025'\]"
    ):
        read_counts(path, sheet="2010-2015")


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"%PDF-1.7\n1 0 obj\n", "PDF"),
        ("Đơn vị,Nữ\nA,1\n".encode(), "không phải bảng tính"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "mật khẩu"),
    ],
    ids=["pdf", "text", "encrypted"],
)
def test_not_a_workbook(tmp_path: Path, content: bytes, match: str) -> None:
    path = tmp_path / "bc.xlsx"
    path.write_bytes(content)
    with pytest.raises(FileFormatError, match=match):
        read_counts(path)


def test_damaged_old_xls(tmp_path: Path) -> None:
    # .xls files are read (issue 10 §10); a damaged one says so
    path = tmp_path / "bc.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(FileFormatError, match=r"\.xls hỏng.*Save As \.xlsx"):
        read_counts(path)


def test_truncated_xlsx(xlsx) -> None:
    path = xlsx(GOOD)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(FileFormatError, match="hỏng hoặc bị cắt"):
        read_counts(path)


def test_unsupported_extension_and_binary_csv(tmp_path: Path) -> None:
    (tmp_path / "bc.docx").write_bytes(b"PK\x03\x04")
    with pytest.raises(FileFormatError, match="không hỗ trợ"):
        read_counts(tmp_path / "bc.docx")
    (tmp_path / "bc.csv").write_bytes(b"PK\x03\x04\x00\x00")
    with pytest.raises(FileFormatError, match="CSV UTF-8"):
        read_counts(tmp_path / "bc.csv")


def test_csv_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    path.write_bytes(b"Don vi,Tong so,Nu\nQuan H\xf3a,3,1\n")  # "Hóa" in Windows-1252
    with pytest.raises(FileFormatError, match="UTF-8"):
        read_counts(path)


def test_damaged_parquet(tmp_path: Path) -> None:
    path = tmp_path / "bc.parquet"
    path.write_bytes(b"PAR1 this is not really parquet PAR1")
    with pytest.raises(FileFormatError, match="Parquet hỏng"):
        read_counts(path)


def test_no_header_row(tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(DataError, match="header row"):
        read_counts(path, term="2015-2020")


# ---- data that break the rules -------------------------------------------------------------
def test_missing_column(xlsx) -> None:
    rows = [list(r[:5]) for r in GOOD]  # no "Nữ"
    with pytest.raises(DataError, match='có cột "female"') as info:
        read_counts(xlsx(rows))
    err = info.value
    (p,) = err.problems
    assert (p.file, p.sheet, p.row, p.header) == ("bc.xlsx", "Sheet1", 1, "female")
    assert (err.rows_read, err.rows_used, err.rows_reported) == (2, 0, 2)


def test_female_above_total_negative_fraction_and_text(xlsx) -> None:
    rows = [
        GOOD[0],
        ["2015-2020", "Huyện Quan Hóa", "huyện", "BCH", 39, 45],  # female > total
        ["2015-2020", "Huyện Cẩm Thủy", "huyện", "BCH", -1, 0],  # negative
        ["2015-2020", "Huyện Như Thanh", "huyện", "BCH", 35.5, 4],  # fractional
        ["2015-2020", "Huyện Ngọc Lặc", "huyện", "BCH", "ba mươi", 4],  # text
        ["2015-2020", "Huyện Vĩnh Lộc", "huyện", "BCH", "33", 4],  # typed as text: read as 33
        ["2015-2020", "Huyện Hậu Lộc", "huyện", "BCH", 33, 4],  # fine
        [],
        [],
    ]
    with pytest.raises(DataError) as info:
        read_counts(xlsx(rows))
    err = info.value
    got = [(p.row, p.column, p.header, p.value) for p in err.problems]
    assert got == [
        (2, "F", "Nữ", 45),
        (3, "E", "Tổng số", -1),
        (4, "E", "Tổng số", 35.5),
        (5, "E", "Tổng số", "ba mươi"),
    ]
    assert "female ≤ total" in err.problems[0].expected
    assert (err.rows_read, err.rows_used, err.rows_reported) == (6, 2, 4)
    assert err.rows_used + err.rows_reported == err.rows_read
    assert 'ô F2 (cột "Nữ")' in str(err)


def test_unknown_body_and_bad_term_in_columns(tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    path.write_text(
        "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ\n"
        "2015-2020,Huyện Quan Hóa,huyện,Hội Nông dân,39,5\n"
        "2020-2015,Huyện Cẩm Thủy,huyện,BCH,41,8\n"
        "2015-2020,Huyện Cẩm Thủy,huyện,BCH,41,8\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        read_counts(path)
    got = [(p.row, p.column, p.value) for p in info.value.problems]
    assert got == [(2, "D", "Hội Nông dân"), (3, "A", "2020-2015")]


def test_duplicated_rows(tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    path.write_text(
        "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ\n"
        "2015-2020,Huyện Quan Hóa,huyện,BCH,39,5\n"
        "2015-2020,Huyện Quan Hoá,huyện,BCH,39,5\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="trùng với dòng 2") as info:
        read_counts(path)
    assert [p.row for p in info.value.problems] == [3]


def test_row_blank_except_one_cell_is_not_skipped(xlsx) -> None:
    rows = [*GOOD, [None, "Huyện Mường Lát"], [], []]
    with pytest.raises(DataError, match="blank except for one cell") as info:
        read_counts(xlsx(rows))
    err = info.value
    assert [(p.row, p.column) for p in err.problems] == [(4, "B")]
    assert (err.rows_read, err.rows_used, err.rows_reported) == (3, 2, 1)


def test_trailing_blank_rows_are_not_data_rows(xlsx) -> None:
    rows = [*GOOD, [None] * 6, [None] * 6, ["", " ", None]]
    assert len(read_counts(xlsx(rows))) == 2


def test_stt_only_row_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    path.write_text(
        "STT,Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ\n1,2015-2020,Huyện Quan Hóa,huyện,BCH,39,5\n2,,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        read_counts(path)
    assert [(p.row, p.column) for p in info.value.problems] == [(3, "A")]


def test_errors_of_several_sheets_are_combined(xlsx) -> None:
    bad = [GOOD[0], ["2015-2020", "Huyện Quan Hóa", "huyện", "BCH", 39, 45]]
    path = xlsx(sheets={"A": bad, "B": GOOD, "C": bad})
    with pytest.raises(DataError) as info:
        read_counts(path)
    err = info.value
    assert [(p.sheet, p.row) for p in err.problems] == [("A", 2), ("C", 2)]
    assert (err.rows_read, err.rows_used, err.rows_reported) == (4, 2, 2)


def test_same_key_on_two_sheets(xlsx) -> None:
    path = xlsx(sheets={"A": GOOD, "B": GOOD[:2]})
    with pytest.raises(DataError, match="across sheets") as info:
        read_counts(path)
    assert [p.sheet for p in info.value.problems] == ["A", "B"]


def test_units_file_problems(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(
        "Mã đơn vị,Tên đơn vị,Cấp,Loại\nTH01,Huyện Quan Hóa,huyện,huyện\nTH01,Huyện Cẩm Thủy,huyện,huyện\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="mã đơn vị không trùng") as info:
        read_units(path)
    assert [(p.row, p.column) for p in info.value.problems] == [(3, "A")]


def test_roster_missing_sex_column(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("Họ và tên,Năm sinh\nHà Thị Bình,1975\n", encoding="utf-8")
    with pytest.raises(DataError, match='có cột "sex"'):
        read_roster(path, term="2015-2020", unit="Huyện Quan Hóa", body="BCH", level="district")


def test_input_frame_untouched_on_error(tmp_path: Path) -> None:
    units = pd.DataFrame(
        {
            "unit_id": ["TH01"],
            "unit_name": ["Huyện Quan Hóa"],
            "level": ["district"],
            "kind": ["huyện"],
        }
    )
    before = units.copy()
    path = tmp_path / "bc.csv"
    path.write_text(
        "Nhiệm kỳ,Đơn vị,Cơ quan,Tổng số,Nữ\n2015-2020,Huyện X,BCH,39,5\n", encoding="utf-8"
    )
    with pytest.raises(DataError):
        read_counts(path, units=units)
    pd.testing.assert_frame_equal(units, before)


# ---- legacy encodings ----------------------------------------------------------------------
def test_tcvn3_unit_names_are_converted_with_a_warning(xlsx) -> None:
    pytest.importorskip("gender_stats.io._legacy")
    rows = [
        ["Nhiệm kỳ", "Đơn vị", "Cấp", "Cơ quan", "Tổng số", "Nữ"],
        ["2015-2020", "Thanh Hãa", "tỉnh", "BCH", 69, 9],
        ["2015-2020", "Huyªn Qu¶ng X­¬ng", "huyện", "BCH", 41, 8],
    ]
    with pytest.warns(LegacyEncodingWarning, match="B"):
        out = read_counts(xlsx(rows))
    assert out["unit_name"].tolist()[0] == "Thanh Hóa"


def test_merged_cells_in_a_tidy_table(xlsx) -> None:
    # a level merged down three units names each of them (as it shows); the log says so
    rows = [*GOOD, ["2015-2020", "Huyện Như Thanh", None, "BCH", 33, 4]]
    counts = read_counts(xlsx(rows, merges=["C2:C4"]))
    assert counts["level"].tolist() == ["district"] * 3
    assert any("C2:C4" in note for note in counts.attrs["reading"].notes)
    # a count merged down two rows belongs to neither: reported
    with pytest.raises(DataError, match="unmerge E3:E4") as info:
        read_counts(xlsx(rows, merges=["E3:E4"]))
    assert (3, "E") in [(p.row, p.column) for p in info.value.problems]


def test_blank_cells_are_problems_not_filled(tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    path.write_text(
        "Nhiệm kỳ,Mã đơn vị,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ\n"
        "2015-2020,TH01,,huyện,BCH,39,5\n"
        "2015-2020,TH02,Huyện Cẩm Thủy,,BCH,41,8\n"
        "2015-2020,TH03,Huyện Như Thanh,huyện,,33,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        read_counts(path)
    got = [(p.row, p.column) for p in info.value.problems]
    assert got == [(2, "C"), (3, "D"), (4, "E"), (4, "G")]
    assert info.value.rows_used == 0
