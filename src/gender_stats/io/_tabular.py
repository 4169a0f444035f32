"""Tidy tables: one header row, one record per row (private).

The header row is the first row (of the first 30) where at least two cells name a canonical column
(:data:`gender_stats.vocab.COLUMN_ALIASES`, compared with :func:`~gender_stats._text.loose_key`, so
``Nữ``, ``NU`` and ``female`` are the same).  Rows above it are the title block (searched for a
term).  Below it, blank rows are skipped, ``STT``/``TT`` columns are ignored, a ``Tổng cộng`` row is
checked against the column sums and not used as data, a signature block (``Người lập biểu``,
``Thanh Hóa, ngày ... tháng ... năm ...``) ends the table, and a row blank except for one cell is a
problem.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Container, Sequence
from typing import Any

from gender_stats._text import loose_key, nfc
from gender_stats.io._common import (
    NOT_BLANK_ROW,
    SHARED_UNIT_NAME,
    UNKNOWN_UNIT,
    Collector,
    UnitIndex,
    check_merged,
    count_cell,
    derive_unit_id,
    expected_percent,
    header_column,
    is_total_label,
    letter,
    parse_int_text,
    percent_ok,
    recode_grid,
    reported_percent,
    text_cell,
)
from gender_stats.io._excel import Grid, is_blank
from gender_stats.io._rows import is_note, is_signature, section_label
from gender_stats.vocab import TermError, normalise_term, parse_term

_FOOTER = re.compile(
    r"^(nguoi lap|thu truong|ky ten|xac nhan|noi nhan|ghi chu|nguon"
    r"|.*\bngay\b.*\bthang\b.*\bnam\b)"
)
TERM_MISSING = (
    "nhiệm kỳ ghi ở tiêu đề (NHIỆM KỲ 2015 - 2020), ở cột Nhiệm kỳ, hoặc truyền term='2015-2020' "
    "(a term: none found in the title, the columns or the arguments)"
)
TERM_CONFLICT = "nhiệm kỳ {given} như tham số term= (the term given as argument)"


@dataclasses.dataclass
class Table:
    """Where a tidy table sits in a grid."""

    grid: Grid
    header_row: int
    columns: dict[str, int]
    headers: dict[str, str]
    extras: dict[str, int]
    data: list[int]
    totals: list[int]
    title_term: tuple[str, int, int] | None
    #: Section rows (``I | Khối huyện``, ``II. Các xã``): structural, never records.
    sections: list[int] = dataclasses.field(default_factory=list)


def find_header(grid: Grid, *, need: Sequence[str], search: int = 30) -> int | None:
    """Return the first row naming at least two canonical columns, one of them in ``need``."""
    for r in range(min(search, len(grid.cells))):
        found = {header_column(v) for v in grid.cells[r]} - {None, "row_number"}
        if len(found) >= 2 and found & set(need):
            return r
    return None


def is_footer(row: Sequence[Any]) -> bool:
    """Return True for the first row of a signature block."""
    first = next((v for v in row if not is_blank(v)), None)
    return isinstance(first, str) and bool(_FOOTER.match(loose_key(first)))


def title_term(grid: Grid, rows: range) -> tuple[str, int, int] | None:
    """Return the term named in the title block, with its cell, or ``None``."""
    for r in rows:
        for c, v in enumerate(grid.cells[r]):
            if isinstance(v, str):
                term = parse_term(nfc(v))
                if term:
                    return term, r, c
    return None


def locate(grid: Grid, col: Collector, *, need: Sequence[str]) -> Table | None:
    """Find the header and data rows of a tidy table; report row-level problems in ``col``."""
    header = find_header(grid, need=need)
    if header is None:
        return None
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    extras: dict[str, int] = {}
    ignore: set[int] = set()
    for c, v in enumerate(grid.cells[header]):
        name = header_column(v)
        if name == "row_number":
            ignore.add(c)
        elif name is not None:
            if name in columns:
                col.at(
                    header,
                    c,
                    v,
                    f"mỗi cột một lần; cột {letter(columns[name])} cũng là {name!r} (a duplicate column)",
                    header=text_cell(v),
                )
                continue
            columns[name] = c
            headers[name] = text_cell(v) or name
        elif not is_blank(v):
            extras[nfc(str(v))] = c
    grid = recode_grid(grid, header_rows=header + 1, columns=range(grid.width))
    col.grid = grid
    data: list[int] = []
    totals: list[int] = []
    used = [c for c in range(grid.width) if c not in ignore]
    ended: int | None = None
    sections: list[int] = []
    for r in range(header + 1, len(grid.cells)):
        row = grid.cells[r]
        # a formula saved without its value reads blank but is not: its row is no blank row
        filled = [c for c in used if not is_blank(row[c]) or (r, c) in grid.no_value]
        anywhere = [c for c in range(grid.width) if not is_blank(row[c])]
        if ended is None and len(anywhere) == 1 and is_note(row[anywhere[0]]):
            continue  # a note between rows, in any column (the STT column too): rows after it read
        if ended is None and _is_section(row, filled, ignore):
            sections.append(r)
            continue
        if not filled:
            if any(not is_blank(row[c]) for c in ignore):
                data.append(r)
                col.whole_row(r, min(ignore), row[min(ignore)], NOT_BLANK_ROW)
            continue
        first = next((v for v in row if not is_blank(v)), None)
        if ended is not None:
            if len(filled) >= 2:  # a record below the signature block is never dropped silently
                data.append(r)
                col.whole_row(
                    r,
                    filled[0],
                    row[filled[0]],
                    "không có dữ liệu sau phần ký tên (no record below the signature block: the "
                    f"table ended at row {grid.rows[ended]})",
                )
            continue
        if len(filled) == 1 and is_note(first):
            continue  # a note between rows: the rows after it are read
        if len(filled) <= 2 and (is_signature(first) or is_footer(row)):
            ended = r
            continue
        if "unit_name" in columns and is_total_label(row[columns["unit_name"]]):
            totals.append(r)
            continue
        data.append(r)
        blank_columns = [
            c for c in range(grid.width) if is_blank(grid.cells[header][c]) and not is_blank(row[c])
        ]
        for c in blank_columns:
            col.at(r, c, row[c], "ô dưới một tiêu đề cột (a value under a column with no header)")
        if len(filled) == 1 and len(columns) + len(extras) > 2:
            col.whole_row(r, filled[0], row[filled[0]], NOT_BLANK_ROW)
    check_merged(grid, header + 1, totals, col)
    term = title_term(grid, range(header))
    return Table(grid, header, columns, headers, extras, data, totals, term, sections)


def _is_section(row: Sequence[Any], filled: Sequence[int], ignore: Container[int]) -> bool:
    """Return True for a section row of a list: a section number and a label, nothing else.

    ``I | Khối huyện``, ``II. Các xã, thị trấn``, ``A | Huyện Nga Sơn`` (a list grouped by unit);
    never ``1 | Nguyễn Văn A`` (a record with its other cells blank, which is a problem).
    """
    if len(filled) != 1 or not isinstance(row[filled[0]], str):
        return False
    stt = next((row[c] for c in range(len(row)) if c in ignore and not is_blank(row[c])), None)
    return section_label(stt, row[filled[0]]) is not None


def resolve_term(
    table: Table, term: str | None, col: Collector
) -> tuple[list[Any] | None, str | None]:
    """Return the term of each data row (from its column) or one term for all rows.

    Order: the ``Nhiệm kỳ`` column, the title block, the ``term=`` argument, the sheet name.  A title
    or column that disagrees with ``term=`` is a problem.
    """
    grid = table.grid
    if term is not None:
        try:  # the term as read_counts takes it: "2015-20", "2015 – 2020", "2099-2104"
            term = normalise_term(term)
        except TermError:
            col.at(None, None, term, "term= dạng 2015-2020 (a term label)", header="term")
            return None, None
    if "term" in table.columns:
        c = table.columns["term"]
        out: list[Any] = []
        for r in table.data:
            raw = grid.cells[r][c]
            parsed = parse_term(text_cell(raw)) if not is_blank(raw) else None
            if parsed is None and not is_blank(raw):
                out.append(text_cell(raw))
            elif parsed is None:
                out.append(term)
            else:
                if term is not None and parsed != term:
                    col.at(r, c, raw, TERM_CONFLICT.format(given=term), table.headers["term"])
                out.append(parsed)
        return out, None
    if table.title_term is not None:
        found, r, c = table.title_term
        if term is not None and found != term:
            col.at(
                r, c, grid.cells[r][c], TERM_CONFLICT.format(given=term), header="(tiêu đề / title)"
            )
            col.blocking = True
            return None, None
        return None, found
    if term is not None:
        return None, term
    from_sheet = parse_term(grid.sheet) if grid.sheet else None
    if from_sheet:
        return None, from_sheet
    col.at(None, None, None, TERM_MISSING, header="term")
    return None, None


def resolve_units(
    grid: Grid,
    rows: Sequence[int],
    names: Sequence[str | None],
    ids: Sequence[str | None] | None,
    levels: Sequence[str | None],
    units: UnitIndex | None,
    name_col: int | None,
    col: Collector,
    name_header: str | None,
) -> tuple[list[str | None], list[str | None], list[str | None]]:
    """Return unit ids, names and levels: from the file, the units table, or derived from names.

    With a units table, a unit is found by its id (when the file has an id column) or by its name
    or an alias; the table's level wins, the name stays as the file writes it (the name the unit
    had in that term; the id links the names).  Without one, a missing id is derived from the name
    (:func:`derive_unit_id`).
    """
    out_ids: list[str | None] = []
    out_names: list[str | None] = []
    out_levels: list[str | None] = []
    for i, r in enumerate(rows):
        name = names[i]
        uid = ids[i] if ids is not None else None
        level = levels[i]
        if units is not None:
            if uid is not None and uid in units.ids:
                known_name, known_level = units.ids[uid]
                out_ids.append(uid)
                out_names.append(name or known_name)
                out_levels.append(known_level)
                continue
            if uid is None and name is not None:
                hit = units.find(name)
                if hit is None:
                    shared = units.sharing(name)
                    expected = (
                        SHARED_UNIT_NAME.format(ids=", ".join(shared), name=name)
                        if shared
                        else UNKNOWN_UNIT
                    )
                    col.at(r, name_col, name, expected, header=name_header)
                    out_ids.append(derive_unit_id(name))
                    out_names.append(name)
                    out_levels.append(level or "missing")  # the unit is reported already
                else:
                    out_ids.append(hit[0])
                    out_names.append(name)
                    out_levels.append(hit[2])
                continue
        if uid is None and name is not None:
            uid = derive_unit_id(name)
        out_ids.append(uid)
        out_names.append(name)
        out_levels.append(level)
    return out_ids, out_names, out_levels


def rows_of_total(t: int, data: Sequence[int]) -> list[int]:
    """Return the data rows a total row at ``t`` sums: those above it, or all when it comes first.

    Examples
    --------
    >>> rows_of_total(9, [5, 6, 7]), rows_of_total(4, [5, 6, 7])
    ([5, 6, 7], [5, 6, 7])
    """
    above = [r for r in data if r < t]
    return above or [r for r in data if r > t]


def check_sum(
    grid: Grid,
    t: int,
    rows: Sequence[int],
    columns: Sequence[tuple[int, str]],
    col: Collector,
    *,
    what: str = "tổng của các dòng phía trên (the sum of the rows above)",
    absent: Container[tuple[int, int]] = (),
) -> dict[int, int]:
    """Check the cells of total row ``t`` against the sum of ``rows``, column by column.

    A column is checked only when every cell summed is a whole number (the others are reported on
    their own); cells in ``absent`` (``(row, column)`` of a body a unit does not have) add nothing.
    Returns the sums, by column position, of the columns that could be summed.
    """
    sums: dict[int, int] = {}
    for c, header in columns:
        values = [parse_int_text(count_cell(grid, r, c)[0]) for r in rows if (r, c) not in absent]
        if any(v is None for v in values):
            continue
        expect = sum(v for v in values if v is not None)
        sums[c] = expect
        reported, why = count_cell(grid, t, c)
        if is_blank(reported):
            continue
        if why is not None:
            col.at(t, c, reported, why, header=header)
        elif parse_int_text(reported) != expect:
            col.at(t, c, reported, f"{expect} = {what}", header=header)
    return sums


def check_share(
    grid: Grid,
    r: int,
    c: int,
    female: Any,
    total: Any,
    header: str,
    col: Collector,
) -> None:
    """Check a reported percentage cell against whole-number ``female`` and ``total``."""
    value = grid.cells[r][c]
    if is_blank(value):
        return
    f, t = parse_int_text(female), parse_int_text(total)
    parsed = reported_percent(value, grid.fmt(r, c))
    if parsed is None:
        col.at(r, c, value, "tỷ lệ phần trăm dạng 12,5 hoặc 12.5 (a percentage)", header=header)
        return
    if f is None or t is None or f < 0 or t < 0 or f > t:
        return  # the counts themselves are reported
    if not percent_ok(parsed, f, t):
        col.at(r, c, value, expected_percent(f, t), header=header)
