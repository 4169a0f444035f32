"""Workbooks written the way the tests need them (a helper module of the test suite)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl


def one_sheet(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    merges: Sequence[str] = (),
    hidden: Sequence[int] = (),
    start: tuple[int, int] = (1, 1),
    formats: dict[str, str] | None = None,
) -> Path:
    """Write one sheet: ``rows`` placed from ``start`` (row, column), merges, hidden rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    r0, c0 = start
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                ws.cell(r0 + i, c0 + j, value)
    for rng in merges:
        ws.merge_cells(rng)
    for r in hidden:
        ws.row_dimensions[r].hidden = True
    for cell, fmt in (formats or {}).items():
        ws[cell].number_format = fmt
    wb.save(path)
    return path
