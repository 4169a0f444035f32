"""Open a CSV, XLSX, XLS, ODS or Parquet file (or an HTML/XML "xls") as grids of cells (private).

Every reader works on :class:`Grid` objects: the cells of one sheet as the user sees them, with the
row numbers Excel shows, the merged ranges, which rows and sheets are hidden, which cells are
percent-formatted and which formula cells carry no saved value.  This module decides whether a file
can be read at all, by its content rather than its extension; every refusal is a
:class:`~gender_stats.errors.FileFormatError` that says what the file is and what to do.

Engines (chosen by measurement, see ``benchmarks/README.md``): ``python-calamine`` reads the values of
``.xlsx``/``.xlsm``/``.ods`` about ten times faster than openpyxl; the few facts calamine does not
give (hidden rows, percent formats, formulas without a saved value) come from one regular-expression
pass over the sheet's XML.  ``.xls`` (Excel 97-2003) is read with ``xlrd``, which gives values,
merged cells, hidden rows and number formats in one pass.  HTML tables and Excel 2003 XML saved
as ``.xls`` are read by :mod:`gender_stats.io._markup`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as _dt
import io
import re
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from gender_stats.errors import FileFormatError
from gender_stats.io._birth import is_dayless_date_format

#: Extensions the readers accept, by format (the content decides in the end).
EXTENSIONS = {
    ".csv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".ods": "ods",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".htm": "html",
    ".html": "html",
    ".xml": "xml",
}

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"
_PARQUET = b"PAR1"

#: A workbook whose parts unpack to more than this is refused before it is opened (zip bombs).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: Excel's own limit on the length of one cell's text.
MAX_CELL_CHARS = 32_767

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
        Excel number formats, same shape as ``cells`` (tests and small grids).
    merged : tuple of tuple of int
        Merged ranges as 0-based ``(first_row, first_col, last_row, last_col)`` positions in ``cells``.
    typed : bool
        True when cells carry their types (XLSX, XLS, ODS, Parquet); False for CSV, where every cell
        is text.
    hidden_rows : frozenset of int
        Positions (in ``cells``) of rows hidden in the workbook.
    hidden_cols : frozenset of int
        Positions (in each row of ``cells``) of columns hidden in the workbook.
    hidden : bool
        True for a hidden sheet.
    cell_formats : mapping
        ``(row, col) -> number format`` for cells whose format matters (percentages).
    no_value : frozenset of tuple
        ``(row, col)`` of formula cells saved without a value (the reader cannot see their result).
    delimiter : str or None
        The delimiter of a CSV file.
    text_numbers : set of tuple
        ``(row, col)`` of count cells typed as text in a typed file (``"12"``) and read as numbers;
        filled while the sheet is read, reported with a :class:`TableWarning` afterwards.
    """

    file: str
    sheet: str | None
    cells: list[list[Any]]
    rows: list[int]
    formats: list[list[str]] | None = None
    merged: tuple[tuple[int, int, int, int], ...] = ()
    typed: bool = True
    hidden_rows: frozenset[int] = frozenset()
    hidden: bool = False
    hidden_cols: frozenset[int] = frozenset()
    cell_formats: Mapping[tuple[int, int], str] = dataclasses.field(default_factory=dict)
    no_value: frozenset[tuple[int, int]] = frozenset()
    delimiter: str | None = None
    text_numbers: set[tuple[int, int]] = dataclasses.field(default_factory=set, compare=False)

    @property
    def width(self) -> int:
        """Return the number of columns."""
        return len(self.cells[0]) if self.cells else 0

    def fmt(self, r: int, c: int) -> str:
        """Return the number format of a cell (``"General"`` when unknown)."""
        found = self.cell_formats.get((r, c))
        if found:
            return found
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


def sniff_kind(head: bytes, ext: str) -> str | None:
    """Return the format a file's first bytes show, or ``None`` when they show none.

    Examples
    --------
    >>> sniff_kind(b"PAR1....", ".csv"), sniff_kind(b"<html><body>", ".xls")
    ('parquet', 'html')
    """
    if head.startswith(_PARQUET):
        return "parquet"
    if head.startswith(_OLE):
        return "ole"
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text ("Unicode" saves)
        head = head[: len(head) // 2 * 2].decode("utf-16", errors="ignore").encode("utf-8")
    lower = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lower.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")):
        return "html"
    if lower.startswith(b"<?xml"):
        return "xml"
    return None


def load_grids(
    source: str | Path, *, sheet: str | None = None, max_bytes: int = MAX_UNPACKED_BYTES
) -> list[Grid]:
    """Return the grids of a file: one per sheet (hidden ones flagged), or the one sheet asked for.

    Raises
    ------
    FileFormatError
        When the path is missing or a folder, the file is empty, not a spreadsheet, encrypted,
        truncated, too large once unpacked, or has no sheet named ``sheet``.
    """
    path = as_path(source)
    name = path.name or str(path)
    ext = path.suffix.lower()
    if path.is_dir():
        raise _fail(
            name,
            f"{str(path)!r} là một thư mục, không phải tệp (a folder, not a file)",
            "đưa đường dẫn tới một tệp .xlsx, .xls, .ods, .csv hoặc .parquet trong thư mục đó",
        )
    if not path.is_file():
        parent = path.parent if str(path.parent) else Path(".")
        where = (
            f"thư mục {str(parent)!r} không tồn tại (the folder does not exist)"
            if not parent.exists()
            else f"không có tệp {path.name!r} trong {str(parent)!r} (no such file in that folder)"
        )
        raise _fail(name, f"không tìm thấy tệp (file not found): {where}", "kiểm tra đường dẫn")
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError as err:
        raise _fail(
            name, f"không mở được tệp (cannot open: {err.strerror})", "kiểm tra quyền đọc"
        ) from err
    if not head:
        raise _fail(name, "tệp rỗng, 0 byte (the file is empty)", "gửi lại tệp có dữ liệu")
    kind = _decide_kind(name, ext, head, path)
    if kind in ("xlsx", "ods"):
        return _load_zip_workbook(path, name, kind, sheet, max_bytes)
    if kind == "xls":
        return _pick(_load_xls(path, name, ext), sheet, name)
    if kind == "xml":
        from gender_stats.io._markup import load_spreadsheet_xml

        return _pick(load_spreadsheet_xml(path, name), sheet, name)
    if kind == "html":
        from gender_stats.io._markup import load_html

        if sheet is not None:
            raise _fail(name, "trang HTML không có trang tính (no sheets)", "bỏ tham số sheet")
        return load_html(path, name)
    if sheet is not None:
        raise _fail(name, f"tệp {kind} không có trang tính (no sheets)", "bỏ tham số sheet")
    if kind == "parquet":
        return [_load_parquet(path, name, head)]
    return [_load_csv(path, name)]


def as_path(source: object, func: str = "read_counts") -> Path:
    """Return ``source`` as a path, or raise a clear error for anything that is not one.

    Examples
    --------
    >>> as_path("bc.xlsx").name
    'bc.xlsx'
    """
    import os

    if isinstance(source, (str, os.PathLike)):
        try:
            return Path(source)
        except TypeError:
            pass
    kind = type(source).__name__
    hint = (
        "một bảng trong bộ nhớ không cần đọc: dùng gs.validate_counts(frame) "
        "(a frame in memory needs no reader: validate it)"
        if hasattr(source, "columns")
        else 'truyền đường dẫn tệp, ví dụ "bao_cao.xlsx" (pass a file path)'
    )
    from gender_stats.errors import ArgumentError

    raise ArgumentError(
        f"{func}() cần đường dẫn tới một tệp (a file path), không phải {kind}. Hint: {hint}."
    )


def _decide_kind(name: str, ext: str, head: bytes, path: Path) -> str:
    if ext and ext not in EXTENSIONS and ext != ".tsv":
        raise _fail(
            name,
            f"đuôi tệp {ext!r} không hỗ trợ (unsupported extension)",
            "dùng tệp .xlsx, .xls, .ods, .csv hoặc .parquet",
        )
    sniffed = sniff_kind(head, ext)
    if sniffed == "zip":
        try:
            with zipfile.ZipFile(path) as zf:
                members = set(zf.namelist())
                mimetype = zf.read("mimetype")[:100] if "mimetype" in members else b""
        except (zipfile.BadZipFile, OSError, EOFError, KeyError, zlib.error) as err:
            if ext == ".csv":
                raise _fail(
                    name,
                    "dữ liệu nhị phân, không phải văn bản CSV (binary data, not CSV text)",
                    'trong Excel chọn Save As "CSV UTF-8 (Comma delimited)"',
                ) from err
            raise _fail(
                name,
                f"tệp nén hỏng hoặc bị cắt (a damaged or truncated workbook: {err})",
                "tải hoặc sao chép lại tệp",
            ) from err
        if "xl/workbook.xml" in members:
            return "xlsx"
        if b"opendocument.spreadsheet" in mimetype:
            return "ods"
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            raise _fail(
                name,
                "tài liệu OpenDocument không phải bảng tính (an OpenDocument file that is not a "
                "spreadsheet)",
                "mở trong LibreOffice Calc và lưu dạng .ods hoặc .xlsx",
            )
        if ext == ".csv":
            raise _fail(
                name,
                "tệp nén nhị phân, không phải văn bản CSV (binary data, not CSV text)",
                'trong Excel chọn Save As "CSV UTF-8 (Comma delimited)"',
            )
        if "word/document.xml" in members:
            raise _fail(name, "tệp Word .docx (a Word document)", "chép bảng sang Excel")
        raise _fail(
            name,
            "tệp nén không phải bảng tính (a zip archive that is not a workbook)",
            "giải nén và đọc từng tệp bảng tính bên trong",
        )
    if sniffed == "ole":
        return "xls"
    if sniffed == "parquet":
        return "parquet"
    if sniffed == "pdf":
        raise _fail(name, "tệp PDF (a PDF document)", "xin đơn vị gửi tệp Excel gốc")
    if sniffed == "html":
        return "html"  # an HTML table saved as .xls, as much software "exports to Excel"
    if sniffed == "xml" and ext != ".csv":
        from gender_stats.io._markup import is_spreadsheet_xml

        if is_spreadsheet_xml(head):
            return "xml"
    if sniffed == "xml":
        raise _fail(
            name,
            "tệp XML (Excel 2003 XML hoặc XML khác) (an XML file, e.g. Excel 2003 XML)",
            "mở trong Excel rồi Save As .xlsx",
        )
    kind = EXTENSIONS.get(ext)
    if kind in ("xlsx", "xls", "ods", "parquet", "html", "xml"):
        raise _fail(
            name,
            f"nội dung không phải bảng tính {ext} (the content is not a {ext} file; perhaps text "
            "renamed)",
            "mở tệp gốc trong Excel và lưu lại dạng .xlsx",
        )
    return "csv"


def _pick(grids: list[Grid], sheet: str | None, name: str) -> list[Grid]:
    if sheet is not None:
        names = [g.sheet for g in grids]
        chosen = [g for g in grids if g.sheet == sheet]
        if not chosen:
            raise _fail(
                name,
                f"không có trang {sheet!r} (no sheet {sheet!r}); các trang có: {names}",
                "chọn một trong các trang trên",
            )
        return chosen
    if not any(g.cells for g in grids):
        raise _fail(name, "không có trang nào có dữ liệu (no sheet holds data)", "kiểm tra tệp")
    return grids


# --------------------------------------------------------------------------------------------
# Cells


def _cell(value: Any, file: str, sheet: str | None, r: int, c: int) -> Any:
    """Return a loaded cell as the readers expect it (None for blank, whole floats as int)."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        if value != value:
            return None
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
        return value
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        from gender_stats.errors import excel_column_letter

        where = f"ô {excel_column_letter(c + 1)}{r + 1}" + (
            f' của trang "{sheet}"' if sheet else ""
        )
        raise _fail(
            file,
            f"{where} dài {len(value)} ký tự, "
            f"quá giới hạn {MAX_CELL_CHARS} của Excel (a cell longer than Excel allows)",
            "tệp bị hỏng hoặc không phải bảng số liệu; lưu lại từ Excel",
        )
    return value


def _rectangle(
    raw: Sequence[Sequence[Any]], file: str, sheet: str | None
) -> tuple[list[list[Any]], int]:
    """Return the cells as the readers expect them (see :func:`_cell`), and the width used.

    The loop is written out (not a call per cell): it runs over every cell of every sheet.
    """
    cells: list[list[Any]] = []
    width = 0
    for r, row in enumerate(raw):
        out: list[Any] = []
        last = -1
        for c, v in enumerate(row):
            t = type(v)
            if t is str:
                if not v:
                    v = None
                elif len(v) > MAX_CELL_CHARS:
                    _cell(v, file, sheet, r, c)
            elif t is float:
                if v != v:
                    v = None
                elif v.is_integer() and -(2**53) < v < 2**53:
                    v = int(v)
            elif v is None:
                pass
            if v is not None:
                last = c
            out.append(v)
        if last + 1 > width:
            width = last + 1
        cells.append(out)
    while cells and all(v is None for v in cells[-1]):
        cells.pop()
    return cells, width


def _finish(
    file: str,
    sheet: str | None,
    cells: list[list[Any]],
    width: int,
    merged: Sequence[tuple[int, int, int, int]],
    **extra: Any,
) -> Grid:
    n = len(cells)
    kept = []
    for r0, c0, r1, c1 in merged:
        if r0 >= n:
            continue
        kept.append((r0, c0, min(r1, n - 1), c1))
        width = max(width, c1 + 1)
    cells = [(list(row) + [None] * width)[:width] for row in cells]
    hidden_rows = frozenset(r for r in extra.pop("hidden_rows", ()) if r < n)
    extra["hidden_cols"] = frozenset(c for c in extra.pop("hidden_cols", ()) if c < width)
    return Grid(
        file,
        sheet,
        cells,
        list(range(1, n + 1)),
        merged=tuple(sorted(kept)),
        typed=True,
        hidden_rows=hidden_rows,
        **extra,
    )


# --------------------------------------------------------------------------------------------
# XLSX and ODS (python-calamine), with the facts calamine does not give from the XML


def _check_size(zf: zipfile.ZipFile, name: str, max_bytes: int) -> None:
    total = sum(info.file_size for info in zf.infolist())
    if total > max_bytes:
        raise _fail(
            name,
            f"tệp giải nén ra {total // 2**20} MB, quá giới hạn {max_bytes // 2**20} MB "
            "(the workbook unpacks to more than the limit; a damaged or hostile file)",
            "lưu lại tệp từ Excel, hoặc chia nhỏ; nếu đúng là tệp rất lớn, đọc bằng "
            "load_grids(..., max_bytes=...)",
        )


def _load_zip_workbook(
    path: Path, name: str, kind: str, sheet: str | None, max_bytes: int
) -> list[Grid]:
    import python_calamine as pc

    try:
        with zipfile.ZipFile(path) as zf:
            _check_size(zf, name, max_bytes)
            extras = _xlsx_extras(zf) if kind == "xlsx" else _ods_extras(zf)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, zlib.error) as err:
        raise _fail(
            name, f"tệp hỏng hoặc bị cắt (a damaged or truncated workbook: {err})", "lưu lại tệp"
        ) from err
    try:
        expected = ".ods" if kind == "ods" else (".xlsx", ".xlsm")
        if path.suffix.lower() in expected:
            wb = pc.CalamineWorkbook.from_path(str(path))
        else:  # renamed: calamine picks its parser by the name, so give it the bytes
            wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
    except Exception as err:  # calamine raises its own errors on damaged parts
        raise _fail(
            name,
            f"tệp hỏng (a damaged workbook: {type(err).__name__}: {str(err)[:200]})",
            "mở trong Excel và lưu lại",
        ) from err
    grids: list[Grid] = []
    all_names = list(wb.sheet_names)
    try:
        for meta in wb.sheets_metadata:
            if sheet is not None and meta.name != sheet:
                continue
            if "WorkSheet" not in str(meta.typ):
                continue  # chart sheets, dialog sheets
            try:
                sh = wb.get_sheet_by_name(meta.name)
                raw = sh.to_python(skip_empty_area=False)
                merged_raw = sh.merged_cell_ranges or []
            except Exception as err:
                raise _fail(
                    name,
                    f'trang "{meta.name}" hỏng (a damaged sheet: {type(err).__name__}: '
                    f"{str(err)[:200]})",
                    "mở trong Excel và lưu lại",
                ) from err
            cells, width = _rectangle(raw, name, meta.name)
            merged = [(a[0], a[1], b[0], b[1]) for a, b in merged_raw]
            info = extras.get(meta.name, {})
            hidden = meta.visible != pc.SheetVisibleEnum.Visible
            grids.append(
                _finish(
                    name,
                    meta.name,
                    cells,
                    width,
                    merged,
                    hidden=hidden or bool(info.get("hidden")),
                    hidden_rows=info.get("hidden_rows", ()),
                    hidden_cols=info.get("hidden_cols", ()),
                    cell_formats=info.get("formats", {}),
                    no_value=frozenset(info.get("no_value", ())),
                )
            )
    finally:
        wb.close()
    if sheet is not None and not grids:
        raise _fail(
            name,
            f"không có trang {sheet!r} (no sheet {sheet!r}); các trang có: {all_names}",
            "chọn một trong các trang trên",
        )
    return _pick(grids, sheet, name)


_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_ATTR = re.compile(rb'([\w:.-]+)="([^"]*)"')
_REL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
_ROW_HIDDEN = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"[^>]*?\bhidden="(?:1|true)"')
_ROW_HIDDEN_B = re.compile(rb'<(?:\w+:)?row\b[^>]*?\bhidden="(?:1|true)"[^>]*?\br="(\d+)"')
_COL_TAG = re.compile(rb"<(?:\w+:)?col\b([^>]*?)/?>")
_NO_VALUE = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)'
    rb"\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
_NUMFMT = re.compile(rb'<(?:\w+:)?numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"')
_CELLXFS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*)>")
_BUILTIN_PERCENT = {9: "0%", 10: "0.00%"}
#: Built-in number formats (no ``numFmt`` of their own) whose text the readers need.
_BUILTIN_KEPT = {**_BUILTIN_PERCENT, 17: "mmm-yy"}


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.decode("ascii"):
        n = n * 26 + ord(ch) - ord("A") + 1
    return n


def _attrs(text: bytes) -> dict[str, str]:
    return {k.decode().split(":")[-1]: v.decode("utf-8", "replace") for k, v in _ATTR.findall(text)}


def _is_percent_format(code: str) -> bool:
    """Return True when an Excel format code shows a percentage (a ``%`` outside quotes)."""
    bare = re.sub(r'"[^"]*"|\\.', "", code)
    return "%" in bare


def _xlsx_extras(zf: zipfile.ZipFile) -> dict[str, dict[str, Any]]:
    """Return, per sheet name, hidden rows, percent cells and formulas without a value."""
    try:
        workbook = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for m in _REL.findall(rels):
        a = _attrs(m)
        if "Id" in a and "Target" in a:
            target = a["Target"].lstrip("/")
            targets[a["Id"]] = target if target.startswith("xl/") else "xl/" + target
    kept_styles = _kept_styles(zf)
    out: dict[str, dict[str, Any]] = {}
    for m in _SHEET_TAG.findall(workbook):
        a = _attrs(m)
        member = targets.get(a.get("id", ""))
        sheet_name = _xml_unescape(a.get("name", ""))
        if not member or member not in zf.namelist():
            continue
        xml = zf.read(member)
        hidden_rows: set[int] = set()
        if b'hidden="' in xml:
            hidden_rows = {int(r) - 1 for r in _ROW_HIDDEN.findall(xml)}
            hidden_rows |= {int(r) - 1 for r in _ROW_HIDDEN_B.findall(xml)}
        hidden_cols: set[int] = set()
        for col in _COL_TAG.findall(xml.split(b"<sheetData", 1)[0]):
            ca = _attrs(col)
            if ca.get("hidden") in ("1", "true") and ca.get("min", "").isdigit():
                first, last = int(ca["min"]), int(ca.get("max") or ca["min"])
                hidden_cols.update(range(first - 1, min(last, first + 1000)))
        no_value: set[tuple[int, int]] = set()
        if b"<f>" in xml or b"<f " in xml or b":f>" in xml or b":f " in xml:
            no_value = {(int(r) - 1, _col_number(c) - 1) for c, r in _NO_VALUE.findall(xml)}
        formats: dict[tuple[int, int], str] = {}
        used_styles = [i for i in sorted(kept_styles) if f's="{i}"'.encode() in xml]
        if used_styles:
            ids = b"|".join(str(i).encode() for i in used_styles)
            pattern = re.compile(
                rb'<(?:\w+:)?c\b(?=[^>]*?\bs="(' + ids + rb')")(?=[^>]*?\br="([A-Z]+)(\d+)")'
            )
            for s, c, r in pattern.findall(xml):
                formats[(int(r) - 1, _col_number(c) - 1)] = kept_styles[int(s)]
        out[sheet_name] = {
            "hidden": a.get("state", "visible") != "visible",
            "hidden_rows": hidden_rows,
            "hidden_cols": hidden_cols,
            "no_value": no_value,
            "formats": formats,
        }
    return out


def _xml_unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _kept_format(code: str) -> bool:
    """Return whether the readers need a cell's number format: a percentage, a dayless date."""
    return _is_percent_format(code) or is_dayless_date_format(code)


def _kept_styles(zf: zipfile.ZipFile) -> dict[int, str]:
    """Return the cell style indices (``s=``) whose number format the readers need.

    A percentage (a share typed as ``12%``) and a date shown without its day (``mm/yyyy``: a
    birth month, not a birth date); every other format reads as ``"General"``.
    """
    try:
        styles = zf.read("xl/styles.xml")
    except KeyError:
        return {}
    codes = {
        int(i): _xml_unescape(c.decode("utf-8", "replace")) for i, c in _NUMFMT.findall(styles)
    }
    block = _CELLXFS.search(styles)
    if not block:
        return {}
    out = {}
    for index, m in enumerate(_XF.findall(block.group(1))):
        fmt_id = int(_attrs(m).get("numFmtId", "0") or 0)
        code = codes.get(fmt_id) or _BUILTIN_KEPT.get(fmt_id)
        if code and _kept_format(code):
            out[index] = code
    return out


_ODS_TABLE = re.compile(rb"<table:table\b([^>]*)>(.*?)</table:table>", re.S)
_ODS_ROW = re.compile(rb"<table:table-row\b([^>]*?)(/?)>")
_ODS_COLUMN = re.compile(rb"<table:table-column\b([^>]*?)/?>")


_ODS_DATE_STYLE = re.compile(rb"<number:date-style\b([^>]*)>(.*?)</number:date-style>", re.S)
_ODS_CELL_STYLE = re.compile(rb"<style:style\b([^>]*?)/?>")
_ODS_ROW_BODY = re.compile(rb"<table:table-row\b([^>]*?)(?:/>|>(.*?)</table:table-row>)", re.S)
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)/?>")
_ODS_COLUMN = re.compile(rb"<table:table-column\b([^>]*?)/?>")


def _ods_dayless_styles(*parts: bytes) -> set[str]:
    """Return the cell styles of an ODS file that show a date without its day (``mm/yyyy``).

    A ``number:date-style`` with a year and no ``number:day`` is such a format; a cell style
    (``style:data-style-name``) that uses one shows its dates that way.
    """
    dayless = set()
    for xml in parts:
        for head, body in _ODS_DATE_STYLE.findall(xml):
            if b"<number:year" in body and b"<number:day" not in body:
                dayless.add(_attrs(head).get("name", ""))
    cells = set()
    for xml in parts:
        for m in _ODS_CELL_STYLE.findall(xml):
            a = _attrs(m)
            if a.get("data-style-name") in dayless:
                cells.add(a.get("name", ""))
    return cells


def _ods_dayless_cells(body: bytes, styles: set[str]) -> dict[tuple[int, int], str]:
    """Return ``(row, col) -> "mm/yyyy"`` for the date cells of one table shown without a day.

    A cell without a style of its own has its column's (``table:default-cell-style-name``).
    """
    out: dict[tuple[int, int], str] = {}
    defaults: list[str] = []
    for m in _ODS_COLUMN.findall(body):
        a = _attrs(m)
        span = min(int(a.get("number-columns-repeated", "1") or 1), 1024)
        defaults.extend([a.get("default-cell-style-name", "")] * span)
    row = 0
    for attrs, content in _ODS_ROW_BODY.findall(body):
        repeat = int(_attrs(attrs).get("number-rows-repeated", "1") or 1)
        if content and b"date-value" in content:
            col = 0
            for cell in _ODS_CELL.findall(content):
                a = _attrs(cell)
                span = int(a.get("number-columns-repeated", "1") or 1)
                style = a.get("style-name") or (defaults[col] if col < len(defaults) else "")
                if style in styles and b"date-value" in cell:
                    for c in range(col, col + min(span, 1024)):
                        out[(row, c)] = "mm/yyyy"  # the day is not shown
                col += span
        row += repeat
    return out


def _ods_extras(zf: zipfile.ZipFile) -> dict[str, dict[str, Any]]:
    """Return, per sheet of an ODS file, its hidden rows and its dates shown without a day.

    Hidden rows: ``table:visibility`` collapse/filter.  Dates: a cell whose style shows a month
    and a year only (see :func:`_ods_dayless_styles`) gets the format ``mm/yyyy`` in
    ``formats``, so a birth month is not read as a birth on the 1st.
    """
    try:
        xml = zf.read("content.xml")
    except KeyError:
        return {}
    try:
        styles_xml = zf.read("styles.xml")
    except KeyError:
        styles_xml = b""
    dayless = (
        _ods_dayless_styles(xml, styles_xml) if b"number:date-style" in xml + styles_xml else set()
    )
    out: dict[str, dict[str, Any]] = {}
    for head, body in _ODS_TABLE.findall(xml):
        a = _attrs(head)
        row = 0
        hidden: set[int] = set()
        for attrs, _ in _ODS_ROW.findall(body):
            ra = _attrs(attrs)
            repeat = int(ra.get("number-rows-repeated", "1") or 1)
            if ra.get("visibility", "visible") in ("collapse", "filter"):
                hidden.update(range(row, row + min(repeat, 10_000)))
            row += repeat
        cols: set[int] = set()
        col = 0
        for attrs in _ODS_COLUMN.findall(body.split(b"<table:table-row", 1)[0]):
            ca = _attrs(attrs)
            repeat = int(ca.get("number-columns-repeated", "1") or 1)
            if ca.get("visibility", "visible") in ("collapse", "filter"):
                cols.update(range(col, col + min(repeat, 1000)))
            col += repeat
        formats = _ods_dayless_cells(body, dayless) if dayless else {}
        out[_xml_unescape(a.get("name", ""))] = {
            "hidden_rows": hidden,
            "hidden_cols": cols,
            "formats": formats,
        }
    return out


# --------------------------------------------------------------------------------------------
# XLS (Excel 97-2003) with xlrd


def _load_xls(path: Path, name: str, ext: str = ".xls") -> list[Grid]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as err:
        text = str(err)
        if "encrypt" in text.lower() or "Can't find workbook" in text:
            why = (
                "tệp được đặt mật khẩu, hoặc không phải bảng tính Excel (a password-protected "
                "workbook, or an OLE file that is not an Excel workbook)"
            )
            hint = "mở trong Excel, bỏ mật khẩu và lưu lại dạng .xlsx"
        else:
            why = f"tệp .xls hỏng (a damaged .xls workbook: {text})"
            hint = "mở trong Excel và lưu lại dạng .xlsx"
        raise _fail(name, why, hint) from err
    except Exception as err:  # xlrd raises many kinds on damaged BIFF records
        if ext != ".xls":
            why = (
                f"tệp được đặt mật khẩu, hoặc tệp .xls cũ hỏng đổi tên (a password-protected "
                f"workbook, or a damaged old .xls renamed: {type(err).__name__})"
            )
            hint = "mở trong Excel, bỏ mật khẩu và lưu lại dạng .xlsx (Save As .xlsx)"
        else:
            why = f"tệp .xls hỏng hoặc bị cắt (a damaged or truncated .xls: {type(err).__name__})"
            hint = "mở trong Excel và lưu lại (Save As .xlsx)"
        raise _fail(name, why, hint) from err
    grids = []
    try:
        for index in range(book.nsheets):
            try:
                sh = book.sheet_by_index(index)
                grids.append(_xls_sheet(book, sh, name))
            except FileFormatError:
                raise
            except Exception as err:
                raise _fail(
                    name,
                    f"trang thứ {index + 1} hỏng (a damaged sheet: {type(err).__name__})",
                    "mở trong Excel và lưu lại dạng .xlsx",
                ) from err
    finally:
        book.release_resources()
    return grids


def _xls_sheet(book: Any, sh: Any, name: str) -> Grid:
    import xlrd

    raw: list[list[Any]] = []
    formats: dict[tuple[int, int], str] = {}
    for r in range(sh.nrows):
        row = []
        for c, cell in enumerate(sh.row(r)):
            ctype, value = cell.ctype, cell.value
            if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                value = None
            elif ctype == xlrd.XL_CELL_DATE:
                xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
                fmt = book.format_map.get(xf.format_key) if xf is not None else None
                if fmt is not None and is_dayless_date_format(fmt.format_str):
                    formats[(r, c)] = fmt.format_str
                try:
                    value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                except Exception:
                    value = None
                if isinstance(value, _dt.datetime) and value.time() == _dt.time():
                    value = value.date()
            elif ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(value)
            elif ctype == xlrd.XL_CELL_ERROR:
                value = xlrd.error_text_from_code.get(value, "#ERR")
            elif ctype == xlrd.XL_CELL_NUMBER:
                xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
                fmt = book.format_map.get(xf.format_key) if xf is not None else None
                if fmt is not None and _is_percent_format(fmt.format_str):
                    formats[(r, c)] = fmt.format_str
            row.append(value)
        raw.append(row)
    cells, width = _rectangle(raw, name, sh.name)
    merged = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sh.merged_cells]
    hidden_rows = {r for r, info in sh.rowinfo_map.items() if getattr(info, "hidden", 0)}
    hidden_cols = {c for c, info in sh.colinfo_map.items() if getattr(info, "hidden", 0)}
    return _finish(
        name,
        sh.name,
        cells,
        width,
        merged,
        hidden=bool(getattr(sh, "visibility", 0)),
        hidden_rows=hidden_rows,
        hidden_cols=hidden_cols,
        cell_formats=formats,
    )


# --------------------------------------------------------------------------------------------
# Parquet and CSV


def _load_parquet(path: Path, name: str, head: bytes) -> Grid:
    import pyarrow.parquet as pq

    if not head.startswith(_PARQUET):
        raise _fail(name, "không phải tệp Parquet (not a Parquet file)", "dùng tệp Parquet thật")
    try:
        table = pq.read_table(path)
        columns = table.column_names
        data = table.to_pydict()  # damaged text pages fail here, as UnicodeDecodeError
    except Exception as err:  # pyarrow raises ArrowInvalid, OSError, UnicodeDecodeError...
        raise _fail(
            name, f"tệp Parquet hỏng (a damaged Parquet file: {str(err)[:200]})", "xuất lại tệp"
        ) from err
    n = table.num_rows
    cells: list[list[Any]] = [list(columns)]
    for i in range(n):
        cells.append([data[c][i] for c in columns])
    if n == 0:
        raise _fail(name, "tệp không có dòng dữ liệu (no rows)", "xuất lại tệp có dữ liệu")
    return Grid(name, None, cells, list(range(1, n + 2)), typed=True)


#: The delimiters a CSV file may use, as messages name them, in the order they are tried.
DELIMITERS = {";": "';'", "\t": "tab", ",": "','"}
#: Lines looked at to choose the delimiter (the readers look for the header in the first 30 rows).
_SNIFF_LINES = 40
#: The reason a CSV file is refused when its lines split evenly by two delimiters.
AMBIGUOUS_DELIMITER = (
    "không rõ dấu phân cách cột (cannot tell the delimiter): đã thử (tried) {tried}; {splits}, và "
    "không dấu nào cho một dòng tiêu đề cột nhận ra được (and with none of them is there a header "
    "row the library recognises)"
)


@dataclasses.dataclass(frozen=True)
class _Fit:
    """How well one delimiter splits the first lines of a CSV text."""

    delimiter: str
    header: int  # the most cells of one row that name a column the library knows
    rows: int  # the rows sharing the commonest number of fields (two or more)
    width: int  # that number of fields

    @property
    def key(self) -> tuple[int, int]:
        return self.header, self.rows


def _fits(text: str) -> list[_Fit]:
    """Return the fit of each delimiter, best first (a stable sort: ties keep ``DELIMITERS`` order)."""
    from gender_stats.io._common import header_column  # _common imports this module

    end, seen = 0, 0
    while seen < _SNIFF_LINES and end < len(text):
        nl = text.find("\n", end)
        end = len(text) if nl < 0 else nl + 1
        seen += 1
    sample = text[:end]
    fits = []
    for delim in DELIMITERS:
        try:
            records = [
                r
                for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delim)
                if any(v.strip() for v in r)
            ]
        except csv.Error:  # a cell longer than the csv module allows: reported when read
            records = []
        widths: dict[int, int] = {}
        for r in records:
            if len(r) > 1:
                widths[len(r)] = widths.get(len(r), 0) + 1
        rows, width = max(((n, w) for w, n in widths.items()), default=(0, 1))
        header = max(
            (sum(header_column(v) is not None for v in r if len(v) <= 200) for r in records[:30]),
            default=0,
        )
        fits.append(_Fit(delim, header if width > 1 else 0, rows, width))
    return sorted(fits, key=lambda f: f.key, reverse=True)


def sniff_delimiter(text: str) -> str:
    r"""Return the delimiter of a CSV text: ``;``, tab or ``,``.

    Each delimiter splits the first 40 lines (outside quotes); the one whose split gives a header
    row naming the most columns the library knows (``Đơn vị``, ``Tổng số``, ``Nữ``, ``Họ và tên``,
    ``unit_id`` ...) wins, then the one under which the most rows have the same number of fields
    (two or more: a title line above the header has one field whatever the delimiter).  A comma
    inside a header cell or a decimal comma (``39,0``) in a ``;`` file does not make it a comma
    file.  A text no delimiter splits is read as one column (``,``).  :func:`_load_csv` refuses a
    text two delimiters split equally well.

    Examples
    --------
    >>> sniff_delimiter("Đơn vị;Tổng số;Nữ\nA;3;1\n")
    ';'
    >>> sniff_delimiter('"Thanh Hóa; cũ",12,3\n')
    ','
    >>> sniff_delimiter("BÁO CÁO, NHIỆM KỲ 2015 - 2020\nĐơn vị;Cấp;Tổng số;Nữ\n")
    ';'
    >>> sniff_delimiter("Đơn vị (huyện, thị xã, thành phố);Tổng số;Nữ\nHuyện Quan Hóa;39;5\n")
    ';'
    >>> sniff_delimiter("Đơn vị;Tổng số;Nữ\nHuyện Quan Hóa;39,0;5,0\n")
    ';'
    """
    best = _fits(text)[0]
    return best.delimiter if best.width > 1 else ","


def _choose_delimiter(text: str, name: str) -> str:
    """Return the delimiter of a CSV file's text; refuse a text two delimiters split alike."""
    fits = _fits(text)
    best, second = fits[0], fits[1]
    if best.width > 1 and best.key == second.key:
        tied = [f for f in fits if f.key == best.key]
        splits = ", ".join(
            f"{DELIMITERS[f.delimiter]} chia {f.rows} dòng thành {f.width} cột "
            f"({f.rows} lines into {f.width} fields)"
            for f in tied
        )
        raise _fail(
            name,
            AMBIGUOUS_DELIMITER.format(tried=", ".join(DELIMITERS.values()), splits=splits),
            "lưu lại tệp từ Excel với một dòng tiêu đề cột (Đơn vị, Tổng số, Nữ ...), hoặc đặt "
            "các ô có dấu phân cách trong ngoặc kép (save it again with a header row, or quote "
            "the cells that hold a delimiter)",
        )
    return best.delimiter if best.width > 1 else ","


def _decode_csv(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as err:
            raise _fail(
                name,
                f"tệp CSV UTF-16 hỏng ở byte {err.start} (damaged UTF-16 text)",
                'trong Excel chọn Save As "CSV UTF-8 (Comma delimited)"',
            ) from err
    if b"\x00" in raw[:4096]:
        even, odd = raw[0:4096:2].count(0), raw[1:4096:2].count(0)
        if max(even, odd) > 0.3 * len(raw[:4096]) / 2:
            encoding = "utf-16-be" if even > odd else "utf-16-le"
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                pass
        raise _fail(
            name,
            "tệp nhị phân, không phải văn bản CSV (binary data, not CSV text)",
            'trong Excel chọn Save As "CSV UTF-8 (Comma delimited)"',
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        vietnamese = _windows_1258(raw)
        if vietnamese is not None:
            return vietnamese
        line = raw[: err.start].count(b"\n") + 1
        raise _fail(
            name,
            f"tệp CSV không phải mã UTF-8 (not UTF-8 text: byte {err.start}, dòng {line}; perhaps "
            "Windows-1258 or a TCVN3 font file)",
            'trong Excel chọn Save As "CSV UTF-8 (Comma delimited)"',
        ) from err


#: Letters of Latin-1 that Vietnamese does not use: in a file decoded as Windows-1258 they say
#: that it is not (a TCVN3 or VNI font's bytes, a Western file).
_NOT_VIETNAMESE = re.compile(
    "[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8"
    "\u00db\u00dc\u00de-\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef"
    "\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]"
)
#: A letter replaced by "?" inside a word.
_REPLACED = re.compile(r"[^\W\d_]\?[^\W\d_]")
#: Letters only Vietnamese writes (with a horn, a breve, a stroke, or a tone on a vowel).
_VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")


def _windows_1258(raw: bytes) -> str | None:
    r"""Return a CSV file's text decoded as Windows-1258, or ``None`` if it is not Vietnamese.

    Excel on a Vietnamese Windows saves "CSV (Comma delimited)" in the system's code page,
    Windows-1258, which writes a tone as a combining mark after its letter.  The text is taken
    as such only when it decodes, composes (NFC) into Vietnamese letters with no mark left over,
    and holds none of the Latin-1 letters Vietnamese does not use (which a TCVN3 or VNI font's
    bytes, or a Western file, would give): anything else stays the not-UTF-8 error.

    Examples
    --------
    >>> _windows_1258("Tổng số,Nữ".encode("utf-8"))  # UTF-8 bytes are not Windows-1258 text
    >>> _windows_1258(b"T\xf4\xd2ng s\xf4\xec,N\xfd\xde")
    'Tổng số,Nữ'
    """
    import unicodedata

    try:
        text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    left_over = any(unicodedata.combining(ch) for ch in text)
    lossy = _REPLACED.search(text)  # "T?ng s?": a program wrote what 1258 could not hold as "?"
    if left_over or lossy or _NOT_VIETNAMESE.search(text) or not _VIETNAMESE.search(text):
        return None
    return text


def _open_quote(text: str, delimiter: str) -> tuple[int, int] | None:
    """Return (line, field) where a quoted field starts that never closes, or ``None``."""
    if text.count('"') % 2 == 0:
        return None
    line, field, in_quote, start = 1, 1, False, (0, 0)
    at_field_start = True
    for ch in text:
        if in_quote:
            if ch == '"':
                in_quote = False
            elif ch == "\n":
                line += 1
            continue
        if ch == '"' and at_field_start:
            in_quote, start = True, (line, field)
            continue
        if ch == delimiter:
            field += 1
            at_field_start = True
            continue
        if ch == "\n":
            line, field, at_field_start = line + 1, 1, True
            continue
        at_field_start = False
    return start if in_quote else None


def _load_csv(path: Path, name: str) -> Grid:
    raw = path.read_bytes()
    text = _decode_csv(raw, name)
    if not text.strip():
        raise _fail(
            name, "tệp rỗng, chỉ có dòng trống (the file is empty: blank lines only)", "gửi lại tệp"
        )
    delimiter = _choose_delimiter(text, name)
    unclosed = _open_quote(text, delimiter)
    if unclosed is not None:
        from gender_stats.errors import excel_column_letter

        line, field = unclosed
        raise _fail(
            name,
            f"dấu ngoặc kép mở ở ô {excel_column_letter(field)}{line} (dòng {line}) không được "
            "đóng (a quoted field that never closes: everything after it would be one cell)",
            'thêm dấu " đóng, hoặc lưu lại tệp từ Excel',
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    cells: list[list[Any]] = []
    rows: list[int] = []
    line_start = 1
    try:
        for record in reader:
            cells.append([v if v.strip() else None for v in record])
            rows.append(line_start)
            line_start = reader.line_num + 1
    except csv.Error as err:
        raise _fail(
            name, f"CSV lỗi ở dòng {reader.line_num} ({err})", "kiểm tra dấu ngoặc kép"
        ) from err
    for r, row in enumerate(cells):
        for c, v in enumerate(row):
            if isinstance(v, str) and len(v) > MAX_CELL_CHARS:
                _cell(v, name, None, rows[r] - 1, c)
    while cells and all(is_blank(v) for v in cells[-1]):
        cells.pop()
        rows.pop()
    if not cells:
        raise _fail(
            name,
            "tệp rỗng, không có ô nào có giá trị (the file is empty: no cell holds a value)",
            "gửi lại tệp có dữ liệu",
        )
    width = max(len(r) for r in cells)
    cells = [r + [None] * (width - len(r)) for r in cells]
    return Grid(name, None, cells, rows, typed=False, delimiter=delimiter)


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
