"""The public readers: :func:`read_counts`, :func:`read_roster`, :func:`read_units` (private module).

Numbers typed as text
    In a workbook (XLSX) or Parquet file, cells keep their type.  A count typed as *text*
    (``"12"``, often with a green triangle in Excel) is read as the number and its cells named in a
    :class:`TableWarning` (Excel's own sums skip such cells, so a total row that disagrees is then
    reported by the sums check); a grouped ``"2.000"`` follows the file's number style or is a
    reported ambiguity.  A birth year or date typed as text (``"1982"``, ``"05/3/1982"``, as lists
    often type them) is read as written, silently: unlike a count, no sum skips it.  CSV files
    are text by nature: there ``12`` is read as the number 12 (and ``12,0``/``12.0`` as 12.0).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import warnings
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from gender_stats._text import loose_key
from gender_stats.errors import ArgumentError, DataError, FileFormatError, GenderStatsError, Problem
from gender_stats.io import _counts, _header, _transposed
from gender_stats.io._arrow_text import (
    arrow_pool,
    dictionary_categorical,
    normalise_strings,
    one_dictionary,
)
from gender_stats.io._birth import parse_birth
from gender_stats.io._common import (
    Collector,
    UnitIndex,
    count_cell,
    has_total_label,
    letter,
    prepare_units,
    raise_if_problems,
    recode_grid,
    recode_top,
    run_validator,
    text_cell,
)
from gender_stats.io._excel import (
    MAX_CELL_CHARS,
    Grid,
    as_path,
    is_blank,
    load_grids,
    sniff_delimiter,
)
from gender_stats.io._levels import INFERRED_LEVEL_TEMPLATE, InferredLevelWarning
from gender_stats.io._rows import REPORTED, ReadingLog, RowClass
from gender_stats.io._tabular import (
    Table,
    find_header,
    locate,
    resolve_units,
)
from gender_stats.io._trich_ngang import (
    UNIT_AMBIGUOUS,
    arg_code,
    birth_dates,
    infer_missing_levels,
    is_mark,
    list_title_copied,
    list_title_term,
    list_title_unit,
    locate_trich_ngang,
    person_key,
    read_trich_ngang,
    report_formulas,
    report_same_name_and_year,
    sheet_body,
    split_hidden,
    term_or_why,
    title_body,
)
from gender_stats.schema import (
    BIRTH_DATE,
    BIRTH_YEAR,
    BODY,
    COUNTS_KEY,
    ETHNICITY,
    FEMALE,
    FULL_NAME,
    LEVEL,
    PERSON_ID,
    POST,
    SEX,
    TERM,
    TOTAL,
    UNIT_ID,
    UNIT_NAME,
    Origin,
    _categorical_text,
    _mark_validated,
    built_canonical,
    validate_counts,
    validate_roster,
    validate_units,
)
from gender_stats.vocab import parse_body, parse_level, parse_sex, parse_term

__all__ = ["read_counts", "read_roster", "read_units"]

Layout = Literal["auto", "tidy", "wide", "trich_ngang"]
_PLACEHOLDER_TERM = "1900-1901"  # stands in for a term already reported missing
_MISSING = "missing"  # stands in for a level whose column is already reported missing

NO_TABLE = "một dòng tiêu đề cột có {need} (a header row naming these columns; none found in the first 30 rows)"
MISSING_COLUMN = 'có cột "{col}" (a column for {col}); các cột nhận ra: {found}'


def _names_or_ids(
    names: Sequence[str | None], ids: Sequence[str | None], has_names: bool
) -> list[str | None]:
    """Return the unit names; a file with ids and no name column is named by its ids."""
    if has_names:
        return list(names)
    return [n or i for n, i in zip(names, ids, strict=True)]


def _missing(col: Collector, table: Table, needed: Sequence[str]) -> list[str]:
    missing = [c for c in needed if c not in table.columns]
    for c in missing:
        found = [f"{table.headers[k]} = {k}" for k in table.columns]
        col.at(table.header_row, None, None, MISSING_COLUMN.format(col=c, found=found), header=c)
        col.blocking = True
    return missing


def _texts(grid: Grid, table: Table, key: str) -> list[str | None]:
    if key not in table.columns:
        return [None] * len(table.data)
    return [text_cell(grid.cells[r][table.columns[key]]) for r in table.data]


def _coded(values: list[str | None], parse: Callable[[Any], str | None]) -> list[str | None]:
    return [None if v is None else (parse(v) or v) for v in values]


def _origin(table: Table) -> Origin:
    grid = table.grid
    cols: dict[str, tuple[str | None, str | None]] = {
        k: (letter(c), table.headers[k]) for k, c in table.columns.items()
    }
    if UNIT_ID not in cols and UNIT_NAME in cols:
        cols[UNIT_ID] = cols[UNIT_NAME]
    return Origin(
        file=grid.file,
        sheet=grid.sheet,
        rows={i: grid.rows[r] for i, r in enumerate(table.data)},
        columns=cols,
    )


def _counts_cells(table: Table, key: str, col: Collector) -> list[Any]:
    grid = table.grid
    out = []
    c = table.columns.get(key)
    for r in table.data:
        if c is None:
            out.append(0)
            continue
        value, why = count_cell(grid, r, c)
        if why is not None:
            col.at(r, c, value, why, header=table.headers[key])
            value = None
        out.append(value)
    return out


def _legacy_headers(grid: Grid, found: Callable[[Grid], object]) -> Grid:
    """Return ``grid``, or its legacy-converted copy when only that has a recognisable header."""
    if found(grid) is not None:
        return grid
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            other = recode_top(grid)
        except FileFormatError:  # not legacy text after all: report the missing header instead
            return grid
    if other is not grid and found(other) is not None:
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        return other
    return grid


def _sheet_counts(
    grid: Grid,
    *,
    opts: _counts.Options,
    units_df: pd.DataFrame | None,
    layout: Layout,
    log: ReadingLog,
) -> tuple[pd.DataFrame, int]:
    grid = _legacy_headers(grid, lambda g: _locate_counts(g, layout))
    col = Collector(grid)
    header = _locate_counts(grid, layout)
    if header is None or (
        layout == "wide"
        and not isinstance(header, _transposed.Transposed)
        and not any(s.body for s in header.series)
    ):
        _transposed_or_fail(grid, col, layout)
        raise AssertionError  # pragma: no cover - the call above raises
    with warnings.catch_warnings(record=True) as caught:
        # warnings are given only when the sheet reads: a failing sheet raises its problems alone
        warnings.simplefilter("always")
        sheet_log = ReadingLog()
        if isinstance(header, _transposed.Transposed):
            result = _transposed.read_transposed(grid, header, col, sheet_log, opts)
        else:
            grid = recode_grid(
                grid,
                header_rows=header.first_data,
                columns=[
                    c for k, c in header.keys.items() if k in (UNIT_NAME, BODY, LEVEL, "note")
                ],
            )
            col.grid = grid
            result = _counts.read_sheet(grid, header, col, sheet_log, opts)
        log.extend(sheet_log)
        found = []
        for frame, origin in result.frames:
            ok, problems = run_validator(validate_counts, frame, origin, units=units_df)
            col.merge(problems)
            if ok is not None:
                found.append(ok)
    _finish_log(col, sheet_log, log)
    raise_if_problems(col, result.data_rows, log=sheet_log)
    if not found:
        col.at(None, None, None, NO_ROWS)
        raise_if_problems(col, [], log=sheet_log)
    for w in caught:  # said at the user's call of read_counts
        warnings.warn(w.message, w.category, stacklevel=5)
    out = pd.concat(found, ignore_index=True)
    dup = out.duplicated(list(COUNTS_KEY), keep="first")
    if dup.any():
        for i in out.index[dup.to_numpy()]:
            col.at(
                None,
                None,
                ", ".join(str(out.at[i, k]) for k in COUNTS_KEY),
                "mỗi nhiệm kỳ × đơn vị × cơ quan một lần trong trang (given once per sheet: two "
                "column groups or rows give the same unit and body)",
            )
        raise_if_problems(col, result.data_rows, log=sheet_log)
    return out, len(result.data_rows)


NO_ROWS = (
    "ít nhất một dòng số liệu dưới tiêu đề (at least one data row below the header; the table is "
    "empty)"
)


def _locate_counts(grid: Grid, layout: Layout) -> Any:
    if layout in ("auto", "transposed", "btctw_9"):
        found = _transposed.locate_transposed(grid)
        if found is not None or layout != "auto":
            return found
    return _counts.locate(grid)


def _transposed_or_fail(grid: Grid, col: Collector, layout: Layout) -> None:
    need = {
        "transposed": "cột tiêu chí (TỔNG SỐ, Trong đó: Nữ) và các cơ quan theo cột",
        "btctw_9": "Biểu 9A/9B/9C: cột tiêu chí (TỔNG SỐ, Nữ) và các cơ quan theo cột",
        "wide": "Đơn vị và nhóm Tổng số / Nữ của mỗi cơ quan",
    }.get(str(layout), "Đơn vị (hoặc Cấp / Nội dung), Tổng số, Nữ")
    found = _header.diagnose(grid) if layout == "auto" else None
    if found is None:
        col.at(None, None, None, NO_TABLE.format(need=need))
        raise_if_problems(col, [])
        return
    r, names = found
    known = [f"{_header.text_of(grid.cells[r][c])} = {k}" for k, c in names.items()]
    for need_col in (UNIT_NAME, TOTAL, FEMALE):
        if need_col == UNIT_NAME and names.keys() & {UNIT_NAME, UNIT_ID, LEVEL, BODY}:
            continue
        if need_col == TOTAL and names.keys() & {TOTAL, "male"}:
            continue
        if need_col not in names:
            col.at(r, None, None, MISSING_COLUMN.format(col=need_col, found=known), header=need_col)
    if not col.problems:  # the names are there but do not make a table (e.g. numbers in the header)
        col.at(r, None, None, NO_TABLE.format(need=need))
    col.blocking = True
    rows = [
        grid.rows[i]
        for i in range(r + 1, len(grid.cells))
        if any(not is_blank(v) for v in grid.cells[i])
    ]
    raise_if_problems(col, rows)


def _finish_log(col: Collector, sheet_log: ReadingLog, log: ReadingLog) -> None:
    """Mark the data rows that carry problems as reported in the log."""
    bad = {p.row for p in col.problems if isinstance(p.row, int)}
    if col.blocking or any(p.row is None for p in col.problems):
        bad = {e.row for e in sheet_log.entries if e.kind == RowClass.DATA}
    for target in (sheet_log, log):
        target.set_outcome(col.grid.file, col.grid.sheet, bad, REPORTED)


def _has_numbers(grid: Grid) -> bool:
    return any(
        isinstance(v, (int, float)) and not isinstance(v, bool) for row in grid.cells for v in row
    )


#: Sheet names that say "this sheet sums the others".
_SUMMARY_NAMES = ("tong hop", "tong cong", "summary", "tong so", "toan tinh", "th")


def _is_summary_name(name: str | None) -> bool:
    key = loose_key(name or "")
    return bool(key) and (key in _SUMMARY_NAMES or key.startswith(_SUMMARY_NAMES[:4]))


def _pass_over_summaries(failed: Sequence[tuple[Grid, DataError]], log: ReadingLog) -> None:
    """Warn that summary sheets ("Tổng hợp") that do not read as a table of units are passed over.

    Such a sheet sums the others (no unit column, the province named nowhere): its figures are not
    data of their own, so it is not counted; it is named so the user knows it was not checked.
    """
    for grid, err in failed:
        first = err.problems[0] if err.problems else None
        why = f": {first.expected}" if first is not None else ""
        msg = (
            f'tệp "{grid.file}": trang "{grid.sheet}" là trang tổng hợp, không đọc được như bảng số '
            f"liệu các đơn vị ({len(err.problems)} lỗi{why}); bỏ qua, không cộng thêm và không "
            f'đối chiếu với các trang khác (the summary sheet "{grid.sheet}" does not read as a '
            "table of units: passed over, not counted and not checked against the other sheets). "
            "Hint: sheet=... để đọc riêng trang này (to read it alone)."
        )
        warnings.warn(msg, _counts.TableWarning, stacklevel=4)
        log.notes.append(msg)
        logged = any(e.file == grid.file and e.sheet == grid.sheet for e in log.entries)
        log.pass_over(
            grid.file,
            grid.sheet,
            PASSED_SUMMARY_UNREAD,
            () if logged else _sheet_rows(grid),
            kind=RowClass.DATA,
            outcome=REPORTED,
        )


#: Why a sheet is not used, as the reading log says (the rows of the sheet carry it too).
PASSED_HIDDEN = "trang ẩn, bỏ qua (a hidden sheet, passed over; include_hidden=True reads it)"
PASSED_NO_NUMBER = "trang không có số nào, bỏ qua (a sheet with no number: instructions)"
PASSED_METADATA = "trang thông tin của mẫu (the template's own metadata sheet, not data)"
PASSED_SUMMARY_UNREAD = (
    "trang tổng hợp không đọc được như bảng đơn vị, bỏ qua (a summary sheet that does not read "
    "as a table of units, passed over)"
)
PASSED_SUMMARY = (
    "trang tổng hợp {kind}: không dùng, không cộng hai lần (a summary sheet: not used, not "
    "added twice)"
)


def _sheet_rows(grid: Grid) -> list[tuple[int, str]]:
    """Return ``(row number, first text)`` of each non-blank row of a sheet."""
    out = []
    for r, row in enumerate(grid.cells):
        filled = [v for v in row if not is_blank(v)]
        if filled:
            out.append(
                (grid.rows[r], str(next((v for v in filled if isinstance(v, str)), filled[0])))
            )
    return out


def _warn_text_numbers(grid: Grid, log: ReadingLog) -> None:
    """Say which count cells of a workbook were typed as text (and read as numbers)."""
    if not grid.text_numbers:
        return
    cells = sorted(grid.text_numbers)
    names = [f"{letter(c)}{grid.rows[r]}" for r, c in cells[:8]]
    more = f" và {len(cells) - 8} ô khác (and {len(cells) - 8} more)" if len(cells) > 8 else ""
    where = f'tệp "{grid.file}"' + (f', trang "{grid.sheet}"' if grid.sheet else "")
    msg = (
        f"{where}: {len(cells)} ô số gõ dạng chữ đã được đọc như số (count cells typed as text, "
        f"read as numbers): {', '.join(names)}{more}. Excel không cộng các ô này trong =SUM "
        "(Excel's own sums skip them). Hint: chọn các ô, Convert to Number."
    )
    warnings.warn(msg, _counts.TableWarning, stacklevel=4)
    log.notes.append(msg)


def _combine(
    source: str | Path,
    sheet: str | None,
    read: Callable[[Grid], tuple[pd.DataFrame, int]],
    key: Sequence[str],
    *,
    include_hidden: bool = False,
    log: ReadingLog | None = None,
    summaries: bool = False,
    on_mismatch: str = "warn",
) -> pd.DataFrame:
    grids = load_grids(source, sheet=sheet)
    frames: list[pd.DataFrame] = []
    errors: list[DataError] = []
    summary_errors: list[tuple[Grid, DataError]] = []
    rows_ok = 0
    log = log if log is not None else ReadingLog()
    # the metadata sheet of the library's own templates is hidden on purpose: not data, no warning
    for g in grids:
        if g.sheet == "_gender_stats" and sheet != "_gender_stats":
            log.pass_over(g.file, g.sheet, PASSED_METADATA, _sheet_rows(g))
    grids = [g for g in grids if g.sheet != "_gender_stats" or sheet == "_gender_stats"]
    hidden = [g.sheet for g in grids if g.hidden and sheet is None]
    if hidden and not include_hidden:
        for g in grids:
            if g.hidden:
                log.pass_over(
                    g.file,
                    g.sheet,
                    PASSED_HIDDEN,
                    _sheet_rows(g),
                    kind=RowClass.HIDDEN,
                    outcome=REPORTED,
                )
        grids = [g for g in grids if not g.hidden]
        msg = (
            f'Tệp "{Path(source).name}": bỏ qua trang ẩn (hidden sheets passed over): '
            + ", ".join(f'"{h}"' for h in hidden)
            + ". Hint: include_hidden=True để đọc cả trang ẩn (to read them)."
        )
        warnings.warn(msg, _counts.HiddenDataWarning, stacklevel=3)
        log.notes.append(msg)
    if sheet is None and len(grids) > 1:
        # a sheet of instructions (text only, no number anywhere) holds no data
        numeric = [g for g in grids if _has_numbers(g)]
        passed = [g.sheet for g in grids if g not in numeric]
        if numeric and passed:
            log.notes.append(
                "trang không có số, bỏ qua (sheets with no number, passed over): "
                + ", ".join(f'"{p}"' for p in passed)
            )
            for g in grids:
                if g not in numeric:
                    log.pass_over(g.file, g.sheet, PASSED_NO_NUMBER, _sheet_rows(g))
        grids = numeric or grids
    for grid in grids:
        if not grid.cells:
            errors.append(
                DataError(
                    [
                        Problem(
                            "một trang có dữ liệu (a sheet with data)", None, grid.file, grid.sheet
                        )
                    ],
                    rows_read=0,
                    rows_reported=0,
                )
            )
            continue
        try:
            frame, n = read(grid)
        except DataError as err:
            if sheet is None and len(grids) > 1 and _is_summary_name(grid.sheet):
                summary_errors.append((grid, err))
            else:
                errors.append(err)
        else:
            frames.append(frame.assign(_sheet=grid.sheet))
            rows_ok += n
            _warn_text_numbers(grid, log)
    if summary_errors and not frames:
        errors.extend(err for _, err in summary_errors)
    elif summary_errors:
        _pass_over_summaries(summary_errors, log)
    if errors:
        combined = DataError.combine(errors)
        failure = DataError(
            combined.problems,
            source=combined.source,
            rows_read=combined.rows_read + rows_ok,
            rows_reported=combined.rows_reported,
        )
        failure.reading = log
        raise failure
    if (summaries and len(frames) > 2) or (summaries and len(frames) == 2):
        frames = _drop_summaries(frames, key, log, Path(source).name, on_mismatch)
    frame = pd.concat(frames, ignore_index=True)
    if summaries and UNIT_NAME in frame.columns:
        _refuse_totals_as_units(frame, Path(source).name, rows_ok, log)
    if len(frames) > 1:
        dup = frame.duplicated(list(key), keep=False)
        if dup.any():
            problems = [
                Problem(
                    expected=f"mỗi {' × '.join(key)} một lần trong cả tệp (given once across sheets)",
                    value=", ".join(str(frame.at[i, k]) for k in key),
                    file=Path(source).name,
                    sheet=str(frame.at[i, "_sheet"]),
                )
                for i in frame.index[dup.to_numpy()]
            ]
            failure = DataError(
                problems, rows_read=rows_ok, rows_reported=min(int(dup.sum()), rows_ok)
            )
            failure.reading = log
            raise failure
    out = frame.drop(columns="_sheet")
    out.attrs["reading"] = log
    return out


def _refuse_totals_as_units(frame: pd.DataFrame, file: str, rows: int, log: ReadingLog) -> None:
    """Raise when a sheet of totals only left its total rows ("Tổng cộng") as units.

    Such a sheet is read as data so that a summary is checked against the other sheets; one
    that is not a summary of them has no unit: whose total it is, ``unit_name=`` says.
    """
    from gender_stats.io._rows import sum_kind

    names = frame[UNIT_NAME].astype(str)
    totals = names.map(sum_kind).notna().to_numpy(dtype=bool)
    if not totals.any():
        return
    problems = [
        Problem(
            _counts.TOTALS_ONLY,
            names.iloc[i],
            file,
            str(frame.at[i, "_sheet"]) if frame.at[i, "_sheet"] is not None else None,
            header=UNIT_NAME,
        )
        for i in dict.fromkeys(
            int(np.flatnonzero(totals & (names == n).to_numpy())[0]) for n in names[totals]
        )
    ]
    failure = DataError(problems, rows_read=rows, rows_reported=int(totals.sum()))
    failure.reading = log
    raise failure


#: A sheet whose figures equal the sum of the others but that says nowhere it is a summary.
SUMMARY_BY_FIGURES_ONLY = (
    "trang tổng hợp được gọi tên (Tổng hợp, Toàn tỉnh, Cộng ...) hoặc trang số liệu của đơn vị "
    "riêng (a sheet named as a summary, or one naming a unit of its own); trang này không nói là "
    "tổng hợp, không nêu đơn vị riêng nào, nhưng số liệu bằng tổng các trang khác (this sheet does "
    "not say it is a summary and names no unit of its own, yet its figures equal the sum of the "
    "other sheets). "
    'Hint: đổi tên trang thành "Tổng hợp" nếu là trang tổng hợp, hoặc ghi tên đơn vị; '
    "sheet=... để đọc riêng một trang"
)


def _rows_say_total(frame: pd.DataFrame) -> bool:
    """Return whether every row of ``frame`` is named as a total ("Tổng cộng", "Toàn tỉnh")."""
    from gender_stats.io._rows import sum_kind

    if UNIT_NAME not in frame.columns or not len(frame):
        return False
    return bool(frame[UNIT_NAME].map(sum_kind).notna().all())


def _names_own_unit(frame: pd.DataFrame, rest: pd.DataFrame) -> bool:
    """Return whether a row of ``frame`` names a unit that none of the other sheets names."""
    if UNIT_ID not in frame.columns or UNIT_ID not in rest.columns:
        return False
    named = frame[UNIT_ID].dropna().astype(str)
    named = named[named.str.strip() != ""]
    return bool(len(named)) and not set(named).issubset(set(rest[UNIT_ID].dropna().astype(str)))


def _drop_summaries(
    frames: list[pd.DataFrame],
    key: Sequence[str],
    log: ReadingLog,
    file: str,
    on_mismatch: str,
) -> list[pd.DataFrame]:
    """Return the sheets without those that repeat or sum the others (checked against them)."""
    kept = list(frames)
    for frame in list(frames):
        others = [f for f in kept if f is not frame]
        if not others:
            break
        name = str(frame["_sheet"].iloc[0]) if len(frame) else ""
        rest = pd.concat(others, ignore_index=True)
        merged = frame.merge(rest, on=list(key), how="left", suffixes=("", "_o"), indicator=True)
        named = _is_summary_name(name)
        differs: list[str] = []
        same_keys = set(map(tuple, frame[list(key)].to_numpy().tolist())) == set(
            map(tuple, rest[list(key)].to_numpy().tolist())
        )
        if (
            (merged["_merge"] == "both").all()
            and len(merged) == len(frame)
            and (named or same_keys)
        ):
            for _, row in merged.iterrows():
                for k in (TOTAL, FEMALE):
                    if row[k] != row[f"{k}_o"]:
                        differs.append(
                            f"{row[UNIT_ID]} {row[BODY]} {k}: {row[k]} ≠ {row[f'{k}_o']}"
                        )
            if differs and not named:
                continue
            kind = "lặp lại các trang khác (repeats the other sheets)"
        else:
            pooled = rest.groupby([TERM, BODY], as_index=False)[[TOTAL, FEMALE]].sum()
            per = frame.groupby([TERM, BODY]).size()
            if not (per == 1).all():
                if named:
                    log.notes.append(
                        f'{file}: trang "{name}" có tên như trang tổng hợp nhưng không lặp lại hay '
                        "cộng các trang khác; đọc như một trang số liệu (read as data)"
                    )
                continue
            cmp = frame.merge(pooled, on=[TERM, BODY], how="left", suffixes=("", "_o"))
            if cmp[f"{TOTAL}_o"].isna().any():
                continue
            for _, row in cmp.iterrows():
                for k in (TOTAL, FEMALE):
                    if int(row[k]) != int(row[f"{k}_o"]):
                        differs.append(
                            f"{row[BODY]} {k}: {row[k]} ≠ {row[f'{k}_o']} (tổng các trang)"
                        )
            if differs and not named:
                continue
            if not named and not _rows_say_total(frame):
                if _names_own_unit(frame, rest):
                    continue  # a unit of its own whose figures happen to equal the others' sum
                failure = DataError([Problem(SUMMARY_BY_FIGURES_ONLY, name, file, name)])
                failure.reading = log
                raise failure
            kind = "là tổng của các trang khác (sums the other sheets)"
        kept = others
        sheet_file = next((e.file for e in log.entries if e.sheet == name), file)
        log.pass_over(sheet_file, name, PASSED_SUMMARY.format(kind=kind))
        note = f'{file}: trang "{name}" {kind}: không cộng hai lần (not added twice), đã đối chiếu'
        if differs:
            msg = note + " — lệch (mismatches): " + "; ".join(differs[:10])
            if on_mismatch == "raise":
                raise DataError(
                    [
                        Problem(
                            "trang tổng hợp khớp với các trang khác (a summary sheet "
                            "that agrees with the other sheets)",
                            "; ".join(differs[:10]),
                            file,
                            name,
                        )
                    ]
                )
            warnings.warn(msg, _counts.MismatchWarning, stacklevel=4)
            log.notes.append(msg)
        else:
            log.notes.append(note)
    return kept


#: ``attrs`` key of the synthetic mark: a frame read from the bundled sample folder carries it.
SYNTHETIC = "synthetic"


def _marked(frame: pd.DataFrame, source: Any) -> pd.DataFrame:
    """Mark ``frame`` as synthetic when ``source`` is a file of the bundled sample folder."""
    try:
        folder = Path(str(resources.files("gender_stats") / "_data" / "sample")).resolve()
        inside = Path(source).resolve().is_relative_to(folder)
    except (TypeError, OSError, ValueError):
        return frame
    if inside:
        frame.attrs[SYNTHETIC] = True
    return frame


def read_counts(
    source: str | Path,
    *,
    sheet: str | None = None,
    term: str | None = None,
    units: pd.DataFrame | None = None,
    layout: Layout = "auto",
    body: str | None = None,
    level: str | None = None,
    unit_name: str | None = None,
    unit_id: str | None = None,
    on_mismatch: Literal["warn", "raise"] = "warn",
    include_hidden: bool = False,
    thousands: Literal[".", ","] | None = None,
) -> pd.DataFrame:
    r"""Read a counts file, in any of the shapes offices send, into canonical counts.

    Parameters
    ----------
    source : str or Path
        A ``.xlsx``/``.xlsm``, ``.xls`` (Excel 97-2003), ``.ods``, ``.csv`` (UTF-8 with or without BOM,
        or UTF-16; comma, semicolon or tab) or ``.parquet`` file.  The content decides the format, so
        a renamed file is read as what it is.
    sheet : str, optional
        One sheet; by default every visible sheet that holds data (e.g. one per term or per unit),
        concatenated.  A sheet with no number at all (instructions) is passed over; a summary sheet
        ("Tổng hợp") that repeats or sums the others is checked against them, not added twice.
    term : str, optional
        The term (``"2015-2020"``, ``"2015 – 2020"``, ``"2015-20"``) when the file does not name it; a
        title or column that names another term is a problem.  A congress number (``ĐẢNG BỘ …
        KHÓA XV``, ``ĐẠI HỘI LẦN THỨ XX``) is not a term: pass ``term=``.
    units : pandas.DataFrame, optional
        A units table: unit names (and ``|``-separated aliases) are matched to find ``unit_id`` and
        ``level``; its levels win.  Without one, a missing id is derived from the name and a missing
        level from a section row or, with an :class:`InferredLevelWarning`, the name itself.
    layout : {"auto", "tidy", "wide", "levels", "per_unit", "transposed", "btctw_9", "hdbc_30"}
        ``"auto"`` recognises each shape from its header.  ``"btctw_9"`` (= ``"transposed"``) is the
        Central Organisation Commission's Biểu 9A/9B/9C (criteria down, bodies and posts across);
        ``"hdbc_30"`` (= ``"levels"``) is the election result form Mẫu số 30/HĐBC (one row per level).
        A planning form (``quy hoạch``, Biểu 12B/12C) needs ``body="planning_pool"``: its columns
        are the pools for each body, not the bodies.
    body, level : str, optional
        The body (``"party_committee"``, ``"BCH"``, ``"HĐND"``) or level for a table that does not say
        it in a column or a header group (e.g. ``Đơn vị | Tổng số | Nữ`` of party committees).
    unit_name, unit_id : str, optional
        The unit, for a table that is one unit (rows are bodies or levels) and names it nowhere.
    on_mismatch : {"warn", "raise"}, default "warn"
        What a total row or a reported percentage that disagrees with the counts does: a
        :class:`MismatchWarning` (the counts, the primary data, are kept) or a problem.
    include_hidden : bool, default False
        Read hidden rows and sheets too.  By default they are passed over with a
        :class:`HiddenDataWarning` naming them, and listed in the reading log.
    thousands : {".", ","}, optional
        The thousands separator of numbers typed as text (CSV); by default decided per file from
        the evidence, and a count that could be read two ways is a problem.

    Returns
    -------
    pandas.DataFrame
        Canonical counts (see :mod:`gender_stats.schema`), plus ``note`` when the table has a
        ``Ghi chú`` column and extra numerators (``under_40``, ``ethnic_minority``, ``seats`` ...)
        when it has them.  ``frame.attrs["reading"]`` is the :class:`ReadingLog`: every non-blank
        row with its class (title, header, column numbers, section, data, subtotal, total, note,
        signature, hidden) and ``rows_read = rows_used + rows_reported + rows_structural``.

    Raises
    ------
    FileFormatError
        When the file cannot be read at all.
    DataError
        With every problem, located by file, sheet, cell, the value as written and what was
        expected; ``err.reading`` is the reading log.

    Notes
    -----
    Rows: every non-blank row is classified.  ``Tổng cộng``, ``TỔNG CỘNG (I+II)``, ``Toàn tỉnh`` are
    totals (checked against all units), ``Cộng khối …``, ``Cộng (A)`` and a plain ``Cộng`` inside a
    section are subtotals (checked against the section); none is a unit.  Sections (``I.``, ``A.``,
    ``1. Khối …``, or unnumbered ``Khối huyện``, ``Các huyện, thị xã, thành phố``) give their level to
    their units.  ``Ghi chú:``, ``(*)``, ``Nguồn:`` rows are notes wherever they stand — the rows after
    them are read.  A date line or a signature block ends the table: a later row with figures is a
    problem.  A unit row with no figure at all is a problem (not reported is not zero), never used.

    Numbers: in a workbook a count typed as text (``"12"``) is a problem (Excel's sums skip it); in a
    CSV ``1.234`` / ``1,234`` follow the file's style (vi-VN dots, en-US commas) decided from its
    evidence.  Formula cells saved without a value are problems where they are counts; percent cells
    holding ``0.156`` are 15.6 %.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "bc.csv"
    >>> _ = path.write_text(
    ...     "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ,Tỷ lệ (%)\n"
    ...     "2015-2020,Huyện Quan Hóa,Cấp huyện,BCH,39,5,\"12,8\"\n", encoding="utf-8")
    >>> counts = read_counts(path)
    >>> counts[["unit_id", "level", "body", "total", "female"]].to_dict("records")
    [{'unit_id': 'huyen-quan-hoa', 'level': 'district', 'body': 'party_committee', 'total': 39, 'female': 5}]
    >>> counts.attrs["reading"].summary()
    'đọc 2 dòng = 1 dùng + 0 báo lỗi/cảnh báo + 1 dòng cấu trúc (rows read = used + reported + structural)'
    """
    as_path(source, "read_counts")
    if on_mismatch not in ("warn", "raise"):
        raise ArgumentError(
            f"on_mismatch={on_mismatch!r} không hợp lệ (invalid); chọn 'warn' hoặc 'raise'"
        )
    if thousands not in (None, ".", ","):
        raise ArgumentError(f"thousands={thousands!r} không hợp lệ (invalid); chọn '.' hoặc ','")
    if layout not in _LAYOUTS:
        raise ArgumentError(
            f"layout={layout!r} không hợp lệ (invalid layout); chọn một trong {sorted(_LAYOUTS)}"
        )
    units_df = validate_units(units) if units is not None else None
    index = prepare_units(units_df)
    opts = _counts.Options(
        term=term,
        units=index,
        body=body,
        level=level,
        unit_name=unit_name,
        unit_id=unit_id,
        on_mismatch=on_mismatch,
        include_hidden=include_hidden,
        thousands=thousands,
    )
    log = ReadingLog()
    kind = _LAYOUTS[layout]

    def read(grid: Grid) -> tuple[pd.DataFrame, int]:
        return _sheet_counts(grid, opts=opts, units_df=units_df, layout=kind, log=log)

    frame = _combine(
        source,
        sheet,
        read,
        COUNTS_KEY,
        include_hidden=include_hidden,
        log=log,
        summaries=True,
        on_mismatch=on_mismatch,
    )
    return _marked(frame, source)


_LAYOUTS: dict[str, Any] = {
    "auto": "auto",
    "tidy": "auto",
    "wide": "wide",
    "levels": "auto",
    "hdbc_30": "auto",
    "per_unit": "auto",
    "transposed": "transposed",
    "btctw_9": "btctw_9",
}


def _log_tidy(grid: Grid, table: Table, hidden: Sequence[int], log: ReadingLog) -> None:
    """Record every non-blank row of a tidy list in the reading log."""
    from gender_stats.io._rows import STRUCTURAL, USED, is_note

    data, totals, hidden_set = set(table.data), set(table.totals), set(hidden)
    sections = set(table.sections)
    ended = False
    for r, row in enumerate(grid.cells):
        if all(is_blank(v) for v in row):
            continue
        first = next((v for v in row if not is_blank(v)), "")
        if r < table.header_row:
            kind, outcome = RowClass.TITLE, STRUCTURAL
        elif r == table.header_row:
            kind, outcome = RowClass.HEADER, STRUCTURAL
        elif r in hidden_set:
            kind, outcome = RowClass.HIDDEN, REPORTED
        elif r in data:
            kind, outcome = RowClass.DATA, USED
        elif r in totals:
            kind, outcome = RowClass.TOTAL, STRUCTURAL
        elif r in sections:
            kind, outcome = RowClass.SECTION, STRUCTURAL
        elif is_note(first) and not ended:
            kind, outcome = RowClass.NOTE, STRUCTURAL
        else:
            ended = True
            kind, outcome = RowClass.SIGNATURE, STRUCTURAL
        log.add(grid.file, grid.sheet, grid.rows[r], kind, outcome, first)


def _tidy_roster(
    grid: Grid,
    col: Collector,
    *,
    term: str | None,
    units: UnitIndex | None,
    units_df: pd.DataFrame | None,
    unit: str | None,
    body: str | None,
    level: str | None,
    inferred: dict[str, str],
    include_hidden: bool = False,
    log: ReadingLog | None = None,
) -> tuple[pd.DataFrame | None, list[int]]:
    table = locate(grid, col, need=(SEX, PERSON_ID, FULL_NAME, FEMALE))
    if table is None:
        col.at(None, None, None, NO_TABLE.format(need="Họ và tên, Giới tính"))
        return None, []
    grid = table.grid
    hidden: list[int] = []
    if not include_hidden:
        shown, hidden = split_hidden(grid, list(table.data))
        if hidden:
            table = dataclasses.replace(table, data=shown)
    if log is not None:
        _log_tidy(grid, table, hidden, log)
    needed = [] if FEMALE in table.columns else [SEX]
    if PERSON_ID not in table.columns:
        needed.append(FULL_NAME)
    if BODY not in table.columns and body is None:
        stated = title_body(grid, range(table.header_row)) or sheet_body(grid)
        if stated is None:
            needed.append(BODY)
        body = stated  # the body the title or the sheet's name names
    if UNIT_NAME not in table.columns and UNIT_ID not in table.columns and unit is None:
        unit, named = list_title_unit(grid, range(table.header_row))  # the unit the title names
        if unit is None and named:
            col.at(None, None, None, UNIT_AMBIGUOUS.format(units=", ".join(named)), UNIT_NAME)
        elif unit is None:
            needed.append(UNIT_NAME)
        else:
            list_title_copied(grid, range(table.header_row), unit, units, col)
    _missing(col, table, needed)
    n = len(table.data)
    formulas = report_formulas(
        grid,
        list(table.data),
        {k: c for k, c in table.columns.items() if k in (SEX, FEMALE, BIRTH_YEAR)},
        dict(table.headers),
        col,
    )
    pair_years: list[tuple[int | None, Any]] | None = None
    male_c = _male_column(table)
    if SEX not in table.columns and FEMALE in table.columns and male_c is not None:
        sexes, pair_years = _sex_from_pair(table, male_c, col)  # Nam | Nữ side by side
    elif SEX not in table.columns and FEMALE in table.columns:
        sexes = _sex_from_marks(table, col)
    else:
        sexes = [None if s is None else (parse_sex(s) or s) for s in _texts(grid, table, SEX)]
        if FEMALE in table.columns:  # a Nữ column too: it must say the same
            _same_as_marks(table, sexes, formulas, col)
    if formulas:  # reported: a stand-in, so that the row's other cells are checked
        sexes = ["F" if r in formulas else s for r, s in zip(table.data, sexes, strict=True)]
    years: list[Any] = []
    dates: list[Any] = []
    if BIRTH_YEAR in table.columns:
        bc = table.columns[BIRTH_YEAR]
        for r in table.data:
            value = grid.cells[r][bc]
            fmt = grid.fmt(r, bc) if isinstance(value, int | float | dt.date) else "General"
            year, date, why = parse_birth(value, typed=grid.typed, fmt=fmt)
            if why is not None:
                col.at(r, bc, value, why, header=table.headers[BIRTH_YEAR])
            years.append(year)
            dates.append(date)
    if (
        pair_years is not None
        and BIRTH_YEAR not in table.columns
        and any(y is not None for y, _ in pair_years)
    ):  # years under Nam | Nữ: the birth year too
        years = [y for y, _ in pair_years]
        dates = [d for _, d in pair_years]
        table = dataclasses.replace(
            table, columns={**table.columns, BIRTH_YEAR: table.columns[FEMALE]}
        )
        table.headers[BIRTH_YEAR] = table.headers[FEMALE]
    names = _texts(grid, table, UNIT_NAME) if UNIT_NAME in table.columns else [unit] * n
    level_arg = arg_code(level, parse_level, col, "level") if level is not None else None
    body_arg = arg_code(body, parse_body, col, "body") if body is not None else None
    lv = (
        _coded(_texts(grid, table, LEVEL), parse_level)
        if LEVEL in table.columns
        else [level_arg] * n
    )
    ids, unames, levels = resolve_units(
        grid,
        table.data,
        names,
        _texts(grid, table, UNIT_ID) if UNIT_ID in table.columns else None,
        lv,
        units,
        table.columns.get(UNIT_NAME),
        col,
        table.headers.get(UNIT_NAME),
    )
    if LEVEL not in table.columns and units is None and level is None:
        levels = infer_missing_levels(
            levels,
            _names_or_ids(unames, ids, UNIT_NAME in table.columns or unit is not None),
            list(table.data),
            col,
            table.columns.get(UNIT_NAME),
            table.headers.get(UNIT_NAME),
            inferred,
        )
    col_bodies = (
        set(_coded(_texts(grid, table, BODY), parse_body)) if BODY in table.columns else set()
    )
    one_body = next(iter(col_bodies)) if len(col_bodies) == 1 else parse_body(body or "")
    found_term, why_not = list_title_term(grid, range(table.header_row), one_body)
    table = dataclasses.replace(table, title_term=found_term)
    terms, one_term = term_or_why(table, term, col, why_not)
    full = _texts(grid, table, FULL_NAME)
    if PERSON_ID in table.columns:
        pids = _texts(grid, table, PERSON_ID)
    else:
        pids = [
            person_key(u, f, y if isinstance(y, int) else None) if f else None
            for u, f, y in zip(ids, full, years or [None] * n, strict=True)
        ]
    bodies = (
        _coded(_texts(grid, table, BODY), parse_body)
        if BODY in table.columns
        else [body_arg or "party_committee"] * n  # a missing or bad body= is reported
    )
    frame = pd.DataFrame(
        {
            TERM: pd.Series(
                terms if terms is not None else [one_term or _PLACEHOLDER_TERM] * n, dtype=object
            ),
            UNIT_ID: pd.Series(ids, dtype=object),
            UNIT_NAME: pd.Series(
                _names_or_ids(unames, ids, UNIT_NAME in table.columns or unit is not None),
                dtype=object,
            ),
            LEVEL: pd.Series(levels, dtype=object),
            BODY: pd.Series(bodies, dtype=object),
            PERSON_ID: pd.Series(pids, dtype=object),
            SEX: pd.Series(sexes, dtype=object),
        }
    )
    if FULL_NAME in table.columns:
        frame[FULL_NAME] = pd.Series(full, dtype=object)
    if BIRTH_YEAR in table.columns:
        # no term known (reported): no age check against the stand-in term
        known = terms is not None or one_term is not None
        frame[BIRTH_YEAR] = pd.array(years if known else [None] * n, dtype="Int64")
        if any(d is not None for d in dates):
            frame[BIRTH_DATE] = birth_dates(dates)
    for key in (ETHNICITY, POST):
        if key in table.columns:
            frame[key] = pd.Series(_texts(grid, table, key), dtype=object)
    origin = _origin(table)
    if PERSON_ID not in table.columns and FULL_NAME in table.columns:
        origin = Origin(
            origin.file,
            origin.sheet,
            origin.rows,
            {
                **(origin.columns or {}),
                PERSON_ID: (letter(table.columns[FULL_NAME]), table.headers[FULL_NAME]),
            },
        )
        report_same_name_and_year(frame, origin, col)
    found, problems = run_validator(validate_roster, frame, origin, units=units_df)
    col.merge(problems)
    return found, [grid.rows[r] for r in table.data]


#: Marks that say "woman" in a ``Nữ`` column of a list (blank says "man").
_FEMALE_MARKS = frozenset({"nu", "f"})  # besides the marks of is_mark
FEMALE_MARK = "x, ✓ hoặc 1 (hoặc để trống với nam) (a mark: x for a woman, blank for a man)"


def _male_column(table: Table) -> int | None:
    """Return the column of a ``Nam`` header beside a ``Nữ`` column of a tidy list, or None."""
    for header, c in table.extras.items():
        if parse_sex(re.sub(r"\([^)]*\)", " ", header)) == "M":
            return c
    return None


def _sex_from_pair(
    table: Table, male_c: int, col: Collector
) -> tuple[list[str | None], list[tuple[int | None, Any]]]:
    """Return the sex (and any birth year) of each row of a list with ``Nam`` | ``Nữ`` columns.

    Exactly one of the two is filled on each row: with a mark (``x``), or with the birth year
    or date (the column gives the sex).  Both, neither, or anything else is a problem at its cell.
    """
    from gender_stats.io._trich_ngang import MARK_BOTH, MARK_NONE, NOT_MARK

    grid, fc = table.grid, table.columns[FEMALE]
    headers = {
        "F": table.headers[FEMALE],
        "M": next(h for h, c in table.extras.items() if c == male_c),
    }
    sexes: list[str | None] = []
    years: list[tuple[int | None, Any]] = []
    for r in table.data:
        f_val, m_val = grid.cells[r][fc], grid.cells[r][male_c]
        if not is_blank(f_val) and not is_blank(m_val):
            col.at(r, fc, f_val, MARK_BOTH, header=headers["F"])
        elif is_blank(f_val) and is_blank(m_val):
            col.at(r, male_c, None, MARK_NONE, header=headers["M"])
        else:
            sex, c, value = ("F", fc, f_val) if not is_blank(f_val) else ("M", male_c, m_val)
            word = loose_key(value) if isinstance(value, str) else ""
            if is_mark(value) or word in (_FEMALE_MARKS if sex == "F" else ("nam", "m")):
                sexes.append(sex)
                years.append((None, None))
                continue
            fmt = grid.fmt(r, c) if isinstance(value, int | float | dt.date) else "General"
            year, date, why = parse_birth(value, typed=grid.typed, fmt=fmt)
            if year is not None:
                sexes.append(sex)
                years.append((year, date))
                continue
            col.at(r, c, value, f"{NOT_MARK} / {why or ''}".rstrip(" /"), header=headers[sex])
        sexes.append("F")  # reported; a stand-in so that the row's other cells are checked
        years.append((None, None))
    return sexes, years


def _same_as_marks(table: Table, sexes: list[str | None], skip: set[int], col: Collector) -> None:
    """Report each row whose ``Nữ`` mark says another sex than its ``Giới tính`` cell."""
    marks = _sex_from_marks(table, col)
    c = table.columns[FEMALE]
    for r, sex, mark in zip(table.data, sexes, marks, strict=True):
        value = table.grid.cells[r][c]
        odd = not is_blank(value) and not (is_mark(value) or loose_key(value) in _FEMALE_MARKS)
        if r in skip or sex not in ("F", "M") or odd:
            continue  # reported already, or not a mark (reported by _sex_from_marks)
        if mark != sex:
            col.at(
                r,
                c,
                table.grid.cells[r][c],
                f"{'x' if sex == 'F' else 'ô trống'} như cột Giới tính của dòng này "
                f"(the sex the {table.headers[SEX]!r} column gives: {sex})",
                header=table.headers[FEMALE],
            )


def _sex_from_marks(table: Table, col: Collector) -> list[str | None]:
    """Return the sex of each row of a list with a ``Nữ`` column marked ``x`` for women."""
    grid, c = table.grid, table.columns[FEMALE]
    out: list[str | None] = []
    for r in table.data:
        value = grid.cells[r][c]
        if is_blank(value):
            out.append("M")
        elif is_mark(value) or loose_key(value) in _FEMALE_MARKS:
            out.append("F")
        else:
            col.at(r, c, value, FEMALE_MARK, header=table.headers[FEMALE])
            out.append("F")  # reported; a stand-in so the row's other cells are checked
    return out


# --- fast path: a Parquet roster already in canonical form -------------------------------------

_PARQUET_SUFFIXES = (".parquet", ".pq")
_FAST_TEXT = (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY, SEX, FULL_NAME, ETHNICITY, POST)
_FAST_ALLOWED = frozenset({*_FAST_TEXT, PERSON_ID, BIRTH_YEAR})
_FAST_REQUIRED = (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY, PERSON_ID, SEX)
#: the parser a category of these columns must already satisfy (a code, a term label)
_FAST_CODES: dict[str, Callable[[Any], str | None]] = {
    TERM: parse_term,
    LEVEL: parse_level,
    BODY: parse_body,
    SEX: parse_sex,
}


class _RowNumbers(Mapping[Hashable, int]):
    """Map data row ``i`` (0-based index label) to its row number, lazily: ``i + first``.

    The cell-grid reader counts the Parquet header as row 1, so data row 0 is row 2.

    Examples
    --------
    >>> rows = _RowNumbers(3)
    >>> rows[0], rows.get(2), rows.get(3), len(rows), list(rows)
    (2, 4, None, 3, [0, 1, 2])
    """

    def __init__(self, n: int, first: int = 2) -> None:
        self._n = n
        self._first = first

    def __getitem__(self, key: Hashable) -> int:
        if isinstance(key, bool) or not isinstance(key, int | np.integer):
            raise KeyError(key)
        i = int(key)
        if not 0 <= i < self._n:
            raise KeyError(key)
        return i + self._first

    def get(self, key: Hashable, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[int]:
        return iter(range(self._n))


def _is_text_type(t: Any) -> bool:
    import pyarrow as pa

    if pa.types.is_dictionary(t):
        t = t.value_type
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t))


def _normalised_dictionary(column: Any, parse: Callable[[Any], str | None] | None) -> Any:
    """Return a dictionary column with its values normalised as the cell reader would, or None.

    ``None`` means: leave the file to the cell reader (legacy text, a text that normalises to
    ``""``).  Values
    that become equal ("TH01 " and "TH01") are merged into one dictionary entry.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    array = one_dictionary(column)
    if array is None:
        return column
    dictionary = array.dictionary
    if pa.types.is_dictionary(dictionary.type):  # pragma: no cover - nested dictionaries
        dictionary = dictionary.dictionary_decode()

    def indices() -> np.ndarray:  # only when needed (10⁷ rows: 80 MB)
        return np.asarray(pc.fill_null(array.indices, -1), dtype=np.int64)

    def weights() -> np.ndarray:  # cells per value: only for the legacy-encoding vote
        codes = indices()
        return np.bincount(codes[codes >= 0], minlength=len(dictionary)).astype(np.int64)

    values, leave = normalise_strings(dictionary, weights, parse)
    if leave:
        return None
    if values.equals(dictionary.cast(values.type)):
        return array
    codes, uniques = pd.factorize(np.asarray(values.to_pylist(), dtype=object))
    remap = np.append(codes, -1).astype(np.int32)
    new = remap[indices()]
    return pa.DictionaryArray.from_arrays(
        pa.array(new, mask=new < 0, type=pa.int32()),
        pa.array(list(uniques), type=pa.large_string()),
    )


def _fast_parquet_roster(source: str | Path) -> pd.DataFrame | None:
    """Return the validated roster of a canonical Parquet file, or ``None`` to use the grid reader.

    Canonical means: only canonical roster column names (all required ones present), text columns
    as Arrow strings (plain or dictionary), ``birth_year`` as integers, no missing value in a
    required column.  The texts get exactly the grid reader's normalisation
    (:func:`gender_stats.io._arrow_text.normalise_strings`: legacy encodings and mojibake, NFC,
    spaces trimmed and collapsed, blanks missing, codes for ``term``/``level``/``body``/``sex``),
    computed on each column's dictionary (its distinct values) with Arrow kernels, so ``"TH01 "``
    and ``"TH01"`` are one unit.  A blank text in a required column, or one that normalises to an
    empty text, leaves the file to the grid reader, which reports it.  Text columns come back as
    categoricals of ``str`` with sorted categories (the frame contract of
    :mod:`gender_stats.schema`), built from the Arrow dictionaries without decoding a single cell;
    ``birth_year`` is ``Int64``.
    """
    import pyarrow as pa
    import pyarrow.dataset as pads
    import pyarrow.parquet as pq

    path = Path(source)
    if path.suffix.lower() not in _PARQUET_SUFFIXES or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            if fh.read(4) != b"PAR1":
                return None
        schema = pq.read_schema(path)
    except Exception:  # damaged: the grid reader reports it
        return None
    names = list(schema.names)
    if len(set(names)) != len(names) or not set(names) <= _FAST_ALLOWED:
        return None
    if not all(c in names for c in _FAST_REQUIRED):
        return None
    for field in schema:
        if field.name == BIRTH_YEAR:
            if not pa.types.is_integer(field.type):
                return None
        elif not _is_text_type(field.type):
            return None
    dictionary = [c for c in names if c not in (PERSON_ID, BIRTH_YEAR)]
    try:
        # the dataset reader, because it takes a memory pool (see arrow_pool: at 10⁷ rows 0.5 s
        # instead of 4 s with pq.read_table); one file, read in its order
        options = pads.ParquetReadOptions(dictionary_columns=dictionary)
        data = pads.dataset(str(path), format=pads.ParquetFileFormat(read_options=options))
        table = data.to_table(memory_pool=arrow_pool())
    except Exception:
        return None
    return _roster_from_table(table, names, path.name)


def _roster_from_table(
    table: Any,
    names: list[str],
    file: str,
    *,
    prepare: Callable[[Any], Any] | None = None,
) -> pd.DataFrame | None:
    """Return the validated roster of an Arrow table in canonical form, or ``None`` (grid reader).

    The columnar half of the fast readers (Parquet, canonical CSV): texts normalised on each
    column's dictionary, as categoricals; ``birth_year`` as ``Int64``; validated and marked.
    Problems are located at row ``i + 2`` of the file (the header is row 1).  ``prepare`` is
    applied first to each text column but the person ids (``None``: the cell reader).
    """
    n = table.num_rows
    if n == 0 or any(table.column(c).null_count for c in _FAST_REQUIRED):
        return None
    columns = _table_columns(table, names, prepare)
    del table
    if columns is None:
        return None
    frame = pd.DataFrame(columns, columns=names, copy=False)
    del columns
    origin = Origin(
        file=file,
        rows=_RowNumbers(n),
        columns={c: (letter(i), c) for i, c in enumerate(names)},
    )
    with built_canonical():  # the categoricals above are sorted and all used: not checked again
        found, problems = run_validator(validate_roster, frame, origin)
    del frame
    if problems:
        raise DataError(problems, rows_read=n)
    assert found is not None
    return _mark_validated(found)  # validate_roster(found) does not check it again


def _table_columns(
    table: Any, names: list[str], prepare: Callable[[Any], Any] | None = None
) -> dict[str, Any] | None:
    """Return each column of a canonical table as the frame's column, or ``None`` (cell reader).

    The person ids (hashing millions of texts, sorting the distinct ones: about half the work)
    are converted by a second thread while this one converts the other columns; the Arrow
    kernels and numpy's gathers release the GIL, so on two cores the two run at once.  Each
    Arrow column is let go as soon as it is converted (peak memory).
    """
    from concurrent.futures import ThreadPoolExecutor

    columns: dict[str, Any] = {}
    threads = PERSON_ID in names and (os.cpu_count() or 1) > 1
    with ThreadPoolExecutor(max_workers=1) if threads else nullcontext() as pool:
        if pool is not None:
            persons = pool.submit(_text_categorical, table.column(PERSON_ID), PERSON_ID)
            table = table.drop_columns([PERSON_ID])
        for c in names:
            if c == PERSON_ID and pool is not None:
                continue
            column = table.column(c)
            if prepare is not None and c not in (BIRTH_YEAR, PERSON_ID):
                column = prepare(column)
                if column is None:
                    return None
            columns[c] = _years(column) if c == BIRTH_YEAR else _text_categorical(column, c)
            if columns[c] is None:
                return None  # leaving the block waits for the other thread
            table = table.drop_columns([c])  # the Arrow copy is not needed any more
        del table
        if pool is not None:
            columns[PERSON_ID] = persons.result()
            if columns[PERSON_ID] is None:
                return None
    return columns


def _years(column: Any) -> Any:
    """Return an Arrow column of birth years as ``Int64`` (no copy when none is missing)."""
    years = column.combine_chunks(arrow_pool()) if column.num_chunks != 1 else column.chunk(0)
    if years.null_count:
        return pd.array(years.to_pylist(), dtype="Int64")
    return pd.arrays.IntegerArray(np.asarray(years, dtype=np.int64), np.zeros(len(years), bool))


def _text_categorical(column: Any, name: str) -> pd.Categorical | None:
    """Return a text column of a canonical table as a categorical, or ``None`` (cell reader).

    The cell reader's normalisation (legacy text, NFC, spaces, blanks, codes) runs on the
    column's dictionary; person ids are first hashed into one (chunk by chunk: the chunks share
    it, the texts are not copied).  ``None`` when a required text is blank, a unit name is a
    total row's label (the cell reader checks it against the rows and drops it), or the texts
    need the cell reader's conversions.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if name == PERSON_ID and not pa.types.is_dictionary(column.type):
        column = pc.dictionary_encode(column, memory_pool=arrow_pool())
    normalised = _normalised_dictionary(column, _FAST_CODES.get(name))
    if normalised is None:
        return None
    if name in _FAST_REQUIRED and normalised.null_count:
        return None
    if name == UNIT_NAME and has_total_label(normalised.dictionary):
        return None
    return dictionary_categorical(normalised)


def _fast_csv_roster(source: str | Path) -> pd.DataFrame | None:
    """Return the validated roster of a canonical CSV file, or ``None`` to use the cell reader.

    Canonical means: UTF-8 (a byte-order mark allowed), the first line naming only canonical
    roster columns (all required ones), ``,``/``;``/tab as the cell reader sniffs it, no quoted
    line break, no blank line (row numbers stay the file's lines), ``birth_year`` whole numbers.
    The file is parsed by :func:`pyarrow.csv.read_csv` straight into dictionary columns, then
    goes the way of a Parquet roster (:func:`_roster_from_table`).  Anything else — an office's
    messy file, a title above the header, a total row, a number typed ``1975,0`` — makes the
    parse fail or the checks refuse, and the cell reader reads the file and says what is wrong.
    """
    import csv

    import pyarrow as pa
    import pyarrow.csv as pacsv

    path = Path(source)
    if path.suffix.lower() != ".csv" or not path.is_file():
        return None
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4096]:
        return None
    text = head.decode("utf-8-sig", errors="replace")
    lines = text.splitlines()
    if not lines:
        return None
    delimiter = sniff_delimiter(text)
    names = next(csv.reader([lines[0]], delimiter=delimiter), [])
    if len(set(names)) != len(names) or not set(names) <= _FAST_ALLOWED:
        return None
    if not all(c in names for c in _FAST_REQUIRED):
        return None
    text_type = pa.dictionary(pa.int32(), pa.string())
    types = {c: (pa.int64() if c == BIRTH_YEAR else text_type) for c in names}
    # person ids as plain texts, hashed after the parse into one dictionary: as dictionaries the
    # parse built one per block (85 at 10⁶ rows) and unifying them cost more than the parse
    types[PERSON_ID] = pa.string()
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(encoding="utf8"),
            # a quoted line break splits its row into pieces of too few cells: the parse fails
            # and the cell reader reads the file (allowing line breaks made the parse serial)
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=False, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=types,
                null_values=[""],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
            memory_pool=arrow_pool(),
        )
    except Exception:  # not canonical after all: the cell reader reads it
        return None
    if table.column_names != names:
        return None
    # millions of person ids: checked on their bytes here, hashed by a thread while this one
    # checks the other columns (see _table_columns)
    if PERSON_ID in names and not _plain_lines(table.column(PERSON_ID)):
        return None
    return _roster_from_table(table, names, path.name, prepare=_csv_column)


def _csv_column(column: Any) -> Any:
    """Return a text column parsed from a CSV file as one dictionary, or ``None`` (cell reader).

    The parse gives a dictionary per block; they are unified into one, so each check runs once:
    a cell the cell reader refuses as too long, and a quoted line break (the file's line numbers
    would not be the rows + 1), leave the file to the cell reader, which names them.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    array = one_dictionary(column)
    if array is None:
        return None
    if _max_length(array.dictionary) > MAX_CELL_CHARS:
        return None
    if bool(pc.any(pc.match_substring_regex(array.dictionary, "[\r\n]")).as_py()):
        return None
    return pa.chunked_array([array])


def _plain_lines(column: Any) -> bool:
    r"""Return whether no text of an Arrow string column is too long or holds a line break.

    What the CSV fast path checks on each column's dictionary, done here on the bytes of a column
    of millions of texts (the person ids), before any hashing: a byte scan of each chunk's data
    for ``\r`` and ``\n`` (10⁷ ids: 0.03 s, against 0.6 s for Arrow's substring kernels), and
    the longest text in bytes, counted in characters only when it is over the limit.

    Examples
    --------
    >>> import pyarrow as pa
    >>> _plain_lines(pa.chunked_array([["TH01-1", "TH01-2"], ["Nguyễn"]]))
    True
    >>> _plain_lines(pa.chunked_array([["a"], ["b\nc"]])), _plain_lines(pa.chunked_array([["x" * 40_000]]))
    (False, False)
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_string(column.type):
        width: Any = np.int32
    elif pa.types.is_large_string(column.type):
        width = np.int64
    else:  # pragma: no cover - read_csv gives string columns
        return not bool(pc.any(pc.match_substring_regex(column, "[\r\n]")).as_py()) and (
            _max_length(column) <= MAX_CELL_CHARS
        )
    for chunk in column.chunks:
        _, offsets, data = chunk.buffers()
        if len(chunk) == 0 or data is None:
            continue
        ends = np.frombuffer(offsets, dtype=width)[[chunk.offset, chunk.offset + len(chunk)]]
        raw = np.frombuffer(data, dtype=np.uint8)[int(ends[0]) : int(ends[1])]
        if np.count_nonzero(raw == 10) or np.count_nonzero(raw == 13):
            return False
    if len(column) == 0:
        return True
    if int(pc.max(pc.binary_length(column)).as_py() or 0) <= MAX_CELL_CHARS:
        return True
    return _max_length(column) <= MAX_CELL_CHARS


def _max_length(values: Any) -> int:
    """Return the length of the longest text of an Arrow string array (0 when empty)."""
    import pyarrow.compute as pc

    if len(values) == 0:
        return 0
    return int(pc.max(pc.utf8_length(values)).as_py() or 0)


def read_roster(
    source: str | Path,
    *,
    sheet: str | None = None,
    term: str | None = None,
    units: pd.DataFrame | None = None,
    unit: str | None = None,
    body: str | None = None,
    level: str | None = None,
    layout: Layout = "auto",
    include_hidden: bool = False,
) -> pd.DataFrame:
    r"""Read a roster file (tidy table or a personnel list, *danh sách trích ngang*).

    Parameters
    ----------
    source : str or Path
        A ``.csv``, ``.xlsx`` or ``.parquet`` file.
    sheet : str, optional
        One sheet; by default every sheet that holds data, concatenated.
    term : str, optional
        The term when the file does not name it (in a column or the title).
    units : pandas.DataFrame, optional
        A units table, to find unit ids and levels from unit names; it always wins.
    unit, body, level : str, optional
        Fill the columns a file lacks, e.g. the list of one committee: ``unit="Huyện Quan Hóa"``,
        ``body="Ban Thường vụ"`` (or a code), ``level="district"``.  Without them, the unit and
        the body the title names (``DANH SÁCH BAN THƯỜNG VỤ ĐẢNG BỘ HUYỆN NGA SƠN``; the body
        also from a sheet named ``BCH`` or ``BTV``) are used; a title naming two is a problem.  Without a units table, a
        ``Cấp`` column, a section row or ``level=``, each unit's level is inferred from its name
        (``Huyện …`` → district, ``Xã …`` → commune, ``Sở …`` → agency, ``Tỉnh …`` → province; see
        :func:`gender_stats.io._levels.infer_level`) with one
        :class:`~gender_stats.io._levels.InferredLevelWarning`; a unit whose name says none is a
        problem on each of its rows (listed as one line with the count and the first cells).
    layout : {"auto", "tidy", "trich_ngang"}
        ``"auto"`` recognises a personnel list (two header rows) by ``Năm sinh`` / ``Ngày sinh`` /
        ``Ngày, tháng, năm sinh`` split into ``Nam`` | ``Nữ`` (the birth year or date under the
        person's sex), or by ``Giới tính`` merged over ``Nam`` | ``Nữ`` with one of them marked
        ``x``, ``X``, ``✓`` or ``1`` (a row with both or neither marked is a problem).  A tidy list
        may give the sex in a ``Giới tính`` column (``Nữ``/``Nam``, ``F``/``M``) or in a ``Nữ``
        column marked ``x`` for women and left blank for men.
    include_hidden : bool, default False
        Read hidden rows and sheets too; by default they are passed over with a warning naming
        them.

    Returns
    -------
    pandas.DataFrame
        A canonical roster; codes, names and ids as categoricals of ``str`` with sorted
        categories (the frame contract of :mod:`gender_stats.schema`).  A canonical Parquet or
        CSV file (canonical column names in the first row) is read columnar, into the categories
        directly; other files cell by cell.  Without an id column, ``person_id`` is
        ``unit_id/name key/birth year``
        (see :func:`gender_stats.io._trich_ngang.person_key`), stable across files and terms.
        Full dates of birth (real Excel dates, or text ``dd/mm/yyyy``, ``d/m/yyyy``,
        ``dd-mm-yyyy``, ``dd.mm.yyyy``: the day first) give ``birth_year`` and are kept in a
        ``birth_date`` column (``datetime64``, missing where only a year is given); an impossible
        date such as ``31/02/1975`` is a problem that quotes the cell.  Text typed in TCVN3/VNI
        fonts, or UTF-8 shown as Windows-1252 (``"Huyá»‡n"``), is repaired cell by cell with a
        warning.

    Raises
    ------
    FileFormatError
        When the file cannot be read at all.
    DataError
        With every problem, located by file, sheet, row and column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ds.csv"
    >>> _ = path.write_text("Họ và tên;Giới tính;Năm sinh\nHà Thị Bình;Nữ;1975\n", encoding="utf-8")
    >>> roster = read_roster(path, term="2015-2020", unit="Huyện Quan Hóa", body="BTV", level="district")
    >>> roster[["person_id", "sex", "body"]].to_dict("records")
    [{'person_id': 'huyen-quan-hoa/ha-thi-binh-9f37/1975', 'sex': 'F', 'body': 'standing_committee'}]
    """
    as_path(source, "read_roster")
    if layout in ("auto", "tidy") and all(
        a is None for a in (sheet, term, units, unit, body, level)
    ):
        try:
            fast = _fast_parquet_roster(source)
            if fast is None:
                fast = _fast_csv_roster(source)
        except GenderStatsError:
            raise
        except Exception:  # a damaged file: the cell reader reads it again and says what is wrong
            fast = None
        if fast is not None:
            return _marked(fast, source)
    units_df = validate_units(units) if units is not None else None
    index = UnitIndex(units_df) if units_df is not None else None  # validated just above
    inferred: dict[str, str] = {}
    log = ReadingLog()

    def read(grid: Grid) -> tuple[pd.DataFrame, int]:
        grid = _legacy_headers(
            grid,
            lambda g: locate_trich_ngang(g) or find_header(g, need=(SEX, PERSON_ID, FULL_NAME)),
        )
        sheet_log = ReadingLog()
        col = Collector(grid)
        tn = locate_trich_ngang(grid) if layout in ("auto", "trich_ngang") else None
        if layout == "trich_ngang" and tn is None:
            col.at(None, None, None, NO_TABLE.format(need="Họ và tên, Năm sinh (Nam | Nữ)"))
            raise_if_problems(col, [])
        if tn is not None:
            frame, origin, rows = read_trich_ngang(
                grid,
                tn,
                col,
                term=term,
                units=index,
                unit=unit,
                body=body,
                level=level,
                inferred=inferred,
                include_hidden=include_hidden,
                log=sheet_log,
            )
            found, problems = run_validator(validate_roster, frame, origin, units=units_df)
            col.merge(problems)
        else:
            found, rows = _tidy_roster(
                grid,
                col,
                term=term,
                units=index,
                units_df=units_df,
                unit=unit,
                body=body,
                level=level,
                inferred=inferred,
                include_hidden=include_hidden,
                log=sheet_log,
            )
        log.extend(sheet_log)
        _finish_log(col, sheet_log, log)
        raise_if_problems(col, rows, log=log)
        assert found is not None
        return found, len(rows)

    frame = _combine(
        source,
        sheet,
        read,
        (TERM, UNIT_ID, BODY, PERSON_ID),
        include_hidden=include_hidden,
        log=log,
    )
    if inferred:
        examples = ", ".join(f"{name} → {lv}" for name, lv in list(inferred.items())[:3])
        warnings.warn(
            INFERRED_LEVEL_TEMPLATE.format(n=len(inferred), examples=examples),
            InferredLevelWarning,
            stacklevel=2,
        )
    return _marked(_categorical_text(frame), source)


def read_units(source: str | Path, *, sheet: str | None = None) -> pd.DataFrame:
    r"""Read a units table (``unit_id``, ``unit_name``, ``level``, ``kind``, optional ``aliases``).

    Parameters
    ----------
    source : str or Path
        A ``.csv``, ``.xlsx`` or ``.parquet`` file with a header row.
    sheet : str, optional
        One sheet; by default every sheet that holds data, concatenated.

    Returns
    -------
    pandas.DataFrame
        Canonical units; levels written in words (``Cấp huyện``) become codes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "units.csv"
    >>> _ = path.write_text("Mã đơn vị,Tên đơn vị,Cấp,Loại,Tên khác\nTH01,Huyện Quan Hóa,huyện,huyện,Quan Hoá\n", encoding="utf-8")
    >>> read_units(path).iloc[0].to_dict()
    {'unit_id': 'TH01', 'unit_name': 'Huyện Quan Hóa', 'level': 'district', 'kind': 'huyện', 'aliases': 'Quan Hoá'}
    """
    as_path(source, "read_units")

    def read(grid: Grid) -> tuple[pd.DataFrame, int]:
        grid = _legacy_headers(grid, lambda g: find_header(g, need=(UNIT_ID, UNIT_NAME)))
        col = Collector(grid)
        table = locate(grid, col, need=(UNIT_ID, UNIT_NAME))
        if table is None:
            col.at(None, None, None, NO_TABLE.format(need="Mã đơn vị, Tên đơn vị, Cấp, Loại"))
            raise_if_problems(col, [])
            raise AssertionError  # pragma: no cover
        g = table.grid

        def texts(key: str) -> list[str | None]:
            if key == LEVEL:
                return _coded(_texts(g, table, key), parse_level)
            if key == "aliases":  # one alias a line of the cell: the lines are aliases
                c = table.columns[key]
                cells = [g.cells[r][c] for r in table.data]
                return [
                    text_cell("|".join(v.splitlines())) if isinstance(v, str) else text_cell(v)
                    for v in cells
                ]
            return _texts(g, table, key)

        frame = pd.DataFrame(
            {
                k: pd.Series(texts(k), dtype=object)
                for k in table.columns
                if k in (UNIT_ID, UNIT_NAME, LEVEL, "kind", "parent_id", "aliases")
            }
        )
        found, problems = run_validator(validate_units, frame, _origin(table))
        col.merge(problems)
        raise_if_problems(col, [g.rows[r] for r in table.data])
        assert found is not None
        return found, len(table.data)

    return _combine(source, sheet, read, (UNIT_ID,))
