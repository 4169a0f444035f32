"""Transposed forms: criteria down, bodies and posts across (private).

The Central Organisation Commission's cadre statistics (``Biểu số 9A/9B/9C-BTCTW``, and the planning
forms 12B/12C/8B of the same shape) list criteria down the first column — ``TỔNG SỐ``, ``Trong đó:
Nữ``, ``Dân tộc thiểu số``, numbered blocks such as ``1. Tuổi đời`` with bands (``Từ 40 tuổi trở
xuống`` …) — and the bodies and posts across: ``Ban chấp hành``, ``Ban thường vụ``, ``Lãnh đạo cấp ủy``
over ``Bí thư | Phó bí thư``, ``Lãnh đạo HĐND`` and ``Lãnh đạo UBND`` over ``Chủ tịch | Phó chủ
tịch``.  Each body column gives one counts row (total from ``TỔNG SỐ``, women from ``Nữ``, extra
numerators from the criteria); the post columns are summed into ``key_posts``.  The unit is named
only in the issuing block of the title (or ``unit_name=``); the level follows the form (9A province,
9B district, 9C commune) or the unit's name — a form number and a unit of different levels is a
problem.

What is never guessed: a term over the columns (``Nhiệm kỳ 2015-2020 | Nhiệm kỳ 2020-2025``) gives
each column its term (never summed); a body in two columns, a blank ``TỔNG SỐ`` over figures and a
second form below the first are problems; a blank criterion cell is no figure (``<NA>``), except in a
column whose total is 0; a ``Tỷ lệ nữ (%)`` row is checked against the counts, never used as one; a
planning form (``quy hoạch``, 12B/12C) is read only with ``body="planning_pool"`` (the pool for the
Ban chấp hành); a column that is not read is named in the reading log.
"""

from __future__ import annotations

import dataclasses
import re
import warnings
from typing import Any

import pandas as pd

from gender_stats._text import loose_key
from gender_stats.io._common import Collector, derive_unit_id, is_dash, letter, text_cell
from gender_stats.io._counts import (
    NEED_LEVEL,
    NEED_UNIT,
    WHOLE_COUNT,
    Options,
    Sheet,
    _check_share,
    _resolve_term,
    _whole,
    copied_title,
    read_count,
    read_title,
    term_value,
    title_unit,
    title_unit_problem,
)
from gender_stats.io._excel import Grid, is_blank
from gender_stats.io._header import _body_in, _paths, _term_group, text_of
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
    (r"^tong so$|^tong cong$|^tong$|^tong so (can bo|nguoi|cb)\b", TOTAL),
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
    terms: dict[int, str] = dataclasses.field(default_factory=dict)  # col -> term its header names


_NUMBERED = re.compile(r"^\s*(?:[IVXLC]+|[A-Da-d]|\d{1,2})\s*[.)/]\s+")
#: A criteria row of women's share (checked against the counts, never used as a count).
_SHARE_ROW = re.compile(r"^(ty le|ti le)( nu| can bo nu)?( so voi tong so)?( phan tram)?$")
SHARE = "share"


def _criterion_key(text: str) -> str:
    """Return the key of a criteria label: no bullet, numbering, unit in brackets or colon."""
    text = re.sub(r"\((?:người|nguoi|ng|%)\)", " ", text, flags=re.IGNORECASE)
    text = _NUMBERED.sub("", re.sub(r"^[\s*\-+•·]+", "", text))
    key = loose_key(text.replace("Trong đó:", "Trong đó "))
    return re.sub(r"^trong do\s+", "trong do ", key)


def _criterion(text: str) -> str | None:
    """Return the numerator a criteria label names (``total``, ``female`` ...), or ``None``.

    Examples
    --------
    >>> [_criterion(t) for t in ("I. TỔNG SỐ", "Tổng số (người)", "*Trong đó:- Nữ", "Nữ (người)")]
    ['total', 'total', 'female', 'female']
    >>> _criterion("Tỷ lệ nữ (%)"), _criterion("- Từ 40 tuổi trở xuống"), _criterion("2. Trình độ")
    ('share', 'under_40', None)
    """
    key = _criterion_key(text)
    for pattern, name in _CRITERIA:
        if re.match(pattern, key):
            return name
    if _SHARE_ROW.match(key):
        return SHARE
    return None


#: How many columns from the left the criteria column may stand in (a table placed at column D).
_CRITERIA_SEARCH = 10


def locate_transposed(grid: Grid, search: int = 40) -> Transposed | None:
    """Return the layout of a transposed form, or ``None``."""
    n = len(grid.cells)
    for c in range(min(_CRITERIA_SEARCH, grid.width)):
        total_row = None
        for r in range(min(search, n)):
            v = grid.cells[r][c]
            if (
                isinstance(v, str)
                and _criterion(v) == TOTAL
                and _criterion_key(v).startswith(("tong so", "tong cong"))
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
        # the header band: the rows above TỔNG SỐ that name bodies or posts across (and a row of
        # terms over them: "Nhiệm kỳ 2015-2020 | Nhiệm kỳ 2020-2025")
        bottom = total_row - 1
        while bottom >= 0 and is_column_numbers(grid.cells[bottom]):
            bottom -= 1
        top = bottom
        while (
            top > 0
            and top > bottom - 3
            and (_names_bodies(grid.cells[top - 1], c) or _names_terms(grid.cells[top - 1], c))
        ):
            top -= 1
        if bottom < 0 or (
            not _names_bodies(grid.cells[top], c)
            and not _names_bodies(grid.cells[bottom], c)
            and not any(_names_bodies(grid.cells[r], c) for r in range(top, bottom + 1))
        ):
            continue
        paths = _paths(grid, top, bottom)
        columns: dict[int, tuple[str, str]] = {}
        unused: dict[int, str] = {}
        terms: dict[int, str] = {}
        for col, path in enumerate(paths):
            if col == c or not path:
                continue
            term = next((t for t in map(_term_group, path) if t is not None), None)
            rest = tuple(p for p in path if _term_group(p) is None) or path
            body = _column_body(rest)
            header = " / ".join(path)
            if body is None:
                unused[col] = header
            else:
                columns[col] = (body, header)
                if term is not None:
                    terms[col] = term
        if not any(
            b in ("party_committee", "standing_committee", KEY_POSTS) for b, _ in columns.values()
        ):
            continue
        return Transposed(top, bottom, c, total_row, columns, unused, terms)
    return None


def _names_terms(row: list[Any], skip: int) -> bool:
    return any(
        i != skip and isinstance(v, str) and _term_group(text_of(v)) is not None
        for i, v in enumerate(row)
    )


def _names_bodies(row: list[Any], skip: int) -> bool:
    return (
        sum(
            1
            for i, v in enumerate(row)
            if i != skip
            and isinstance(v, str)
            and (
                _body_of(v) or any(loose_key(v).startswith(w) for w in (*_POST_WORDS, *_KEY_GROUPS))
            )
        )
        >= 2
    )


#: A key post named with its body: "Chủ tịch HĐND", "Phó Chủ tịch UBND xã", "Bí thư Đảng ủy".
_LOCAL_POST = re.compile(
    r"^(pho )?(bi thu|chu tich)( thuong truc)? (hdnd|ubnd|hoi dong nhan dan|uy ban nhan dan"
    r"|dang uy|huyen uy|tinh uy|thanh uy|thi uy|cap uy)( (tinh|huyen|xa|phuong|thi tran))?$"
)
#: Members of a committee named after it: "Đảng ủy viên", "Huyện ủy viên", "Tỉnh ủy viên".
_COMMITTEE_MEMBERS = re.compile(r"^(dang|huyen|tinh|thanh|thi|quan) uy( vien)?$")


def _body_of(text: str) -> str | None:
    r"""Return the body a header cell names, members' wording too ("Ủy viên BTV", "Cấp ủy viên").

    Examples
    --------
    >>> _body_of("Ủy viên BTV"), _body_of("Ban\nthường vụ"), _body_of("Thành viên BCH")
    ('standing_committee', 'standing_committee', 'party_committee')
    >>> _body_of("Đảng ủy viên"), _body_of("Huyện ủy viên")
    ('party_committee', 'party_committee')
    """
    text = text_of(text)
    if _COMMITTEE_MEMBERS.match(loose_key(text)):
        return "party_committee"
    found = _body_in(text)
    if found is None:
        bare = re.sub(
            r"^(?:ủy viên|uỷ viên|uy vien|thành viên|thanh vien)\s+", "", text, flags=re.I
        )
        found = parse_body(bare) if bare != text else None
    return found


def _column_body(path: tuple[str, ...]) -> str | None:
    keys = [loose_key(p) for p in path]
    if len(keys) > 1 and any(k.startswith(_KEY_GROUPS) for k in keys[:-1]):
        return KEY_POSTS if keys[-1] in _POST_WORDS or keys[-1].startswith(_POST_WORDS) else None
    if any(k.startswith(("cac so", "so ban nganh", "cap truong", "cap pho")) for k in keys):
        return None
    if keys[-1] in _POST_WORDS or _LOCAL_POST.match(keys[-1]):
        return KEY_POSTS
    body = _body_of(path[-1]) or (parse_body(path[0]) if len(path) == 1 else None)
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
    style = (
        NumberStyle(opts.thousands, "thousands= do người dùng chọn (given by the caller)")
        if opts.thousands is not None
        else NumberStyle()
    )
    criteria_rows: dict[str, int] = {}
    ended = False
    c0 = form.criteria_col
    for r in range(form.total_row, len(grid.cells)):
        row = grid.cells[r]
        if all(is_blank(v) for v in row):
            continue
        label = text_of(row[c0]) or _first(row)
        # figures, not words: a date line or a signature may stand in a body's column
        numbers = [c for c in form.columns if _figure(grid, r, c)]
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
        if name == SHARE and SHARE not in criteria_rows:
            criteria_rows[SHARE] = r
            log.add(file, sheet, grid.rows[r], RowClass.CRITERION, STRUCTURAL, label, SHARE_ROW)
        elif name == TOTAL and TOTAL in criteria_rows and numbers and _starts_table(grid, r, c0):
            # a second form below the first (TỔNG SỐ and its Nữ row again): never passed over
            col.at(r, c0, label, SECOND_TABLE.format(row=grid.rows[criteria_rows[TOTAL]]))
            col.blocking = True
            log.add(file, sheet, grid.rows[r], RowClass.DATA, REPORTED, label, "bảng thứ hai")
        elif name is not None and name not in criteria_rows:
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
    for need, what in ((TOTAL, "TỔNG SỐ"), (FEMALE, "Nữ")):
        if need not in criteria_rows:
            hidden = need == TOTAL and form.total_row in grid.hidden_rows
            col.at(
                form.total_row if hidden else None,
                c0 if hidden else None,
                text_of(grid.cells[form.total_row][c0]) if hidden else None,
                NEED_ROW.format(what=what) + (HIDDEN_ROW if hidden else ""),
            )
            col.blocking = True
    # unit, level, term
    unit = opts.unit_name
    uid = opts.unit_id
    if unit is None and uid is None:
        found = title_unit(title)
        if found is not None:
            copied_title(col, found, opts.units)  # a copied sheet whose title was kept
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
        for r, c, text in title.texts:
            m = re.search(r"\b(9a|9b|9c|12b|12c)\b", loose_key(text))
            if m:
                level = _FORM_LEVEL[m.group(1)]
                own = infer_level(unit) if unit is not None else None
                if own is not None and own != level:
                    # "Biểu 9B" (district) issued by "TỈNH ỦY …": which is wrong?
                    said = FORM_LEVEL_CONFLICT.format(form=m.group(1).upper(), level=level)
                    col.at(r, c, unit, said, header="level")
                    col.blocking = True
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
    _note_columns(grid, form, log)
    shares = criteria_rows.pop(SHARE, None)
    cols_of = _body_columns(grid, form, criteria_rows, col, log)
    cols_of = _planning_pools(grid, form, title, cols_of, col, log, opts)
    records: list[dict[str, Any]] = []
    # a column whose TỔNG SỐ is 0 has 0 women (and 0 of every criterion): its blanks are 0
    empty = (
        {c for c in form.columns if read_count(grid, criteria_rows[TOTAL], c, style)[0] == 0}
        if TOTAL in criteria_rows
        else set()
    )
    for (body, term), cols in cols_of.items():
        rec: dict[str, Any] = {BODY: body, TERM: term, "_c": cols[0]}
        for name, r in criteria_rows.items():
            rec[name] = _criterion_value(grid, form, r, cols, name, style, col, empty)
        if rec.get(TOTAL) is not None and rec.get(FEMALE) is not None:
            records.append(rec)  # else reported at its cell already (not again by the validator)
        if shares is not None:
            for c in cols:
                _check_share_cell(grid, form, shares, c, criteria_rows, style, col, log, opts)
    if not records:
        return Sheet([], [])
    frame = pd.DataFrame.from_records(records)
    if frame[TERM].isna().any():
        term, why, cell = _resolve_term(grid, title, opts, None, col)
        if term is None:
            col.at(
                cell[0] if cell else None,
                cell[1] if cell else None,
                term_value(grid, cell, opts),
                why or "term=",
                header="term",
            )
            col.blocking = True
            term = "1900-1901"
        frame[TERM] = frame[TERM].fillna(term)
    frame.insert(0, TERM, frame.pop(TERM))
    frame.insert(1, UNIT_ID, uid or (derive_unit_id(unit) if unit else "missing"))
    frame.insert(2, UNIT_NAME, unit or uid or "missing")
    frame.insert(3, LEVEL, level or "missing")
    for name in list(frame.columns):
        if name not in (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY, TOTAL, FEMALE):
            frame[name] = pd.array(frame[name].tolist(), dtype="Int64")
    # the validator's problems are of women (more than the total): point at the women's row
    female_row = grid.rows[criteria_rows.get(FEMALE, form.total_row)]
    frames = []
    for i, c in enumerate(frame.pop("_c").tolist()):
        header = form.columns[c][1]
        origin = Origin(
            file=file,
            sheet=sheet,
            rows={0: female_row},
            columns={TOTAL: (letter(c), f"TỔNG SỐ / {header}"), FEMALE: (letter(c), header)},
        )
        frames.append((frame.iloc[[i]].reset_index(drop=True), origin))
    return Sheet(frames, [grid.rows[r] for r in criteria_rows.values()])


#: Expected text of a form number whose level is not the issuer's.
FORM_LEVEL_CONFLICT = (
    "đơn vị đúng cấp của biểu {form} ({level}): tên đơn vị chỉ cấp khác; truyền level= hoặc "
    "unit_name= (the unit's name says another level than the form number; pass level=)"
)
#: Expected text of a second TỔNG SỐ with its Nữ row below the first.
SECOND_TABLE = (
    "một biểu mỗi trang (one form per sheet): đã có dòng TỔNG SỐ ở dòng {row}; tách biểu thứ hai "
    "sang trang khác (move the second form to its own sheet)"
)


#: Expected text of a missing criteria row.
NEED_ROW = "một dòng {what} ở cột tiêu chí (a {what} row in the criteria column)"
HIDDEN_ROW = "; dòng này đang ẩn: include_hidden=True để đọc (the row is hidden)"


#: Expected text of a planning form read without ``body="planning_pool"``.
PLANNING_FORM = (
    "body='planning_pool': đây là biểu quy hoạch ({where}), các cột là nguồn quy hoạch cho từng "
    "cơ quan, không phải chính cơ quan đó (a planning form: its columns are the planning pools "
    "for each body, not the bodies; pass body='planning_pool' to read the pool for the Ban chấp "
    "hành)"
)


def _planning_where(grid: Grid, form: Transposed, title: Any) -> str | None:
    """Return where a form says it is a planning form (quy hoạch, Biểu 12B/12C), or ``None``."""
    for _, _, text in title.texts:
        key = loose_key(text)
        if "quy hoach" in key or re.search(r"\b(12b|12c)\b", key):
            return text if len(text) <= 60 else text[:57] + "..."
    for header in (*(h for _, h in form.columns.values()), *form.unused.values()):
        if "quy hoach" in loose_key(header):
            return header
    return None


def _planning_pools(
    grid: Grid,
    form: Transposed,
    title: Any,
    cols_of: dict[tuple[str, str | None], list[int]],
    col: Collector,
    log: ReadingLog,
    opts: Options,
) -> dict[tuple[str, str | None], list[int]]:
    """Return the columns to read of a planning form (12B/12C): never read as the bodies.

    Without ``body="planning_pool"`` that is a problem; with it, the pool for the Ban chấp hành
    is the planning pool (one row per unit and term) and the other pools are named in the log.
    """
    where = _planning_where(grid, form, title)
    if where is None:
        return cols_of
    if opts.body is None or parse_body(opts.body) != "planning_pool":
        col.at(form.top, None, where, PLANNING_FORM.format(where=where), header="body")
        col.blocking = True
        return cols_of
    out: dict[tuple[str, str | None], list[int]] = {}
    for (body, term), cols in cols_of.items():
        if body == "party_committee":
            out[("planning_pool", term)] = cols
            continue
        for c in cols:
            log.notes.append(
                f'{grid.file}: cột {letter(c)} "{form.columns[c][1]}" là quy hoạch cho cơ quan '
                "khác, không đọc (the pool for another body: not read)"
            )
    return out


def _figure(grid: Grid, r: int, c: int) -> bool:
    """Return True for a cell holding a figure (a number, a number as text, a formula)."""
    v = grid.cells[r][c]
    if (r, c) in grid.no_value:
        return True
    if isinstance(v, bool) or is_blank(v):
        return False
    if isinstance(v, (int, float)):
        return True
    return bool(re.match(r"^\s*[+-]?\d[\d.,\s]*%?\s*$", str(v)))


def _starts_table(grid: Grid, r: int, c: int) -> bool:
    """Return True when a Nữ row follows row ``r`` within three rows (a form's start)."""
    return any(
        isinstance(grid.cells[i][c], str) and _criterion(grid.cells[i][c]) == FEMALE
        for i in range(r + 1, min(r + 4, len(grid.cells)))
    )


#: Detail of a share row in the reading log.
SHARE_ROW = "tỷ lệ: đối chiếu với số liệu, không dùng làm số (a share: checked against the counts)"
#: Expected text of a body column with figures but a blank TỔNG SỐ.
BLANK_TOTAL = (
    'số ở dòng TỔNG SỐ của cột "{header}": cột có số liệu ở các dòng dưới (a total: the column has '
    "figures below a blank TỔNG SỐ)"
)
#: Expected text of a second column giving the same body (and term).
ONE_COLUMN = (
    'một cột cho mỗi cơ quan (one column per body): cột {first} "{header}" cũng là {body}'
    "{term}; hai cột không được cộng dồn (the two columns are not added up)"
)


def _note_columns(grid: Grid, form: Transposed, log: ReadingLog) -> None:
    """Name in the log every header column that is not read (never dropped silently)."""
    for c, header in form.unused.items():
        if any(not is_blank(grid.cells[r][c]) for r in range(form.total_row, len(grid.cells))):
            log.notes.append(
                f'{grid.file}: cột {letter(c)} "{header}" không dùng (column not used)'
            )


def _body_columns(
    grid: Grid, form: Transposed, criteria_rows: dict[str, int], col: Collector, log: ReadingLog
) -> dict[tuple[str, str | None], list[int]]:
    """Return the columns of each body and term; report a blank total and a repeated body."""
    cols_of: dict[tuple[str, str | None], list[int]] = {}
    rows = list(criteria_rows.values())
    for c, (body, header) in form.columns.items():
        if not _figure(grid, form.total_row, c) and not is_dash(grid.cells[form.total_row][c]):
            if any(_figure(grid, r, c) for r in rows if r != form.total_row):
                col.at(form.total_row, c, None, BLANK_TOTAL.format(header=header), header=header)
            else:  # a blank column: the body or post is not in this form
                log.notes.append(
                    f'{grid.file}: cột {letter(c)} "{header}" trống, không đọc (blank column: '
                    "not read)"
                )
            continue
        key = (body, form.terms.get(c))
        if key in cols_of and body != KEY_POSTS:
            first = cols_of[key][0]
            term = f" ({key[1]})" if key[1] else ""
            col.at(
                form.bottom,
                c,
                header,
                ONE_COLUMN.format(
                    first=letter(first), header=form.columns[first][1], body=body, term=term
                ),
                header=header,
            )
            col.blocking = True
            continue
        cols_of.setdefault(key, []).append(c)
    return cols_of


def _criterion_value(
    grid: Grid,
    form: Transposed,
    r: int,
    cols: list[int],
    name: str,
    style: NumberStyle,
    col: Collector,
    empty: frozenset[int] | set[int] = frozenset(),
) -> int | None:
    """Return the count of criterion row ``r`` over ``cols`` (summed), or ``None``.

    A blank cell of another criterion (ethnic minority, an age band) is no figure, not 0: the
    numerator is missing (``<NA>``), so no target is judged on it.  In a column whose total is 0
    (``empty``) a blank is 0: a part of nobody.
    """
    values: list[int | None] = []
    for c in cols:
        v, why = read_count(grid, r, c, style)
        header = form.columns[c][1]
        if why is not None:
            col.at(r, c, v, why, header=header)
            values.append(None)
            continue
        if v is None and c in empty:
            values.append(0)
            continue
        if v is None:
            if name in (TOTAL, FEMALE):
                label = label_of(grid, r, form.criteria_col)
                col.at(r, c, None, f'số liệu "{label}" (a count)', header=header)
            values.append(None)
            continue
        whole = _whole(v)
        if whole is None or whole < 0:
            col.at(r, c, v, WHOLE_COUNT, header=header)
            values.append(None)
            continue
        values.append(whole)
    if any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def _check_share_cell(
    grid: Grid,
    form: Transposed,
    r: int,
    c: int,
    criteria_rows: dict[str, int],
    style: NumberStyle,
    col: Collector,
    log: ReadingLog,
    opts: Options,
) -> None:
    """Check a reported share of women against the column's counts (a mismatch is reported)."""
    if TOTAL not in criteria_rows or FEMALE not in criteria_rows:
        return
    total = _whole(read_count(grid, criteria_rows[TOTAL], c, style)[0])
    female = _whole(read_count(grid, criteria_rows[FEMALE], c, style)[0])
    if total is None or female is None or total == 0:
        return
    header = form.columns[c][1]
    _check_share(grid, r, c, female, total, f"{header} / Tỷ lệ", col, log, opts)


def label_of(grid: Grid, r: int, c: int) -> str:
    """Return the criterion label of row ``r``."""
    return text_cell(grid.cells[r][c]) or ""


def _first(row: list[Any]) -> str:
    return next((text_of(v) for v in row if not is_blank(v)), "")
