"""The canonical data model: *counts*, *roster* and *units*, as pandera schemas.

Every reader converges on these frames and every later stage takes them:

``counts``
    one row per ``term`` × ``unit_id`` × ``body`` with ``total`` members and ``female`` members
    (non-negative integers, ``female ≤ total``) and the unit's ``unit_name`` and ``level``.  Extra
    columns (``kind``, a grouping column, another numerator such as ``under_40``) are kept.
``roster``
    one row per person per seat: ``term``, ``unit_id``, ``unit_name``, ``level``, ``body``,
    ``person_id``, ``sex`` (``F``/``M``) and optionally ``birth_year``, ``ethnicity``, ``post``,
    ``full_name``.  A person appears at most once in one body of one unit in one term.
``units``
    ``unit_id``, ``unit_name``, ``level``, ``kind`` and optionally ``parent_id`` and ``aliases``
    (other names, separated by ``|``).

Codes: bodies and sexes as in :mod:`gender_stats.vocab`; levels are any lower-case code (levels are
data); terms are labels ``YYYY-YYYY`` with the start before the end.

The ``validate_*`` functions check a frame and return a canonical copy (columns in canonical order,
integer counts as ``int64``); they never change their input.  They report **every** problem at once in
a :class:`~gender_stats.errors.DataError`, located in the user's file when the frame came from a reader.

Examples
--------
>>> import pandas as pd
>>> counts = pd.DataFrame({
...     "term": ["2015-2020"] * 2, "unit_id": ["TH01", "TH02"],
...     "unit_name": ["Thành phố Thanh Hóa", "Thị xã Bỉm Sơn"], "level": ["district"] * 2,
...     "body": ["party_committee"] * 2, "total": [45, 33], "female": [9, 4]})
>>> validate_counts(counts)["female"].tolist()
[9, 4]
>>> bad = counts.assign(female=[50, -1])
>>> try:
...     validate_counts(bad)
... except DataError as err:
...     print(len(err.problems), "problems")
2 problems
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from gender_stats.errors import DataError, Problem
from gender_stats.vocab import BODIES, SEXES

__all__ = [
    "AGE_GROUP",
    "ALIASES",
    "BIRTH_DATE",
    "BIRTH_YEAR",
    "BODY",
    "COUNTS_COLUMNS",
    "COUNTS_KEY",
    "ETHNICITY",
    "FEMALE",
    "FULL_NAME",
    "KIND",
    "LEVEL",
    "PARENT_ID",
    "PERSON_ID",
    "POST",
    "ROSTER_COLUMNS",
    "SEX",
    "SHARE",
    "TERM",
    "TOTAL",
    "UNITS_COLUMNS",
    "UNIT_ID",
    "UNIT_NAME",
    "CountsModel",
    "Origin",
    "RosterModel",
    "UnitsModel",
    "validate_counts",
    "validate_roster",
    "validate_units",
]

# ---------------------------------------------------------------------------------------------
# Column names: the one place they are spelled.
TERM = "term"
UNIT_ID = "unit_id"
UNIT_NAME = "unit_name"
LEVEL = "level"
BODY = "body"
TOTAL = "total"
FEMALE = "female"
SHARE = "share"
PERSON_ID = "person_id"
FULL_NAME = "full_name"
SEX = "sex"
BIRTH_YEAR = "birth_year"
#: Optional roster column: the full date of birth when the file gives one (``datetime64``).
BIRTH_DATE = "birth_date"
ETHNICITY = "ethnicity"
POST = "post"
KIND = "kind"
PARENT_ID = "parent_id"
ALIASES = "aliases"
AGE_GROUP = "age_group"

COUNTS_KEY: tuple[str, ...] = (TERM, UNIT_ID, BODY)
COUNTS_COLUMNS: tuple[str, ...] = (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY, TOTAL, FEMALE)
ROSTER_COLUMNS: tuple[str, ...] = (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY, PERSON_ID, SEX)
ROSTER_OPTIONAL: tuple[str, ...] = (FULL_NAME, BIRTH_YEAR, ETHNICITY, POST)
UNITS_COLUMNS: tuple[str, ...] = (UNIT_ID, UNIT_NAME, LEVEL, KIND)
UNITS_OPTIONAL: tuple[str, ...] = (PARENT_ID, ALIASES)

_TERM_PATTERN = r"^(19|20)\d\d-(19|20)\d\d$"
_LEVEL_PATTERN = r"^[a-z][a-z0-9_]*$"

#: What each column must hold, in the words used in error messages.
EXPECTED: Mapping[str, str] = {
    TERM: "nhiệm kỳ dạng 2015-2020, năm đầu nhỏ hơn năm cuối (a term like 2015-2020)",
    UNIT_ID: "mã đơn vị không trống (a unit id)",
    UNIT_NAME: "tên đơn vị không trống (a unit name)",
    LEVEL: "mã cấp viết thường như district, commune (a level code)",
    BODY: "một mã cơ quan: " + ", ".join(BODIES),
    TOTAL: "số nguyên ≥ 0 (a whole number ≥ 0)",
    FEMALE: "số nguyên ≥ 0 (a whole number ≥ 0)",
    PERSON_ID: "mã người không trống (a person id)",
    SEX: "Nữ hoặc Nam (F or M)",
    BIRTH_YEAR: "năm sinh từ 1900 đến 2100 (a birth year)",
    KIND: "loại đơn vị không trống (a unit kind)",
}


class CountsModel(pa.DataFrameModel):
    """Counts: one row per term × unit × body with ``total`` and ``female`` members."""

    term: Series[str] = pa.Field(str_matches=_TERM_PATTERN)
    unit_id: Series[str] = pa.Field(str_length={"min_value": 1})
    unit_name: Series[str] = pa.Field(str_length={"min_value": 1})
    level: Series[str] = pa.Field(str_matches=_LEVEL_PATTERN)
    body: Series[str] = pa.Field(isin=list(BODIES))
    total: Series[np.int64] = pa.Field(ge=0)
    female: Series[np.int64] = pa.Field(ge=0)

    class Config:
        """Extra columns are allowed and kept."""

        strict = False
        coerce = False


class RosterModel(pa.DataFrameModel):
    """Roster: one row per person per seat."""

    term: Series[str] = pa.Field(str_matches=_TERM_PATTERN)
    unit_id: Series[str] = pa.Field(str_length={"min_value": 1})
    unit_name: Series[str] = pa.Field(str_length={"min_value": 1})
    level: Series[str] = pa.Field(str_matches=_LEVEL_PATTERN)
    body: Series[str] = pa.Field(isin=list(BODIES))
    person_id: Series[str] = pa.Field(str_length={"min_value": 1})
    sex: Series[str] = pa.Field(isin=list(SEXES))
    birth_year: Series[pd.Int64Dtype] | None = pa.Field(ge=1900, le=2100, nullable=True)
    ethnicity: Series[str] | None = pa.Field(nullable=True)
    post: Series[str] | None = pa.Field(nullable=True)
    full_name: Series[str] | None = pa.Field(nullable=True)

    class Config:
        """Extra columns are allowed and kept."""

        strict = False
        coerce = False


class UnitsModel(pa.DataFrameModel):
    """Units: the table of units, their level and kind."""

    unit_id: Series[str] = pa.Field(str_length={"min_value": 1})  # unique: checked by hand
    unit_name: Series[str] = pa.Field(str_length={"min_value": 1})
    level: Series[str] = pa.Field(str_matches=_LEVEL_PATTERN)
    kind: Series[str] = pa.Field(str_length={"min_value": 1})
    parent_id: Series[str] | None = pa.Field(nullable=True)
    aliases: Series[str] | None = pa.Field(nullable=True)

    class Config:
        """Extra columns are allowed and kept."""

        strict = False
        coerce = False


# ---------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Origin:
    """Where the rows of a frame came from, so that problems name the user's cells.

    Readers build one; for a frame made in memory the default names rows by index label and columns
    by name.

    Attributes
    ----------
    file, sheet : str or None
        The file name (as the user gave it) and the sheet.
    rows : mapping, optional
        Index label -> row number as the user sees it (Excel row, CSV line).
    columns : mapping, optional
        Canonical column -> ``(letter, header)`` as in the file, e.g. ``{"female": ("D", "Nữ")}``.
    """

    file: str | None = None
    sheet: str | None = None
    rows: Mapping[Hashable, int] | None = None
    columns: Mapping[str, tuple[str | None, str | None]] | None = None

    def problem(
        self, index: Hashable | None, column: str | None, value: Any, expected: str
    ) -> Problem:
        """Return a :class:`Problem` at ``index`` × ``column`` of the frame, located in the file."""
        row: int | str | None
        if index is None:
            row = None
        elif self.rows is not None:
            row = self.rows.get(index)
        else:
            row = index if isinstance(index, int) else str(index)
        letter, header = (None, column)
        if column is not None and self.columns and column in self.columns:
            letter, header = self.columns[column]
        return Problem(
            expected=expected,
            value=value,
            file=self.file,
            sheet=self.sheet,
            row=row,
            column=letter,
            header=header,
        )


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_text(series: pd.Series) -> pd.Series:
    """Return ``series`` as strings, keeping missing values missing."""
    if pd.api.types.is_string_dtype(series) and not pd.api.types.is_object_dtype(series):
        return series.astype("str") if series.hasnans is False else series
    return series.map(lambda v: v if _is_blank(v) else str(v), na_action="ignore").astype("str")


def _integers(
    frame: pd.DataFrame, column: str, origin: Origin, problems: list[Problem]
) -> pd.Series:
    """Return ``frame[column]`` as int64, reporting each value that is not a whole number ≥ 0."""
    series = frame[column]
    if pd.api.types.is_integer_dtype(series) and not series.hasnans:
        bad = series < 0
        for idx in series.index[bad.to_numpy()]:
            problems.append(origin.problem(idx, column, series[idx], EXPECTED[column]))
        return series.astype(np.int64)
    out = np.zeros(len(series), dtype=np.int64)
    for pos, (idx, value) in enumerate(series.items()):
        number: float | None
        if isinstance(value, bool) or _is_blank(value):
            number = None
        elif isinstance(value, (int, np.integer, float, np.floating)):
            number = float(value)
        else:
            number = None
        if number is None or not number.is_integer() or number < 0:
            problems.append(origin.problem(idx, column, value, EXPECTED[column]))
        else:
            out[pos] = int(number)
    return pd.Series(out, index=series.index, name=column)


def _not_whole(series: pd.Series) -> pd.Series:
    """Return True where a value is not a whole number ≥ 0 (what :func:`_integers` reports)."""
    if pd.api.types.is_integer_dtype(series) and not series.hasnans:
        return series < 0
    is_number = series.map(
        lambda v: isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
    ).astype(bool)
    numbers = pd.to_numeric(series.where(is_number), errors="coerce")
    return numbers.isna() | (numbers < 0) | (numbers % 1 != 0)


def _pandera_problems(
    model: type[pa.DataFrameModel], frame: pd.DataFrame, origin: Origin
) -> list[Problem]:
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        problems = []
        for case in cases.itertuples(index=False):
            column = getattr(case, "column", None)
            index = getattr(case, "index", None)
            if index is not None and pd.isna(index):
                index = None
            value = case.failure_case
            if index is not None and column in frame.columns:
                value = frame.at[index, column]
            expected = EXPECTED.get(str(column), f"{case.check}")
            problems.append(origin.problem(index, column, value, expected))
        return problems
    return []


def _missing_columns(frame: pd.DataFrame, required: Sequence[str], origin: Origin) -> list[Problem]:
    return [
        Problem(
            expected=f'có cột "{col}" (a column {col!r}); các cột hiện có: {list(frame.columns)}',
            value=None,
            file=origin.file,
            sheet=origin.sheet,
            header=col,
        )
        for col in required
        if col not in frame.columns
    ]


def _duplicates(
    frame: pd.DataFrame, key: Sequence[str], origin: Origin, what: str
) -> list[Problem]:
    dup = frame.duplicated(list(key), keep=False)
    if not dup.any():
        return []
    problems = []
    first: dict[tuple[Any, ...], Hashable] = {}
    for idx, values in frame.loc[dup, list(key)].iterrows():
        k = tuple(values)
        if k not in first:
            first[k] = idx
            continue
        other = origin.problem(first[k], None, None, "")
        desc = ", ".join(f"{c}={v}" for c, v in zip(key, k, strict=True))
        problems.append(
            origin.problem(
                idx,
                key[-1],
                values[key[-1]],
                f"{what} không trùng lặp; trùng với dòng {other.row} ({desc}) (a duplicate)",
            )
        )
    return problems


def _check_terms(frame: pd.DataFrame, origin: Origin) -> list[Problem]:
    problems = []
    terms = frame[TERM]
    for term in pd.unique(terms.dropna()):
        text = str(term)
        start, sep, end = text.partition("-")
        if sep and start.isdigit() and end.isdigit() and int(start) >= int(end):
            for idx in terms.index[(terms == term).to_numpy()]:
                problems.append(origin.problem(idx, TERM, term, EXPECTED[TERM]))
    return problems


def _check_unit_ids(
    frame: pd.DataFrame, units: pd.DataFrame | None, origin: Origin
) -> list[Problem]:
    if units is None:
        return []
    known = set(units[UNIT_ID].astype(str))
    unknown = ~frame[UNIT_ID].astype(str).isin(known)
    return [
        origin.problem(
            idx,
            UNIT_ID,
            frame.at[idx, UNIT_ID],
            "mã đơn vị có trong bảng đơn vị (a unit id listed in the units table)",
        )
        for idx in frame.index[unknown.to_numpy()]
    ]


def _finish(
    frame: pd.DataFrame,
    problems: list[Problem],
    origin: Origin,
    order: Iterable[str],
) -> pd.DataFrame:
    if problems:
        problems.sort(key=lambda p: (p.row if isinstance(p.row, int) else -1, p.column or ""))
        raise DataError(
            problems,
            source=origin.file or "dữ liệu",
            rows_read=len(frame),
            rows_reported=len({p.row for p in problems if p.row is not None}),
        )
    order = [c for c in order if c in frame.columns]
    rest = [c for c in frame.columns if c not in order]
    return frame[order + rest].reset_index(drop=True)


def _text_columns(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    updates = {c: _as_text(frame[c]) for c in columns if c in frame.columns}
    return frame.assign(**updates) if updates else frame


# ---------------------------------------------------------------------------------------------
# The fast path: vectorised checks that prove a frame clean.  They accept a subset of what the full
# path accepts; whenever one fails (or the frame is unusual) the full path runs and builds the
# located problems, so the messages are the same either way.


def _term_ok(values: pd.Series) -> np.ndarray:
    """Return which terms match ``YYYY-YYYY`` (as pandera matches) with the start before the end."""
    ok = np.asarray(values.str.match(_TERM_PATTERN), dtype=bool)
    later = np.asarray(values.str.slice(0, 4) < values.str.slice(5, 9), dtype=bool)
    return ok & later


def _not_empty(values: pd.Series) -> np.ndarray:
    return np.asarray(values.str.len() >= 1, dtype=bool)


def _level_ok(values: pd.Series) -> np.ndarray:
    return np.asarray(values.str.match(_LEVEL_PATTERN), dtype=bool)


def _body_ok(values: pd.Series) -> np.ndarray:
    return np.asarray(values.isin(list(BODIES)), dtype=bool)


def _sex_ok(values: pd.Series) -> np.ndarray:
    return np.asarray(values.isin(list(SEXES)), dtype=bool)


_FAST_RULES: Mapping[str, Any] = {
    TERM: _term_ok,
    UNIT_ID: _not_empty,
    UNIT_NAME: _not_empty,
    LEVEL: _level_ok,
    BODY: _body_ok,
    PERSON_ID: _not_empty,
    SEX: _sex_ok,
}


def _is_text_categorical(series: pd.Series) -> bool:
    return isinstance(series.dtype, pd.CategoricalDtype) and isinstance(
        series.cat.categories.dtype, pd.StringDtype
    )


def _fast_text(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """Return ``frame`` with text columns as ``str``, keeping categoricals of strings as they are."""
    updates = {
        c: _as_text(frame[c])
        for c in columns
        if c in frame.columns and not _is_text_categorical(frame[c])
    }
    return frame.assign(**updates) if updates else frame


def _column_clean(series: pd.Series, rule: Any) -> bool:
    """Return whether no value of a required text column is missing or breaks ``rule``.

    On a categorical the rule runs on the categories only, then on the codes of the bad ones.
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        if len(codes) and codes.min() < 0:
            return False
        categories = pd.Series(series.cat.categories)
        bad = np.flatnonzero(~rule(categories))
        return len(bad) == 0 or not np.isin(codes, bad).any()
    if series.hasnans:
        return False
    return bool(rule(series).all())


def _codes(series: pd.Series) -> tuple[np.ndarray, int]:
    """Return integer codes of ``series`` (``-1`` for missing) and the number of values."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(), len(series.cat.categories)
    codes, uniques = pd.factorize(series)
    return codes, len(uniques)


def _has_duplicates(frame: pd.DataFrame, key: Sequence[str]) -> bool:
    """Return whether two rows share ``key``: one integer per row from the codes, sorted once."""
    combined = np.zeros(len(frame), dtype=np.int64)
    n_keys = 1
    for column in key:
        codes, size = _codes(frame[column])
        shift = int(len(codes) > 0 and codes.min() < 0)  # a slot for missing values if any
        width = size + shift
        if n_keys * width >= 2**62:
            combined = pd.factorize(combined)[0].astype(np.int64)
            n_keys = int(combined.max()) + 1 if len(combined) else 1
        if n_keys == 1:
            combined = codes.astype(np.int64)
        else:
            combined *= width
            combined += codes
        if shift:
            combined += 1
        n_keys *= width
    combined.sort()
    return bool((combined[1:] == combined[:-1]).any())


def _units_known(frame: pd.DataFrame, units: pd.DataFrame | None) -> bool:
    if units is None:
        return True
    known = set(units[UNIT_ID].astype(str))
    ids = frame[UNIT_ID]
    if isinstance(ids.dtype, pd.CategoricalDtype):
        bad = np.flatnonzero(~pd.Series(ids.cat.categories).isin(known).to_numpy())
        return len(bad) == 0 or not np.isin(ids.cat.codes.to_numpy(), bad).any()
    return bool(ids.astype(str).isin(known).all())


def _fast_roster(roster: pd.DataFrame, units: pd.DataFrame | None) -> pd.DataFrame | None:
    """Return the canonical roster when vectorised checks prove it clean, else ``None``."""
    if not roster.columns.is_unique:
        return None
    frame = _fast_text(roster, (*ROSTER_COLUMNS, ETHNICITY, POST, FULL_NAME))
    if not all(_column_clean(frame[c], rule) for c, rule in _FAST_RULES.items()):
        return None
    if BIRTH_YEAR in frame.columns:
        source = frame[BIRTH_YEAR]
        if isinstance(source.dtype, np.dtype) and source.dtype.kind in "iu":
            # numpy integers: the range on the array, then Int64 without a second pass
            values = source.to_numpy()
            if len(values) and (values.min() < 1900 or values.max() > 2100):
                return None
            array = pd.arrays.IntegerArray(
                values.astype(np.int64, copy=True), np.zeros(len(values), dtype=bool)
            )
            years = pd.Series(array, index=source.index, name=BIRTH_YEAR)
        else:
            years = pd.to_numeric(source, errors="coerce")
            if bool(
                (years.isna() & source.notna()).any() or ((years % 1 != 0) & years.notna()).any()
            ):
                return None
            years = years.astype("Int64")
            if years.notna().any() and (years.min() < 1900 or years.max() > 2100):
                return None
        frame = frame.assign(birth_year=years)
    if _has_duplicates(frame, (TERM, UNIT_ID, BODY, PERSON_ID)):
        return None
    if not _units_known(frame, units):
        return None
    return _finish(frame, [], Origin(), (*ROSTER_COLUMNS, *ROSTER_OPTIONAL))


def _fast_counts(counts: pd.DataFrame, units: pd.DataFrame | None) -> pd.DataFrame | None:
    """Return the canonical counts when vectorised checks prove them clean, else ``None``."""
    if not counts.columns.is_unique:
        return None
    frame = _fast_text(counts, (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY))
    for column in (TOTAL, FEMALE):
        series = frame[column]
        if not pd.api.types.is_integer_dtype(series) or series.hasnans or (series < 0).any():
            return None
    frame = frame.assign(total=frame[TOTAL].astype(np.int64), female=frame[FEMALE].astype(np.int64))
    if not all(
        _column_clean(frame[c], _FAST_RULES[c]) for c in (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY)
    ):
        return None
    if bool((frame[FEMALE] > frame[TOTAL]).any()):
        return None
    if _has_duplicates(frame, COUNTS_KEY) or not _units_known(frame, units):
        return None
    return _finish(frame, [], Origin(), COUNTS_COLUMNS)


def validate_counts(
    counts: pd.DataFrame,
    *,
    units: pd.DataFrame | None = None,
    origin: Origin | None = None,
) -> pd.DataFrame:
    """Check a counts frame and return its canonical copy.

    Parameters
    ----------
    counts : pandas.DataFrame
        Columns ``term``, ``unit_id``, ``unit_name``, ``level``, ``body``, ``total``, ``female``;
        any other column is kept.
    units : pandas.DataFrame, optional
        A units table; when given, every ``unit_id`` must be in it.
    origin : Origin, optional
        Where the rows came from (set by the readers) so that problems name the file's cells.

    Returns
    -------
    pandas.DataFrame
        A new frame: canonical columns first, ``total`` and ``female`` as ``int64``, index reset.

    Raises
    ------
    DataError
        With every problem: missing columns, bad codes or terms, counts that are not whole numbers
        ≥ 0, ``female > total``, a ``term`` × ``unit_id`` × ``body`` given twice, unknown unit ids.
    """
    origin = origin or Origin()
    problems = _missing_columns(counts, COUNTS_COLUMNS, origin)
    if problems:
        return _finish(counts, problems, origin, COUNTS_COLUMNS)
    clean = _fast_counts(counts, units)
    if clean is not None:
        return clean
    frame = _text_columns(counts, (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY))
    total = _integers(frame, TOTAL, origin, problems)
    female = _integers(frame, FEMALE, origin, problems)
    frame = frame.assign(total=total, female=female)
    problems += _pandera_problems(CountsModel, frame, origin)
    problems += _check_terms(frame, origin)
    # a count that is not a whole number ≥ 0 is already reported: do not compare it again
    over = (female > total) & ~_not_whole(counts[TOTAL]) & ~_not_whole(counts[FEMALE])
    for idx in frame.index[over.to_numpy()]:
        problems.append(
            origin.problem(
                idx,
                FEMALE,
                counts.at[idx, FEMALE],
                f"số nữ không vượt tổng số {total[idx]} (female ≤ total)",
            )
        )
    problems += _duplicates(frame, COUNTS_KEY, origin, "mỗi nhiệm kỳ × đơn vị × cơ quan một dòng;")
    problems += _check_unit_ids(frame, units, origin)
    return _finish(frame, _dedupe(problems), origin, COUNTS_COLUMNS)


def validate_roster(
    roster: pd.DataFrame,
    *,
    units: pd.DataFrame | None = None,
    origin: Origin | None = None,
) -> pd.DataFrame:
    """Check a roster frame and return its canonical copy.

    Parameters
    ----------
    roster : pandas.DataFrame
        Columns ``term``, ``unit_id``, ``unit_name``, ``level``, ``body``, ``person_id``, ``sex``;
        optionally ``birth_year``, ``ethnicity``, ``post``, ``full_name``; others are kept.
    units : pandas.DataFrame, optional
        A units table; when given, every ``unit_id`` must be in it.
    origin : Origin, optional
        Where the rows came from (set by the readers).

    Returns
    -------
    pandas.DataFrame
        A new frame, canonical columns first, ``birth_year`` as nullable ``Int64``.

    Raises
    ------
    DataError
        With every problem, including a person listed twice in the same body, unit and term.
    """
    origin = origin or Origin()
    problems = _missing_columns(roster, ROSTER_COLUMNS, origin)
    if problems:
        return _finish(roster, problems, origin, ROSTER_COLUMNS)
    clean = _fast_roster(roster, units)
    if clean is not None:
        return clean
    frame = _text_columns(roster, (*ROSTER_COLUMNS, ETHNICITY, POST, FULL_NAME))
    if BIRTH_YEAR in frame.columns and not isinstance(frame[BIRTH_YEAR].dtype, pd.Int64Dtype):
        years = pd.to_numeric(frame[BIRTH_YEAR], errors="coerce")
        bad = years.isna() & frame[BIRTH_YEAR].notna() | (years % 1 != 0) & years.notna()
        for idx in frame.index[bad.to_numpy()]:
            problems.append(
                origin.problem(idx, BIRTH_YEAR, frame.at[idx, BIRTH_YEAR], EXPECTED[BIRTH_YEAR])
            )
        years = years.where(~bad).astype("Int64")
        frame = frame.assign(birth_year=years)
    problems += _pandera_problems(RosterModel, frame, origin)
    problems += _check_terms(frame, origin)
    problems += _duplicates(
        frame,
        (TERM, UNIT_ID, BODY, PERSON_ID),
        origin,
        "mỗi người một lần trong một cơ quan, một nhiệm kỳ;",
    )
    problems += _check_unit_ids(frame, units, origin)
    return _finish(frame, _dedupe(problems), origin, (*ROSTER_COLUMNS, *ROSTER_OPTIONAL))


def validate_units(units: pd.DataFrame, *, origin: Origin | None = None) -> pd.DataFrame:
    """Check a units table and return its canonical copy.

    Parameters
    ----------
    units : pandas.DataFrame
        Columns ``unit_id``, ``unit_name``, ``level``, ``kind``; optionally ``parent_id`` and
        ``aliases`` (other names separated by ``|``).
    origin : Origin, optional
        Where the rows came from (set by the readers).

    Returns
    -------
    pandas.DataFrame
        A new frame, canonical columns first.

    Raises
    ------
    DataError
        With every problem, including a unit id given twice.
    """
    origin = origin or Origin()
    problems = _missing_columns(units, UNITS_COLUMNS, origin)
    if problems:
        return _finish(units, problems, origin, UNITS_COLUMNS)
    frame = _text_columns(units, (*UNITS_COLUMNS, *UNITS_OPTIONAL))
    problems += _pandera_problems(UnitsModel, frame, origin)
    problems += _duplicates(frame, (UNIT_ID,), origin, "mã đơn vị không trùng;")
    return _finish(frame, _dedupe(problems), origin, (*UNITS_COLUMNS, *UNITS_OPTIONAL))


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """Drop repeated reports of one cell (pandera and our own checks may both see it)."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for p in problems:
        key = (p.file, p.sheet, p.row, p.column, p.header)
        if key in seen and p.row is not None:
            continue
        seen.add(key)
        out.append(p)
    return out
