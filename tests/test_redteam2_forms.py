"""Red team (round 2) of the counts readers: cell texts and CSV encodings offices send.

Each input is built here with its own numbers; the expected result is worked out by hand: the
exact counts, or a problem located at its cell with the value as written.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pytest

import gender_stats as gs
from gender_stats.errors import DataError, FileFormatError
from tests.test_redteam_counts import book

TERM: list[Any] = ["NHIỆM KỲ 2020 - 2025"]
HEAD: list[Any] = ["STT", "Đơn vị", "Tổng số", "Nữ"]
EXPECTED = [("Huyện Hà Trung", 35, 5), ("Huyện Nga Sơn", 37, 6)]


def read(path: Path, **kwargs: Any) -> list[tuple[Any, ...]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = gs.read_counts(path, body="BCH", **kwargs)
    log = out.attrs["reading"]
    assert log.rows_read == log.rows_used + log.rows_reported + log.rows_structural
    rows = out[["unit_name", "total", "female"]].itertuples(index=False)
    return sorted(tuple(r) for r in rows)


@pytest.mark.parametrize(
    ("female", "shown"),
    [
        ("12*", "12*"),  # footnote star
        ("12 (1)", "12 (1)"),  # footnote number
        ("12¹", "12¹"),  # superscript footnote
        ("(12)", "(12)"),
        ("-", "-"),  # dash for none: ask, do not guess 0
        ("x", "x"),
        ("O", "O"),  # letter O for zero
        (-3, "-3"),
        ("-3", "-3"),
        (2.5, "2.5"),
        ("1e1", "1e1"),
        (True, "True"),
        (40, "40"),  # more women than members (37)
        ("1\u00a0234", "1234"),  # NBSP thousands: read, then more than the total
    ],
)
def test_a_count_cell_that_is_no_plain_count_is_a_problem_at_its_cell(
    tmp_path: Path, female: Any, shown: str
) -> None:
    rows = [TERM, HEAD, [1, "Huyện Nga Sơn", 37, female], [2, "Huyện Hà Trung", 35, 5]]
    with pytest.raises(DataError) as err:
        read(book(tmp_path / "t.xlsx", {"BCH": rows}))
    text = str(err.value)
    assert '"t.xlsx", trang "BCH", ô D3 (cột "Nữ")' in text
    assert f'giá trị "{shown}"' in text
    assert "1 dùng được, 1 có lỗi" in text


@pytest.mark.parametrize("female", [" 6 ", "+6", "６"])
def test_a_count_typed_with_spaces_sign_or_full_width_digits_is_read(
    tmp_path: Path, female: str
) -> None:
    rows = [TERM, HEAD, [1, "Huyện Nga Sơn", 37, female], [2, "Huyện Hà Trung", 35, 5]]
    assert read(book(tmp_path / "t.xlsx", {"BCH": rows})) == EXPECTED


def test_a_percent_formatted_count_cell_is_a_problem(tmp_path: Path) -> None:
    rows = [TERM, HEAD, [1, "Huyện Nga Sơn", 37, 0.16], [2, "Huyện Hà Trung", 35, 5]]
    path = book(tmp_path / "t.xlsx", {"BCH": rows}, formats={"BCH": {"D3": "0%"}})
    with pytest.raises(DataError, match=r"ô D3 .*giá trị \"0.16\""):
        read(path)


TABLE = (
    "STT\tĐơn vị\tTổng số\tNữ\n1\tHuyện Nga Sơn\t37\t6\n2\tHuyện Hà Trung\t35\t5\n\tCộng\t72\t11\n"
)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("unicode.txt", TABLE.encode("utf-16")),  # Excel "Unicode text": UTF-16, tabs
        ("unicode.csv", TABLE.encode("utf-16")),
        ("bom.csv", ("\ufeff" + TABLE.replace("\t", ";")).encode("utf-8")),
    ],
)
def test_csv_exports_in_utf16_tabs_and_bom_semicolons_are_read(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert read(path, term="2020-2025") == EXPECTED


def test_a_windows_1258_csv_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_bytes("STT,Don vi,Tổng số,Nữ\n1,Huyện Nga Sơn,37,6\n".encode("cp1258", "replace"))
    with pytest.raises(FileFormatError, match=r"Windows-1258"):
        read(path, term="2020-2025")


@pytest.mark.parametrize(
    "label", ["Trong đó: Thị trấn Nga Sơn", "- Trong đó: khối xã", "*Trong đó:- Nữ"]
)
def test_a_breakdown_row_under_a_unit_is_not_a_unit(tmp_path: Path, label: str) -> None:
    rows = [
        TERM,
        [*HEAD, "Ghi chú"],
        [1, "Huyện Nga Sơn", 37, 6],
        [None, label, 10, 2],
        [2, "Huyện Hà Trung", 35, 5],
    ]
    assert read(book(tmp_path / "t.xlsx", {"BCH": rows})) == EXPECTED


def test_letter_numbering_a_province_total_and_a_signature_block(tmp_path: Path) -> None:
    rows = [
        TERM,
        HEAD,
        ["a)", "Huyện Nga Sơn", 37, 6],
        ["b)", "Huyện Hà Trung", 35, 5],
        [None, "Toàn tỉnh", 72, 11],
        [],
        [None, "Nga Sơn, ngày 15 tháng 3 năm 2021"],
        [None, "NGƯỜI LẬP BIỂU", None, "TRƯỞNG BAN"],
        [None, "(Ký, ghi rõ họ tên)"],
        [None, "Nguyễn Văn A", None, "Lê Thị B"],
    ]
    assert read(book(tmp_path / "t.xlsx", {"BCH": rows})) == EXPECTED


@pytest.mark.parametrize(
    ("rows", "merges"),
    [
        ([TERM, ["STT", "Tên đơn\nvị", "Tổng\nsố", "Trong\nđó\nnữ"]], []),
        ([TERM, ["STT", "Nữ", "Đơn vị", "Tổng số"]], []),
        (
            [TERM, ["STT", "Đơn vị", "Số lượng", None], [None, None, "Tổng số", "Trong đó nữ"]],
            ["A2:A3", "B2:B3", "C2:D2"],
        ),
    ],
)
def test_headers_broken_over_lines_rows_or_in_another_order(
    tmp_path: Path, rows: list[list[Any]], merges: list[str]
) -> None:
    names = [str(c) for c in rows[-1] if c is not None]
    order = ["Nữ", "Đơn vị", "Tổng số"] if names[1] == "Nữ" else None
    data = [[1, "Huyện Nga Sơn", 37, 6], [2, "Huyện Hà Trung", 35, 5]]
    if order:
        data = [[n, f, u, t] for n, u, t, f in data]
    path = book(tmp_path / "t.xlsx", {"BCH": rows + data}, merges={"BCH": merges})
    assert read(path) == EXPECTED


def test_a_share_column_that_disagrees_with_its_counts_is_warned_at_its_cell(
    tmp_path: Path,
) -> None:
    rows = [
        TERM,
        [*HEAD, "Tỷ lệ nữ (%)"],
        [1, "Huyện Nga Sơn", 37, 6, "26,22"],  # 6/37 = 16,22 %
        [2, "Huyện Hà Trung", 35, 5, "14,29"],
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gs.read_counts(book(tmp_path / "t.xlsx", {"BCH": rows}), body="BCH")
    said = [str(w.message) for w in caught]
    assert any(re.search(r"ô E3 .*giá trị .26,22. .*6/37", m) for m in said), said
