"""Writing the collection templates and the consolidated wide workbook with openpyxl (private).

A template is the official wide layout (title block with ``NHIỆM KỲ 2015 - 2020``, header row 1
``STT | Đơn vị | <one group per body>``, header row 2 ``Tổng số | Nữ | Tỷ lệ (%)``, one data row per
unit) that :func:`gender_stats.read_counts` reads, plus what makes it a form: data validation on the
input cells, the share as a formula, a protected sheet whose only unlocked cells are the inputs, a
locked workbook structure, an instructions sheet ``Hướng dẫn`` with the deadline and a hidden
metadata sheet (unit id, template version, term) so a returned file is matched even when renamed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from gender_stats._text import loose_key
from gender_stats.errors import ArgumentError, FileFormatError
from gender_stats.schema import BODY, FEMALE, LEVEL, TERM, TOTAL, UNIT_ID, UNIT_NAME
from gender_stats.vocab import BODIES, LEVELS, normalise_term

#: The version of the template layout written in the metadata sheet.
TEMPLATE_VERSION = "1"
#: The name of the (very hidden) metadata sheet.
META_SHEET = "_gender_stats"
#: The first cell of the metadata sheet: says "this workbook is a gender_stats template".
META_MARK = "gender_stats template"
#: The data sheet of a one-unit template.
DATA_SHEET = "Báo cáo"
#: The instructions sheet.
HELP_SHEET = "Hướng dẫn"
#: The bodies of a template when none are given.
DEFAULT_BODIES: tuple[str, ...] = ("party_committee", "standing_committee", "key_posts")

#: First row of the table header (rows above: the title block).
HEADER_ROW = 5
#: First data row.
FIRST_DATA_ROW = HEADER_ROW + 2
#: Columns of a body group: Tổng số, Nữ, Tỷ lệ (%).
GROUP = ("Tổng số", "Nữ", "Tỷ lệ (%)")
#: The training-coverage column (founding letter §3) of the bodies in :data:`TRAINED_BODIES`.
TRAINED_LABEL = "Đã tập huấn"
#: The numerator it is read into.
TRAINED = "trained"
#: Bodies whose group carries the training-coverage column.
TRAINED_BODIES = frozenset({"women_advancement_committee"})

TOTAL_PROMPT = "Nhập số nguyên ≥ 0: tổng số người của {body} (a whole number ≥ 0: all members)."
FEMALE_PROMPT = (
    "Nhập số nguyên ≥ 0, không lớn hơn Tổng số: số nữ của {body} (a whole number ≥ 0, at most "
    "the total: the women)."
)
TRAINED_PROMPT = (
    "Nhập số nguyên ≥ 0, không lớn hơn Tổng số: số thành viên {body} đã được tập huấn, bồi "
    "dưỡng (a whole number ≥ 0, at most the total: the members trained)."
)
TRAINED_ERROR = (
    "Số đã tập huấn phải là số nguyên ≥ 0 và không lớn hơn Tổng số (the number trained must be a "
    "whole number ≥ 0 and at most the total)."
)
TOTAL_ERROR = "Tổng số phải là số nguyên ≥ 0 (the total must be a whole number ≥ 0)."
FEMALE_ERROR = (
    "Số nữ phải là số nguyên ≥ 0 và không lớn hơn Tổng số (the number of women must be a whole "
    "number ≥ 0 and at most the total)."
)

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclasses.dataclass(frozen=True)
class TemplateMeta:
    """What the metadata sheet of a template says.

    Attributes
    ----------
    version : str
        The template version.
    term : str
        The term the template asks for.
    bodies : tuple of str
        The body codes, in column order.
    period : str
        The reporting period's code (``2015-H1``, ``2015-Y``; "" when the collection is for a
        term; a template written before periods had codes may hold a label).
    deadline : datetime.date or None
        The deadline written on the template.
    sheets : tuple of (sheet, unit_id, unit_name, level)
        One entry per data sheet.
    period_label : str
        The period in Vietnamese words (``6 tháng đầu năm 2015``).
    workbook_sheets : tuple of str
        The sheets the workbook has (a data sheet may have been renamed or deleted).
    """

    version: str
    term: str
    bodies: tuple[str, ...]
    period: str
    deadline: dt.date | None
    sheets: tuple[tuple[str, str, str, str], ...]
    period_label: str = ""
    workbook_sheets: tuple[str, ...] = ()


#: Group titles that differ from the vocabulary's name: the readers take "phụ nữ" in a group
#: title for the women column, so the committee's group carries its abbreviation.
_TITLES = {"women_advancement_committee": "Ban vì sự tiến bộ của phụ nữ (Ban VSTBCPN)"}


def body_title(body: str) -> str:
    """Return the Vietnamese group title of a body code (the reader parses it back)."""
    return _TITLES.get(body, BODIES[body].vi)


@dataclasses.dataclass(frozen=True)
class TypedSheet:
    """What is typed in a template's data sheet.

    Attributes
    ----------
    rows : tuple of dict
        Per unit row of the template, per body: ``{"total": 39, "female": 5}`` (with ``trained``
        for the bodies of :data:`TRAINED_BODIES`); blank cells are ``None``.
    names : tuple
        The unit cell (column B) of each unit row, as typed (``None`` when blank).
    extra_rows : tuple of (int, object)
        Each row below the template's unit rows with something in a count column: its Excel row
        number and what it holds first (the unit cell when typed, else the first count cell).
    """

    rows: tuple[dict[str, dict[str, Any]], ...]
    names: tuple[Any, ...]
    extra_rows: tuple[tuple[int, Any], ...]


def blank_cell(value: Any) -> bool:
    """Say whether a cell is blank (nothing, or only spaces)."""
    return value is None or (isinstance(value, str) and not value.strip())


def read_typed(path: str | Path, sheet: str, bodies: Sequence[str], n_units: int = 1) -> TypedSheet:
    """Return what is typed in a template sheet: the unit rows and any row added below them."""
    starts = group_starts(bodies)
    width = starts[-1] + len(group_labels(bodies[-1])) - 1
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb[sheet]
        rows, names = [], []
        for k in range(n_units):
            r = FIRST_DATA_ROW + k
            row: dict[str, dict[str, Any]] = {}
            for body, first in zip(bodies, starts, strict=True):
                cells = {TOTAL: ws.cell(r, first).value, FEMALE: ws.cell(r, first + 1).value}
                if body in TRAINED_BODIES:
                    cells[TRAINED] = ws.cell(r, first + 3).value
                row[body] = cells
            rows.append(row)
            names.append(ws.cell(r, 2).value)
        extra = []
        below = FIRST_DATA_ROW + n_units
        for r, values in enumerate(
            ws.iter_rows(min_row=below, max_col=width, values_only=True), start=below
        ):
            counts = [v for v in values[2:width] if not blank_cell(v)]
            if counts:
                unit = values[1] if len(values) > 1 and not blank_cell(values[1]) else None
                extra.append((r, unit if unit is not None else counts[0]))
    finally:
        wb.close()
    return TypedSheet(rows=tuple(rows), names=tuple(names), extra_rows=tuple(extra))


def typed_cells(
    path: str | Path, sheet: str, bodies: Sequence[str], n_units: int = 1
) -> list[dict[str, dict[str, Any]]]:
    """Return what is typed in the input cells of a template sheet: per unit row, per body.

    ``{"party_committee": {"total": 39, "female": 5}, ...}`` with ``trained`` for the bodies of
    :data:`TRAINED_BODIES`; blank cells are ``None`` (see :func:`read_typed`).
    """
    return list(read_typed(path, sheet, bodies, n_units).rows)


def term_title(term: str) -> str:
    """Return ``NHIỆM KỲ 2015 - 2020`` for ``2015-2020``."""
    start, end = term.split("-")
    return f"NHIỆM KỲ {start} - {end}"


def check_bodies(bodies: Iterable[str] | None) -> tuple[str, ...]:
    """Return body codes, or raise :class:`ArgumentError` naming the unknown one."""
    chosen = tuple(DEFAULT_BODIES if bodies is None else bodies)
    if isinstance(bodies, str):
        chosen = (bodies,)
    if not chosen:
        raise ArgumentError(
            "bodies=() không có cơ quan nào (no body): cần ít nhất một mã cơ quan, ví dụ "
            "'party_committee' (at least one body code)"
        )
    for body in chosen:
        if body not in BODIES:
            raise ArgumentError(
                f"bodies: {body!r} không phải mã cơ quan (not a body code); chọn trong "
                f"{sorted(BODIES)} (expected one of them)"
            )
    if len(set(chosen)) != len(chosen):
        raise ArgumentError(
            f"bodies={list(chosen)!r}: một cơ quan ghi hai lần (a body given twice)"
        )
    return chosen


def safe_sheet_title(name: str, taken: set[str]) -> str:
    r"""Return an Excel sheet title for a unit name: ≤ 31 characters, no ``[]:*?/\``, unique."""
    base = _BAD_SHEET_CHARS.sub(" ", name).strip()[:31] or "Đơn vị"
    title, n = base, 2
    while title.casefold() in taken or loose_key(title) in (loose_key(HELP_SHEET), "_gender_stats"):
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title.casefold())
    return title


def _style_header(cell: Any) -> None:
    cell.font = Font(bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.border = _BORDER
    cell.fill = _HEAD_FILL


def group_labels(body: str) -> tuple[str, ...]:
    """Return the leaf headers of a body's group (training coverage adds ``Đã tập huấn``)."""
    return (*GROUP, TRAINED_LABEL) if body in TRAINED_BODIES else GROUP


def group_starts(bodies: Sequence[str]) -> list[int]:
    """Return the first column (1-based) of each body's group, after ``STT | Đơn vị``."""
    starts, col = [], 3
    for body in bodies:
        starts.append(col)
        col += len(group_labels(body))
    return starts


def _validation(kind: str, body: str, cells: str, total_cell: str) -> DataValidation:
    name = body_title(body)
    if kind == "total":
        dv = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            promptTitle="Tổng số",
            prompt=TOTAL_PROMPT.format(body=name),
            error=TOTAL_ERROR,
        )
    else:
        c = cells.split(":")[0]
        dv = DataValidation(
            type="custom",
            formula1=f"AND(ISNUMBER({c}),{c}=INT({c}),{c}>=0,{c}<=N({total_cell}))",
            promptTitle="Nữ" if kind == "female" else TRAINED_LABEL,
            prompt=(FEMALE_PROMPT if kind == "female" else TRAINED_PROMPT).format(body=name),
            error=FEMALE_ERROR if kind == "female" else TRAINED_ERROR,
        )
    dv.allow_blank = True
    dv.showInputMessage = True
    dv.showErrorMessage = True
    dv.errorTitle = "Số không hợp lệ"
    dv.add(cells)
    return dv


def _wide_header(ws: Worksheet, *, title: str, term: str, bodies: Sequence[str]) -> int:
    """Write the title, the term and the two header rows of the wide layout; return its width.

    ``STT | Đơn vị`` merged over two rows, then one group per body over its columns
    (:func:`group_labels`): the layout of the templates and of the consolidated workbook alike.
    """
    starts = group_starts(bodies)
    width = starts[-1] + len(group_labels(bodies[-1])) - 1
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = term_title(term)
    ws["A2"].font = Font(bold=True)
    ws.cell(HEADER_ROW, 1, "STT")
    ws.cell(HEADER_ROW, 2, "Đơn vị")
    for col in (1, 2):
        ws.merge_cells(
            start_row=HEADER_ROW, start_column=col, end_row=HEADER_ROW + 1, end_column=col
        )
    for body, first in zip(bodies, starts, strict=True):
        labels = group_labels(body)
        ws.cell(HEADER_ROW, first, body_title(body))
        ws.merge_cells(
            start_row=HEADER_ROW,
            start_column=first,
            end_row=HEADER_ROW,
            end_column=first + len(labels) - 1,
        )
        for j, label in enumerate(labels):
            ws.cell(HEADER_ROW + 1, first + j, label)
    for r in (HEADER_ROW, HEADER_ROW + 1):
        for c in range(1, width + 1):
            _style_header(ws.cell(r, c))
    return width


def write_data_sheet(
    ws: Worksheet,
    units: Sequence[tuple[str, str, str]],
    *,
    term: str,
    bodies: Sequence[str],
    title: str,
) -> None:
    """Write the wide table of some units (one row each) with validations, formulas, protection.

    ``units`` are ``(unit_id, unit_name, level)``.
    """
    width = _wide_header(ws, title=title, term=term, bodies=bodies)
    for row in (1, 2):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.cell(row, 1).alignment = Alignment(horizontal="center")
    starts = group_starts(bodies)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 34
    for c in range(3, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 11
    last = FIRST_DATA_ROW + len(units) - 1
    for k, (_unit_id, name, _level) in enumerate(units):
        r = FIRST_DATA_ROW + k
        ws.cell(r, 1, k + 1).border = _BORDER
        ws.cell(r, 2, name).border = _BORDER
        for body, first in zip(bodies, starts, strict=True):
            t, f = get_column_letter(first), get_column_letter(first + 1)
            share = ws.cell(r, first + 2, f'=IF(N({t}{r})>0,ROUND({f}{r}/{t}{r}*100,1),"")')
            share.number_format = "0.0"
            share.border = _BORDER
            inputs = [first, first + 1] + ([first + 3] if body in TRAINED_BODIES else [])
            for c in inputs:
                cell = ws.cell(r, c)
                cell.protection = Protection(locked=False)
                cell.fill = _INPUT_FILL
                cell.border = _BORDER
                cell.number_format = "0"
    for body, first in zip(bodies, starts, strict=True):
        t, f = get_column_letter(first), get_column_letter(first + 1)
        rows = f"{FIRST_DATA_ROW}:{{c}}{last}"
        top = f"{t}{FIRST_DATA_ROW}"
        ws.add_data_validation(_validation("total", body, f"{t}{rows.format(c=t)}", top))
        ws.add_data_validation(_validation("female", body, f"{f}{rows.format(c=f)}", top))
        if body in TRAINED_BODIES:
            g = get_column_letter(first + 3)
            ws.add_data_validation(_validation("trained", body, f"{g}{rows.format(c=g)}", top))
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 3)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may be changed; cells and structure may not


def _help_sheet(
    ws: Worksheet,
    *,
    units: Sequence[tuple[str, str, str]],
    term: str,
    bodies: Sequence[str],
    period: str,
    period_label: str,
    deadline: dt.date | None,
    lang: str,
) -> None:
    due = deadline.strftime("%d/%m/%Y") if deadline is not None else "(chưa định / not set)"
    level_names = {lv: (LEVELS[lv].vi if lv in LEVELS else lv) for _, _, lv in units}
    lines_vi = [
        "HƯỚNG DẪN ĐIỀN BÁO CÁO",
        "",
        "Đơn vị: " + "; ".join(f"{n} (mã {i}, {level_names[lv]})" for i, n, lv in units),
        f"Nhiệm kỳ: {term}"
        + (f" — kỳ báo cáo: {period_label or period} ({period})" if period else ""),
        "Cơ quan: " + "; ".join(body_title(b) for b in bodies),
        f"Hạn nộp: trước ngày {due}",
        "",
        "1. Chỉ điền các ô màu vàng: Tổng số và Nữ của từng cơ quan, bằng số nguyên không âm.",
        "2. Số nữ không lớn hơn Tổng số; cột Tỷ lệ (%) tự tính, không sửa.",
        "3. Cơ quan không có ở đơn vị: để trống cả nhóm (không ghi 0).",
        "4. Không thêm, xóa hay đổi tên trang, dòng, cột; có thể đổi tên tệp.",
        "5. Lưu tệp (Excel tự tính tỷ lệ) rồi gửi lại trước hạn.",
    ]
    trained = [b for b in bodies if b in TRAINED_BODIES]
    if trained:
        lines_vi.append(
            f"6. {'; '.join(body_title(b) for b in trained)}: ghi cả số thành viên đã được tập "
            f"huấn, bồi dưỡng ở cột {TRAINED_LABEL} (không lớn hơn Tổng số)."
        )
    lines_en = [
        "HOW TO FILL IN THIS REPORT",
        "",
        "Unit: " + "; ".join(f"{n} (id {i}, {lv})" for i, n, lv in units),
        f"Term: {term}" + (f" — reporting period: {period}" if period else ""),
        "Bodies: " + "; ".join(BODIES[b].en for b in bodies),
        f"Due before: {due}",
        "",
        "1. Fill in only the yellow cells: total and women of each body, as whole numbers ≥ 0.",
        "2. Women at most the total; the share column is a formula, do not edit it.",
        "3. A body the unit does not have: leave its whole group empty (not 0).",
        "4. Do not add, delete or rename sheets, rows or columns; the file may be renamed.",
        "5. Save the file (Excel computes the shares) and send it back before the deadline.",
    ]
    if trained:
        lines_en.append(
            f"6. {'; '.join(BODIES[b].en for b in trained)}: also the members trained, in the "
            f"column {TRAINED_LABEL} (at most the total)."
        )
    first, second = (lines_vi, lines_en) if lang == "vi" else (lines_en, lines_vi)
    for r, text in enumerate([*first, "", *second], start=1):
        if text:
            ws.cell(r, 1, text)
    ws["A1"].font = Font(bold=True, size=13)
    ws.cell(len(first) + 2, 1).font = Font(bold=True, size=13)
    ws.column_dimensions["A"].width = 110
    ws.protection.sheet = True


def _meta_sheet(
    ws: Worksheet,
    *,
    entries: Sequence[tuple[str, str, str, str]],
    term: str,
    bodies: Sequence[str],
    period: str,
    period_label: str,
    deadline: dt.date | None,
) -> None:
    rows: list[tuple[str, str, str, str]] = [
        (META_MARK, TEMPLATE_VERSION, "", ""),
        ("term", term, "", ""),
        ("bodies", ",".join(bodies), "", ""),
        ("period", period, period_label, ""),  # the code, then the words (column C)
        ("deadline", deadline.isoformat() if deadline is not None else "", "", ""),
        ("sheet", "unit_id", "unit_name", "level"),
        *entries,
    ]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def build_template(
    units: Sequence[tuple[str, str, str]],
    *,
    term: str,
    bodies: Sequence[str],
    period: str = "",
    period_label: str = "",
    deadline: dt.date | None = None,
    lang: str = "vi",
    one_sheet_per_unit: bool = False,
) -> Workbook:
    """Return the workbook of a template for some units (one, or a sheet per unit).

    ``period`` is the reporting period's code (``2015-H1``), ``period_label`` its words.
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    title = "BÁO CÁO SỐ LƯỢNG NỮ THAM GIA CẤP ỦY, CƠ QUAN DÂN CỬ"
    if period:
        title += f" — {(period_label or period).upper()}"
    entries: list[tuple[str, str, str, str]] = []
    if one_sheet_per_unit:
        taken: set[str] = set()
        sheets = [(safe_sheet_title(name, taken), (uid, name, lv)) for uid, name, lv in units]
        ws.title = sheets[0][0]
        for k, (sheet_title, unit) in enumerate(sheets):
            target = ws if k == 0 else wb.create_sheet(sheet_title)
            write_data_sheet(target, [unit], term=term, bodies=bodies, title=title)
            entries.append((sheet_title, *unit))
    else:
        ws.title = DATA_SHEET
        write_data_sheet(ws, units, term=term, bodies=bodies, title=title)
        entries = [(DATA_SHEET, *unit) for unit in units]
    _help_sheet(
        wb.create_sheet(HELP_SHEET),
        units=units,
        term=term,
        bodies=bodies,
        period=period,
        period_label=period_label,
        deadline=deadline,
        lang=lang,
    )
    _meta_sheet(
        wb.create_sheet(META_SHEET),
        entries=entries,
        term=term,
        bodies=bodies,
        period=period,
        period_label=period_label,
        deadline=deadline,
    )
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)
    return wb


def read_meta(path: str | Path) -> TemplateMeta | None:
    """Return the metadata of a template, or ``None`` when the file is not one of ours.

    Any file that openpyxl cannot open (CSV, ``.xls``, a damaged workbook) is not a template.
    """
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # not an xlsx we wrote: the readers decide what it is
        return None
    try:
        if META_SHEET not in wb.sheetnames:
            return None
        workbook_sheets = tuple(wb.sheetnames)
        rows = [
            tuple("" if v is None else str(v) for v in row)
            for row in wb[META_SHEET].iter_rows(values_only=True)
        ]
    finally:
        wb.close()
    if not rows or rows[0][0] != META_MARK:
        return None
    info = {row[0]: (row[1] if len(row) > 1 else "") for row in rows[1:5]}
    words = {row[0]: (row[2] if len(row) > 2 else "") for row in rows[1:5]}
    deadline = None
    if info.get("deadline"):
        try:
            deadline = dt.date.fromisoformat(info["deadline"])
        except ValueError:
            deadline = None
    sheets = tuple(
        (row[0], row[1], row[2], row[3]) for row in rows[6:] if len(row) >= 4 and row[0] and row[1]
    )
    return TemplateMeta(
        version=rows[0][1] if len(rows[0]) > 1 else "",
        term=info.get("term", ""),
        bodies=tuple(b for b in info.get("bodies", "").split(",") if b),
        period=info.get("period", ""),
        deadline=deadline,
        sheets=sheets,
        period_label=words.get("period", ""),
        workbook_sheets=workbook_sheets,
    )


# --------------------------------------------------------------------------------------------
# The consolidated workbook


def _share_value(female: int, total: int) -> float | None:
    """Return the share in percent rounded half up to one decimal, computed exactly."""
    if total <= 0:
        return None
    tenths = Fraction(1000 * female, total)  # percent × 10
    rounded = int(tenths + Fraction(1, 2))
    return rounded / 10


#: Section titles of the consolidated workbook, by level (the readers give them their level).
_SECTIONS = {
    "province": "Khối tỉnh",
    "district": "Khối huyện",
    "commune": "Khối xã",
    "agency": "Khối sở, ban, ngành",
}


def write_wide_workbook(
    counts: pd.DataFrame,
    path: str | Path,
    *,
    units: pd.DataFrame | None = None,
    bodies: Sequence[str] | None = None,
    title: str = "TỔNG HỢP SỐ LƯỢNG NỮ THAM GIA CẤP ỦY, CƠ QUAN DÂN CỬ",
    notes: Sequence[str] = (),
) -> Path:
    """Write counts of one term as the official wide workbook: sections, subtotals, a total row.

    Units are grouped by level (``I. Cấp huyện``, ``II. Sở, ban, ngành`` ...) in the order of the
    units table (or of the counts), each section followed by ``Cộng <level>``, and a ``Tổng cộng``
    row at the end; sums are written as numbers (exact integers) and shares as numbers rounded
    half up to one decimal.  ``notes`` are written one per row under the table, after a blank
    row (each should start with ``Ghi chú:`` so that a reader takes it for a note).
    """
    terms = sorted(counts[TERM].astype(str).unique())
    if len(terms) != 1:
        raise ArgumentError(
            f"bảng tổng hợp cần số liệu của một nhiệm kỳ, có {len(terms)}: {terms} (one term "
            "expected). Hint: lọc counts theo term trước (filter the counts by term first)."
        )
    term = terms[0]
    present = list(dict.fromkeys(counts[BODY].astype(str)))
    wanted = [b for b in BODIES if b in present] if bodies is None else list(bodies)
    chosen = check_bodies(wanted)
    order: list[tuple[str, str, str]] = []
    if units is not None:
        for row in units.itertuples(index=False):
            order.append(
                (str(getattr(row, UNIT_ID)), str(getattr(row, UNIT_NAME)), str(getattr(row, LEVEL)))
            )
    seen = {u for u, _, _ in order}
    for row in counts.drop_duplicates(UNIT_ID).itertuples(index=False):
        uid = str(getattr(row, UNIT_ID))
        if uid not in seen:
            order.append((uid, str(getattr(row, UNIT_NAME)), str(getattr(row, LEVEL))))
            seen.add(uid)
    have = set(counts[UNIT_ID].astype(str))
    order = [u for u in order if u[0] in have]
    trained = counts[TRAINED] if TRAINED in counts.columns else pd.Series(pd.NA, index=counts.index)
    cells: dict[tuple[str, str], tuple[int, int, int | None]] = {
        (str(uid), str(body)): (int(t), int(f), None if pd.isna(g) else int(g))
        for uid, body, t, f, g in zip(
            counts[UNIT_ID], counts[BODY], counts[TOTAL], counts[FEMALE], trained, strict=True
        )
    }
    levels = list(dict.fromkeys(lv for _, _, lv in order))
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tổng hợp"
    width = _wide_header(ws, title=title, term=term, bodies=chosen)
    starts = group_starts(chosen)
    ws.column_dimensions["B"].width = 36

    Sums = dict[str, tuple[int, int, int | None]]

    def put(r: int, sums: Sums, bold: bool) -> None:
        for body, first in zip(chosen, starts, strict=True):
            if body not in sums:
                continue
            total, female, done = sums[body]
            ws.cell(r, first, total)
            ws.cell(r, first + 1, female)
            share = ws.cell(r, first + 2, _share_value(female, total))
            share.number_format = "0.0"
            if body in TRAINED_BODIES and done is not None:
                ws.cell(r, first + 3, done)
        for c in range(1, width + 1):
            ws.cell(r, c).border = _BORDER
            if bold:
                ws.cell(r, c).font = Font(bold=True)

    def add(into: Sums, uid: str) -> None:
        for body in chosen:
            if (uid, body) in cells:
                t0, f0, g0 = into.get(body, (0, 0, None))
                t1, f1, g1 = cells[(uid, body)]
                g = g0 if g1 is None else (g1 if g0 is None else g0 + g1)
                into[body] = (t0 + t1, f0 + f1, g)

    r = FIRST_DATA_ROW
    grand: Sums = {}
    romans = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
    for k, level in enumerate(levels):
        label = _SECTIONS.get(level) or "Khối " + (LEVELS[level].vi if level in LEVELS else level)
        ws.cell(r, 1, romans[k] if k < len(romans) else str(k + 1))
        ws.cell(r, 2, label)
        ws.cell(r, 1).font = ws.cell(r, 2).font = Font(bold=True)
        r += 1
        section: Sums = {}
        for n, (uid, name, _lv) in enumerate([u for u in order if u[2] == level], start=1):
            ws.cell(r, 1, n)
            ws.cell(r, 2, name)
            one: Sums = {}
            add(one, uid)
            put(r, one, bold=False)
            add(section, uid)
            add(grand, uid)
            r += 1
        if len(levels) > 1:
            ws.cell(r, 2, f"Cộng {label[0].lower()}{label[1:]}")
            put(r, section, bold=True)
            r += 1
    ws.cell(r, 2, "Tổng cộng")
    put(r, grand, bold=True)
    for k, note in enumerate(notes, start=2):
        ws.cell(r + k, 2, note).font = Font(italic=True)
    out = Path(path)
    try:
        wb.save(out)
    except OSError as err:
        raise FileFormatError(
            f"không ghi được tệp {str(out)!r} (cannot write the workbook): {err.strerror}"
        ) from err
    return out


def append_sheet(path: str | Path, frame: pd.DataFrame, sheet: str) -> Path:
    """Add (or replace) a sheet holding a frame in an existing workbook."""
    out = Path(path)
    wb = load_workbook(out)
    if sheet in wb.sheetnames:
        del wb[sheet]
    ws = wb.create_sheet(sheet)
    ws.append([str(c) for c in frame.columns])
    for c in range(1, len(frame.columns) + 1):
        _style_header(ws.cell(1, c))
    for row in frame.itertuples(index=False):
        ws.append([_cell_value(v) for v in row])
    wb.save(out)
    return out


def _cell_value(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


Lang = Literal["vi", "en"]


def check_term(term: str) -> str:
    """Return the canonical term or raise (the vocabulary's :class:`TermError`)."""
    return normalise_term(term)
