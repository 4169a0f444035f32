"""Headers of 1-4 rows read as column paths, and what each column means (private).

A header band is read column by column as a *path* from the top row to the leaf (merged cells
spread over their range, line breaks inside cells folded): ``Ban Chấp hành › Nữ › Số lượng``.  Each
path is interpreted once, into a :class:`Column`: a *key* (unit, level, body, term, STT, note) or a
*measure* (``total``, ``female``, ``male``, ``share`` or an extra numerator such as ``under_40``) of a
body and level.  The layouts the official forms use all come out of the same rules:

- one group per body: ``Ban Chấp hành › Tổng số | Nữ | Tỷ lệ (%)``;
- ``Nữ`` as a group over ``Số lượng``/``Số người`` | ``Tỷ lệ (%)``;
- ``Tổng số`` + ``Trong đó › Nữ``;
- groups per level for one body: ``Cấp tỉnh | Cấp huyện | Cấp xã``, each over ``Tổng số | Nữ``;
- ``Nam | Nữ`` with no total (the total is Nam + Nữ); ``Số lượng`` alone as the total;
- the election forms: ``Số đại biểu được bầu`` (seats), ``Số đại biểu trúng cử`` (elected: the total),
  ``Dân tộc thiểu số``, ``Trẻ tuổi (dưới 40 tuổi)`` ... as extra numerators.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from gender_stats._text import loose_key, nfc
from gender_stats.io._common import header_column
from gender_stats.io._excel import Grid, is_blank
from gender_stats.io._rows import is_column_numbers
from gender_stats.schema import BODY, FEMALE, LEVEL, TERM, TOTAL, UNIT_ID, UNIT_NAME
from gender_stats.vocab import BODIES, LEVELS, other_body, parse_body, parse_level, parse_term

MALE = "male"
SHARE = "share"
NOTE = "note"
SOURCE = "source"
ROW_NUMBER = "row_number"
KEYS = (UNIT_NAME, UNIT_ID, LEVEL, BODY, TERM, ROW_NUMBER, NOTE, SOURCE, "kind")

_TOTAL = {
    "tong so",
    "tong",
    "tong cong",
    "so luong",
    "sl",
    "tong so dai bieu",
    "so dai bieu trung cu",
    "so dai bieu da trung cu",
    "dai bieu trung cu",
    "trung cu",
    "so trung cu",
    "tong so trung cu",
    "tong so cap uy vien",
    "tong so uy vien",
    "so uy vien",
    "tong so nguoi",
    "tong so thanh vien",
    "so thanh vien",
    "tong so can bo",
    "so can bo",
    "tong so dai bieu trung cu",
    "total",
    "members",
    "number",
}
_COUNT_WORD = {"so nguoi", "nguoi", "so luong", "sl", "so", "so luong nguoi", "count", "number"}
_FEMALE = {
    "nu",
    "so nu",
    "trong do nu",
    "nu gioi",
    "so luong nu",
    "so nguoi nu",
    "dai bieu nu",
    "can bo nu",
    "uy vien nu",
    "cap uy vien nu",
    "female",
    "women",
    "so dai bieu nu",
    "trong do so nu",
    "nu nguoi",
}
_MALE = {"nam", "so nam", "nam gioi", "male", "men", "so luong nam"}
_SHARE = {
    "ty le",
    "ty le nu",
    "ti le",
    "ti le nu",
    "ty le phan tram",
    "ty le nu phan tram",
    "ty trong",
    "share",
    "percent",
    "ty le so voi tong so",
    "ty le so voi tong so dai bieu",
    "ty le so voi tong so dai bieu trung cu",
}
_MARKER = {"trong do", "trong so do", "chia ra", "of which", "in which", "bao gom"}
_SEATS = {
    "so dai bieu duoc bau",
    "tong so dai bieu duoc bau",
    "so dai bieu can bau",
    "so luong dai bieu duoc bau",
    "so dai bieu duoc bau theo luat",
    "so dai bieu duoc bau theo quy dinh",
    "so dai bieu duoc an dinh",
    "so ghe",
    "seats",
    "so luong duoc bau",
}
#: Extra criteria of the official forms -> canonical numerator names.
CRITERIA: dict[str, str] = {
    "dan toc thieu so": "ethnic_minority",
    "nguoi dan toc thieu so": "ethnic_minority",
    "tre tuoi duoi 40 tuoi": "under_40",
    "tre tuoi": "under_40",
    "duoi 40 tuoi": "under_40",
    "tu 40 tuoi tro xuong": "under_40",
    "40 tuoi tro xuong": "under_40",
    "under 40": "under_40",
    "ngoai dang": "non_party",
    "nguoi ngoai dang": "non_party",
    "tai cu": "re_elected",
    "ton giao": "religious",
    "nguoi co dao": "religious",
    "tu ung cu": "self_nominated",
    "lan dau tham gia": "first_time",
    "dang vien": "party_member",
    "da tap huan": "trained",
    "so da tap huan": "trained",
    "so duoc tap huan": "trained",
    "duoc tap huan": "trained",
    "da duoc tap huan": "trained",
    "trained": "trained",
}
_DB = re.compile(r"\bdb\b")
_NUMBER_TEXT = re.compile(r"^[+-]?\d[\d.,  ]*%?$")


@dataclasses.dataclass(frozen=True)
class Column:
    """What one column of a table means."""

    index: int
    path: tuple[str, ...]
    key: str | None = None
    measure: str | None = None
    body: str | None = None
    level: str | None = None
    share_of: str | None = None
    group: str | None = None
    term: str | None = None

    @property
    def header(self) -> str:
        """Return the header as the user reads it (``Ban Chấp hành / Nữ``)."""
        return " / ".join(self.path)


@dataclasses.dataclass
class Series:
    """The measure columns of one body × level (the counts of one row of the canonical frame)."""

    body: str | None
    level: str | None
    cols: dict[str, int] = dataclasses.field(default_factory=dict)
    group: str | None = None
    group_col: int | None = None
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    shares: dict[str, int] = dataclasses.field(default_factory=dict)
    term: str | None = None

    @property
    def usable(self) -> bool:
        """Return True when women and a total (or men) are both there."""
        return FEMALE in self.cols and (TOTAL in self.cols or MALE in self.cols)

    @property
    def title(self) -> str:
        """Return a readable name of the series."""
        return " / ".join(x for x in (self.body, self.level, self.term) if x) or "counts"


@dataclasses.dataclass
class Header:
    """Where a header band sits and what its columns mean."""

    top: int
    bottom: int
    columns: list[Column]
    keys: dict[str, int]
    series: list[Series]
    unknown: list[Column]
    numbers_row: int | None = None
    notes: list[str] = dataclasses.field(default_factory=list)  # what was decided, for the log
    #: Two columns read as the same measure of the same body: (kept, second) column indexes.
    conflicts: list[tuple[int, int]] = dataclasses.field(default_factory=list)

    @property
    def first_data(self) -> int:
        """Return the first row below the header (and its column-number row)."""
        return (self.numbers_row if self.numbers_row is not None else self.bottom) + 1

    def measure_cols(self) -> list[int]:
        """Return every column that holds a count or share."""
        return sorted({c for s in self.series for c in (*s.cols.values(), *s.shares.values())})


def text_of(value: Any) -> str:
    """Return a header cell as one line of NFC text (line breaks folded)."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value).replace("\n", " ").replace("\r", " "))


def _merge_map(grid: Grid, rows: range) -> dict[tuple[int, int], tuple[int, int]]:
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in grid.merged:
        if r1 < rows.start or r0 >= rows.stop:
            continue
        for r in range(max(r0, rows.start), min(r1, rows.stop - 1) + 1):
            for c in range(c0, c1 + 1):
                out[(r, c)] = (r0, c0)
    return out


def _paths(grid: Grid, top: int, bottom: int) -> list[tuple[str, ...]]:
    rows = range(top, bottom + 1)
    merges = _merge_map(grid, range(top, bottom + 1))
    width = grid.width
    table: list[list[str]] = []
    for r in rows:
        line = []
        for c in range(width):
            origin = merges.get((r, c))
            value = grid.cells[origin[0]][origin[1]] if origin else grid.cells[r][c]
            line.append(text_of(value))
        table.append(line)
    # a group title written once, not merged, over the columns of its group: spread it right
    for i in range(len(table) - 1):
        for c in range(1, width):
            if (
                not table[i][c]
                and (rows[i], c) not in merges
                and table[i][c - 1]
                and table[i + 1][c]
                and table[i + 1][c - 1]
                and _is_measure_word(table[i + 1][c])
                and _is_measure_word(table[i + 1][c - 1])
                and not _is_key_word(table[i][c - 1])
            ):
                table[i][c] = table[i][c - 1]
    out = []
    for c in range(width):
        path: list[str] = []
        for i in range(len(table)):
            t = table[i][c]
            if t and (not path or path[-1] != t):
                path.append(t)
        out.append(tuple(path))
    return out


def _is_measure_word(text: str) -> bool:
    k = loose_key(re.sub(r"\([^)]*\)", " ", text))
    return bool(
        k in _TOTAL
        or k in _FEMALE
        or k in _MALE
        or k in _SHARE
        or k in _COUNT_WORD
        or k in _MARKER
        or loose_key(text) in _SHARE
    )


def _is_key_word(text: str) -> bool:
    return _key_of(text) is not None


def _key_of(text: str) -> str | None:
    k = loose_key(text)
    if k in ("ghi chu", "chu thich", "note", "notes", "ghi chu khac"):
        return NOTE
    if k in ("nguon", "nguon so lieu", "source"):
        return SOURCE
    if k in ("noi dung", "tieu chi", "chi tieu", "danh muc", "co quan to chuc"):
        return BODY
    if k in (
        "tinh",
        "tinh thanh pho",
        "tinh thanh",
        "tinh tp",
        "ten tinh",
        "tinh thanh pho truc thuoc tw",
    ):
        return UNIT_NAME
    if k.startswith(
        ("huyen thi xa", "ten huyen", "xa phuong", "ten xa", "ten co quan", "dia phuong")
    ):
        return UNIT_NAME
    if k in ("cap bau cu", "cap hanh chinh", "cap", "cap chinh quyen", "cap dia phuong", "level"):
        return LEVEL
    found = header_column(text)
    if found in (UNIT_NAME, UNIT_ID, LEVEL, BODY, TERM, ROW_NUMBER, "kind"):
        return found
    return None


#: A party committee named by its level: "Tỉnh ủy", "Huyện ủy", "Đảng ủy", "Tỉnh ủy viên".
_COMMITTEE_NAME = re.compile(r"^(?:(?:dang|huyen|tinh|thanh|thi|quan) uy)(?: vien)?$")


def _body_in(text: str) -> str | None:
    if other_body(text) is not None:
        return None  # "BCH Hội LHPN", "Thường trực HĐND": another body, whose name holds ours
    code = parse_body(text)
    if code is not None:
        return code
    key = f" {loose_key(text)} "
    best: tuple[int, str] | None = None
    for code, lab in BODIES.items():
        for alias in (lab.vi, *lab.aliases):
            a = loose_key(alias)
            # a short alias only as the first word: "BCH Đảng bộ", "BTV Huyện ủy"
            found = f" {a} " in key if len(a) > 3 else key.startswith(f" {a} ")
            if found and (best is None or len(a) > best[0]):
                best = (len(a), code)
    return best[1] if best else None


def _level_in(text: str) -> str | None:
    k = loose_key(text)
    if not k.startswith("cap ") and k not in ("tinh", "huyen", "xa", "trung uong", "toan quoc"):
        return None
    code = parse_level(text)
    return code if code in LEVELS else None


def _measure_of(text: str) -> str | None:
    k = _DB.sub("dai bieu", loose_key(re.sub(r"\([^)]*\)", " ", text)))
    full = _DB.sub("dai bieu", loose_key(text))  # "Số ĐB trúng cử"
    if not full and "%" in text:
        return SHARE  # a "%" column beside its count ("SL | %")
    for key in (full, k):
        if key in _SHARE:
            return SHARE
        if key in _FEMALE:
            return FEMALE
        if key in _MALE:
            return MALE
        if key in _SEATS:
            return "seats"
        if key in _MARKER:
            return "marker"
        if key in _COUNT_WORD:
            return "count"
        if key in _TOTAL:
            return TOTAL
        if key in CRITERIA:
            return "criterion"
    if full.startswith(("ty le", "ti le")):
        return SHARE
    if parse_body(text) is not None:
        return None  # a body's own name ("Ban vì sự tiến bộ của phụ nữ" ends in "nữ" too)
    if full.endswith(" nu") and _body_in(text):
        return FEMALE
    if full.startswith("tong so") and _body_in(text):
        return TOTAL
    if full.endswith(" nu") and full.startswith(("so ", "trong do")):
        return FEMALE
    return None


def _term_group(element: str) -> str | None:
    """Return the term a header group names ("Nhiệm kỳ 2015 - 2020", "NK 2020-2025"), or None."""
    term = parse_term(element)
    if term is None or _measure_of(element) is not None:
        return None
    return term


def interpret(index: int, path: tuple[str, ...]) -> Column:
    """Return what a column with this header path means, with the term a group above it names.

    Examples
    --------
    >>> c = interpret(2, ("Nhiệm kỳ 2015 - 2020", "Nữ"))
    >>> c.measure, c.term, c.group
    ('female', '2015-2020', None)
    >>> interpret(4, ("Ban Chấp hành nhiệm kỳ 2020-2025", "Tổng số")).body
    'party_committee'
    """
    column = _interpret(index, path)
    term = next((t for t in map(_term_group, path[:-1]) if t is not None), None)
    if term is None or column.measure is None:
        return column
    return dataclasses.replace(column, term=term)


def _interpret(index: int, path: tuple[str, ...]) -> Column:
    """Return what a column with this header path means.

    Examples
    --------
    >>> interpret(3, ("Ban Chấp hành", "Nữ")).measure, interpret(3, ("Ban Chấp hành", "Nữ")).body
    ('female', 'party_committee')
    >>> c = interpret(5, ("Nữ", "Tỷ lệ (%)"))
    >>> c.measure, c.share_of
    ('share', 'female')
    >>> interpret(2, ("Trẻ tuổi (dưới 40 tuổi)", "Số người")).measure
    'under_40'
    >>> interpret(0, ("Đơn vị",)).key, interpret(1, ("Số đại biểu trúng cử",)).measure
    ('unit_name', 'total')
    """
    if not path:
        return Column(index, path)
    if len(path) == 1 or all(_key_of(p) == _key_of(path[0]) for p in path):
        key = _key_of(path[0])
        if key is not None and _measure_of(path[0]) is None:
            return Column(index, path, key=key)
    body = level = criterion = None
    group: str | None = None
    female_seen = False
    measure: str | None = None
    foreign: str | None = None  # a group naming another body ("Hội LHPN" over "Ban Chấp hành")
    for i, element in enumerate(path):
        leaf = i == len(path) - 1
        if not leaf and foreign is None and other_body(element) is not None:
            foreign = element
            continue
        m = _measure_of(element)
        if m == "marker":
            continue
        if m == "criterion":
            k = loose_key(re.sub(r"\([^)]*\)", " ", element))
            criterion = CRITERIA.get(loose_key(element)) or CRITERIA.get(k)
            if leaf:
                measure = criterion
            continue
        if m is not None:
            if body is None and len(loose_key(element)) > 8:
                body = _body_in(element)  # "Tổng số cấp ủy viên", "Cấp ủy viên nữ"
            if leaf:
                measure = m
            elif m == FEMALE:
                female_seen = True
            continue
        lv = _level_in(element)
        if lv is not None and not leaf:
            level = lv
            continue
        if not leaf and _term_group(element) is not None:
            body = _body_in(element) or body  # "Nhiệm kỳ 2015-2020" groups the terms
            continue
        b = _body_in(element)
        if b is None and _COMMITTEE_NAME.match(loose_key(element)):
            b = "party_committee"  # a group headed "Tỉnh ủy" (not a title line: an issuer)
        if b is not None:
            body = b
        elif lv is not None:
            level = lv
        elif not leaf and _key_of(element) is None:
            group = element
    if measure is None:
        return Column(index, path, body=body, level=level)
    if foreign is not None:
        # never one of our bodies, whatever is written under it: reported at its header cell
        measure = TOTAL if measure == "count" and not female_seen else measure
        measure = FEMALE if measure == "count" else measure
        return Column(index, path, measure=measure, group=foreign, share_of=criterion or FEMALE)
    if group is not None and body is None and level is None and criterion is None:
        return Column(index, path, measure=measure, group=group, share_of=FEMALE)
    if measure == SHARE:
        of = criterion or FEMALE
        return Column(index, path, measure=SHARE, body=body, level=level, share_of=of)
    if measure in ("count", TOTAL):
        if female_seen:
            measure = FEMALE
        elif criterion:
            measure = criterion
        else:
            measure = TOTAL
    if measure == FEMALE and criterion:
        return Column(index, path, body=body, level=level)  # women among a criterion: not used
    return Column(index, path, measure=measure, body=body, level=level)


def _numeric(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(_NUMBER_TEXT.match(value.strip()))


def band_end(grid: Grid, top: int, key_cols: Sequence[int], limit: int = 4) -> int:
    """Return the last row of a header band that starts at ``top``."""
    merges = _merge_map(grid, range(top, min(top + limit, len(grid.cells))))
    bottom = top
    for r in range(top + 1, min(top + limit, len(grid.cells))):
        row = grid.cells[r]
        if all(is_blank(v) for v in row) or is_column_numbers(row):
            break
        if any(_numeric(v) and (r, c) not in merges for c, v in enumerate(row)):
            break
        if any(
            not is_blank(row[c]) and (r, c) not in merges and not _is_key_word(text_of(row[c]))
            for c in key_cols
        ):
            break
        bottom = r
    return bottom


def find_header(grid: Grid, *, search: int = 40) -> Header | None:
    """Return the first header band whose columns make a counts table, or ``None``."""
    for top in range(min(search, len(grid.cells))):
        row = grid.cells[top]
        key_cols = [c for c, v in enumerate(row) if not is_blank(v) and _is_key_word(text_of(v))]
        if not key_cols and not any(_measure_of(text_of(v)) for v in row if not is_blank(v)):
            continue
        if any(_numeric(v) for v in row) and not is_column_numbers(row):
            continue
        bottom = band_end(grid, top, key_cols)
        header = _build(grid, top, bottom)
        if header is not None:
            return header
    return None


def _build(grid: Grid, top: int, bottom: int) -> Header | None:
    paths = _paths(grid, top, bottom)
    columns = [interpret(c, p) for c, p in enumerate(paths)]
    keys: dict[str, int] = {}
    for col in columns:
        if col.key is not None and col.key not in keys:
            keys[col.key] = col.index
    groups: dict[tuple[str | None, str | None, str | None, str | None], Series] = {}
    unknown: list[Column] = []
    conflicts: list[tuple[int, int]] = []
    for col in columns:
        if col.measure is None:
            if col.key is None and col.path:
                unknown.append(col)
            continue
        series = groups.setdefault(
            (col.body, col.level, col.group, col.term),
            Series(col.body, col.level, group=col.group, group_col=col.index, term=col.term),
        )
        if col.measure == SHARE:
            series.shares.setdefault(col.share_of or FEMALE, col.index)
            series.headers.setdefault(f"share:{col.share_of}", col.header)
            continue
        if col.measure in series.cols:
            unknown.append(col)
            if any((series.body, series.level, series.term, series.group)):
                # a second group of the same body ("Thường trực HĐND" | "Đại biểu HĐND" before
                # the fix; "HĐND" | "Đại biểu HĐND"): never keep one silently
                conflicts.append((series.cols[col.measure], col.index))
            continue
        series.cols[col.measure] = col.index
        series.headers[col.measure] = col.header
    notes = []
    for s in groups.values():
        if "seats" in s.cols and TOTAL not in s.cols and MALE not in s.cols:
            # "Số đại biểu được bầu" with no "trúng cử" column beside it: those elected
            s.cols[TOTAL] = s.cols.pop("seats")
            s.headers[TOTAL] = s.headers.pop("seats")
            notes.append(
                f'cột "{s.headers[TOTAL]}" là tổng số: không có cột trúng cử (the only count of '
                "deputies, no elected column beside it: read as the total)"
            )
    series_list = [s for s in groups.values() if s.usable]
    if not series_list:
        return None
    if not (set(keys) & {UNIT_NAME, UNIT_ID, LEVEL, BODY}) and len(series_list) == 0:
        return None
    for s in groups.values():
        if not s.usable:
            unknown.extend(
                Column(c, paths[c], body=s.body, level=s.level)
                for c in (*s.cols.values(), *s.shares.values())
            )
    numbers_row = None
    nxt = bottom + 1
    if nxt < len(grid.cells) and is_column_numbers(grid.cells[nxt]):
        numbers_row = nxt
    return Header(top, bottom, columns, keys, series_list, unknown, numbers_row, notes, conflicts)


def header_cell(grid: Grid, header: Header, c: int, text: str | None) -> tuple[int, int]:
    """Return the grid cell (the origin of its merged range) of column ``c`` that holds ``text``.

    ``text`` is one element of the column's path (a group title); without it, or when no cell of
    the band holds it, the leaf cell of the column.
    """
    merges = _merge_map(grid, range(header.top, header.bottom + 1))
    cells = [merges.get((r, c), (r, c)) for r in range(header.top, header.bottom + 1)]
    for r0, c0 in cells:
        if text is not None and text_of(grid.cells[r0][c0]) == text:
            return r0, c0
    leaf = next((rc for rc in reversed(cells) if text_of(grid.cells[rc[0]][rc[1]])), None)
    return leaf if leaf is not None else (header.bottom, c)


def group_title(header: Header, c: int, body: str | None) -> str | None:
    """Return the element of column ``c``'s path that names its group: its body, or any title."""
    path = header.columns[c].path if c < len(header.columns) else ()
    named = [p for p in path[:-1] if body is not None and _body_in(p) == body]
    if named:
        return named[-1]
    titles = [p for p in path[:-1] if _measure_of(p) is None]
    return titles[-1] if titles else None


def diagnose(grid: Grid, *, search: int = 40) -> tuple[int, dict[str, int]] | None:
    """Return the first row that looks like a header (two known column names) and what it names."""
    for r in range(min(search, len(grid.cells))):
        found: dict[str, int] = {}
        for c, v in enumerate(grid.cells[r]):
            if is_blank(v):
                continue
            text = text_of(v)
            name = _key_of(text) or _measure_of(text) or header_column(text)
            if name is not None and name not in found:
                found[name] = c
        if len(set(found) - {ROW_NUMBER}) >= 2:
            return r, found
    return None
