import pandas as pd
import pytest

from gender_stats.errors import (
    DATA_ERROR_HINT,
    DataError,
    GenderStatsError,
    Problem,
    excel_column_letter,
)


def test_excel_column_letters():
    assert [excel_column_letter(i) for i in (1, 2, 26, 27, 52, 53, 702, 703)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]
    with pytest.raises(ValueError, match="start at 1"):
        excel_column_letter(0)


def test_problem_names_file_sheet_cell_header_value_and_expectation():
    p = Problem(
        expected="số nữ không vượt tổng số 10 (female ≤ total)",
        value=12,
        file="bao_cao.xlsx",
        sheet="2015-2020",
        row=7,
        column="D",
        header="Nữ",
    )
    assert str(p) == (
        'tệp "bao_cao.xlsx", trang "2015-2020", ô D7 (cột "Nữ"): giá trị "12" '
        "— cần số nữ không vượt tổng số 10 (female ≤ total)"
    )


def test_problem_without_file_uses_row_and_header():
    p = Problem(expected="Nữ hoặc Nam (F or M)", value="X", row=3, header="sex")
    assert str(p) == 'dòng 3, cột "sex": giá trị "X" — cần Nữ hoặc Nam (F or M)'
    blank = Problem(expected="một số", value=None, row=2, header="total")
    assert "(ô trống / empty)" in str(blank)


def test_data_error_lists_every_problem_and_accounts_for_rows():
    problems = [
        Problem(expected="a", value=1, file="f.csv", row=2, header="x"),
        Problem(expected="b", value=2, file="f.csv", row=2, header="y"),
        Problem(expected="c", value=3, file="f.csv", row=5, header="x"),
    ]
    err = DataError(problems, rows_read=10)
    assert isinstance(err, GenderStatsError)
    assert err.rows_reported == 2  # rows 2 and 5
    assert err.rows_used == 8
    assert err.rows_read == err.rows_used + err.rows_reported
    text = str(err)
    assert text.startswith('Phát hiện 3 lỗi trong "f.csv"')
    assert "đọc 10 dòng dữ liệu: 8 dùng được, 2 có lỗi" in text
    assert text.count("\n  - ") == 3
    assert text.endswith(DATA_ERROR_HINT)
    report = err.report
    assert isinstance(report, pd.DataFrame)
    assert report["row"].tolist() == [2, 2, 5]
    assert list(report.columns[-1:]) == ["message"]


def test_combine_keeps_all_problems_and_rows():
    a = DataError([Problem(expected="a", file="a.csv", row=2)], rows_read=4)
    b = DataError([Problem(expected="b", file="b.csv", row=3)], rows_read=6)
    both = DataError.combine([a, b])
    assert len(both.problems) == 2
    assert both.rows_read == 10
    assert both.rows_reported == 2
    assert '"a.csv, b.csv"' in str(both)
