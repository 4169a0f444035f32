"""Transposed forms: criteria down, bodies and posts across (private).

The Central Organisation Commission's cadre statistics (``Biểu số 9A/9B/9C-BTCTW``, and the planning
forms 12B/12C/8B of the same shape) list criteria down the first column — ``TỔNG SỐ``, ``Trong đó:
Nữ``, ``Dân tộc thiểu số``, numbered blocks such as ``1. Tuổi đời`` with bands (``Từ 40 tuổi trở
xuống`` …) — and the bodies and posts across: ``Ban chấp hành``, ``Ban thường vụ``, ``Lãnh đạo cấp ủy``
over ``Bí thư | Phó bí thư``, ``Lãnh đạo HĐND`` and ``Lãnh đạo UBND`` over ``Chủ tịch | Phó chủ
tịch``.  Each body column gives one counts row (total from ``TỔNG SỐ``, women from ``Nữ``, extra
numerators from the criteria); the post columns are summed into ``key_posts``.  The unit is named
only in the issuing block of the title (or ``unit_name=``); the level follows the form (9A province,
9B district, 9C commune) or the unit's name.
"""

from __future__ import annotations

import dataclasses
import re
import warnings
from typing import Any

import pandas as pd

from gender_stats._text import loose_key
from gender_stats.io._common import Collector, derive_unit_id, letter, text_cell
from gender_stats.io._counts import (
    NEED_LEVEL,
    NEED_UNIT,
    WHOLE_COUNT,
    Options,
    Sheet,
    _resolve_term,
    _whole,
    read_count,
    read_title,
    title_unit,
    title_unit_problem,
)
from gender_stats.io._excel import Grid, is_blank
from gender_stats.io._header import _body_in, _paths, text_of
from gender_stats.io._levels import INFERRED_LEVEL_TEMPLATE, InferredLevelWarning, infer_level
from gender_stats.io._numbers import NumberStyle
from gender_stats.io._rows import (
    REPORTED,
    STRUCTURAL,
    USED,
    ReadingLog,
    RowClass,
    is_column_numbers,
    is_note,
    is_signature,
)
from gender_stats.schema import BODY, FEMALE, LEVEL, TERM, TOTAL, UNIT_ID, UNIT_NAME, Origin
from gender_stats.vocab import parse_body, parse_level

KEY_POSTS = "key_posts"
_POST_WORDS = ("bi thu", "pho bi thu", "chu tich", "pho chu tich", "truong ban", "pho truong ban")
_KEY_GROUPS = (
    "lanh dao cap uy",
    "lanh dao hdnd",
    "lanh dao ubnd",
    "lanh dao hoi dong nhan dan",
    "lanh dao uy ban nhan dan",
    "lanh dao chu chot",
    "chuc danh chu chot",
)
#: Criteria rows -> numerator names (``None``: the row is read and logged, not used).
_CRITERIA: tuple[tuple[str, str], ...] = (
    (r"^tong so$|^tong cong$|^tong$", TOTAL),
    (r"^(trong do )?(so )?nu( gioi)?$", FEMALE),
    (r"^(trong do )?(nguoi )?dan toc thieu so$|^dtts$", "ethnic_minority"),
    (
        r"^(tu )?40 tuoi tro xuong$|^duoi 40 tuoi$|^tu 40 tro xuong$|^tre tuoi duoi 40 tuoi$",
        "under_40",
    ),
    (r"^tu tren 40( tuoi)? den 50 tuoi$|^tren 40 den 50 tuoi$|^tu 41 den 50 tuoi$", "age_41_50"),
    (r"^tu tren 50 tuoi$|^tren 50 tuoi$|^tu 51 tuoi tro len$", "age_over_50"),
)
_FORM_LEVEL = {
    "9a": "province",
    "9b": "district",
    "9c": "commune",
    "12b": "district",
    "12c": "commune",
}


@dataclasses.dataclass
class Transposed:
    """Where a transposed form sits in a grid."""

    top: int
    bottom: int
    criteria_col: int
    total_row: int
    columns: dict[int, tuple[str, str]]  # col -> (body code, header)
    unused: dict[int, str]


def _criterion(text: str) -> str | None:
    key = loose_key(re.sub(r"^[\s*\-+•·]+", "", text.replace("Trong đó:", "Trong đó ")))
    key = re.sub(r"^trong do\s+", "trong do ", key)
    for pattern, name in _CRITERIA:
        if re.match(pattern, key):
            return name
    return None


def locate_transposed(grid: Grid, search: int = 40) -> Transposed | None:
    """Return the layout of a transposed form, or ``None``."""
    n = len(grid.cells)
    for c in range(min(3, grid.width)):
        total_row = None
        for r in range(min(search, n)):
            v = grid.cells[r][c]
            if (
                isinstance(v, str)
                and _criterion(v) == TOTAL
                and loose_key(v) in ("tong so", "tong cong")
            ):
                total_row = r
                break
        if total_row is None:
            continue
        female = any(
            isinstance(grid.cells[r][c], str) and _criterion(grid.cells[r][c]) == FEMALE
            for r in range(total_row + 1, min(total_row + 4, n))
        )
        if not female:
            continue
        # the header band: the rows above TỔNG SỐ that name bodies or posts across
        bottom = total_row - 1
        while bottom >= 0 and is_column_numbers(grid.cells[bottom]):
            bottom -= 1
        top = bottom
        while top > 0 and top > bottom - 3 and _names_bodies(grid.cells[top - 1], c):
            top -= 1
        if bottom < 0 or (
            not _names_bodies(grid.cells[top], c) and not _names_bodies(grid.cells[bottom], c)
        ):
            continue
        paths = _paths(grid, top, bottom)
        columns: dict[int, tuple[str, str]] = {}
        unused: dict[int, str] = {}
        for col, path in enumerate(paths):
            if col == c or not path:
                continue
            body = _column_body(path)
            header = " / ".join(path)
            if body is None:
                unused[col] = header
            else:
                columns[col] = (body, header)
        if not any(
            b in ("party_committee", "standing_committee", KEY_POSTS) for b, _ in columns.values()
        ):
            continue
        return Transposed(top, bottom, c, total_row, columns, unused)
    return None


def _names_bodies(row: list[Any], skip: int) -> bool:
    return (
        sum(
            1
            for i, v in enumerate(row)
            if i != skip
            and isinstance(v, str)
            and (
                _body_in(v) or any(loose_key(v).startswith(w) for w in (*_POST_WORDS, *_KEY_GROUPS))
            )
        )
        >= 2
    )


def _column_body(path: tuple[str, ...]) -> str | None:
    keys = [loose_key(p) for p in path]
    if len(keys) > 1 and any(k.startswith(_KEY_GROUPS) for k in keys[:-1]):
        return KEY_POSTS if keys[-1] in _POST_WORDS or keys[-1].startswith(_POST_WORDS) else None
    if any(k.startswith(("cac so", "so ban nganh", "cap truong", "cap pho")) for k in keys):
        return None
    if keys[-1] in _POST_WORDS:
        return KEY_POSTS
    body = _body_in(path[-1]) or (parse_body(path[0]) if len(path) == 1 else None)
    if body in ("party_committee", "standing_committee"):
        return body
    return None


def read_transposed(
    grid: Grid, form: Transposed, col: Collector, log: ReadingLog, opts: Options
) -> Sheet:
    """Read a transposed form into counts: one row per body column (posts summed)."""
    file, sheet = grid.file, grid.sheet
    title = read_title(grid, range(form.top))
    for r in range(form.top):
        if not all(is_blank(v) for v in grid.cells[r]):
            log.add(file, sheet, grid.rows[r], RowClass.TITLE, STRUCTURAL, _first(grid.cells[r]))
    for r in range(form.top, form.bottom + 1):
        log.add(file, sheet, grid.rows[r], RowClass.HEADER, STRUCTURAL, _first(grid.cells[r]))
    for r in range(form.bottom + 1, form.total_row):
        if not all(is_blank(v) for v in grid.cells[r]):
            log.add(file, sheet, grid.rows[r], RowClass.COLUMN_NUMBERS, STRUCTURAL)
    style = NumberStyle()
    criteria_rows: dict[str, int] = {}
    ended = False
    c0 = form.criteria_col
    for r in range(form.total_row, len(grid.cells)):
        row = grid.cells[r]
        if all(is_blank(v) for v in row):
            continue
        label = text_of(row[c0]) or _first(row)
        numbers = [c for c in form.columns if not is_blank(row[c])]
        if r in grid.hidden_rows and not opts.include_hidden:
            log.add(
                file, sheet, grid.rows[r], RowClass.HIDDEN, REPORTED, label, "dòng ẩn (hidden row)"
            )
            continue
        if ended or (not numbers and is_signature(label)):
            ended = True
            kind = RowClass.SIGNATURE
            if numbers:
                col.at(
                    r,
                    numbers[0],
                    row[numbers[0]],
                    "không có số liệu sau phần ký tên (no figures below the signature)",
                )
                log.add(file, sheet, grid.rows[r], RowClass.DATA, REPORTED, label)
                continue
            log.add(file, sheet, grid.rows[r], kind, STRUCTURAL, label)
            continue
        name = _criterion(label) if isinstance(label, str) else None
        if name is None and is_note(label):
            log.add(file, sheet, grid.rows[r], RowClass.NOTE, STRUCTURAL, label)
            continue
        if name is not None and name not in criteria_rows:
            criteria_rows[name] = r
            log.add(file, sheet, grid.rows[r], RowClass.DATA, USED, label, f"→ {name}")
        elif not numbers:
            log.add(file, sheet, grid.rows[r], RowClass.SECTION, STRUCTURAL, label)
        else:
            log.add(
                file,
                sheet,
                grid.rows[r],
                RowClass.CRITERION,
                STRUCTURAL,
                label,
                "tiêu chí không dùng (criterion not used)",
            )
    if FEMALE not in criteria_rows:
        col.at(None, None, None, "một dòng Nữ dưới TỔNG SỐ (a row for women)")
        col.blocking = True
    # unit, level, term
    unit = opts.unit_name
    uid = opts.unit_id
    if unit is None and uid is None:
        found = title_unit(title)
        if found is not None:
            unit = found[0]
            log.notes.append(f"{file}: đơn vị lấy từ tiêu đề (unit from the title): {unit}")
    if unit is None and uid is None:
        col.at(None, None, None, title_unit_problem(title) or NEED_UNIT, header="unit")
        col.blocking = True
    level = parse_level(opts.level) if opts.level else None
    units = opts.units
    if units is not None and unit is not None and (hit := units.find(unit)) is not None:
        uid, level = hit[0], level or hit[2]
    if level is None:
        for _, _, text in title.texts:
            m = re.search(r"\b(9a|9b|9c|12b|12c)\b", loose_key(text))
            if m:
                level = _FORM_LEVEL[m.group(1)]
                break
    if level is None and unit is not None:
        level = infer_level(unit)
        if level is not None:
            warnings.warn(
                f'Tệp "{file}": '
                + INFERRED_LEVEL_TEMPLATE.format(n=1, examples=f"{unit} → {level}"),
                InferredLevelWarning,
                stacklevel=6,
            )
    if level is None:
        col.at(None, None, unit, NEED_LEVEL, header="level")
        col.blocking = True
    records: list[dict[str, Any]] = []
    cols_of: dict[str, list[int]] = {}
    for c, (body, _) in form.columns.items():
        if is_blank(grid.cells[form.total_row][c]):
            continue
        cols_of.setdefault(body, []).append(c)
    rows_used: list[int] = []
    for body, cols in cols_of.items():
        rec: dict[str, Any] = {BODY: body}
        for name, r in criteria_rows.items():
            values = []
            for c in cols:
                v, why = read_count(grid, r, c, style)
                if why is not None:
                    col.at(r, c, v, why, header=form.columns[c][1])
                    v = None
                elif v is None:
                    v = 0 if name not in (TOTAL, FEMALE) else None
                    if v is None:
                        col.at(
                            r,
                            c,
                            None,
                            f'số liệu "{label_of(grid, r, c0)}" (a count)',
                            header=form.columns[c][1],
                        )
                whole = _whole(v) if v is not None else None
                if v is not None and (whole is None or whole < 0):
                    col.at(r, c, v, WHOLE_COUNT, header=form.columns[c][1])
                values.append(whole)
            rec[name] = (
                sum(values)
                if all(isinstance(v, int) for v in values)
                else (values[0] if len(values) == 1 else None)
            )
        records.append(rec)
        rows_used.append(form.total_row)
    if not records:
        return Sheet([], [])
    frame = pd.DataFrame.from_records(records)
    term, why, cell = _resolve_term(grid, title, opts, None, col)
    if term is None:
        col.at(
            cell[0] if cell else None,
            cell[1] if cell else None,
            None,
            why or "term=",
            header="term",
        )
        col.blocking = True
        term = "1900-1901"
    frame.insert(0, TERM, term)
    frame.insert(1, UNIT_ID, uid or (derive_unit_id(unit) if unit else "missing"))
    frame.insert(2, UNIT_NAME, unit or uid or "missing")
    frame.insert(3, LEVEL, level or "missing")
    for name in frame.columns:
        if name not in (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY, TOTAL, FEMALE):
            frame[name] = pd.array(frame[name].tolist(), dtype="Int64")
    first_col = min(form.columns)
    origin = Origin(
        file=file,
        sheet=sheet,
        rows={i: grid.rows[criteria_rows.get(TOTAL, form.total_row)] for i in range(len(frame))},
        columns={TOTAL: (letter(first_col), "TỔNG SỐ"), FEMALE: (letter(first_col), "Nữ")},
    )
    return Sheet([(frame, origin)], [grid.rows[r] for r in criteria_rows.values()])


def label_of(grid: Grid, r: int, c: int) -> str:
    """Return the criterion label of row ``r``."""
    return text_cell(grid.cells[r][c]) or ""


def _first(row: list[Any]) -> str:
    return next((text_of(v) for v in row if not is_blank(v)), "")
