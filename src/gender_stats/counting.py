"""Counting: from a roster to counts, and from counts to pooled totals.

:func:`count` is the only step that touches every person-seat; everything after it works on counts,
which are small.  :func:`rollup` pools counts over units (to a level or to the province): it adds
numerators and denominators, it never averages percentages.

Intersections
-------------
Sex-disaggregated statistics cross sex with age and ethnicity.  From a roster's ``birth_year`` (or
``birth_date``) and ``ethnicity`` the library derives:

``age``
    the age at election: the term's start year minus the birth year, or, with ``at=`` a date and a
    full ``birth_date``, the exact age on that date (:func:`age_at_election`);
``age_group``
    an age band (:data:`AGE_BANDS`): ``"forms"``, the bands of the official forms ("Từ 40 tuổi trở
    xuống", "Từ trên 40 tuổi đến 50 tuổi", "Từ trên 50 tuổi": ``40_and_under``, ``41_50``,
    ``over_50``), or ``"35-CT/TW-2019"``, the age structure of Directive 35-CT/TW (2019) ("dưới 40
    tuổi": ``under_40``, ``40_50``, ``over_50``), or bands of your own (:func:`age_group`);
``ethnic_minority``
    ``True`` for a person whose ethnicity is not the majority (Kinh by default; configurable)
    (:func:`ethnic_minority`).

:func:`derive_groups` adds these columns to a copy of a roster, for ``count(..., by=[...,
"age_group"])``; :func:`group_masks` turns names such as ``"female & under_40"`` into masks for
``count(..., numerators=...)``, and ``count`` itself accepts such names as numerator values.  All of
it is vectorised (no Python loop over rows).  A person without a birth year (or ethnicity) has no
age group: asking for a group that needs it raises :class:`~gender_stats.errors.DataError` rather
than counting that person as outside the group.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd
from narwhals.typing import IntoFrame

from gender_stats._text import loose_key
from gender_stats.errors import (
    ArgumentError,
    ArgumentTypeError,
    ColumnsError,
    DataError,
    Problem,
    require_frame,
)
from gender_stats.schema import (
    AGE_GROUP,
    BIRTH_DATE,
    BIRTH_YEAR,
    BODY,
    ETHNICITY,
    FEMALE,
    LEVEL,
    SEX,
    SHARE,
    TERM,
    TOTAL,
    UNIT_ID,
    UNIT_NAME,
    Origin,
    _plain_text,
    collected,
    is_foreign_roster,
)
from gender_stats.vocab import BODIES, LEVELS, SEXES, term_bounds

__all__ = [
    "AGE_BANDS",
    "MAJORITY",
    "MALE",
    "PANEL",
    "PANELS",
    "STAFF_BODIES",
    "age_at_election",
    "age_group",
    "count",
    "count_intersections",
    "count_under_40",
    "derive_groups",
    "ethnic_minority",
    "group_masks",
    "intersection_matrix",
    "rollup",
    "women_men_totals",
]

#: The default grouping of :func:`count`: one row per term × unit × body.
COUNT_BY: tuple[str, ...] = (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY)

Mask = pd.Series | np.ndarray | Callable[[pd.DataFrame], Any] | str

#: Derived column names.
AGE = "age"
ETHNIC_MINORITY = "ethnic_minority"

#: Standard age bands, by name: ``(label, lowest age, highest age)``, ages in whole years, both
#: ends included, ``None`` for an open end.
AGE_BANDS: Mapping[str, tuple[tuple[str, int | None, int | None], ...]] = {
    # official forms (Biểu 1A ...): "Từ 40 tuổi trở xuống", "Từ trên 40 tuổi đến 50 tuổi",
    # "Từ trên 50 tuổi"
    "forms": (("40_and_under", None, 40), ("41_50", 41, 50), ("over_50", 51, None)),
    # Directive 35-CT/TW (2019): "dưới 40 tuổi" at least 10 %, 40-50 about 40-50 %, the rest over 50
    "35-CT/TW-2019": (("under_40", None, 39), ("40_50", 40, 50), ("over_50", 51, None)),
}
#: The majority ethnicity: everyone else is an ethnic minority (dân tộc thiểu số).
MAJORITY: tuple[str, ...] = ("Kinh",)

_ROW_LIMIT = 20  # problems listed per missing-value error


def count(
    roster: pd.DataFrame | IntoFrame,
    *,
    by: Sequence[str] = COUNT_BY,
    numerators: Mapping[str, Mask] | None = None,
) -> pd.DataFrame:
    """Count members and women per group of a roster.

    Parameters
    ----------
    roster : pandas.DataFrame or a frame of another engine
        A roster (see :mod:`gender_stats.schema`): one row per person per seat.  Text columns may be
        ``str``, ``object`` or categorical (fastest: the rows are counted on the category codes).
        A frame of another engine that narwhals supports (a polars ``DataFrame`` or ``LazyFrame``,
        a DuckDB relation, a pyarrow table, ...) is counted by that engine; the result is the same
        pandas frame.
    by : sequence of str, default ``("term", "unit_id", "unit_name", "level", "body")``
        The grouping columns.  Add a column (``"ethnicity"``, ``"kind"``) to disaggregate further.
    numerators : mapping of str to mask, optional
        Other groups to count beside women, e.g. ``{"under_40": roster["birth_year"] > 1975}``.
        A mask is a boolean Series aligned with ``roster``, a boolean array, a function that takes
        the roster and returns one, or the name of derived groups joined by ``&`` (``"under_40"``,
        ``"female & ethnic_minority"``; see :func:`group_masks`: ages at the term start, the
        standard bands, Kinh as the majority).  Each becomes an integer column of the result.  For a frame of
        another engine, a mask is a narwhals expression, e.g. ``nw.col("birth_year") > 1975``.

    Returns
    -------
    pandas.DataFrame
        One row per group that has at least one person: the ``by`` columns, ``total`` (persons) and
        ``female`` (persons with ``sex == "F"``), then one column per numerator; sorted by ``by``.

    Raises
    ------
    DataError
        If a ``sex`` is not ``F`` or ``M`` (blank, ``"Nữ"``, ``"f"``: :func:`~gender_stats.read_roster` and
        :func:`~gender_stats.validate_roster` read a file's spellings); the rows are named, for
        a frame of another engine the values.  A person listed twice in one body is counted
        twice (``total`` is the number of rows): :func:`~gender_stats.validate_roster` refuses it.

    Notes
    -----
    ``total`` is the number of roster rows in the group and ``female`` the number of them with sex
    ``F``, so ``counts["total"].sum() == len(roster)`` always holds.  Missing values of a ``by``
    column form their own group, sorted last.  Grouping columns come back as plain values
    (categorical columns as their categories' dtype, usually ``str``).

    The pandas path never compares strings row by row: each ``by`` column becomes integer ranks
    (from the category codes, or from :func:`pandas.factorize`), the ranks are combined into one
    integer key per row (a column fixed by the ones before it, such as the unit's name given its id,
    is detected and skipped), and the counts are :func:`numpy.bincount` of that key.

    Examples
    --------
    >>> import pandas as pd
    >>> roster = pd.DataFrame({
    ...     "term": ["2015-2020"] * 4, "unit_id": ["A", "A", "A", "B"],
    ...     "unit_name": ["Huyện A", "Huyện A", "Huyện A", "Huyện B"], "level": ["district"] * 4,
    ...     "body": ["party_committee"] * 4, "person_id": ["1", "2", "3", "4"],
    ...     "sex": ["F", "M", "M", "F"], "birth_year": [1980, 1960, 1990, 1970]})
    >>> count(roster)[["unit_id", "total", "female"]]
      unit_id  total  female
    0       A      3       1
    1       B      1       1
    >>> count(roster, numerators={"under_40": roster["birth_year"] > 1975})["under_40"].tolist()
    [2, 0]
    >>> count(roster.astype({"unit_id": "category", "sex": "category"}))["female"].tolist()
    [1, 1]

    Derived groups by name (ages at the start of the term, 2015):

    >>> count(roster, numerators={"women_under_40": "female & under_40"})["women_under_40"].tolist()
    [1, 0]
    """
    if not isinstance(roster, pd.DataFrame):
        return _count_lazy(roster, by=list(by), numerators=numerators)
    by = list(by)
    missing = [c for c in (*by, SEX) if c not in roster.columns]
    if missing:
        raise ColumnsError(
            f"count() needs the roster columns {missing}; got {list(roster.columns)}"
        )
    n_rows = len(roster)
    _require_counted_roster(roster)
    masks = {FEMALE: _is_female(roster[SEX])}
    named = {name: m for name, m in (numerators or {}).items() if isinstance(m, str)}
    derived = group_masks(roster, named) if named else {}
    for name, mask in (numerators or {}).items():
        if isinstance(mask, str):
            masks[name] = derived[name]
            continue
        values = mask(roster) if callable(mask) else mask
        masks[name] = np.asarray(values, dtype=bool).reshape(-1)
        if len(masks[name]) != n_rows:
            raise ValueError(
                f"the numerator {name!r} has {len(masks[name])} values; the roster has {n_rows} rows"
            )
    parts = [_codes(roster[c]) for c in by]
    key, n_keys, steps = _group_key(parts, n_rows)
    totals = np.bincount(key, minlength=n_keys)
    groups = np.flatnonzero(totals)
    if steps is not None:  # read each group's codes off its key
        group_codes = _decode(steps, groups)
    else:  # the key was compacted: read them at one row of each group
        row_of = np.empty(n_keys, dtype=np.int64)
        row_of[key] = np.arange(n_rows, dtype=np.int64)
        rows = row_of[groups]
        group_codes = [codes[rows] for codes, _ in parts]
    out: dict[str, Any] = {
        c: _values_at(values, codes, name=c)
        for c, (_, values), codes in zip(by, parts, group_codes, strict=True)
    }
    out[TOTAL] = totals[groups].astype(np.int64)
    for name, mask in masks.items():
        out[name] = np.bincount(key[mask], minlength=n_keys)[groups].astype(np.int64)
    frame = pd.DataFrame(out)
    if not by:
        return frame
    # sort the groups (few) by the values of the by columns, missing values last
    ranks = [
        _sort_ranks(values, codes) for (_, values), codes in zip(parts, group_codes, strict=True)
    ]
    return frame.take(np.lexsort(ranks[::-1])).reset_index(drop=True)


def count_under_40(roster: pd.DataFrame, *, by: Sequence[str] = COUNT_BY) -> pd.DataFrame:
    """Count a roster with its members under 40, where every birth of the body is known.

    :func:`count` with an ``under_40`` column: the members younger than 40 at the start of the
    term (:func:`age_at_election`), whom 35-CT/TW (2019) counts.  A group with a member whose
    birth is unknown gets ``<NA>`` (no verdict on it), never a count that takes the unknown for
    40 or over.  A roster with no birth at all (no ``birth_year`` or ``birth_date``, or all
    blank) is counted without the column.  ``gender-stats --roster`` counts a list this way.

    Parameters
    ----------
    roster : pandas.DataFrame
        A roster (see :func:`count`).
    by : sequence of str, default ``("term", "unit_id", "unit_name", "level", "body")``
        The grouping columns, as for :func:`count`.

    Returns
    -------
    pandas.DataFrame
        :func:`count`'s frame, with ``under_40`` (``Int64``) when the roster gives births.

    Examples
    --------
    >>> import pandas as pd
    >>> roster = pd.DataFrame({
    ...     "term": ["2020-2025"] * 5, "unit_id": ["A", "A", "A", "B", "B"],
    ...     "unit_name": ["A", "A", "A", "B", "B"], "level": ["district"] * 5,
    ...     "body": ["party_committee"] * 5, "person_id": ["1", "2", "3", "4", "5"],
    ...     "sex": ["F", "M", "M", "F", "M"],
    ...     "birth_year": pd.array([1985, 1960, 1990, 1970, None], dtype="Int64")})
    >>> count_under_40(roster)[["unit_id", "total", "female", "under_40"]]
      unit_id  total  female  under_40
    0       A      3        1         2
    1       B      2        1      <NA>
    """
    require_frame(roster, (), "count_under_40", _ROSTER_HINT)
    births = [c for c in (BIRTH_YEAR, BIRTH_DATE) if c in roster.columns]
    if not births or not any(bool(roster[c].notna().any()) for c in births):
        return count(roster, by=by)
    age = age_at_election(roster)
    known = age.notna().to_numpy(dtype=bool)
    young = (age < 40).fillna(False).to_numpy(dtype=bool)
    counts = count(roster, by=by, numerators={UNDER_40: young, "_births_known": known})
    complete = counts["_births_known"] == counts[TOTAL]
    counts[UNDER_40] = counts[UNDER_40].astype("Int64").where(complete)  # else <NA>
    return counts.drop(columns="_births_known")


#: The numerator of members under 40 at the term's start (35-CT/TW, 2019).
UNDER_40 = "under_40"


def counts_frame(frame: Any) -> Any:
    """Return what a function taking counts works on: pandas counts with ``str`` text columns.

    The entry of :func:`~gender_stats.check`, :func:`~gender_stats.shares` and
    :func:`~gender_stats.pooled_share`.  A pandas frame gets its categoricals of texts decoded
    (counts have one row per group).  A frame of another engine that narwhals supports (polars
    ``DataFrame``/``LazyFrame``, a DuckDB relation, a pyarrow ``Table`` ...) is computed on its
    engine: a roster (``person_id`` and ``sex``, no ``total``) is counted there (:func:`count`),
    counts are collected as they are; only the result rows come to pandas.  Anything else is
    returned unchanged, for the caller's own guard to name it.

    Examples
    --------
    >>> import polars as pl
    >>> roster = pl.DataFrame({
    ...     "term": ["2015-2020"] * 3, "unit_id": ["A"] * 3, "unit_name": ["Xã A"] * 3,
    ...     "level": ["commune"] * 3, "body": ["party_committee"] * 3,
    ...     "person_id": ["1", "2", "3"], "sex": ["F", "M", "M"]})
    >>> counts_frame(roster.lazy())[["unit_id", "total", "female"]]
      unit_id  total  female
    0       A      3       1
    """
    if is_foreign_roster(frame):
        return count(frame)
    return collected(frame)


#: A ``sex`` cell :func:`count` cannot count (validate_roster reads ``Nữ``, ``nam``, ``x``...).
SEX_TO_COUNT = (
    'giới tính "F" hoặc "M" (sex "F" or "M", as validate_roster writes it; "Nữ", "Nam" and the '
    "other spellings of a file are read by gs.read_roster or gs.validate_roster)"
)

#: How many cells a problem of :func:`count` names at most (all are counted in the message).
_NAMED_AT_MOST = 20


def _require_counted_roster(roster: pd.DataFrame) -> None:
    """Refuse a roster whose rows :func:`count` would count wrongly, naming the rows.

    Every ``sex`` must be ``F`` or ``M`` (a ``"Nữ"``, a blank counted as a man is a wrong
    count).  On the categories the rows use when ``sex`` is categorical (as the readers give
    it), so the check costs nothing on a national roster.  A person listed twice is
    :func:`~gender_stats.validate_roster`'s to find (once, with the codes it builds anyway):
    ``count`` counts rows.
    """
    sex = roster[SEX]
    if isinstance(sex.dtype, pd.CategoricalDtype):  # on the categories the rows use
        codes = sex.cat.codes.to_numpy()
        if len(codes) and all(c in SEXES for c in sex.cat.categories):
            clean = int(codes.min()) >= 0  # only a missing value can be wrong: one pass
        else:  # which categories the rows use (a bincount, not a sort)
            used = np.flatnonzero(np.bincount(codes.astype(np.intp) + 1)) - 1
            clean = all(
                code >= 0 and sex.cat.categories[int(code)] in SEXES for code in used.tolist()
            )
        wrong = None if clean else ~np.asarray(sex.isin(list(SEXES)), dtype=bool)
    else:
        wrong = ~np.asarray(sex.isin(list(SEXES)), dtype=bool)
        wrong = wrong if wrong.any() else None
    if wrong is None:
        return
    problems: list[Problem] = []
    for position in np.flatnonzero(wrong)[:_NAMED_AT_MOST]:
        value = sex.iloc[position]
        value = None if pd.isna(value) else value
        problems.append(Origin().problem(roster.index[position], SEX, value, SEX_TO_COUNT))
    raise DataError(
        problems, source="roster", rows_read=len(roster), rows_reported=int(np.sum(wrong))
    )


def _is_female(sex: pd.Series) -> np.ndarray:
    """Return ``sex == "F"`` as a boolean array, on the codes when ``sex`` is categorical."""
    if isinstance(sex.dtype, pd.CategoricalDtype):
        categories = sex.cat.categories
        hits = np.flatnonzero(np.asarray(categories == "F", dtype=bool))
        codes = sex.cat.codes.to_numpy()
        return np.isin(codes, hits) if len(hits) != 1 else codes == hits[0]
    return np.asarray(sex == "F", dtype=bool)


def _codes(series: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Return integer codes of ``series`` (``-1`` for missing) and the values they stand for.

    A categorical gives its codes as they are (no pass over the rows); other columns are factorized.
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(), series.cat.categories
    codes, uniques = pd.factorize(series)
    return codes, pd.Index(uniques)


def _sort_ranks(values: pd.Index, codes: np.ndarray) -> np.ndarray:
    """Return the rank of each code's value among ``values`` sorted (missing, code -1, last)."""
    try:
        order = values.argsort()
    except TypeError:  # values of mixed types: keep their order
        order = np.arange(len(values))
    rank_of = np.empty(len(values) + 1, dtype=np.int64)
    rank_of[order] = np.arange(len(values), dtype=np.int64)
    rank_of[-1] = len(values)  # code -1 (missing) reads the last slot
    return rank_of[codes]


#: How one ``by`` column entered the key: ("radix", width, shift), ("fixed", codes by prefix key)
#: or ("constant", code).
Step = tuple[str, Any, int]


def _group_key(
    parts: Sequence[tuple[np.ndarray, pd.Index]], n_rows: int
) -> tuple[np.ndarray, int, list[Step] | None]:
    """Return one integer per row that identifies its group, the number of keys and how to decode.

    The key combines the columns' codes in mixed radix (with a slot for missing values only when
    there are some).  A column whose value is fixed by the columns before it (the unit's name and
    level given its id) does not enlarge the key: that is checked on the codes in one pass, and its
    code per prefix is kept for decoding.  When the key space grows past a few times the number of
    rows it is compacted to the keys that occur; then the steps are ``None`` (no decoding).
    """
    key = np.zeros(n_rows, dtype=np.int64)
    n_keys = 1
    if n_rows == 0:
        return key, n_keys, None
    steps: list[Step] | None = []
    limit = 4 * n_rows + 1024
    shifts = [int(codes.min() < 0) for codes, _ in parts]
    # 32-bit keys when every combination fits: half the memory of a 10⁷-row key
    widths = [len(values) + shift for (_, values), shift in zip(parts, shifts, strict=True)]
    key_type = np.int32 if math.prod(widths) < 2**31 else np.int64
    for (codes, values), shift in zip(parts, shifts, strict=True):
        width = len(values) + shift
        if width <= 1:
            if steps is not None:
                steps.append(("constant", -shift, 0))
            continue
        if n_keys > 1:
            fixed = np.full(n_keys, -2, dtype=np.result_type(codes.dtype, np.int8))
            fixed[key] = codes
            if np.array_equal(fixed[key], codes):
                if steps is not None:
                    steps.append(("fixed", fixed, 0))
                continue
        if n_keys == 1:
            key = codes.astype(key_type)
        else:
            key *= width
            key += codes
        if shift:
            key += 1
        n_keys *= width
        if steps is not None:
            steps.append(("radix", width, shift))
        if n_keys > limit:
            steps = None
            if n_keys <= 64 * limit:
                present = np.bincount(key, minlength=n_keys) > 0
                key = (np.cumsum(present) - 1)[key]
                n_keys = int(present.sum())
            else:
                uniques, inverse = np.unique(key, return_inverse=True)
                key = inverse.astype(np.int64).reshape(-1)
                n_keys = len(uniques)
    return key, n_keys, steps


def _decode(steps: list[Step], keys: np.ndarray) -> list[np.ndarray]:
    """Return, for each ``by`` column, the code of each key (the inverse of :func:`_group_key`)."""
    out: list[np.ndarray] = []
    stride = 1
    for kind, value, shift in reversed(steps):
        if kind == "radix":
            out.append((keys // stride) % value - shift)
            stride *= value
        elif kind == "fixed":
            out.append(value[keys // stride])
        else:
            out.append(np.full(len(keys), value, dtype=np.int64))
    return out[::-1]


def _values_at(values: pd.Index, codes: np.ndarray, *, name: str) -> pd.Series:
    """Return the values of ``codes`` (``-1`` for missing) as a Series."""
    if len(values) == 0:  # every value missing
        return pd.Series(np.nan, index=range(len(codes)), dtype=values.dtype, name=name)
    out = pd.Series(values.take(np.where(codes < 0, 0, codes)), name=name)
    missing = codes < 0
    return out.where(~missing) if missing.any() else out


def _count_lazy(
    roster: Any, *, by: list[str], numerators: Mapping[str, Any] | None
) -> pd.DataFrame:
    """Count a frame of another engine (polars, DuckDB, ...) through narwhals; return pandas counts."""
    try:
        frame = nw.from_native(roster)
    except TypeError as err:
        raise ArgumentTypeError(
            "count() takes a pandas DataFrame or a frame that narwhals supports (polars, DuckDB, "
            f"pyarrow, ...); got {type(roster).__name__}"
        ) from err
    names = frame.collect_schema().names()
    missing = [c for c in (*by, SEX) if c not in names]
    if missing:
        raise ColumnsError(f"count() needs the roster columns {missing}; got {names}")
    # the flags first, then elementary aggregations (which every engine, pyarrow too, can group)
    flags = {FEMALE: nw.col(SEX) == "F"}
    for name, mask in (numerators or {}).items():
        if not isinstance(mask, nw.Expr):
            raise TypeError(
                f"on a {type(roster).__name__}, the numerator {name!r} must be a narwhals "
                'expression such as nw.col("birth_year") > 1975; got ' + type(mask).__name__
            )
        flags[name] = mask
    sex = nw.col(SEX)
    flags[_OTHER_SEX] = ~sex.is_in(list(SEXES)) | sex.is_null()  # counted in the same pass
    temp = {name: f"__gender_stats_{i}__" for i, name in enumerate(flags)}
    frame = frame.with_columns(
        *(expr.cast(nw.Int64).alias(temp[name]) for name, expr in flags.items())
    )
    grouped = frame.group_by(*by, drop_null_keys=False).agg(
        nw.len().alias(TOTAL), *(nw.col(temp[name]).sum().alias(name) for name in flags)
    )
    if isinstance(grouped, nw.LazyFrame):
        grouped = grouped.collect()
    out = grouped.to_pandas()
    other = int(out.pop(_OTHER_SEX).fillna(0).sum())
    if other:
        _refuse_other_sexes(frame, other, int(out[TOTAL].sum()))
    for column in by:
        if pd.api.types.is_object_dtype(out[column]) or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].astype("str")
    for column in (TOTAL, FEMALE, *(numerators or {})):
        out[column] = out[column].fillna(0).astype(np.int64)
    if by:
        out = out.sort_values(by, na_position="last", kind="stable")
    return out.reset_index(drop=True)


#: The column of a lazy count that counts the rows whose sex is not ``F`` or ``M``.
_OTHER_SEX = "__gender_stats_other_sex__"


def _refuse_other_sexes(frame: Any, n_rows: int, n_read: int) -> None:
    """Raise the DataError of a frame of another engine with sexes :func:`count` cannot count."""
    sex = nw.col(SEX)
    values = frame.filter(~sex.is_in(list(SEXES)) | sex.is_null()).select(SEX).unique().head(5)
    if isinstance(values, nw.LazyFrame):
        values = values.collect()
    seen = sorted(
        (None if pd.isna(v) else v for v in values.to_pandas()[SEX].tolist()),
        key=lambda v: (v is None, str(v)),
    )
    problems = [Problem(expected=SEX_TO_COUNT, value=v, column=SEX) for v in seen]
    raise DataError(problems, source="roster", rows_read=n_read, rows_reported=n_rows)


# ---------------------------------------------------------------------------------------------
# Intersections: age at election, age bands, ethnic minority


def _term_starts(roster: pd.DataFrame) -> np.ndarray:
    """Return the start year of each row's term (vectorised: one parse per distinct term)."""
    if TERM not in roster.columns:
        raise ArgumentError(
            "Cần cột nhiệm kỳ (the roster needs a 'term' column) to compute ages at election. "
            "Hint: or pass at= a year or a date."
        )
    codes, uniques = pd.factorize(roster[TERM])
    try:
        starts = np.array([term_bounds(str(t))[0] for t in uniques], dtype=np.int64)
    except ValueError as err:
        raise ArgumentError(
            f"Nhiệm kỳ không hợp lệ (a term like 2015-2020 expected), got {list(uniques)[:5]}. "
            "Hint: validate the roster with gender_stats.validate_roster first."
        ) from err
    if (codes < 0).any():
        raise ArgumentError(
            "Thiếu nhiệm kỳ ở một số dòng (some rows have no term). Hint: pass at= a year or a date."
        )
    return starts[codes] if len(starts) else np.zeros(0, dtype=np.int64)


def _reference(roster: pd.DataFrame, at: Any) -> tuple[np.ndarray, np.ndarray | None]:
    """Return each row's reference year and, when a date was given, its month·100 + day."""
    n = len(roster)
    if at is None:
        return _term_starts(roster), None
    if isinstance(at, Mapping):
        codes, uniques = pd.factorize(roster[TERM]) if TERM in roster.columns else (None, None)
        if codes is None or uniques is None:
            raise ArgumentError("at= by term needs a 'term' column in the roster.")
        missing = [t for t in uniques if t not in at]
        if missing:
            raise ArgumentError(
                f"Thiếu ngày bầu cử cho nhiệm kỳ (at= has no date for the terms {missing}). "
                f"Got at for {list(at)}."
            )
        refs = [_one_reference(at[t]) for t in uniques]
        years = np.array([r[0] for r in refs], dtype=np.int64)[codes]
        if all(r[1] is None for r in refs):
            return years, None
        # a year without a day: 1232 is after every birthday, so no one is made a year younger
        days = np.array([r[1] if r[1] is not None else 1232 for r in refs], dtype=np.int64)
        return years, days[codes]
    year, day = _one_reference(at)
    return np.full(n, year, dtype=np.int64), (None if day is None else np.full(n, day, np.int64))


def _one_reference(value: Any) -> tuple[int, int | None]:
    if isinstance(value, bool):
        raise ArgumentError(
            f"at= must be a year such as 2020 or a date such as '2020-10-15', got {value!r}"
        )
    if isinstance(value, int | np.integer):
        return int(value), None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise ArgumentError(
            f"Ngày không hợp lệ (at= must be a year such as 2020 or a date such as "
            f"'2020-10-15'), got {value!r}"
        ) from err
    if isinstance(value, datetime.date | pd.Timestamp | str):
        return int(stamp.year), int(stamp.month) * 100 + int(stamp.day)
    raise ArgumentError(f"at= must be a year or a date, got {value!r}")  # pragma: no cover


_ROSTER_HINT = "pass a roster (gs.read_roster)"


def age_at_election(roster: pd.DataFrame, *, at: Any = None) -> pd.Series:
    """Return each person's age at election, in whole years.

    Parameters
    ----------
    roster : pandas.DataFrame
        A roster with ``birth_year`` or ``birth_date`` (and ``term`` unless ``at`` is given).
    at : int, date, str or mapping, optional
        When the age is taken: by default the start year of each row's term; a year (``2020``); a
        date (``"2020-10-15"``, the congress or election day); or a mapping from term to a year or a
        date.

    Returns
    -------
    pandas.Series
        ``Int64`` ages named ``age``, aligned with ``roster``; missing where the birth is unknown.

    Raises
    ------
    ArgumentError
        Without a birth column, or for a bad ``at``.

    Notes
    -----
    With a year (or the term start) the age is ``year − birth_year``: a person born in 1980 is 35
    at a 2015 congress whatever the day.  With a date and a full ``birth_date`` the age is exact
    (one less before the birthday); rows with only a birth year use ``year − birth_year``.

    Examples
    --------
    >>> import pandas as pd
    >>> roster = pd.DataFrame({"term": ["2020-2025"] * 3, "birth_year": [1981, 1980, None],
    ...     "birth_date": pd.to_datetime(["1981-12-01", None, None])})
    >>> age_at_election(roster).tolist()
    [39, 40, <NA>]
    >>> age_at_election(roster, at="2020-10-15").tolist()
    [38, 40, <NA>]
    """
    require_frame(
        roster,
        (),
        "age_at_election",
        _ROSTER_HINT,
    )
    has_year, has_date = BIRTH_YEAR in roster.columns, BIRTH_DATE in roster.columns
    if not (has_year or has_date):
        raise ArgumentError(
            "Cần năm sinh (the roster needs 'birth_year' or 'birth_date') to compute ages. Got "
            f"columns {list(roster.columns)}."
        )
    n = len(roster)
    if has_year:
        column = roster[BIRTH_YEAR]
        if not pd.api.types.is_numeric_dtype(column):
            column = pd.to_numeric(column, errors="coerce")
        birth = column.astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    else:
        birth = np.full(n, np.nan)
    dates = pd.to_datetime(roster[BIRTH_DATE], errors="coerce") if has_date else None
    if dates is not None:
        from_date = dates.dt.year.to_numpy(dtype="float64", na_value=np.nan)
        birth = np.where(np.isnan(birth), from_date, birth)
    years, md = _reference(roster, at)
    age = years - birth
    if md is not None and dates is not None:
        born_md = (dates.dt.month * 100 + dates.dt.day).to_numpy(dtype="float64", na_value=np.nan)
        before = ~np.isnan(born_md) & (md < np.nan_to_num(born_md, nan=0))
        age = age - before
    out = pd.Series(age, index=roster.index, name=AGE).round().astype("Int64")
    return out


def _bands(bands: Any) -> tuple[tuple[str, int | None, int | None], ...]:
    if isinstance(bands, str):
        if bands not in AGE_BANDS:
            raise ArgumentError(
                f"Got bands={bands!r}. Must be one of {list(AGE_BANDS)} or a sequence of "
                "(label, lowest age, highest age)."
            )
        return AGE_BANDS[bands]
    out = tuple((str(b[0]), b[1], b[2]) for b in bands)
    previous = None
    for label, low, high in out:
        if low is not None and high is not None and low > high:
            raise ArgumentError(f"Dải tuổi rỗng (empty age band {label!r}: {low} > {high}).")
        if previous is not None and (previous is None or low is None or low <= previous):
            raise ArgumentError(
                f"Dải tuổi chồng nhau (age bands must be in order and not overlap), got {out}."
            )
        previous = high if high is not None else 10**9
    return out


def age_group(roster: pd.DataFrame, *, bands: Any = "forms", at: Any = None) -> pd.Series:
    """Return each person's age band at election.

    Parameters
    ----------
    roster : pandas.DataFrame
        A roster with ``birth_year`` or ``birth_date``.
    bands : str or sequence, default "forms"
        A name of :data:`AGE_BANDS` (``"forms"``: ``40_and_under``, ``41_50``, ``over_50``;
        ``"35-CT/TW-2019"``: ``under_40``, ``40_50``, ``over_50``) or a sequence of
        ``(label, lowest age, highest age)`` (both included, ``None`` open), in order.
    at : optional
        As for :func:`age_at_election`.

    Returns
    -------
    pandas.Series
        A categorical named ``age_group`` (categories in band order); missing where the age is
        unknown or in no band.

    Examples
    --------
    >>> import pandas as pd
    >>> roster = pd.DataFrame({"term": ["2020-2025"] * 4, "birth_year": [1981, 1980, 1970, 1969]})
    >>> age_group(roster).tolist()
    ['40_and_under', '40_and_under', '41_50', 'over_50']
    >>> age_group(roster, bands="35-CT/TW-2019").tolist()
    ['under_40', '40_50', '40_50', 'over_50']
    """
    require_frame(
        roster,
        (),
        "age_group",
        _ROSTER_HINT,
    )
    spec = _bands(bands)
    age = age_at_election(roster, at=at).to_numpy(dtype="float64", na_value=np.nan)
    codes = np.full(len(age), -1, dtype=np.int64)
    for i, (_, low, high) in enumerate(spec):
        hit = ~np.isnan(age)
        if low is not None:
            hit &= age >= low
        if high is not None:
            hit &= age <= high
        codes[hit & (codes < 0)] = i
    labels = [b[0] for b in spec]
    cat = pd.Categorical.from_codes(codes, categories=pd.Index(labels, dtype="str"))
    return pd.Series(cat, index=roster.index, name=AGE_GROUP)


def _ethnic_key(value: str) -> str:
    key = loose_key(value)
    return key.removeprefix("dan toc ").strip()


def ethnic_minority(roster: pd.DataFrame, *, majority: Sequence[str] = MAJORITY) -> pd.Series:
    """Return whether each person belongs to an ethnic minority (not the majority).

    Parameters
    ----------
    roster : pandas.DataFrame
        A roster with ``ethnicity``.
    majority : sequence of str, default ``("Kinh",)``
        The majority ethnicities; spellings compare without case, diacritics or a leading
        "Dân tộc" (``"kinh"``, ``"Dân tộc Kinh"``).

    Returns
    -------
    pandas.Series
        ``boolean`` named ``ethnic_minority``; missing where the ethnicity is missing or blank.

    Examples
    --------
    >>> import pandas as pd
    >>> roster = pd.DataFrame({"ethnicity": ["Kinh", "Mường", "dân tộc kinh", None, "Thái"]})
    >>> ethnic_minority(roster).tolist()
    [False, True, False, <NA>, True]
    """
    require_frame(
        roster,
        (),
        "ethnic_minority",
        _ROSTER_HINT,
    )
    if ETHNICITY not in roster.columns:
        raise ArgumentError(
            f"Cần cột dân tộc (the roster needs an 'ethnicity' column). Got {list(roster.columns)}."
        )
    if isinstance(majority, str):
        majority = (majority,)
    keys = {_ethnic_key(m) for m in majority}
    codes, uniques = _codes(roster[ETHNICITY])
    known = np.array([isinstance(u, str) and bool(u.strip()) for u in uniques] + [False])
    minority = np.array(
        [bool(k) and _ethnic_key(u) not in keys for u, k in zip(uniques, known, strict=False)]
        + [False]
    )
    values = pd.arrays.BooleanArray(minority[codes], ~known[codes])
    return pd.Series(values, index=roster.index, name=ETHNIC_MINORITY)


def derive_groups(
    roster: pd.DataFrame,
    *,
    bands: Any = "forms",
    at: Any = None,
    majority: Sequence[str] = MAJORITY,
) -> pd.DataFrame:
    """Return a copy of ``roster`` with ``age``, ``age_group`` and ``ethnic_minority`` columns.

    The age columns are added when the roster has ``birth_year`` or ``birth_date``, the ethnicity
    column when it has ``ethnicity``.  Use them as ``by`` columns of :func:`count`.

    Parameters
    ----------
    roster : pandas.DataFrame
        A roster.
    bands, at : optional
        As for :func:`age_group`.
    majority : sequence of str, default ``("Kinh",)``
        As for :func:`ethnic_minority`.

    Returns
    -------
    pandas.DataFrame
        A new frame; ``roster`` is not changed.

    Raises
    ------
    ArgumentError
        When the roster has neither a birth column nor ``ethnicity``.

    Examples
    --------
    >>> import pandas as pd
    >>> roster = pd.DataFrame({
    ...     "term": ["2020-2025"] * 4, "unit_id": "A", "unit_name": "A", "level": "district",
    ...     "body": "party_committee", "person_id": ["1", "2", "3", "4"],
    ...     "sex": ["F", "F", "M", "M"], "birth_year": [1985, 1960, 1982, 1975],
    ...     "ethnicity": ["Mường", "Kinh", "Kinh", "Thái"]})
    >>> groups = derive_groups(roster)
    >>> count(groups, by=["age_group"])[["age_group", "total", "female"]]
          age_group  total  female
    0  40_and_under      2       1
    1         41_50      1       0
    2       over_50      1       1
    """
    require_frame(
        roster,
        (),
        "derive_groups",
        _ROSTER_HINT,
    )
    out = roster.copy()
    added = False
    if BIRTH_YEAR in roster.columns or BIRTH_DATE in roster.columns:
        out[AGE] = age_at_election(roster, at=at)
        out[AGE_GROUP] = age_group(roster, bands=bands, at=at)
        added = True
    if ETHNICITY in roster.columns:
        out[ETHNIC_MINORITY] = ethnic_minority(roster, majority=majority)
        added = True
    if not added:
        raise ArgumentError(
            "Không có cột để suy ra nhóm (the roster has no birth_year, birth_date or ethnicity "
            f"column). Got {list(roster.columns)}."
        )
    return out


def _band_lookup(bands: Any) -> dict[str, tuple[Any, str]]:
    """Return atom label -> (bands spec, set name) for every band label that can be asked for."""
    table: dict[str, tuple[Any, str]] = {}
    if bands is not None:
        for label, *_ in _bands(bands):
            table[label] = (bands, label)
        return table
    for name, spec in AGE_BANDS.items():
        for label, *_ in spec:
            table.setdefault(label, (name, label))
    return table


def group_masks(
    roster: pd.DataFrame,
    names: Mapping[str, str] | Sequence[str],
    *,
    bands: Any = None,
    at: Any = None,
    majority: Sequence[str] = MAJORITY,
) -> dict[str, np.ndarray]:
    """Return boolean masks of derived groups, for ``count(..., numerators=...)``.

    Parameters
    ----------
    roster : pandas.DataFrame
        A roster.
    names : mapping or sequence of str
        Output name -> expression, or expressions (then the name is the expression with ``" & "``
        read as ``"_"``).  An expression is atoms joined by ``&``: ``female``, ``male``,
        ``ethnic_minority``, ``kinh`` (the majority) and the band labels (``under_40``,
        ``40_and_under``, ``40_50``, ``41_50``, ``over_50`` or those of ``bands``).
    bands : str or sequence, optional
        Bands whose labels can be asked for; by default every band of :data:`AGE_BANDS`.
    at : optional
        As for :func:`age_at_election` (default: the term start).
    majority : sequence of str, default ``("Kinh",)``
        As for :func:`ethnic_minority`.

    Returns
    -------
    dict of str to numpy.ndarray
        One boolean array per name, aligned with ``roster``.

    Raises
    ------
    ArgumentError
        For an unknown atom.
    DataError
        When a person cannot be placed (no birth year or ethnicity, and the other atoms do not
        already exclude them): nobody is silently counted outside a group.

    Examples
    --------
    >>> import pandas as pd
    >>> roster = pd.DataFrame({"term": ["2020-2025"] * 3, "sex": ["F", "F", "M"],
    ...     "birth_year": [1985, 1960, 1982], "ethnicity": ["Mường", "Kinh", "Thái"]})
    >>> masks = group_masks(roster, ["female & under_40", "ethnic_minority"])
    >>> {k: v.tolist() for k, v in masks.items()}
    {'female_under_40': [True, False, False], 'ethnic_minority': [True, False, True]}
    """
    require_frame(
        roster,
        (),
        "group_masks",
        _ROSTER_HINT,
    )
    pairs = (
        list(names.items())
        if isinstance(names, Mapping)
        else [("_".join(a.strip() for a in n.split("&")), n) for n in names]
    )
    lookup = _band_lookup(bands)
    cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    ages: list[np.ndarray] = []  # the ages, computed once

    def age() -> np.ndarray:
        if not ages:
            ages.append(age_at_election(roster, at=at).to_numpy(dtype="float64", na_value=np.nan))
        return ages[0]

    def atom(word: str) -> tuple[np.ndarray, np.ndarray]:
        """Return (value, known) of one atom as boolean arrays."""
        if word in cache:
            return cache[word]
        if word in ("female", "male"):
            is_female = _is_female(roster[SEX])
            known = ~np.asarray(roster[SEX].isna(), dtype=bool)
            if word == "female":
                value = is_female
            else:
                value = _is_female(roster[SEX].map({"M": "F"}).astype(object))
        elif word in ("ethnic_minority", "kinh"):
            flags = ethnic_minority(roster, majority=majority)
            known = flags.notna().to_numpy(dtype=bool)
            minority = flags.to_numpy(dtype=bool, na_value=False)
            value = minority if word == "ethnic_minority" else ~minority & known
        elif word in lookup:
            spec, label = lookup[word]
            low, high = next((lo, hi) for name, lo, hi in _bands(spec) if name == label)
            years = age()
            known = ~np.isnan(years)
            value = known.copy()
            if low is not None:
                value &= years >= low
            if high is not None:
                value &= years <= high
        else:
            known_atoms = ["female", "male", "ethnic_minority", "kinh", *lookup]
            raise ArgumentError(
                f"Nhóm không rõ (unknown group {word!r}). Must be one of {known_atoms}, joined by "
                "'&'."
            )
        cache[word] = (value, known)
        return cache[word]

    out: dict[str, np.ndarray] = {}
    for name, expression in pairs:
        words = [w.strip() for w in str(expression).split("&")]
        if not all(words):
            raise ArgumentError(f"Biểu thức nhóm rỗng (empty group in {expression!r}).")
        value, known = atom(words[0])
        for word in words[1:]:
            other, other_known = atom(word)
            # Kleene logic: a known False decides the conjunction even when the other is unknown
            known = (known & other_known) | (known & ~value) | (other_known & ~other)
            value = value & other
        undecided = ~known
        if undecided.any():
            _raise_undecided(roster, name, words, undecided)
        out[name] = value & known
    return out


def _raise_undecided(
    roster: pd.DataFrame, name: str, words: Sequence[str], undecided: np.ndarray
) -> None:
    needs = []
    if any(w in ("female", "male") for w in words):
        needs.append(SEX)
    if any(w in ("ethnic_minority", "kinh") for w in words):
        needs.append(ETHNICITY)
    if any(w not in ("female", "male", "ethnic_minority", "kinh") for w in words):
        needs.append(BIRTH_YEAR)
    rows = np.flatnonzero(undecided)
    expected = (
        f"{' / '.join(needs)} để xếp người vào nhóm {name!r} (a value to place the person in "
        f"{name!r}; {len(rows)} rows lack it)"
    )
    problems = [
        Problem(expected=expected, value=None, row=roster.index[i], header=needs[-1])
        for i in rows[:_ROW_LIMIT]
    ]
    raise DataError(problems, source="roster", rows_read=len(roster), rows_reported=len(rows))


def count_intersections(
    roster: pd.DataFrame,
    *,
    by: Sequence[str] = (TERM, BODY),
    groups: Sequence[str] = (AGE_GROUP,),
    bands: Any = "forms",
    at: Any = None,
    majority: Sequence[str] = MAJORITY,
) -> pd.DataFrame:
    """Count members and women per group × age band (or ethnic minority): the intersections table.

    Parameters
    ----------
    roster : pandas.DataFrame
        A roster with ``birth_year`` (or ``birth_date``) and/or ``ethnicity``.
    by : sequence of str, default ``("term", "body")``
        The roster columns to keep apart (``"level"``, ``"unit_id"`` ...).
    groups : sequence of str, default ``("age_group",)``
        Derived columns to cross with: ``"age_group"``, ``"ethnic_minority"`` or both.
    bands, at, majority : optional
        As for :func:`derive_groups`.

    Returns
    -------
    pandas.DataFrame
        One row per ``by`` × ``groups`` cell with members: the columns, ``total``, ``female``,
        ``male`` (``total − female``), ``share`` (``female / total``) and ``share_of_body`` (the
        cell's members over all members of its ``by`` group, pooled).  Every band of ``bands``
        appears, with 0 members when nobody falls in it.

    Raises
    ------
    DataError
        When someone has no birth year (or ethnicity) for the groups asked: nobody is dropped.

    Examples
    --------
    >>> import pandas as pd
    >>> roster = pd.DataFrame({
    ...     "term": "2020-2025", "unit_id": "A", "unit_name": "A", "level": "district",
    ...     "body": "party_committee", "person_id": ["1", "2", "3", "4"],
    ...     "sex": ["F", "F", "M", "M"], "birth_year": [1985, 1960, 1982, 1975]})
    >>> count_intersections(roster)[["age_group", "total", "female", "share"]]
          age_group  total  female  share
    0  40_and_under      2       1    0.5
    1         41_50      1       0    0.0
    2       over_50      1       1    1.0
    """
    require_frame(
        roster,
        (),
        "count_intersections",
        _ROSTER_HINT,
    )
    by, groups = list(by), list(groups)
    unknown = [g for g in groups if g not in (AGE_GROUP, ETHNIC_MINORITY)]
    if unknown:
        raise ArgumentError(
            f"Nhóm không rõ (unknown groups {unknown}). Must be among ['age_group', "
            "'ethnic_minority']."
        )
    derived = derive_groups(roster, bands=bands, at=at, majority=majority)
    for group in groups:
        if group not in derived.columns:
            raise ArgumentError(
                f"Không suy ra được {group!r} (cannot derive {group!r}: the roster lacks its "
                "source column, birth_year/birth_date or ethnicity)."
            )
        undecided = derived[group].isna().to_numpy()
        if undecided.any():
            needs = [BIRTH_YEAR] if group == AGE_GROUP else [ETHNICITY]
            _raise_undecided(roster, group, ["age" if needs == [BIRTH_YEAR] else "kinh"],
                             undecided)  # fmt: skip
    if ETHNIC_MINORITY in groups:
        derived[ETHNIC_MINORITY] = derived[ETHNIC_MINORITY].astype(bool)
    counts = count(derived, by=[*by, *groups])
    if AGE_GROUP in groups:  # every band, even an empty one
        labels = [b[0] for b in _bands(bands)]
        keys = counts[by].drop_duplicates()
        others = [g for g in groups if g != AGE_GROUP]
        grid = keys.merge(pd.DataFrame({AGE_GROUP: labels}), how="cross")
        if others:
            grid = grid.merge(counts[[*by, *others]].drop_duplicates(), on=by)
        counts = grid.merge(counts, on=[*by, *groups], how="left")
        counts[[TOTAL, FEMALE]] = counts[[TOTAL, FEMALE]].fillna(0).astype(np.int64)
        order = {label: i for i, label in enumerate(labels)}
        counts = counts.assign(_rank=counts[AGE_GROUP].map(order))
        counts = counts.sort_values([*by, "_rank", *others], kind="stable").drop(columns="_rank")
        counts = counts.reset_index(drop=True)
    counts["male"] = counts[TOTAL] - counts[FEMALE]
    counts["share"] = (counts[FEMALE] / counts[TOTAL].where(counts[TOTAL] > 0)).astype("float64")
    body_total = (
        counts.groupby(by, sort=False)[TOTAL].transform("sum") if by else counts[TOTAL].sum()
    )
    counts["share_of_body"] = (counts[TOTAL] / body_total).astype("float64")
    return counts


def rollup(
    counts: pd.DataFrame,
    *,
    by: Sequence[str] = (TERM, LEVEL, BODY),
    values: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Pool counts over units: sums of members and of women, never means of shares.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts (see :mod:`gender_stats.schema`).
    by : sequence of str, default ``("term", "level", "body")``
        The groups to pool to; ``("term", "body")`` gives province (or national) totals.
    values : sequence of str, optional
        The count columns to add up; by default ``total``, ``female`` and every other integer
        column of ``counts``.

    Returns
    -------
    pandas.DataFrame
        One row per group: the ``by`` columns, the summed count columns and ``n_units`` (how many
        rows were pooled).

    Raises
    ------
    DataError
        As :func:`gender_stats.compliance.require_whole_counts` takes counts: a summed count that
        is not a whole number ≥ 0, missing (the members whose women, or members under 40, are
        unknown would stay in ``total``) or above ``total``, or a term × unit × body given twice.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"] * 3, "unit_id": ["A", "B", "C"], "unit_name": ["A", "B", "C"],
    ...     "level": ["district", "district", "agency"], "body": ["party_committee"] * 3,
    ...     "total": [40, 9, 11], "female": [4, 3, 2]})
    >>> rollup(counts)[["level", "total", "female", "n_units"]]
          level  total  female  n_units
    0    agency     11       2        1
    1  district     49       7        2

    The pooled share of the districts is 7 / 49, not the mean of 10 % and 33 %.
    """
    from gender_stats.compliance import require_whole_counts  # compliance imports this module

    require_frame(counts, list(by), "rollup", "pass counts (gs.read_counts or gs.count)")
    counts = _plain_text(counts)  # categoricals in any category order group as str
    by = list(by)
    if values is None:
        values = [
            c
            for c in counts.columns
            if c not in by and pd.api.types.is_integer_dtype(counts[c]) and c != "n_units"
        ]
        for required in (TOTAL, FEMALE):
            if required not in values and required in counts.columns:
                values.insert(0, required)
    values = list(values)
    # every summed column as check takes it: a missing count is no zero (members whose women,
    # or members under 40, are unknown stay out of no sum), text is read as numbers, a unit
    # given twice is refused
    members = [v for v in values if v not in _NOT_MEMBERS]  # seats may exceed the members
    counts = require_whole_counts(counts, members, pooled=True, unique=_row_key(counts, values))
    grouped = counts.groupby(by, sort=True, observed=True, dropna=False)
    out = grouped[values].sum()
    out["n_units"] = grouped.size()
    return out.reset_index()


#: Summed counts that are not members of the body, so not bounded by ``total``: the seats an
#: election form gives (the deputies to elect; fewer may be elected).
_NOT_MEMBERS = ("seats", "candidates")
#: Text columns that describe a counts row without telling it from another.
_DESCRIPTIVE = ("unit_name", "note", "source", "kind", "parent_id", "period")


def _row_key(counts: pd.DataFrame, values: Sequence[str]) -> tuple[str, ...]:
    """Return the columns that tell the rows of ``counts`` apart (term × unit × body, and more).

    Counts split by ethnicity or age group (``count(roster, by=(..., "ethnicity"))``) have one
    row per term × unit × body × group: the group is part of the key, so those rows are not a
    unit given twice.  ``()`` when the frame lacks term, unit or body (nothing to check).
    """
    if not all(c in counts.columns for c in (TERM, UNIT_ID, BODY)):
        return ()
    extra = [
        c
        for c in counts.columns
        if c not in (TERM, UNIT_ID, BODY, LEVEL, *values, *_DESCRIPTIVE)
        and not pd.api.types.is_numeric_dtype(counts[c])
    ]
    return (TERM, UNIT_ID, BODY, *extra)


# ---------------------------------------------------------------------------------------------
# charts: what plot_stacked draws (added with the charts work, issue 14.4)

#: Men in a body: ``total − female``.
MALE = "male"
#: Which panel of the women-and-men chart a body belongs to (:data:`PANELS`).
PANEL = "panel"
#: The panels: elected and appointed bodies (tens of members) and staff pools (thousands).
PANELS: tuple[str, ...] = ("bodies", "staff")
#: Bodies counted in thousands (the workforce and its planning pool), never drawn beside
#: committees counted in tens.
STAFF_BODIES: tuple[str, ...] = ("staff", "planning_pool")


def women_men_totals(counts: pd.DataFrame, *, by: str = LEVEL) -> pd.DataFrame:
    """Pool women and men per group (level by default) and body, for one term.

    This is what :func:`gender_stats.plot_stacked` draws: members are pooled over the units of
    each group with :func:`rollup` (sums of counts), men are ``total − female``, and each body is
    put in a panel, ``"bodies"`` or ``"staff"`` (:data:`STAFF_BODIES`), so that staff counted in
    thousands are never drawn on the scale of committees counted in tens.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts of one term (see :mod:`gender_stats.schema`), or any frame with ``body``,
        ``total``, ``female`` and the ``by`` column; not changed.
    by : str, default "level"
        The column grouping the bodies (``"level"``, ``"unit_name"``, ...).

    Returns
    -------
    pandas.DataFrame
        One row per group × body: ``by``, ``body``, ``total``, ``female``, ``male``,
        ``n_units`` and ``panel``; levels in the order of :data:`gender_stats.vocab.LEVELS`
        (other groups sorted), bodies in the order of :data:`gender_stats.vocab.BODIES`.

    Raises
    ------
    gender_stats.errors.ArgumentError
        If a column is missing or the counts hold several terms (pooling terms would add the same
        seats twice).

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"] * 4, "unit_id": ["A", "B", "C", "A"],
    ...     "level": ["district", "district", "agency", "district"],
    ...     "body": ["party_committee"] * 3 + ["staff"],
    ...     "total": [40, 9, 11, 1200], "female": [4, 3, 2, 610]})
    >>> women_men_totals(counts)[["level", "body", "female", "male", "panel"]]
          level             body  female  male   panel
    0  district  party_committee       7    42  bodies
    1  district            staff     610   590   staff
    2    agency  party_committee       2     9  bodies
    """
    require_frame(counts, [by, BODY, TOTAL, FEMALE], "women_men_totals", "pass counts")
    if TERM in counts.columns:
        terms = sorted(counts[TERM].dropna().astype(str).unique().tolist())
        if len(terms) > 1:
            raise ArgumentError(
                f"cộng dồn một nhiệm kỳ mỗi lần (expected the counts of one term, got "
                f"{len(terms)}: {terms}). Hint: keep one term, e.g. counts[counts.term == "
                f"{terms[-1]!r}]."
            )
    pooled = rollup(counts, by=(by, BODY), values=(TOTAL, FEMALE))
    group_order = list(LEVELS) if by == LEVEL else []
    groups = list(dict.fromkeys(pooled[by].astype(str)))
    groups = [g for g in group_order if g in groups] + [g for g in groups if g not in group_order]
    bodies = list(dict.fromkeys(pooled[BODY].astype(str)))
    bodies = [b for b in BODIES if b in bodies] + [b for b in bodies if b not in BODIES]
    group_rank = {g: i for i, g in enumerate(groups)}
    body_rank = {b: i for i, b in enumerate(bodies)}
    pooled = pooled.assign(
        _g=pooled[by].astype(str).map(group_rank), _b=pooled[BODY].astype(str).map(body_rank)
    ).sort_values(["_g", "_b"], kind="stable")
    total = pd.to_numeric(pooled[TOTAL])
    female = pd.to_numeric(pooled[FEMALE])
    return pd.DataFrame(
        {
            by: pooled[by].to_numpy(),
            BODY: pooled[BODY].to_numpy(),
            TOTAL: total.to_numpy(),
            FEMALE: female.to_numpy(),
            MALE: (total - female).to_numpy(),
            "n_units": pooled["n_units"].to_numpy(),
            PANEL: np.where(pooled[BODY].isin(STAFF_BODIES), PANELS[1], PANELS[0]),
        }
    )


def intersection_matrix(
    table: pd.DataFrame, *, rows: Sequence[str] = (BODY,), columns: str = AGE_GROUP
) -> pd.DataFrame:
    """Pool an intersections table into rows × columns of women, members and women's share.

    This is what :func:`gender_stats.plot_intersections` draws.  When the table holds several
    terms, ``term`` is added to ``rows`` (terms are never pooled together).

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`count_intersections`: ``total``, ``female`` and the ``rows`` and
        ``columns`` columns; not changed.
    rows : sequence of str, default ``("body",)``
        The columns that make the rows, in the order they first appear.
    columns : str, default "age_group"
        The column that makes the columns, in the order its values first appear.

    Returns
    -------
    pandas.DataFrame
        Index: the ``rows`` keys; columns: ``(female | total | share, value of columns)``.
        Counts are sums (0 where no row); the share is ``female / total``, NaN without members.

    Raises
    ------
    DataError
        A count missing, negative, fractional, or women above the members, naming each row.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"body": ["party_committee"] * 3 + ["peoples_council"],
    ...     "age_group": ["40_and_under", "41_50", "41_50", "over_50"],
    ...     "total": [10, 12, 8, 6], "female": [3, 1, 3, 3]})
    >>> m = intersection_matrix(table)
    >>> m["female"].to_numpy().tolist(), m["total"].to_numpy().tolist()
    ([[3, 4, 0], [0, 0, 3]], [[10, 20, 0], [0, 0, 6]])
    >>> m["share"].round(2).to_numpy().tolist()
    [[0.3, 0.2, nan], [nan, nan, 0.5]]
    """
    # the guard of the indicators (imported here: compliance imports this module): a missing
    # count would be summed as 0 on one side only (women of one cell over members of another)
    from gender_stats.compliance import require_whole_counts

    rows = list(rows)
    require_frame(table, [*rows, columns, TOTAL, FEMALE], "intersection_matrix", "pass counts")
    table = require_whole_counts(table, (FEMALE,), pooled=True)
    if TERM in table.columns and len(pd.unique(table[TERM])) > 1 and TERM not in rows:
        rows.append(TERM)
    keys = pd.MultiIndex.from_frame(table[rows]).unique()
    bands = pd.Index(pd.unique(table[columns]))
    row_at = keys.get_indexer(pd.MultiIndex.from_frame(table[rows]))
    col_at = bands.get_indexer(pd.Index(table[columns]))
    counts = {}
    for name in (FEMALE, TOTAL):
        grid = np.zeros((len(keys), len(bands)), dtype=np.int64)
        np.add.at(grid, (row_at, col_at), pd.to_numeric(table[name]).fillna(0).to_numpy(np.int64))
        counts[name] = grid
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(counts[TOTAL] > 0, counts[FEMALE] / counts[TOTAL], np.nan)
    parts = {FEMALE: counts[FEMALE], TOTAL: counts[TOTAL], SHARE: share}
    return pd.concat(
        {name: pd.DataFrame(values, index=keys, columns=bands) for name, values in parts.items()},
        axis=1,
    )
