"""Tidy lists as offices type them: an STT column, section rows, notes typed in the STT column.

The units table and tidy rosters are read by the tidy-table reader.  A note in column A (the STT
column) and a section row (``I | Khối huyện``) are structural rows, never problems and never
records; a record missing its cells is still a problem.  Expected values are worked by hand.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gender_stats as gs
from gender_stats.errors import DataError

UNIT_HEADER = ["STT", "Mã ĐV", "Tên đơn vị", "Cấp", "Loại", "Trực thuộc", "Tên khác"]


def _book(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_a_units_list_with_sections_notes_and_aliases_in_one_cell(tmp_path):
    path = _book(
        tmp_path / "don_vi.xlsx",
        [
            ["DANH SÁCH ĐƠN VỊ HÀNH CHÍNH TỈNH THANH HÓA"],
            [],
            UNIT_HEADER,
            ["I", "Cấp tỉnh"],
            [1, "TH", "Tỉnh Thanh Hóa", "Tỉnh", "tỉnh", None, "Thanh Hoá"],
            ["II.", "Khối huyện, thị xã, thành phố"],
            [
                1,
                "TH-H01",
                "Thành phố Thanh Hóa",
                "Cấp huyện",
                "thành phố",
                "TH",
                "TP Thanh Hóa; TP. Thanh Hoá",
            ],
            ["Ghi chú: Thị xã Bỉm Sơn gồm cả phường mới thành lập"],
            [2, "TH-H02", "Thị xã Bỉm Sơn", "huyện", "thị xã", "TH", "TX Bỉm Sơn\nBỉm Sơn"],
            ["(*) Tên khác: cách viết trong các báo cáo cũ"],
        ],
    )
    units = gs.read_units(path)
    assert units["unit_id"].tolist() == ["TH", "TH-H01", "TH-H02"]
    assert units["level"].tolist() == ["province", "district", "district"]
    # aliases separated by ";" or on lines of the cell become the table's "a|b"
    assert units["aliases"].tolist() == [
        "Thanh Hoá",
        "TP Thanh Hóa|TP. Thanh Hoá",
        "TX Bỉm Sơn|Bỉm Sơn",
    ]
    # and they match: a counts file naming "TX Bỉm Sơn" reads it as TH-H02
    counts = tmp_path / "bc.csv"
    counts.write_text(
        "Nhiệm kỳ,Đơn vị,Cơ quan,Tổng số,Nữ\n2020-2025,TX Bỉm Sơn,BCH,35,6\n", encoding="utf-8"
    )
    assert gs.read_counts(counts, units=units)["unit_id"].tolist() == ["TH-H02"]


def test_a_record_with_only_its_number_and_name_is_still_a_problem(tmp_path):
    path = _book(
        tmp_path / "don_vi.xlsx",
        [UNIT_HEADER, [1, "TH", "Tỉnh Thanh Hóa", "Tỉnh", "tỉnh"], [2, None, "Huyện Nga Sơn"]],
    )
    with pytest.raises(DataError, match=r"ô C3.*a complete row"):
        gs.read_units(path)


ROSTER_HEADER = ["STT", "Nhiệm kỳ", "Đơn vị", "Cấp", "Cơ quan", "Họ và tên", "Giới tính"]
PEOPLE = [
    [1, "2020-2025", "Huyện Nga Sơn", "huyện", "BCH", "Lê Văn An", "Nam"],
    [2, "2020-2025", "Huyện Nga Sơn", "huyện", "BCH", "Lê Thị Bình", "Nữ"],
    [3, "2020-2025", "Huyện Hà Trung", "huyện", "BCH", "Trần Văn Cường", "Nam"],
    [4, "2020-2025", "Huyện Hà Trung", "huyện", "BCH", "Đỗ Thị Dung", "Nữ"],
]
EXTRA_ROWS = [
    ["Ghi chú: số liệu tạm tính"],
    ["(*) Đồng chí mới bổ sung"],
    ["I", "Huyện Nga Sơn"],
    ["II.", "Khối huyện"],
    [None, "Các xã, thị trấn"],
    ["Nguồn: Ban Tổ chức Huyện ủy"],
]


def _roster(path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the inferred levels, said
        return gs.read_roster(path)


def test_notes_and_sections_inside_a_tidy_roster_lose_no_row(tmp_path):
    rows = [ROSTER_HEADER, EXTRA_ROWS[2], *PEOPLE[:2], EXTRA_ROWS[0], EXTRA_ROWS[3], *PEOPLE[2:]]
    roster = _roster(_book(tmp_path / "ds.xlsx", rows))
    assert roster["full_name"].tolist() == [p[5] for p in PEOPLE]
    log = roster.attrs["reading"]
    kinds = [(e.row, str(e.kind)) for e in log.entries]
    assert kinds == [
        (1, "header"), (2, "section"), (3, "data"), (4, "data"), (5, "note"), (6, "section"),
        (7, "data"), (8, "data"),
    ]  # fmt: skip
    assert (log.rows_read, log.rows_used, log.rows_structural) == (8, 4, 4)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    extra=st.lists(st.tuples(st.integers(0, len(PEOPLE)), st.sampled_from(EXTRA_ROWS)), max_size=5)
)
def test_what_is_planted_between_structural_rows_is_read(tmp_path_factory, extra):
    """Notes and sections anywhere in the list: the same people are read, in the same order."""
    rows: list[list[object]] = [list(p) for p in PEOPLE]
    for at, row in sorted(extra, key=lambda e: -e[0]):
        rows.insert(at, list(row))
    path = _book(tmp_path_factory.mktemp("r") / "ds.xlsx", [ROSTER_HEADER, *rows])
    roster = _roster(path)
    assert roster["full_name"].tolist() == [p[5] for p in PEOPLE]
    assert gs.count(roster)[["unit_name", "total", "female"]].to_numpy().tolist() == [
        ["Huyện Hà Trung", 2, 1],
        ["Huyện Nga Sơn", 2, 1],
    ]
    log = roster.attrs["reading"]
    assert log.rows_read == 1 + len(rows) and log.rows_used == len(PEOPLE)
