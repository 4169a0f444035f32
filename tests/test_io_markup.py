"""Spreadsheets saved as markup: an HTML table or Excel 2003 XML named ``.xls``.

Much software "exports to Excel" this way; Excel opens such files, so the readers must too,
with every row accounted for.  Expected values are worked out by hand from the files below.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gender_stats as gs
from gender_stats.cli import main
from gender_stats.errors import FileFormatError
from gender_stats.io import HiddenDataWarning

HTML_EXPORT = """<html xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<style>td {{ mso-number-format:"\\@"; }}</style><title>Xuất Excel</title></head>
<body>
<table border="1">
<tr><td colspan="8" align="center"><b>BÁO CÁO SỐ LƯỢNG NỮ THAM GIA CẤP ỦY</b></td></tr>
<tr><td colspan="8">Nhiệm kỳ 2020 - 2025</td></tr>
<tr><th rowspan="2">STT</th><th rowspan="2">Tên<br>đơn vị</th>
    <th colspan="3">Ban Chấp<br/>hành</th><th colspan="3">BAN THƯỜNG VỤ</th></tr>
<tr><th>Tổng số</th><th>Nữ</th><th>Tỷ lệ (%)</th><th>Tổng  số</th><th>Nữ</th><th>Tỷ lệ (%)</th></tr>
<tr><td>I</td><td colspan="7"><b>Khối huyện</b></td></tr>
<tr><td>1</td><td>Huyện   Quan Hóa</td><td>45</td><td>7</td><td>15,56</td>
    <td>13</td><td>2</td><td>15,38</td></tr>
<tr style="display: none"><td>2</td><td>Huyện Cũ</td><td>40</td><td>5</td><td>12,5</td>
    <td>11</td><td>1</td><td>9,09</td></tr>
<tr><td>2</td><td>Huyện Quan Sơn</td><td>41</td><td>&nbsp;6</td><td>14,63</td>
    <td>13</td><td>1</td><td>7,69</td></tr>
<tr><td></td><td>Cộng khối huyện</td><td>86</td><td>13</td><td>15,12</td>
    <td>26</td><td>3</td><td>11,54</td></tr>
{extra}
</table>
<p>Ghi chú: số liệu đến 31/12/2020</p>
<table><tr><td>NGƯỜI LẬP BIỂU</td><td></td><td>TRƯỞNG BAN</td></tr></table>
</body></html>
"""


def _read(path: Path, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        counts = gs.read_counts(path, **kwargs)
    return counts, caught


def _pairs(counts) -> list[tuple[str, str, int, int]]:
    rows = counts[["unit_name", "body", "total", "female"]].itertuples(index=False)
    return sorted((str(u), str(b), int(t), int(f)) for u, b, t, f in rows)


def test_an_html_table_saved_as_xls_is_read_with_every_row_accounted_for(tmp_path):
    path = tmp_path / "bao cao.xls"
    path.write_text(HTML_EXPORT.format(extra=""), encoding="utf-8")
    counts, caught = _read(path)
    assert _pairs(counts) == [
        ("Huyện Quan Hóa", "party_committee", 45, 7),
        ("Huyện Quan Hóa", "standing_committee", 13, 2),
        ("Huyện Quan Sơn", "party_committee", 41, 6),
        ("Huyện Quan Sơn", "standing_committee", 13, 1),
    ]
    assert set(counts["term"]) == {"2020-2025"}
    # the hidden row (an abolished unit) is passed over, and said
    hidden = [w for w in caught if issubclass(w.category, HiddenDataWarning)]
    assert len(hidden) == 1 and "7" in str(hidden[0].message)
    log = counts.attrs["reading"]
    # 2 title rows, 2 header rows, a section, 2 units, a hidden row, a subtotal, a note, signature
    assert (log.rows_read, log.rows_used, log.rows_reported, log.rows_structural) == (11, 2, 1, 8)
    kinds = [str(e.kind) for e in log.entries]
    assert kinds.count("subtotal") == 1 and kinds.count("note") == 1
    assert kinds.count("signature") == 1


def test_a_unit_after_the_subtotal_is_not_lost(tmp_path):
    extra = (
        "<tr><td>II</td><td colspan='7'>Khối sở, ban, ngành</td></tr>"
        "<tr><td>1</td><td>Sở Nội vụ</td><td>9</td><td>3</td><td>33,3</td>"
        "<td></td><td></td><td></td></tr>"
    )
    path = tmp_path / "bc.xls"
    path.write_text(HTML_EXPORT.format(extra=extra), encoding="utf-8")
    counts, _ = _read(path)
    assert ("Sở Nội vụ", "party_committee", 9, 3) in _pairs(counts)
    assert len(counts) == 5


def test_a_count_that_disagrees_with_its_share_or_sum_is_reported(tmp_path):
    page = HTML_EXPORT.format(extra="").replace(
        "<td>41</td><td>&nbsp;6</td>", "<td>41</td><td>60</td>"
    )
    path = tmp_path / "bc.xls"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(gs.DataError) as err:
        gs.read_counts(path)
    text = str(err.value)
    assert 'giá trị "60"' in text and "bc.xls" in text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_html_with_a_bom_is_decoded(tmp_path, encoding):
    path = tmp_path / "bc.htm"
    path.write_bytes(HTML_EXPORT.format(extra="").encode(encoding))
    counts, _ = _read(path)
    assert len(counts) == 4 and "Huyện Quan Sơn" in set(counts["unit_name"])


def test_an_html_page_without_a_table_or_with_a_sheet_asked_is_refused(tmp_path):
    path = tmp_path / "bc.xls"
    path.write_text("<html><body><p>Không có số liệu</p></body></html>", encoding="utf-8")
    with pytest.raises(FileFormatError, match=r"HTML.*no table"):
        gs.read_counts(path)
    path.write_text(HTML_EXPORT.format(extra=""), encoding="utf-8")
    with pytest.raises(FileFormatError, match="no sheets"):
        gs.read_counts(path, sheet="Sheet1")


SPREADSHEET_XML = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Biểu 01">
  <Table>
   <Row><Cell ss:MergeAcross="4"><Data ss:Type="String">TỔNG HỢP NỮ THAM GIA CẤP ỦY NHIỆM KỲ 2015 - 2020</Data></Cell></Row>
   <Row ss:Index="3"><Cell ss:MergeDown="1"><Data ss:Type="String">Đơn vị</Data></Cell>
    <Cell ss:MergeAcross="1"><Data ss:Type="String">Ban Chấp hành</Data></Cell>
    <Cell ss:MergeAcross="1"><Data ss:Type="String">Ban Thường vụ</Data></Cell></Row>
   <Row><Cell ss:Index="2"><Data ss:Type="String">Tổng số</Data></Cell>
    <Cell><Data ss:Type="String">Nữ</Data></Cell>
    <Cell><Data ss:Type="String">Tổng số</Data></Cell>
    <Cell><Data ss:Type="String">Nữ</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">Huyện Nga Sơn</Data></Cell>
    <Cell><Data ss:Type="Number">39</Data></Cell><Cell><Data ss:Type="Number">5</Data></Cell>
    <Cell><Data ss:Type="Number">13</Data></Cell><Cell><Data ss:Type="Number">2</Data></Cell></Row>
   <Row ss:Hidden="1"><Cell><Data ss:Type="String">Huyện Tĩnh Gia (cũ)</Data></Cell>
    <Cell><Data ss:Type="Number">45</Data></Cell><Cell><Data ss:Type="Number">4</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">Thị xã Nghi Sơn</Data></Cell>
    <Cell><Data ss:Type="Number">45</Data></Cell><Cell><Data ss:Type="Number">6</Data></Cell>
    <Cell ss:Index="4"><Data ss:Type="Number">13</Data></Cell>
    <Cell><Data ss:Type="Number">1</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">Tổng cộng</Data></Cell>
    <Cell ss:Formula="=SUM(R[-3]C:R[-1]C)"><Data ss:Type="Number">84</Data></Cell>
    <Cell><Data ss:Type="Number">11</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="Ẩn">
  <Table><Row><Cell><Data ss:Type="String">nháp</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">
   <Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
</Workbook>
"""


def test_excel_2003_xml_saved_as_xls_is_read(tmp_path):
    path = tmp_path / "tong hop.xls"
    path.write_text(SPREADSHEET_XML, encoding="utf-8")
    counts, caught = _read(path)
    assert _pairs(counts) == [
        ("Huyện Nga Sơn", "party_committee", 39, 5),
        ("Huyện Nga Sơn", "standing_committee", 13, 2),
        ("Thị xã Nghi Sơn", "party_committee", 45, 6),
        ("Thị xã Nghi Sơn", "standing_committee", 13, 1),
    ]
    assert "Huyện Tĩnh Gia (cũ)" not in set(counts["unit_name"])  # a hidden row, said
    assert any(issubclass(w.category, HiddenDataWarning) for w in caught)
    assert set(counts["term"]) == {"2015-2020"}


def test_excel_2003_xml_half_a_body_is_a_problem_at_its_cell(tmp_path):
    # Nghi Sơn's standing committee: women typed (column E, ss:Index 5), the total left blank
    text = SPREADSHEET_XML.replace(
        '<Cell ss:Index="4"><Data ss:Type="Number">13</Data></Cell>\n    <Cell>',
        '<Cell ss:Index="5">',
    )
    path = tmp_path / "bc.xls"
    path.write_text(text, encoding="utf-8")
    where = r'trang "Biểu 01", ô D7 \(cột "Ban Thường vụ / Tổng số"\)'
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HiddenDataWarning)  # the hidden sheet "Ẩn", said
        with pytest.raises(gs.DataError, match=where):
            gs.read_counts(path)


def test_excel_2003_xml_sheets_are_named(tmp_path):
    path = tmp_path / "bc.xml"
    path.write_text(SPREADSHEET_XML, encoding="utf-8")
    counts, _ = _read(path, sheet="Biểu 01")
    assert int(counts.loc[counts["body"] == "party_committee", "total"].sum()) == 84
    with pytest.raises(FileFormatError, match="Biểu 01"):
        gs.read_counts(path, sheet="Biểu 02")  # the error lists the sheets there are


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ('<?xml version="1.0"?><note><to>Sở</to></note>', "XML"),
        (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet/></Workbook>',
            "entities",
        ),
        (
            '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
            "<Worksheet><Table><Row>",
            "damaged XML",
        ),
    ],
)
def test_other_xml_is_refused_clearly(tmp_path, content, match):
    path = tmp_path / "bc.xls"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FileFormatError, match=match):
        gs.read_counts(path)


def test_the_cli_reads_an_html_export(tmp_path, capsys):
    path = tmp_path / "bc.xls"
    path.write_text(HTML_EXPORT.format(extra=""), encoding="utf-8")
    assert main(["validate", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "4 rows — counts" in out and "11 rows read = 2 used + 1 reported + 8 structural" in out


names = st.lists(
    st.sampled_from(["Huyện Quan Hóa", "Huyện Mường Lát", "Thị xã Bỉm Sơn", "Sở Tư pháp"]),
    min_size=1,
    max_size=4,
    unique=True,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    units=names,
    data=st.data(),
    kind=st.sampled_from(["html", "xml"]),
    breaks=st.booleans(),
    dots=st.booleans(),
)
def test_what_is_planted_in_a_markup_export_is_read(
    tmp_path_factory, units, data, kind, breaks, dots
):
    """A generated export (HTML or Excel 2003 XML) gives back exactly the counts put in it."""
    planted = {}
    for name in units:
        total = data.draw(st.integers(1, 2000))
        planted[name] = (total, data.draw(st.integers(0, total)))
    path = tmp_path_factory.mktemp("m") / "bc.xls"
    header = "Ban Chấp\nhành" if breaks else "Ban Chấp hành"
    if kind == "html":
        rows = "".join(
            f"<tr><td>{k}</td><td>{n}</td><td>{t:,}</td><td>{f}</td></tr>".replace(
                ",", "." if dots else ""
            )
            for k, (n, (t, f)) in enumerate(planted.items(), start=1)
        )
        path.write_text(
            "<html><body><p>NHIỆM KỲ 2020-2025</p><table>"
            f"<tr><th rowspan=2>STT</th><th rowspan=2>Đơn vị</th>"
            f"<th colspan=2>{header.replace(chr(10), '<br>')}</th></tr>"
            f"<tr><th>Tổng số</th><th>Nữ</th></tr>{rows}</table></body></html>",
            encoding="utf-8",
        )
    else:
        rows = "".join(
            f'<Row><Cell><Data ss:Type="String">{n}</Data></Cell>'
            f'<Cell><Data ss:Type="Number">{t}</Data></Cell>'
            f'<Cell><Data ss:Type="Number">{f}</Data></Cell></Row>'
            for n, (t, f) in planted.items()
        )
        path.write_text(
            '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table>'
            '<Row><Cell><Data ss:Type="String">NHIỆM KỲ 2020-2025</Data></Cell></Row>'
            '<Row><Cell ss:MergeDown="1"><Data ss:Type="String">Đơn vị</Data></Cell>'
            f'<Cell ss:MergeAcross="1"><Data ss:Type="String">{header}</Data></Cell></Row>'
            '<Row><Cell ss:Index="2"><Data ss:Type="String">Tổng số</Data></Cell>'
            '<Cell><Data ss:Type="String">Nữ</Data></Cell></Row>'
            f"{rows}</Table></Worksheet></Workbook>",
            encoding="utf-8",
        )
    # "1.000" alone could be 1000 or 1: a text export says which with thousands= (else: a problem)
    counts, _ = _read(path, thousands=".") if dots else _read(path)
    got = {
        str(u): (int(t), int(f)) for u, t, f in counts[["unit_name", "total", "female"]].to_numpy()
    }
    assert got == planted
    assert set(counts["body"]) == {"party_committee"}
