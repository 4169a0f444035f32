"""Personnel lists as offices send them: Giới tính over Nam | Nữ, full dates of birth, no levels."""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

import pandas as pd
import pytest

from gender_stats.errors import DataError
from gender_stats.io import read_roster
from gender_stats.io._birth import BAD_DATE, BAD_MONTH, NOT_BIRTH, parse_birth
from gender_stats.io._levels import InferredLevelWarning
from gender_stats.io._trich_ngang import LEVEL_UNKNOWN, MARK_BOTH, MARK_NONE, NOT_MARK

TITLE = "DANH SÁCH TRÍCH NGANG BAN THƯỜNG VỤ HUYỆN ỦY NHƯ THANH, NHIỆM KỲ 2020 - 2025"
ARGS: dict[str, Any] = {"unit": "Huyện Như Thanh", "level": "district"}


def read_quiet(path: Any, **kwargs: Any) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return read_roster(path, **kwargs)


# --- Giới tính merged over Nam | Nữ, with marks -----------------------------------------------


@pytest.mark.parametrize(
    ("group", "nam", "nu"),
    [
        ("Giới tính", "Nam", "Nữ"),
        ("GIỚI\nTÍNH", "NAM", "NỮ"),
        ("Gioi tinh", "nam", "nu"),
        ("Giới  tính ", " Nam", "Nữ "),
    ],
)
def test_sex_marks_under_gioi_tinh(xlsx, group: str, nam: str, nu: str) -> None:
    rows = [
        [TITLE],
        ["STT", "Họ và tên", group, None, "Năm sinh", "Chức vụ"],
        [None, None, nam, nu, None, None],
        [1, "Lò Văn Cường", "x", None, 1968, "Bí thư"],
        [2, "Hà Thị Bình", None, "X", 1975, "Phó Bí thư"],
        [3, "Nguyễn Thị Hoa", None, "✓", 1980, "Ủy viên"],
        [4, "Phạm Văn Dũng", 1, None, 1971, "Ủy viên"],
        [5, "Trần Thị Én", None, " x ", 1982, "Ủy viên"],
    ]
    merges = ["A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3"]
    out = read_quiet(xlsx(rows, merges=merges), **ARGS)
    assert out["sex"].tolist() == ["M", "F", "F", "M", "F"]
    assert out["birth_year"].tolist() == [1968, 1975, 1980, 1971, 1982]
    assert out["body"].unique().tolist() == ["standing_committee"]
    assert out["person_id"].iloc[1] == "huyen-nhu-thanh/ha-thi-binh-9f37/1975"
    assert "birth_date" not in out.columns  # years only: no date column


def test_gioi_tinh_without_merge_and_without_birth(xlsx) -> None:
    rows = [
        ["STT", "Họ và tên", "Giới tính", None],
        [None, None, "Nam", "Nữ"],
        [1, "Lò Văn Cường", "x", None],
        [2, "Hà Thị Bình", None, "x"],
    ]
    out = read_quiet(xlsx(rows), term="2020-2025", body="BCH", **ARGS)
    assert out["sex"].tolist() == ["M", "F"]
    assert out["person_id"].tolist() == [
        "huyen-nhu-thanh/lo-van-cuong-6872/",
        "huyen-nhu-thanh/ha-thi-binh-9f37/",
    ]


def test_marks_both_neither_or_odd_are_located(xlsx) -> None:
    rows = [
        [TITLE],
        ["STT", "Họ và tên", "Giới tính", None, "Năm sinh"],
        [None, None, "Nam", "Nữ", None],
        [1, "Lò Văn Cường", "x", "x", 1968],  # both
        [2, "Hà Thị Bình", None, None, 1975],  # neither
        [3, "Nguyễn Thị Hoa", None, "có", 1980],  # not a mark
        [4, "Trần Thị Én", None, "x", 1982],  # fine
    ]
    with pytest.raises(DataError) as info:
        read_roster(xlsx(rows, merges=["C2:D2"]), **ARGS)
    got = [(p.row, p.column, p.value, p.expected) for p in info.value.problems]
    assert got == [
        (4, "D", "x", MARK_BOTH),
        (5, "C", None, MARK_NONE),
        (6, "D", "có", NOT_MARK),
    ]
    assert info.value.problems[0].header == "Giới tính / Nữ"
    err = info.value
    assert (err.rows_read, err.rows_used, err.rows_reported) == (4, 1, 3)


# --- full dates of birth ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["Ngày, tháng, năm sinh", "Ngày sinh", "NGÀY THÁNG\nNĂM SINH", "Ngay, thang, nam sinh"],
)
def test_dates_under_nam_nu(xlsx, header: str) -> None:
    rows = [
        [TITLE],
        ["STT", "Họ và tên", header, None, "Chức vụ"],
        [None, None, "Nam", "Nữ", None],
        [1, "Lò Văn Cường", "03/04/1968", None, "Bí thư"],
        [2, "Hà Thị Bình", None, dt.datetime(1975, 12, 31), "Phó Bí thư"],
        [3, "Nguyễn Thị Hoa", None, "1.2.1980", "Ủy viên"],
        [4, "Phạm Văn Dũng", "15-08-1971", None, "Ủy viên"],
        [5, "Trần Thị Én", None, 1982, "Ủy viên"],  # a year only
    ]
    out = read_quiet(xlsx(rows, merges=["C2:D2"]), **ARGS)
    assert out["sex"].tolist() == ["M", "F", "F", "M", "F"]
    assert out["birth_year"].tolist() == [1968, 1975, 1980, 1971, 1982]
    assert str(out["birth_year"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(out["birth_date"])
    dates = [None if pd.isna(d) else d.date() for d in out["birth_date"]]
    assert dates == [
        dt.date(1968, 4, 3),
        dt.date(1975, 12, 31),
        dt.date(1980, 2, 1),
        dt.date(1971, 8, 15),
        None,
    ]


def test_dates_in_one_column_with_gioi_tinh(xlsx) -> None:
    rows = [
        [TITLE],
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", None],
        [None, None, None, "Nam", "Nữ"],
        [1, "Lò Văn Cường", dt.datetime(1968, 4, 3), "x", None],
        [2, "Hà Thị Bình", "9/11/1975", None, "x"],
    ]
    out = read_quiet(xlsx(rows, merges=["C2:C3", "D2:E2"]), **ARGS)
    assert out["sex"].tolist() == ["M", "F"]
    assert out["birth_year"].tolist() == [1968, 1975]
    assert [d.date() for d in out["birth_date"]] == [dt.date(1968, 4, 3), dt.date(1975, 11, 9)]


def test_excel_serial_in_a_date_formatted_cell(xlsx) -> None:
    rows = [
        [TITLE],
        ["STT", "Họ và tên", "Ngày sinh", None],
        [None, None, "Nam", "Nữ"],
        [1, "Lò Văn Cường", 25296, None],  # 3/4/1969 as a serial, shown as a date
    ]
    out = read_quiet(xlsx(rows, formats={"C4": "dd/mm/yyyy"}), **ARGS)
    assert out["birth_year"].tolist() == [1969]
    assert out["birth_date"].iloc[0].date() == dt.date(1969, 4, 3)


def test_impossible_date_is_located_and_quoted(xlsx) -> None:
    rows = [
        [TITLE],
        ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None],
        [None, None, "Nam", "Nữ"],
        [1, "Lò Văn Cường", "31/02/1975", None],
        [2, "Hà Thị Bình", None, "13/1975"],  # "12/1975" is the year 1975 (month and year)
        [3, "Nguyễn Thị Hoa", None, "01/01/1980"],
    ]
    with pytest.raises(DataError, match=r'"31/02/1975"') as info:
        read_roster(xlsx(rows, merges=["C2:D2"]), **ARGS)
    got = [(p.row, p.column, p.value, p.expected) for p in info.value.problems]
    assert got == [(4, "C", "31/02/1975", BAD_DATE), (5, "D", "13/1975", BAD_MONTH)]
    assert info.value.problems[0].header == "Ngày, tháng, năm sinh / Nam"


def test_tidy_list_with_full_dates(tmp_path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text(
        "Họ và tên,Giới tính,Ngày sinh\nHà Thị Bình,Nữ,03/04/1975\nLò Văn Cường,Nam,1968\n",
        encoding="utf-8",
    )
    out = read_quiet(path, term="2020-2025", body="BCH", **ARGS)
    assert out["birth_year"].tolist() == [1975, 1968]
    assert out["birth_date"].iloc[0].date() == dt.date(1975, 4, 3)
    assert pd.isna(out["birth_date"].iloc[1])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("03/04/1975", (1975, dt.date(1975, 4, 3))),
        ("3/4/1975", (1975, dt.date(1975, 4, 3))),
        ("03-04-1975", (1975, dt.date(1975, 4, 3))),
        ("03.04.1975", (1975, dt.date(1975, 4, 3))),
        (" 03 / 04 / 1975 ", (1975, dt.date(1975, 4, 3))),
        ("1975-04-03", (1975, dt.date(1975, 4, 3))),
        (dt.date(1975, 4, 3), (1975, dt.date(1975, 4, 3))),
        (dt.datetime(1975, 4, 3, 0, 0), (1975, dt.date(1975, 4, 3))),
        (1975, (1975, None)),
        (1975.0, (1975, None)),
        (None, (None, None)),
    ],
)
def test_parse_birth_accepts(value: Any, expected: tuple[Any, Any]) -> None:
    year, date, why = parse_birth(value)
    assert (year, date, why) == (*expected, None)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("31/02/1975", BAD_DATE),
        ("29/02/1975", BAD_DATE),
        ("03/13/1975", BAD_DATE),  # day first: month 13 does not exist
        ("03/04/1875", NOT_BIRTH),
        ("03/04/75", NOT_BIRTH),
        ("03/04-1975", NOT_BIRTH),  # mixed separators
        (1975.5, NOT_BIRTH),
        (1850, NOT_BIRTH),
        (True, NOT_BIRTH),
        ("năm 70", NOT_BIRTH),
    ],
)
def test_parse_birth_refuses(value: Any, why: str) -> None:
    assert parse_birth(value) == (None, None, why)


def test_leap_day_is_a_real_date() -> None:
    assert parse_birth("29/02/1976") == (1976, dt.date(1976, 2, 29), None)


# --- levels inferred from unit names ---------------------------------------------------------


def _units_list() -> list[list[Any]]:
    return [
        [TITLE],
        ["STT", "Họ và tên", "Năm sinh", None, "Đơn vị"],
        [None, None, "Nam", "Nữ", None],
        [1, "Lò Văn Cường", 1968, None, "Huyện Như Thanh"],
        [2, "Hà Thị Bình", None, 1975, "Sở Y tế"],
        [3, "Nguyễn Thị Hoa", None, 1980, "Xã Xuân Phú"],
        [4, "Phạm Văn Dũng", 1971, None, "Thị xã Bỉm Sơn"],
    ]


def test_level_inferred_from_the_unit_name_with_one_warning(xlsx) -> None:
    with pytest.warns(InferredLevelWarning, match="4 đơn vị") as caught:
        out = read_roster(xlsx(_units_list(), merges=["C2:D2"]))
    assert len([w for w in caught if w.category is InferredLevelWarning]) == 1
    assert out["level"].tolist() == ["district", "agency", "commune", "district"]


def test_a_units_table_wins_over_the_name(xlsx) -> None:
    units = pd.DataFrame(
        {
            "unit_id": ["A", "B", "C", "D"],
            "unit_name": ["Huyện Như Thanh", "Sở Y tế", "Xã Xuân Phú", "Thị xã Bỉm Sơn"],
            "level": ["district", "province", "commune", "city"],
            "kind": ["x"] * 4,
        }
    )
    out = read_quiet(xlsx(_units_list(), merges=["C2:D2"]), units=units)
    assert out["level"].tolist() == ["district", "province", "commune", "city"]


def test_level_argument_wins_over_the_name(xlsx) -> None:
    out = read_quiet(xlsx(_units_list(), merges=["C2:D2"]), level="commune")
    assert out["level"].unique().tolist() == ["commune"]


def test_a_name_that_tells_no_level_is_one_grouped_problem(xlsx) -> None:
    rows = [
        [TITLE],
        ["STT", "Họ và tên", "Năm sinh", None, "Đơn vị"],
        [None, None, "Nam", "Nữ", None],
        *[[i, f"Người Số {i}", 1960 + i, None, "Quan Hóa"] for i in range(1, 7)],
        [7, "Hà Thị Bình", None, 1975, "Huyện Như Thanh"],
    ]
    with pytest.raises(DataError) as info:  # the error says it all: no warning besides
        read_roster(xlsx(rows, merges=["C2:D2"]))
    err = info.value
    assert [(p.row, p.column, p.value) for p in err.problems] == [
        (r, "E", "Quan Hóa") for r in range(4, 10)
    ]
    assert all(p.expected == LEVEL_UNKNOWN for p in err.problems)
    # one line in the message for the six rows, with the count and the first cells
    assert str(err).count("Quan Hóa") == 1
    assert "6 ô giống nhau" in str(err)
    assert (err.rows_read, err.rows_used, err.rows_reported) == (7, 1, 6)


def test_the_bundled_list_reads_without_a_units_table() -> None:
    import gender_stats as gs

    with pytest.warns(InferredLevelWarning, match="52 đơn vị"):
        out = read_roster(gs.sample_path("roster_trich_ngang.xlsx"))
    assert len(out) == 8907
    units = gs.load_units().set_index("unit_name")["level"]
    known = out[out["unit_name"].isin(units.index)]
    assert (known["level"] == known["unit_name"].map(units)).all()


def test_repeated_problems_are_grouped(xlsx) -> None:
    # the same blank level cell on many rows: one line with the count and the first cells
    rows = [
        ["Nhiệm kỳ", "Đơn vị", "Cấp", "Cơ quan", "Họ và tên", "Giới tính"],
        *[["2020-2025", "Huyện A", None, "BCH", f"Người {i}", "Nữ"] for i in range(8)],
    ]
    with pytest.raises(DataError) as info:
        read_roster(xlsx(rows))
    err = info.value
    assert [p.row for p in err.problems] == list(range(2, 10))
    assert "8 ô giống nhau" in str(err)
    assert len(str(err).splitlines()) == 3  # header, one grouped line, hint
    assert (err.rows_read, err.rows_reported) == (8, 8)


# --- hidden rows -------------------------------------------------------------------------------


def _with_hidden_row(tmp_path: Any, rows: list[list[Any]], hidden: int) -> Any:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    ws.row_dimensions[hidden].hidden = True
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    return path


def test_hidden_row_of_a_list_is_passed_over_with_a_warning(tmp_path) -> None:
    from gender_stats.io._counts import HiddenDataWarning

    rows = [
        [TITLE],
        ["STT", "Họ và tên", "Năm sinh", None],
        [None, None, "Nam", "Nữ"],
        [1, "Lò Văn Cường", 1968, None],
        [2, "Hà Thị Bình", None, 1975],  # row 5, hidden: left the committee
        [3, "Nguyễn Thị Hoa", None, 1980],
    ]
    path = _with_hidden_row(tmp_path, rows, 5)
    with pytest.warns(HiddenDataWarning, match=r"1 dòng ẩn .*: 5\."):
        out = read_roster(path, **ARGS)
    assert out["full_name"].tolist() == ["Lò Văn Cường", "Nguyễn Thị Hoa"]
    everyone = read_quiet(path, include_hidden=True, **ARGS)
    assert everyone["full_name"].tolist() == ["Lò Văn Cường", "Hà Thị Bình", "Nguyễn Thị Hoa"]


def test_hidden_row_of_a_tidy_list_is_passed_over_with_a_warning(tmp_path) -> None:
    from gender_stats.io._counts import HiddenDataWarning

    rows = [
        ["Nhiệm kỳ", "Đơn vị", "Cấp", "Cơ quan", "Họ và tên", "Giới tính"],
        ["2020-2025", "Huyện A", "district", "BCH", "Hà Thị Bình", "Nữ"],
        ["2020-2025", "Huyện A", "district", "BCH", "Lò Văn Cường", "Nam"],  # row 3, hidden
    ]
    path = _with_hidden_row(tmp_path, rows, 3)
    with pytest.warns(HiddenDataWarning, match=r": 3\."):
        out = read_roster(path)
    assert out["full_name"].tolist() == ["Hà Thị Bình"]
    assert len(read_quiet(path, include_hidden=True)) == 2


def test_tidy_nu_column_takes_every_mark(tmp_path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text(
        "Họ và tên,Nữ,Năm sinh\nA Văn Một,,1968\nB Thị Hai,✓,1975\nC Thị Ba,1,1979\n"
        "D Thị Bốn,X,1980\nE Thị Năm,nữ,1981\n",
        encoding="utf-8",
    )
    out = read_quiet(path, term="2020-2025", body="BCH", **ARGS)
    assert out["sex"].tolist() == ["M", "F", "F", "F", "F"]


# A birth month typed into a date cell: Excel stores the 1st of the month; the office shows (and
# vouches for) the month and year only, so the year is read and no date is made up.
DAYLESS = {"C4": "mm/yyyy", "C5": "mmmm yyyy", "C6": "mmm-yy", "C7": '"tháng "mm" năm "yyyy'}


def _dated_rows() -> list[list[Any]]:
    return [
        [TITLE],
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", None],
        [None, None, None, "Nam", "Nữ"],
        [1, "Lò Văn Cường", dt.datetime(1968, 4, 1), "x", None],
        [2, "Hà Thị Bình", dt.datetime(1975, 11, 1), None, "x"],
        [3, "Vi Văn Dũng", dt.datetime(1980, 2, 1), "x", None],
        [4, "Lương Thị Mai", dt.datetime(1983, 7, 1), None, "x"],
        [5, "Cầm Thị Lan", dt.datetime(1979, 3, 14), None, "x"],  # a full date, dd/mm/yyyy
    ]


def test_date_cells_shown_without_their_day_give_the_year_only(xlsx) -> None:
    formats = {**DAYLESS, "C8": "dd/mm/yyyy"}
    out = read_quiet(xlsx(_dated_rows(), merges=["C2:C3", "D2:E2"], formats=formats), **ARGS)
    assert out["birth_year"].tolist() == [1968, 1975, 1980, 1983, 1979]
    dates = out["birth_date"].tolist()
    assert all(pd.isna(d) for d in dates[:4])  # not the 1st of the month
    assert dates[4].date() == dt.date(1979, 3, 14)


def test_xls_date_cells_shown_without_their_day_give_the_year_only(tmp_path) -> None:
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook()
    ws = wb.add_sheet("Sheet1")
    styles = {"C4": "mm/yyyy", "C5": "MM/YYYY", "C6": "dd/mm/yyyy", "C7": "mmm-yy"}
    for r, row in enumerate(_dated_rows()[:7]):
        for c, v in enumerate(row):
            if v is None:
                continue
            fmt = styles.get(f"{'ABCDE'[c]}{r + 1}")
            if fmt is None:
                ws.write(r, c, v)
            else:
                ws.write(r, c, v, xlwt.easyxf(num_format_str=fmt))
    path = tmp_path / "ds.xls"
    wb.save(str(path))
    out = read_quiet(path, **ARGS)
    assert out["birth_year"].tolist() == [1968, 1975, 1980, 1983]
    dates = out["birth_date"].tolist()
    assert pd.isna(dates[0]) and pd.isna(dates[1]) and pd.isna(dates[3])
    assert dates[2].date() == dt.date(1980, 2, 1)  # dd/mm/yyyy: the date as typed


def test_dayless_date_format_is_told_apart_from_dates_and_other_formats() -> None:
    from gender_stats.io._birth import is_dayless_date_format

    dayless = ["mm/yyyy", "MM/YYYY", "m/yyyy", "mmm-yy", "mmmm yyyy", "yyyy", "[$-42A]mm/yyyy"]
    assert all(is_dayless_date_format(f) for f in dayless)
    others = ["dd/mm/yyyy", "d-mmm-yy", "General", "0%", "0.0", "h:mm", '"ngày" dd/mm/yyyy', ""]
    assert not any(is_dayless_date_format(f) for f in others)
    # the YEAR_AS_DATE check still comes first: 1978 typed in a mm/yyyy cell shows 05/1905
    assert "holds 1978" in (parse_birth(dt.date(1905, 5, 31), fmt="mm/yyyy")[2] or "")
    assert parse_birth(25294, fmt="mm/yyyy") == (1969, None, None)  # a serial in such a cell
