"""Tidy tables: CSV (BOM or not, comma or semicolon), XLSX and Parquet, any header spelling."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gender_stats as gs
from gender_stats.errors import DataError
from gender_stats.io import read_counts, read_roster, read_units
from gender_stats.io._common import percent_ok
from gender_stats.io._counts import MismatchWarning

UNITS = pd.DataFrame(
    {
        "unit_id": ["TH01", "TH02", "SO01"],
        "unit_name": ["Huyện Quan Hóa", "Huyện Cẩm Thuỷ", "Sở Tư pháp"],
        "level": ["district", "district", "agency"],
        "kind": ["huyện", "huyện", "sở"],
        "aliases": ["Quan Hoá", "", "Sở TP|Sở Tư Pháp Thanh Hóa"],
    }
)


def test_csv_with_bom_vietnamese_headers(tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    text = (
        "STT,Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ,Tỷ lệ (%)\n"
        '1,2015-2020,Huyện Quan Hóa,Cấp huyện,Ban Chấp hành,39,5,"12,8"\n'
        "2,2015-2020,Huyện Quan Hóa,Cấp huyện,Ban Thường vụ,13,1,7.7\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    out = read_counts(path)
    assert out.columns.tolist()[:7] == [
        "term",
        "unit_id",
        "unit_name",
        "level",
        "body",
        "total",
        "female",
    ]
    assert out.to_dict("records") == [
        {"term": "2015-2020", "unit_id": "huyen-quan-hoa", "unit_name": "Huyện Quan Hóa",
         "level": "district", "body": "party_committee", "total": 39, "female": 5},
        {"term": "2015-2020", "unit_id": "huyen-quan-hoa", "unit_name": "Huyện Quan Hóa",
         "level": "district", "body": "standing_committee", "total": 13, "female": 1},
    ]  # fmt: skip
    assert "share" not in out.columns


def test_csv_semicolon_no_bom_no_diacritics_upper_case(tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    path.write_text(
        "NHIEM KY;TEN DON VI;CAP;CO QUAN;TONG SO;NU\n2020-2025;Thị xã Bỉm Sơn;huyen;BTV;11;2\n",
        encoding="utf-8",
    )
    out = read_counts(path)
    assert out[["unit_id", "level", "body", "total", "female"]].to_dict("records") == [
        {"unit_id": "thi-xa-bim-son", "level": "district", "body": "standing_committee",
         "total": 11, "female": 2},
    ]  # fmt: skip


def test_csv_english_headers_with_ids(tmp_path: Path) -> None:
    path = tmp_path / "counts.csv"
    path.write_text(
        "term,unit_id,unit_name,level,body,total,female\n"
        "2015-2020,TH01,Huyện Quan Hóa,district,party_committee,39,5\n"
        "2015-2020,TH02,Huyện Cẩm Thủy,district,party_committee,41,8\n",
        encoding="utf-8",
    )
    out = read_counts(path)
    assert out["unit_id"].tolist() == ["TH01", "TH02"]
    assert out["female"].tolist() == [5, 8]
    assert out["total"].dtype == "int64"


def test_parquet(tmp_path: Path) -> None:
    path = tmp_path / "counts.parquet"
    pd.DataFrame(
        {
            "Nhiệm kỳ": ["2015-2020"],
            "Mã đơn vị": ["TH01"],
            "Đơn vị": ["Huyện Quan Hóa"],
            "Cấp": ["district"],
            "Cơ quan": ["HĐND"],
            "Tổng số": [30],
            "Nữ": [9],
        }
    ).to_parquet(path)
    out = read_counts(path)
    assert out[["unit_id", "body", "total", "female"]].to_dict("records") == [
        {"unit_id": "TH01", "body": "peoples_council", "total": 30, "female": 9}
    ]


def test_tidy_xlsx_title_term_stt_and_total_row(xlsx) -> None:
    path = xlsx(
        [
            ["BÁO CÁO SỐ LIỆU CÁN BỘ NỮ, NHIỆM KỲ 2015 - 2020"],
            [],
            ["TT", "Đơn vị", "Cấp", "Ban", "Tổng số", "Nữ"],
            [1, "Huyện Quan Hóa", "huyện", "BCH", 39, 5],
            [2, "Huyện Cẩm Thủy", "huyện", "BCH", 41, 8],
            [None, "Tổng cộng", None, None, 80, 13],
            [],
        ]
    )
    out = read_counts(path)
    assert out["term"].tolist() == ["2015-2020", "2015-2020"]
    assert out["unit_name"].tolist() == ["Huyện Quan Hóa", "Huyện Cẩm Thủy"]
    assert out["total"].tolist() == [39, 41]


def test_tidy_total_row_mismatch_is_a_problem(xlsx) -> None:
    path = xlsx(
        [
            ["Đơn vị", "Cấp", "Ban", "Tổng số", "Nữ"],
            ["Huyện Quan Hóa", "huyện", "BCH", 39, 5],
            ["Huyện Cẩm Thủy", "huyện", "BCH", 41, 8],
            ["Tổng cộng", None, None, 80, 12],
        ]
    )
    with pytest.raises(DataError, match="13 = tổng") as info:
        read_counts(path, term="2015-2020", on_mismatch="raise")
    (p,) = info.value.problems
    assert (p.row, p.column, p.value) == (4, "E", 12)
    assert (info.value.rows_read, info.value.rows_used, info.value.rows_reported) == (2, 2, 0)
    # by default the counts (the primary data) stay usable: a warning names the cell
    with pytest.warns(MismatchWarning, match=r"ô E4 .*13 = tổng"):
        out = read_counts(path, term="2015-2020")
    assert out["female"].tolist() == [5, 8]
    log = out.attrs["reading"]
    assert [e.kind for e in log.entries] == ["header", "data", "data", "total"]
    assert any("E4" in n for n in log.notes)


def test_units_table_matches_names_and_aliases(tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    path.write_text(
        "Nhiệm kỳ,Đơn vị,Cơ quan,Tổng số,Nữ\n"
        "2015-2020,huyện quan hoá,BCH,39,5\n"
        "2015-2020,  Huyện   CẨM THỦY ,BCH,41,8\n"
        "2015-2020,Sở TP,BCH,9,3\n",
        encoding="utf-8",
    )
    out = read_counts(path, units=UNITS)
    assert out["unit_id"].tolist() == ["TH01", "TH02", "SO01"]
    # names stay as written (NFC, spaces collapsed): the id links them to the table
    assert out["unit_name"].tolist() == ["huyện quan hoá", "Huyện CẨM THỦY", "Sở TP"]
    assert out["level"].tolist() == ["district", "district", "agency"]


def test_unknown_unit_name_with_units_table(tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    path.write_text(
        "Nhiệm kỳ,Đơn vị,Cơ quan,Tổng số,Nữ\n"
        "2015-2020,Huyện Quan Hóa,BCH,39,5\n"
        "2015-2020,Huyện Mường Lát,BCH,33,4\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="bảng đơn vị") as info:
        read_counts(path, units=UNITS)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column, p.header, p.value) == (
        "bc.csv", 3, "B", "Đơn vị", "Huyện Mường Lát",
    )  # fmt: skip
    assert (info.value.rows_read, info.value.rows_used, info.value.rows_reported) == (2, 1, 1)


@pytest.mark.parametrize(
    ("reported", "ok"),
    [("12,5", True), ("12.6", True), ("12,59", True), ("12.4", False), ("13", True), ("11", False)],
)
def test_share_column_is_checked_then_dropped(tmp_path: Path, reported: str, ok: bool) -> None:
    # 17/135 = 12.592...%: truncated 12.5 and rounded 12.6 pass, 12.4 does not;
    # "13" (no decimals) is within one unit, "11" is not.
    path = tmp_path / "bc.csv"
    path.write_text(
        "Nhiệm kỳ;Đơn vị;Cấp;Cơ quan;Tổng số;Nữ;Tỷ lệ (%)\n"
        f"2015-2020;Tỉnh Thanh Hóa;tỉnh;BCH;135;17;{reported}\n",
        encoding="utf-8",
    )
    if ok:
        assert "share" not in read_counts(path).columns
    else:
        with pytest.raises(DataError, match="17/135") as info:
            read_counts(path, on_mismatch="raise")
        (p,) = info.value.problems
        assert (p.row, p.column, p.header, p.value) == (2, "G", "Tỷ lệ (%)", reported)
        with pytest.warns(MismatchWarning, match="17/135"):
            assert read_counts(path)["female"].tolist() == [17]


def test_sheets_concatenated_and_one_sheet(xlsx) -> None:
    header = ["Đơn vị", "Cấp", "Cơ quan", "Tổng số", "Nữ"]
    path = xlsx(
        sheets={
            "2015-2020": [
                ["NHIỆM KỲ 2015 - 2020"],
                header,
                ["Huyện Quan Hóa", "huyện", "BCH", 39, 5],
            ],
            "Trống": [],
            "2020-2025": [
                ["NHIỆM KỲ 2020 - 2025"],
                header,
                ["Huyện Quan Hóa", "huyện", "BCH", 35, 7],
            ],
        }
    )
    both = read_counts(path)
    assert both[["term", "total", "female"]].to_dict("records") == [
        {"term": "2015-2020", "total": 39, "female": 5},
        {"term": "2020-2025", "total": 35, "female": 7},
    ]
    one = read_counts(path, sheet="2020-2025")
    assert one["female"].tolist() == [7]


def test_term_from_sheet_name_when_nothing_else(xlsx) -> None:
    path = xlsx(
        [["Đơn vị", "Cấp", "Cơ quan", "Tổng số", "Nữ"], ["Huyện Quan Hóa", "huyện", "BCH", 39, 5]],
        sheet="NK 2015-2020",
    )
    assert read_counts(path)["term"].tolist() == ["2015-2020"]


def test_numbers_typed_as_text_in_csv_are_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    path.write_text(
        "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ\n2015-2020,Huyện Quan Hóa,huyện,BCH, 39 ,5\n",
        encoding="utf-8",
    )
    assert read_counts(path)["total"].tolist() == [39]


def test_read_units(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(
        "Mã đơn vị,Tên đơn vị,Cấp,Loại,Tên khác\n"
        "TH01,Huyện Quan Hóa,Cấp huyện,huyện,Quan Hoá\n"
        "SO01,Sở Tư pháp,agency,sở,\n",
        encoding="utf-8",
    )
    out = read_units(path)
    assert out[["unit_id", "level", "kind"]].to_dict("records") == [
        {"unit_id": "TH01", "level": "district", "kind": "huyện"},
        {"unit_id": "SO01", "level": "agency", "kind": "sở"},
    ]


def test_read_roster_tidy_csv(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(
        "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Họ và tên,Giới tính,Năm sinh,Dân tộc,Chức vụ\n"
        "2015-2020,Huyện Quan Hóa,huyện,BTV,Hà Thị Bình,Nữ,1975,Thái,Phó Bí thư\n"
        "2015-2020,Huyện Quan Hóa,huyện,BTV,Lò Văn Cường,nam,1968,Thái,Bí thư\n",
        encoding="utf-8",
    )
    out = read_roster(path)
    assert out[["person_id", "sex", "body", "birth_year", "ethnicity", "post"]].to_dict(
        "records"
    ) == [
        {"person_id": "huyen-quan-hoa/ha-thi-binh-9f37/1975", "sex": "F", "body": "standing_committee",
         "birth_year": 1975, "ethnicity": "Thái", "post": "Phó Bí thư"},
        {"person_id": "huyen-quan-hoa/lo-van-cuong-6872/1968", "sex": "M", "body": "standing_committee",
         "birth_year": 1968, "ethnicity": "Thái", "post": "Bí thư"},
    ]  # fmt: skip
    assert str(out["birth_year"].dtype) == "Int64"


def test_unknown_sex_value_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(
        "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Họ và tên,Giới tính\n"
        "2015-2020,Huyện Quan Hóa,huyện,BTV,Hà Thị Bình,Nữ\n"
        "2015-2020,Huyện Quan Hóa,huyện,BTV,Lò Văn Cường,x\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="Nữ hoặc Nam") as info:
        read_roster(path)
    (p,) = info.value.problems
    assert (p.row, p.column, p.header, p.value) == (3, "F", "Giới tính", "x")
    assert (info.value.rows_read, info.value.rows_used) == (2, 1)


def test_public_names_exported() -> None:
    assert gs.read_counts is read_counts
    assert {"read_counts", "read_roster", "read_units"} <= set(gs.__all__)


def test_reader_does_not_mutate_units(tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    path.write_text(
        "Nhiệm kỳ,Đơn vị,Cơ quan,Tổng số,Nữ\n2015-2020,Quan Hoá,BCH,39,5\n", encoding="utf-8"
    )
    before = UNITS.copy()
    read_counts(path, units=UNITS)
    pd.testing.assert_frame_equal(UNITS, before)


def test_tcvn3_headers_and_names(tmp_path: Path) -> None:
    pytest.importorskip("gender_stats.io._legacy")
    from gender_stats.errors import LegacyEncodingWarning

    path = tmp_path / "bc.csv"
    path.write_text(
        "NhiÖm kú,§¬n vÞ,CÊp,C¬ quan,Tæng sè,N÷\n"
        "2015-2020,Thanh Hãa,tØnh,BCH,69,9\n"
        "2015-2020,HuyÖn Qu¶ng X­¬ng,huyÖn,BCH,41,8\n",
        encoding="utf-8",
    )
    with pytest.warns(LegacyEncodingWarning):
        out = read_counts(path)
    assert out["unit_name"].tolist() == ["Thanh Hóa", "Huyện Quảng Xương"]
    assert out["level"].tolist() == ["province", "district"]


# ---- invariants of the percentage check ----------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    total=st.integers(1, 2000),
    data=st.data(),
    digits=st.integers(0, 3),
    rounding=st.sampled_from([ROUND_HALF_UP, ROUND_DOWN]),
)
def test_rounded_or_truncated_percent_always_passes(total, data, digits, rounding) -> None:
    female = data.draw(st.integers(0, total))
    exact = Decimal(100 * female) / Decimal(total)
    shown = exact.quantize(Decimal(1).scaleb(-digits), rounding=rounding)
    assert percent_ok((shown, digits), female, total)
    off = shown + Decimal(2).scaleb(-digits) if shown < 50 else shown - Decimal(2).scaleb(-digits)
    assert not percent_ok((off, digits), female, total)


def test_roster_with_female_mark_column(xlsx) -> None:
    path = xlsx(
        [
            ["STT", "Họ và tên", "Nữ", "Năm sinh"],
            [1, "Lò Văn Cường", None, 1968],
            [2, "Hà Thị Bình", "x", 1975],
            [3, "Vi Thị Mai", "nữ", 1979],
            [4, "Phạm Văn Dũng", "không", 1970],
        ]
    )
    kw = {"term": "2015-2020", "unit": "Huyện Quan Hóa", "body": "BCH", "level": "district"}
    with pytest.raises(DataError, match="x for a woman") as info:
        read_roster(path, **kw)
    (p,) = info.value.problems
    assert (p.row, p.column, p.header, p.value) == (5, "C", "Nữ", "không")
    rows = xlsx([["Họ và tên", "Nữ"], ["Lò Văn Cường", None], ["Hà Thị Bình", "X"]], name="b.xlsx")
    assert read_roster(rows, **kw)["sex"].tolist() == ["M", "F"]


def test_roster_parquet_with_missing_birth_years(tmp_path: Path) -> None:
    path = tmp_path / "roster.parquet"
    pd.DataFrame(
        {
            "term": ["2015-2020"] * 2,
            "unit_id": ["TH01"] * 2,
            "unit_name": ["Huyện Quan Hóa"] * 2,
            "level": ["district"] * 2,
            "body": ["party_committee"] * 2,
            "person_id": ["CB1", "CB2"],
            "sex": ["F", "M"],
            "birth_year": pd.array([1975, None], dtype="Int64"),
        }
    ).to_parquet(path)
    out = read_roster(path)
    assert out["birth_year"].tolist()[0] == 1975
    assert out["birth_year"].isna().tolist() == [False, True]
    assert out["person_id"].tolist() == ["CB1", "CB2"]


def test_explicit_layouts(xlsx, tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    path.write_text("Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ\n2015-2020,A,huyện,BCH,3,1\n", "utf-8")
    assert read_counts(path, layout="tidy")["female"].tolist() == [1]
    with pytest.raises(DataError, match="Tổng số / Nữ"):
        read_counts(path, layout="wide")
    with pytest.raises(DataError, match=r"Nam \| Nữ"):
        read_roster(path, layout="trich_ngang")


def test_extra_columns_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    path.write_text(
        "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ,under_40,Ghi chú\n"
        "2015-2020,Huyện Quan Hóa,huyện,BCH,39,5,4,bầu thiếu 2\n"
        "2015-2020,Huyện Cẩm Thủy,huyện,BCH,41,8,,\n",
        encoding="utf-8",
    )
    out = read_counts(path)
    assert out["under_40"].tolist()[0] == 4
    assert out["under_40"].isna().tolist() == [False, True]
    assert str(out["under_40"].dtype) == "Int64"
    assert out["note"].tolist() == ["bầu thiếu 2", None]  # a "Ghi chú" column is kept as note


def test_instructions_sheet_is_passed_over(xlsx) -> None:
    header = ["Nhiệm kỳ", "Đơn vị", "Cấp", "Cơ quan", "Tổng số", "Nữ"]
    path = xlsx(
        sheets={
            "Hướng dẫn": [["Điền số liệu vào trang 2015-2020"], ["Không sửa tiêu đề cột"]],
            "2015-2020": [header, ["2015-2020", "Huyện Quan Hóa", "huyện", "BCH", 39, 5]],
        }
    )
    assert read_counts(path)["total"].tolist() == [39]
    with pytest.raises(DataError, match="header row"):
        read_counts(path, sheet="Hướng dẫn", term="2015-2020")


def test_csv_title_line_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "bc.csv"
    path.write_bytes(
        "\ufeffBÁO CÁO SỐ LIỆU, NHIỆM KỲ 2015 - 2020\n\n"
        "Đơn vị;Cấp;Cơ quan;Tổng số;Nữ;Tỷ lệ (%)\n"
        "Khối sở, ban, ngành;agency;BCH;9;3;33,3\n".encode()
    )
    out = read_counts(path)
    assert out[["term", "unit_name", "level", "total", "female"]].to_dict("records") == [
        {"term": "2015-2020", "unit_name": "Khối sở, ban, ngành", "level": "agency",
         "total": 9, "female": 3},
    ]  # fmt: skip


def test_tidy_roster_note_between_rows_and_reading_log(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text(
        "DANH SÁCH BAN THƯỜNG VỤ\nHọ và tên;Giới tính;Năm sinh\nHà Thị Bình;Nữ;1975\n"
        "Ghi chú: đồng chí Bình nghỉ hưu 2018\nLê Văn An;Nam;1970\nNgười lập biểu\n",
        encoding="utf-8",
    )
    out = read_roster(path, term="2015-2020", unit="Huyện Quan Hóa", body="BTV", level="district")
    assert out["sex"].tolist() == ["F", "M"]  # the row after the note is read
    kinds = [(e.row, str(e.kind)) for e in out.attrs["reading"].entries]
    assert kinds == [
        (1, "title"), (2, "header"), (3, "data"), (4, "note"), (5, "data"), (6, "signature")
    ]  # fmt: skip
