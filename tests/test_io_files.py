"""Issue 12 §3-§4: wrong kinds of file get specific messages; size and time guards."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from gender_stats.errors import FileFormatError
from gender_stats.io import read_counts
from gender_stats.io._excel import load_grids

HEADER = "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ\n"


def test_a_folder_and_a_missing_path_say_which(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="thư mục, không phải tệp"):
        read_counts(tmp_path)
    with pytest.raises(FileFormatError, match=r"không có tệp 'none\.xlsx' trong"):
        read_counts(tmp_path / "none.xlsx")
    with pytest.raises(FileFormatError, match=r"thư mục .* không tồn tại"):
        read_counts(tmp_path / "no_folder" / "a.xlsx")


def test_utf16_csv_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    text = "Nhiệm kỳ\tĐơn vị\tCấp\tCơ quan\tTổng số\tNữ\n2015-2020\tHuyện A\thuyện\tBCH\t3\t1\n"
    path.write_bytes(text.encode("utf-16"))  # Excel's "Unicode Text": UTF-16 with a BOM, tabs
    assert read_counts(path)[["unit_name", "total", "female"]].values.tolist() == [
        ["Huyện A", 3, 1]
    ]


def test_an_ods_renamed_xlsx_is_read_as_ods(tmp_path: Path) -> None:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="S")
    for row in (
        ["Nhiệm kỳ", "Đơn vị", "Cấp", "Cơ quan", "Tổng số", "Nữ"],
        ["2015-2020", "Huyện A", "huyện", "BCH", 3, 1],
    ):
        tr = TableRow()
        for v in row:
            cell = (
                TableCell(valuetype="float", value=v)
                if isinstance(v, int)
                else TableCell(valuetype="string")
            )
            cell.addElement(P(text=str(v)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(tmp_path / "real.ods"))
    renamed = tmp_path / "bc.xlsx"
    renamed.write_bytes((tmp_path / "real.ods").read_bytes())
    assert read_counts(renamed)["female"].tolist() == [1]


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("<html><body><table><tr><td>1</td></tr></table></body></html>", "HTML"),
        (
            '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
            "XML",
        ),
    ],
)
def test_html_or_xml_renamed_xls(tmp_path: Path, content: str, match: str) -> None:
    path = tmp_path / "bc.xls"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FileFormatError, match=match):
        read_counts(path)


def test_empty_file_and_unclosed_quote(tmp_path: Path) -> None:
    (tmp_path / "e.xlsx").write_bytes(b"")
    with pytest.raises(FileFormatError, match="tệp rỗng"):
        read_counts(tmp_path / "e.xlsx")
    path = tmp_path / "q.csv"
    path.write_text(
        HEADER + '2015-2020,"Huyện A,huyện,BCH,3,1\n2015-2020,B,huyện,BCH,4,2\n', "utf-8"
    )
    with pytest.raises(FileFormatError, match=r"ô B2 \(dòng 2\)"):
        read_counts(path)


def test_a_cell_longer_than_excel_allows(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(HEADER + "2015-2020," + "A" * 40_000 + ",huyện,BCH,3,1\n", encoding="utf-8")
    with pytest.raises(FileFormatError, match="32767"):
        read_counts(path)


def test_a_zip_bomb_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["Đơn vị", "Tổng số", "Nữ"])
    path = tmp_path / "bomb.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/padding.bin", b"\0" * (3 * 2**20))  # 3 MiB, compresses to a few KiB
    start = time.perf_counter()
    with pytest.raises(FileFormatError, match="giải nén ra 3 MB"):
        load_grids(path, max_bytes=2 * 2**20)
    assert time.perf_counter() - start < 5


def test_a_sheet_claiming_a_million_rows_holding_a_few_values(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["Nhiệm kỳ", "Đơn vị", "Cấp", "Cơ quan", "Tổng số", "Nữ"],
                ["2015-2020", "Huyện A", "huyện", "BCH", 3, 1]):  # fmt: skip
        ws.append(row)
    ws["F1048576"].number_format = "0.0"  # a formatted empty cell at the last row
    path = tmp_path / "tall.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        assert b"1048576" in zf.read("xl/worksheets/sheet1.xml")
    start = time.perf_counter()
    assert read_counts(path)["total"].tolist() == [3]
    assert time.perf_counter() - start < 10  # about the time of its few values, not 90 s
