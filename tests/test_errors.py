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


def test_identical_problems_are_grouped_with_a_count_and_the_first_cells():
    bad = [
        Problem(expected="số nguyên ≥ 0", value="x", file="f.csv", row=r, column="D", header="Nữ")
        for r in range(2, 10)
    ]
    other = Problem(expected="khác", value=1, file="f.csv", row=4, column="C", header="Tổng")
    err = DataError([*bad[:2], other, *bad[2:]], rows_read=12)
    lines = str(err).splitlines()
    assert lines[1] == (
        '  - tệp "f.csv", cột "Nữ": 8 ô giống nhau (identical problems) ở D2, D3, D4, D5, D6, …: '
        'giá trị "x" — cần số nguyên ≥ 0'
    )
    assert lines[2] == '  - tệp "f.csv", ô C4 (cột "Tổng"): giá trị "1" — cần khác'
    assert len(lines) == 4  # header, two lines, hint
    # the problems and the report stay complete
    assert len(err.problems) == 9
    assert err.report["row"].tolist() == [2, 3, 4, 4, 5, 6, 7, 8, 9]
    assert err.rows_reported == 8


def test_two_identical_problems_are_not_grouped():
    two = [Problem(expected="e", value="x", row=r, header="h") for r in (2, 3)]
    text = str(DataError(two))
    assert text.count("\n  - ") == 2
    assert "giống nhau" not in text


def test_very_many_distinct_problems_are_cut_with_a_count():
    from gender_stats.errors import MAX_LINES

    many = [Problem(expected=f"e{i}", value=i, row=i, header="h") for i in range(MAX_LINES + 7)]
    err = DataError(many)
    text = str(err)
    assert text.count("\n  - ") == MAX_LINES
    assert "… và 7 lỗi khác (and 7 more problem(s)" in text
    assert len(err.report) == MAX_LINES + 7
