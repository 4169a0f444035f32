"""Counting: from a roster to counts, and from counts to pooled totals.

:func:`count` is the only step that touches every person-seat; everything after it works on counts,
which are small.  :func:`rollup` pools counts over units (to a level or to the province): it adds
numerators and denominators, it never averages percentages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd
from narwhals.typing import IntoFrame

from gender_stats.schema import (
    BODY,
    FEMALE,
    LEVEL,
    SEX,
    TERM,
    TOTAL,
    UNIT_ID,
    UNIT_NAME,
)

__all__ = ["count", "rollup"]

#: The default grouping of :func:`count`: one row per term × unit × body.
COUNT_BY: tuple[str, ...] = (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY)

Mask = pd.Series | np.ndarray | Callable[[pd.DataFrame], Any]


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
        A mask is a boolean Series aligned with ``roster``, a boolean array, or a function that takes
        the roster and returns one.  Each becomes an integer column of the result.  For a frame of
        another engine, a mask is a narwhals expression, e.g. ``nw.col("birth_year") > 1975``.

    Returns
    -------
    pandas.DataFrame
        One row per group that has at least one person: the ``by`` columns, ``total`` (persons) and
        ``female`` (persons with ``sex == "F"``), then one column per numerator; sorted by ``by``.

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
    """
    if not isinstance(roster, pd.DataFrame):
        return _count_lazy(roster, by=list(by), numerators=numerators)
    by = list(by)
    missing = [c for c in (*by, SEX) if c not in roster.columns]
    if missing:
        raise KeyError(f"count() needs the roster columns {missing}; got {list(roster.columns)}")
    n_rows = len(roster)
    masks = {FEMALE: _is_female(roster[SEX])}
    for name, mask in (numerators or {}).items():
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
    for codes, values in parts:
        shift = int(codes.min() < 0)
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
            key = codes.astype(np.int64)
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
        raise TypeError(
            "count() takes a pandas DataFrame or a frame that narwhals supports (polars, DuckDB, "
            f"pyarrow, ...); got {type(roster).__name__}"
        ) from err
    names = frame.collect_schema().names()
    missing = [c for c in (*by, SEX) if c not in names]
    if missing:
        raise KeyError(f"count() needs the roster columns {missing}; got {names}")
    # the flags first, then elementary aggregations (which every engine, pyarrow too, can group)
    flags = {FEMALE: nw.col(SEX) == "F"}
    for name, mask in (numerators or {}).items():
        if not isinstance(mask, nw.Expr):
            raise TypeError(
                f"on a {type(roster).__name__}, the numerator {name!r} must be a narwhals "
                'expression such as nw.col("birth_year") > 1975; got ' + type(mask).__name__
            )
        flags[name] = mask
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
    for column in by:
        if pd.api.types.is_object_dtype(out[column]) or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].astype("str")
    for column in (TOTAL, FEMALE, *(numerators or {})):
        out[column] = out[column].fillna(0).astype(np.int64)
    if by:
        out = out.sort_values(by, na_position="last", kind="stable")
    return out.reset_index(drop=True)


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
    grouped = counts.groupby(by, sort=True, observed=True, dropna=False)
    out = grouped[values].sum()
    out["n_units"] = grouped.size()
    return out.reset_index()
