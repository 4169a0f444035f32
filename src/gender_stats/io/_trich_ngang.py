"""The personnel list, *danh sách trích ngang* (private).

Two layouts, each with a two-row header::

    DANH SÁCH TRÍCH NGANG BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN QUAN HÓA, NHIỆM KỲ 2015 - 2020
    STT | Họ và tên        | Năm sinh    | Dân tộc | Chức vụ          <- header row 1
        |                  | Nam  | Nữ   |         |                  <- header row 2
    1   | Nguyễn Văn An    | 1968 |      | Kinh    | Bí thư
    2   | Hà Thị Bình      |      | 1975 | Thái    | Phó Bí thư

    STT | Họ và tên        | Giới tính   | Ngày, tháng, năm sinh | Chức vụ
        |                  | Nam  | Nữ   |                       |
    1   | Nguyễn Văn An    | x    |      | 03/04/1968            | Bí thư
    2   | Hà Thị Bình      |      | ✓    | 1975                  | Phó Bí thư

In the first, the birth year or date (``Năm sinh``, ``Ngày sinh``, ``Ngày, tháng, năm sinh``) sits
under the column of the person's sex, so that column gives ``sex``.  In the second, ``Giới tính`` is
merged over ``Nam | Nữ`` and one of them is marked (``x``, ``X``, ``✓``, ``1``); the birth year or
date, if any, has a column of its own.  A row with both or neither marked (or a year under both or
neither sex) is a problem at its cell.  A full date of birth (a real Excel date or text
``dd/mm/yyyy``, see :mod:`gender_stats.io._birth`) gives ``birth_year`` and is kept as
``birth_date``.  Optional columns: ``Đơn vị``, ``Cơ quan``/``Ban`` (body), ``Nhiệm kỳ``, a person
id.  A row ``I. Ban Thường vụ`` sets the body of the rows below it.  Without a units table or a level,
the level of each unit is inferred from its name (:func:`gender_stats.io._levels.infer_level`).

Rows between the people, each accounted for in the reading log:

- section rows name a body (``I. BAN THƯỜNG VỤ``, ``Ban chấp hành``, ``B. Ủy viên BCH``), a level
  (``Khối huyện``) or a unit (``XÃ NGA AN``) for the rows below; a count they state (``(15 đồng
  chí, nữ 03)``) is checked;
- total rows (``Cộng | 12 | 3``, ``Tổng số: 45 đồng chí``) are checked against the list or the
  section above them;
- a second table below (a title line, the header again) is read with the body its title names;
- notes are passed over, and the list ends at the signature block.

Where the file does not say it in a column, the term, the body and the unit come from the title
(``… ĐẢNG BỘ HUYỆN NGA SƠN, NHIỆM KỲ 2020-2025``; a congress's ``KHÓA XV`` is no term) or, for the
body, the sheet's name (``BTV``).  A standing-committee member missing from the committee of the
same list, a ``Giới tính`` column that contradicts the ``Nam | Nữ`` pair, and a formula saved
without its value are problems, never guesses.

Speed: a list has thousands of rows but few distinct texts (units, bodies, ethnic groups), so each
distinct text is normalised, decoded and looked up once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
import unicodedata
import warnings
from collections.abc import Callable
from typing import Any

import pandas as pd

from gender_stats._text import loose_key, name_key, nfc, strip_diacritics
from gender_stats.io._birth import parse_birth
from gender_stats.io._common import (
    FORMULA_NO_VALUE,
    NOT_BLANK_ROW,
    Collector,
    UnitIndex,
    check_merged,
    derive_unit_id,
    header_column,
    letter,
    recode_grid,
    roman_section,
    text_cell,
)
from gender_stats.io._excel import Grid, is_blank
from gender_stats.io._levels import infer_level
from gender_stats.io._rows import (
    REPORTED,
    STRUCTURAL,
    USED,
    ReadingLog,
    RowClass,
    is_note,
    is_signature,
    sum_kind,
)
from gender_stats.io._tabular import Table, is_footer, resolve_term, resolve_units
from gender_stats.io._wide import _is_column_numbers, filled, section_level
from gender_stats.schema import (
    BIRTH_DATE,
    BIRTH_YEAR,
    BODY,
    ETHNICITY,
    FULL_NAME,
    LEVEL,
    PERSON_ID,
    POST,
    SEX,
    TERM,
    UNIT_ID,
    UNIT_NAME,
    Origin,
)
from gender_stats.vocab import (
    BODIES,
    other_body,
    parse_body,
    parse_level,
    parse_sex,
    parse_term,
)

YEAR_BOTH = "năm sinh chỉ ở một cột, Nam hoặc Nữ (a birth year under exactly one sex, found two)"
YEAR_NONE = "năm sinh ở cột Nam hoặc cột Nữ (a birth year under Nam or Nữ, found none)"
MARK_BOTH = "đánh dấu chỉ một cột, Nam hoặc Nữ (a mark under exactly one sex, found two)"
MARK_NONE = "đánh dấu x ở cột Nam hoặc cột Nữ (a mark x under Nam or Nữ, found none)"
NOT_MARK = "dấu x, X, ✓ hoặc 1 (a mark: x, X, ✓ or 1)"
NEED_BODY = (
    "cột Cơ quan/Ban, dòng khối (I. Ban Thường vụ) hoặc tham số body= "
    "(the body: no column, section or argument names it)"
)
NEED_UNIT = "cột Đơn vị hoặc tham số unit= (the unit: no column or argument names it)"
#: Stands in for a level that could not be inferred (the unit is reported already).
NO_LEVEL = "missing"

#: Marks that tick a ``Nam`` or ``Nữ`` column (compared after trimming and lower-casing).
MARKS = frozenset({"x", "✓", "✔", "✗", "✘", "☑", "☒", "1", "v", "+"})


def is_mark(value: Any) -> bool | None:
    """Return True for a tick mark, False for a blank cell, None for anything else.

    Examples
    --------
    >>> [is_mark(v) for v in ("x", " X ", "✓", 1, 1.0, None, "", "Nữ", 2)]
    [True, True, True, True, True, False, False, None, None]
    """
    if is_blank(value):
        return False
    if isinstance(value, bool):
        return value or None
    if isinstance(value, int | float):
        return True if value == 1 else None
    if isinstance(value, str):
        return True if value.strip().lower() in MARKS else None
    return None


def sex_mark(value: Any, sex: str) -> bool | None:
    """Return :func:`is_mark` of a cell of the ``sex`` column; its own word (``Nữ`` under Nữ) marks it.

    The other sex's word (``Nam`` under Nữ) is no mark: the row contradicts itself.

    Examples
    --------
    >>> sex_mark("Nữ", "F"), sex_mark("nam", "M"), sex_mark("Nam", "F"), sex_mark("x", "F")
    (True, True, None, True)
    """
    found = is_mark(value)
    if found is None and isinstance(value, str):
        return True if parse_sex(value) == sex else None
    return found


@dataclasses.dataclass
class TrichNgang:
    """Where the parts of a personnel list sit in a grid.

    ``birth_col`` is ``None`` when the birth year or date sits under the sex columns (the first
    layout); ``marks`` says whether the sex columns hold marks (the ``Giới tính`` layout).
    """

    header_row: int
    columns: dict[str, int]
    headers: dict[str, str]
    sex_cols: dict[str, int]
    year_header: str
    marks: bool = False
    birth_col: int | None = None
    birth_header: str | None = None
    #: a ``Giới tính`` column of its own besides the Nam | Nữ pair (checked against it)
    sex_col: int | None = None
    sex_header: str | None = None


def _sex_pair(sub: list[Any], candidates: list[int]) -> dict[str, int]:
    sex_cols: dict[str, int] = {}
    for c in candidates:
        sex = parse_sex(sub[c]) if isinstance(sub[c], str) else None
        if sex is not None and sex not in sex_cols:
            sex_cols[sex] = c
    return sex_cols


def _group_span(grid: Grid, r: int, c: int, top: list[Any]) -> list[int]:
    """Return the columns a header cell spans: its merged range, or itself and a blank neighbour."""
    for r0, c0, r1, c1 in grid.merged:
        if r0 <= r <= r1 and c0 <= c <= c1 and c1 > c0:
            return list(range(c0, c1 + 1))
    return [c, c + 1] if c + 1 < len(top) and is_blank(top[c + 1]) else [c]


def locate_trich_ngang(grid: Grid) -> TrichNgang | None:
    """Return the layout of a personnel list, or ``None`` when the grid is not one."""
    for r in range(min(30, len(grid.cells) - 1)):
        top = filled(grid, r)
        kinds = [header_column(v) for v in top]
        if FULL_NAME not in kinds or (BIRTH_YEAR not in kinds and SEX not in kinds):
            continue
        sub = filled(grid, r + 1)
        found: tuple[str, int, dict[str, int]] | None = None
        for kind in (BIRTH_YEAR, SEX):  # a birth year under Nam | Nữ, else marks under Giới tính
            for c in (c for c, k in enumerate(kinds) if k == kind):
                sex_cols = _sex_pair(sub, _group_span(grid, r, c, top))
                if set(sex_cols) == {"F", "M"}:
                    found = (kind, c, sex_cols)
                    break
            if found:
                break
        if found is None:
            continue
        kind, group_col, sex_cols = found
        columns: dict[str, int] = {}
        headers: dict[str, str] = {}
        for c, v in enumerate(top):
            name = kinds[c]
            if c in sex_cols.values() or c == group_col:
                continue
            if name and name not in ("row_number", SEX) and name not in columns:
                columns[name] = c
                headers[name] = text_cell(v) or name
        group_header = text_cell(top[group_col]) or kind
        sex_col = next(
            (
                c
                for c, k in enumerate(kinds)
                if k == SEX and c != group_col and c not in sex_cols.values()
            ),
            None,
        )
        sex_header = text_cell(top[sex_col]) if sex_col is not None else None
        if kind == BIRTH_YEAR:
            columns.pop(BIRTH_YEAR, None)
            return TrichNgang(
                r, columns, headers, sex_cols, group_header, sex_col=sex_col, sex_header=sex_header
            )
        birth_col = columns.pop(BIRTH_YEAR, None)
        birth_header = headers.pop(BIRTH_YEAR, None)
        return TrichNgang(
            r,
            columns,
            headers,
            sex_cols,
            group_header,
            True,
            birth_col,
            birth_header,
            sex_col,
            sex_header,
        )
    return None


#: Every wording of every body, longest first, as loose keys (at least 3 letters: BCH, BTV).
_ALIASES = sorted(
    (
        (key, code)
        for code, lab in BODIES.items()
        for a in (lab.vi, *lab.aliases)
        if len(key := loose_key(a)) >= 3
    ),
    key=lambda x: -len(x[0]),
)


def sheet_body(grid: Grid) -> str | None:
    """Return the one body a sheet's name names (``BCH``, ``DS BTV``, ``Ban Thường vụ``), or None.

    Examples
    --------
    >>> from gender_stats.io._excel import Grid
    >>> [sheet_body(Grid("a.xlsx", s, [[]], [1])) for s in ("BTV", "DS BCH 2020", "Sheet1", None)]
    ['standing_committee', 'party_committee', None, None]
    """
    if not grid.sheet:
        return None
    named = bodies_named(grid.sheet)
    return named.pop() if len(named) == 1 else None


def title_body(grid: Grid, rows: range) -> str | None:
    """Return the body the title block names, or ``None`` (none, or a line naming two).

    The first line naming a body decides (``DANH SÁCH BAN CHẤP HÀNH ĐẢNG BỘ …``); a line naming
    two (``BAN THƯỜNG VỤ VÀ BAN CHẤP HÀNH``) names no one body, and neither does a list of cadres
    a body manages (``CÁN BỘ DIỆN BAN THƯỜNG VỤ TỈNH ỦY QUẢN LÝ``): the caller reports it.
    """
    for r in rows:
        for v in grid.cells[r]:
            if isinstance(v, str):
                named = bodies_named(v)
                if named and re.search(r"\b(quan ly|theo doi)\b", loose_key(v)):
                    return None  # "cán bộ diện Ban Thường vụ quản lý": managed by it, not in it
                if named:
                    return named.pop() if len(named) == 1 else None
    return None


_KINDS = {
    "TINH": "Tỉnh",
    "THANH PHO": "Thành phố",
    "HUYEN": "Huyện",
    "THI XA": "Thị xã",
    "QUAN": "Quận",
    "XA": "Xã",
    "PHUONG": "Phường",
    "THI TRAN": "Thị trấn",
    "SO": "Sở",
}
_KIND = "|".join(sorted(_KINDS, key=len, reverse=True))
_STOP = r"(?=\s*(?:$|[,;:(\d]|\s[-–]\s|KHOA\b|NHIEM KY\b|LAN THU\b|NAM\b|TAI\b|GOM\b))"
#: ``ĐẢNG BỘ HUYỆN NGA SƠN`` anywhere in a title line (matched without diacritics).
_PARTY_UNIT = re.compile(
    rf"\b(?:DANG BO|DANG UY|HDND|HOI DONG NHAN DAN|UBND|UY BAN NHAN DAN)\s+({_KIND})\s+"
    rf"([A-Z][A-Z ]{{1,40}}?){_STOP}"
)
#: ``HUYỆN ỦY NGA SƠN``: an issuing line alone in its cell.
_COMMITTEE_UNIT = re.compile(r"^(HUYEN|TINH|THANH|THI) UY\s+([A-Z][A-Z ]{1,40}?)\s*$")
_COMMITTEE_KIND = {"HUYEN": "Huyện", "TINH": "Tỉnh", "THANH": "Thành phố", "THI": "Thị xã"}


def _plain_upper(text: str) -> str:
    """Return the text upper-cased without diacritics, one character per character (đ → D)."""
    out = []
    for ch in text.upper():
        base = unicodedata.normalize("NFD", ch)[0]
        out.append("D" if ch == "Đ" else base if base.isascii() else " ")
    return "".join(out)


def _units_in(text: str) -> list[str]:
    """Return the units a title line names, as ``Huyện Nga Sơn``."""
    original = nfc(text).strip()
    plain = _plain_upper(original)
    found = []
    for m in _PARTY_UNIT.finditer(plain):
        name = original[m.start(2) : m.end(2)].strip()
        found.append(f"{_KINDS[m.group(1)]} {name.title()}")
    alone = _COMMITTEE_UNIT.match(plain)
    if alone:
        name = original[alone.start(2) : alone.end(2)].strip()
        found.append(f"{_COMMITTEE_KIND[alone.group(1)]} {name.title()}")
    return found


def list_title_unit(grid: Grid, rows: range) -> tuple[str | None, list[str]]:
    """Return the one unit a list's title names, or ``None`` and the units it names.

    ``DANH SÁCH … ĐẢNG BỘ HUYỆN NGA SƠN`` names Huyện Nga Sơn; so does an issuing block
    ``HUYỆN ỦY NGA SƠN``.  The line saying *danh sách* decides between several units (the
    province above the district); otherwise several units are no unit (the caller reports them).

    Examples
    --------
    >>> from gender_stats.io._excel import Grid
    >>> g = Grid("a.xlsx", None, [["ĐẢNG BỘ TỈNH THANH HÓA"], ["HUYỆN ỦY NGA SƠN"]], [1, 2])
    >>> list_title_unit(g, range(1)), list_title_unit(g, range(2))
    (('Tỉnh Thanh Hóa', []), (None, ['Tỉnh Thanh Hóa', 'Huyện Nga Sơn']))
    >>> t = "DANH SÁCH BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN NGA SƠN KHÓA XXIV, NHIỆM KỲ 2020-2025"
    >>> list_title_unit(Grid("a.xlsx", None, [["ĐẢNG BỘ TỈNH THANH HÓA"], [t]], [1, 2]), range(2))
    ('Huyện Nga Sơn', [])
    """
    every: list[str] = []
    listed: list[str] = []
    for r in rows:
        for v in grid.cells[r]:
            if isinstance(v, str) and v.strip():
                units = _units_in(v)
                every.extend(units)
                if "danh sach" in loose_key(v):
                    listed.extend(units)
    for units in (listed, every):
        distinct = list(dict.fromkeys(units))
        if len(distinct) == 1:
            return distinct[0], []
        if distinct:
            return None, distinct
    return None, []


def list_title_copied(
    grid: Grid, rows: range, unit: str, units: UnitIndex | None, col: Collector
) -> bool:
    """Report a list's title naming ``unit`` when the sheet's name names another (a copied sheet).

    Returns True when reported (see :func:`gender_stats.io._counts.copied_title`).
    """
    from gender_stats.io._counts import copied_title

    for r in rows:
        for c, v in enumerate(grid.cells[r]):
            if isinstance(v, str) and unit in _units_in(v):
                return copied_title(col, (unit, r, c), units, arg="unit")
    return False


#: Expected text when the title names several units and nothing else names the list's unit.
UNIT_AMBIGUOUS = (
    "một đơn vị: tiêu đề nêu {units}; truyền unit= hoặc thêm cột Đơn vị (one unit: the title "
    "names several)"
)


#: Expected text when no term is found and the title gives a congress or NA number instead.
TERM_FROM_NUMBER = (
    "nhiệm kỳ ghi ở tiêu đề (NHIỆM KỲ 2020 - 2025), ở cột Nhiệm kỳ, hoặc truyền term='2020-2025' "
    "(a term: none found in the title, the columns or the arguments{extra})"
)


def list_title_term(
    grid: Grid, rows: range, body: str | None
) -> tuple[tuple[str, int, int] | None, str | None]:
    """Return the term a list's title names (with its cell), or ``None`` and why not.

    ``NHIỆM KỲ 2020 - 2025`` is a term.  A congress number (``ĐẢNG BỘ HUYỆN … KHÓA XV``, ``ĐẠI
    HỘI LẦN THỨ XX``) is not, and neither is a National Assembly ``khóa`` unless the title says
    *Quốc hội* and the list is of the National Assembly: the reason then names the number found.

    Examples
    --------
    >>> from gender_stats.io._excel import Grid
    >>> g = Grid("a.xlsx", None, [["ĐẢNG BỘ HUYỆN NGA SƠN KHÓA XV"], ["NHIỆM KỲ 2020-2025"]], [1, 2])
    >>> list_title_term(g, range(2), "party_committee")
    (('2020-2025', 1, 0), None)
    >>> found, why = list_title_term(g, range(1), "party_committee")
    >>> found, "khóa XV" in why
    (None, True)
    """
    from gender_stats.io._counts import read_title

    found, why, cell = read_title(grid, rows).term_for(body)
    if found is not None and cell is not None:
        return (found, cell[0], cell[1]), None
    return None, why


@functools.lru_cache(maxsize=1 << 16)
def _text_of(value: str) -> str | None:
    return text_cell(value)


def _text(value: Any) -> str | None:
    """Return :func:`text_cell` of a cell, remembered across sheets for texts (names repeat)."""
    return _text_of(value) if type(value) is str else text_cell(value)


def _memo(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Return ``fn`` computed once per distinct (hashable) cell value."""
    cache: dict[tuple[type, Any], Any] = {}

    def call(value: Any) -> Any:
        key = (type(value), value)
        try:
            return cache[key]
        except KeyError:
            out = cache[key] = fn(value)
            return out
        except TypeError:  # unhashable: compute
            return fn(value)

    return call


@dataclasses.dataclass
class _Rows:
    """The data rows of a list, with the body and level of their section."""

    data: list[int]
    sec_body: list[str | None]
    sec_level: list[str | None]
    sections: list[int]
    notes: list[int] = dataclasses.field(default_factory=list)
    signature: list[int] = dataclasses.field(default_factory=list)
    after_end: list[int] = dataclasses.field(default_factory=list)
    #: the section row of each data row (``None`` before the first section)
    sec_row: list[int | None] = dataclasses.field(default_factory=list)
    #: the unit a heading row above names, per data row (``None``: none does)
    sec_unit: list[str | None] = dataclasses.field(default_factory=list)
    #: section row -> the section as read (label, body, level, numbers it states)
    found: dict[int, Section] = dataclasses.field(default_factory=dict)
    #: section row -> hidden rows passed over in it
    hidden_in: dict[int, int] = dataclasses.field(default_factory=dict)
    #: total rows (``Cộng``, ``Tổng số: 45 đồng chí``): row, what they state, the rows they close
    totals: list[Total] = dataclasses.field(default_factory=list)
    #: a second table below: its header rows and the title lines above them
    headers: list[int] = dataclasses.field(default_factory=list)
    titles: list[int] = dataclasses.field(default_factory=list)
    #: a post continued alone on its own row (``kiêm Chủ tịch HĐND huyện``) -> the person's row
    joined: dict[int, int] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Total:
    """A total row of a list and the numbers it states, to be checked against the rows above."""

    row: int
    col: int
    value: Any
    total: int | None
    female: int | None
    #: data rows above it: all of them, and those since the current section started
    above: int
    section_start: int
    #: hidden rows passed over above it (they may make up a difference)
    hidden: int


#: The warning when hidden rows of a list were passed over.
HIDDEN_ROWS = (
    'Tệp "{file}"{sheet}: bỏ qua {n} dòng ẩn (hidden rows passed over): {rows}. '
    "Hint: include_hidden=True để đọc cả dòng ẩn (to read them)."
)


def split_hidden(grid: Grid, data: list[int]) -> tuple[list[int], list[int]]:
    """Return the data rows shown and those hidden; warn once, naming the hidden ones.

    A hidden row (an abolished unit, a person who left) is never silently counted nor silently
    dropped: it is passed over with a :class:`~gender_stats.io._counts.HiddenDataWarning`.
    """
    if not grid.hidden_rows:
        return data, []
    hidden = [r for r in data if r in grid.hidden_rows]
    if not hidden:
        return data, []
    from gender_stats.io._counts import HiddenDataWarning

    shown = [r for r in data if r not in grid.hidden_rows]
    numbers = [str(grid.rows[r]) for r in hidden]
    warnings.warn(
        HIDDEN_ROWS.format(
            file=grid.file,
            sheet=f', trang "{grid.sheet}"' if grid.sheet else "",
            n=len(hidden),
            rows=", ".join(numbers[:20]) + ("…" if len(numbers) > 20 else ""),
        ),
        HiddenDataWarning,
        stacklevel=5,
    )
    return shown, hidden


def _scan(
    grid: Grid, tn: TrichNgang, start: int, col: Collector, skip: frozenset[int] = frozenset()
) -> _Rows:
    """Classify the rows below the header: data, section (``I. Ban Thường vụ``), blank, footer."""
    cells = grid.cells
    fc, mc = tn.sex_cols["F"], tn.sex_cols["M"]
    name_c = tn.columns[FULL_NAME]
    stt_c = _stt(tn, grid, tn.header_row)
    out = _Rows([], [], [], [])
    cur_body: str | None = None
    cur_level: str | None = None
    note = _memo(is_note)
    sign = _memo(lambda v: is_signature(v) or is_footer([v]))
    width = grid.width
    ended: int | None = None
    cur_row: int | None = None
    section_start = 0
    hidden_above = 0

    cur_unit: str | None = None

    def enter(r: int, sec: Section) -> None:
        nonlocal cur_body, cur_level, cur_row, section_start, cur_unit
        section_start = len(out.data)
        out.sections.append(r)
        out.found[r] = sec
        cur_row = r
        if sec.sector:  # "Khối Đảng": the members of the body above, grouped by their work
            return
        if sec.unit is not None:  # a unit heading: its bodies follow (or the title's)
            cur_unit, cur_body = sec.unit, None
            return
        cur_body = sec.body
        cur_level = sec.level if sec.body is None else cur_level
        if sec.body is None and sec.level is None:
            col.at(r, sec.col, sec.label, NEED_SECTION)

    top_kinds = [header_column(v) for v in filled(grid, tn.header_row)]
    main_term = list_title_term(grid, range(tn.header_row), None)[0]

    def header_at(r: int) -> bool | None:
        """Whether ``r`` repeats the header (True), heads other columns (False), or neither."""
        if r + 1 >= len(cells) or header_column(cells[r][name_c]) != FULL_NAME:
            return None
        kinds = [header_column(v) for v in filled(grid, r)]
        sub = filled(grid, r + 1)
        sub_sex = {c: parse_sex(sub[c]) if isinstance(sub[c], str) else None for c in (fc, mc)}
        pairs = enumerate(zip(kinds, top_kinds, strict=True))  # one grid: rows of one width
        same = all(k == t for c, (k, t) in pairs if c not in (fc, mc))
        return same and sub_sex == {fc: "F", mc: "M"}

    def next_filled(r: int) -> int | None:
        return next((k for k in range(r + 1, len(cells)) if not all(map(is_blank, cells[k]))), None)

    def second_title(r: int, text: str) -> None:
        """Read a title line above a second table: the body it names holds below (or none)."""
        nonlocal cur_body, cur_row, section_start
        out.titles.append(r)
        named = bodies_named(text)
        cur_body = named.pop() if len(named) == 1 else None
        cur_row, section_start = None, len(out.data)
        found = list_title_term(grid, range(r, r + 1), None)[0]
        if found is not None and main_term is not None and found[0] != main_term[0]:
            col.at(r, found[2], text, SECOND_TERM.format(term=main_term[0]))

    for r in range(start, len(cells)):
        row = cells[r]
        if out.headers and r == out.headers[-1]:
            continue  # the second header row of a repeated header
        if ended is None and (again := header_at(r)) is not None:
            out.headers.extend([r, r + 1])  # a second table below: the same columns
            if not again:
                col.at(r, name_c, row[name_c], OTHER_HEADER)
            continue
        if skip and r in skip:
            hidden_above += 1
            if cur_row is not None:
                out.hidden_in[cur_row] = out.hidden_in.get(cur_row, 0) + 1
            continue  # a hidden row: passed over with a warning (split_hidden)
        first = row[0]
        if first is None or type(first) is str or ended is not None:
            first = next((v for v in row if v is not None and not is_blank(v)), None)
            if first is None:
                continue
            if ended is None:
                total = _total_row(r, row, tn, col)
                if total is not None:  # a total is no person: checked against the rows above
                    out.totals.append(
                        dataclasses.replace(
                            total,
                            above=len(out.data),
                            section_start=section_start,
                            hidden=hidden_above,
                        )
                    )
                    continue
            f_val, m_val = row[fc], row[mc]
            person = not is_blank(row[name_c]) and not (is_blank(f_val) and is_blank(m_val))
            if ended is not None:
                if person and (_entry(f_val) or _entry(m_val)):  # never dropped silently
                    out.after_end.append(r)
                    col.whole_row(
                        r,
                        name_c,
                        row[name_c],
                        "không có người sau phần ký tên (no person below the signature block: "
                        f"the list ended at row {grid.rows[ended]}; move the row up or delete it)",
                    )
                else:
                    out.signature.append(r)
                continue
            if not person and (sec := _section(row, tn, stt_c)) is not None:
                enter(r, sec)  # before the signature test: "Ban Thường vụ" heads a section
                continue
            nxt = next_filled(r) if isinstance(first, str) and not person else None
            if nxt is not None and header_at(nxt) is not None:
                second_title(r, first)
                continue
            if isinstance(first, str) and not person and _kiem(row, tn):
                owner = _owner(r, cells, tn, out)
                if owner is None:  # no person right above: whose post it continues is unknown
                    out.after_end.append(r)
                    col.whole_row(r, tn.columns[POST], first, KIEM_ALONE)
                else:
                    out.joined[r] = owner  # joined to the post above, said in a warning
                continue
            if isinstance(first, str) and not person and note(first):
                out.notes.append(r)  # a note between rows: the rows after it are read
                continue
            if isinstance(first, str) and not person and _continued(r, row, tn, out.data):
                out.after_end.append(r)  # "Chủ tịch UBND huyện" below "Phó Bí thư Huyện ủy,"
                col.whole_row(r, tn.columns[POST], first, CONTINUED_POST)
                continue
            if isinstance(first, str) and not person and sign(first):
                ended = r
                out.signature.append(r)
                continue
        f_val, m_val = row[fc], row[mc]
        if (f_val is None or is_blank(f_val)) and (m_val is None or is_blank(m_val)):
            sec = _section(row, tn, stt_c)
            if sec is not None:
                enter(r, sec)
                continue
        out.data.append(r)
        out.sec_body.append(cur_body)
        out.sec_level.append(cur_level)
        out.sec_unit.append(cur_unit)
        out.sec_row.append(cur_row)
        if row.count(None) + row.count("") >= width - 2:  # cheap first: most rows are full
            filled_cells = [
                c
                for c, v in enumerate(row)
                if c != stt_c and (not is_blank(v) or (r, c) in grid.no_value)
            ]
            if len(filled_cells) == 1:
                col.whole_row(r, filled_cells[0], row[filled_cells[0]], NOT_BLANK_ROW)
    return out


def _entry(value: Any) -> bool:
    """Whether a cell under Nam or Nữ could be a person's entry (a year, a date, a mark).

    Below the signature block, ``T/M BAN THƯỜNG VỤ`` or a signer's name under Nữ is no entry.
    """
    if is_blank(value):
        return False
    if isinstance(value, str) and any(ch.isalpha() for ch in value):
        return is_mark(value) is not None or parse_sex(value) is not None
    return True


#: The start of a post (not of a signature's own words: ``T/M``, ``Người lập biểu``, a date).
_POST_START = re.compile(
    r"^(pho )?(chu tich|bi thu|giam doc|truong ban|truong phong|chu nhiem|uy vien|thu truong)\b"
)
CONTINUED_POST = (
    "chức vụ trong ô Chức vụ của dòng trên, hoặc một dòng trống trước phần ký tên (a post "
    "continued on its own row, or a signer's title right under the list: put the post into the "
    "row above, or leave a blank row before the signature block)"
)


def _continued(r: int, row: list[Any], tn: TrichNgang, data: list[int]) -> bool:
    """Return whether ``row`` holds only a post, right under a person (the rest of theirs).

    ``Chủ tịch UBND huyện`` alone in the ``Chức vụ`` cell under ``Phó Bí thư Huyện ủy,`` reads
    like a signer's title; taken as one, the list would end there and the post be lost.
    """
    c = tn.columns.get(POST)
    if c is None or not data or data[-1] != r - 1 or not isinstance(row[c], str):
        return False
    if any(not is_blank(v) for k, v in enumerate(row) if k != c):
        return False
    return bool(_POST_START.match(loose_key(row[c])))


KIEM_ALONE = (
    "chức vụ kiêm nhiệm trong ô Chức vụ của người ở dòng ngay trên (a 'kiêm ...' post on its "
    "own row continues the post of the person right above it; there is none here: put it into "
    "that person's Chức vụ cell)"
)
#: Warning naming the cells of posts continued on their own rows, joined to the row above.
KIEM_JOINED = (
    'Tệp "{file}"{sheet}: chức vụ kiêm nhiệm ở dòng riêng được nối vào chức vụ của người ở '
    "dòng trên (a 'kiêm ...' post on its own row was joined to the post of the person above): "
    "{cells}"
)


def _kiem(row: list[Any], tn: TrichNgang) -> bool:
    """Whether ``row`` holds only a ``kiêm …`` text in the ``Chức vụ`` cell (a post continued)."""
    c = tn.columns.get(POST)
    if c is None or not isinstance(row[c], str) or not loose_key(row[c]).startswith("kiem "):
        return False
    return all(is_blank(v) for k, v in enumerate(row) if k != c)


def _owner(r: int, cells: list[list[Any]], tn: TrichNgang, out: _Rows) -> int | None:
    """Return the person row whose post row ``r`` continues: right above, with a post, or None.

    The row above is a data row, or itself a ``kiêm …`` row joined to one (two lines of
    ``kiêm``).  A hidden, blank, section or note row between is no person: ``None``.
    """
    above = r - 1
    if above in out.joined:
        return out.joined[above]
    if not out.data or out.data[-1] != above:
        return None
    return above if isinstance(cells[above][tn.columns[POST]], str) else None


def join_posts(
    grid: Grid, tn: TrichNgang, scan: _Rows, posts: list[str | None], log: ReadingLog | None
) -> list[str | None]:
    """Return the posts with each ``kiêm …`` row joined to its person's, warning once naming them."""
    if not scan.joined:
        return posts
    from gender_stats.io._counts import TableWarning

    c = tn.columns[POST]
    index = {r: i for i, r in enumerate(scan.data)}
    out = list(posts)
    named = []
    for r, owner in sorted(scan.joined.items()):
        i = index[owner]
        out[i] = f"{out[i] or ''} {text_cell(grid.cells[r][c]) or ''}".strip()
        named.append(f"{letter(c)}{grid.rows[r]} → {letter(c)}{grid.rows[owner]}")
    message = KIEM_JOINED.format(
        file=grid.file,
        sheet=f', trang "{grid.sheet}"' if grid.sheet else "",
        cells=", ".join(named),
    )
    if log is not None:
        log.notes.append(message)
    warnings.warn(message, TableWarning, stacklevel=5)
    return out


_TOTAL_START = re.compile(r"^(tong cong|tong so|cong)\b")
#: Expected text of a count under Nam or Nữ on a total row.
TOTAL_COUNT = "số người (a number of people)"
TOTAL_DIFFERS = (
    "{n} người như dòng tổng ghi; danh sách ở trên có {found} (as many people as the total row "
    "states: {n}, found {found} above it)"
)
TOTAL_FEMALE = (
    "{n} nữ như dòng tổng ghi; danh sách ở trên có {found} nữ (as many women as the total row "
    "states: {n}, found {found} above it)"
)


def _total_row(r: int, row: list[Any], tn: TrichNgang, col: Collector) -> Total | None:
    """Return the total row ``r`` is (``Cộng | 2 | 1``, ``Tổng số: 45 đồng chí, nữ 7``), or None.

    Its label is the first text, at or left of the name column; the numbers are the counts under
    Nam and Nữ, or those the label states.
    """
    name_c = tn.columns[FULL_NAME]
    c, label = next(
        ((c, v) for c, v in enumerate(row[: name_c + 1]) if isinstance(v, str) and v.strip()),
        (None, None),
    )
    if c is None or label is None:
        return None
    key = loose_key(label)
    stated, stated_female = stated_counts(label)
    if sum_kind(label) is None and not (_TOTAL_START.match(key) and stated is not None):
        return None
    numbers: dict[str, int] = {}
    for sex, sc in tn.sex_cols.items():
        v = row[sc]
        if is_blank(v):
            continue
        if isinstance(v, str) and v.strip().isdigit():
            v = int(v.strip())
        if isinstance(v, bool) or not isinstance(v, int | float) or not float(v).is_integer():
            col.at(
                r, sc, v, TOTAL_COUNT, header=f"{tn.year_header} / {'Nữ' if sex == 'F' else 'Nam'}"
            )
            return Total(r, c, label, None, None, 0, 0, 0)
        numbers[sex] = int(v)
    if numbers:
        total = numbers.get("F", 0) + numbers.get("M", 0)
        return Total(r, c, label, total, numbers.get("F", 0), 0, 0, 0)
    return Total(r, c, label, stated, stated_female, 0, 0, 0)


def check_totals(scan: _Rows, sexes: list[str | None], col: Collector) -> None:
    """Report a total row that agrees with neither the whole list above it nor its section.

    A row lost in a list (or a list cut short) is found here, never read silently short.
    """
    for t in scan.totals:
        scopes = [range(0, t.above), range(t.section_start, t.above)]
        if t.total is not None:
            fits = [s for s in scopes if len(s) <= t.total <= len(s) + t.hidden]
            if not fits:
                col.at(t.row, t.col, t.value, TOTAL_DIFFERS.format(n=t.total, found=t.above))
                continue
            scopes = fits
        if t.female is None or t.hidden:
            continue
        known = [[sexes[i] for i in s] for s in scopes]
        if any(None in k for k in known):
            continue
        if all(k.count("F") != t.female for k in known):
            found = known[0].count("F")
            col.at(t.row, t.col, t.value, TOTAL_FEMALE.format(n=t.female, found=found))


def warn_unclear_female(grid: Grid, scan: _Rows, log: ReadingLog | None) -> None:
    """Warn of each section or total row whose number of women cannot be read (not checked)."""
    from gender_stats.io._counts import TableWarning

    lines = [(r, sec.col, sec.label) for r, sec in scan.found.items()]
    lines += [(t.row, t.col, t.value) for t in scan.totals]
    for r, c, label in sorted(lines):
        if not isinstance(label, str) or not female_unclear(label):
            continue
        message = FEMALE_UNCLEAR.format(
            file=grid.file,
            sheet=f', trang "{grid.sheet}"' if grid.sheet else "",
            cell=f"{letter(c)}{grid.rows[r]}",
            label=label,
        )
        if log is not None:
            log.notes.append(message)
        warnings.warn(message, TableWarning, stacklevel=5)


def check_stated(scan: _Rows, sexes: list[str | None], col: Collector) -> None:
    """Report a section whose rows are not as many as its label states (``Ban Thường vụ (15)``).

    A list that ends early, or a row lost in it, is never read silently short.  Hidden rows of
    the section (passed over with a warning) may make up the difference.
    """
    for r, sec in scan.found.items():
        if sec.total is None and sec.female is None:
            continue
        mine = [i for i, s in enumerate(scan.sec_row) if s == r]
        hidden = scan.hidden_in.get(r, 0)
        if sec.total is not None and sec.total not in (len(mine), len(mine) + hidden):
            col.at(r, sec.col, sec.label, SECTION_COUNT.format(n=sec.total, found=len(mine)))
        known = [sexes[i] for i in mine]
        if sec.female is not None and not hidden and None not in known:
            women = known.count("F")
            if women != sec.female:
                col.at(r, sec.col, sec.label, SECTION_FEMALE.format(n=sec.female, found=women))


def _log_rows(
    grid: Grid, tn: TrichNgang, start: int, scan: _Rows, skip: frozenset[int], log: ReadingLog
) -> None:
    """Record every non-blank row of a personnel list in the reading log, in sheet order."""
    kinds: dict[int, tuple[RowClass, str]] = {}
    for r in range(tn.header_row):
        kinds[r] = (RowClass.TITLE, STRUCTURAL)
    for r in (tn.header_row, tn.header_row + 1):
        kinds[r] = (RowClass.HEADER, STRUCTURAL)
    for r in range(tn.header_row + 2, start):
        kinds[r] = (RowClass.COLUMN_NUMBERS, STRUCTURAL)
    for rows, kind, outcome in (
        (skip, RowClass.HIDDEN, REPORTED),
        (scan.sections, RowClass.SECTION, STRUCTURAL),
        (scan.data, RowClass.DATA, USED),
        (scan.notes, RowClass.NOTE, STRUCTURAL),
        (scan.signature, RowClass.SIGNATURE, STRUCTURAL),
        (scan.after_end, RowClass.DATA, REPORTED),
        ([t.row for t in scan.totals], RowClass.TOTAL, STRUCTURAL),
        (scan.headers, RowClass.HEADER, STRUCTURAL),
        (scan.titles, RowClass.TITLE, STRUCTURAL),
        (scan.joined, RowClass.NOTE, STRUCTURAL),  # "kiêm ..." joined to the post above
    ):
        for r in rows:
            kinds[r] = (kind, outcome)
    name_c = tn.columns[FULL_NAME]
    for r in sorted(kinds):
        if r >= len(grid.cells) or all(is_blank(v) for v in grid.cells[r]):
            continue
        kind, outcome = kinds[r]
        row = grid.cells[r]
        label = (
            row[name_c] if kind == RowClass.DATA else next((v for v in row if not is_blank(v)), "")
        )
        log.add(grid.file, grid.sheet, grid.rows[r], kind, outcome, label)


def report_formulas(
    grid: Grid,
    rows: list[int],
    columns: dict[str, int],
    headers: dict[str, str | None],
    col: Collector,
) -> set[int]:
    """Report the cells of ``columns`` that are formulas saved without their value; return rows.

    Such a cell reads blank: a blank ``Nữ`` mark says "man", a blank year says "no year".  What
    the formula gives is not for the reader to guess.
    """
    if not grid.no_value:
        return set()
    bad: set[int] = set()
    for key, c in columns.items():
        for r in rows:
            if (r, c) in grid.no_value:
                col.at(r, c, None, FORMULA_NO_VALUE, header=headers.get(key) or key)
                bad.add(r)
    return bad


def _sexes_and_births(
    grid: Grid, tn: TrichNgang, data: list[int], col: Collector
) -> tuple[list[str | None], list[int | None], list[dt.date | None]]:
    """Return the sex, birth year and birth date of each data row, reporting what is wrong."""
    cells = grid.cells
    fc, mc = tn.sex_cols["F"], tn.sex_cols["M"]
    sexes: list[str | None] = []
    years: list[int | None] = []
    dates: list[dt.date | None] = []
    sex_header = {"F": f"{tn.year_header} / Nữ", "M": f"{tn.year_header} / Nam"}
    f_mark_of = _memo(lambda v: sex_mark(v, "F"))
    m_mark_of = _memo(lambda v: sex_mark(v, "M"))
    typed = grid.typed

    parsed: dict[tuple[type, Any, str], tuple[int | None, dt.date | None, str | None]] = {}

    def birth(r: int, c: int, header: str | None) -> tuple[int | None, dt.date | None]:
        value = cells[r][c]
        if value is None:
            return None, None
        fmt = grid.fmt(r, c) if isinstance(value, int | float | dt.date) else "General"
        key = (type(value), value, fmt)
        try:
            year, date, why = parsed[key]
        except KeyError:
            year, date, why = parsed[key] = parse_birth(value, typed=typed, fmt=fmt)
        except TypeError:  # pragma: no cover - an unhashable cell value
            year, date, why = parse_birth(value, typed=typed, fmt=fmt)
        if why is not None:
            col.at(r, c, value, why, header=header)
        return year, date

    read = {"F": fc, "M": mc}
    if tn.birth_col is not None:
        read[BIRTH_YEAR] = tn.birth_col
    where = {**sex_header, BIRTH_YEAR: tn.birth_header}
    formulas = report_formulas(grid, data, read, where, col)
    for r in data:
        if r in formulas:  # reported: no guess from a blank formula cell
            sexes.append(None)
            years.append(None)
            dates.append(None)
            continue
        f_val, m_val = cells[r][fc], cells[r][mc]
        if tn.marks:
            f_mark, m_mark = f_mark_of(f_val), m_mark_of(m_val)
            sex: str | None = None
            if f_mark is None or m_mark is None:
                bad, c = (f_val, fc) if f_mark is None else (m_val, mc)
                col.at(r, c, bad, NOT_MARK, header=sex_header["F" if c == fc else "M"])
            elif f_mark and m_mark:
                col.at(r, fc, f_val, MARK_BOTH, header=sex_header["F"])
            elif not f_mark and not m_mark:
                col.at(r, mc, None, MARK_NONE, header=sex_header["M"])
            else:
                sex = "F" if f_mark else "M"
            sexes.append(sex)
            if tn.birth_col is None:
                years.append(None)
                dates.append(None)
            else:
                year, date = birth(r, tn.birth_col, tn.birth_header)
                years.append(year)
                dates.append(date)
            continue
        f_blank, m_blank = is_blank(f_val), is_blank(m_val)
        if not f_blank and not m_blank:
            col.at(r, fc, f_val, YEAR_BOTH, header=sex_header["F"])
            sexes.append(None)
            years.append(None)
            dates.append(None)
            continue
        if f_blank and m_blank:
            col.at(r, mc, None, YEAR_NONE, header=sex_header["M"])
            sexes.append(None)
            years.append(None)
            dates.append(None)
            continue
        sex, c = ("F", fc) if not f_blank else ("M", mc)
        sexes.append(sex)
        year, date = birth(r, c, sex_header[sex])
        years.append(year)
        dates.append(date)
    if tn.sex_col is not None:
        _check_sex_column(grid, tn, data, sexes, col)
    return sexes, years, dates


#: Expected text of a ``Giới tính`` cell that disagrees with the Nam | Nữ columns.
SEX_DISAGREES = "{sex} như cột {pair} của dòng này (the sex the {pair_en} columns give: {code})"


def _check_sex_column(
    grid: Grid, tn: TrichNgang, data: list[int], sexes: list[str | None], col: Collector
) -> None:
    """Report a ``Giới tính`` cell that is not a sex, or names the other sex than the Nam | Nữ pair.

    A list may carry both; which one is right is not for the reader to guess.
    """
    c = tn.sex_col
    assert c is not None
    pair = f"{tn.year_header} (Nam | Nữ)"
    sex_of = _memo(lambda v: parse_sex(v) if isinstance(v, str) else None)
    for r, sex in zip(data, sexes, strict=True):
        value = grid.cells[r][c]
        if is_blank(value) or sex is None:
            continue
        written = sex_of(value)
        if written is None:
            col.at(r, c, value, "Nữ hoặc Nam (F or M)", header=tn.sex_header)
        elif written != sex:
            col.at(
                r,
                c,
                value,
                SEX_DISAGREES.format(
                    sex="Nữ" if sex == "F" else "Nam", pair=pair, pair_en=pair, code=sex
                ),
                header=tn.sex_header,
            )


def infer_missing_levels(
    levels: list[str | None],
    names: list[str | None],
    rows: list[int],
    col: Collector,
    name_col: int | None,
    name_header: str | None,
    inferred: dict[str, str],
) -> list[str | None]:
    """Fill each missing level from its unit's name; report the rows of units whose name says none.

    ``inferred`` collects ``name -> level`` for the one warning of the reader.  Each row of a unit
    whose level cannot be inferred gets the same problem (the error message groups them in one
    line with the count and the first cells) and :data:`NO_LEVEL`, so that the model does not
    report it again.
    """
    if all(lv is not None for lv in levels):
        return levels
    out = list(levels)
    guess_of: dict[str | None, str | None] = {}
    for i, lv in enumerate(levels):
        if lv is not None:
            continue
        name = names[i]
        if name not in guess_of:
            guess_of[name] = infer_level(name) if name is not None else None
        guess = guess_of[name]
        if guess is None:
            col.at(rows[i], name_col, name, LEVEL_UNKNOWN, header=name_header or LEVEL)
            out[i] = NO_LEVEL
        else:
            inferred[name] = guess  # type: ignore[index]
            out[i] = guess
    return out


#: Expected text when a unit's level is given nowhere and its name does not tell it.
LEVEL_UNKNOWN = (
    "cấp của đơn vị: cột Cấp, bảng đơn vị (units=) hoặc level=; tên đơn vị không cho biết cấp "
    "(the level: the unit name does not tell it)"
)


def read_trich_ngang(
    grid: Grid,
    tn: TrichNgang,
    col: Collector,
    *,
    term: str | None,
    units: UnitIndex | None,
    unit: str | None,
    body: str | None,
    level: str | None,
    inferred: dict[str, str] | None = None,
    include_hidden: bool = False,
    log: ReadingLog | None = None,
) -> tuple[pd.DataFrame, Origin, list[int]]:
    """Return the roster frame of a personnel list, its origin and the data rows read.

    Levels inferred from unit names are added to ``inferred`` (``name -> level``), for the caller's
    one :class:`~gender_stats.io._levels.InferredLevelWarning`.
    """
    h = tn.header_row
    grid = recode_grid(grid, header_rows=h + 2, columns=None)
    col.grid = grid
    start = h + 2
    if start < len(grid.cells) and _is_column_numbers(grid.cells[start]):
        start += 1
    cols = tn.columns
    name_c = cols[FULL_NAME]
    if not include_hidden and grid.hidden_rows:
        filled_hidden = [
            r
            for r in sorted(grid.hidden_rows)
            if r >= start and any(not is_blank(v) for v in grid.cells[r])
        ]
        split_hidden(grid, filled_hidden)  # the warning naming them
        skip = frozenset(grid.hidden_rows)
    else:
        skip = frozenset()
    scan = _scan(grid, tn, start, col, skip)
    data = scan.data
    if log is not None:
        _log_rows(grid, tn, start, scan, skip, log)
    structural = [*scan.sections, *scan.titles, *(t.row for t in scan.totals)]
    heads = set(scan.headers)  # a repeated header may be merged as the first one is
    merged = tuple(m for m in grid.merged if not (m[0] in heads and m[2] in heads))
    check_merged(dataclasses.replace(grid, merged=merged), start, structural, col)
    sexes, years, dates = _sexes_and_births(grid, tn, data, col)
    check_stated(scan, sexes, col)
    check_totals(scan, sexes, col)
    warn_unclear_female(grid, scan, log)
    cells = grid.cells

    def texts(key: str) -> list[str | None]:
        if key not in cols:
            return [None] * len(data)
        c = cols[key]
        values = [cells[r][c] for r in data]
        try:
            once = {v: _text(v) for v in dict.fromkeys(values)}  # each distinct text once
        except TypeError:  # an unhashable cell value
            return [text_cell(v) for v in values]
        return [once[v] for v in values]

    names = texts(FULL_NAME)
    for r, n in zip(data, names, strict=True):
        if n is None:
            col.at(r, name_c, None, "họ và tên (a full name)", header=tn.headers[FULL_NAME])
    # body
    bodies: list[str | None]
    body_arg = arg_code(body, parse_body, col, "body") if body is not None else None
    if BODY in cols:
        coded = _memo(lambda t: parse_body(t) or t if t else body_arg)
        bodies = [coded(t) for t in texts(BODY)]
    else:
        title = title_body(grid, range(h)) or sheet_body(grid)
        bodies = [b or body_arg or title for b in scan.sec_body]
        if any(b is None for b in bodies):
            col.at(None, None, None, NEED_BODY, header=BODY)
    # unit and level
    level_arg = arg_code(level, parse_level, col, "level") if level is not None else None
    unit_ids = texts(UNIT_ID) if UNIT_ID in cols else None
    headed = UNIT_NAME not in cols and any(u is not None for u in scan.sec_unit)
    every_headed = headed and all(u is not None for u in scan.sec_unit)
    if UNIT_NAME not in cols and unit is None and unit_ids is None and not every_headed:
        unit, named = list_title_unit(grid, range(h))  # the unit the title names
        if unit is None:
            why = UNIT_AMBIGUOUS.format(units=", ".join(named)) if named else NEED_UNIT
            col.at(None, None, None, why, header=UNIT_NAME)
        else:
            list_title_copied(grid, range(h), unit, units, col)
    unit_names = texts(UNIT_NAME) if UNIT_NAME in cols else [unit] * len(data)
    if headed:  # unit heading rows (1. Xã Nga An) name the unit of the rows below them
        unit_names = [u or n for u, n in zip(scan.sec_unit, unit_names, strict=True)]
    lv_code = _memo(lambda t: parse_level(t) or t if t else None)
    lv_col = [lv_code(t) for t in texts(LEVEL)]
    lvls = [lv_col[i] or scan.sec_level[i] or level_arg for i in range(len(data))]
    norm = _memo(lambda u: nfc(u) if u else None)
    unit_names = [norm(u) for u in unit_names]
    if unit_ids is None and units is None:  # ids derived from names, once per distinct name
        derive = _memo(lambda u: derive_unit_id(u) if u is not None else None)
        unit_ids = [derive(u) for u in unit_names]
    ids, unames, lvls = resolve_units(
        grid,
        data,
        unit_names,
        unit_ids,
        lvls,
        _MemoUnits(units) if units is not None else None,
        cols.get(UNIT_NAME, name_c),
        col,
        tn.headers.get(UNIT_NAME, UNIT_NAME),
    )
    if units is None:
        lvls = infer_missing_levels(
            lvls,
            unames,
            data,
            col,
            cols.get(UNIT_NAME),
            tn.headers.get(UNIT_NAME),
            inferred if inferred is not None else {},
        )
    one_body = next(iter(set(bodies))) if len(set(bodies)) == 1 else None
    found_term, why_not = list_title_term(grid, range(h), one_body)
    table = Table(grid, h, cols, tn.headers, {}, data, [], found_term)
    terms, one_term = term_or_why(table, term, col, why_not)
    # person id: an id column, or unit id / name key / birth year
    if PERSON_ID in cols:
        pids = texts(PERSON_ID)
    else:
        pids = [
            person_key(u, n, y) if n else None for u, n, y in zip(ids, names, years, strict=True)
        ]
    frame = pd.DataFrame(
        {
            TERM: pd.Series(
                terms if terms is not None else [one_term or "1900-1901"] * len(data), dtype="str"
            ),
            UNIT_ID: pd.Series(ids, dtype="str"),
            UNIT_NAME: pd.Series(unames, dtype="str"),
            LEVEL: pd.Series(lvls, dtype="str"),
            BODY: pd.Series([b or "party_committee" for b in bodies], dtype="str"),
            PERSON_ID: pd.Series(pids, dtype="str"),
            SEX: pd.Series([s or "F" for s in sexes], dtype="str"),
            FULL_NAME: pd.Series(names, dtype="str"),
            # no term known (reported): no age check against the stand-in term
            BIRTH_YEAR: pd.array(
                years if terms is not None or one_term else [None] * len(data), dtype="Int64"
            ),
        }
    )
    for key in (ETHNICITY, POST):
        if key in cols:
            values = texts(key)
            if key == POST:
                values = join_posts(grid, tn, scan, values, log)
            frame[key] = pd.Series(values, dtype="str")
    if any(d is not None for d in dates):
        frame[BIRTH_DATE] = birth_dates(dates)
    where: dict[str, tuple[str | None, str | None]] = {
        k: (letter(c), tn.headers[k]) for k, c in cols.items() if k in tn.headers
    }
    where.setdefault(PERSON_ID, (letter(name_c), tn.headers[FULL_NAME]))
    where.setdefault(UNIT_ID, where.get(UNIT_NAME, (None, UNIT_NAME)))
    if tn.birth_col is not None:
        where[BIRTH_YEAR] = (letter(tn.birth_col), tn.birth_header)
    origin = Origin(
        file=grid.file,
        sheet=grid.sheet,
        rows={i: grid.rows[r] for i, r in enumerate(data)},
        columns=where,
    )
    if PERSON_ID not in cols:
        report_same_name_and_year(frame, origin, col)
    return frame, origin, [grid.rows[r] for r in data]


def term_or_why(
    table: Table, term: str | None, col: Collector, why_not: str | None
) -> tuple[list[Any] | None, str | None]:
    """Return the terms of a list (:func:`resolve_term`), saying why a title number is no term."""
    grid = table.grid
    if (
        why_not is not None
        and term is None
        and table.title_term is None
        and TERM not in table.columns
        and not (grid.sheet and parse_term(grid.sheet))
    ):
        extra = why_not if why_not.startswith(";") else f"; {why_not}"
        col.at(None, None, None, TERM_FROM_NUMBER.format(extra=extra), header=TERM)
        return None, None
    return resolve_term(table, term, col)


def birth_dates(dates: list[dt.date | None]) -> pd.Series:
    """Return dates of birth as a ``datetime64`` column (``NaT`` where only a year is known)."""
    return pd.Series(pd.to_datetime(pd.Series(dates, dtype=object)), name=BIRTH_DATE)


class _MemoUnits(UnitIndex):
    """A units index that looks each distinct name up once."""

    def __init__(self, base: UnitIndex) -> None:
        self.__dict__.update(base.__dict__)
        self._memo: dict[str, tuple[str, str, str] | None] = {}

    def find(self, name: str) -> tuple[str, str, str] | None:
        """Return ``(unit_id, unit_name, level)`` for a name, or ``None`` (memoised)."""
        try:
            return self._memo[name]
        except KeyError:
            hit = self._memo[name] = super().find(name)
            return hit


def person_key(unit_id: str | None, full_name: str, birth_year: int | None) -> str:
    """Return the person id built when a list has no id column: ``unit/name/birth year``.

    The name part is the name without diacritics, with dashes, and four hex digits of a hash of
    :func:`~gender_stats._text.name_key`: case, spacing and where the tone mark sits do not matter,
    but every letter does (``Hùng`` and ``Hưng`` are two people).  Two people of one unit with the
    same name and birth year get the same id and are reported as a duplicate.

    Examples
    --------
    >>> person_key("quan-hoa", "Hà Thị  Bình", 1975)
    'quan-hoa/ha-thi-binh-9f37/1975'
    >>> person_key("a", "Lê Văn Hùng", 1970) == person_key("a", "Lê Văn Hưng", 1970)
    False
    >>> person_key("a", "NGUYỄN THỊ THUỶ", 1970) == person_key("a", "Nguyễn Thị Thủy", 1970)
    True
    """
    year = "" if birth_year is None else str(birth_year)
    digest = hashlib.blake2s(name_key(full_name).encode("utf-8"), digest_size=2).hexdigest()
    return f"{unit_id or ''}/{derive_unit_id(full_name)}-{digest}/{year}"


#: Two rows of one body whose person id is made of the same name and birth year.
SAME_NAME_AND_YEAR = (
    "mỗi người một dòng trong một cơ quan của đơn vị, một nhiệm kỳ; dòng {other} cùng họ tên "
    "và năm sinh: một người ghi hai lần (xóa dòng lặp) hay hai người trùng tên, trùng năm sinh "
    '(thêm cột "Mã cán bộ" ghi mã riêng của từng người) (one row per person in one body of one '
    "unit in one term; row {other} has the same name and birth year: one person listed twice "
    '(delete the repeated row), or two people of the same name and year (add a "Mã cán bộ" '
    "column with each person's own id))"
)


def report_same_name_and_year(frame: pd.DataFrame, origin: Origin, col: Collector) -> None:
    """Report each row of a list without an id column that repeats an earlier row's person.

    The id of such a list is made of the unit, the name and the birth year (:func:`person_key`),
    so two rows with one id in one body are one person twice or two namesakes born the same
    year: the reader cannot tell which, and says so at the name cell, quoting the name as
    written and the hint that resolves it (``validate_roster`` would quote the made-up id).
    """
    key = [TERM, UNIT_ID, BODY, PERSON_ID]
    if len(frame) < 2 or frame[PERSON_ID].isna().all():
        return
    groups = frame.groupby(key, sort=False, dropna=True, observed=True).ngroup().to_numpy()
    first: dict[int, Any] = {}
    found = []
    for position, group in enumerate(groups.tolist()):
        if group < 0:
            continue  # no name: reported as such
        label = frame.index[position]
        if first.setdefault(group, label) == label:
            continue
        other = origin.problem(first[group], None, None, "").row
        message = SAME_NAME_AND_YEAR.format(other=other)
        found.append(origin.problem(label, PERSON_ID, frame[FULL_NAME].iloc[position], message))
    col.merge(found)


def _stt(tn: TrichNgang, grid: Grid, h: int) -> int | None:
    return next(
        (c for c, v in enumerate(filled(grid, h)) if header_column(v) == "row_number"), None
    )


#: Expected text of a header row below the list whose columns differ from the first header.
OTHER_HEADER = (
    "các cột như bảng đầu của trang (the columns of the first table of the sheet: a second table "
    "with other columns belongs on a sheet of its own)"
)
#: Expected text of a second table's title naming another term than the sheet's title.
SECOND_TERM = (
    "nhiệm kỳ {term} như tiêu đề của trang (the term of the sheet's title: a table of another "
    "term belongs on a sheet of its own)"
)
#: Expected text of a numbered section row that names neither a body nor a level.
NEED_SECTION = "tên ban (I. Ban Thường vụ) hoặc khối (a body or a level)"
#: Expected text when a section row states a number of people the list does not have.
SECTION_COUNT = (
    "{n} người như dòng khối ghi; danh sách có {found} (as many people as the section row "
    "states: {n}, found {found})"
)
SECTION_FEMALE = (
    "{n} nữ như dòng khối ghi; danh sách có {found} nữ (as many women as the section row "
    "states: {n}, found {found})"
)

_NUMBERING = re.compile(r"^([A-H]|\d{1,2})\s*(?:[.)/:-]\s*|$)(.*)$")
_LABEL_TAIL = re.compile(r"\([^)]*\)|\s*[:;].*$|\s[-–—]\s.*$")
#: The words counting people after a number (``45 đồng chí``, ``3 đ/c``, ``12 người``).
_PEOPLE = r"(?:dong chi|d\s*/\s*c|d\.c|dc|nguoi|thanh vien|uy vien)"
#: A number of women: before ``nữ`` (``2 đồng chí nữ``, ``7 nữ``) or after it (``nữ: 07``, ``nữ 3
#: đồng chí``, ``nữ: không``) in the same clause.
_FEMALE_BEFORE = re.compile(rf"(?<![\d.,])(\d{{1,3}})\s*(?:{_PEOPLE}\s*)?(?:la\s+)?nu\b")
_FEMALE_AFTER = re.compile(r"\bnu\s*(?:[:=]\s*|la\s+|co\s+)?(\d{1,3}|khong)\b(?![.,]?\d)")
_NU = re.compile(r"\bnu\b")
_STATED_TOTAL = re.compile(rf"(?<![\d.,])(\d{{1,3}})\s*{_PEOPLE}(?![a-z])")
#: A clause counting a group of the members, not all of them (``1 đồng chí dân tộc thiểu số``).
_SUBGROUP = re.compile(r"\b(?:dan toc|ton giao|tre|tuoi|tai cu|lan dau|tai dac cu|moi)\b")
_PERCENT = re.compile(r"\d+(?:[.,]\d+)?\s*%")
#: A stated number of women that cannot be read (two numbers, a percentage only).
FEMALE_UNCLEAR = (
    'Tệp "{file}"{sheet}, ô {cell}: không đọc được số nữ trong "{label}" nên không dùng để '
    "kiểm tra danh sách (the number of women this line states cannot be read unambiguously; "
    "it is not checked against the list)"
)


@dataclasses.dataclass(frozen=True)
class Section:
    """A section row of a list: its label, the body or level it names, the numbers it states."""

    label: str
    col: int
    body: str | None
    level: str | None
    total: int | None = None
    female: int | None = None
    #: the unit a row names (``1. Xã Nga An``): the unit of the rows below it
    unit: str | None = None
    #: a bloc of work (``Khối Đảng``, ``Khối chính quyền``): a grouping of the same body and level
    sector: bool = False


def _numbering(value: Any) -> tuple[bool, str] | None:
    """Return ``(roman, rest)`` for a numbered text (``II. Ban …``, ``B.``, ``1)``), else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (False, "") if 0 < value < 100 else None
    if not isinstance(value, str):
        return None
    text = nfc(value).strip()
    roman = roman_section(text)
    if roman is not None:
        return True, roman
    m = _NUMBERING.match(text)
    return (False, m.group(2).strip()) if m else None


def bodies_named(label: str) -> set[str]:
    """Return the bodies a label names, longest wording first (``Ban Thường vụ cấp ủy``: one).

    Examples
    --------
    >>> sorted(bodies_named("BAN THƯỜNG VỤ HUYỆN ỦY")), sorted(bodies_named("Ủy viên BCH"))
    (['standing_committee'], ['party_committee'])
    >>> sorted(bodies_named("Ủy viên Ban Chấp hành không tham gia Ban Thường vụ"))
    ['party_committee', 'standing_committee']
    """
    if other_body(label) is not None:
        return set()  # "Ban Chấp hành Hội LHPN", "Thường trực HĐND": another body's name
    key = f" {loose_key(label)} "
    found: set[str] = set()
    for alias, code in _ALIASES:
        if f" {alias} " in key:
            found.add(code)
            key = key.replace(f" {alias} ", "  ")
    return found


def stated_counts(label: str) -> tuple[int | None, int | None]:
    """Return the number of people and of women a section label states, or ``None`` each.

    The women's number is the one attached to ``nữ`` in its clause (clauses end at ``,``, ``;``
    and brackets): right before it (``2 đồng chí nữ``), or after it (``nữ: 07``, ``nữ 3 đồng
    chí``; ``không`` is 0); never a percentage nor another clause's number.  A line whose number
    of women cannot be read so gives ``None`` (see :func:`female_unclear`).

    Examples
    --------
    >>> stated_counts("BAN CHẤP HÀNH: 45 đồng chí, trong đó nữ: 07"), stated_counts("(15 đ/c)")
    ((45, 7), (15, None))
    >>> stated_counts("Ban Thường vụ"), stated_counts("15 đồng chí, nữ 03"), stated_counts("3 đ/c nữ")
    ((None, None), (15, 3), (None, 3))
    >>> stated_counts("Tổng số: 5 đồng chí, trong đó 2 đồng chí nữ, 1 đồng chí dân tộc thiểu số")
    (5, 2)
    >>> stated_counts("Tổng số: 45 đồng chí; nữ: không"), stated_counts("5 đồng chí, 1 nữ (20%)")
    ((45, 0), (5, 1))
    """
    total, female, _ = _read_stated(label)
    return total, female


def female_unclear(label: str) -> bool:
    """Whether a label speaks of a number of women that cannot be read unambiguously.

    Examples
    --------
    >>> female_unclear("Tổng số 5 đồng chí, nữ chiếm 40%"), female_unclear("nữ 2, nữ 3")
    (True, True)
    >>> female_unclear("Tổng số 5 đồng chí, nữ 2"), female_unclear("Các đồng chí nữ")
    (False, False)
    """
    return _read_stated(label)[2]


@functools.lru_cache(maxsize=4096)
def _read_stated(label: str) -> tuple[int | None, int | None, bool]:
    """Return the total, the women and whether the women's number is unclear, of a label."""
    text = strip_diacritics(nfc(label)).lower().replace("phu nu", "phunu")
    females: set[int] = set()
    unclear = False
    totals: list[int] = []
    for clause in re.split(r"[,;()\[\]]", text):
        percent = bool(_PERCENT.search(clause))
        clause = _PERCENT.sub(" ", clause)
        if _NU.search(clause):
            found = [*_FEMALE_BEFORE.finditer(clause), *_FEMALE_AFTER.finditer(clause)]
            values = {0 if m.group(1) == "khong" else int(m.group(1)) for m in found}
            if len(values) == 1:
                females |= values
            elif values or percent or re.search(r"\d", clause):
                unclear = True  # "5 đồng chí nữ 2", "nữ chiếm 40%": no one number of women
            for m in found:
                clause = clause.replace(m.group(0), " ")
        if _SUBGROUP.search(clause):
            continue  # "12 người dân tộc thiểu số": a group of the members
        totals.extend(int(m.group(1)) for m in _STATED_TOTAL.finditer(clause))
    if len(females) > 1:
        unclear = True
    female = females.pop() if len(females) == 1 and not unclear else None
    return (totals[0] if totals else None), female, unclear


def _section(row: list[Any], tn: TrichNgang, stt_c: int | None) -> Section | None:
    """Return the section a row heads (``I. BAN THƯỜNG VỤ``, ``Ban chấp hành``), or ``None``.

    The row has no sex or year, and one text: in the name column, or leftmost (a row merged
    from column A).  Numbered (``I.``, ``A.``, ``1.``, or a number in the STT column), the text
    may name its body among other words (``II. Các đồng chí Ủy viên BCH``); unnumbered, it must be
    a body or a level alone, besides a count in brackets or after a colon (``Ban Thường vụ (15
    đồng chí)``).  A text naming two bodies is no body (reported on a numbered row).
    """
    if not (is_blank(row[tn.sex_cols["F"]]) and is_blank(row[tn.sex_cols["M"]])):
        return None
    name_c = tn.columns[FULL_NAME]
    filled_cells = [(c, v) for c, v in enumerate(row) if not is_blank(v)]
    texts = [(c, v) for c, v in filled_cells if isinstance(v, str)]
    if not texts:
        return None
    c, raw = next(((c, v) for c, v in texts if c == name_c), texts[0])
    if c > name_c:
        return None  # a text right of the names: a signature or a note, not a heading
    rest = [(k, v) for k, v in filled_cells if k != c]
    numbered = roman = False
    for k, v in rest:
        got = _numbering(v) if k == stt_c or k < c else None
        if got is not None and not got[1]:
            numbered, roman = True, got[0]
        elif not isinstance(v, str):
            return None  # a number elsewhere in the row: not a heading
    label = text_cell(raw) or ""
    got = _numbering(label)
    if got is not None and got[1]:
        numbered, roman, label = True, got[0], got[1]
    elif got is not None:
        return None
    if re.match(r"^\d", label):
        return None
    plain = _LABEL_TAIL.sub(" ", label).strip()
    body = parse_body(plain)
    khoi = bool(_SECTOR.match(loose_key(plain)))
    if body is None and numbered and not khoi:  # "2. Khối UBND" is a sector, not the UBND
        named = bodies_named(label)
        body = named.pop() if len(named) == 1 else None
    level = section_level(plain or label) if body is None else None
    unit = unit_heading(plain) if body is None and level is None else None
    sector = body is None and level is None and unit is None and khoi
    if body is None and level is None and unit is None and not roman and not sector:
        return None
    total, female = stated_counts(label)
    return Section(label, c, body, level, total, female, unit, sector)


#: A bloc of work heading its members (``Khối Đảng``, ``Khối chính quyền``, ``Khối Mặt trận, đoàn
#: thể``, ``Khối lực lượng vũ trang``): a few words after ``Khối``, naming no body nor level.
_SECTOR = re.compile(r"^khoi(?: [a-z]+){1,12}$")


_UNIT_HEADING = re.compile(  # a kind and a name of one to four words, or a number (Phường 3)
    rf"^(?:(?:DANG BO|DANG UY)\s+)?({_KIND})\s+(\d{{1,2}}|[A-Z]+(?: [A-Z]+){{0,3}})$"
)


def unit_heading(text: str) -> str | None:
    """Return the unit a heading row names alone (``Xã Nga An``, ``ĐẢNG BỘ PHƯỜNG 3``), or None.

    Only a unit kind and a short name: a sentence that starts with a unit is no heading.

    Examples
    --------
    >>> unit_heading("XÃ NGA AN"), unit_heading("Đảng bộ phường 3"), unit_heading("Sở Y tế")
    ('Xã Nga An', 'Phường 3', 'Sở Y Tế')
    >>> print(unit_heading("Xã Nga An đề nghị bổ sung, ngày 5/10"), unit_heading("Nguyễn Văn An"))
    None None
    """
    original = nfc(text).strip()
    plain = _plain_upper(original)
    m = _UNIT_HEADING.match(plain)
    if m is None or is_signature(original):
        return None
    name = original[m.start(2) : m.end(2)].strip()
    return f"{_KINDS[m.group(1)]} {name.title()}"


def arg_code(value: str, parse: Any, col: Collector, what: str) -> str | None:
    """Return the code of a ``body=``/``level=`` argument, reporting one that is not valid."""
    code = parse(value)
    if code is None:
        col.at(None, None, value, f"{what}= hợp lệ (a valid {what})", header=what)
    return code
