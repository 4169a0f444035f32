"""Pieces shared by the readers: headers, cells, units, legacy encodings, problems (private)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pandas as pd

from gender_stats._text import expand_abbreviation, loose_key, name_key, nfc
from gender_stats.errors import (
    DataError,
    Problem,
    excel_column_letter,
)
from gender_stats.io._excel import Grid, is_blank

# The legacy-text repairs live in gender_stats.io._legacy; re-exported for the readers.
from gender_stats.io._legacy import recode as recode
from gender_stats.io._legacy import recode_grid as recode_grid
from gender_stats.io._legacy import recode_top as recode_top
from gender_stats.io._numbers import NumberStyle, parse_count_text
from gender_stats.schema import LEVEL, UNIT_ID, UNIT_NAME, Origin
from gender_stats.vocab import COLUMN_ALIASES

#: Canonical column of each header key (``loose_key`` of an alias).
HEADER_INDEX: dict[str, str] = {
    loose_key(alias): column
    for column, aliases in COLUMN_ALIASES.items()
    for alias in (column.replace("_", " "), *aliases)
}
_PAREN = re.compile(r"\([^)]*\)")
_ROMAN = re.compile(r"^([IVXLC]+)(?:\s*[.)/:-]\s*|\s+|$)(.*)$")
_TOTAL_WORDS = ("tong cong", "tong so", "cong", "tong", "toan tinh", "toan huyen", "cong chung")

#: Expected text of a count cell that is a formula saved without its value.
FORMULA_NO_VALUE = (
    "số liệu đã tính: ô là công thức chưa lưu giá trị (a value: this formula cell was saved "
    "without its result; open the file in Excel, let it calculate and save)"
)
#: Expected text of a count written as a dash: it may mean none (0) or no figure (blank).
DASH_COUNT = (
    "một số: 0 nếu không có người nào, để trống nếu không có số liệu (a number: 0 for none, blank "
    "for no figure; a dash could mean either)"
)
_DASH = re.compile(r"^\s*[-–—_.]+\s*$")
NOT_BLANK_ROW = (
    "dòng có đủ dữ liệu, hoặc xóa dòng này (a complete row; this row is blank except for one cell)"
)
MERGED = "ô không gộp trong vùng dữ liệu (no merged cells in the data area; unmerge {rng})"
UNKNOWN_UNIT = "tên đơn vị có trong bảng đơn vị (a unit name or alias listed in the units table)"


def header_column(text: Any) -> str | None:
    """Return the canonical column a header names, or ``None``.

    Examples
    --------
    >>> header_column("Tỷ lệ (%)"), header_column("TEN DON VI"), header_column("Ghi chú")
    ('share', 'unit_name', None)
    """
    if is_blank(text):
        return None
    key = loose_key(text)
    if key in HEADER_INDEX:
        return HEADER_INDEX[key]
    key = loose_key(_PAREN.sub(" ", nfc(str(text))))
    return HEADER_INDEX.get(key)


def roman_section(text: Any) -> str | None:
    """Return the label of a section row (``"I. Khối huyện"`` -> ``"Khối huyện"``), or ``None``.

    Examples
    --------
    >>> roman_section("II. Khối sở, ban, ngành"), roman_section("Ivy"), roman_section("III")
    ('Khối sở, ban, ngành', None, '')
    """
    if not isinstance(text, str):
        return None
    match = _ROMAN.match(nfc(text))
    return match.group(2) if match else None


def is_total_label(text: Any) -> bool:
    """Return True for the label of a total row (``Tổng cộng``, ``Tổng số``, ``Cộng``).

    Examples
    --------
    >>> is_total_label("Tổng cộng"), is_total_label("CỘNG"), is_total_label("Huyện Tĩnh Gia")
    (True, True, False)
    """
    return isinstance(text, str) and loose_key(text) in _TOTAL_WORDS


#: The most letters and digits in a total label ("toàn huyện"): a text with more is never one.
TOTAL_LABEL_LETTERS = max(len(word.replace(" ", "")) for word in _TOTAL_WORDS)
_TOTAL_INITIALS = frozenset(word[0] for word in _TOTAL_WORDS)


def has_total_label(texts: Any) -> bool:
    """Return whether an Arrow string array holds a total row's label (:func:`is_total_label`).

    Each letter or digit of a text gives at most one character of its
    :func:`~gender_stats._text.loose_key`, and that key starts with the key of the text's first
    letter or digit.  So only texts of at most :data:`TOTAL_LABEL_LETTERS` letters and digits
    whose first one keys to the initial of a total word (or to nothing) can be one: the 10,000
    unit names of a national roster are not each keyed in Python.

    Examples
    --------
    >>> import pyarrow as pa
    >>> has_total_label(pa.array(["Huyện Nga Sơn", "Xã Hà", "Cẩm Vân", None]))
    False
    >>> has_total_label(pa.array(["Xã Hà", "- TỔNG CỘNG:"]))
    True
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    alnum = r"[\p{L}\p{N}]"
    short = texts.filter(pc.less_equal(pc.count_substring_regex(texts, alnum), TOTAL_LABEL_LETTERS))
    if len(short) == 0:
        return False
    trimmed = pc.replace_substring_regex(short, pattern=r"^[^\p{L}\p{N}]+", replacement="")
    first = pc.utf8_slice_codeunits(trimmed, 0, 1)
    initials = [
        f for f in pc.unique(first).to_pylist() if f is not None and _may_start_total(loose_key(f))
    ]
    candidates = short.filter(pc.is_in(first, value_set=pa.array(initials, type=first.type)))
    return any(is_total_label(text) for text in candidates.to_pylist())


def _may_start_total(key: str) -> bool:
    return key == "" or key[0] in _TOTAL_INITIALS


def letter(c: int) -> str:
    """Return the column letter of a 0-based column position."""
    return excel_column_letter(c + 1)


def text_cell(value: Any) -> str | None:
    """Return a cell as NFC text, or ``None`` when blank (numbers become their digits)."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def is_dash(value: Any) -> bool:
    """Return True for a cell holding only a dash ("-", "–", "—") or dots, no figure.

    Examples
    --------
    >>> is_dash("-"), is_dash(" – "), is_dash("0"), is_dash(None)
    (True, True, False, False)
    """
    return isinstance(value, str) and bool(_DASH.match(value))


def count_cell(
    grid: Grid, r: int, c: int, style: NumberStyle | None = None
) -> tuple[Any, str | None]:
    """Return a count cell as a number, or its value as written and why it is not one.

    CSV cells are all text: ``12`` is 12, ``12,0`` is 12.0, and a grouped ``1.234`` follows the
    file's ``style`` (:mod:`gender_stats.io._numbers`) — without one it is a reported ambiguity.
    Workbook and Parquet cells keep their types: a count typed as *text* there (``"12"``, the
    green triangle in Excel) is read the same way and its cell recorded in
    ``grid.text_numbers``, so the reader can say which cells were text (Excel's own sums skip
    them; a total row that disagrees is reported by the sums check).
    A formula cell saved without its value is a problem.
    """
    value = grid.cells[r][c]
    if (r, c) in grid.no_value:
        return "(công thức / formula)", FORMULA_NO_VALUE
    if is_blank(value):
        return None, None
    if isinstance(value, bool):
        return value, None
    if isinstance(value, (int, float)):
        return value, None
    text = nfc(str(value))
    if is_dash(text):
        return text, DASH_COUNT
    number, why = parse_count_text(text, style or NumberStyle())
    if grid.typed and number is not None and why is None:
        grid.text_numbers.add((r, c))
    if why is not None:
        return text, why
    if number is None:
        return text, None
    if isinstance(number, Decimal):
        if number != number.to_integral_value():
            return text, COUNT_WITH_DECIMALS  # quoted as written ("39,5"), not as 39.5
        return float(number), None
    return number, None


#: A count typed with decimals ("39,5" in a CSV): named at its cell as written.
COUNT_WITH_DECIMALS = "số nguyên ≥ 0 (a whole number ≥ 0: a count has no decimals)"


# --------------------------------------------------------------------------------------------
# Reported percentages


#: The decimals of a computed share saved as a float that are its own: the rest is rounding error.
FLOAT_DIGITS = 10


def reported_percent(value: Any, number_format: str) -> tuple[Decimal, int] | None:
    """Return a reported percentage in percent and its number of decimals, or ``None``.

    Numbers are percent (``20.0``) unless their format ends in ``%`` (Excel stores ``0.2``).  Text
    may use a comma or a dot and may end in ``%``.

    Examples
    --------
    >>> reported_percent("12,5 %", "General")
    (Decimal('12.5'), 1)
    >>> reported_percent(0.2, "0.0%")
    (Decimal('20.0'), 1)
    >>> reported_percent(20, "General")
    (Decimal('20'), 0)
    >>> reported_percent(6 / 37 * 100, "General")[1]  # a formula's float: 10 decimals are its own
    10
    >>> reported_percent("n/a", "General") is None
    True
    """
    if isinstance(value, bool) or is_blank(value):
        return None
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            return None  # inf or NaN: not a percentage
        fmt = number_format or "General"
        if "%" in fmt:
            number *= 100
            digits = _format_digits(fmt)
            if digits is None:
                digits = max(-number.normalize().as_tuple().exponent, 0)  # type: ignore[operator]
                if isinstance(value, float):
                    digits = min(digits, FLOAT_DIGITS)
            return number, digits
        digits = _format_digits(fmt)
        if digits is None:
            digits = max(-number.as_tuple().exponent, 0)  # type: ignore[operator]
            if isinstance(value, float):
                digits = min(digits, FLOAT_DIGITS)  # =D7/C7*100 saved as 16.216216216216218
        return number, digits
    text = nfc(str(value)).replace(" ", "").rstrip("%").replace(",", ".")
    if not re.match(r"^[+-]?\d+(\.\d+)?$", text):
        return None
    number = Decimal(text)
    if not number.is_finite():
        return None
    return number, max(-number.as_tuple().exponent, 0)  # type: ignore[operator]


def _format_digits(fmt: str) -> int | None:
    fmt = fmt.split(";")[0]
    if fmt == "General":
        return None
    match = re.search(r"0\.(0+)", fmt)
    if match:
        return len(match.group(1))
    return 0 if "0" in fmt or "#" in fmt else None


def percent_ok(reported: tuple[Decimal, int], female: int, total: int) -> bool:
    """Return True when a reported percentage agrees with ``female / total``.

    The tolerance is one unit of the last reported digit, so both rounding and truncation pass:
    17/135 = 12.593 % may be published as ``12.5`` or ``12.6``, not ``12.4``.

    Examples
    --------
    >>> [percent_ok((Decimal(t), 1), 17, 135) for t in ("12.5", "12.6", "12.4")]
    [True, True, False]
    """
    number, digits = reported
    exact_value = Fraction(str(number))
    if total == 0:
        return exact_value == 0
    exact = Fraction(100 * female, total)
    return abs(exact - exact_value) <= Fraction(1, 10**digits)


def expected_percent(female: int, total: int) -> str:
    """Describe the share a percent cell should hold."""
    if total == 0:
        return "tỷ lệ 0 hoặc để trống khi tổng số là 0 (share of an empty body)"
    exact = Fraction(100 * female, total)
    shown = f"{float(exact):.2f}".replace(".", ",")
    return f"tỷ lệ ≈ {shown} % = {female}/{total} (sai lệch ≤ 1 đơn vị chữ số cuối)"


# --------------------------------------------------------------------------------------------
# Units


def derive_unit_id(name: str) -> str:
    """Return a stable unit id built from a unit name (when there is no id column nor units table).

    Examples
    --------
    >>> derive_unit_id("Huyện Quan Hóa") == derive_unit_id("huyen  quan hoa")
    True
    >>> derive_unit_id("Thành phố Thanh Hóa")
    'thanh-pho-thanh-hoa'
    """
    return loose_key(name).replace(" ", "-")


#: A name two or more units of the units table share (``Xã Xuân Phú`` in two districts).
SHARED_UNIT_NAME = (
    'tên của một đơn vị duy nhất trong bảng đơn vị; {ids} cùng tên "{name}": thêm cột "Mã đơn '
    'vị" ghi mã đơn vị (the name of one unit of the units table; units {ids} share the name '
    '"{name}": add a unit id column stating which)'
)


class UnitIndex:
    """Look units up by name or alias, with :func:`~gender_stats._text.name_key`.

    A name (or alias) two units share finds neither: :meth:`sharing` names them, and readers
    report the cell (an id column tells them apart).
    """

    def __init__(self, units: pd.DataFrame) -> None:
        self._by_key: dict[str, tuple[str, str, str]] = {}
        #: name key -> the ids of the units sharing it (two or more)
        self._shared: dict[str, list[str]] = {}
        # without diacritics: a name typed in plain ASCII ("Huyen Ha Trung") matches when only
        # one unit has that spelling once the marks are gone
        self._loose: dict[str, set[tuple[str, str, str]]] = {}
        for row in units.itertuples(index=False):
            unit_id, name, level = (
                str(getattr(row, UNIT_ID)),
                getattr(row, UNIT_NAME),
                getattr(row, LEVEL),
            )
            entry = (unit_id, str(name), str(level))
            aliases = getattr(row, "aliases", None)
            names = [name, *(str(aliases).split("|") if not is_blank(aliases) else [])]
            for n in names:
                if not is_blank(n):
                    key = name_key(str(n))
                    first = self._by_key.setdefault(key, entry)
                    if first[0] != unit_id:
                        shared = self._shared.setdefault(key, [first[0]])
                        if unit_id not in shared:
                            shared.append(unit_id)
                    self._loose.setdefault(loose_key(str(n)), set()).add(entry)
        for key in self._shared:
            del self._by_key[key]
        self.ids = {
            str(i): (str(n), str(lv))
            for i, n, lv in zip(units[UNIT_ID], units[UNIT_NAME], units[LEVEL], strict=True)
        }

    def find(self, name: str) -> tuple[str, str, str] | None:
        """Return ``(unit_id, unit_name, level)`` for a name, or ``None`` (also for a shared one)."""
        if self.sharing(name):
            return None
        found = self._by_key.get(name_key(name))
        if found is None and expand_abbreviation(name) != name:
            found = self._by_key.get(name_key(expand_abbreviation(name)))
        if found is None and name.isascii():
            hits = self._loose.get(loose_key(expand_abbreviation(name)), set())
            found = next(iter(hits)) if len({h[0] for h in hits}) == 1 else None
        return found

    def sharing(self, name: str) -> list[str]:
        """Return the ids of the units that share ``name`` (none when one unit or none has it)."""
        for candidate in (name, expand_abbreviation(name)):
            ids = self._shared.get(name_key(candidate))
            if ids:
                return list(ids)
        return []


def prepare_units(units: pd.DataFrame | None) -> UnitIndex | None:
    """Validate a units table and index it (``None`` passes through)."""
    if units is None:
        return None
    from gender_stats.schema import validate_units

    return UnitIndex(validate_units(units))


# --------------------------------------------------------------------------------------------
# Legacy encodings (TCVN3 / VNI)


# recode, recode_grid and recode_top: see gender_stats.io._legacy (imported above).

# --------------------------------------------------------------------------------------------
# Problems


class Collector:
    """Collect the problems of one grid, located in its cells."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.problems: list[Problem] = []
        #: True once a problem makes every row unusable (a missing column, a wrong term).
        self.blocking = False
        #: Rows (user numbers) already reported whole; the model's reports on them are dropped.
        self.whole_rows: set[int] = set()

    def merge(self, found: Iterable[Problem]) -> None:
        """Add the model's problems at cells (and rows) not already reported."""
        found = [p for p in found if p.row not in self.whole_rows]
        self.problems = merge_problems(self.problems, found)

    def whole_row(self, r: int, c: int, value: Any, expected: str) -> None:
        """Add a problem about row ``r`` as a whole (reported at its cell ``c``)."""
        self.at(r, c, value, expected)
        self.whole_rows.add(self.grid.rows[r])

    def at(
        self, r: int | None, c: int | None, value: Any, expected: str, header: str | None = None
    ) -> None:
        """Add a problem at 0-based grid position ``(r, c)`` (either may be None)."""
        self.problems.append(
            Problem(
                expected=expected,
                value=value,
                file=self.grid.file,
                sheet=self.grid.sheet,
                row=self.grid.rows[r] if r is not None else None,
                column=letter(c) if c is not None else None,
                header=header,
            )
        )


def check_merged(grid: Grid, start: int, label_rows: Iterable[int], col: Collector) -> None:
    """Report each merged range that reaches row ``start`` or below (the data area).

    A range inside one of ``label_rows`` (a section or total label spread over its row) is allowed.
    """
    allowed = set(label_rows)
    for r0, c0, r1, c1 in grid.merged:
        if r1 < start or (r0 == r1 and r0 in allowed):
            continue
        rng = f"{letter(c0)}{grid.rows[r0]}:{letter(c1)}{grid.rows[r1]}"
        col.at(r0, c0, grid.cells[r0][c0], MERGED.format(rng=rng))


def run_validator(
    validate: Callable[..., pd.DataFrame],
    frame: pd.DataFrame,
    origin: Origin,
    **kwargs: Any,
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Run a ``validate_*`` function; return its frame or its problems."""
    try:
        return validate(frame, origin=origin, **kwargs), []
    except DataError as err:
        return None, list(err.problems)


def merge_problems(own: list[Problem], found: Iterable[Problem]) -> list[Problem]:
    """Return ``own`` plus the problems of ``found`` at cells not already reported."""
    seen: set[tuple[Any, ...]] = {(p.sheet, p.row, p.column) for p in own if p.row is not None}
    out = list(own)
    for p in found:
        key = (p.sheet, p.row, p.column)
        if p.row is not None and key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out


def raise_if_problems(col: Collector, data_rows: Sequence[int], *, log: Any = None) -> None:
    """Raise one DataError accounting for every data row (``data_rows`` are user row numbers).

    A problem without a row (a missing column) or a blocking one (a term that conflicts) makes
    every row unusable.
    """
    problems, grid = col.problems, col.grid
    if not problems:
        return
    rows = set(data_rows)
    if col.blocking or any(p.row is None for p in problems):
        reported = len(rows)
    else:
        reported = len({p.row for p in problems} & rows)
    problems = sorted(
        problems,
        key=lambda p: (
            p.row if isinstance(p.row, int) else -1,
            len(p.column or ""),
            p.column or "",
        ),
    )
    err = DataError(problems, source=grid.file, rows_read=len(rows), rows_reported=reported)
    if log is not None:
        err.reading = log
    raise err


def parse_int_text(value: Any) -> int | None:
    """Return a whole number from an int or a whole float, else None (text is not a number here).

    Examples
    --------
    >>> parse_int_text(12), parse_int_text(12.0), parse_int_text(12.5), parse_int_text("12")
    (12, 12, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None
