"""The workbook prints as an office sends it on (issue 15.3), read back with openpyxl.

A4, landscape where the columns are wider than a portrait page, one page wide, header rows (and
on body sheets the unit columns) repeated on every page, an autofilter on the table sheets, the
summary sheet first, and no header cell clipped (wrapped, wide enough for its longest word, rows
tall enough for its lines).
"""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from gender_stats.outputs.workbook import PORTRAIT_WIDTH, write_workbook


def _frame(targets: int = 1) -> pd.DataFrame:
    """Huyện A 9/45 met, Sở Tài chính 2/20 below (1 needed), against one or two targets."""
    rows = []
    for k, (tid, rule, thr) in enumerate(
        [("36-CT/TW:a", "≥ 15%", 0.15), ("NQ11:a", "≥ 25%", 0.25)]
    ):
        if k >= targets:
            break
        for unit, name, level, total, female in (
            ("A", "Huyện A", "district", 45, 9),
            ("S", "Sở Tài chính", "agency", 20, 2),
        ):
            met = female * 100 >= thr * 100 * total
            rows.append(
                {"term": "2020-2025", "unit_id": unit, "unit_name": name, "level": level,
                 "body": "party_committee", "total": total, "female": female, "target_id": tid,
                 "document": tid.split(":")[0], "rule": rule, "threshold": thr,
                 "share": female / total, "status": "met" if met else "below",
                 "seats_needed": 0 if met else 1}
            )  # fmt: skip
    return pd.DataFrame(rows).astype({"seats_needed": "Int64"})


@pytest.fixture
def book(tmp_path):
    counts = _frame().drop_duplicates("unit_id")[
        ["term", "unit_id", "unit_name", "level", "body", "total", "female"]
    ]
    return load_workbook(write_workbook(_frame(), tmp_path / "bc.xlsx", counts=counts))


def test_summary_sheet_first_and_shown_on_opening(book):
    assert book.sheetnames == ["Tổng hợp", "Ban Chấp hành (cấp ủy)", "Nguồn", "Số liệu"]
    assert book.active.title == "Tổng hợp"


def test_every_sheet_prints_on_a4_one_page_wide_with_page_numbers(book):
    for ws in book.worksheets:
        assert ws.page_setup.paperSize == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True, ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, ws.title
        assert "&P" in ws.oddFooter.center.text, ws.title


def test_header_rows_and_unit_columns_repeat_on_every_page(book):
    body = book["Ban Chấp hành (cấp ủy)"]
    assert body.print_title_rows == "$4:$5"  # the two-row header
    assert body.print_title_cols == "$A:$B"  # STT and the unit's name
    for name in ("Tổng hợp", "Nguồn", "Số liệu"):
        assert book[name].print_title_rows == "$3:$3", name


def test_landscape_only_where_the_columns_are_wider_than_a_portrait_page(tmp_path, book):
    # one target: widths 6 + 16 + 9 + 8 + 10 + 11 + 17 + 11 = 88 ≤ 95 → portrait
    assert book["Ban Chấp hành (cấp ủy)"].page_setup.orientation == "portrait"
    # two targets: 88 + 39 = 127 → landscape; the sources sheet (9 wide columns) too
    wide = load_workbook(write_workbook(_frame(targets=2), tmp_path / "w.xlsx"))
    assert wide["Ban Chấp hành (cấp ủy)"].page_setup.orientation == "landscape"
    assert wide["Nguồn"].page_setup.orientation == "landscape"
    for ws in wide.worksheets:
        total = sum(
            ws.column_dimensions[get_column_letter(c)].width or 8.43
            for c in range(1, ws.max_column + 1)
        )
        assert (ws.page_setup.orientation == "landscape") == (total > PORTRAIT_WIDTH), ws.title


def test_table_sheets_have_an_autofilter_over_their_rows(book):
    # summary: 11 columns, header row 3; rows: district, agency, province-wide = rows 4..6
    assert book["Tổng hợp"].auto_filter.ref == "A3:K6"
    assert book["Nguồn"].auto_filter.ref == "A3:I4"  # one target cited
    assert book["Số liệu"].auto_filter.ref == "A3:H5"  # two counts rows


def _lines(text: str, width: float) -> int:
    """Lines of ``text`` wrapped at spaces, ``width - 1`` characters a line (a loose estimate)."""
    room, lines, used = max(width - 1, 1), 0, 0
    for paragraph in text.split("\n"):
        lines, used = lines + 1, 0
        for word in paragraph.split():
            if used and used + 1 + len(word) > room:
                lines, used = lines + 1, 0
            used += (1 if used else 0) + len(word)
    return lines


@pytest.mark.parametrize("targets", [1, 2])
def test_no_header_cell_is_clipped(tmp_path, targets):
    wb = load_workbook(write_workbook(_frame(targets), tmp_path / "h.xlsx", lang="en"))
    headers = {"Party committee": (4, 5), "Summary": (3,), "Sources": (3,)}
    for name, rows in headers.items():
        ws = wb[name]
        spans = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
        for r in rows:
            for cell in ws[r]:
                if not isinstance(cell.value, str):
                    continue
                span = spans.get((r, cell.column))
                cols = range(span.min_col, span.max_col + 1) if span else [cell.column]
                n_rows = span.max_row - span.min_row + 1 if span else 1
                width = sum(ws.column_dimensions[get_column_letter(c)].width for c in cols)
                where = f"{name}!{cell.coordinate} {cell.value!r}"
                assert cell.alignment.wrap_text, where
                assert max(len(w) for w in cell.value.split()) + 1 <= width, where
                height = sum(ws.row_dimensions[r + k].height or 15 for k in range(n_rows))
                assert height >= 14 * _lines(cell.value, width), where


def test_a_long_header_word_widens_its_column(tmp_path):
    frame = _frame().assign(rule="≥ 15%_phần_trăm_đại_biểu_nữ_trong_ban_chấp_hành")
    ws = load_workbook(write_workbook(frame, tmp_path / "l.xlsx"))["Ban Chấp hành (cấp ủy)"]
    group = ws.cell(row=4, column=6).value
    assert group.endswith("ban_chấp_hành)")
    width = sum(ws.column_dimensions[c].width for c in ("F", "G", "H"))
    assert width >= len(group.split()[-1]) + 1
