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

Text columns: ``str`` or categorical, alike
    The readers return a roster's codes, names and ids (:data:`CATEGORICAL_TEXT`: ``term``,
    ``unit_id``, ``unit_name``, ``level``, ``body``, ``person_id``, ``sex``, ``full_name``,
    ``ethnicity``, ``post``) as **categoricals of** ``str`` **with sorted categories, all of which
    occur**: a national roster then holds one small integer code per cell and each distinct text
    once, and validating and counting work on the codes.  Sorted categories make a sort or a
    ``groupby`` give the order of the ``str`` column.  Every public function takes ``str``,
    ``object`` and categorical columns alike and gives the same result (``tests/test_categorical.py``);
    the ``validate_*`` functions return a categorical column in that canonical form (a caller's
    categories in another order, or unused ones, are recoded), and the functions that take counts
    decode categoricals first (counts have one row per group).  Counts from :func:`~gender_stats.count`
    have ``str`` columns.  To set a new value in a categorical column, add the category first
    (``roster["sex"].cat.add_categories(...)``) or convert the column (``.astype("str")``).

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
import datetime
import decimal
import math
import os
import re
import warnings
import zlib
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from gender_stats._text import expand_abbreviation, loose_key, name_key
from gender_stats.errors import (
    ArgumentError,
    ArgumentTypeError,
    DataError,
    Problem,
    UnitNameWarning,
)
from gender_stats.vocab import BODIES, SEXES

if TYPE_CHECKING:  # the models are imported on first use (see __getattr__)
    from gender_stats.models import CountsModel, RosterModel, UnitsModel

__all__ = [
    "AGE_GROUP",
    "ALIASES",
    "BIRTH_DATE",
    "BIRTH_YEAR",
    "BODY",
    "CATEGORICAL_TEXT",
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
    "require_counts",
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
#: Roster columns the readers return as categoricals of ``str`` (codes, names and ids).
CATEGORICAL_TEXT: tuple[str, ...] = (
    TERM,
    UNIT_ID,
    UNIT_NAME,
    LEVEL,
    BODY,
    PERSON_ID,
    SEX,
    FULL_NAME,
    ETHNICITY,
    POST,
)
UNITS_COLUMNS: tuple[str, ...] = (UNIT_ID, UNIT_NAME, LEVEL, KIND)
UNITS_OPTIONAL: tuple[str, ...] = (PARENT_ID, ALIASES)

#: A term label as :func:`~gender_stats.vocab.normalise_term` writes it (the start before the end
#: is checked apart): ``1999-2004``, ``2099-2104``.
_TERM_PATTERN = r"^(19|20)\d\d-\d{4}$"
_LEVEL_PATTERN = r"^[a-z][a-z0-9_]*$"
#: A text that is not blank: at least one character other than white space.
_NOT_BLANK = r"^\s*\S"

#: What each column must hold, in the words used in error messages.
EXPECTED: Mapping[str, str] = {
    TERM: "nhiệm kỳ dạng 2015-2020, năm đầu nhỏ hơn năm cuối (a term like 2015-2020)",
    UNIT_ID: "mã đơn vị không trống (a unit id)",
    UNIT_NAME: "tên đơn vị không trống (a unit name)",
    LEVEL: "mã cấp viết thường như district, commune (a level code)",
    BODY: "một mã cơ quan (a body code): " + ", ".join(BODIES),
    TOTAL: "số nguyên ≥ 0 (a whole number ≥ 0)",
    FEMALE: "số nguyên ≥ 0 (a whole number ≥ 0)",
    PERSON_ID: "mã người không trống (a person id)",
    SEX: "Nữ hoặc Nam (F or M)",
    BIRTH_YEAR: "năm sinh từ 1900 đến 2100 (a birth year)",
    KIND: "loại đơn vị không trống (a unit kind)",
}


#: The pandera models of the contracts live in :mod:`gender_stats.models` (imported on first use:
#: pandera costs 0.14 s at start-up); ``schema.CountsModel`` and the others still name them.
_MODELS = ("CountsModel", "RosterModel", "UnitsModel")


def __getattr__(name: str) -> Any:  # PEP 562: the models, imported when first asked for
    if name in _MODELS:
        import gender_stats.models as models

        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    if isinstance(value, decimal.Decimal):  # pd.isna raises on a signalling NaN
        return value.is_nan()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_text(series: pd.Series) -> pd.Series:
    """Return ``series`` as strings, keeping missing values missing."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        if _is_text_categorical(series):
            return series.astype("str")  # one take of the categories; missing stays missing
        series = series.astype(object)
    if pd.api.types.is_string_dtype(series) and not pd.api.types.is_object_dtype(series):
        return series.astype("str") if series.hasnans is False else series
    return series.map(lambda v: v if _is_blank(v) else str(v), na_action="ignore").astype("str")


def _plain_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with every categorical column of texts as ``str`` (for small frames).

    Counts and compliance frames have one row per group, so their categoricals (read back from a
    file, or built by the caller with categories in any order) are decoded at the entry of the
    functions that take them: sorting, grouping and setting values then work as on ``str``.

    Examples
    --------
    >>> cat = pd.Categorical(["b", "a"], categories=["b", "a", "unused"])
    >>> _plain_text(pd.DataFrame({"unit_id": cat, "total": [1, 2]})).dtypes.astype(str).tolist()
    ['str', 'int64']
    """
    updates = {c: _as_text(frame[c]) for c in frame.columns if _is_text_categorical(frame[c])}
    return frame.assign(**updates) if updates else frame


def _increasing(categories: pd.Index) -> bool:
    """Return whether texts are in increasing order (code points; categories are unique).

    Texts held by Arrow are compared by Arrow, each with the next: pandas would first make a
    Python string of each (2 M person ids: 0.15 s and 120 MB).  UTF-8 byte order is code-point
    order, the order in which pandas sorts ``str``.

    Examples
    --------
    >>> _increasing(pd.Index(["a", "b", "Đ"], dtype="str")), _increasing(pd.Index(["b", "a"]))
    (True, False)
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(categories) < 2:
        return True
    try:
        texts = pa.array(categories.array)
    except (TypeError, ValueError, pa.ArrowException):  # not texts Arrow takes: pandas decides
        return bool(categories.is_monotonic_increasing)
    if not (pa.types.is_string(texts.type) or pa.types.is_large_string(texts.type)):
        return bool(categories.is_monotonic_increasing)
    after = pc.less(texts.slice(0, len(texts) - 1), texts.slice(1))
    return bool(pc.all(after).as_py())


#: Set by a reader while it validates a frame whose categoricals it built itself, in canonical
#: form (sorted categories that all occur: :func:`gender_stats.io._arrow_text.dictionary_categorical`),
#: so that :func:`_finish` does not check them again (a scatter over every row of every column:
#: 0.4 s at 10⁷ rows).  Never set around a caller's frame.
_BUILT_CANONICAL: ContextVar[bool] = ContextVar("gender_stats_built_canonical", default=False)


@contextmanager
def built_canonical() -> Iterator[None]:
    """Say, for the validation inside this block, that the frame's categoricals are canonical.

    For readers only, around the validation of a frame they built with sorted categories that
    all occur; a frame from anywhere else is always checked and recoded.
    """
    token = _BUILT_CANONICAL.set(True)
    try:
        yield
    finally:
        _BUILT_CANONICAL.reset(token)


def _sorted_categories(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with each categorical of texts recoded to sorted categories that all occur.

    The canonical form of the frame contract (see :func:`_categorical_text`): a caller's
    categorical with categories in another order, or unused ones, is recoded on its codes (one
    gather); a column already canonical is kept as it is.

    Examples
    --------
    >>> cat = pd.Categorical(["b", "a", "b"], categories=["b", "x", "a"])
    >>> out = _sorted_categories(pd.DataFrame({"unit_id": cat}))["unit_id"]
    >>> list(out.cat.categories), out.cat.codes.tolist()
    (['a', 'b'], [1, 0, 1])
    """
    updates = {}
    for c in frame.columns:
        series = frame[c]
        if not _is_text_categorical(series) or series.cat.ordered:
            continue
        categories = series.cat.categories
        codes = series.cat.codes.to_numpy()
        used = np.zeros(len(categories) + 1, dtype=bool)  # the last slot: code -1 (missing)
        used[codes] = True  # a scatter on the small codes: no copy, no count
        used = used[:-1]
        if bool(used.all()) and _increasing(categories):
            continue
        kept = pd.Index(categories[used]).sort_values()
        updates[c] = series.cat.set_categories(kept)
    return frame.assign(**updates) if updates else frame


def _categorical_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with its :data:`CATEGORICAL_TEXT` columns as categoricals of ``str``.

    Categories sorted (as ``str`` sorts), only those that occur; missing values stay missing.  A
    column already categorical with such categories is kept as it is.

    Examples
    --------
    >>> out = _categorical_text(pd.DataFrame({"sex": ["M", "F", "M"], "total": [1, 2, 3]}))
    >>> list(out["sex"].cat.categories), out["sex"].cat.codes.tolist(), out["total"].dtype
    (['F', 'M'], [1, 0, 1], dtype('int64'))
    """
    updates = {}
    for c in CATEGORICAL_TEXT:
        if c not in frame.columns:
            continue
        series = frame[c]
        if _is_text_categorical(series) and series.cat.categories.is_monotonic_increasing:
            continue
        if _is_text_categorical(series):
            categories = pd.Index(series.cat.categories)
        else:
            series = _as_text(series)
            categories = pd.Index(series.dropna().unique(), dtype="str")
        updates[c] = series.astype(pd.CategoricalDtype(categories.sort_values()))
    return frame.assign(**updates) if updates else frame


#: What a count past the int64 range is told.
TOO_LARGE = (
    "số nguyên ≥ 0 không quá 9223372036854775807 "
    "(a whole number ≥ 0 that fits in 64 bits; is this cell a code or a typo?)"
)
#: The largest count the model holds (``int64``); a larger one is reported, never wrapped around.
MAX_COUNT = int(np.iinfo(np.int64).max)


def _whole_counts(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Return ``series`` as int64 counts (0 where bad) and where a value is not a count.

    A count is a whole number in ``[0, MAX_COUNT]``: an integer of any width (``uint64`` values past
    ``2**63`` are bad, not negative), a whole finite float below ``2**63``, or a whole
    :class:`decimal.Decimal` (Parquet ``decimal(10,0)``).  Booleans, blanks and text are bad.
    """
    values = series.to_numpy()
    if isinstance(values.dtype, np.dtype) and values.dtype.kind in "iu":
        bad = values < 0 if values.dtype.kind == "i" else values > MAX_COUNT
        return np.where(bad, 0, values).astype(np.int64), np.asarray(bad, dtype=bool)
    if isinstance(values.dtype, np.dtype) and values.dtype.kind == "f":
        with np.errstate(invalid="ignore"):
            good = np.isfinite(values) & (values >= 0) & (values < 2.0**63)
            good &= np.where(good, values, 0) % 1 == 0
        return np.where(good, values, 0).astype(np.int64), ~good
    out = np.zeros(len(values), dtype=np.int64)
    bad = np.zeros(len(values), dtype=bool)
    for pos, value in enumerate(series.astype(object).to_numpy()):
        number = _whole_number(value)
        if number is None:
            bad[pos] = True
        else:
            out[pos] = number
    return out, bad


def _whole_number(value: Any) -> int | None:
    """Return ``value`` as a count if it is a whole number in ``[0, MAX_COUNT]``, else ``None``."""
    if isinstance(value, bool | np.bool_) or _is_blank(value):
        return None
    number: int | None = None
    if isinstance(value, int | np.integer):
        number = int(value)
    elif isinstance(value, float | np.floating):
        if math.isfinite(value) and float(value).is_integer():
            number = int(value)
    elif (
        isinstance(value, decimal.Decimal)
        and value.is_finite()
        and value == value.to_integral_value()
    ):
        number = int(value)
    if number is None or number < 0 or number > MAX_COUNT:
        return None
    return number


def _integers(
    frame: pd.DataFrame, column: str, origin: Origin, problems: list[Problem]
) -> pd.Series:
    """Return ``frame[column]`` as int64, reporting each value that is not a whole number ≥ 0."""
    series = frame[column]
    out, bad = _whole_counts(series)
    for idx in series.index[bad]:
        value = series[idx]
        expected = TOO_LARGE if _too_large(value) else EXPECTED[column]
        problems.append(origin.problem(idx, column, value, expected))
    return pd.Series(out, index=series.index, name=column)


def _too_large(value: Any) -> bool:
    """Say whether ``value`` is a whole number past :data:`MAX_COUNT` (not a typo: a wrong cell)."""
    try:
        return (
            not isinstance(value, bool | np.bool_ | str)
            and math.isfinite(value)
            and float(value) >= 2.0**63
        )
    except (TypeError, ValueError, OverflowError):
        return isinstance(value, int) and value > MAX_COUNT


def _not_whole(series: pd.Series) -> pd.Series:
    """Return True where a value is not a whole number ≥ 0 (what :func:`_integers` reports)."""
    return pd.Series(_whole_counts(series)[1], index=series.index)


def _pandera_problems(model: str, frame: pd.DataFrame, origin: Origin) -> list[Problem]:
    """Return the problems the pandera model ``model`` (its name) finds, each naming its cell."""
    import pandera.errors

    import gender_stats.models as models

    try:
        getattr(models, model).validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as err:
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
    frame = frame[order + rest].reset_index(drop=True)
    return frame if _BUILT_CANONICAL.get() else _sorted_categories(frame)


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
    """Return which texts hold a character other than white space (``" "`` is blank)."""
    return np.asarray((values.str.len() >= 1) & ~values.str.isspace(), dtype=bool)


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


def _has_duplicates(
    frame: pd.DataFrame,
    key: Sequence[str],
    codes_of: Mapping[str, tuple[np.ndarray, int]] | None = None,
) -> bool:
    """Return whether two rows share ``key``: one integer per row from the codes, sorted once.

    ``codes_of`` gives codes computed already for some columns (``person_id`` after NFC).
    """
    combined = np.zeros(len(frame), dtype=np.int64)
    n_keys = 1
    for column in key:
        codes, size = (codes_of or {}).get(column) or _codes(frame[column])
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


# ---------------------------------------------------------------------------------------------
# Roster consistency: who may sit (age), and one person_id for one person.  Everything here works on
# integer codes of the distinct values (a few passes over numpy arrays), never row by row.

#: The least age of a member when the term starts.
MIN_AGE = 18


def _values_and_codes(series: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Return integer codes (``-1`` for missing) and the distinct values of ``series``."""
    if isinstance(series.dtype, pd.CategoricalDtype):  # the codes as they are (no 64-bit copy)
        return series.cat.codes.to_numpy(), pd.Index(series.cat.categories)
    codes, uniques = pd.factorize(series)
    return codes.astype(np.int64), pd.Index(uniques)


#: The five tone marks, decomposed (and the two old code points of grave and acute).
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323\u0340\u0341"
#: A tone mark with the rest of its syllable after it: ``\\2\\1`` moves it to the syllable's end.
_TONE_INSIDE = f"([{_TONE_MARKS}])([^\\s{_TONE_MARKS}]+)"


def _text_keys(uniques: pd.Index, *, fold: bool) -> np.ndarray:
    """Return, for each distinct text, the code of its NFC form (case-folded when ``fold``).

    Never strips diacritics: ``Hùng`` and ``Hưng`` stay two keys.  ASCII texts are their own NFC
    form, so a list of ASCII ids costs one vectorised test.  Folded keys (names) are also those of
    :func:`~gender_stats._text.name_key`: the old and the new tone placements (``Thủy`` and
    ``Thuỷ``, ``Hòa`` and ``Hoà``) are one name; in Arrow kernels, each syllable's tone mark
    moved to its end.

    Examples
    --------
    >>> names = pd.Index(["Lê Thị Hòa", "lê thị hoà", "Nguyễn Thị Thủy", "Nguyễn Thị Thuỷ", "Hạ"])
    >>> _text_keys(names, fold=True).tolist()
    [0, 0, 1, 1, 2]
    >>> _text_keys(pd.Index(["Hà", "Hạ", "Ha"]), fold=True).tolist()
    [0, 1, 2]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    values = pd.Series(uniques, copy=False)
    if not (pd.api.types.is_string_dtype(values) and not pd.api.types.is_object_dtype(values)):
        values = values.astype("str")
    texts = pa.array(values, type=pa.large_string())
    if not fold and bool(pc.all(pc.string_is_ascii(texts)).as_py() in (True, None)):
        return np.arange(len(uniques), dtype=np.int64)
    keys = pc.utf8_normalize(texts, form="NFC")
    keys = pc.utf8_trim_whitespace(pc.replace_substring_regex(keys, r"\s+", " "))
    if fold:
        keys = pc.utf8_normalize(pc.utf8_lower(keys), form="NFD")
        keys = pc.replace_substring_regex(keys, pattern=_TONE_INSIDE, replacement=r"\2\1")
    encoded = pc.dictionary_encode(keys)
    return np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)


def _key_codes(series: pd.Series, *, fold: bool = False) -> tuple[np.ndarray, int]:
    """Return codes of ``series`` after NFC (``-1`` for missing) and how many keys there are."""
    codes, uniques = _values_and_codes(series)
    if len(uniques) == 0:
        return codes, 0
    keys = _text_keys(uniques, fold=fold)
    if not fold and len(keys) == len(uniques) and bool((keys == np.arange(len(keys))).all()):
        return codes, len(uniques)  # NFC changes nothing (ASCII ids)
    return np.where(codes >= 0, keys[np.maximum(codes, 0)], -1), int(keys.max()) + 1


def _latest_birth_years(frame: pd.DataFrame) -> np.ndarray:
    """Return the latest birth year each row allows: term start − 18, and never after this year.

    Computed per distinct term, then gathered by the term codes (a missing or malformed term
    allows up to this year).
    """
    this_year = float(datetime.date.today().year)
    terms = frame[TERM]
    if isinstance(terms.dtype, pd.CategoricalDtype):
        codes, uniques = terms.cat.codes.to_numpy(), pd.Index(terms.cat.categories)
    else:
        codes, uniques = pd.factorize(terms)
    limits = [
        min(int(str(t)[:4]) - MIN_AGE, this_year) if re.match(_TERM_PATTERN, str(t)) else this_year
        for t in uniques
    ]
    table = np.array([*limits, this_year], dtype=np.int16)  # code -1 (missing) takes the last
    return table[codes]


def _too_young(frame: pd.DataFrame, years: pd.Series) -> np.ndarray:
    """Return where a birth year is after the latest one the row's term allows.

    Whole-number years are compared as integers (no float copy of a 10 M-row column).
    """
    latest = _latest_birth_years(frame)
    if pd.api.types.is_integer_dtype(years.dtype):
        values = years.to_numpy(dtype=np.int64, na_value=0)  # a missing year is never too young
        return np.asarray(values > latest, dtype=bool)
    floats = years.to_numpy(dtype=np.float64, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        return np.asarray(floats > latest, dtype=bool)


def _young_problems(frame: pd.DataFrame, origin: Origin) -> list[Problem]:
    years = frame[BIRTH_YEAR]
    bad = _too_young(frame, years)
    if not bad.any():
        return []
    latest = _latest_birth_years(frame)
    this_year = datetime.date.today().year
    problems = []
    for pos in np.flatnonzero(bad).tolist():
        idx = frame.index[pos]
        limit = int(latest[pos])
        if limit >= this_year:
            expected = f"năm sinh không sau năm nay {this_year} (a birth year not in the future)"
        else:
            expected = (
                f"năm sinh không sau {limit}: đủ {MIN_AGE} tuổi khi nhiệm kỳ "
                f"{frame.at[idx, TERM]!s} bắt đầu (a birth year at least {MIN_AGE} years "
                "before the term starts)"
            )
        problems.append(origin.problem(idx, BIRTH_YEAR, years.iloc[pos], expected))
    return problems


def _sorted_key(digits: Sequence[tuple[np.ndarray, int]]) -> tuple[np.ndarray, list[int]] | None:
    """Return one sorted int64 key per row from codes in mixed radix, and the radix of each digit.

    ``None`` when the key would not fit in int64 (the caller takes a slower way).
    """
    widths = [size + 1 for _, size in digits]  # +1: missing values (code -1) become 0
    if math.prod(widths) >= 2**62:
        return None
    key = np.zeros(len(digits[0][0]), dtype=np.int64)
    for (codes, _), width in zip(digits, widths, strict=True):
        key *= width
        key += codes
        key += 1
    key.sort()
    return key, widths


def _persons_clean_sorted(frame: pd.DataFrame) -> bool | None:
    """:func:`_persons_clean` by sorting one int64 key (when the codes are too many for tables)."""
    pid = _key_codes(frame[PERSON_ID])
    if _has_duplicates(frame, (TERM, UNIT_ID, BODY, PERSON_ID), {PERSON_ID: pid}):
        return False  # a person twice in one body of one unit in one term
    # one sex per person_id: first over all terms at once (two bincounts); only when some id has
    # both sexes somewhere, term by term (an id may be two people in two terms)
    codes, n_ids = pid
    if len(codes) and int(codes.min()) < 0:
        return None
    women = np.asarray(frame[SEX] == next(iter(SEXES)), dtype=np.float64)
    n_women = np.bincount(codes, weights=women, minlength=n_ids)
    n_rows = np.bincount(codes, minlength=n_ids)
    if bool(((n_women > 0) & (n_women < n_rows)).any()):
        term, _ = _codes(frame[TERM])
        person = term.astype(np.int64) * n_ids + codes
        _, person = np.unique(person, return_inverse=True)
        n_women = np.bincount(person, weights=women)
        n_rows = np.bincount(person)
        if bool(((n_women > 0) & (n_women < n_rows)).any()):
            return False
    if FULL_NAME not in frame.columns or not frame[FULL_NAME].notna().any():
        return True
    found = _sorted_key([_codes(frame[TERM]), pid, _key_codes(frame[FULL_NAME], fold=True)])
    if found is None:
        return None
    key, widths = found
    name_w = widths[-1]
    name = key % name_w
    same = (key[1:] // name_w == key[:-1] // name_w) & (name[1:] > 0) & (name[:-1] > 0)
    return not bool((same & (name[1:] != name[:-1])).any())


def _one_value_each(slot: np.ndarray, n_slots: int, values: np.ndarray) -> bool:
    """Return whether all rows of each slot hold the same value: one scatter and one gather.

    Each slot keeps the value of its last row (``table[slot] = values``); a row whose value is not
    its slot's differs from another row of the slot.  No sort, no hashing.

    Examples
    --------
    >>> _one_value_each(np.array([0, 1, 0]), 2, np.array([5, 7, 5]))
    True
    >>> _one_value_each(np.array([0, 1, 0]), 2, np.array([5, 7, 6]))
    False
    """
    table = np.empty(n_slots, dtype=values.dtype)
    table[slot] = values
    return bool((table[slot] == values).all())


def _persons_clean(frame: pd.DataFrame) -> bool | None:
    """Say whether no person sits twice in one body and every person_id has one sex and one name.

    Persons compare by ``person_id`` after NFC, per term.  The checks are tables indexed by the
    codes (term × person, then term × person × body): a scatter and a gather each
    (:func:`_one_value_each`), linear in the rows; a byte per term × person × body says whether
    two rows share one (the count of slots taken is then below the rows).  Only then are the rows
    whose slot is shared (a person in the same body of two units) compared with their unit, by
    sorting those rows alone.  ``None`` when the codes are too many to check this way and to sort.
    """
    pid, n_pid = _key_codes(frame[PERSON_ID])
    term, n_term = _codes(frame[TERM])
    body, n_body = _codes(frame[BODY])
    n = len(frame)
    n_slots = n_term * n_pid * n_body
    if n == 0:
        return True
    if n_slots > 8 * n + 1024 or min(pid.min(), term.min(), body.min()) < 0:
        return _persons_clean_sorted(frame)
    # slots fit in int32 (fewer than 8 n + 1024): half the memory and traffic of int64 keys
    # (in place: each temporary of 10⁷ rows is fresh memory the system must hand over)
    key_type = np.int32 if n_slots < 2**31 else np.int64
    person: np.ndarray = term.astype(key_type)
    np.multiply(person, n_pid, out=person)
    np.add(person, pid, out=person, casting="same_kind")  # term × person
    sex, _ = _codes(frame[SEX])
    if not _one_value_each(person, n_term * n_pid, sex):
        return False  # one person_id, two sexes in a term
    seat = person.copy() if FULL_NAME in frame.columns else person
    np.multiply(seat, n_body, out=seat)
    np.add(seat, body, out=seat, casting="same_kind")  # term × person × body
    taken = np.zeros(n_slots, dtype=np.uint8)  # one byte a slot: 4 times less memory than rows
    taken[seat] = 1
    if int(np.count_nonzero(taken)) < n:  # some term × person × body has two rows
        del taken
        rows = np.arange(n, dtype=np.int32 if n < 2**31 else np.int64)
        last = np.empty(n_slots, dtype=rows.dtype)
        last[seat] = rows
        shared = last[seat] != rows  # a row whose term × person × body has a later row
        del last
        flagged = np.zeros(n_slots, dtype=bool)
        flagged[seat[shared]] = True
        pick = flagged[seat]
        unit, n_unit = _codes(frame[UNIT_ID])
        if n_slots * (n_unit + 1) >= 2**62:
            return _persons_clean_sorted(frame)
        key = seat[pick].astype(np.int64) * (n_unit + 1) + (unit[pick].astype(np.int64) + 1)
        key.sort()
        if bool((key[1:] == key[:-1]).any()):
            return False  # a person twice in one body of one unit in one term
    if FULL_NAME not in frame.columns or not frame[FULL_NAME].notna().any():
        return True
    name, _ = _key_codes(frame[FULL_NAME], fold=True)
    named = name >= 0
    return _one_value_each(person[named], n_term * n_pid, name[named])


#: ``attrs`` key of a roster :func:`validate_roster` returned: the checksum of its content then
VALIDATED_ATTR = "gender_stats.validated_roster"


def _checksum(frame: pd.DataFrame) -> int | None:
    """Return a CRC-32 of a frame's column names, dtypes and every buffer of its columns.

    ``None`` when a column's storage is not plain memory (``object`` columns hold pointers, not
    their values): such a frame is never taken as already validated.  Any change to the frame, in
    place or not (a cell set, a row dropped, categories renamed), changes the checksum.  Each
    column has its own CRC (on a large frame, two threads: :func:`zlib.crc32` lets the other
    run), and the frame's is the CRC of the names, the row count and those, in column order.
    """
    columns = [column for _, column in frame.items()]
    if len(frame) >= _THREADED_ROWS and len(columns) > 1 and (os.cpu_count() or 1) > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=2) as pool:
            parts = list(pool.map(_column_checksum, columns))
    else:
        parts = [_column_checksum(column) for column in columns]
    if any(part is None for part in parts):
        return None
    return zlib.crc32(repr((len(frame), [str(c) for c in frame.columns], parts)).encode())


def _column_checksum(series: pd.Series) -> int | None:
    """Return the CRC-32 of one column's dtype and buffers (``None``: not plain memory)."""
    import pyarrow as pa

    crc = zlib.crc32(str(series.dtype).encode())
    if isinstance(series.dtype, pd.CategoricalDtype):  # the codes, then the categories
        crc = zlib.crc32(repr(series.cat.ordered).encode(), crc)
        codes = np.ascontiguousarray(series.cat.codes.to_numpy())
        crc = zlib.crc32(codes.view(np.uint8).data, crc)
        series = pd.Series(series.cat.categories, copy=False)
        crc = zlib.crc32(str(series.dtype).encode(), crc)
    if isinstance(series.dtype, np.dtype):
        if series.dtype.kind not in "biufcmM":
            return None
        data = np.ascontiguousarray(series.to_numpy()).view(np.uint8)
        return zlib.crc32(data.data, crc)
    try:
        arrow = pa.array(series.array)
    except Exception:  # not an Arrow-backed or Arrow-convertible column
        return None
    chunks = arrow.chunks if isinstance(arrow, pa.ChunkedArray) else [arrow]
    for chunk in chunks:
        parts = [chunk]
        if isinstance(chunk, pa.DictionaryArray):
            parts.append(chunk.dictionary)
        for part in parts:
            crc = zlib.crc32(repr((part.offset, len(part))).encode(), crc)
            for buffer in part.buffers():
                if buffer is not None:
                    crc = zlib.crc32(memoryview(buffer), crc)
    return crc


def _mark_validated(frame: pd.DataFrame) -> pd.DataFrame:
    """Record in ``frame.attrs`` that ``frame``, as it is now, is a valid roster; return it.

    Only for a frame this library built and validated (not the caller's input, which is never
    changed).
    """
    checksum = _checksum(frame)
    if checksum is not None:
        frame.attrs[VALIDATED_ATTR] = checksum
    return frame


def _already_validated(frame: pd.DataFrame) -> bool:
    """Return whether ``frame`` is a roster :func:`validate_roster` returned, unchanged since."""
    mark = frame.attrs.get(VALIDATED_ATTR)
    return mark is not None and mark == _checksum(frame)


def _conflicts(frame: pd.DataFrame, column: str, *, fold: bool) -> tuple[np.ndarray, np.ndarray]:
    """Return rows whose ``column`` differs from the first row of the same person in the term.

    Returns positions of such rows and, for each, the position of that first row.
    """
    pid, n_pid = _key_codes(frame[PERSON_ID])
    term, _ = _codes(frame[TERM])
    values, _ = _key_codes(frame[column], fold=fold) if column != SEX else _codes(frame[SEX])
    valid = (values >= 0) & (pid >= 0) & (term >= 0)
    if column == SEX:  # a sex that is not F or M is reported already: compare only valid ones
        valid &= np.asarray(frame[SEX].isin(list(SEXES)), dtype=bool)
    keep = np.flatnonzero(valid)
    if len(keep) == 0:
        return keep, keep
    group = term[keep] * (n_pid + 1) + pid[keep]
    first = pd.Series(keep).groupby(group).transform("first").to_numpy()
    differs = values[keep] != values[first]
    return keep[differs], first[differs]


def _person_problems(frame: pd.DataFrame, origin: Origin) -> list[Problem]:
    """Report a person_id given two sexes, or two names, in one term."""
    problems = []
    checks = [(SEX, "giới tính", "sex", False)]
    if FULL_NAME in frame.columns:
        checks.append((FULL_NAME, "họ tên", "full name", True))
    for column, vi, en, fold in checks:
        rows, firsts = _conflicts(frame, column, fold=fold)
        for pos, first in zip(rows.tolist(), firsts.tolist(), strict=True):
            idx, other = frame.index[pos], frame.index[first]
            where = origin.problem(other, None, None, "").row
            expected = (
                f"một {vi} cho mỗi mã người trong một nhiệm kỳ: mã "
                f'"{frame.at[idx, PERSON_ID]!s}" ở dòng {where} ghi "{frame.at[other, column]!s}" '
                f"(one {en} per person_id in a term)"
            )
            problems.append(origin.problem(idx, column, frame.at[idx, column], expected))
    return problems


#: Expected text of a standing-committee member missing from the party committee of the roster.
NOT_IN_COMMITTEE = (
    "người của Ban Thường vụ cũng có tên trong Ban Chấp hành của đơn vị, nhiệm kỳ này; danh sách "
    "có Ban Chấp hành nhưng không có người này (a standing-committee member is a member of the "
    "party committee too: the list has the committee without this person; if the committee "
    "section lists only the other members, list the standing committee there too)"
)


def _standing_outside(frame: pd.DataFrame) -> np.ndarray:
    """Return which rows are standing-committee seats of a person the unit's committee lacks.

    The standing committee (ban thường vụ) is elected from the party committee (ban chấp hành),
    so where a roster gives both bodies of a unit and term, each standing member is on the
    committee too; one who is not means a lost row, or a committee listed without its standing
    members (counted short).  Units and terms without a committee in the roster are not judged.
    Vectorised: one table of the committee seats by term × person holding the unit (a scatter
    and a gather); only the rows it cannot settle (a person on the committees of two units in a
    term) are compared exactly, by sorting those few keys.

    Examples
    --------
    >>> roster = pd.DataFrame({"term": ["2020-2025"] * 4, "unit_id": ["A", "A", "A", "B"],
    ...     "body": ["party_committee", "standing_committee", "standing_committee",
    ...              "standing_committee"], "person_id": ["p1", "p1", "p2", "p3"]})
    >>> _standing_outside(roster).tolist()  # p2 is not on A's committee; B lists no committee
    [False, False, True, False]
    """
    n = len(frame)
    out = np.zeros(n, dtype=bool)
    body = frame[BODY]
    rows_c = np.flatnonzero(np.asarray(body == "party_committee", dtype=bool))
    rows_s = np.flatnonzero(np.asarray(body == "standing_committee", dtype=bool))
    if not len(rows_c) or not len(rows_s):
        return out
    term, n_term = _codes(frame[TERM])
    unit, n_unit = _codes(frame[UNIT_ID])
    pid, n_pid = _key_codes(frame[PERSON_ID])
    # keys in the narrowest integers that hold them: each temporary of millions of rows is fresh
    # memory the system must hand over, which costs more than the arithmetic
    place_type = np.int32 if n_term * n_unit < 2**31 else np.int64
    seat_type = np.int32 if n_term * n_pid < 2**31 else np.int64
    unit_type = np.int16 if n_unit < 2**15 else np.int32

    def parts(rows: np.ndarray) -> tuple[np.ndarray, ...]:
        t, u, p = term[rows], unit[rows], pid[rows]
        if min(t.min(), u.min(), p.min()) < 0:  # a missing code is reported elsewhere
            known = (t >= 0) & (u >= 0) & (p >= 0)
            rows, t, u, p = rows[known], t[known], u[known], p[known]
        place = t.astype(place_type) * n_unit + u  # term × unit
        seat = t.astype(seat_type) * n_pid + p  # term × person
        return rows, place, seat, u.astype(unit_type, copy=False)

    rows_c, place_c, seat_c, unit_c = parts(rows_c)
    rows_s, place_s, seat_s, unit_s = parts(rows_s)
    if not len(rows_c) or not len(rows_s):
        return out
    with_committee = np.zeros(max(n_term * n_unit, 1), dtype=bool)
    with_committee[place_c] = True
    judged = with_committee[place_s]
    if n_term * n_pid <= 8 * n + 1024:
        committee_unit = np.full(n_term * n_pid, -1, dtype=unit_type)
        committee_unit[seat_c] = unit_c
        unsure = judged & (committee_unit[seat_s] != unit_s)
        del committee_unit
    else:
        unsure = judged
    if not unsure.any():
        return out
    # exactly, for the few rows left: their keys among the committee seats of the same persons
    width = max(n_unit, 1)
    asked = seat_s[unsure].astype(np.int64) * width + unit_s[unsure]
    same = np.isin(seat_c, seat_s[unsure])
    known = seat_c[same].astype(np.int64) * width + unit_c[same]
    out[rows_s[unsure][~np.isin(asked, known)]] = True
    return out


def _standing_problems(frame: pd.DataFrame, origin: Origin) -> list[Problem]:
    """Report each standing-committee seat of a person the unit's committee lacks (see above)."""
    rows = np.flatnonzero(_standing_outside(frame))
    named = FULL_NAME in frame.columns
    problems = []
    for pos in rows.tolist():
        idx = frame.index[pos]
        value = frame.at[idx, FULL_NAME] if named else frame.at[idx, PERSON_ID]
        if _is_blank(value):
            value = frame.at[idx, PERSON_ID]
        problems.append(origin.problem(idx, PERSON_ID, value, NOT_IN_COMMITTEE))
    return problems


def _nfc_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with ``person_id`` replaced by its NFC key (for the duplicate check)."""
    codes, uniques = _values_and_codes(frame[PERSON_ID])
    if len(uniques) == 0:
        return frame
    keys = _text_keys(uniques, fold=False)
    if (keys == np.arange(len(uniques))).all():
        return frame
    first = pd.Series(np.arange(len(keys))).groupby(keys).transform("first").to_numpy()
    canonical = np.asarray(uniques, dtype=object)[first]
    ids = np.where(codes >= 0, canonical[np.maximum(codes, 0)], None)
    return frame.assign(person_id=pd.Series(ids, index=frame.index, dtype=object))


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
        elif pd.api.types.is_integer_dtype(source.dtype):  # nullable integers (the readers' Int64)
            values = source.to_numpy(dtype=np.int64, na_value=1900)
            if len(values) and (values.min() < 1900 or values.max() > 2100):
                return None
            years = source.astype("Int64")
        else:
            years = pd.to_numeric(source, errors="coerce").astype("float64")
            if bool(
                (years.isna() & source.notna()).any() or ((years % 1 != 0) & years.notna()).any()
            ):
                return None
            if years.notna().any() and (years.min() < 1900 or years.max() > 2100):
                return None
            years = years.astype("Int64")
        frame = frame.assign(birth_year=years)
        if _too_young(frame, years).any():
            return None
    if not _persons_checked(frame):
        return None
    if not _units_known(frame, units):
        return None
    return _finish(frame, [], Origin(), (*ROSTER_COLUMNS, *ROSTER_OPTIONAL))


#: Rows from which the two person checks run on two threads (below, a thread costs more).
_THREADED_ROWS = 200_000


def _persons_checked(frame: pd.DataFrame) -> bool:
    """Return whether the person checks find nothing (no seat twice, standing members within).

    On a large roster and two cores or more, the standing-committee check runs on a second
    thread while this one checks the seats (numpy's scatters and gathers release the GIL).
    """
    if len(frame) < _THREADED_ROWS or (os.cpu_count() or 1) < 2:
        return bool(_persons_clean(frame)) and not bool(_standing_outside(frame).any())
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        outside = pool.submit(_standing_outside, frame)
        clean = _persons_clean(frame)
        return bool(clean) and not bool(outside.result().any())


def _fast_counts(counts: pd.DataFrame, units: pd.DataFrame | None) -> pd.DataFrame | None:
    """Return the canonical counts when vectorised checks prove them clean, else ``None``."""
    if not counts.columns.is_unique:
        return None
    frame = _fast_text(counts, (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY))
    converted = {}
    for column in (TOTAL, FEMALE):
        series = frame[column]
        if not pd.api.types.is_integer_dtype(series) or series.hasnans:
            return None
        values, bad = _whole_counts(series)
        if bad.any():
            return None
        converted[column] = pd.Series(values, index=series.index, name=column)
    frame = frame.assign(**converted)
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
    if is_foreign_roster(counts):
        raise ArgumentTypeError(FOREIGN_ROSTER_COUNTS.format(kind=_kind(counts)))
    counts = collected(counts)  # counts of another engine: one row per group, collected
    _require_frame(counts, "validate_counts", "counts")
    origin = origin or Origin()
    problems = _missing_columns(counts, COUNTS_COLUMNS, origin)
    if problems:
        return _finish(counts, problems, origin, COUNTS_COLUMNS)
    clean = _fast_counts(counts, units)
    if clean is not None:
        _warn_unit_names(clean, units)
        return clean
    frame = _text_columns(counts, (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY))
    total = _integers(frame, TOTAL, origin, problems)
    female = _integers(frame, FEMALE, origin, problems)
    frame = frame.assign(total=total, female=female)
    problems += _pandera_problems("CountsModel", frame, origin)
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
    if not problems:  # a warning is for data that are otherwise usable
        _warn_unit_names(frame, units)
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
        A new frame, canonical columns first, ``birth_year`` as nullable ``Int64``.  Its
        ``attrs["gender_stats.validated_roster"]`` holds a checksum of its content, so that
        validating it again, unchanged, costs one pass over its memory instead of the checks
        (any change, in place or not, makes it checked afresh).

    Raises
    ------
    DataError
        With every problem, including a person listed twice in the same body, unit and term,
        and a standing-committee member missing from the unit's party committee (when the
        roster gives that committee).
    """
    if _narwhals(roster) is not None:
        raise ArgumentTypeError(FOREIGN_ROSTER.format(kind=_kind(roster)))
    _require_frame(roster, "validate_roster", "roster")
    mark = origin is None  # a reader (which gives the origin) marks the frame it returns
    origin = origin or Origin()
    problems = _missing_columns(roster, ROSTER_COLUMNS, origin)
    if problems:
        return _finish(roster, problems, origin, ROSTER_COLUMNS)
    if units is None and _already_validated(roster):
        return roster.copy(deep=False)  # checked already, unchanged since: not checked twice
    clean = _fast_roster(roster, units)
    if clean is not None:
        _warn_unit_names(clean, units)
        return _mark_validated(clean) if mark else clean
    frame = _text_columns(roster, (*ROSTER_COLUMNS, ETHNICITY, POST, FULL_NAME))
    if BIRTH_YEAR in frame.columns and not isinstance(frame[BIRTH_YEAR].dtype, pd.Int64Dtype):
        years = pd.to_numeric(frame[BIRTH_YEAR], errors="coerce").astype("float64")
        with np.errstate(invalid="ignore"):
            bad = years.isna() & frame[BIRTH_YEAR].notna() | (years % 1 != 0) & years.notna()
            bad |= (years < 1900) | (years > 2100)
        for idx in frame.index[bad.to_numpy()]:
            problems.append(
                origin.problem(idx, BIRTH_YEAR, frame.at[idx, BIRTH_YEAR], EXPECTED[BIRTH_YEAR])
            )
        frame = frame.assign(birth_year=years.where(~bad).astype("Int64"))
    problems += _pandera_problems("RosterModel", frame, origin)
    problems += _check_terms(frame, origin)
    if BIRTH_YEAR in frame.columns:
        problems += _young_problems(frame, origin)
    problems += _person_problems(frame, origin)
    problems += _standing_problems(frame, origin)
    problems += _duplicates(
        _nfc_ids(frame),
        (TERM, UNIT_ID, BODY, PERSON_ID),
        origin,
        "mỗi người một lần trong một cơ quan, một nhiệm kỳ;",
    )
    problems += _check_unit_ids(frame, units, origin)
    if not problems:  # a warning is for data that are otherwise usable
        _warn_unit_names(frame, units)
    out = _finish(frame, _dedupe(problems), origin, (*ROSTER_COLUMNS, *ROSTER_OPTIONAL))
    return _mark_validated(out) if mark else out


def _units_clean(frame: pd.DataFrame) -> bool:
    """Return whether the rules of :class:`UnitsModel` hold, checked vectorised.

    Text columns of texts; ``unit_id``, ``unit_name`` and ``kind`` never blank; ``level`` a level
    code.  When this says no, pandera checks the frame and names every problem.
    """
    rules = {UNIT_ID: _not_empty, UNIT_NAME: _not_empty, LEVEL: _level_ok, KIND: _not_empty}
    for column in (*rules, *UNITS_OPTIONAL):
        if column in frame.columns and not pd.api.types.is_string_dtype(frame[column]):
            return False
    return all(_column_clean(frame[column], rule) for column, rule in rules.items())


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
    _require_frame(units, "validate_units", "units")
    origin = origin or Origin()
    problems = _missing_columns(units, UNITS_COLUMNS, origin)
    if problems:
        return _finish(units, problems, origin, UNITS_COLUMNS)
    frame = _text_columns(units, (*UNITS_COLUMNS, *UNITS_OPTIONAL))
    if ALIASES in frame.columns:  # "a; b" and a line break inside the cell separate aliases too
        aliases = frame[ALIASES]
        frame = frame.assign(
            aliases=aliases.where(
                aliases.isna(), aliases.astype(object).map(_joined_aliases, na_action="ignore")
            )
        )
    if not _units_clean(frame):  # pandera (and what it imports) only to say what is wrong
        problems += _pandera_problems("UnitsModel", frame, origin)
    problems += _duplicates(frame, (UNIT_ID,), origin, "mã đơn vị không trùng;")
    problems += _alias_problems(frame, origin)
    return _finish(frame, _dedupe(problems), origin, (*UNITS_COLUMNS, *UNITS_OPTIONAL))


# ---------------------------------------------------------------------------------------------
# Units: names against the units table, aliases that point at two units.

#: Most pairs named in one :class:`~gender_stats.errors.UnitNameWarning`.
MAX_NAME_PAIRS = 10
#: The warning when a unit id's name in the data is neither its name nor an alias in the table.
UNIT_NAME_WARNING = (
    "{n} mã đơn vị có tên khác với bảng đơn vị (unit ids whose name contradicts the units "
    "table): {pairs}. Hint: kiểm tra mã đơn vị, hoặc thêm tên vào cột aliases "
    "(check the unit id, or add the name to the aliases)."
)


def _joined_aliases(value: Any) -> Any:
    r"""Return aliases written ``a; b`` or on lines of one cell as ``a|b`` (the table's form).

    Examples
    --------
    >>> _joined_aliases("TP Thanh Hóa; TP. Thanh Hoá"), _joined_aliases("Nga Sơn\nH. Nga Sơn")
    ('TP Thanh Hóa|TP. Thanh Hoá', 'Nga Sơn|H. Nga Sơn')
    """
    if not isinstance(value, str):
        return value
    return "|".join(a.strip() for a in re.split(r"[|;\n]", value) if a.strip())


def _aliases(value: Any) -> list[str]:
    """Return the aliases of one units row (``|``-separated), without blanks."""
    if _is_blank(value):
        return []
    return [a.strip() for a in str(value).split("|") if a.strip()]


def _names_of_units(units: pd.DataFrame) -> dict[str, set[str]]:
    """Return unit id -> the name keys it may be written with (its name and its aliases)."""
    names: dict[str, set[str]] = {}
    aliases = units[ALIASES] if ALIASES in units.columns else pd.Series(None, index=units.index)
    for unit_id, unit_name, alias in zip(units[UNIT_ID], units[UNIT_NAME], aliases, strict=True):
        if _is_blank(unit_id):
            continue
        keys = names.setdefault(str(unit_id), set())
        keys.update(name_key(str(n)) for n in [unit_name, *_aliases(alias)] if not _is_blank(n))
    return names


def _warn_unit_names(frame: pd.DataFrame, units: pd.DataFrame | None) -> None:
    """Warn, naming both, where a row's unit name is neither the table's name nor an alias.

    Works on the distinct (unit id, name) pairs, so a roster of millions of rows costs one
    factorisation.
    """
    if units is None or UNIT_NAME not in frame.columns or UNIT_NAME not in units.columns:
        return
    names = _names_of_units(units)
    table_name = dict(zip(units[UNIT_ID].astype(str), units[UNIT_NAME].astype(str), strict=False))
    pairs = frame[[UNIT_ID, UNIT_NAME]].drop_duplicates()
    wrong = []
    for unit_id, unit_name in pairs.itertuples(index=False):
        if _is_blank(unit_id) or _is_blank(unit_name) or str(unit_id) not in names:
            continue
        written = str(unit_name)
        if {name_key(written), name_key(expand_abbreviation(written))} & names[str(unit_id)]:
            continue
        if written.isascii() and loose_key(expand_abbreviation(written)) in {
            loose_key(k) for k in names[str(unit_id)]
        }:
            continue  # typed without diacritics: the same name
        wrong.append(f'{unit_id}: "{unit_name}" ≠ "{table_name[str(unit_id)]}"')
    if wrong:
        shown = "; ".join(wrong[:MAX_NAME_PAIRS]) + (" …" if len(wrong) > MAX_NAME_PAIRS else "")
        warnings.warn(
            UNIT_NAME_WARNING.format(n=len(wrong), pairs=shown), UnitNameWarning, stacklevel=3
        )


def _alias_problems(frame: pd.DataFrame, origin: Origin) -> list[Problem]:
    """Report an alias that also names another unit (as its alias, or as that unit's name)."""
    problems: list[Problem] = []
    if ALIASES not in frame.columns:
        return problems
    named: dict[str, dict[str, Hashable]] = {}  # name key -> {unit id: index of its row}
    for idx, unit_id, unit_name in zip(frame.index, frame[UNIT_ID], frame[UNIT_NAME], strict=True):
        if not _is_blank(unit_id) and not _is_blank(unit_name):
            named.setdefault(name_key(str(unit_name)), {}).setdefault(str(unit_id), idx)
    aliased: dict[str, tuple[str, Hashable]] = {}  # alias key -> (first unit id, its row)
    for idx, unit_id, value in zip(frame.index, frame[UNIT_ID], frame[ALIASES], strict=True):
        if _is_blank(unit_id):
            continue
        unit = str(unit_id)
        for alias in _aliases(value):
            key = name_key(alias)
            others = [(u, i) for u, i in named.get(key, {}).items() if u != unit]
            if unit in named.get(key, {}):
                others = []  # the unit's own name: two units may share a name
            first = aliased.setdefault(key, (unit, idx))
            if first[0] != unit:
                others.append(first)
            if others:
                other, row = others[0]
                problems.append(
                    origin.problem(
                        idx,
                        ALIASES,
                        value,
                        f'tên gọi khác "{alias}" chỉ thuộc một đơn vị; đã dùng cho {other} ở dòng '
                        f"{origin.problem(row, None, None, '').row} "
                        f"(an alias of one unit only: it also names {other})",
                    )
                )
    return problems


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


#: Told when a roster (one row per person) is given where counts are needed.
ROSTER_NOT_COUNTS = (
    "{func}() cần bảng số lượng (counts: total, female), nhưng nhận danh sách từng người "
    "(got a roster: one row per person, columns person_id, sex). "
    "Hint: đếm trước: {func}(gs.count(roster), ...) (count it first with gs.count)."
)
#: Told when something that is not a pandas DataFrame is given where counts are needed.
NOT_A_FRAME = (
    "{func}() cần một pandas.DataFrame số lượng (counts), nhưng nhận {kind} "
    "(expected a pandas DataFrame of counts, got {kind}). "
    "Hint: với polars/pyarrow, đếm bằng gs.count(...) hoặc chuyển sang pandas trước "
    "(count with gs.count, or convert to pandas first, e.g. frame.to_pandas())."
)


#: Told when a validate_* function is given something that is not a pandas DataFrame.
NOT_A_FRAME_TO_VALIDATE = (
    "{func}() cần một pandas.DataFrame ({what}), nhưng nhận {kind} "
    "(expected a pandas DataFrame, got {kind}). Hint: đọc tệp bằng gs.read_* "
    "(read files with gs.read_counts / read_roster / read_units; convert other frames to pandas)."
)


def _require_frame(frame: object, func: str, what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        kind = f"{type(frame).__module__}.{type(frame).__qualname__}"
        raise ArgumentError(NOT_A_FRAME_TO_VALIDATE.format(func=func, what=what, kind=kind))


#: Told when a frame of another engine is given where only a pandas frame can work.
FOREIGN_ROSTER = (
    "validate_roster() kiểm tra danh sách từng người trên pandas; nhận {kind} "
    "(validate_roster checks a pandas roster; got {kind}). "
    "Hint: đếm bằng chính engine đó rồi kiểm tra số lượng: gs.validate_counts(gs.count(frame)) "
    "hoặc gs.check(frame, ...) (count it on its engine first), hoặc chuyển sang pandas "
    "(or convert it: frame.to_pandas() / frame.collect().to_pandas() / relation.df())."
)
#: Told when validate_counts is given a roster of another engine.
FOREIGN_ROSTER_COUNTS = (
    "validate_counts() cần bảng số lượng (counts: total, female), nhưng nhận danh sách từng người "
    "của {kind} (got a roster of another engine: person_id, sex). "
    "Hint: đếm trước bằng chính engine đó: gs.validate_counts(gs.count(frame)) "
    "(count it on its engine first)."
)


def _kind(frame: object) -> str:
    return f"{type(frame).__module__}.{type(frame).__qualname__}"


def collected(frame: Any) -> Any:
    """Return a frame of another engine as pandas (collected), or ``frame`` unchanged.

    For counts (one row per group) and results: a polars ``DataFrame``/``LazyFrame``, a DuckDB
    relation or a pyarrow ``Table`` (anything narwhals supports) is collected on its engine and
    converted once; text columns come back as ``str``.  A pandas frame gets its categoricals of
    texts decoded (:func:`_plain_text`).  Anything else is returned unchanged, for the caller's
    own guard to name it.

    Examples
    --------
    >>> import pyarrow as pa
    >>> collected(pa.table({"unit_id": ["A"], "total": [3]})).dtypes.astype(str).tolist()
    ['str', 'int64']
    """
    if isinstance(frame, pd.DataFrame):
        return _plain_text(frame)
    native = _narwhals(frame)
    if native is None:
        return frame
    import narwhals.stable.v2 as nw

    if isinstance(native, nw.LazyFrame):
        native = native.collect()
    out = native.to_pandas()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_object_dtype(values) and bool(
            values.map(lambda v: v is None or isinstance(v, str)).all()
        ):
            out[column] = values.astype("str")
    return _plain_text(out)


def _narwhals(frame: Any) -> Any:
    """Return the narwhals frame of a frame of another engine, or ``None``."""
    if isinstance(frame, pd.DataFrame):
        return None
    import narwhals.stable.v2 as nw

    try:
        return nw.from_native(frame)
    except TypeError:
        return None


def is_foreign_roster(frame: Any) -> bool:
    """Return whether ``frame`` is a roster of another engine (``person_id``, ``sex``, no ``total``).

    Examples
    --------
    >>> import pyarrow as pa
    >>> is_foreign_roster(pa.table({"person_id": ["1"], "sex": ["F"]}))
    True
    >>> is_foreign_roster(pa.table({"total": [1], "sex": ["F"]})), is_foreign_roster([1])
    (False, False)
    """
    native = _narwhals(frame)
    if native is None:
        return False
    names = native.collect_schema().names()
    return TOTAL not in names and PERSON_ID in names and SEX in names


def require_counts(frame: object, *, func: str = "check") -> pd.DataFrame:
    """Return ``frame`` if it is a pandas frame with the counts columns, else raise a clear error.

    A cheap guard at the top of the functions that take counts: it does not validate the values
    (see :func:`validate_counts`), it says what kind of input was given instead.

    Parameters
    ----------
    frame : object
        What the caller passed as counts.
    func : str, default ``"check"``
        The public function's name, for the message.

    Returns
    -------
    pandas.DataFrame
        ``frame`` itself (not copied).

    Raises
    ------
    ArgumentError
        When ``frame`` is not a pandas DataFrame, or is a roster (``person_id`` and ``sex``,
        no ``total``).
    DataError
        When columns of the counts are missing.

    Examples
    --------
    >>> import pandas as pd
    >>> roster = pd.DataFrame({"person_id": ["p1"], "sex": ["F"]})
    >>> try:
    ...     require_counts(roster)
    ... except ArgumentError as err:
    ...     print(str(err)[:40])
    check() cần bảng số lượng (counts: total
    """
    if not isinstance(frame, pd.DataFrame):
        kind = f"{type(frame).__module__}.{type(frame).__qualname__}"
        raise ArgumentError(NOT_A_FRAME.format(func=func, kind=kind))
    columns = set(frame.columns)
    if TOTAL not in columns and {PERSON_ID, SEX} <= columns:
        raise ArgumentError(ROSTER_NOT_COUNTS.format(func=func))
    problems = _missing_columns(frame, (TERM, UNIT_ID, BODY, TOTAL), Origin())
    if problems:
        raise DataError(problems, rows_read=len(frame))
    return frame
