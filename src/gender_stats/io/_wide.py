"""The official wide template of the Committee for the Advancement of Women (private).

Layout (the founding letter's attached form)::

    BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ TỈNH THANH HÓA                      <- title block
    BÁO CÁO SỐ LIỆU CÁN BỘ NỮ THAM GIA CẤP ỦY, NHIỆM KỲ 2015 - 2020      (term found here)

    STT | Đơn vị | Ban Chấp hành         | Ban Thường vụ         | ...   <- header row 1 (merged)
        |        | Tổng số | Nữ | Tỷ lệ (%) | Tổng số | Nữ | Tỷ lệ (%) |     <- header row 2
    I   | Khối huyện, thị xã, thành phố                                  <- section: the level
    1   | Huyện Quan Hóa | 39 | 5 | 12,8 | ...                           <- data rows
    ... | Tổng cộng | ...                                               <- checked, not used

An optional row of column numbers (``(1) (2) (3)`` or ``A B 1 2``) under the header is skipped.  A
unit whose cells of one body are all blank has no such body (an agency has no People's Council): it
gets no row for that body; a group only partly filled is a problem.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from typing import Any

import pandas as pd

from gender_stats._text import nfc
from gender_stats.io._common import (
    NOT_BLANK_ROW,
    Collector,
    UnitIndex,
    check_merged,
    count_cell,
    header_column,
    is_total_label,
    letter,
    parse_int_text,
    recode_grid,
    roman_section,
    text_cell,
)
from gender_stats.io._excel import Grid, is_blank
from gender_stats.io._tabular import (
    Table,
    check_share,
    check_sum,
    is_footer,
    resolve_term,
    resolve_units,
    rows_of_total,
    title_term,
)
from gender_stats.schema import BODY, FEMALE, LEVEL, TERM, TOTAL, UNIT_ID, UNIT_NAME, Origin
from gender_stats.vocab import LEVELS, parse_body, parse_level

_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2}|[A-Z])\)?$")
UNKNOWN_BODY = "tên một cơ quan: Ban Chấp hành, Ban Thường vụ, Chức danh chủ chốt, HĐND... (a body)"
NO_LEVEL = (
    "cấp của đơn vị: một dòng khối phía trên (I. Khối huyện) hoặc bảng đơn vị units= "
    "(a level: no section row above and no units table)"
)
UNKNOWN_SECTION = (
    "tên khối nêu rõ cấp, ví dụ Khối huyện, Khối sở, ban, ngành (a section naming a level)"
)


@dataclasses.dataclass
class Group:
    """The columns of one body."""

    body: str
    title: str
    cols: dict[str, int]


@dataclasses.dataclass
class Wide:
    """Where the parts of a wide table sit in a grid."""

    header_row: int
    stt_col: int | None
    name_col: int
    name_header: str
    groups: list[Group]


def filled(grid: Grid, r: int) -> list[Any]:
    """Return row ``r`` with each merged range's value copied over the whole range."""
    row = list(grid.cells[r])
    for r0, c0, r1, c1 in grid.merged:
        if r0 <= r <= r1:
            value = grid.cells[r0][c0]
            for c in range(c0, min(c1 + 1, len(row))):
                row[c] = value
    return row


def locate_wide(grid: Grid, col: Collector | None = None) -> Wide | None:
    """Return the layout of a wide table, or ``None`` when the grid is not one."""
    for r in range(min(30, len(grid.cells) - 1)):
        top, sub = filled(grid, r), filled(grid, r + 1)
        name_cols = [c for c, v in enumerate(top) if header_column(v) == UNIT_NAME]
        if not name_cols:
            continue
        name_col = name_cols[0]
        groups: dict[int, Group] = {}
        unknown: dict[int, Any] = {}
        for c, v in enumerate(sub):
            kind = header_column(v)
            if kind not in (TOTAL, FEMALE, "share") or c == name_col or is_blank(top[c]):
                continue
            start = _range_start(grid, r, c)
            body = parse_body(top[c])
            if body is None:
                unknown.setdefault(start, top[c])
                continue
            group = groups.setdefault(start, Group(body, nfc(str(top[c])), {}))
            group.cols.setdefault(str(kind), c)
        if not groups and not unknown:
            continue
        if col is not None:
            for c, v in unknown.items():
                col.at(r, c, v, UNKNOWN_BODY, header=text_cell(v))
            for g in groups.values():
                for need, word in ((TOTAL, "Tổng số"), (FEMALE, "Nữ")):
                    if need not in g.cols:
                        col.at(
                            r + 1,
                            None,
                            None,
                            f'có cột "{word}" dưới "{g.title}" (a {need} column for this body)',
                            header=g.title,
                        )
        stt = next((c for c, v in enumerate(top) if header_column(v) == "row_number"), None)
        return Wide(r, stt, name_col, text_cell(top[name_col]) or UNIT_NAME, list(groups.values()))
    return None


def _range_start(grid: Grid, r: int, c: int) -> int:
    for r0, c0, r1, c1 in grid.merged:
        if r0 <= r <= r1 and c0 <= c <= c1:
            return c0
    return c


def section_level(label: str) -> str | None:
    """Return the level a section label names (``"Khối huyện, thị xã, thành phố"`` -> district).

    Examples
    --------
    >>> section_level("Khối huyện, thị xã, thành phố"), section_level("Khối sở, ban, ngành")
    ('district', 'agency')
    """
    for text in (label, label.split(",")[0], re.sub(r"^\s*kh[ốo]i\s+", "", label, flags=re.I)):
        code = parse_level(text)
        if code in LEVELS:
            return code
    return None


def read_wide(
    grid: Grid,
    wide: Wide,
    col: Collector,
    *,
    term: str | None,
    units: UnitIndex | None,
) -> tuple[list[tuple[pd.DataFrame, Origin]], list[int]]:
    """Return one frame per body (with its origin) and the data rows read."""
    h = wide.header_row
    grid = recode_grid(grid, header_rows=h + 2, columns=[wide.name_col])
    col.grid = grid
    start = h + 2
    if start < len(grid.cells) and _is_column_numbers(grid.cells[start]):
        start += 1
    data: list[int] = []
    levels: dict[int, str | None] = {}
    section_rows: dict[int, list[int]] = {}
    sections: set[int] = set()
    totals: list[int] = []
    current_level: str | None = None
    current_section: int | None = None
    count_cols = [
        (c, f"{g.title} / {text_cell(grid.cells[h + 1][c]) or k}")
        for g in wide.groups
        for k, c in g.cols.items()
        if k in (TOTAL, FEMALE)
    ]
    for r in range(start, len(grid.cells)):
        row = grid.cells[r]
        if all(is_blank(v) for v in row):
            continue
        if is_footer(row) and not any(isinstance(row[c], (int, float)) for c, _ in count_cols):
            break
        label = _section_label(row, wide)
        if label is not None:
            sections.add(r)
            current_section = r
            section_rows[r] = []
            current_level = section_level(label)
            if current_level is None and units is None:
                col.at(r, wide.name_col, label, UNKNOWN_SECTION, header=wide.name_header)
            continue
        name = row[wide.name_col]
        stt = row[wide.stt_col] if wide.stt_col is not None else None
        if is_total_label(name) or is_total_label(stt):
            totals.append(r)
            continue
        data.append(r)
        levels[r] = current_level
        if current_section is not None:
            section_rows[current_section].append(r)
        filled_cells = [c for c, v in enumerate(row) if not is_blank(v) and c != wide.stt_col]
        if len(filled_cells) == 1 and len(count_cols) > 1:
            col.whole_row(r, filled_cells[0], row[filled_cells[0]], NOT_BLANK_ROW)
    # merged cells in the data area (a one-row section or total label may be merged)
    check_merged(grid, start, [*sections, *totals], col)
    # totals and subtotals; a unit without a body (its group all blank) adds nothing
    absent = {
        (r, c)
        for g in wide.groups
        for r in data
        if all(is_blank(grid.cells[r][c]) for c in g.cols.values())
        for c in g.cols.values()
    }
    for t in totals:
        sums = check_sum(grid, t, rows_of_total(t, data), count_cols, col, absent=absent)
        _check_group_shares(grid, t, wide, sums, col)
    for s, rows in section_rows.items():
        if any(not is_blank(grid.cells[s][c]) for c, _ in count_cols):
            what = "tổng các dòng của khối (the sum of the section's rows)"
            sums = check_sum(grid, s, rows, count_cols, col, what=what, absent=absent)
            _check_group_shares(grid, s, wide, sums, col)
    # term
    table = Table(grid, h, {}, {}, {}, data, totals, title_term(grid, range(h)))
    _, one_term = resolve_term(table, term, col)
    # units
    names = [text_cell(grid.cells[r][wide.name_col]) for r in data]
    for r, n in zip(data, names, strict=True):
        if n is None:
            col.at(r, wide.name_col, None, "tên đơn vị (a unit name)", header=wide.name_header)
    ids, names, lvls = resolve_units(
        grid,
        data,
        names,
        None,
        [levels[r] for r in data],
        units,
        wide.name_col,
        col,
        wide.name_header,
    )
    for r, n, lv in zip(data, names, lvls, strict=True):
        if lv is None and n is not None:
            col.at(r, wide.name_col, n, NO_LEVEL, header=wide.name_header)
    frames = []
    for g in wide.groups:
        if TOTAL not in g.cols or FEMALE not in g.cols:
            continue
        # a unit without this body leaves the whole group blank: no row for it
        kept = [
            i
            for i, r in enumerate(data)
            if any(not is_blank(grid.cells[r][c]) for c in g.cols.values())
        ]
        rows_g = [data[i] for i in kept]
        totals_v, female_v = [], []
        for r in rows_g:
            values = []
            for k in (TOTAL, FEMALE):
                v, why = count_cell(grid, r, g.cols[k])
                if why is not None:
                    col.at(r, g.cols[k], v, why, header=_hdr(grid, h, g, k))
                    v = None
                values.append(v)
            totals_v.append(values[0])
            female_v.append(values[1])
            if "share" in g.cols:
                check_share(
                    grid, r, g.cols["share"], values[1], values[0], _hdr(grid, h, g, "share"), col
                )
        frame = pd.DataFrame(
            {
                TERM: [one_term or "1900-1901"] * len(kept),
                UNIT_ID: pd.Series([ids[i] for i in kept], dtype=object),
                UNIT_NAME: pd.Series([names[i] for i in kept], dtype=object),
                LEVEL: pd.Series([lvls[i] for i in kept], dtype=object),
                BODY: [g.body] * len(kept),
                TOTAL: pd.Series(totals_v, dtype=object),
                FEMALE: pd.Series(female_v, dtype=object),
            }
        )
        origin = Origin(
            file=grid.file,
            sheet=grid.sheet,
            rows={i: grid.rows[r] for i, r in enumerate(rows_g)},
            columns={
                TOTAL: (letter(g.cols[TOTAL]), _hdr(grid, h, g, TOTAL)),
                FEMALE: (letter(g.cols[FEMALE]), _hdr(grid, h, g, FEMALE)),
                UNIT_NAME: (letter(wide.name_col), wide.name_header),
                UNIT_ID: (letter(wide.name_col), wide.name_header),
                LEVEL: (letter(wide.name_col), wide.name_header),
            },
        )
        frames.append((frame, origin))
    return frames, [grid.rows[r] for r in data]


def _hdr(grid: Grid, h: int, g: Group, kind: str) -> str:
    return f"{g.title} / {text_cell(grid.cells[h + 1][g.cols[kind]]) or kind}"


def _check_group_shares(
    grid: Grid, t: int, wide: Wide, sums: dict[int, int], col: Collector
) -> None:
    for g in wide.groups:
        if "share" in g.cols and g.cols.get(TOTAL) in sums and g.cols.get(FEMALE) in sums:
            check_share(
                grid,
                t,
                g.cols["share"],
                sums[g.cols[FEMALE]],
                sums[g.cols[TOTAL]],
                _hdr(grid, wide.header_row, g, "share"),
                col,
            )


def _section_label(row: list[Any], wide: Wide) -> str | None:
    """Return the label of a section row, or None for other rows."""
    stt = row[wide.stt_col] if wide.stt_col is not None else None
    name = row[wide.name_col]
    if isinstance(stt, str) and roman_section(stt.strip()) == "":
        return text_cell(name) or ""
    for v in (name, stt):
        label = roman_section(v)
        if label:
            return label
    return None


def _is_column_numbers(row: list[Any]) -> bool:
    """Return True for a row of column numbers: optional letters, then consecutive numbers."""
    tokens = []
    for v in row:
        if is_blank(v):
            continue
        n = parse_int_text(v)
        text = str(n) if n is not None else str(v).strip()
        match = _COLUMN_NUMBER.match(text)
        if not match:
            return False
        tokens.append(match.group(1))
    letters = [t for t in tokens if not t.isdigit()]
    numbers = [int(t) for t in tokens if t.isdigit()]
    if len(tokens) < 3 or tokens[: len(letters)] != letters:
        return False
    return all(b == a + 1 for a, b in itertools.pairwise(numbers))
