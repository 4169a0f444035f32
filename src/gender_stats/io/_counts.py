"""Counts tables of every shape, row by row, with every row accounted for (private).

One reader serves the tidy table, the official wide template, the summaries compiled by Women's Unions,
the election result form (rows are levels) and the sheet-per-unit workbook (bodies down a ``Nội dung``
column): :mod:`gender_stats.io._header` says what each column means, then every row below the header is
classified (:class:`~gender_stats.io._rows.RowClass`) and logged.  Totals and subtotals are checked
against the rows they sum, reported percentages against the counts; a mismatch is a warning by default
(the counts are the primary data) or a problem with ``on_mismatch="raise"``.
"""

from __future__ import annotations

import dataclasses
import re
import warnings
from collections.abc import Sequence
from typing import Any, Literal

import pandas as pd

from gender_stats._text import clean_unit_name, expand_abbreviation, loose_key, name_key, nfc
from gender_stats.errors import GenderStatsWarning, Problem
from gender_stats.io._common import (
    MERGED,
    NOT_BLANK_ROW,
    SHARED_UNIT_NAME,
    Collector,
    UnitIndex,
    count_cell,
    derive_unit_id,
    expected_percent,
    is_dash,
    letter,
    percent_ok,
    reported_percent,
    text_cell,
)
from gender_stats.io._excel import Grid, is_blank
from gender_stats.io._header import (
    CRITERIA,
    MALE,
    NOTE,
    ROW_NUMBER,
    SOURCE,
    Header,
    find_header,
    group_title,
    header_cell,
    text_of,
)
from gender_stats.io._issuer import Named, title_units
from gender_stats.io._levels import INFERRED_LEVEL_TEMPLATE, InferredLevelWarning, infer_level
from gender_stats.io._numbers import NumberStyle, decide_style
from gender_stats.io._rows import (
    REPORTED,
    STRUCTURAL,
    USED,
    ReadingLog,
    RowClass,
    is_column_numbers,
    is_note,
    is_of_which,
    is_signature,
    numbered_section,
    section_label,
    sum_body,
    sum_kind,
    unit_number,
)
from gender_stats.schema import BODY, FEMALE, LEVEL, TERM, TOTAL, UNIT_ID, UNIT_NAME, Origin
from gender_stats.vocab import (
    BODIES,
    LEVELS,
    NATIONAL_ASSEMBLY_TERMS,
    TermError,
    body_label,
    level_label,
    normalise_term,
    other_body,
    parse_body,
    parse_level,
)

OnMismatch = Literal["warn", "raise"]


class MismatchWarning(GenderStatsWarning):
    """A total row or a reported percentage disagrees with the counts (the counts are kept)."""


class HiddenDataWarning(GenderStatsWarning):
    """Hidden rows or sheets were passed over (``include_hidden=True`` reads them), hidden columns read."""


class TableWarning(GenderStatsWarning):
    """Something in a table was read with a decision the user should know (e.g. a unit row with no figures)."""


#: Expected text of a total that is not men + women.
MEN_WOMEN = "tổng số = nam + nữ = {m} + {f} = {s} (a total equal to men + women)"

#: Why a "Trong đó" row is not counted.
OF_WHICH = "một phần của đơn vị ở trên, không cộng thêm (part of the unit above, not counted again)"

NEED_TERM = (
    "nhiệm kỳ ghi ở tiêu đề (NHIỆM KỲ 2015 - 2020), ở cột Nhiệm kỳ, hoặc truyền term='2015-2020' "
    "(a term: none found in the title, the columns or the arguments{extra})"
)
AMBIGUOUS_TERM = (
    "một nhiệm kỳ rõ ràng: tiêu đề ghi nhiều nhiệm kỳ {found}; truyền term= (one term: the title "
    "names several)"
)
TERM_CONFLICT = "nhiệm kỳ {given} như tham số term= (the term given as argument)"
NEED_BODY = (
    "cơ quan (body): không có cột Cơ quan / nhóm cột theo cơ quan, tiêu đề không nêu; truyền "
    "body='party_committee' (no column, header group or title names the body; pass body=)"
)
NEED_UNIT = (
    "đơn vị (unit): bảng không có cột Đơn vị và tiêu đề không nêu; truyền unit_name='...' "
    "(the table names no unit; pass unit_name=)"
)
NEED_LEVEL = (
    "cấp của đơn vị: cột Cấp, dòng khối (I. Khối huyện), bảng đơn vị units= hoặc level= "
    "(a level: none of a column, a section, a units table or level= gives it, and the name "
    "does not say)"
)
UNKNOWN_BODY = "tên một cơ quan: Ban Chấp hành, Ban Thường vụ, Chức danh chủ chốt, HĐND... (a body)"
#: Expected text of a column group that names a body the library does not count, by the reason
#: :func:`gender_stats.vocab.other_body` gives; ``{text}`` is the group's title.
OTHER_BODY = {
    "mass_organisation": (
        'tên một cơ quan của Đảng hoặc chính quyền: "{text}" là ban của một tổ chức đoàn thể (Hội '
        "LHPN, Đoàn TN, Công đoàn, Hội Nông dân, Hội CCB, MTTQ), không phải cấp ủy; thư viện không "
        "đếm cơ quan này — xóa nhóm cột này (a body of the party or the state: this is a committee "
        "of a mass organisation, not the party committee or its standing committee; the library "
        "does not count it: delete this column group)"
    ),
    "council_board": (
        'đại biểu HĐND: "{text}" là Thường trực / lãnh đạo HĐND, không phải toàn bộ đại biểu; ghi '
        '"Đại biểu HĐND" nếu nhóm đếm mọi đại biểu, nếu không xóa nhóm cột này (the People\'s '
        "Council's deputies: this is its standing board or its leaders, not all its deputies; "
        'write "Đại biểu HĐND" if the group counts every deputy, else delete the column group)'
    ),
    "previous_term": (
        'nhiệm kỳ ghi bằng năm, ví dụ "Ban Chấp hành nhiệm kỳ 2010-2015": "{text}" không nói '
        'nhiệm kỳ nào và không được đọc thành nhiệm kỳ hiện tại (a term in years: "the previous '
        'term" does not say which term, and is never read as the current one)'
    ),
}
#: Expected text when one column group has the same measure twice.
SAME_MEASURE = (
    'một cột "{second}" cho mỗi cơ quan: cột {first_cell} và cột {second_cell} đều là "{second}" '
    'của {vi}; xóa một cột hoặc ghi tên cơ quan trên mỗi nhóm (one "{second}" column per body: '
    "{first_cell} and {second_cell} are both that of {en}; delete one, or write each body's "
    "name over its group)"
)
#: Expected text when two column groups are read as the same body.
SAME_BODY = (
    'một nhóm cột cho mỗi cơ quan: nhóm "{first}" (ô {first_cell}) và nhóm "{second}" (ô '
    "{second_cell}) đều được đọc là {vi}; sửa tên một nhóm hoặc xóa nhóm không cần (one column "
    "group per body: the groups at {first_cell} and {second_cell} are both read as {en}; rename "
    "one or delete the one not wanted)"
)
#: Expected text of a unit whose name says another level than its section's.
SECTION_LEVEL = (
    'một cấp rõ ràng: tên "{name}" cho {own_vi}, dòng khối "{section}" (dòng {row}) cho '
    "{level_vi}; thêm cột Cấp, đưa đơn vị vào đúng khối hoặc truyền bảng đơn vị units= (one level: "
    "the unit's name says {own}, the section above it says {level}; add a level column, move the "
    "unit to its section, or pass a units table)"
)
UNKNOWN_UNIT = "tên đơn vị có trong bảng đơn vị (a unit name or alias listed in the units table)"
PARTIAL = 'đủ các ô của "{title}" hoặc để trống cả nhóm (all cells of this body, or none)'
NO_NAME = "tên đơn vị ở cột {col} (a unit name for a row with figures)"
AFTER_END = (
    "không có số liệu sau phần ký tên (figures below the signature block: the table ended at row "
    "{end}; move this row into the table or delete it)"
)
SUM_MISMATCH = "{expect} = {what} (a total that equals the rows it sums)"
WHAT_TOTAL = "tổng các đơn vị (the sum of all units)"
WHAT_SECTION = "tổng các đơn vị của khối (the sum of the section's units)"
WHAT_TOTAL_BODY = "tổng các dòng {vi} (the sum of the {en} rows)"
WHAT_SECTION_BODY = "tổng các dòng {vi} của khối (the sum of the section's {en} rows)"
AVERAGE_ROW = "bình quân, không phải đơn vị (an average: not a unit, not checked as a sum)"
UNIT_NO_FIGURES = "đơn vị không có số liệu nào (a unit row with no figures: not reported?)"
NO_FIGURES = (
    "số liệu của đơn vị: dòng có tên đơn vị nhưng không có số nào; chưa báo cáo không phải là 0 — "
    "ghi số (0 nếu không có ai) hoặc xóa dòng (figures for this unit: the row names a unit but "
    "has no count; not reported is not zero: write them, 0 for none, or delete the row)"
)
NOT_CHECKED_FORMULA = (
    "công thức chưa có giá trị lưu (a formula saved without its value: not checked)"
)


@dataclasses.dataclass(frozen=True)
class Options:
    """What the caller says about a file (``read_counts`` arguments)."""

    term: str | None = None
    units: UnitIndex | None = None
    body: str | None = None
    level: str | None = None
    unit_name: str | None = None
    unit_id: str | None = None
    on_mismatch: OnMismatch = "warn"
    include_hidden: bool = False
    thousands: str | None = None


@dataclasses.dataclass
class Sheet:
    """What one sheet gave: frames to validate (with their origins), the data rows, warnings."""

    frames: list[tuple[pd.DataFrame, Origin]]
    data_rows: list[int]
    warnings: list[str] = dataclasses.field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Title block: term, body and unit named above the header


_YEARS = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d|\d\d)(?!\d)")
_KHOA = re.compile(r"\bkhoa\s+([ivxlc]+)\b")
_UNIT_TITLE = re.compile(
    r"\b(tinh|thanh pho|huyen|thi xa|quan|xa|phuong|thi tran)\s+([a-z][a-z ]{1,40})$"
)


@dataclasses.dataclass
class Title:
    """What the rows above the header say."""

    texts: list[tuple[int, int, str]]
    pairs: list[tuple[str, int, int, bool]]  # term, row, col, after "nhiệm kỳ"
    khoa: list[tuple[str, int, int]]
    congress: list[str] = dataclasses.field(default_factory=list)
    lines: list[tuple[int, int, str]] = dataclasses.field(default_factory=list)  # cells' lines

    def term_for(self, body: str | None) -> tuple[str | None, str | None, tuple[int, int] | None]:
        """Return (term, problem, cell) for a body: the term the title gives it, or why not."""
        if body == "national_assembly" and self.khoa:
            terms = {t for t, _, _ in self.khoa}
            if len(terms) == 1:
                t, r, c = self.khoa[0]
                return t, None, (r, c)
        distinct = list(dict.fromkeys(t for t, _, _, _ in self.pairs))
        if len(distinct) == 1:
            t, r, c, _ = self.pairs[0]
            return t, None, (r, c)
        if len(distinct) > 1:
            after = list(dict.fromkeys(t for t, _, _, nk in self.pairs if nk))
            if len(after) == 1:
                hit = next(p for p in self.pairs if p[0] == after[0])
                return after[0], None, (hit[1], hit[2])
            return None, AMBIGUOUS_TERM.format(found=", ".join(distinct)), None
        extra = ""
        numbers = [*(f"khóa {t}" for t, _, _ in self.khoa), *self.congress]
        if numbers:
            extra = (
                f'; "{numbers[0]}" là khóa Quốc hội hoặc số khóa/lần đại hội, không phải nhiệm kỳ '
                "của cơ quan này (a congress or NA number is not a term for this body)"
            )
        return None, extra or None, None


def read_title(grid: Grid, rows: range) -> Title:
    """Return the terms, khóa and texts of the title block."""
    texts: list[tuple[int, int, str]] = []
    pairs: list[tuple[str, int, int, bool]] = []
    khoa: list[tuple[str, int, int]] = []
    lines: list[tuple[int, int, str]] = []
    for r in rows:
        for c, v in enumerate(grid.cells[r]):
            if not isinstance(v, str) or not v.strip():
                continue
            text = nfc(v)
            texts.append((r, c, text))
            lines.extend((r, c, nfc(part)) for part in re.split(r"[\r\n]+", v) if part.strip())
            key = loose_key(text)
            for m in _YEARS.finditer(text.replace("đến", "-")):
                try:
                    term = normalise_term(f"{m.group(1)}-{m.group(2)}")
                except TermError:
                    continue
                before = loose_key(text[: m.start()])
                pairs.append((term, r, c, before.endswith(("nhiem ky", "nk"))))
            for m in _KHOA.finditer(key):
                na = NATIONAL_ASSEMBLY_TERMS.get(m.group(1).upper())
                if na and ("quoc hoi" in key):
                    khoa.append((na, r, c))
                elif "quoc hoi" not in key:
                    khoa.append((m.group(1).upper(), r, c))
    # a khóa of the National Assembly only counts when the text says Quốc hội
    khoa_na = [(t, r, c) for t, r, c in khoa if re.match(r"^\d{4}-\d{4}$", t)]
    other = [(t, r, c) for t, r, c in khoa if not re.match(r"^\d{4}-\d{4}$", t)]
    congress = [f"khóa {t}" for t, _, _ in other]
    for _, _, text in texts:
        found = re.search(r"\bdai hoi\b.*?\blan(?: thu)?\s+([ivxlc]+|\d+)\b", loose_key(text))
        if found:
            congress.append(f"đại hội lần thứ {found.group(1).upper()}")
    return Title(texts, pairs, khoa_na, congress, lines)


def title_body(title: Title) -> str | None:
    """Return the one body the title names, or ``None`` (none, or several).

    The issuing block (``UBND TỈNH THANH HÓA``, ``HUYỆN ỦY NGA SƠN``, ``BAN VÌ SỰ TIẾN BỘ CỦA PHỤ
    NỮ …``) names who sends the report, not the body it counts: it never gives the body.

    Examples
    --------
    >>> title_body(Title([(0, 0, "HĐND TỈNH THANH HÓA"), (1, 0, "SỐ LIỆU NĂM 2021")], [], []))
    >>> title_body(Title([(0, 0, "UBND TỈNH"), (1, 0, "DANH SÁCH BAN THƯỜNG VỤ")], [], []))
    'standing_committee'
    """
    for _, _, text in reversed(title.texts):  # the line nearest the header decides
        if _issuer(text) is not None:
            continue
        found = _bodies_in(text)
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            return None
    return None


def _bodies_in(text: str) -> set[str]:
    """Return every body a title line names (``… QUỐC HỘI … VÀ HĐND …`` names two)."""
    from gender_stats.io._header import _body_in

    parts = re.split(r"\b(?:và|VÀ|,|;)\s+", text)
    return {b for part in parts if (b := _body_in(part)) is not None}


_ISSUER = re.compile(
    r"^(?:ĐẢNG BỘ|ĐẢNG ỦY|BAN CHẤP HÀNH ĐẢNG BỘ|HUYỆN ỦY|TỈNH ỦY|THÀNH ỦY|THỊ ỦY|"
    r"ỦY BAN BẦU CỬ|UBND|ỦY BAN NHÂN DÂN|HĐND|HỘI ĐỒNG NHÂN DÂN|BAN TỔ CHỨC|"
    r"BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ|BAN VSTBCPN)\s+"
    r"(TỈNH|THÀNH PHỐ|HUYỆN|THỊ XÃ|QUẬN|XÃ|PHƯỜNG|THỊ TRẤN)?\s*(.+)$"
)


def _issuer(text: str) -> re.Match[str] | None:
    """Return the match of an issuing-block line (``UBND TỈNH THANH HÓA``), or ``None``.

    The line names an issuer and a place of at most 40 characters, no digits: ``HĐND CÁC CẤP
    NHIỆM KỲ 2021-2026`` is a title, not an issuer.
    """
    original = nfc(text)
    m = _ISSUER.match(original.upper())
    if m is None:
        return None
    rest = original[m.start(2) : m.end(2)].strip()
    if len(rest) > 40 or any(ch.isdigit() for ch in rest):
        return None
    return m


def title_unit(title: Title) -> tuple[str, int, int] | None:
    """Return the unit the title block names (``HUYỆN ỦY NGA SƠN`` → Huyện Nga Sơn), or ``None``.

    ``None`` too when it names several (see :func:`gender_stats.io._issuer.title_units`; the
    reader reports them with :data:`AMBIGUOUS_UNIT`).
    """
    found = title_units(title.lines)
    if len(found) != 1 or found[0].name == "?":
        return None
    return found[0].name, found[0].row, found[0].col


def title_unit_problem(title: Title) -> str | None:
    """Return why the title names no single unit when it names several (or an unnamed issuer)."""
    found = title_units(title.lines)
    if len(found) > 1 or (found and found[0].name == "?"):
        names = ", ".join(u.name if u.name != "?" else f'"{title_line(title, u)}"' for u in found)
        return AMBIGUOUS_UNIT.format(names=names)
    return None


def title_line(title: Title, unit: Named) -> str:
    """Return the title line a unit was found in."""
    return next((t for r, c, t in title.lines if (r, c) == (unit.row, unit.col)), "")


#: Expected text when the title names several units (or an issuer without its unit).
AMBIGUOUS_UNIT = (
    "một đơn vị: tiêu đề nêu {names}; truyền unit_name='...' (one unit: the title names several, "
    "or an issuing body whose unit it does not say; pass unit_name=)"
)


# --------------------------------------------------------------------------------------------
# Cells


def read_count(grid: Grid, r: int, c: int, style: NumberStyle) -> tuple[Any, str | None]:
    """Return a count cell as a number, or its value as written and why it is not one."""
    return count_cell(grid, r, c, style)


#: Expected text of a count cell other than total / female.
WHOLE_COUNT = "số nguyên ≥ 0 (a whole number ≥ 0)"
#: A criterion (under_40, ethnic_minority ...) counting more members than the body has.
SUBGROUP_ABOVE = "số {name} không vượt tổng số {total} ({name} ≤ total)"
#: The criteria of the forms that count members of the body (not seats): at most ``total``
#: (``trained`` has its own check in the collection templates, with its own words).
_SUBGROUPS = frozenset(CRITERIA.values()) - {"trained"}


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _style_of(grid: Grid, header: Header, opts: Options) -> NumberStyle:
    if opts.thousands is not None:
        return NumberStyle(opts.thousands, "thousands= do người dùng chọn (given by the caller)")
    counts: list[str] = []
    shares: list[str] = []
    count_cols = sorted({c for s in header.series for c in s.cols.values()})
    share_cols = sorted({c for s in header.series for c in s.shares.values()})
    for r in range(header.first_data, len(grid.cells)):
        row = grid.cells[r]
        counts.extend(row[c] for c in count_cols if isinstance(row[c], str))
        shares.extend(row[c] for c in share_cols if isinstance(row[c], str))
    if grid.typed and not counts:
        return NumberStyle()  # a workbook's numbers are numbers: no text to decide
    # a workbook's counts typed as text ("1.146") follow the evidence of its other texts
    return decide_style(counts, shares, delimiter=grid.delimiter)


# --------------------------------------------------------------------------------------------
# The sheet


@dataclasses.dataclass
class _Row:
    r: int
    section: int | None
    level: str | None
    body: str | None = None


#: The columns whose merged cells name every row they span (a unit over its body rows).
_LABEL_KEYS = (ROW_NUMBER, UNIT_NAME, UNIT_ID, LEVEL, TERM)


def _fill_merged_labels(grid: Grid, header: Header, log: ReadingLog) -> Grid:
    """Return ``grid`` with label cells merged down the rows written into every row they span.

    A unit merged over its body rows (``Huyện Nga Sơn`` over BCH and BTV) or a level merged over
    its units names each of those rows, as it shows; the reading log says which.  Merged count
    cells stay merged (and are reported: which row would the number belong to?).
    """
    label_cols = {header.keys[k] for k in _LABEL_KEYS if k in header.keys}
    filled = [
        m
        for m in grid.merged
        if m[0] >= header.first_data and m[2] > m[0] and {*range(m[1], m[3] + 1)} <= label_cols
    ]
    if not filled:
        return grid
    cells = [list(row) for row in grid.cells]
    for r0, c0, r1, c1 in filled:
        for r in range(r0 + 1, min(r1, len(cells) - 1) + 1):
            for c in range(c0, c1 + 1):
                cells[r][c] = cells[r0][c]
    rest = tuple(m for m in grid.merged if m not in filled)
    shown = ", ".join(
        f"{letter(c0)}{grid.rows[r0]}:{letter(c1)}{grid.rows[min(r1, len(grid.rows) - 1)]}"
        for r0, c0, r1, c1 in filled[:10]
    )
    log.notes.append(
        f"{grid.file}: ô gộp theo cột áp dụng cho mọi dòng của nó (merged label cells name every "
        f"row they span): {shown}" + (" …" if len(filled) > 10 else "")
    )
    return dataclasses.replace(grid, cells=cells, merged=rest)


def read_sheet(grid: Grid, header: Header, col: Collector, log: ReadingLog, opts: Options) -> Sheet:
    """Read one sheet whose header is known; log every row; collect problems in ``col``."""
    grid = _fill_merged_labels(grid, header, log)
    file, sheet = grid.file, grid.sheet
    notes: list[str] = []
    title = read_title(grid, range(header.top))
    for r in range(header.top):
        if not all(is_blank(v) for v in grid.cells[r]):
            log.add(
                file, sheet, grid.rows[r], RowClass.TITLE, STRUCTURAL, _first_text(grid.cells[r])
            )
    for r in range(header.top, header.bottom + 1):
        log.add(file, sheet, grid.rows[r], RowClass.HEADER, STRUCTURAL, _first_text(grid.cells[r]))
    if header.numbers_row is not None:
        log.add(file, sheet, grid.rows[header.numbers_row], RowClass.COLUMN_NUMBERS, STRUCTURAL)
    style = _style_of(grid, header, opts)
    if not grid.typed or style.thousands:
        log.notes.append(f"{file}: kiểu số {style.thousands or '?'} — {style.evidence}")
    keys = header.keys
    measure_cols = header.measure_cols()
    count_cols = sorted({c for s in header.series for c in s.cols.values()})
    label_cols = [keys[k] for k in (ROW_NUMBER, UNIT_NAME, UNIT_ID, LEVEL, BODY) if k in keys]
    name_col = next((keys[k] for k in (UNIT_NAME, UNIT_ID, LEVEL, BODY) if k in keys), None)
    data: list[_Row] = []
    sums: list[tuple[int, str, int | None]] = []  # row, kind, section
    sections: dict[int, tuple[str, str | None]] = {}
    section_rows: dict[int, list[int]] = {}
    current: int | None = None
    current_level: str | None = None
    current_body: str | None = None  # from a caption row ("2. Ban Thường vụ") of stacked tables
    captions: set[int] = set()
    ended: int | None = None
    second: int | None = None  # the row where a second table starts
    closed = False  # a grand total has closed the table
    hidden: list[int] = []
    of_which: list[int] = []
    hidden_data: list[_Row] = []  # hidden unit rows: a total may include them (SUM) or not
    hidden_in: dict[int, list[int]] = {}
    empty_units: list[int] = []
    no_figures: list[int] = []  # unit rows with no figures (reported)
    reported_rows: list[int] = []
    header_texts = [text_of(v) for v in grid.cells[header.top]]
    for r in range(header.first_data, len(grid.cells)):
        row = grid.cells[r]
        if all(is_blank(v) for v in row):
            continue
        user_row = grid.rows[r]
        label = _label(row, label_cols)
        if r in grid.hidden_rows and not opts.include_hidden and _hidden_section(row, keys):
            log.notes.append(
                f"{file} dòng {user_row}: dòng khối bị ẩn vẫn cho cấp của các đơn vị dưới nó (a "
                "hidden section row still gives its level to the units below it)"
            )
        elif r in grid.hidden_rows and not opts.include_hidden:
            hidden.append(user_row)
            log.add(file, sheet, user_row, RowClass.HIDDEN, REPORTED, label, "dòng ẩn (hidden row)")
            if (
                any(_numberish(row[c]) for c in measure_cols)
                and _sum_kind_of(row, label_cols) is None
            ):
                hidden_data.append(_Row(r, current, current_level))
                if current is not None:
                    hidden_in.setdefault(current, []).append(r)
            continue
        numbers = [c for c in measure_cols if _numberish(row[c]) or (r, c) in grid.no_value]
        filled_measures = [c for c in measure_cols if not is_blank(row[c])]
        first = _first_text(row)
        stt = row[keys[ROW_NUMBER]] if ROW_NUMBER in keys else None
        name = row[name_col] if name_col is not None else None
        if ended is not None:
            if numbers:
                col.at(r, numbers[0], row[numbers[0]], AFTER_END.format(end=ended))
                col.whole_rows.add(user_row)
                log.add(file, sheet, user_row, RowClass.DATA, REPORTED, label, "sau phần ký tên")
            else:
                log.add(file, sheet, user_row, RowClass.SIGNATURE, STRUCTURAL, first)
            continue
        if second is not None:
            if numbers:
                reported_rows.append(user_row)
                log.add(file, sheet, user_row, RowClass.DATA, REPORTED, label, "bảng thứ hai")
            else:
                log.add(file, sheet, user_row, RowClass.NOTE, STRUCTURAL, first, "bảng thứ hai")
            continue
        repeated = [text_of(v) for v in row] == header_texts
        why = None if numbers else _second_table(row, repeated, closed, data, title)
        if why is not None:
            second = user_row
            col.at(r, _first_col(row), first, SECOND_TABLE.format(row=user_row, why=why))
            col.blocking = True
            log.add(file, sheet, user_row, RowClass.HEADER, STRUCTURAL, first, "bảng thứ hai")
            continue
        if repeated:
            log.add(file, sheet, user_row, RowClass.HEADER, STRUCTURAL, first, "tiêu đề lặp lại")
            continue
        if is_column_numbers(row):
            log.add(file, sheet, user_row, RowClass.COLUMN_NUMBERS, STRUCTURAL)
            continue
        kind = _sum_kind_of(row, label_cols)
        if kind == "average":
            # "Bình quân", "Tỷ lệ chung": not a unit, and not a sum to check
            log.add(file, sheet, user_row, RowClass.TOTAL, STRUCTURAL, label, AVERAGE_ROW)
            continue
        if kind is not None:
            if kind == "sum" and current is None:
                kind = "total"
            if current is not None and current in captions:
                kind = "subtotal"  # in one table of a sheet of one table per body: that table's
            sums.append((r, kind, current if kind in ("subtotal", "sum") else None))
            closed = closed or (kind == "total" and bool(data))  # the table's grand total
            cls = RowClass.TOTAL if kind == "total" else RowClass.SUBTOTAL
            log.add(file, sheet, user_row, cls, STRUCTURAL, label)
            continue
        if not numbers and is_signature(first):
            ended = user_row
            log.add(file, sheet, user_row, RowClass.SIGNATURE, STRUCTURAL, first)
            continue
        if is_note(first) and (not numbers or not _is_label_cell(row, first, label_cols)):
            log.add(file, sheet, user_row, RowClass.NOTE, STRUCTURAL, first)
            continue
        caption = None if numbers else _body_caption(row)
        if caption is not None:
            # a caption over the next table of a sheet holding one table per body
            current_body, current = caption, r
            captions.add(r)
            closed = False  # the next table of a sheet of one table per body
            sections[r] = (str(first), current_level)
            section_rows[r] = []
            log.add(
                file, sheet, user_row, RowClass.SECTION, STRUCTURAL, first, f"cơ quan {caption}"
            )
            continue
        if is_of_which(name if name is not None else first):
            # "Trong đó: khối xã" breaks the unit above down: part of it, never added again
            log.add(file, sheet, user_row, RowClass.CRITERION, REPORTED, label, OF_WHICH)
            of_which.append(user_row)
            continue
        sec = section_label(stt, name if name is not None else first)
        if sec is not None and (not numbers or numbered_section(stt, name)):
            current = r
            current_level = _section_level(sec)
            sections[r] = (sec, current_level)
            section_rows[r] = []
            if numbers:
                sums.append((r, "section", r))
            log.add(
                file,
                sheet,
                user_row,
                RowClass.SECTION,
                STRUCTURAL,
                sec,
                f"cấp {current_level}" if current_level else "",
            )
            continue
        if not numbers and filled_measures and name is not None and not is_blank(name):
            numbers = filled_measures
        named = name_col is not None and not is_blank(name)
        at = name_col if name_col is not None else 0
        if numbers and named and not any(_has_count(grid, r, c) for c in count_cols):
            # a share ("0", "-", #DIV/0!) but no count: the unit did not report; never zero
            col.whole_row(r, at, name, NO_FIGURES)
            reported_rows.append(user_row)
            no_figures.append(user_row)
            log.add(file, sheet, user_row, RowClass.DATA, REPORTED, label, UNIT_NO_FIGURES)
            continue
        if not numbers:
            filled = [c for c, v in enumerate(row) if not is_blank(v)]
            said = [keys[k] for k in (SOURCE, NOTE) if k in keys]
            if (
                name is not None
                and not is_blank(name)
                and any(not is_blank(row[c]) for c in said)
                and all(c in label_cols or c in said for c in filled)
            ):
                # a unit whose figures were not published, the Nguồn / Ghi chú cell says so
                empty_units.append(user_row)
                reported_rows.append(user_row)
                log.add(file, sheet, user_row, RowClass.DATA, REPORTED, label, UNIT_NO_FIGURES)
                continue
            if filled and all(c in label_cols for c in filled):
                col.whole_row(r, filled[0], row[filled[0]], NOT_BLANK_ROW)
                reported_rows.append(user_row)
                log.add(file, sheet, user_row, RowClass.DATA, REPORTED, label, UNIT_NO_FIGURES)
                continue
            if named:  # a unit with a remark ("chưa báo cáo") and no figures
                col.whole_row(r, at, name, NO_FIGURES)
                reported_rows.append(user_row)
                no_figures.append(user_row)
                log.add(file, sheet, user_row, RowClass.DATA, REPORTED, label, UNIT_NO_FIGURES)
                continue
            log.add(file, sheet, user_row, RowClass.NOTE, STRUCTURAL, first)
            continue
        data.append(_Row(r, current, current_level, current_body))
        if current is not None:
            section_rows[current].append(r)
        log.add(file, sheet, user_row, RowClass.DATA, USED, label)
    if not data and no_figures and len(no_figures) == len(reported_rows):
        # a form sent back empty: one problem (the table is empty), not one per unit
        col.problems = [p for p in col.problems if p.expected != NO_FIGURES]
        col.whole_rows.difference_update(no_figures)
    _check_merged(grid, header, {s for s, _, _ in sums} | set(sections), col)
    _report_headless_numbers(grid, header, data, col)
    _report_unlabelled_sums(
        grid, header, data, {t for t, _, _ in sums} | set(sections), col, opts, style
    )
    if of_which:
        msg = (
            f'Tệp "{file}"'
            + (f', trang "{sheet}"' if sheet else "")
            + f': {len(of_which)} dòng "Trong đó" (dòng {", ".join(map(str, of_which[:20]))}) là '
            "một phần của đơn vị ở trên, không cộng thêm (rows breaking the unit above down: "
            "part of it, not counted again)."
        )
        warnings.warn(msg, TableWarning, stacklevel=6)
        notes.append(msg)
    if hidden:
        msg = (
            f'Tệp "{file}"'
            + (f', trang "{sheet}"' if sheet else "")
            + f": bỏ qua {len(hidden)} dòng ẩn (hidden rows passed over): "
            + ", ".join(map(str, hidden[:20]))
            + ("…" if len(hidden) > 20 else "")
            + ". Hint: include_hidden=True để đọc cả dòng ẩn (to read them)."
        )
        warnings.warn(msg, HiddenDataWarning, stacklevel=6)
        notes.append(msg)
    if empty_units:
        msg = (
            f'Tệp "{file}"'
            + (f', trang "{sheet}"' if sheet else "")
            + f": {len(empty_units)} dòng đơn vị không có số liệu (unit rows with no figures, not "
            "used): dòng " + ", ".join(map(str, empty_units[:20]))
        )
        warnings.warn(msg, TableWarning, stacklevel=6)
        notes.append(msg)
    _report_group_bodies(grid, header, col, opts)
    _report_unused_columns(grid, header, col, log)
    hidden_cols = _hidden_columns_read(grid, header)
    if hidden_cols:
        msg = (
            f'Tệp "{file}"'
            + (f', trang "{sheet}"' if sheet else "")
            + HIDDEN_COLUMNS.format(
                n=len(hidden_cols),
                cols=", ".join(
                    f'{letter(c)} ("{text_of(grid.cells[header.bottom][c]) or text_of(grid.cells[header.top][c])}")'
                    for c in hidden_cols
                ),
            )
        )
        warnings.warn(msg, HiddenDataWarning, stacklevel=6)
        notes.append(msg)
    log.notes.extend(f"{file}: {n}" for n in header.notes)
    if not data and sums and not reported_rows:
        # a sheet of totals only ("Toàn tỉnh" per body): its rows are its data (a summary sheet,
        # checked against the other sheets when read with them)
        rows_as_data = {t for t, kind, _ in sums if kind != "section"}
        label_col = keys.get(UNIT_NAME)
        grand = {t for t, kind, _ in sums if kind == "total"}
        if label_col is not None and (opts.unit_name or opts.unit_id) and grand:
            rows_as_data = grand  # the unit's figures are its grand total; subtotals are parts
        data = [_Row(t, None, None) for t in sorted(rows_as_data)]
        sums = []
        if label_col is not None and (opts.unit_name or opts.unit_id):
            # the totals are the figures of the unit given; without one, the rows keep their
            # labels: a summary sheet is then checked against the other sheets, and a total
            # left as a unit is a problem (io._readers, TOTALS_ONLY)
            cells = [list(row) for row in grid.cells]
            for t in rows_as_data:
                cells[t][label_col] = None
            grid = dataclasses.replace(grid, cells=cells)
        for i, e in enumerate(log.entries):
            if (
                e.sheet == sheet
                and e.file == file
                and e.row in {grid.rows[t] for t in rows_as_data}
            ):
                log.entries[i] = dataclasses.replace(
                    e, kind=RowClass.DATA, outcome=USED, detail="dòng tổng, trang chỉ có tổng"
                )
    frames = _records(grid, header, data, title, col, log, opts, style)
    _check_sums(
        grid, header, data, sums, section_rows, col, log, opts, style, hidden_data, hidden_in
    )
    log.notes.extend(notes)
    return Sheet(frames, sorted([grid.rows[d.r] for d in data] + reported_rows), notes)


#: Expected text when a sheet gives only total rows ("Tổng cộng") in its unit column.
TOTALS_ONLY = (
    "một đơn vị: trang chỉ có dòng tổng, không có đơn vị nào; truyền unit_name='…' (đơn vị mà "
    "dòng tổng là số liệu của nó) (a unit: the sheet has total rows only, and a total is no "
    "unit; pass unit_name= to read the total as that unit's figures)"
)
LOOKS_LIKE_SUM = (
    "một đơn vị: số liệu dòng này bằng tổng {n} dòng phía trên (dòng {rows}) — nếu là dòng cộng, "
    "ghi Cộng / Tổng cộng; nếu là đơn vị, ghi số thứ tự hoặc tên đầy đủ (Huyện …, Xã …) (a unit: "
    "this row's figures are the sum of the {n} rows above it; label a subtotal Cộng or Tổng cộng, "
    "give a unit its number or its full name)"
)


def _report_unlabelled_sums(
    grid: Grid,
    header: Header,
    data: list[_Row],
    boundaries: set[int],
    col: Collector,
    opts: Options,
    style: NumberStyle,
) -> None:
    """Report a data row that sums the rows above it and does not read as a unit.

    A subtotal whose label is mistyped ("Cộg khối huyện") or worded in a way the reader does not
    know would otherwise be counted as one more unit.  A row is reported when its figures (some
    above zero) equal the sum of two or more data rows above it — those of its block (since the
    last section or total row), or all of them — and it has neither a unit number in the STT
    column nor a name that says its kind (``Huyện …``) or is found in the units table.  Rows are
    compared with rows of the same body, level and term cells only.
    """
    keys = header.keys
    name_col = next((keys[k] for k in (UNIT_NAME, UNIT_ID, LEVEL, BODY) if k in keys), None)
    same = [keys[k] for k in (BODY, LEVEL, TERM) if k in keys]
    count_cols = sorted({c for s in header.series for c in s.cols.values()})
    for i, d in enumerate(data):
        row = grid.cells[d.r]
        stt = row[keys[ROW_NUMBER]] if ROW_NUMBER in keys else None
        name = row[name_col] if name_col is not None else None
        if unit_number(stt) or _names_a_unit(name, opts):
            continue
        signature = [text_of(row[c]) for c in same]
        above = [
            e
            for e in data[:i]
            if e.body == d.body and [text_of(grid.cells[e.r][c]) for c in same] == signature
        ]
        start = max((b for b in boundaries if b < d.r), default=-1)
        block = [e.r for e in above if e.r > start and e.section == d.section]
        values = [_whole(read_count(grid, d.r, c, style)[0]) for c in count_cols]
        if not any(v is not None and v > 0 for v in values):
            continue
        for rows in (block, [e.r for e in above]):
            if len(rows) >= 2 and _sums_match(grid, header, rows, d.r, style):
                shown = f"{grid.rows[rows[0]]}–{grid.rows[rows[-1]]}"
                col.at(
                    d.r,
                    name_col,
                    name,
                    LOOKS_LIKE_SUM.format(n=len(rows), rows=shown),
                    header=text_of(grid.cells[header.top][name_col])
                    if name_col is not None
                    else None,
                )
                break


def _names_a_unit(name: Any, opts: Options) -> bool:
    """Return True for a name that says its kind (``Huyện …``) or is in the units table."""
    if not isinstance(name, str) or not name.strip():
        return False
    if opts.units is not None and opts.units.find(clean_unit_name(name) or name) is not None:
        return True
    return infer_level(name) is not None


SECOND_TABLE = (
    "một bảng mỗi trang: dòng {row} bắt đầu một bảng khác ({why}); chuyển bảng đó sang trang "
    "riêng (one table per sheet: a second table starts at row {row}; move it to a sheet of its "
    "own, with its title)"
)
_FORM_NUMBER = re.compile(r"^(bieu|bang|mau|phu bieu|phu luc)( so)? [0-9ivx]+[a-z]?\b")


def _second_table(
    row: Sequence[Any], repeated: bool, closed: bool, data: list[_Row], title: Title
) -> str | None:
    """Return why a row with no figures starts a second table below the first, or ``None``.

    The header again after the table's grand total; another header (two or more column names
    that are not this header's); or, below data rows, a title line: a form number (``BIỂU 2``)
    or a term the title above does not name.  The header repeated inside a table (a printed
    page break) does not start one.  Another header: at least two cells, and half the row's texts,
    are column names.
    """
    if repeated:
        return (
            "tiêu đề lặp lại sau dòng tổng cộng (the header again after the grand total)"
            if (closed)
            else None
        )
    from gender_stats.io._header import _is_key_word, _measure_of

    texts = [text_of(v) for v in row if isinstance(v, str) and v.strip()]
    names = [t for t in texts if _is_key_word(t) or _measure_of(t) is not None]
    if len(names) >= 2 and 2 * len(names) >= len(texts):
        return f"tiêu đề khác: {' | '.join(names[:4])} (another header)"
    if not data or len(texts) != 1 or is_note(texts[0]) or is_signature(texts[0]):
        return None
    key = loose_key(texts[0])
    if _FORM_NUMBER.match(key):
        return f'tiêu đề "{texts[0]}" (a title)'
    terms = {t for t, _, _, _ in title.pairs}
    for m in _YEARS.finditer(texts[0].replace("đến", "-")):
        try:
            term = normalise_term(f"{m.group(1)}-{m.group(2)}")
        except TermError:
            continue
        if term not in terms:
            return f'tiêu đề "{texts[0]}" nêu nhiệm kỳ {term} (a title naming another term)'
    return None


def _first_col(row: Sequence[Any]) -> int:
    return next((c for c, v in enumerate(row) if not is_blank(v)), 0)


HEADLESS = (
    "không có số ở cột không có tiêu đề: đặt tên cột (Tổng số, Nữ …) hoặc xóa số này; trong tệp "
    "CSV dấu phẩy, số thập phân 16,2 phải đặt trong ngoặc kép (a number under a column with no "
    'header: name the column or delete it; in a comma-separated file write "16,2" in quotes)'
)


def _report_headless_numbers(grid: Grid, header: Header, data: list[_Row], col: Collector) -> None:
    """Report a number in a data row under a column with no header, right of the first count.

    Such a number is lost data: a group whose title was lost, or a CSV row with one cell too many
    (``16,2`` unquoted in a comma-separated file is two cells).
    """
    measures = header.measure_cols()
    if not measures:
        return
    named = {column.index for column in header.columns if column.path}
    headless = [c for c in range(min(measures) + 1, grid.width) if c not in named]
    for d in data:
        row = grid.cells[d.r]
        for c in headless:
            if c < len(row) and _numberish(row[c]):
                col.at(d.r, c, row[c], HEADLESS)


#: What the warning about hidden columns the reader uses says after the file and sheet.
HIDDEN_COLUMNS = (
    ": đã đọc {n} cột ẩn (hidden columns read): {cols}. Hint: kiểm tra số liệu trong cột ẩn là "
    "số cần dùng, hoặc xóa cột đó (check that the hidden column holds the figures wanted, or "
    "delete it)."
)


def _hidden_columns_read(grid: Grid, header: Header) -> list[int]:
    """Return the hidden columns the reader takes figures or labels from (with a filled cell)."""
    if not grid.hidden_cols:
        return []
    used = {c for k, c in header.keys.items() if k != ROW_NUMBER} | set(header.measure_cols())
    return [
        c
        for c in sorted(used & grid.hidden_cols)
        if any(not is_blank(row[c]) for row in grid.cells[header.first_data :])
    ]


def _hidden_section(row: Sequence[Any], keys: dict[str, int]) -> bool:
    """Return True for a section row ("II. Khối sở, ban, ngành") with no figures.

    Hidden or not, it gives its level to the units below it: passing over a hidden section row
    would give them the level of the section above.
    """
    stt = row[keys[ROW_NUMBER]] if ROW_NUMBER in keys else None
    name = row[keys[UNIT_NAME]] if UNIT_NAME in keys else None
    text = name if isinstance(name, str) and name.strip() else _first_text(row)
    filled = [v for v in row if not is_blank(v)]
    return len(filled) <= 2 and section_label(stt, text) is not None


def _has_count(grid: Grid, r: int, c: int) -> bool:
    """Return True when count cell ``(r, c)`` holds something other than a blank or a dash."""
    value = grid.cells[r][c]
    return (r, c) in grid.no_value or not (is_blank(value) or is_dash(value))


_NUMBERISH = re.compile(r"^[+-]?\d[\d.,\s\u00a0]*%?$")


def _numberish(value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        return value == value
    return isinstance(value, str) and bool(_NUMBERISH.match(value.strip()))


SECOND_MEASURE = (
    'một cột "{word}" cho mỗi cơ quan, có tên cơ quan ở trên: cột {col} cũng là "{word}" (one '
    'column per measure: column {col} is "{word}" too; write each body\'s name over its group)'
)
MISSING_IN_GROUP = 'có cột "{word}" dưới "{title}" (a {need} column for this body)'


def _report_group_bodies(grid: Grid, header: Header, col: Collector, opts: Options) -> None:
    """Report column groups that name no body of the library, or the same body twice.

    An unknown group ("Ủy ban Kiểm tra") is read as ``body=`` when one is given; a group naming
    another body ("Ban Chấp hành Hội LHPN", "Thường trực HĐND", "BCH nhiệm kỳ trước") never is.
    """
    reported: set[tuple[int, int]] = set()
    for column in header.columns:
        why = other_body(column.group) if column.group is not None else None
        if why is None or column.measure is None:
            continue
        r, c = header_cell(grid, header, column.index, column.group)
        if (r, c) not in reported:
            reported.add((r, c))
            text = column.group or ""
            col.at(r, c, text, OTHER_BODY[why].format(text=text), header=text)
    for s in header.series:
        if s.body is None and s.group is not None and opts.body is None and not other_body(s.group):
            r, c = header_cell(grid, header, s.group_col or 0, s.group)
            col.at(r, c, s.group, UNKNOWN_BODY, header=s.group)
    _report_same_body(grid, header, col)


def _report_same_body(grid: Grid, header: Header, col: Collector) -> None:
    """Report two columns read as the same measure of one body, naming both header cells."""
    pairs: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    for kept, second in header.conflicts:
        body = header.columns[kept].body
        cells = []
        for c in (kept, second):
            title = group_title(header, c, body)
            cells.append((header_cell(grid, header, c, title), title))
        one_group = cells[0][0] == cells[1][0]
        if one_group:  # one group, the same measure twice: name the two leaves
            cells = [(header_cell(grid, header, c, None), None) for c in (kept, second)]
        pair = (cells[0][0], cells[1][0])
        if pair in pairs:
            continue
        pairs.add(pair)
        (r0, c0), first = cells[0]
        (r1, c1), second_title = cells[1]
        first = first or text_of(grid.cells[r0][c0])
        second_title = second_title or text_of(grid.cells[r1][c1])
        label = BODIES.get(body or "")
        what = header.columns[kept]
        title = " / ".join(x for x in (what.body, what.level, what.term, what.group) if x)
        expected = (SAME_MEASURE if one_group else SAME_BODY).format(
            first=first,
            second=second_title,
            first_cell=f"{letter(c0)}{grid.rows[r0]}",
            second_cell=f"{letter(c1)}{grid.rows[r1]}",
            vi=label.vi if label else title,
            en=label.en if label else title,
        )
        col.at(r1, c1, second_title, expected, header=second_title)


def _report_unused_columns(grid: Grid, header: Header, col: Collector, log: ReadingLog) -> None:
    """Never drop a column silently.

    A body group without Nữ or Tổng số is a problem; a column the reader does not use is named in
    the log.
    """
    groups: dict[tuple[str | None, str | None], list[Any]] = {}
    for u in header.unknown:
        groups.setdefault((u.body, u.level), []).append(u)
        if u.body is None and u.level is None and len(u.path) == 1:
            # a second "Tổng số" or "Nữ" with no group over it: another body whose name is lost
            measure = interpret_measure(u.path[0])
            same = [
                s.cols[measure]
                for s in header.series
                if s.body is None and measure in s.cols and s.cols[measure] != u.index
            ]
            if measure in (TOTAL, FEMALE, MALE) and same:
                col.at(
                    header.bottom,
                    u.index,
                    u.header,
                    SECOND_MEASURE.format(col=letter(same[0]), word=u.header),
                    header=u.header,
                )
                col.blocking = True
    usable = {(s.body, s.level) for s in header.series}
    for (body, level), columns in groups.items():
        if body is not None and (body, level) not in usable:
            measures = {
                interpret_measure(u.path[-1]) for u in columns if u.path
            }  # what the group has
            title = columns[0].path[0] if columns[0].path else body
            for need, word in ((FEMALE, "Nữ"), (TOTAL, "Tổng số")):
                if need not in measures and not (need == TOTAL and MALE in measures):
                    col.at(
                        header.bottom,
                        columns[0].index,
                        title,
                        MISSING_IN_GROUP.format(word=word, title=title, need=need),
                        header=title,
                    )
        for u in columns:
            log.notes.append(
                f'{grid.file}: cột {letter(u.index)} "{u.header}" không dùng (column not used)'
            )


def interpret_measure(text: str) -> str | None:
    """Return the measure a header leaf names (``total``, ``female`` ...)."""
    from gender_stats.io._header import _measure_of

    m = _measure_of(text)
    return TOTAL if m == "count" else m


def _first_text(row: Sequence[Any]) -> str:
    return next((text_of(v) for v in row if not is_blank(v)), "")


def _label(row: Sequence[Any], label_cols: Sequence[int]) -> str:
    parts = [text_of(row[c]) for c in label_cols if not is_blank(row[c])]
    return " ".join(parts) if parts else _first_text(row)


def _is_label_cell(row: Sequence[Any], text: str, label_cols: Sequence[int]) -> bool:
    return any(text_of(row[c]) == text for c in label_cols)


def _sum_kind_of(row: Sequence[Any], label_cols: Sequence[int]) -> str | None:
    cells = [row[c] for c in label_cols] or [next((v for v in row if not is_blank(v)), None)]
    for v in cells:
        k = sum_kind(v)
        if k is not None:
            return k
    return None


def _section_level(label: str) -> str | None:
    for text in (
        label,
        label.split(",")[0],
        re.sub(r"^\s*(kh[ốo]i|c[áa]c|c[ấa]p)\s+", "", label, flags=re.I),
        re.sub(r"^\s*(kh[ốo]i|c[áa]c)\s+", "", label, flags=re.I).split(",")[0],
    ):
        code = parse_level(text)
        if code in LEVELS:
            return code
    key = loose_key(label)
    for word, code in (
        ("huyen", "district"),
        ("thi xa", "district"),
        ("xa phuong", "commune"),
        ("so ban nganh", "agency"),
        ("so nganh", "agency"),
        ("ban nganh", "agency"),
        ("co quan", "agency"),
    ):
        if word in key:
            return code
    return None


_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|[A-Z]|\d{1,2})\s*[.)/:-]\s*")


def _body_caption(row: Sequence[Any]) -> str | None:
    """Return the body a caption row names ("2. Ban Thường vụ", "B. BAN CHẤP HÀNH"), or None.

    Only a row with one text cell and at most eight words: a caption, not a unit or a note.
    """
    filled = [v for v in row if not is_blank(v)]
    if len(filled) != 1 or not isinstance(filled[0], str):
        return None
    text = _NUMBERING.sub("", nfc(filled[0])).strip(" :")
    if not text or len(text.split()) > 8:
        return None
    return parse_body(text)


def _looks_like_section(row: Sequence[Any], label_cols: Sequence[int]) -> bool:
    filled = [v for v in row if not is_blank(v)]
    return len(filled) == 1 and isinstance(filled[0], str) and infer_level(filled[0]) is None


def _check_merged(grid: Grid, header: Header, label_rows: set[int], col: Collector) -> None:
    """Report merged cells in the data area, but for labels spread along their own row.

    A section, total or text-only row may be merged across; so may a unit's name over the blank
    columns beside it (``Đơn vị`` merged over B:C in the header and on every row), as long as the
    range holds no count or share cell and its value sits in the name's own column.
    """
    start = header.first_data
    measures = set(header.measure_cols())
    keys = set(header.keys.values())
    for r0, c0, r1, c1 in grid.merged:
        if r1 < start or (r0 == r1 and (r0 in label_rows or _one_label(grid, r0))):
            continue
        inside = set(range(c0, c1 + 1))
        if r0 == r1 and not inside & measures and (c0 in keys or not inside & keys):
            continue
        rng = f"{letter(c0)}{grid.rows[r0]}:{letter(c1)}{grid.rows[min(r1, len(grid.rows) - 1)]}"
        if r0 in grid.hidden_rows:
            continue
        col.at(r0, c0, grid.cells[r0][c0], MERGED.format(rng=rng))


def _one_label(grid: Grid, r: int) -> bool:
    filled = [v for v in grid.cells[r] if not is_blank(v)]
    return len(filled) <= 1 or all(isinstance(v, str) for v in filled)


# --------------------------------------------------------------------------------------------
# Records


def _records(
    grid: Grid,
    header: Header,
    data: list[_Row],
    title: Title,
    col: Collector,
    log: ReadingLog,
    opts: Options,
    style: NumberStyle,
) -> list[tuple[pd.DataFrame, Origin]]:
    keys = header.keys
    file, sheet = grid.file, grid.sheet
    body_arg = _arg_code(opts.body, parse_body, col, "body")
    level_arg = _arg_code(opts.level, parse_level, col, "level")
    body_title = (
        title_body(title)
        if BODY not in keys and all(s.body is None for s in header.series)
        else None
    )
    unit_title = title_unit(title) if UNIT_NAME not in keys and UNIT_ID not in keys else None
    unit_sheet = None
    if UNIT_NAME not in keys and UNIT_ID not in keys and not (opts.unit_name or opts.unit_id):
        unit_sheet = sheet_unit(grid.sheet, opts.units)
        if unit_title is not None:
            copied_title(col, unit_title, opts.units)  # a copied sheet whose title was kept
            unit_sheet = None
        elif unit_sheet is not None:
            # a title naming several units, none the sheet's: the sheet's name is no tie-break
            in_title = [u for u in title_units(title.lines) if u.name != "?"]
            if in_title and not any(same_unit(unit_sheet, u.name, opts.units) for u in in_title):
                last = in_title[-1]
                copied_title(col, (last.name, last.row, last.col), opts.units)
    if body_title and body_arg is None:
        log.notes.append(f"{file}: cơ quan lấy từ tiêu đề (body from the title): {body_title}")
    records: list[dict[str, Any]] = []
    rows_of: list[int] = []
    inferred: dict[str, str] = {}
    need_body = need_unit = False
    term_problem: tuple[str, tuple[int, int] | None] | None = None
    for d in data:
        r = d.r
        row = grid.cells[r]
        name = clean_unit_name(text_cell(row[keys[UNIT_NAME]])) if UNIT_NAME in keys else None
        uid = text_cell(row[keys[UNIT_ID]]) if UNIT_ID in keys else None
        row_level = None
        row_body = None
        label_level = None  # the level a body cell names ("HĐND cấp huyện")
        level_names_body = False  # the level cell names a body only ("Đại biểu Quốc hội")
        if LEVEL in keys:
            raw = text_cell(row[keys[LEVEL]])
            row_level = parse_level(raw) if raw else None
            if raw and row_level is None:
                # "HĐND cấp huyện", "Đại biểu Quốc hội": the row names its body (and level)
                row_body, row_level = _council_label(raw)
                row_body = row_body or parse_body(raw)
                level_names_body = row_body is not None and row_level is None
                if row_body is None and row_level is None:
                    row_level = raw
        if BODY in keys:
            raw = text_cell(row[keys[BODY]])
            row_body = (
                (parse_body(re.sub(r"^[\d.\s\-*]+", "", raw)) or parse_body(raw) or None)
                if raw
                else None
            )
            if raw and row_body is None:
                row_body, label_level = _council_label(raw)
                row_body = row_body or raw
        if name is None and uid is None:
            if opts.unit_name or opts.unit_id:
                name, uid = opts.unit_name, opts.unit_id
            elif unit_title is not None:
                name = unit_title[0]
                said = f"{file}: đơn vị lấy từ tiêu đề (unit from the title): {name}"
                if said not in log.notes:
                    log.notes.append(said)
            elif unit_sheet is not None:
                name = unit_sheet
            elif UNIT_NAME in keys or (LEVEL in keys and row_level is not None):
                name = None
        note = text_cell(row[keys[NOTE]]) if NOTE in keys else None
        source = text_cell(row[keys[SOURCE]]) if SOURCE in keys else None
        row_term = None
        if TERM in keys:
            raw = row[keys[TERM]]
            if not is_blank(raw):
                row_term = term_cell(text_cell(raw) or "")
                if row_term is None:
                    col.at(
                        r, keys[TERM], raw, "nhiệm kỳ dạng 2015-2020 (a term)", header="Nhiệm kỳ"
                    )
                    row_term = "1900-1901"
        extras = {
            " / ".join(u.path): row[u.index]
            for u in header.unknown
            if u.body is None and len(u.path) == 1 and not is_blank(row[u.index])
        }
        for si, s in enumerate(header.series):
            if (
                s.body is None
                and s.group is not None
                and (opts.body is None or other_body(s.group) is not None)
            ):
                continue  # an unknown group, or another body's, reported at its header cell
            cells = dict(s.cols)
            if all(
                (is_blank(row[c]) or is_dash(row[c])) and (r, c) not in grid.no_value
                for c in cells.values()
            ):
                continue  # the unit has no such body (blank, or "-" in every cell: no members)
            values: dict[str, Any] = {}
            for k, c in cells.items():
                v, why = read_count(grid, r, c, style)
                if why is not None:
                    col.at(r, c, v, why, header=s.headers.get(k))
                    v = None
                elif v is None and k in (TOTAL, FEMALE, MALE):
                    col.at(r, c, None, PARTIAL.format(title=s.title), header=s.headers.get(k))
                values[k] = v
            total = values.get(TOTAL)
            female = values.get(FEMALE)
            if TOTAL not in cells and MALE in cells:
                m, f = _whole(values.get(MALE)), _whole(female)
                total = m + f if m is not None and f is not None else None
            elif MALE in cells:
                m, f, t = _whole(values.get(MALE)), _whole(female), _whole(total)
                if m is not None and f is not None and t is not None and m + f != t:
                    col.at(
                        r,
                        cells[TOTAL],
                        total,
                        MEN_WOMEN.format(m=m, f=f, s=m + f),
                        header=s.headers.get(TOTAL),
                    )
            if BODY in keys:
                body = s.body or row_body  # a blank cell of the body column is reported
            else:
                named = row_body if LEVEL in keys else None
                body = s.body or body_arg or d.body or named or body_title
                if body is None:
                    need_body = True
            level = s.level or (row_level if LEVEL in keys else None)
            section_row = None  # the section row whose level the unit takes
            if level is None and LEVEL not in keys:
                level = label_level or d.level
                if label_level is None and d.level is not None:
                    section_row = d.section
            unit_name, unit_id = name, uid
            if unit_name is None and unit_id is None and UNIT_NAME not in keys:
                need_unit = True
            rec: dict[str, Any] = {
                TERM: s.term or row_term,
                UNIT_ID: unit_id,
                UNIT_NAME: unit_name,
                LEVEL: level,
                BODY: body,
                TOTAL: total,
                FEMALE: female,
                "_level_explicit": bool(
                    s.level or (LEVEL in keys and not level_names_body) or label_level
                ),
                "_section_row": section_row,
                "_r": r,
                "_s": si,
            }
            for k, v in extras.items():
                rec.setdefault(k, text_cell(v) if isinstance(v, str) else v)
            for k, v in values.items():
                if k not in (TOTAL, FEMALE, MALE):
                    rec[k] = _whole(v) if v is not None else None
                    if v is not None and (rec[k] is None or rec[k] < 0):
                        # another count (seats, under_40, trained ...) is a count too
                        col.at(r, cells[k], v, WHOLE_COUNT, header=s.headers.get(k))
                    elif k in _SUBGROUPS and rec[k] is not None:
                        whole = _whole(total)
                        if whole is not None and rec[k] > whole:
                            # a criterion counts members: never more than the body (seats may)
                            above = SUBGROUP_ABOVE.format(name=k, total=whole)
                            col.at(r, cells[k], v, above, header=s.headers.get(k))
            seats, elected = _whole(values.get("seats")), _whole(total)
            if seats is not None and elected is not None and 0 <= seats < elected:
                # Mẫu 30/HĐBC: fewer may be elected than the seats, never more
                expected = MORE_THAN_SEATS.format(seats=seats)
                at = cells.get(TOTAL, cells["seats"])  # (men + women when there is no total)
                _mismatch(col, log, opts, r, at, total, expected, s.headers.get(TOTAL))
            if MALE in values:
                rec[MALE] = _whole(values[MALE])
            if note is not None:
                rec[NOTE] = note
            if source is not None:
                rec[SOURCE] = source
            for k, c in s.shares.items():
                num = values.get(k) if k != FEMALE else female
                _check_share(
                    grid, r, c, num, total, s.headers.get(f"share:{k}") or "Tỷ lệ", col, log, opts
                )
            records.append(rec)
            rows_of.append(r)
    if need_body:
        col.at(None, None, None, NEED_BODY, header="body")
        col.blocking = True
    if need_unit:
        col.at(None, None, None, title_unit_problem(title) or NEED_UNIT, header="unit")
        col.blocking = True
    if not records:
        return []
    if unit_sheet is not None and any(r[UNIT_NAME] == unit_sheet for r in records):
        msg = (
            f'Tệp "{file}", trang "{sheet}": đơn vị lấy từ tên trang (the unit is the sheet name): '
            f'"{unit_sheet}". Hint: unit_name=... hoặc ghi tên đơn vị ở tiêu đề để nói rõ.'
        )
        warnings.warn(msg, TableWarning, stacklevel=6)
        log.notes.append(msg)
    frame = pd.DataFrame.from_records(records)
    # level-row forms: one unit, one row per level -> a unit id per level
    if LEVEL in keys and UNIT_NAME not in keys and UNIT_ID not in keys:
        frame = _per_level_units(frame, opts)
    # terms
    if frame[TERM].isna().any():
        for body in frame.loc[frame[TERM].isna(), BODY].dropna().unique():
            term, why, cell = _resolve_term(grid, title, opts, str(body), col)
            if term is None:
                term_problem = (why or NEED_TERM.format(extra=""), cell)
                continue
            frame.loc[frame[TERM].isna() & (frame[BODY] == body), TERM] = term
        if frame[TERM].isna().any() and term_problem is None:
            term, why, cell = _resolve_term(grid, title, opts, None, col)
            if term is not None:
                frame.loc[frame[TERM].isna(), TERM] = term
            else:
                term_problem = (why or NEED_TERM.format(extra=""), cell)
    if term_problem is not None:
        why, cell = term_problem
        value = term_value(grid, cell, opts)
        col.at(cell[0] if cell else None, cell[1] if cell else None, value, why, header="term")
        col.blocking = True
        frame[TERM] = frame[TERM].fillna("1900-1901")
    # units and levels
    frame = _resolve_units(
        grid,
        frame,
        col,
        log,
        opts,
        level_arg,
        inferred,
        keys.get(UNIT_NAME, keys.get(UNIT_ID)),
        UNIT_NAME in keys,
    )
    frame = _split_levels(frame, opts)
    if inferred:
        examples = ", ".join(f"{n} → {lv}" for n, lv in list(inferred.items())[:3])
        warnings.warn(
            f'Tệp "{file}": ' + INFERRED_LEVEL_TEMPLATE.format(n=len(inferred), examples=examples),
            InferredLevelWarning,
            stacklevel=6,
        )
        log.notes.append(f"{file}: cấp suy ra từ tên (levels inferred from names): {examples}")
    frame = frame.drop(columns=["_level_explicit", "_section_row"])
    for name in [
        c for c in frame.columns if c not in _CANONICAL and c not in (NOTE, SOURCE, "_r", "_s")
    ]:
        frame[name] = _extra_column(frame[name])
    for name in (NOTE, SOURCE):
        if name in frame.columns:
            frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    out = []
    for key, part in frame.groupby("_s", sort=True):
        s = header.series[int(str(key))]
        part = part.reset_index(drop=True)
        total_col = s.cols.get(TOTAL, s.cols.get(MALE))
        columns: dict[str, tuple[str | None, str | None]] = {
            TOTAL: (
                letter(total_col) if total_col is not None else None,
                s.headers.get(TOTAL) or s.headers.get(MALE),
            ),
            FEMALE: (letter(s.cols[FEMALE]), s.headers.get(FEMALE)),
        }
        for k, h in ((UNIT_NAME, "Đơn vị"), (LEVEL, "Cấp"), (BODY, "Cơ quan"), (TERM, "Nhiệm kỳ")):
            if k in keys:
                columns[k] = (letter(keys[k]), text_of(grid.cells[header.top][keys[k]]) or h)
        columns[UNIT_ID] = (
            (letter(keys[UNIT_ID]), "Mã đơn vị")
            if UNIT_ID in keys
            else columns.get(UNIT_NAME, (None, None))
        )
        origin = Origin(
            file=file,
            sheet=sheet,
            rows={i: grid.rows[int(r)] for i, r in enumerate(part["_r"])},
            columns=columns,
        )
        out.append((part.drop(columns=["_r", "_s"]), origin))
    return out


_CANONICAL = (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY, TOTAL, FEMALE)


#: Expected text of an elected count above the seats (``Số đại biểu được bầu``).
MORE_THAN_SEATS = (
    "số trúng cử không vượt số đại biểu được bầu {seats} (elected ≤ the seats to fill)"
)
_COUNCIL_LABEL = re.compile(
    r"^(?:dai bieu\s+)?(hdnd|hoi dong nhan dan|ubnd|uy ban nhan dan)\s+(?:cac\s+)?(?:cap\s+)?"
    r"(tinh|huyen|xa)$"
)


def _council_label(text: str) -> tuple[str | None, str | None]:
    """Return (body, level) of a row label naming a council and its level, or (None, None).

    Examples
    --------
    >>> _council_label("HĐND tỉnh"), _council_label("Đại biểu HĐND cấp xã")
    (('peoples_council', 'province'), ('peoples_council', 'commune'))
    >>> _council_label("UBND cấp huyện"), _council_label("Nga Sơn")
    (('peoples_committee', 'district'), (None, None))
    """
    m = _COUNCIL_LABEL.match(loose_key(text))
    if not m:
        return None, None
    body = "peoples_council" if m.group(1) in ("hdnd", "hoi dong nhan dan") else "peoples_committee"
    return body, parse_level(m.group(2))


def _extra_column(values: pd.Series) -> pd.Series:
    """Return an extra column: whole numbers as Int64 (``under_40``), anything else as text."""
    items = values.tolist()
    numbers = [_whole(v) if not is_blank(v) else None for v in items]
    fits = all(n is None or -(2**63) <= n < 2**63 for n in numbers)
    if fits and all(n is not None or is_blank(v) for n, v in zip(numbers, items, strict=True)):
        return pd.Series(numbers, dtype="Int64", index=values.index)
    return pd.Series(
        [None if is_blank(v) else text_cell(v) for v in items], dtype=object, index=values.index
    )


def _arg_code(value: str | None, parse: Any, col: Collector, what: str) -> str | None:
    if value is None:
        return None
    code = parse(value)
    if code is None:
        col.at(None, None, value, f"{what}= là một mã hợp lệ (a valid {what} code)", header=what)
        col.blocking = True
    return code


def term_value(grid: Grid, cell: tuple[int, int] | None, opts: Options) -> Any:
    """Return the value a term problem quotes: the title cell it is at, else ``term=`` as given."""
    return grid.cells[cell[0]][cell[1]] if cell else opts.term


def _resolve_term(
    grid: Grid, title: Title, opts: Options, body: str | None, col: Collector
) -> tuple[str | None, str | None, tuple[int, int] | None]:
    found, why, cell = title.term_for(body)
    if opts.term is not None:
        try:
            given = normalise_term(opts.term)
        except TermError:
            return None, "term= dạng 2015-2020 (a term label)", None
        if found is not None and found != given:
            return None, TERM_CONFLICT.format(given=given), cell
        return given, None, None
    if found is not None:
        return found, None, cell
    if why and not why.startswith(";"):
        return None, why, None
    if grid.sheet:
        try:
            return normalise_term(grid.sheet.strip()), None, None
        except TermError:
            pass
        inner = title_from_sheet(grid.sheet)
        if inner:
            return inner, None, None
    return None, NEED_TERM.format(extra=why or ""), None


SHEET_TITLE_UNITS = (
    'một đơn vị: tiêu đề ghi "{title}" nhưng trang tên "{sheet}" (one unit: the title names '
    "another unit than the sheet name, as in a sheet copied from another unit's; correct one of "
    "them, or pass {arg}=)"
)
_DEFAULT_SHEET = re.compile(
    r"^(sheet|trang tinh|bieu|mau|bang|bc|bao cao|data|du lieu|so lieu|nhap lieu|tong hop|th|"
    r"tong cong|summary|hd|huong dan|ghi chu|danh muc|dm|danh sach|ds|trich ngang|phu luc|"
    r"ket qua|thong ke|nu|can bo|nhan su|lanh dao|chu chot|dai hoi|dang uy|dang bo|nhiem ky|"
    r"khoa|khoi|chinh thuc|du kien|ban in|copy|final)\b"
)


def sheet_unit(name: str | None, units: UnitIndex | None) -> str | None:
    """Return the unit a sheet's name gives (one sheet per district), or ``None``.

    A name is a unit when the units table knows it, when it says its kind (``Huyện Nga Sơn``,
    ``TP Thanh Hóa``), or when it is a proper name: no digits, every word capitalised, not a
    body, level, term or one of the usual sheet names (``Sheet1``, ``Biểu 2``, ``Tổng hợp``).

    Examples
    --------
    >>> [sheet_unit(n, None) for n in ("Nga Sơn", "Huyện Hà Trung", "Sheet1", "Biểu 1", "BCH")]
    ['Nga Sơn', 'Huyện Hà Trung', None, None, None]
    >>> sheet_unit("Tổng hợp", None), sheet_unit("Số liệu", None), sheet_unit("2020-2025", None)
    (None, None, None)
    """
    if not name or not name.strip():
        return None
    text = nfc(name)
    if units is not None and units.find(text) is not None:
        return text
    key = loose_key(text)
    if not key or _DEFAULT_SHEET.match(key) or any(ch.isdigit() for ch in text):
        return None
    if parse_body(text) is not None or parse_level(text) in LEVELS:
        return None
    if infer_level(text) is not None:
        return text
    words = text.split()
    if 1 <= len(words) <= 4 and all(w[0].isupper() and not w.isupper() for w in words):
        return text
    return None


#: A tab's leading number ("1. Nga Sơn", "02-Hà Trung"): not part of the unit's name.
_TAB_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.)\-_]\s*(?=\D)")
#: The kinds a unit's name may start with, as name keys (tones placed either way).
_KIND_KEYS = frozenset(
    name_key(k)
    for k in ("Huyện", "Tỉnh", "Xã", "Phường", "Quận", "Thị xã", "Thành phố", "Thị trấn")
)


def tab_unit(name: str | None, units: UnitIndex | None) -> str | None:
    """Return the unit a sheet's name gives, to compare with the title's, or ``None``.

    As :func:`sheet_unit`, also for a name typed in capitals or in lower case, or numbered;
    a single word that is not a known unit (``Nữ``, ``Mới``) is no unit.

    Examples
    --------
    >>> [tab_unit(n, None) for n in ("HOẰNG HÓA", "1. Nga Sơn", "nga son", "Nữ", "BCH", "DS")]
    ['Hoằng Hóa', 'Nga Sơn', 'Nga Son', None, None, None]
    """
    if not name:
        return None
    text = _TAB_NUMBER.sub("", nfc(name))
    if text.isupper() or text.islower():
        text = text.title()
    found = sheet_unit(text, units)
    if found is None or len(found.split()) > 1 or infer_level(found) is not None:
        return found
    return found if units is not None and units.find(found) is not None else None


_KIND_LOOSE = frozenset(loose_key(k) for k in _KIND_KEYS)


def _kind_split(name: str) -> list[tuple[str | None, str]]:
    """Return the (kind, rest) readings of a name: as written, and with its kind word(s) apart."""
    words = nfc(expand_abbreviation(name)).split()
    out: list[tuple[str | None, str]] = [(None, " ".join(words))]
    for n in (2, 1):
        head = " ".join(words[:n])
        if len(words) > n and (
            name_key(head) in _KIND_KEYS or (head.isascii() and loose_key(head) in _KIND_LOOSE)
        ):
            out.append((loose_key(head), " ".join(words[n:])))
    return out


def same_unit(a: str, b: str, units: UnitIndex | None = None) -> bool:
    """Return True when two names are one unit written two ways (a sheet's name, a title's).

    As the readers match names (:meth:`UnitIndex.find`, the collection's unit cell): the case and
    where the tone mark sits aside (``Hòa``/``Hoà``), with or without its kind (``Nga Sơn``,
    ``H. Nga Sơn``, ``Huyện Nga Sơn``), without diacritics only when typed in plain ASCII; a
    units table decides by its ids (aliases too).

    Examples
    --------
    >>> same_unit("H. Nga Sơn", "Huyện Nga Sơn"), same_unit("TP Thanh Hoá", "Thành phố Thanh Hóa")
    (True, True)
    >>> same_unit("Hoang Hoa", "Huyện Hoằng Hóa"), same_unit("Hà Trung", "Huyện Hạ Trung")
    (True, False)
    >>> same_unit("Xã Nga Sơn", "Huyện Nga Sơn"), same_unit("Tinh Gia", "Huyện Tĩnh Gia")
    (False, True)
    """
    if units is not None:
        found_a, found_b = units.find(a), units.find(b)
        if found_a is not None and found_b is not None:
            return found_a[0] == found_b[0]
    plain = a.isascii() or b.isascii()
    for kind_a, rest_a in _kind_split(a):
        for kind_b, rest_b in _kind_split(b):
            if kind_a is not None and kind_b is not None and kind_a != kind_b:
                continue
            if name_key(rest_a) == name_key(rest_b) or (
                plain and loose_key(rest_a) == loose_key(rest_b)
            ):
                return True
    return False


def copied_title(
    col: Collector,
    title: tuple[str, int, int],
    units: UnitIndex | None,
    arg: str = "unit_name",
) -> bool:
    """Report a title naming another unit than the sheet's name; return True when reported.

    A sheet copied from another unit's, its name changed and its title not: which unit the
    figures are is not guessed.  ``title`` is the unit the title names and its cell; ``arg``
    the reader's argument that names the unit.
    """
    grid = col.grid
    tab = tab_unit(grid.sheet, units)
    name, r, c = title
    if tab is None or same_unit(tab, name, units):
        return False
    said = SHEET_TITLE_UNITS.format(sheet=grid.sheet, title=name, arg=arg)
    col.at(r, c, text_of(grid.cells[r][c]), said, header="(tiêu đề / title)")
    col.blocking = True
    return True


def term_cell(text: str) -> str | None:
    """Return the term a cell of a ``Nhiệm kỳ`` column gives, or ``None``.

    Examples
    --------
    >>> term_cell("2015 – 2020"), term_cell("NK 2015-2020"), term_cell("Nhiệm kỳ 2015-20")
    ('2015-2020', '2015-2020', '2015-2020')
    >>> term_cell("2015-2020 và 2020-2025") is None, term_cell("khóa XV") is None
    (True, True)
    """
    try:
        return normalise_term(text)
    except TermError:
        pass
    found = list(_YEARS.finditer(text))
    rest = loose_key(_YEARS.sub(" ", text))
    if len(found) != 1 or rest not in ("nk", "nhiem ky", "nhiem ki", "term"):
        return None
    return title_from_sheet(text)


def title_from_sheet(name: str) -> str | None:
    """Return a term written inside a sheet name (``NK 2015-2020``), or ``None``."""
    m = _YEARS.search(name)
    if not m:
        return None
    try:
        return normalise_term(f"{m.group(1)}-{m.group(2)}")
    except TermError:
        return None


def _per_level_units(frame: pd.DataFrame, opts: Options) -> pd.DataFrame:
    frame = frame.copy()
    base_name = frame[UNIT_NAME].fillna(opts.unit_name or "")
    base_id = frame[UNIT_ID].where(
        frame[UNIT_ID].notna(), base_name.map(lambda n: derive_unit_id(n) if n else None)
    )
    own = base_name.map(lambda n: infer_level(n) if n else None)
    names, ids = [], []
    for n, i, lv, o in zip(base_name, base_id, frame[LEVEL], own, strict=True):
        if not n and not i:
            names.append(LEVELS[lv].vi if lv in LEVELS else str(lv))
            ids.append(str(lv))
        elif lv == o or lv is None or lv != lv:  # no level: the unit's own (NaN from the frame)
            names.append(n)
            ids.append(i)
        else:
            label = LEVELS[lv].vi if lv in LEVELS else str(lv)
            names.append(f"{n} ({label.lower()})")
            ids.append(f"{i}/{lv}")
    frame[UNIT_NAME] = names
    frame[UNIT_ID] = ids
    frame["_units_fixed"] = True
    return frame


def _split_levels(frame: pd.DataFrame, opts: Options) -> pd.DataFrame:
    """Give a unit id per level to rows of one unit at several levels (groups or rows per level).

    ``Tỉnh Thanh Hóa`` with ``Cấp tỉnh | Cấp huyện | Cấp xã`` groups is three bodies: the province's
    own council keeps the unit's id; the pooled district and commune councils of the province get
    ``<id>/district`` and ``<id>/commune``.
    """
    key = [TERM, UNIT_ID, BODY]
    several = frame.groupby(key, dropna=False)[LEVEL].transform("nunique") > 1
    if not several.any():
        return frame
    frame = frame.copy()
    for i in frame.index[several.to_numpy()]:
        name, uid, level = (str(frame.at[i, k]) for k in (UNIT_NAME, UNIT_ID, LEVEL))
        own = None
        if opts.units is not None and str(uid) in opts.units.ids:
            own = opts.units.ids[str(uid)][1]
        else:
            own = infer_level(name)
        if level == own:
            continue
        label = LEVELS[level].vi.lower() if level in LEVELS else str(level)
        frame.at[i, UNIT_ID] = f"{uid}/{level}"
        frame.at[i, UNIT_NAME] = f"{name} ({label})"
    return frame


def _resolve_units(
    grid: Grid,
    frame: pd.DataFrame,
    col: Collector,
    log: ReadingLog,
    opts: Options,
    level_arg: str | None,
    inferred: dict[str, str],
    name_col: int | None = None,
    has_name_col: bool = False,
) -> pd.DataFrame:
    units = opts.units
    fixed = "_units_fixed" in frame.columns
    frame = frame.drop(columns=["_units_fixed"], errors="ignore")
    ids, names, levels = [], [], []
    reported: set[int] = set()  # one problem per row, not one per body of the row
    records = frame[["_r", UNIT_NAME, UNIT_ID, LEVEL, "_level_explicit", "_section_row"]]
    for rec in records.to_dict("records"):
        r = int(rec["_r"])
        name = rec[UNIT_NAME]
        uid = rec[UNIT_ID]
        level = rec[LEVEL]
        explicit = bool(rec["_level_explicit"])
        name = None if name is None or (isinstance(name, float) and name != name) else str(name)
        uid = None if uid is None or (isinstance(uid, float) and uid != uid) else str(uid)
        level = (
            None if level is None or (isinstance(level, float) and level != level) else str(level)
        )
        if units is not None and not fixed:
            hit = None
            if uid is not None and uid in units.ids:
                known_name, known_level = units.ids[uid]
                hit = (uid, name or known_name, known_level)
            elif name is not None:
                found = units.find(name)
                if found is not None:
                    hit = (found[0], name, found[2])
                elif uid is None:
                    if r not in reported:
                        shared = units.sharing(name)
                        expected = (
                            SHARED_UNIT_NAME.format(ids=", ".join(shared), name=name)
                            if shared
                            else UNKNOWN_UNIT
                        )
                        col.at(r, name_col, name, expected, header="Đơn vị")
                        reported.add(r)
                    ids.append(derive_unit_id(name))
                    names.append(name)
                    levels.append(level or "missing")
                    continue
            if hit is not None:
                ids.append(hit[0])
                names.append(hit[1])
                levels.append(level if explicit and level else hit[2])
                continue
        if uid is None and name is not None:
            uid = derive_unit_id(name)
        if name is None and uid is not None and not has_name_col:
            name = uid
        if r not in reported and _section_contradicts(grid, rec["_section_row"], name, level):
            section = int(rec["_section_row"])
            words = " ".join(text_of(v) for v in grid.cells[section] if not is_blank(v))
            own = infer_level(name)
            expected = SECTION_LEVEL.format(
                name=name,
                own=own,
                section=words[:60],
                row=grid.rows[section],
                level=level,
                own_vi=level_label(own or ""),
                level_vi=level_label(level or ""),
            )
            col.at(r, name_col, name, expected, header="Đơn vị")
            reported.add(r)
        if level is None and not explicit:
            level = level_arg
        if level is None and name is not None and not explicit:
            level = infer_level(name)
            if level is not None:
                inferred.setdefault(name, level)
        if level is None and name is not None and not explicit:
            if r not in reported:
                col.at(r, None, name, NEED_LEVEL, header="level")
                reported.add(r)
            level = "missing"
        ids.append(uid)
        names.append(name)
        levels.append(level)
    frame = frame.copy()
    frame[UNIT_ID] = pd.Series(ids, dtype=object, index=frame.index)
    frame[UNIT_NAME] = pd.Series(names, dtype=object, index=frame.index)
    frame[LEVEL] = pd.Series(levels, dtype=object, index=frame.index)
    return frame


def _section_contradicts(grid: Grid, section: Any, name: str | None, level: str | None) -> bool:
    """Whether a unit's own name says another level than the section row it takes its level from.

    ``Xã Trung Sơn`` under ``I. Khối huyện``: the name says commune, the section district; which
    one is right is the user's to say (a level column or a units table), never the reader's guess.
    """
    if section is None or (isinstance(section, float) and section != section) or name is None:
        return False
    own = infer_level(name)
    return own is not None and level is not None and own != level


# --------------------------------------------------------------------------------------------
# Checks: shares, totals, subtotals


def _mismatch(
    col: Collector,
    log: ReadingLog,
    opts: Options,
    r: int,
    c: int,
    value: Any,
    expected: str,
    header: str | None,
) -> None:
    grid = col.grid
    if opts.on_mismatch == "raise":
        col.at(r, c, value, expected, header=header)
        return
    p = Problem(expected, value, grid.file, grid.sheet, grid.rows[r], letter(c), header)
    msg = f"{p} (số liệu vẫn được dùng / the counts are kept; on_mismatch='raise' để dừng)"
    warnings.warn(msg, MismatchWarning, stacklevel=7)
    log.notes.append(msg)


def _check_share(
    grid: Grid,
    r: int,
    c: int,
    female: Any,
    total: Any,
    header: str,
    col: Collector,
    log: ReadingLog,
    opts: Options,
) -> None:
    value = grid.cells[r][c]
    if is_blank(value) or (r, c) in grid.no_value:
        return
    f, t = _whole(female), _whole(total)
    parsed = reported_percent(value, grid.fmt(r, c))
    if parsed is None:
        if isinstance(value, str) and value.strip() in ("-", "–", "x", "X", "…", "..."):
            return
        col.at(r, c, value, "tỷ lệ phần trăm dạng 12,5 hoặc 12.5 (a percentage)", header=header)
        return
    if f is None or t is None or f < 0 or t < 0 or f > t:
        return
    if percent_ok(parsed, f, t):
        return
    # a share stored as a fraction (0.156) in a cell whose format the file does not record
    number, digits = parsed
    if (
        grid.fmt(r, c) == "General"
        and 0 <= number <= 1
        and percent_ok((number * 100, max(digits - 2, 0)), f, t)
    ):
        return
    _mismatch(col, log, opts, r, c, value, expected_percent(f, t), header)


def _check_sums(
    grid: Grid,
    header: Header,
    data: list[_Row],
    sums: list[tuple[int, str, int | None]],
    section_rows: dict[int, list[int]],
    col: Collector,
    log: ReadingLog,
    opts: Options,
    style: NumberStyle,
    hidden_data: Sequence[_Row] = (),
    hidden_in: dict[int, list[int]] | None = None,
) -> None:
    all_data = [d.r for d in data]
    all_hidden = [d.r for d in hidden_data]
    body_of = _row_bodies(grid, header, [*all_data, *all_hidden])
    several = len(set(body_of.values())) > 1
    boundaries = sorted({t for t, _, _ in sums} | set(section_rows))
    for t, kind, section in sums:
        scope, told = (
            _sum_scope(grid, header, t, all_data, boundaries, body_of) if several else (None, False)
        )

        def keep(rows: Sequence[int], scope: str | None = scope) -> list[int]:
            return list(rows) if scope is None else [r for r in rows if body_of.get(r) == scope]

        data_rows, hidden_rows = keep(all_data), keep(all_hidden)
        in_scope = {k: keep(v) for k, v in section_rows.items()}
        hidden_of = {k: keep(v) for k, v in (hidden_in or {}).items()}
        above = [r for r in data_rows if r < t]
        every = above or [r for r in data_rows if r > t]
        if kind == "sum" and section is not None:
            # a plain "Cộng": the section's subtotal, or the grand total; the figures decide
            in_section = in_scope.get(section, []) + hidden_of.get(section, [])
            later_section = any(s > t for s in section_rows)
            if (
                _sums_match(grid, header, every, t, style)
                and not _sums_match(grid, header, in_section, t, style)
            ) or (not later_section and not _sums_match(grid, header, in_section, t, style)):
                kind = "total"
            else:
                kind = "subtotal"
        of_section = kind in ("subtotal", "section") and section is not None
        if of_section and section is not None:
            rows = in_scope.get(section, [])
            extra = hidden_of.get(section, [])
            what = WHAT_SECTION
        else:
            rows = every
            extra = [r for r in hidden_rows if (r < t) == bool(above)]
            what = WHAT_TOTAL
        if scope is not None and told and not rows:
            _ambiguous_total(grid, t, NO_BODY_ROWS.format(body=body_label(scope)), log)
            continue
        if scope is not None:
            of_body = WHAT_SECTION_BODY if of_section else WHAT_TOTAL_BODY
            what = of_body.format(vi=body_label(scope), en=body_label(scope, "en"))
        if several and not told:
            # the row does not say which rows it sums: the figures may tell (every row above,
            # or one body's), and a "Cộng" right after one body's rows is that body's
            unscoped = [
                r
                for r in (
                    section_rows.get(section, [])
                    if section is not None and of_section
                    else all_data
                )
                if of_section or (r < t) == any(r < t for r in all_data)
            ]
            bodies = sorted({body_of[r] for r in unscoped if r in body_of})
            candidates = [
                rows,
                unscoped,
                *([r for r in unscoped if body_of.get(r) == b] for b in bodies),
            ]
            found = next(
                (c for c in candidates if c and _sums_match(grid, header, c, t, style)), None
            )
            if found is not None:
                rows = found
            elif scope is None or not rows:
                names = ", ".join(body_label(b) for b in bodies)
                _ambiguous_total(grid, t, AMBIGUOUS_TOTAL.format(bodies=names), log)
                continue
        visible = [r for r in rows if r not in grid.hidden_rows]
        if len(visible) < len(rows) and _sums_match(grid, header, visible, t, style):
            continue  # read with include_hidden: the total leaves the hidden rows out (SUBTOTAL)
        if extra and _sums_match(grid, header, sorted([*rows, *extra]), t, style):
            log.notes.append(
                f"{grid.file} dòng {grid.rows[t]}: tổng gồm cả dòng ẩn (the total includes hidden rows)"
            )
            continue
        for s in header.series:
            present = [
                r for r in rows if any(not is_blank(grid.cells[r][c]) for c in s.cols.values())
            ]
            sums_of: dict[str, int] = {}
            for k, c in s.cols.items():
                values = [_whole(read_count(grid, r, c, style)[0]) for r in present]
                if any(v is None for v in values):
                    continue
                expect = sum(v for v in values if v is not None)
                sums_of[k] = expect
                if (t, c) in grid.no_value:
                    log.notes.append(
                        f"{grid.file} ô {letter(c)}{grid.rows[t]}: {NOT_CHECKED_FORMULA}"
                    )
                    continue
                reported, why = read_count(grid, t, c, style)
                if is_blank(reported):
                    continue
                if why is not None:
                    col.at(t, c, reported, why, header=s.headers.get(k))
                elif _whole(reported) != expect:
                    _mismatch(
                        col,
                        log,
                        opts,
                        t,
                        c,
                        reported,
                        SUM_MISMATCH.format(expect=expect, what=what),
                        s.headers.get(k),
                    )
            total = sums_of.get(TOTAL)
            if total is None and MALE in sums_of and FEMALE in sums_of:
                total = sums_of[MALE] + sums_of[FEMALE]
            for k, c in s.shares.items():
                num = sums_of.get(k)
                if num is not None and total is not None:
                    _check_share(
                        grid,
                        t,
                        c,
                        num,
                        total,
                        s.headers.get(f"share:{k}") or "Tỷ lệ",
                        col,
                        log,
                        opts,
                    )


#: Why a total row is not checked: the table has several bodies and the row names none.
AMBIGUOUS_TOTAL = (
    "không rõ dòng tổng cộng những dòng nào: bảng có nhiều cơ quan ({bodies}), dòng này không ghi "
    "cơ quan và số liệu không bằng tổng của tất cả các dòng hay của một cơ quan (which rows this "
    "total sums cannot be told: the table has several bodies, the row names none, and its "
    "figures equal neither the sum of all rows nor one body's). Hint: ghi cơ quan vào cột Cơ "
    'quan của dòng tổng, hoặc viết "Cộng BCH" (write the body in the total row\'s body cell)'
)
#: Why a total row naming a body is not checked: no row of that body comes before it.
NO_BODY_ROWS = (
    "dòng tổng ghi cơ quan {body} nhưng không có dòng đơn vị nào của cơ quan đó (the total names "
    "a body no unit row has)"
)
#: What the warning says after the file, sheet and row.
NOT_CHECKED_TOTAL = ": {why}; không đối chiếu (not checked)."
#: The detail of such a row in the reading log.
AMBIGUOUS_TOTAL_DETAIL = (
    "không rõ cộng những dòng nào, không đối chiếu (scope unknown: not checked)"
)


def _body_code(raw: str) -> str:
    """Return the body code a body cell names, or its text when it names none."""
    return (
        parse_body(re.sub(r"^[\d.\s\-*]+", "", raw))
        or parse_body(raw)
        or _council_label(raw)[0]
        or loose_key(raw)
    )


def _row_bodies(grid: Grid, header: Header, rows: Sequence[int]) -> dict[int, str]:
    """Return the body of each row from the table's body column (none without one)."""
    c = header.keys.get(BODY)
    if c is None:
        return {}
    out = {}
    for r in rows:
        raw = text_cell(grid.cells[r][c])
        if raw:
            out[r] = _body_code(raw)
    return out


def _sum_scope(
    grid: Grid,
    header: Header,
    t: int,
    data_rows: Sequence[int],
    boundaries: Sequence[int],
    body_of: dict[int, str],
) -> tuple[str | None, bool]:
    """Return the body whose rows total row ``t`` sums, and whether the row says it.

    The row says it in its body cell or its label ("Cộng BCH"); else a total row right after the
    rows of one body (since the last total or section row) is that body's, by its place only.
    """
    raw = text_cell(grid.cells[t][header.keys[BODY]]) if BODY in header.keys else None
    if raw:
        return _body_code(raw), True
    for k in (UNIT_NAME, UNIT_ID, LEVEL, ROW_NUMBER):
        if k in header.keys:
            named = sum_body(grid.cells[t][header.keys[k]])
            if named is not None:
                return named, True
    start = max((b for b in boundaries if b < t), default=-1)
    block = {body_of.get(r) for r in data_rows if start < r < t}
    if len(block) == 1 and None not in block:
        return block.pop(), False
    return None, False


def _ambiguous_total(grid: Grid, t: int, why: str, log: ReadingLog) -> None:
    """Warn that total row ``t`` is not checked, and why; say so in the reading log."""
    msg = (
        f'Tệp "{grid.file}"'
        + (f', trang "{grid.sheet}"' if grid.sheet else "")
        + f', dòng {grid.rows[t]} ("{_first_text(grid.cells[t])}")'
        + NOT_CHECKED_TOTAL.format(why=why)
    )
    warnings.warn(msg, TableWarning, stacklevel=7)
    log.notes.append(msg)
    log.set_detail(grid.file, grid.sheet, grid.rows[t], AMBIGUOUS_TOTAL_DETAIL)


def _sums_match(grid: Grid, header: Header, rows: list[int], t: int, style: NumberStyle) -> bool:
    """Return True when every filled count cell of row ``t`` equals the sum of ``rows``."""
    checked = False
    for s in header.series:
        for c in s.cols.values():
            reported = _whole(read_count(grid, t, c, style)[0])
            if reported is None:
                continue
            values = [_whole(read_count(grid, r, c, style)[0]) for r in rows]
            if any(v is None for v in values if v is not None) or reported != sum(
                v or 0 for v in values
            ):
                return False
            checked = True
    return checked


def locate(grid: Grid) -> Header | None:
    """Return the header of a counts table in ``grid``, or ``None``."""
    return find_header(grid)
