"""Shared fixtures: build small workbooks in a test's tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

Rows = Sequence[Sequence[Any]]


def write_xlsx(
    path: Path,
    sheets: dict[str, Rows],
    *,
    merges: dict[str, Sequence[str]] | None = None,
    formats: dict[str, dict[str, str]] | None = None,
) -> Path:
    """Write one workbook: sheet name -> rows (row 1 first); merges and number formats by cell."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for rng in (merges or {}).get(name, ()):
            ws.merge_cells(rng)
        for cell, fmt in (formats or {}).get(name, {}).items():
            ws[cell].number_format = fmt
    wb.save(path)
    return path


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[..., Path]:
    """Return a function writing a one-sheet (rows=...) or many-sheet (sheets=...) workbook."""

    def make(
        rows: Rows | None = None,
        *,
        name: str = "bc.xlsx",
        sheet: str = "Sheet1",
        sheets: dict[str, Rows] | None = None,
        merges: Sequence[str] = (),
        formats: dict[str, str] | None = None,
    ) -> Path:
        if sheets is None:
            sheets = {sheet: rows or []}
        return write_xlsx(
            tmp_path / name,
            sheets,
            merges={sheet: merges},
            formats={sheet: formats or {}},
        )

    return make
