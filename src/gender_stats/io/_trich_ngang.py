"""The personnel list, *danh sách trích ngang* (private).

Layout::

    DANH SÁCH TRÍCH NGANG BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN QUAN HÓA, NHIỆM KỲ 2015 - 2020
    STT | Họ và tên        | Năm sinh    | Dân tộc | Chức vụ          <- header row 1
        |                  | Nam  | Nữ   |         |                  <- header row 2
    1   | Nguyễn Văn An    | 1968 |      | Kinh    | Bí thư
    2   | Hà Thị Bình      |      | 1975 | Thái    | Phó Bí thư

The birth year sits under the column of the person's sex, so that column gives ``sex``.  ``Năm sinh``
is usually merged over its two columns.  Optional columns: ``Đơn vị``, ``Cơ quan``/``Ban`` (body),
``Nhiệm kỳ``, a person id.  A row ``I. Ban Thường vụ`` sets the body of the rows below it.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pandas as pd

from gender_stats._text import loose_key, nfc
from gender_stats.io._common import (
    NOT_BLANK_ROW,
    NUMBER_AS_TEXT,
    Collector,
    UnitIndex,
    check_merged,
    derive_unit_id,
    header_column,
    letter,
    parse_int_text,
    recode_grid,
    roman_section,
    text_cell,
)
from gender_stats.io._excel import Grid, is_blank
from gender_stats.io._tabular import Table, is_footer, resolve_term, resolve_units, title_term
from gender_stats.io._wide import _is_column_numbers, filled, section_level
from gender_stats.schema import (
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
from gender_stats.vocab import BODIES, parse_body, parse_level, parse_sex

YEAR_BOTH = "năm sinh chỉ ở một cột, Nam hoặc Nữ (a birth year under exactly one sex, found two)"
YEAR_NONE = "năm sinh ở cột Nam hoặc cột Nữ (a birth year under Nam or Nữ, found none)"
NOT_YEAR = "năm sinh là số từ 1900 đến 2100 (a birth year)"
NEED_BODY = (
    "cột Cơ quan/Ban, dòng khối (I. Ban Thường vụ) hoặc tham số body= "
    "(the body: no column, section or argument names it)"
)
NEED_UNIT = "cột Đơn vị hoặc tham số unit= (the unit: no column or argument names it)"


@dataclasses.dataclass
class TrichNgang:
    """Where the parts of a personnel list sit in a grid."""

    header_row: int
    columns: dict[str, int]
    headers: dict[str, str]
    sex_cols: dict[str, int]
    year_header: str


def locate_trich_ngang(grid: Grid) -> TrichNgang | None:
    """Return the layout of a personnel list, or ``None`` when the grid is not one."""
    for r in range(min(30, len(grid.cells) - 1)):
        top, sub = filled(grid, r), filled(grid, r + 1)
        year_cols = [c for c, v in enumerate(top) if header_column(v) == BIRTH_YEAR]
        if not year_cols or not any(header_column(v) == FULL_NAME for v in top):
            continue
        # "Năm sinh" is usually merged over Nam | Nữ; when it is not, Nữ sits in the blank cell next
        candidates = [*year_cols]
        candidates += [c + 1 for c in year_cols if c + 1 < len(top) and is_blank(top[c + 1])]
        sex_cols: dict[str, int] = {}
        for c in candidates:
            sex = parse_sex(sub[c]) if isinstance(sub[c], str) else None
            if sex is not None and sex not in sex_cols:
                sex_cols[sex] = c
        if set(sex_cols) != {"F", "M"}:
            continue
        columns: dict[str, int] = {}
        headers: dict[str, str] = {}
        for c, v in enumerate(top):
            name = header_column(v)
            if name and name not in (BIRTH_YEAR, "row_number") and name not in columns:
                columns[name] = c
                headers[name] = text_cell(v) or name
        year_header = text_cell(top[year_cols[0]]) or BIRTH_YEAR
        return TrichNgang(r, columns, headers, sex_cols, year_header)
    return None


def _title_body(grid: Grid, rows: range) -> str | None:
    """Return a body named in the title block (longest alias first), or ``None``."""
    aliases = sorted(
        ((loose_key(a), code) for code, lab in BODIES.items() for a in (lab.vi, *lab.aliases)),
        key=lambda x: -len(x[0]),
    )
    for r in rows:
        for v in grid.cells[r]:
            if isinstance(v, str):
                key = f" {loose_key(v)} "
                for alias, code in aliases:
                    if len(alias) > 3 and f" {alias} " in key:
                        return code
    return None


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
) -> tuple[pd.DataFrame, Origin, list[int]]:
    """Return the roster frame of a personnel list, its origin and the data rows read."""
    h = tn.header_row
    text_cols = [tn.columns[k] for k in (FULL_NAME, ETHNICITY, POST, UNIT_NAME) if k in tn.columns]
    grid = recode_grid(grid, header_rows=h + 2, columns=text_cols)
    col.grid = grid
    start = h + 2
    if start < len(grid.cells) and _is_column_numbers(grid.cells[start]):
        start += 1
    cols = tn.columns
    data: list[int] = []
    sec_body: dict[int, str | None] = {}
    sec_level: dict[int, str | None] = {}
    cur_body: str | None = None
    cur_level: str | None = None
    name_c = cols[FULL_NAME]
    sections: list[int] = []
    stt_c = _stt(tn, grid, h)
    for r in range(start, len(grid.cells)):
        row = grid.cells[r]
        if all(is_blank(v) for v in row):
            continue
        if is_footer(row):
            break
        label = _section(row, tn)
        if label is not None:
            sections.append(r)
            cur_body = parse_body(label)
            cur_level = section_level(label) if cur_body is None else cur_level
            if cur_body is None and cur_level is None:
                col.at(r, name_c, label, "tên ban (I. Ban Thường vụ) hoặc khối (a body or a level)")
            continue
        data.append(r)
        sec_body[r], sec_level[r] = cur_body, cur_level
        filled_cells = [c for c, v in enumerate(row) if not is_blank(v) and c != stt_c]
        if len(filled_cells) == 1:
            col.whole_row(r, filled_cells[0], row[filled_cells[0]], NOT_BLANK_ROW)
    check_merged(grid, start, sections, col)
    # sex and birth year
    sexes: list[str | None] = []
    years: list[int | None] = []
    fc, mc = tn.sex_cols["F"], tn.sex_cols["M"]
    for r in data:
        f_val, m_val = grid.cells[r][fc], grid.cells[r][mc]
        if not is_blank(f_val) and not is_blank(m_val):
            col.at(r, fc, f_val, YEAR_BOTH, header=f"{tn.year_header} / Nữ")
            sexes.append(None)
            years.append(None)
            continue
        if is_blank(f_val) and is_blank(m_val):
            col.at(r, mc, None, YEAR_NONE, header=f"{tn.year_header} / Nam")
            sexes.append(None)
            years.append(None)
            continue
        sex, c, value = ("F", fc, f_val) if not is_blank(f_val) else ("M", mc, m_val)
        sexes.append(sex)
        year = parse_int_text(value)
        if year is None and not grid.typed and isinstance(value, str) and value.strip().isdigit():
            year = int(value.strip())
        header = f"{tn.year_header} / {'Nữ' if sex == 'F' else 'Nam'}"
        if year is None or not 1900 <= year <= 2100:
            typed_text = grid.typed and isinstance(value, str) and value.strip().isdigit()
            col.at(r, c, value, NUMBER_AS_TEXT if typed_text else NOT_YEAR, header=header)
            year = None
        years.append(year)

    def texts(key: str) -> list[str | None]:
        if key not in cols:
            return [None] * len(data)
        return [text_cell(grid.cells[r][cols[key]]) for r in data]

    names = texts(FULL_NAME)
    for r, n in zip(data, names, strict=True):
        if n is None:
            col.at(r, name_c, None, "họ và tên (a full name)", header=tn.headers[FULL_NAME])
    # body
    bodies: list[str | None]
    body_arg = arg_code(body, parse_body, col, "body") if body is not None else None
    if BODY in cols:
        bodies = [parse_body(t) or t if t else body_arg for t in texts(BODY)]
    else:
        title = _title_body(grid, range(h))
        bodies = [sec_body[r] or body_arg or title for r in data]
        if any(b is None for b in bodies):
            col.at(None, None, None, NEED_BODY, header=BODY)
    # unit and level
    level_arg = arg_code(level, parse_level, col, "level") if level is not None else None
    unit_names = texts(UNIT_NAME) if UNIT_NAME in cols else [unit] * len(data)
    unit_ids = texts(UNIT_ID) if UNIT_ID in cols else None
    if UNIT_NAME not in cols and unit is None and unit_ids is None:
        col.at(None, None, None, NEED_UNIT, header=UNIT_NAME)
    lv_col = [parse_level(t) or t if t else None for t in texts(LEVEL)]
    lvls = [lv_col[i] or sec_level[r] or level_arg for i, r in enumerate(data)]
    ids, unames, lvls = resolve_units(
        grid,
        data,
        [nfc(u) if u else None for u in unit_names],
        unit_ids,
        lvls,
        units,
        cols.get(UNIT_NAME, name_c),
        col,
        tn.headers.get(UNIT_NAME, UNIT_NAME),
    )
    table = Table(grid, h, cols, tn.headers, {}, data, [], title_term(grid, range(h)))
    terms, one_term = resolve_term(table, term, col)
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
                terms if terms is not None else [one_term or "1900-1901"] * len(data), dtype=object
            ),
            UNIT_ID: pd.Series(ids, dtype=object),
            UNIT_NAME: pd.Series(unames, dtype=object),
            LEVEL: pd.Series(lvls, dtype=object),
            BODY: pd.Series([b or "party_committee" for b in bodies], dtype=object),
            PERSON_ID: pd.Series(pids, dtype=object),
            SEX: pd.Series([s or "F" for s in sexes], dtype=object),
            FULL_NAME: pd.Series(names, dtype=object),
            BIRTH_YEAR: pd.array(years, dtype="Int64"),
        }
    )
    for key, name in ((ETHNICITY, ETHNICITY), (POST, POST)):
        if key in cols:
            frame[name] = pd.Series(texts(key), dtype=object)
    where: dict[str, tuple[str | None, str | None]] = {
        k: (letter(c), tn.headers[k]) for k, c in cols.items() if k in tn.headers
    }
    where.setdefault(PERSON_ID, (letter(name_c), tn.headers[FULL_NAME]))
    where.setdefault(UNIT_ID, where.get(UNIT_NAME, (None, UNIT_NAME)))
    origin = Origin(
        file=grid.file,
        sheet=grid.sheet,
        rows={i: grid.rows[r] for i, r in enumerate(data)},
        columns=where,
    )
    return frame, origin, [grid.rows[r] for r in data]


def person_key(unit_id: str | None, full_name: str, birth_year: int | None) -> str:
    """Return the person id built when a list has no id column: ``unit/name/birth year``.

    The name part is :func:`~gender_stats._text.loose_key` with dashes, so case, spacing and tone
    placement do not matter; two people of one unit with the same name and birth year get the same
    id and are reported as a duplicate.

    Examples
    --------
    >>> person_key("quan-hoa", "Hà Thị  Bình", 1975)
    'quan-hoa/ha-thi-binh/1975'
    """
    year = "" if birth_year is None else str(birth_year)
    return f"{unit_id or ''}/{derive_unit_id(full_name)}/{year}"


def _stt(tn: TrichNgang, grid: Grid, h: int) -> int | None:
    return next(
        (c for c, v in enumerate(filled(grid, h)) if header_column(v) == "row_number"), None
    )


def _section(row: list[Any], tn: TrichNgang) -> str | None:
    name = row[tn.columns[FULL_NAME]]
    others = [v for c, v in enumerate(row) if not is_blank(v) and c != tn.columns[FULL_NAME]]
    candidates = [name, *others]
    for v in candidates:
        if isinstance(v, str) and roman_section(v.strip()) is not None:
            label = roman_section(v.strip()) or text_cell(name) or ""
            if label and not re.match(r"^\d", label):
                rest = [x for x in others if x is not v]
                if (
                    all(isinstance(x, str) for x in rest)
                    and is_blank(row[tn.sex_cols["F"]])
                    and is_blank(row[tn.sex_cols["M"]])
                ):
                    return label
    return None


def arg_code(value: str, parse: Any, col: Collector, what: str) -> str | None:
    """Return the code of a ``body=``/``level=`` argument, reporting one that is not valid."""
    code = parse(value)
    if code is None:
        col.at(None, None, value, f"{what}= hợp lệ (a valid {what})", header=what)
    return code
