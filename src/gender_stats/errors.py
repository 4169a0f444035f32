"""The library's exceptions: one tree rooted in :class:`GenderStatsError`.

Every problem found in a user's data is a :class:`Problem` that says *where* it is, in the terms the
user sees in Excel (file, sheet, row number, column letter and header), *what* was found and *what was
expected*.  A :class:`DataError` carries all the problems of a file at once, so the user can fix them in
one pass, and accounts for every data row: ``rows_read = rows_used + rows_reported``.

Messages are in Vietnamese with the English term in brackets, so that an analyst of a provincial office
and a foreign colleague can both read them.  The templates are module constants so that tests can match
them exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

__all__ = [
    "ArgumentError",
    "ArgumentTypeError",
    "ColumnsError",
    "DataError",
    "FileFormatError",
    "GenderStatsError",
    "GenderStatsWarning",
    "LegacyEncodingWarning",
    "MojibakeWarning",
    "PlanningError",
    "Problem",
    "TargetError",
    "UnitNameWarning",
    "excel_column_letter",
]

#: How one problem is located, e.g. ``tệp "bc.xlsx", trang "Sheet1", ô D7 (cột "Nữ")``.
WHERE_TEMPLATE = "{parts}"
#: How one problem reads, after its location.
PROBLEM_TEMPLATE = "{where}: giá trị {value} — cần {expected}"
#: The first line of a :class:`DataError` message.
DATA_ERROR_HEADER = (
    "Phát hiện {n} lỗi trong {source} (found {n} problem(s)); "
    "đọc {rows_read} dòng dữ liệu: {rows_used} dùng được, {rows_reported} có lỗi."
)
#: Shown after the list of problems.
DATA_ERROR_HINT = (
    "Hint: sửa các ô nêu trên rồi đọc lại tệp (fix the cells listed above and read again)."
)


#: One line standing for several identical problems (same place but the row, same value, same
#: expectation): how many, and the first cells.
GROUP_TEMPLATE = (
    "{where}: {n} ô giống nhau (identical problems) ở {cells}: giá trị {value} — cần {expected}"
)
#: A group is formed from this many identical problems on.
GROUP_MIN = 3
#: How many cells a grouped line names before "…".
GROUP_CELLS = 5
#: At most this many lines of problems are printed; the rest are counted (all are in ``report``).
MAX_LINES = 200
#: The last line when problems were left out of the message.
MORE_TEMPLATE = (
    "  … và {n} lỗi khác (and {n} more problem(s); xem err.report / see err.report for all of them)"
)

#: The columns of :attr:`DataError.report`, in the order a user reads a problem.
REPORT_COLUMNS = ("file", "sheet", "row", "column", "header", "value", "expected", "message")


def excel_column_letter(index: int) -> str:
    """Return the Excel column letter of a 1-based column number.

    Parameters
    ----------
    index : int
        1 for column ``A``, 27 for ``AA``.

    Returns
    -------
    str
        The column letters.

    Examples
    --------
    >>> [excel_column_letter(i) for i in (1, 4, 26, 27, 703)]
    ['A', 'D', 'Z', 'AA', 'AAA']
    """
    if index < 1:
        raise ValueError(f"Excel columns start at 1, got {index}")
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def _show(value: Any) -> str:
    """Render a cell value the way the user typed it, quoted; blanks say so."""
    if value is None or (isinstance(value, float) and value != value):
        return "(ô trống / empty)"
    try:
        if pd.isna(value):
            return "(ô trống / empty)"
    except (TypeError, ValueError, ArithmeticError):  # arrays; a signalling decimal NaN
        pass
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f'"{text}"'


@dataclasses.dataclass(frozen=True)
class Problem:
    """One problem in one place of a user's data.

    Attributes
    ----------
    expected : str
        What the cell should hold, in words (``"số nguyên ≥ 0 (a whole number ≥ 0)"``).
    value : object
        The value found, as read.
    file, sheet : str or None
        Where the data came from; ``None`` for an in-memory frame.
    row : int or None
        The row number as the user sees it (Excel's row number, or the CSV line number); for a frame
        built in memory, the index label.
    column : str or None
        The column letter (``"D"``) when known.
    header : str or None
        The column header as written in the file (``"Nữ"``), or the canonical column name.
    """

    expected: str
    value: Any = None
    file: str | None = None
    sheet: str | None = None
    row: int | str | None = None
    column: str | None = None
    header: str | None = None

    @property
    def where(self) -> str:
        """Say where the problem is, most general place first."""
        parts = []
        if self.file:
            parts.append(f'tệp "{self.file}"')
        if self.sheet:
            parts.append(f'trang "{self.sheet}"')
        if self.column and self.row is not None:
            cell = f"ô {self.column}{self.row}"
            if self.header:
                cell += f' (cột "{self.header}")'
            parts.append(cell)
        else:
            if self.row is not None:
                parts.append(f"dòng {self.row}")
            if self.column:
                parts.append(f"cột {self.column}")
            if self.header:
                parts.append(f'cột "{self.header}"')
        return WHERE_TEMPLATE.format(parts=", ".join(parts) or "dữ liệu")

    def __str__(self) -> str:
        return PROBLEM_TEMPLATE.format(
            where=self.where, value=_show(self.value), expected=self.expected
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the problem as a flat dict (one row of :attr:`DataError.report`)."""
        out = dataclasses.asdict(self)
        out["message"] = str(self)
        return out


class GenderStatsError(Exception):
    """Base class of every error the library raises on purpose."""


class FileFormatError(GenderStatsError):
    """A file cannot be read at all: not a spreadsheet, empty, encrypted, truncated, wrong sheet."""


class TargetError(GenderStatsError):
    """A target definition is invalid (unknown body, threshold outside 0-100 %, unknown rule)."""


class ArgumentError(GenderStatsError, ValueError):
    """An argument of a library function has the wrong type or value (a roster given for counts)."""


class ArgumentTypeError(ArgumentError, TypeError):
    """An argument has the wrong type (a library error, and a ``TypeError`` as Python raises)."""


class ColumnsError(GenderStatsError, KeyError):
    """A frame lacks columns a function needs (it is also a ``KeyError``, as pandas raises)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


def require_frame(
    frame: object,
    columns: Sequence[str],
    func: str,
    hint: str,
    *,
    expected: tuple[str, str] | None = None,
) -> None:
    """Raise a library error unless ``frame`` is a pandas DataFrame holding ``columns``.

    ``expected`` names the frame ``func`` takes, in Vietnamese and English (``("bảng kết quả của
    gs.check", "the compliance frame of gs.check")``): both errors then say it, and a missing
    column is an :class:`ArgumentError` (the caller passed the wrong frame) instead of a
    :class:`ColumnsError`.

    Examples
    --------
    >>> require_frame(None, ["total"], "shares", "pass counts")
    Traceback (most recent call last):
    ...
    gender_stats.errors.ArgumentError: shares() cần một bảng pandas (a pandas DataFrame), ...
    >>> require_frame(pd.DataFrame({"x": [1]}), ["status"], "coverage", "gs.check(counts)",
    ...               expected=("bảng kết quả của gs.check", "the compliance frame of gs.check"))
    Traceback (most recent call last):
    ...
    gender_stats.errors.ArgumentError: coverage() cần bảng kết quả của gs.check, thiếu cột ['status'] ...
    """
    vi, en = expected or ("một bảng pandas", "a pandas DataFrame")
    if not isinstance(frame, pd.DataFrame):
        raise ArgumentError(
            f"{func}() cần {vi} ({'expected ' if expected else ''}{en}), không phải "
            f"{type(frame).__name__}. Hint: {hint}."
        )
    missing = [c for c in columns if c not in frame.columns]
    if missing and expected:
        raise ArgumentError(
            f"{func}() cần {vi}, thiếu cột {missing} (expected {en}; missing {missing}). "
            f"Hint: {hint}."
        )
    if missing:
        raise ColumnsError(
            f"{func}() needs the columns {missing}; got {list(frame.columns)}. Hint: {hint}."
        )


class PlanningError(GenderStatsError):
    """A planning question has no answer (even filling every vacant seat with women is not enough)."""


class GenderStatsWarning(UserWarning):
    """Base class of the library's warnings: the data are usable, but something deserves a look."""


class UnitNameWarning(GenderStatsWarning):
    """A unit id's name in the data contradicts its name (and aliases) in the units table."""


class LegacyEncodingWarning(GenderStatsWarning):
    """Text typed in a legacy Vietnamese encoding (TCVN3/ABC, VNI) was found and converted to Unicode."""


class MojibakeWarning(LegacyEncodingWarning):
    """UTF-8 text read as Windows-1252 or Latin-1 (``"Huyá»‡n"``) was found and repaired."""


class DataError(GenderStatsError, ValueError):
    """The data break the rules of the canonical model; every problem of the input is listed.

    The message shows :data:`GROUP_MIN` or more identical problems (same file, sheet, column, value
    and expectation) as one line with their count and first cells, and at most :data:`MAX_LINES`
    lines; :attr:`problems` and :attr:`report` keep them all.

    Parameters
    ----------
    problems : sequence of Problem
        All problems found, in file order.
    source : str, optional
        The file (or ``"dữ liệu"`` for a frame) the problems belong to.
    rows_read : int, optional
        How many data rows were read; with ``rows_reported`` it shows that nothing was dropped.
    rows_reported : int, optional
        How many of those rows carry at least one problem.

    Attributes
    ----------
    problems : tuple of Problem
        Every problem, also those the message groups or leaves out.
    report : pandas.DataFrame
        One row per problem: ``file``, ``sheet``, ``row``, ``column``, ``header``, ``value``,
        ``expected``, ``message``.
    """

    def __init__(
        self,
        problems: Sequence[Problem],
        *,
        source: str | None = None,
        rows_read: int | None = None,
        rows_reported: int | None = None,
    ) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source or next((p.file for p in self.problems if p.file), None) or "dữ liệu"
        if rows_reported is None:
            rows_reported = len(
                {(p.file, p.sheet, p.row) for p in self.problems if p.row is not None}
            )
        self.rows_reported = rows_reported
        self.rows_read = rows_read if rows_read is not None else rows_reported
        self.rows_used = max(self.rows_read - self.rows_reported, 0)
        #: The reading log of the file(s), when a reader raised the error (see ``ReadingLog``).
        self.reading: Any = None
        super().__init__(self._message())

    def _message(self) -> str:
        header = DATA_ERROR_HEADER.format(
            n=len(self.problems),
            source=f'"{self.source}"',
            rows_read=self.rows_read,
            rows_used=self.rows_used,
            rows_reported=self.rows_reported,
        )
        lines = [f"  - {line}" for line in _grouped_lines(self.problems)]
        if len(lines) > MAX_LINES:
            rest = len(self.problems) - _problems_in_lines(self.problems, MAX_LINES)
            lines = [*lines[:MAX_LINES], MORE_TEMPLATE.format(n=rest)]
        return "\n".join([header, *lines, DATA_ERROR_HINT])

    @property
    def report(self) -> pd.DataFrame:
        """Return the problems as a tidy frame, one row per problem."""
        return pd.DataFrame([p.to_dict() for p in self.problems], columns=list(REPORT_COLUMNS))

    @classmethod
    def combine(cls, errors: Iterable[DataError]) -> DataError:
        """Merge the errors of several files into one, keeping every problem and row count."""
        errors = list(errors)
        problems = [p for e in errors for p in e.problems]
        sources = ", ".join(dict.fromkeys(e.source for e in errors))
        return cls(
            problems,
            source=sources,
            rows_read=sum(e.rows_read for e in errors),
            rows_reported=sum(e.rows_reported for e in errors),
        )


def _group_key(problem: Problem) -> tuple[Any, ...]:
    """Return what identical problems share: all but the row."""
    return (
        problem.file,
        problem.sheet,
        problem.column,
        problem.header,
        _show(problem.value),
        problem.expected,
    )


def _groups(problems: Sequence[Problem]) -> list[list[Problem]]:
    """Return the problems in groups of identical ones, each at the place of its first member.

    A group of fewer than :data:`GROUP_MIN` problems is split into single problems again, so that
    two problems still read as two lines.
    """
    by_key: dict[tuple[Any, ...], list[Problem]] = {}
    order: list[tuple[Any, ...]] = []
    for problem in problems:
        key = _group_key(problem) if problem.row is not None else ("single", len(order))
        if key not in by_key:
            by_key[key] = []
            order.append(key)
        by_key[key].append(problem)
    out: list[list[Problem]] = []
    for key in order:
        members = by_key[key]
        if len(members) >= GROUP_MIN:
            out.append(members)
        else:
            out.extend([p] for p in members)
    return out


def _group_line(members: Sequence[Problem]) -> str:
    """Render a group: one problem as itself, several as one line with a count and first cells."""
    first = members[0]
    if len(members) == 1:
        return str(first)
    where = dataclasses.replace(first, row=None, column=None).where
    if first.column:
        cells = [f"{first.column}{p.row}" for p in members[:GROUP_CELLS]]
    else:
        cells = [f"dòng {p.row}" for p in members[:GROUP_CELLS]]
    text = ", ".join(cells) + (", …" if len(members) > GROUP_CELLS else "")
    return GROUP_TEMPLATE.format(
        where=where,
        n=len(members),
        cells=text,
        value=_show(first.value),
        expected=first.expected,
    )


def _grouped_lines(problems: Sequence[Problem]) -> list[str]:
    """Return the lines of a :class:`DataError` message, identical problems grouped."""
    return [_group_line(members) for members in _groups(problems)]


def _problems_in_lines(problems: Sequence[Problem], n_lines: int) -> int:
    """Return how many problems the first ``n_lines`` lines of the message stand for."""
    return sum(len(members) for members in _groups(problems)[:n_lines])
