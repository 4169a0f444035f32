"""Open a CSV, XLSX or Parquet file as grids of cells (private).

Every reader works on :class:`Grid` objects: the cells of one sheet as the user sees them, with the
row numbers Excel shows, the number formats (to recognise percentages) and the merged ranges.  This
module decides whether a file can be read at all; every refusal is a
:class:`~gender_stats.errors.FileFormatError` that says what the file is and what to do.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gender_stats.errors import FileFormatError

#: Extensions the readers accept, by format.
EXTENSIONS = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
}

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"
_PARQUET = b"PAR1"

NOT_READABLE = 'Không đọc được tệp "{file}" (cannot read the file): {why}. Hint: {hint}'


@dataclasses.dataclass(frozen=True)
class Grid:
    """The cells of one sheet (or one CSV / Parquet file).

    Attributes
    ----------
    file : str
        The file name as shown in messages.
    sheet : str or None
        The sheet name (``None`` for CSV and Parquet).
    cells : list of list
        Row-major values; ``None`` for a blank cell.  Rows all have the same length.
    rows : list of int
        The row number the user sees for each row of ``cells`` (Excel row, CSV line).
    formats : list of list of str, optional
        Excel number formats, same shape as ``cells`` (XLSX only).
    merged : tuple of tuple of int
        Merged ranges as 0-based ``(first_row, first_col, last_row, last_col)`` positions in ``cells``.
    typed : bool
        True when cells carry their types (XLSX, Parquet); False for CSV, where every cell is text.
    """

    file: str
    sheet: str | None
    cells: list[list[Any]]
    rows: list[int]
    formats: list[list[str]] | None = None
    merged: tuple[tuple[int, int, int, int], ...] = ()
    typed: bool = True

    @property
    def width(self) -> int:
        """Return the number of columns."""
        return len(self.cells[0]) if self.cells else 0

    def fmt(self, r: int, c: int) -> str:
        """Return the number format of a cell (``"General"`` when unknown)."""
        if self.formats is None:
            return "General"
        return self.formats[r][c] or "General"


def is_blank(value: Any) -> bool:
    """Return True for an empty cell (None, NaN or only spaces)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return value != value
    return False


def _fail(file: str, why: str, hint: str) -> FileFormatError:
    return FileFormatError(NOT_READABLE.format(file=file, why=why, hint=hint))


def load_grids(source: str | Path, *, sheet: str | None = None) -> list[Grid]:
    """Return the grids of a file: one per sheet that holds data (or the one sheet asked for).

    Raises
    ------
    FileFormatError
        When the file is missing, empty, not a spreadsheet, encrypted, truncated, an old ``.xls``,
        or has no sheet named ``sheet``.
    """
    path = Path(source)
    name = path.name
    ext = path.suffix.lower()
    if not path.is_file():
        raise _fail(
            name, "không tìm thấy tệp (file not found)", f"kiểm tra đường dẫn {str(path)!r}"
        )
    head = path.read_bytes()[:8]
    if not head:
        raise _fail(name, "tệp rỗng (the file is empty)", "gửi lại tệp có dữ liệu")
    if ext == ".xls" or (head.startswith(_OLE) and ext != ".csv"):
        if ext == ".xls":
            why = "tệp Excel cũ .xls (an old .xls workbook)"
            hint = "mở trong Excel và lưu lại dạng .xlsx (Save As .xlsx)"
        else:
            why = (
                "tệp được đặt mật khẩu hoặc là tệp .xls cũ đổi tên "
                "(a password-protected workbook, or an old .xls renamed)"
            )
            hint = "mở trong Excel, bỏ mật khẩu và lưu lại dạng .xlsx (Save As .xlsx)"
        raise _fail(name, why, hint)
    kind = EXTENSIONS.get(ext)
    if kind is None:
        raise _fail(
            name,
            f"đuôi tệp {ext or '(không có)'!r} không hỗ trợ (unsupported extension)",
            "dùng tệp .csv, .xlsx hoặc .parquet",
        )
    if kind == "xlsx":
        return _load_xlsx(path, name, head, sheet)
    if sheet is not None:
        raise _fail(name, f"tệp {kind} không có trang tính (no sheets)", "bỏ tham số sheet")
    if kind == "parquet":
        return [_load_parquet(path, name, head)]
    return [_load_csv(path, name)]


def _what_is(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "tệp PDF (a PDF document)"
    if head.startswith(_PARQUET):
        return "tệp Parquet (a Parquet file)"
    if head.startswith(_ZIP):
        return "tệp nén không phải bảng tính (a zip archive that is not a workbook)"
    return "không phải bảng tính Excel (not an Excel workbook)"


def _load_xlsx(path: Path, name: str, head: bytes, sheet: str | None) -> list[Grid]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not head.startswith(_ZIP):
        raise _fail(name, _what_is(head), "mở tệp gốc trong Excel và lưu dạng .xlsx")
    try:
        wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, EOFError) as err:
        raise _fail(
            name,
            f"tệp .xlsx hỏng hoặc bị cắt (a damaged or truncated workbook: {err})",
            "tải hoặc sao chép lại tệp",
        ) from err
    except Exception as err:  # openpyxl raises many kinds on malformed XML
        raise _fail(
            name, f"tệp .xlsx hỏng (a damaged workbook: {type(err).__name__})", "lưu lại tệp"
        ) from err
    try:
        if sheet is not None:
            if sheet not in wb.sheetnames:
                raise _fail(
                    name,
                    f"không có trang {sheet!r} (no sheet {sheet!r}); các trang có: {wb.sheetnames}",
                    "chọn một trong các trang trên",
                )
            names = [sheet]
        else:
            names = list(wb.sheetnames)
        grids = []
        for sheet_name in names:
            ws = wb[sheet_name]
            if not hasattr(ws, "iter_rows"):
                continue  # chart sheets
            grid = _sheet_grid(ws, name, sheet_name, _merged_ranges(path, ws))
            if grid is not None or sheet is not None:
                grids.append(grid or Grid(name, sheet_name, [], []))
    finally:
        wb.close()
    if not any(g.cells for g in grids):
        raise _fail(name, "không có trang nào có dữ liệu (no sheet holds data)", "kiểm tra tệp")
    return grids


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.decode("ascii"):
        n = n * 26 + ord(ch) - ord("A") + 1
    return n


def _merged_ranges(path: Path, ws: Any) -> list[tuple[int, int, int, int]]:
    """Return a sheet's merged ranges (0-based) from its XML (read-only sheets do not list them)."""
    member = getattr(ws, "_worksheet_path", None)
    if member is None:
        return []
    with zipfile.ZipFile(path) as zf:
        xml = zf.read(member)
    return [
        (int(r0) - 1, _col_number(c0) - 1, int(r1) - 1, _col_number(c1) - 1)
        for c0, r0, c1, r1 in _MERGE_REF.findall(xml)
    ]


def _sheet_grid(
    ws: Any, name: str, sheet_name: str, merged_ranges: list[tuple[int, int, int, int]]
) -> Grid | None:
    cells: list[list[Any]] = []
    formats: list[list[str]] = []
    for row in ws.iter_rows():
        cells.append([c.value for c in row])
        formats.append([getattr(c, "number_format", "General") for c in row])
    # keep the rectangle that holds data
    last_row = max(
        (i for i, row in enumerate(cells) if any(not is_blank(v) for v in row)), default=-1
    )
    if last_row < 0:
        return None
    cells, formats = cells[: last_row + 1], formats[: last_row + 1]
    width = max(
        (j + 1 for row in cells for j, v in enumerate(row) if not is_blank(v)),
        default=0,
    )
    merged = []
    for r0, c0, r1, c1 in merged_ranges:
        if r0 >= len(cells):
            continue
        merged.append((r0, c0, min(r1, len(cells) - 1), c1))
        width = max(width, c1 + 1)
    cells = [(row + [None] * width)[:width] for row in cells]
    formats = [(row + ["General"] * width)[:width] for row in formats]
    rows = list(range(1, len(cells) + 1))
    return Grid(name, sheet_name, cells, rows, formats, tuple(sorted(merged)), typed=True)


def _load_parquet(path: Path, name: str, head: bytes) -> Grid:
    import pyarrow.parquet as pq

    if not head.startswith(_PARQUET):
        raise _fail(name, _what_is(head), "dùng tệp Parquet thật hoặc đổi đuôi tệp")
    try:
        table = pq.read_table(path)
    except Exception as err:  # pyarrow raises ArrowInvalid, OSError...
        raise _fail(
            name, f"tệp Parquet hỏng (a damaged Parquet file: {err})", "xuất lại tệp"
        ) from err
    columns = table.column_names
    data = table.to_pydict()
    n = table.num_rows
    cells: list[list[Any]] = [list(columns)]
    for i in range(n):
        cells.append([data[c][i] for c in columns])
    if n == 0:
        raise _fail(name, "tệp không có dòng dữ liệu (no rows)", "xuất lại tệp có dữ liệu")
    return Grid(name, None, cells, list(range(1, n + 2)), typed=True)


def sniff_delimiter(text: str) -> str:
    r"""Return the delimiter of a CSV text: ``,``, ``;`` or tab.

    The one that splits a line of the first ten non-blank lines (outside quotes) into the most
    fields wins (a title line above the header has one field whatever the delimiter); a tie goes
    to the comma.

    Examples
    --------
    >>> sniff_delimiter("Đơn vị;Tổng số;Nữ\nA;3;1\n")
    ';'
    >>> sniff_delimiter('"Thanh Hóa; cũ",12,3\n')
    ','
    >>> sniff_delimiter("BÁO CÁO, NHIỆM KỲ 2015 - 2020\nĐơn vị;Cấp;Tổng số;Nữ\n")
    ';'
    """
    lines = [line for line in text.splitlines() if line.strip()][:10]
    best, best_n = ",", 1
    for delim in (",", ";", "\t"):
        n = max((len(next(csv.reader([line], delimiter=delim), [])) for line in lines), default=1)
        if n > best_n:
            best, best_n = delim, n
    return best


def _load_csv(path: Path, name: str) -> Grid:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096] or raw.startswith((_ZIP, b"%PDF", _PARQUET)):
        raise _fail(name, _what_is(raw[:8]), "lưu dạng CSV UTF-8 (CSV UTF-8 comma delimited)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _fail(
            name,
            f"tệp CSV không phải mã UTF-8 (not UTF-8 text: byte {err.start})",
            'trong Excel chọn Save As "CSV UTF-8 (Comma delimited)"',
        ) from err
    if not text.strip():
        raise _fail(name, "tệp rỗng (the file is empty)", "gửi lại tệp có dữ liệu")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    cells: list[list[Any]] = []
    rows: list[int] = []
    try:
        for record in reader:
            cells.append([v if v.strip() else None for v in record])
            rows.append(reader.line_num)
    except csv.Error as err:
        raise _fail(
            name, f"CSV lỗi ở dòng {reader.line_num} ({err})", "kiểm tra dấu ngoặc kép"
        ) from err
    while cells and all(is_blank(v) for v in cells[-1]):
        cells.pop()
        rows.pop()
    width = max(len(r) for r in cells)
    cells = [r + [None] * (width - len(r)) for r in cells]
    return Grid(name, None, cells, rows, typed=False)


def grid_from_rows(
    rows: Sequence[Sequence[Any]], *, file: str = "test.xlsx", sheet: str | None = "Sheet1"
) -> Grid:
    """Return a grid from literal rows (for doctests and tests).

    Examples
    --------
    >>> grid_from_rows([["Đơn vị", "Nữ"], ["A", 1]]).width
    2
    """
    width = max(len(r) for r in rows)
    cells = [list(r) + [None] * (width - len(r)) for r in rows]
    return Grid(file, sheet, cells, list(range(1, len(cells) + 1)))
