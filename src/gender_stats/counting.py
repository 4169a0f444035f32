"""Counting: from a roster to counts, and from counts to pooled totals.

:func:`count` is the only step that touches every person-seat; everything after it works on counts,
which are small.  :func:`rollup` pools counts over units (to a level or to the province): it adds
numerators and denominators, it never averages percentages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

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
    roster: pd.DataFrame,
    *,
    by: Sequence[str] = COUNT_BY,
    numerators: Mapping[str, Mask] | None = None,
) -> pd.DataFrame:
    """Count members and women per group of a roster.

    Parameters
    ----------
    roster : pandas.DataFrame
        A roster (see :mod:`gender_stats.schema`): one row per person per seat.
    by : sequence of str, default ``("term", "unit_id", "unit_name", "level", "body")``
        The grouping columns.  Add a column (``"ethnicity"``, ``"kind"``) to disaggregate further.
    numerators : mapping of str to mask, optional
        Other groups to count beside women, e.g. ``{"under_40": roster["birth_year"] > 1975}``.
        A mask is a boolean Series aligned with ``roster``, a boolean array, or a function that takes
        the roster and returns one.  Each becomes an integer column of the result.

    Returns
    -------
    pandas.DataFrame
        One row per group that has at least one person: the ``by`` columns, ``total`` (persons) and
        ``female`` (persons with ``sex == "F"``), then one column per numerator; sorted by ``by``.

    Notes
    -----
    ``total`` is the number of roster rows in the group and ``female`` the number of them with sex
    ``F``, so ``counts["total"].sum() == len(roster)`` always holds.

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
    """
    by = list(by)
    missing = [c for c in (*by, SEX) if c not in roster.columns]
    if missing:
        raise KeyError(f"count() needs the roster columns {missing}; got {list(roster.columns)}")
    columns: dict[str, Any] = {TOTAL: np.ones(len(roster), dtype=np.int64)}
    columns[FEMALE] = (roster[SEX] == "F").to_numpy(dtype=np.int64)
    for name, mask in (numerators or {}).items():
        values = mask(roster) if callable(mask) else mask
        columns[name] = np.asarray(values, dtype=bool).astype(np.int64)
    frame = pd.DataFrame({c: roster[c].to_numpy() for c in by} | columns)
    out = frame.groupby(by, sort=True, observed=True, dropna=False).sum().reset_index()
    return out


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
