"""Spreadsheets saved as markup: HTML tables and Excel 2003 XML, often named ``.xls`` (private).

Much office software "exports to Excel" by writing an HTML page, or Excel 2003's XML
(SpreadsheetML), and naming it ``bao_cao.xls``; Excel opens both without a word.  These loaders
turn them into the same :class:`~gender_stats.io._excel.Grid` as every other file, so that the
readers classify their rows and name their cells the same way:

- **HTML**: every ``<table>`` of the page, stacked in one grid in the order they come (Excel shows
  them one under the other on one sheet); ``colspan``/``rowspan`` are merged ranges; ``<br>`` is a
  line break inside the cell; a row styled ``display:none`` is hidden; text outside the tables
  (a title in ``<h1>`` or ``<p>``) is a row of its own.  Cells are text, as in a CSV
  (``typed=False``): ``"1.146"`` is read by the same number rules.
- **Excel 2003 XML**: one grid per ``<Worksheet>`` (``ss:Name``), cells typed by ``ss:Type``
  (``Number``, ``String``, ``DateTime``, ``Boolean``), ``ss:Index`` skips, ``ss:MergeAcross`` /
  ``ss:MergeDown`` merges, ``ss:Hidden`` rows and hidden sheets.

Only the standard library parses them (``html.parser``, ``xml.etree``): no network, no entity
expansion beyond the five XML ones.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from gender_stats.io._excel import Grid, _fail, _finish, _rectangle

__all__ = ["is_spreadsheet_xml", "load_html", "load_spreadsheet_xml"]

#: The namespace of Excel 2003 XML (SpreadsheetML).
SS = "urn:schemas-microsoft-com:office:spreadsheet"
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.IGNORECASE)
#: Tags whose text, outside a table, is a row of its own.
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "li", "center"})
#: Tags whose content is never shown.
_SKIPPED = frozenset({"script", "style", "head", "title"})
_SPACES = re.compile(r"[ \t\r\n\f]+")
#: Excel's own limits: a sheet beyond them is not a workbook Excel wrote.
MAX_ROWS, MAX_COLS = 1_048_576, 16_384


def _decode(raw: bytes, name: str) -> str:
    """Return the text of a markup file: its BOM, its declared charset, else UTF-8 or cp1258."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    declared = _CHARSET.search(raw[:4096])
    encodings = [declared.group(1).decode("ascii").lower()] if declared else []
    for encoding in [*encodings, "utf-8", "cp1258"]:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise _fail(  # cp1258 decodes nearly anything; kept for safety
        name, "không giải mã được văn bản (cannot decode the text)", "lưu lại từ Excel dạng .xlsx"
    )


def _cell_text(parts: list[str]) -> str | None:
    """Return a cell's text as Excel shows it: spaces folded, ``<br>`` kept as line breaks."""
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n")]
    text = "\n".join(line for line in lines if line)
    return text or None


class _Tables(HTMLParser):
    """Collect the rows of every table (and the block text between tables) of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str | None, int, int]]] = []  # (text, colspan, rowspan)
        self.hidden: set[int] = set()
        self.depth = 0  # table nesting
        self.skip = 0
        self.row: list[tuple[str | None, int, int]] | None = None
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.outside: list[str] = []

    def _flush_outside(self) -> None:
        text = _cell_text(self.outside)
        self.outside = []
        if text is not None:
            self.rows.append([(text, 1, 1)])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag in _SKIPPED:
            self.skip += 1
        elif tag == "table":
            if self.depth == 0:
                self._flush_outside()
            self.depth += 1
        elif tag == "br":
            (self.cell if self.cell is not None else self.outside).append("\n")
        elif self.depth == 1 and tag == "tr":
            self._end_row()
            self.row = []
            if _HIDDEN_STYLE.search(values.get("style", "")):
                self.hidden.add(len(self.rows))
        elif self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
            if self.row is None:
                self.row = []
            self.cell = []
            self.span = (_span(values.get("colspan")), _span(values.get("rowspan")))
        elif self.depth == 0 and tag in _BLOCKS:
            self._flush_outside()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag == "table" and self.depth:
            if self.depth == 1:
                self._end_row()
            self.depth -= 1
        elif self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self.depth == 1 and tag == "tr":
            self._end_row()
        elif self.depth == 0 and tag in _BLOCKS:
            self._flush_outside()
        elif self.cell is not None and tag in _BLOCKS:
            self.cell.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.depth == 0:
            self.outside.append(data)

    def _end_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            self.row.append((_cell_text(self.cell), *self.span))
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is not None:
            self.rows.append(self.row)
        self.row = None

    def close(self) -> None:
        super().close()
        self._end_row()
        self._flush_outside()


def _span(value: str | None) -> int:
    """Return a ``colspan``/``rowspan`` as a count of cells (1 when missing or nonsense)."""
    try:
        n = int(str(value).strip())
    except ValueError:
        return 1
    return n if 1 <= n <= 1000 else 1


def _place(
    rows: list[list[tuple[Any, int, int]]],
) -> tuple[list[list[Any]], list[tuple[int, int, int, int]]]:
    """Lay rows of ``(value, colspan, rowspan)`` on a grid, as a browser (and Excel) does."""
    taken: dict[tuple[int, int], Any] = {}
    merged: list[tuple[int, int, int, int]] = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for value, colspan, rowspan in row:
            while (r, c) in taken:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken[(r + dr, c + dc)] = value if (dr, dc) == (0, 0) else None
            if colspan > 1 or rowspan > 1:
                merged.append((r, c, r + rowspan - 1, c + colspan - 1))
            c += colspan
            width = max(width, c)
    height = max([r for r, _ in taken] + [len(rows) - 1], default=-1) + 1
    cells = [[taken.get((r, c)) for c in range(width)] for r in range(height)]
    return cells, merged


def load_html(path: Path, name: str) -> list[Grid]:
    """Return the one grid of an HTML page saved as a spreadsheet (its tables, stacked).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bc.xls"
    >>> _ = p.write_text('<html><body><h3>BÁO CÁO</h3><table>'
    ...     '<tr><th rowspan="2">Đơn vị</th><th colspan="2">Ban Chấp hành</th></tr>'
    ...     '<tr><th>Tổng số</th><th>Nữ</th></tr>'
    ...     '<tr><td>Huyện A</td><td>1.146</td><td>12</td></tr></table></body></html>',
    ...     encoding="utf-8")
    >>> grid, = load_html(p, p.name)
    >>> grid.cells
    [['BÁO CÁO', None, None], ['Đơn vị', 'Ban Chấp hành', None], [None, 'Tổng số', 'Nữ'], ['Huyện A', '1.146', '12']]
    >>> grid.merged, grid.typed
    (((1, 0, 2, 0), (1, 1, 1, 2)), False)
    """
    parser = _Tables()
    try:
        parser.feed(_decode(path.read_bytes(), name))
        parser.close()
    except (AssertionError, ValueError) as err:  # html.parser raises little; kept for safety
        raise _fail(
            name, f"trang HTML hỏng (a damaged HTML page: {err})", "lưu lại từ Excel"
        ) from err
    if not any(len(row) > 1 for row in parser.rows):
        raise _fail(
            name,
            "trang web HTML không có bảng số liệu (an HTML page with no table)",
            "mở trong Excel rồi Save As .xlsx, hoặc xin đơn vị gửi tệp Excel gốc",
        )
    widths = [sum(span for _, span, _ in row) for row in parser.rows]
    if max(widths, default=0) > MAX_COLS:
        raise _fail(
            name,
            f"bảng HTML rộng hơn giới hạn của Excel (a table wider than Excel's {MAX_COLS} columns)",
            "mở trong Excel rồi Save As .xlsx",
        )
    raw, merged = _place(parser.rows)
    cells, width = _rectangle(raw, name, None)
    grid = _finish(name, None, cells, width, merged, hidden_rows=parser.hidden)
    return [dataclasses.replace(grid, typed=False)]  # text cells: the CSV number rules apply


# --------------------------------------------------------------------------------------------
# Excel 2003 XML (SpreadsheetML)


def is_spreadsheet_xml(head: bytes) -> bool:
    """Return True when a file's first bytes show Excel 2003 XML.

    Examples
    --------
    >>> is_spreadsheet_xml(b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>')
    True
    >>> is_spreadsheet_xml(b'<?xml version="1.0"?><note/>')
    False
    """
    return b"Excel.Sheet" in head or SS.encode("ascii") in head


def _ss(tag: str) -> str:
    return f"{{{SS}}}{tag}"


def _int_attr(element: ET.Element, attr: str, default: int) -> int:
    value = element.get(_ss(attr))
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _typed(kind: str | None, text: str) -> Any:
    """Return a SpreadsheetML ``<Data>`` value as the type it declares."""
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if kind == "Boolean":
        return text.strip() in ("1", "true", "TRUE")
    if kind == "DateTime":
        try:
            moment = _dt.datetime.fromisoformat(text.strip())
        except ValueError:
            return text
        return moment.date() if moment.time() == _dt.time() else moment
    return text


def _worksheet_cells(
    sheet: ET.Element,
) -> Iterator[tuple[int, int, Any, int, int, bool]]:
    """Yield ``(row, col, value, across, down, row_hidden)`` for each cell (0-based positions)."""
    table = sheet.find(_ss("Table"))
    if table is None:
        return
    r = -1
    for row in table.findall(_ss("Row")):
        r = _int_attr(row, "Index", r + 2) - 1
        hidden = row.get(_ss("Hidden")) in ("1", "true")
        c = -1
        yielded = False
        for cell in row.findall(_ss("Cell")):
            c = _int_attr(cell, "Index", c + 2) - 1
            data = cell.find(_ss("Data"))
            value = None
            if data is not None:
                text = "".join(data.itertext())
                value = _typed(data.get(_ss("Type")), text) if text != "" else None
            across, down = _int_attr(cell, "MergeAcross", 0), _int_attr(cell, "MergeDown", 0)
            yield r, c, value, across, down, hidden
            yielded = True
            c += across
        if not yielded and hidden:
            yield r, -1, None, 0, 0, True
        r += _int_attr(row, "Span", 0)


def _sheet_hidden(sheet: ET.Element) -> bool:
    for element in sheet.iter():
        if element.tag.endswith("}Visible") and (element.text or "").strip() in (
            "SheetHidden",
            "SheetVeryHidden",
        ):
            return True
    return False


def load_spreadsheet_xml(path: Path, name: str) -> list[Grid]:
    """Return one grid per worksheet of an Excel 2003 XML workbook.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bc.xls"
    >>> _ = p.write_text('<?xml version="1.0"?><Workbook '
    ...     'xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
    ...     'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
    ...     '<Worksheet ss:Name="Biểu 1"><Table>'
    ...     '<Row><Cell ss:MergeAcross="1"><Data ss:Type="String">Ban Chấp hành</Data></Cell></Row>'
    ...     '<Row><Cell><Data ss:Type="Number">45</Data></Cell>'
    ...     '<Cell ss:Index="2"><Data ss:Type="Number">6</Data></Cell></Row>'
    ...     '</Table></Worksheet></Workbook>', encoding="utf-8")
    >>> grid, = load_spreadsheet_xml(p, p.name)
    >>> grid.sheet, grid.cells, grid.merged
    ('Biểu 1', [['Ban Chấp hành', None], [45, 6]], ((0, 0, 0, 1),))
    """
    raw_bytes = path.read_bytes()
    if b"<!ENTITY" in raw_bytes[:65536]:
        raise _fail(
            name,
            "tệp XML khai báo thực thể (an XML file declaring entities), không đọc vì an toàn",
            "mở trong Excel rồi Save As .xlsx",
        )
    try:
        root = ET.fromstring(raw_bytes)
    except ET.ParseError as err:
        raise _fail(
            name, f"tệp XML hỏng (a damaged XML file: {err})", "mở trong Excel rồi Save As .xlsx"
        ) from err
    sheets = root.findall(_ss("Worksheet"))
    if root.tag != _ss("Workbook") or not sheets:
        raise _fail(
            name,
            "tệp XML không phải bảng tính Excel 2003 (an XML file that is not an Excel 2003 "
            "workbook)",
            "mở trong Excel rồi Save As .xlsx",
        )
    grids = []
    for index, sheet in enumerate(sheets, start=1):
        title = sheet.get(_ss("Name")) or f"Sheet{index}"
        placed: dict[tuple[int, int], Any] = {}
        merged: list[tuple[int, int, int, int]] = []
        hidden: set[int] = set()
        height = 0
        for r, c, value, across, down, row_hidden in _worksheet_cells(sheet):
            if not (0 <= r + down < MAX_ROWS and c + across < MAX_COLS):
                raise _fail(
                    name,
                    f'trang "{title}": ô ngoài giới hạn của Excel (a cell beyond Excel\'s '
                    f"{MAX_ROWS} rows × {MAX_COLS} columns: row {r + 1}, column {c + 1})",
                    "mở trong Excel rồi Save As .xlsx",
                )
            if row_hidden:
                hidden.add(r)
            height = max(height, r + 1)
            if c < 0:
                continue
            placed[(r, c)] = value
            if across or down:
                merged.append((r, c, r + down, c + across))
        width = max([c + 1 for _, c in placed] + [0])
        raw = [[placed.get((r, c)) for c in range(width)] for r in range(height)]
        cells, used = _rectangle(raw, name, title)
        grids.append(
            _finish(
                name, title, cells, used, merged, hidden=_sheet_hidden(sheet), hidden_rows=hidden
            )
        )
    return grids
